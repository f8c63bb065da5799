//! Announcements the admin publishes to the office's inbox, team events'
//! RSVPs, and the compose form's validation.

use super::date::{parse_hhmm, Date, Instant};
use super::field_rules::{FIRST_YEAR, LAST_YEAR};
use super::record::Meta;
use super::text::{multi_line, or_empty, single_line, FieldError};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

pub const TITLE_MAX_CHARS: usize = 120;
pub const BODY_MAX_CHARS: usize = 2000;
pub const PLACE_MAX_CHARS: usize = 120;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AnnouncementKind {
    ColdWeather,
    TeamEvent,
    Holiday,
    General,
}

impl AnnouncementKind {
    pub const ALL: [AnnouncementKind; 4] =
        [AnnouncementKind::ColdWeather, AnnouncementKind::TeamEvent, AnnouncementKind::Holiday, AnnouncementKind::General];
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

/// Where an announcement is in its life, for everyone's inbox.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AnnouncementState {
    Withdrawn,
    Scheduled,
    Showing,
    Expired,
}

impl Announcement {
    pub fn state(&self, now: Instant) -> AnnouncementState {
        if !self.meta.is_live() {
            AnnouncementState::Withdrawn
        } else if now < self.publish_at {
            AnnouncementState::Scheduled
        } else if self.expires_at.is_some_and(|end| end <= now) {
            AnnouncementState::Expired
        } else {
            AnnouncementState::Showing
        }
    }

    /// Published, not expired, not withdrawn.
    pub fn is_showing(&self, now: Instant) -> bool {
        self.state(now) == AnnouncementState::Showing
    }
}

/// "Going" or "not going" to an event: the latest answer of a person wins.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RsvpEvent {
    pub meta: Meta,
    pub announcement_id: String,
    pub person_id: String,
    pub at: Instant,
    pub going: bool,
}

impl EventDetails {
    /// Answers close when the event starts: an attendee count that could
    /// still change during the event would tell the organiser nothing.
    pub fn takes_answers(&self, now: Instant) -> bool {
        now < self.starts_at
    }
}

/// Why an answer to an announcement was not taken.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AnswerRefusal {
    /// It is not an event (or no longer one), or it was withdrawn.
    NotAnEvent,
    /// The event has started.
    Closed,
}

/// Whether a person may answer this announcement now.
pub fn may_answer(announcement: &Announcement, now: Instant) -> Result<(), AnswerRefusal> {
    match &announcement.event {
        Some(event) if announcement.meta.is_live() => event.takes_answers(now).then_some(()).ok_or(AnswerRefusal::Closed),
        _ => Err(AnswerRefusal::NotAnEvent),
    }
}

/// The latest live answer per key, given before the event started (an
/// answer another device stamped after the start does not count); ties on
/// time go to the larger id, so every device picks the same one.
fn latest_by<'a>(
    events: impl IntoIterator<Item = &'a RsvpEvent>,
    closes_at: impl Fn(&RsvpEvent) -> Option<Instant>,
    key: impl Fn(&RsvpEvent) -> &str,
) -> BTreeMap<String, bool> {
    let mut latest: BTreeMap<&str, (Instant, &str, bool)> = BTreeMap::new();
    for e in events.into_iter().filter(|e| e.meta.is_live() && closes_at(e).is_some_and(|end| e.at < end)) {
        let newer = latest.get(key(e)).is_none_or(|(at, id, _)| (e.at, e.meta.id.as_str()) > (*at, *id));
        if newer {
            latest.insert(key(e), (e.at, &e.meta.id, e.going));
        }
    }
    latest.into_iter().map(|(key, (_, _, going))| (key.to_owned(), going)).collect()
}

/// Each person's latest answer to one event.
pub fn answers<'a>(event: &EventDetails, events: impl IntoIterator<Item = &'a RsvpEvent>) -> BTreeMap<String, bool> {
    latest_by(events, |_| Some(event.starts_at), |e| &e.person_id)
}

/// The events one person is going to, by their latest answers:
/// (announcement id, title, starts at). Withdrawn ones are left out.
pub fn events_going(announcements: &[Announcement], my_answers: &[RsvpEvent]) -> Vec<(String, String, Instant)> {
    let event_of = |id: &str| announcements.iter().find(|a| a.meta.id == id && a.meta.is_live())?.event.as_ref();
    let mine = latest_by(my_answers, |e| Some(event_of(&e.announcement_id)?.starts_at), |e| &e.announcement_id);
    announcements
        .iter()
        .filter(|a| mine.get(&a.meta.id) == Some(&true))
        .filter_map(|a| Some((a.meta.id.clone(), a.title.clone(), a.event.as_ref()?.starts_at)))
        .collect()
}

/// The compose form, as typed (office-local dates and times).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AnnouncementForm {
    pub kind: Option<AnnouncementKind>,
    pub title: String,
    pub body: String,
    pub publish_day: String,
    pub publish_time: String,
    /// Optional: empty for no expiry.
    pub expires_day: String,
    pub expires_time: String,
    /// Team events only.
    pub event_day: String,
    pub event_time: String,
    pub place: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AnnouncementField {
    Kind,
    Title,
    Body,
    Publish,
    Expires,
    Event,
    Place,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AnnouncementError {
    Field(FieldError),
    ExpiresBeforePublish,
    EventInThePast,
}

/// The fields of a valid form.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AnnouncementFields {
    pub kind: AnnouncementKind,
    pub title: String,
    pub body: String,
    pub publish_at: Instant,
    pub expires_at: Option<Instant>,
    pub event: Option<EventDetails>,
}

fn moment(day: &str, time: &str, instant: &dyn Fn(Date, u32) -> Instant) -> Result<Instant, AnnouncementError> {
    let bad = |e| Err(AnnouncementError::Field(e));
    if day.trim().is_empty() {
        return bad(FieldError::Required);
    }
    let Ok(day) = Date::parse_iso(day.trim()) else { return bad(FieldError::NotADate) };
    // The years a stored record may have (a typo like 0226 is no date here).
    if !(FIRST_YEAR..=LAST_YEAR).contains(&day.year()) {
        return bad(FieldError::YearOutOfRange { first: FIRST_YEAR, last: LAST_YEAR });
    }
    let Some(minute) = parse_hhmm(time) else { return bad(FieldError::NotATime) };
    Ok(instant(day, minute))
}

impl AnnouncementForm {
    /// Checks the form; `instant` turns an office-local day and minute into
    /// an instant, `now` is when it is checked. `stored_event`: an edit's
    /// event time as stored, which may stay as it is once past (a typo
    /// fixed, an end added after the event began); a new or moved event
    /// must be in the future.
    pub fn validate(
        &self,
        instant: &dyn Fn(Date, u32) -> Instant,
        now: Instant,
        stored_event: Option<Instant>,
    ) -> Result<AnnouncementFields, Vec<(AnnouncementField, AnnouncementError)>> {
        let mut errors = Vec::new();
        let field = |e| AnnouncementError::Field(e);
        let kind = self.kind.ok_or(field(FieldError::Required));
        let title = single_line(&self.title, TITLE_MAX_CHARS).map_err(field);
        let body = or_empty(multi_line(&self.body, BODY_MAX_CHARS)).map_err(field);
        let publish = moment(&self.publish_day, &self.publish_time, instant);
        let expires = if self.expires_day.trim().is_empty() {
            Ok(None)
        } else {
            moment(&self.expires_day, &self.expires_time, instant).and_then(|end| match publish {
                Ok(start) if end <= start => Err(AnnouncementError::ExpiresBeforePublish),
                _ => Ok(Some(end)),
            })
        };
        let is_event = kind == Ok(AnnouncementKind::TeamEvent);
        let event = if is_event {
            moment(&self.event_day, &self.event_time, instant).and_then(|at| {
                if at <= now && Some(at) != stored_event { Err(AnnouncementError::EventInThePast) } else { Ok(Some(at)) }
            })
        } else {
            Ok(None)
        };
        let place = if is_event { or_empty(single_line(&self.place, PLACE_MAX_CHARS)).map_err(field) } else { Ok(String::new()) };
        for (name, error) in [
            (AnnouncementField::Kind, kind.err()),
            (AnnouncementField::Title, title.as_ref().err().copied()),
            (AnnouncementField::Body, body.as_ref().err().copied()),
            (AnnouncementField::Publish, publish.err()),
            (AnnouncementField::Expires, expires.err()),
            (AnnouncementField::Event, event.err()),
            (AnnouncementField::Place, place.as_ref().err().copied()),
        ] {
            if let Some(error) = error {
                errors.push((name, error));
            }
        }
        match (kind, title, body, publish, expires, event, place) {
            (Ok(kind), Ok(title), Ok(body), Ok(publish_at), Ok(expires_at), Ok(event), Ok(place)) if errors.is_empty() => {
                Ok(AnnouncementFields {
                    kind,
                    title,
                    body,
                    publish_at,
                    expires_at,
                    event: event.map(|starts_at| EventDetails { starts_at, place }),
                })
            }
            _ => Err(errors),
        }
    }
}

impl AnnouncementFields {
    pub fn into_announcement(self, meta: Meta) -> Announcement {
        Announcement {
            meta,
            kind: self.kind,
            title: self.title,
            body: self.body,
            publish_at: self.publish_at,
            expires_at: self.expires_at,
            event: self.event,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utc(day: Date, minute: u32) -> Instant {
        day.at_minute(minute, 0)
    }

    fn form(kind: AnnouncementKind) -> AnnouncementForm {
        AnnouncementForm {
            kind: Some(kind),
            title: "Game night".into(),
            body: "Pizza and board games.".into(),
            publish_day: "2026-11-25".into(),
            publish_time: "09:00".into(),
            expires_day: "2026-12-05".into(),
            expires_time: "23:00".into(),
            event_day: "2026-12-04".into(),
            event_time: "18:30".into(),
            place: "Rooftop".into(),
        }
    }

    const NOW: Instant = 1_795_000_000_000; // 2026-11-18

    #[test]
    fn a_team_event() {
        let fields = form(AnnouncementKind::TeamEvent).validate(&utc, NOW, None).unwrap();
        let day = Date::parse_iso("2026-12-04").unwrap();
        assert_eq!(fields.event, Some(EventDetails { starts_at: day.at_minute(18 * 60 + 30, 0), place: "Rooftop".into() }));
        let general = form(AnnouncementKind::General).validate(&utc, NOW, None).unwrap();
        assert_eq!(general.event, None, "only team events have an event");
    }

    #[test]
    fn bad_announcements_name_their_fields() {
        let bad = AnnouncementForm {
            title: "".into(),
            body: "x".repeat(2001),
            expires_day: "2026-11-24".into(),
            event_day: "2026-11-01".into(),
            ..form(AnnouncementKind::TeamEvent)
        };
        assert_eq!(
            bad.validate(&utc, NOW, None).unwrap_err(),
            [
                (AnnouncementField::Title, AnnouncementError::Field(FieldError::Required)),
                (AnnouncementField::Body, AnnouncementError::Field(FieldError::TooLong { max: 2000 })),
                (AnnouncementField::Expires, AnnouncementError::ExpiresBeforePublish),
                (AnnouncementField::Event, AnnouncementError::EventInThePast),
            ]
        );
        // An event already stored, begun by now, may be edited as it is;
        // moved, it must be in the future again.
        let begun = AnnouncementForm { event_day: "2026-01-01".into(), event_time: "08:00".into(), ..form(AnnouncementKind::TeamEvent) };
        let stored = begun.validate(&utc, 0, None).unwrap().event.map(|e| e.starts_at);
        assert!(begun.validate(&utc, NOW, stored).is_ok());
        let moved = AnnouncementForm { event_time: "07:00".into(), ..begun.clone() };
        assert_eq!(moved.validate(&utc, NOW, stored).unwrap_err(), [(AnnouncementField::Event, AnnouncementError::EventInThePast)]);
        let no_kind = AnnouncementForm { kind: None, publish_time: "9h75".into(), ..form(AnnouncementKind::General) };
        assert_eq!(
            no_kind.validate(&utc, NOW, None).unwrap_err(),
            [
                (AnnouncementField::Kind, AnnouncementError::Field(FieldError::Required)),
                (AnnouncementField::Publish, AnnouncementError::Field(FieldError::NotATime)),
            ]
        );
        // A typo in the year: a date, but none a record may have.
        let typo = AnnouncementForm { publish_day: "0226-11-25".into(), expires_day: "2100-01-01".into(), ..form(AnnouncementKind::General) };
        let years = AnnouncementError::Field(FieldError::YearOutOfRange { first: 2000, last: 2099 });
        assert_eq!(typo.validate(&utc, NOW, None).unwrap_err(), [(AnnouncementField::Publish, years), (AnnouncementField::Expires, years)]);
    }

    #[test]
    fn showing_and_answers() {
        let mut a = form(AnnouncementKind::General).validate(&utc, NOW, None).unwrap().into_announcement(Meta::new("a".into(), 0, "d"));
        assert!(!a.is_showing(a.publish_at - 1));
        assert!(a.is_showing(a.publish_at));
        assert!(!a.is_showing(a.expires_at.unwrap()));
        assert_eq!(a.state(a.publish_at - 1), AnnouncementState::Scheduled);
        assert_eq!(a.state(a.expires_at.unwrap()), AnnouncementState::Expired);
        a.meta.deleted_at = Some(1);
        assert!(!a.is_showing(a.publish_at), "withdrawn");
        assert_eq!(a.state(a.publish_at), AnnouncementState::Withdrawn);
        let rsvp = |id: &str, person: &str, at, going| RsvpEvent {
            meta: Meta::new(id.into(), at, "d"),
            announcement_id: "a".into(),
            person_id: person.into(),
            at,
            going,
        };
        let event = EventDetails { starts_at: 10, place: String::new() };
        let all = answers(&event, &[rsvp("1", "ann", 1, true), rsvp("2", "bob", 2, true), rsvp("3", "ann", 3, false)]);
        assert_eq!(all.get("ann"), Some(&false), "the latest answer wins");
        assert_eq!(all.values().filter(|g| **g).count(), 1);
        let late = answers(&event, &[rsvp("1", "ann", 1, true), rsvp("2", "ann", 10, false), rsvp("3", "bob", 11, true)]);
        assert_eq!(late, BTreeMap::from([("ann".to_owned(), true)]), "answers stamped at or after the start do not count");
    }

    #[test]
    fn answers_close_when_the_event_starts() {
        let mut a = form(AnnouncementKind::General).validate(&utc, NOW, None).unwrap().into_announcement(Meta::new("a".into(), 0, "d"));
        assert_eq!(may_answer(&a, NOW), Err(AnswerRefusal::NotAnEvent));
        a.event = Some(EventDetails { starts_at: NOW + 60_000, place: String::new() });
        assert_eq!(may_answer(&a, NOW), Ok(()));
        assert_eq!(may_answer(&a, NOW + 60_000), Err(AnswerRefusal::Closed));
        a.meta.deleted_at = Some(NOW);
        assert_eq!(may_answer(&a, NOW), Err(AnswerRefusal::NotAnEvent), "withdrawn");
    }

    #[test]
    fn the_events_a_person_is_going_to() {
        let event = |id: &str, starts_at| {
            let mut a = form(AnnouncementKind::TeamEvent).validate(&utc, NOW, None).unwrap().into_announcement(Meta::new(id.into(), 0, "d"));
            a.event = Some(EventDetails { starts_at, place: String::new() });
            a
        };
        let mut withdrawn = event("gone", NOW + 50);
        withdrawn.meta.deleted_at = Some(NOW);
        let mut notice = event("notice", NOW + 50);
        notice.event = None;
        let announcements = [event("party", NOW + 100), event("talk", NOW + 200), event("lunch", NOW + 300), withdrawn, notice];
        let mine = |id: &str, announcement: &str, at, going| RsvpEvent {
            meta: Meta::new(id.into(), at, "d"),
            announcement_id: announcement.into(),
            person_id: "me".into(),
            at,
            going,
        };
        let answered = [
            mine("1", "party", NOW, true),
            mine("2", "talk", NOW, true),
            mine("3", "talk", NOW + 1, false),
            mine("4", "lunch", NOW, false),
            mine("5", "lunch", NOW + 300, true),
            mine("6", "gone", NOW, true),
            mine("7", "notice", NOW, true),
        ];
        let going: Vec<String> = events_going(&announcements, &answered).into_iter().map(|(id, _, _)| id).collect();
        assert_eq!(going, ["party"], "each event's own latest answer before its start");
    }
}
