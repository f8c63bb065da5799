//! The office's settings (shared by its devices) and this device's own.

use super::attendance::OfficeCalendar;
use super::date::{Date, Instant};
use super::i18n::Lang;
use super::people::{default_teams, Team};
use super::record::Meta;
use serde::{Deserialize, Serialize};

/// Key of the office settings record in the settings store.
pub const OFFICE_KEY: &str = "office";
/// Key of this device's settings record in the settings store.
pub const DEVICE_KEY: &str = "device";

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OfficeSettings {
    #[serde(flatten)]
    pub meta: Meta,
    pub name: String,
    /// IANA time zone of the office ("Europe/Paris"): its calendar days and
    /// clock times are the ones every rule uses.
    pub time_zone: String,
    /// How many people the office holds; the admin's "in today" is out of it.
    pub capacity: u32,
    pub teams: Vec<Team>,
    /// Days the office is closed besides weekends.
    pub holidays: Vec<Date>,
    /// The built-in demo office (so the UI can offer to switch person).
    pub demo: bool,
}

impl OfficeSettings {
    /// A newly set-up office: default teams, no holidays yet.
    pub fn new(time_zone: &str, at: Instant, device_id: &str) -> OfficeSettings {
        OfficeSettings {
            meta: Meta::new(OFFICE_KEY.into(), at, device_id),
            name: "Office".into(),
            time_zone: time_zone.into(),
            capacity: 120,
            teams: default_teams(),
            holidays: Vec::new(),
            demo: false,
        }
    }

    pub fn calendar(&self) -> OfficeCalendar {
        OfficeCalendar::new(self.holidays.iter().copied())
    }

    pub fn team_name(&self, team_id: &str) -> String {
        self.teams.iter().find(|t| t.id == team_id).map_or_else(|| team_id.to_owned(), |t| t.name.clone())
    }
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Theme {
    #[default]
    System,
    Light,
    Dark,
}

/// This device's own settings: never merged into another device.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeviceSettings {
    /// Always [`DEVICE_KEY`].
    pub id: String,
    /// Written into every record this device makes.
    pub device_id: String,
    /// Who uses the app on this device; `None` until the welcome screen.
    #[serde(default)]
    pub person_id: Option<String>,
    pub lang: Lang,
    #[serde(default)]
    pub theme: Theme,
    /// Shows the admin's screens (guarded by a PIN in a later version).
    #[serde(default)]
    pub admin_view: bool,
}

impl DeviceSettings {
    pub fn new(device_id: String, lang: Lang) -> DeviceSettings {
        DeviceSettings { id: DEVICE_KEY.into(), device_id, person_id: None, lang, theme: Theme::System, admin_view: false }
    }
}
