//! The office's settings (shared by its devices) and this device's own.

use super::attendance::OfficeCalendar;
use super::date::{Date, Instant, MS_PER_DAY};
use super::i18n::Lang;
use super::date::{hhmm, parse_hhmm};
use super::library::{open_days_later, LendingRules, OPEN_DAY_HOLDS_SINCE};
use super::reminders::NotifyPrefs;
use super::reservations::MealRules;
use super::people::{default_teams, Team};
use super::invite::OfficeLink;
use super::pin::{PinGuard, PinHash};
use super::record::Meta;
use super::replication::Account;
use super::text::{single_line, FieldError};
use serde::{Deserialize, Serialize};

pub const OFFICE_NAME_MAX_CHARS: usize = 80;
/// Far above any office; a larger number is a typing slip.
pub const CAPACITY_MAX: u32 = 100_000;
/// The most meal sets an office may let one person reserve for a day.
pub const MEALS_PER_DAY_MAX: u32 = 5;

/// Key of the office settings record in the settings store.
pub const OFFICE_KEY: &str = "office";
/// Key of this device's settings record in the settings store.
pub const DEVICE_KEY: &str = "device";

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OfficeSettings {
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
    /// Days a book is lent for.
    #[serde(default = "default_loan_days")]
    pub loan_days: u32,
    /// Books one person may have at once.
    #[serde(default = "default_max_loans")]
    pub max_loans: u32,
    /// Days a returned book waits for the first in line.
    #[serde(default = "default_hold_days")]
    pub hold_days: u32,
    /// Meal reservations for a day close at this minute of that day.
    #[serde(default = "default_cutoff_minute")]
    pub cutoff_minute: u32,
    /// Meal sets one person may reserve for one day.
    #[serde(default = "default_meals_per_day")]
    pub meals_per_day: u32,
    /// The key of the door codes and personal passes (32 bytes, hex):
    /// every device of the office has it, with these settings. Empty in
    /// offices made before it existed, until an admin shows the door code.
    #[serde(default)]
    pub door_secret: String,
    /// How often the door code changes, in minutes; 0: once a day.
    #[serde(default)]
    pub door_rotation_minutes: u32,
}

fn default_cutoff_minute() -> u32 {
    MealRules::default().cutoff_minute
}

fn default_meals_per_day() -> u32 {
    MealRules::default().per_day as u32
}

fn default_loan_days() -> u32 {
    LendingRules::default().loan_days
}

fn default_max_loans() -> u32 {
    LendingRules::default().max_loans as u32
}

fn default_hold_days() -> u32 {
    LendingRules::default().hold_days
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
            loan_days: default_loan_days(),
            max_loans: default_max_loans(),
            hold_days: default_hold_days(),
            cutoff_minute: default_cutoff_minute(),
            meals_per_day: default_meals_per_day(),
            door_secret: String::new(),
            door_rotation_minutes: 0,
        }
    }

    /// What the screens go by before an office is set up or joined (or
    /// while its settings load): UTC, the default rules, no holidays.
    pub fn unset() -> OfficeSettings {
        OfficeSettings::new("UTC", 0, "")
    }

    pub fn meal_rules(&self) -> MealRules {
        MealRules { cutoff_minute: self.cutoff_minute, per_day: self.meals_per_day as usize, ..MealRules::default() }
    }

    pub fn lending(&self) -> LendingRules {
        LendingRules { loan_days: self.loan_days, max_loans: self.max_loans as usize, hold_days: self.hold_days }
    }

    /// When a copy held for someone from an instant stops waiting: the
    /// office's hold days later, counting the days it is open. `utc_offset`
    /// is the office's offset on a day (its time zone's). Holds that began
    /// before [`OPEN_DAY_HOLDS_SINCE`] keep the plain days they were
    /// decided by: a copy that lapsed to the next in line, who borrowed
    /// it, stays theirs.
    pub fn hold_until<'a>(&self, utc_offset: &'a dyn Fn(Date) -> i32) -> impl Fn(Instant) -> Instant + 'a {
        let (calendar, days) = (self.calendar(), self.hold_days);
        move |since| {
            if since < OPEN_DAY_HOLDS_SINCE {
                since + i64::from(days) * MS_PER_DAY
            } else {
                open_days_later(since, days, &calendar, utc_offset)
            }
        }
    }

    pub fn calendar(&self) -> OfficeCalendar {
        OfficeCalendar::new(self.holidays.iter().copied())
    }

    pub fn team_name(&self, team_id: &str) -> String {
        self.teams.iter().find(|t| t.id == team_id).map_or_else(|| team_id.to_owned(), |t| t.name.clone())
    }
}

/// The admin's office form, as typed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct OfficeForm {
    pub name: String,
    pub capacity: String,
    pub loan_days: String,
    pub max_loans: String,
    pub hold_days: String,
    pub cutoff: String,
    pub meals_per_day: String,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct OfficeErrors {
    pub name: Option<FieldError>,
    pub capacity: Option<FieldError>,
    pub loan_days: Option<FieldError>,
    pub max_loans: Option<FieldError>,
    pub hold_days: Option<FieldError>,
    pub cutoff: Option<FieldError>,
    pub meals_per_day: Option<FieldError>,
}

impl OfficeForm {
    pub fn of(office: &OfficeSettings) -> OfficeForm {
        OfficeForm {
            name: office.name.clone(),
            capacity: office.capacity.to_string(),
            loan_days: office.loan_days.to_string(),
            max_loans: office.max_loans.to_string(),
            hold_days: office.hold_days.to_string(),
            cutoff: hhmm(office.cutoff_minute),
            meals_per_day: office.meals_per_day.to_string(),
        }
    }

    /// The office with the form's values, or why not.
    pub fn apply(&self, office: &OfficeSettings) -> Result<OfficeSettings, OfficeErrors> {
        let name = single_line(&self.name, OFFICE_NAME_MAX_CHARS);
        let capacity = parse_whole_number(&self.capacity, 1, CAPACITY_MAX);
        let loan_days = parse_whole_number(&self.loan_days, 1, 365);
        let max_loans = parse_whole_number(&self.max_loans, 1, 50);
        let hold_days = parse_whole_number(&self.hold_days, 1, 30);
        let cutoff = if self.cutoff.trim().is_empty() {
            Err(FieldError::Required)
        } else {
            parse_hhmm(&self.cutoff).ok_or(FieldError::NotATime)
        };
        let meals_per_day = parse_whole_number(&self.meals_per_day, 1, MEALS_PER_DAY_MAX);
        match (name, capacity, loan_days, max_loans, hold_days, cutoff, meals_per_day) {
            (Ok(name), Ok(capacity), Ok(loan_days), Ok(max_loans), Ok(hold_days), Ok(cutoff_minute), Ok(meals_per_day)) => {
                Ok(OfficeSettings { name, capacity, loan_days, max_loans, hold_days, cutoff_minute, meals_per_day, ..office.clone() })
            }
            (name, capacity, loan_days, max_loans, hold_days, cutoff, meals_per_day) => Err(OfficeErrors {
                name: name.err(),
                capacity: capacity.err(),
                loan_days: loan_days.err(),
                max_loans: max_loans.err(),
                hold_days: hold_days.err(),
                cutoff: cutoff.err(),
                meals_per_day: meals_per_day.err(),
            }),
        }
    }
}

/// A whole number typed into a field, within `min..=max`.
pub fn parse_whole_number(text: &str, min: u32, max: u32) -> Result<u32, FieldError> {
    let text = text.trim();
    if text.is_empty() {
        return Err(FieldError::Required);
    }
    match text.parse::<u64>() {
        Ok(n) if n >= u64::from(min) && n <= u64::from(max) => Ok(n as u32),
        Ok(_) => Err(FieldError::OutOfRange { min, max }),
        // A negative or huge integer is out of range; "1.5" or "12 people"
        // is not a whole number at all.
        Err(_) => {
            let digits = text.strip_prefix('-').unwrap_or(text);
            if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) {
                Err(FieldError::OutOfRange { min, max })
            } else {
                Err(FieldError::NotAWholeNumber)
            }
        }
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
    /// Written into every record this device makes.
    pub device_id: String,
    /// Who uses the app on this device; `None` until the welcome screen.
    #[serde(default)]
    pub person_id: Option<String>,
    pub lang: Lang,
    #[serde(default)]
    pub theme: Theme,
    #[serde(default)]
    pub notify: NotifyPrefs,
    /// The reception kiosk: the device shows only the kiosk screen.
    #[serde(default)]
    pub kiosk: bool,
    /// The admin PIN of this device, as a salted hash (never the PIN).
    #[serde(default)]
    pub admin_pin: Option<PinHash>,
    /// Wrong PIN tries and the wait they earned (kept across reloads).
    #[serde(default)]
    pub pin_guard: PinGuard,
    /// The office this device syncs with, if it joined one.
    #[serde(default)]
    pub office: Option<OfficeLink>,
    /// The account last signed in there (its roles decide what the app
    /// shows; the server decides what it accepts). Never a password.
    #[serde(default)]
    pub account: Option<Account>,
}

impl DeviceSettings {
    pub fn new(device_id: String, lang: Lang) -> DeviceSettings {
        DeviceSettings {
            device_id,
            person_id: None,
            lang,
            theme: Theme::System,
            notify: NotifyPrefs::default(),
            kiosk: false,
            admin_pin: None,
            pin_guard: PinGuard::default(),
            office: None,
            account: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_numbers() {
        assert_eq!(parse_whole_number(" 120 ", 1, 1000), Ok(120));
        assert_eq!(parse_whole_number("", 1, 1000), Err(FieldError::Required));
        assert_eq!(parse_whole_number("0", 1, 1000), Err(FieldError::OutOfRange { min: 1, max: 1000 }));
        assert_eq!(parse_whole_number("-3", 1, 1000), Err(FieldError::OutOfRange { min: 1, max: 1000 }));
        assert_eq!(parse_whole_number("99999999999999999999", 1, 1000), Err(FieldError::OutOfRange { min: 1, max: 1000 }));
        assert_eq!(parse_whole_number("--3", 1, 1000), Err(FieldError::NotAWholeNumber));
        assert_eq!(parse_whole_number("12.5", 1, 1000), Err(FieldError::NotAWholeNumber));
        assert_eq!(parse_whole_number("12 people", 1, 1000), Err(FieldError::NotAWholeNumber));
    }

    #[test]
    fn office_form() {
        let office = OfficeSettings::new("Europe/Paris", 0, "dev");
        let form = OfficeForm { name: " Lyon office ".into(), capacity: "45".into(), ..OfficeForm::of(&office) };
        let changed = form.apply(&office).unwrap();
        assert_eq!((changed.name.as_str(), changed.capacity), ("Lyon office", 45));
        assert_eq!(changed.teams, office.teams);
        let bad = OfficeForm { name: "".into(), capacity: "100001".into(), hold_days: "0".into(), cutoff: "25:00".into(), ..OfficeForm::of(&office) };
        assert_eq!(
            bad.apply(&office),
            Err(OfficeErrors {
                name: Some(FieldError::Required),
                capacity: Some(FieldError::OutOfRange { min: 1, max: CAPACITY_MAX }),
                hold_days: Some(FieldError::OutOfRange { min: 1, max: 30 }),
                cutoff: Some(FieldError::NotATime),
                ..OfficeErrors::default()
            })
        );
        assert_eq!(office.lending(), LendingRules::default());
    }
}
