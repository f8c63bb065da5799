//! Announcements the admin publishes to the office's inbox.

use super::date::Instant;
use super::record::Meta;
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AnnouncementKind {
    ColdWeather,
    TeamEvent,
    Holiday,
    General,
}

/// When and where a team event happens (for RSVPs).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventDetails {
    pub starts_at: Instant,
    pub place: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Announcement {
    pub meta: Meta,
    pub kind: AnnouncementKind,
    pub title: String,
    pub body: String,
    pub publish_at: Instant,
    #[serde(default)]
    pub expires_at: Option<Instant>,
    #[serde(default)]
    pub event: Option<EventDetails>,
}
