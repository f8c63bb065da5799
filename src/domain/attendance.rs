//! Check-in and check-out: the events, the rules that decide what a tap
//! writes, and what each person's days in the office are derived from them.

use super::date::{Date, Instant};
use super::record::Meta;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CheckKind {
    In,
    Out,
}

/// How the person checked in: the admin's roster shows it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CheckMethod {
    /// One tap on one's own phone.
    Tap,
    /// The door QR code of the day, scanned with one's phone.
    DoorCode,
    /// Picked one's name at the reception kiosk.
    Kiosk,
    /// Showed one's personal QR pass to the kiosk.
    Pass,
}

impl CheckMethod {
    pub fn as_str(self) -> &'static str {
        match self {
            CheckMethod::Tap => "tap",
            CheckMethod::DoorCode => "door_code",
            CheckMethod::Kiosk => "kiosk",
            CheckMethod::Pass => "pass",
        }
    }
}

/// A check-in or check-out: an immutable fact. What the screens show is
/// derived from these (see [`visits`]).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CheckEvent {
    pub meta: Meta,
    pub person_id: String,
    /// The office-local calendar day it belongs to.
    pub day: Date,
    pub at: Instant,
    pub kind: CheckKind,
    pub method: CheckMethod,
}

/// What a check-in or check-out tap should do, given the person's events of
/// that day (of every device, tombstones included).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CheckDecision {
    /// Write a new event.
    Record,
    /// Already done today: write nothing (a second tap, a second tab).
    AlreadyDone,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CheckRefusal {
    /// A check-out needs a check-in first.
    NotCheckedIn,
}

pub fn decide(kind: CheckKind, events_of_the_day: &[CheckEvent]) -> Result<CheckDecision, CheckRefusal> {
    let has = |k: CheckKind| events_of_the_day.iter().any(|e| e.meta.is_live() && e.kind == k);
    match kind {
        CheckKind::In if has(CheckKind::In) => Ok(CheckDecision::AlreadyDone),
        CheckKind::In => Ok(CheckDecision::Record),
        CheckKind::Out if !has(CheckKind::In) => Err(CheckRefusal::NotCheckedIn),
        CheckKind::Out if has(CheckKind::Out) => Ok(CheckDecision::AlreadyDone),
        CheckKind::Out => Ok(CheckDecision::Record),
    }
}

/// A person's day in the office.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Visit {
    pub person_id: String,
    pub day: Date,
    pub arrived_at: Instant,
    pub left_at: Option<Instant>,
    pub method: CheckMethod,
}

/// Derives visits from events: per person and day, the earliest live
/// check-in, and the latest live check-out after it. Merged data from two
/// devices may hold two check-ins for one day; they still make one visit.
/// Sorted by day, then arrival.
pub fn visits<'a>(events: impl IntoIterator<Item = &'a CheckEvent>) -> Vec<Visit> {
    // Per (day, person): the earliest check-in and the latest check-out.
    type Ends<'e> = (Option<&'e CheckEvent>, Option<Instant>);
    let mut by_day: BTreeMap<(Date, &str), Ends<'_>> = BTreeMap::new();
    for event in events.into_iter().filter(|e| e.meta.is_live()) {
        let slot = by_day.entry((event.day, event.person_id.as_str())).or_default();
        match event.kind {
            CheckKind::In if slot.0.is_none_or(|first| event.at < first.at) => slot.0 = Some(event),
            CheckKind::In => {}
            CheckKind::Out => slot.1 = slot.1.max(Some(event.at)),
        }
    }
    let mut out: Vec<Visit> = by_day
        .into_iter()
        .filter_map(|((day, person), (first_in, last_out))| {
            let first_in = first_in?;
            Some(Visit {
                person_id: person.to_owned(),
                day,
                arrived_at: first_in.at,
                left_at: last_out.filter(|&out| out >= first_in.at),
                method: first_in.method,
            })
        })
        .collect();
    out.sort_unstable_by(|a, b| (a.day, a.arrived_at, &a.person_id).cmp(&(b.day, b.arrived_at, &b.person_id)));
    out
}

/// The office's working days: Monday to Friday, less the office holidays.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct OfficeCalendar {
    holidays: BTreeSet<Date>,
}

impl OfficeCalendar {
    pub fn new(holidays: impl IntoIterator<Item = Date>) -> OfficeCalendar {
        OfficeCalendar { holidays: holidays.into_iter().collect() }
    }

    pub fn is_holiday(&self, day: Date) -> bool {
        self.holidays.contains(&day)
    }

    pub fn is_working_day(&self, day: Date) -> bool {
        !day.weekday().is_weekend() && !self.is_holiday(day)
    }

    pub fn working_days(&self, from: Date, to: Date) -> u32 {
        from.through(to).filter(|&d| self.is_working_day(d)).count() as u32
    }

    /// `day` if the office is open then, else the next day it is (within
    /// a year; an office closed all year keeps `day`).
    pub fn working_day_from(&self, day: Date) -> Date {
        (0..=366).map(|n| day.add_days(n)).find(|&d| self.is_working_day(d)).unwrap_or(day)
    }

    /// The nearest working day strictly before `day` (within a year).
    pub fn previous_working_day(&self, day: Date) -> Option<Date> {
        (1..=366).map(|n| day.add_days(-n)).find(|&d| self.is_working_day(d))
    }
}

/// Consecutive working days in the office, up to today. Today counts once
/// checked in; before that, a streak that ran until the last working day is
/// not broken yet. Weekend and holiday visits neither count nor break it.
pub fn streak(days_present: &BTreeSet<Date>, calendar: &OfficeCalendar, today: Date) -> u32 {
    let mut day = if days_present.contains(&today) && calendar.is_working_day(today) {
        Some(today)
    } else {
        calendar.previous_working_day(today)
    };
    let mut count = 0;
    while let Some(d) = day.filter(|d| days_present.contains(d)) {
        count += 1;
        day = calendar.previous_working_day(d);
    }
    count
}

/// The weeks of a month for a calendar view, Monday first; days outside the
/// month are `None`.
pub fn month_weeks(any_day_of_month: Date) -> Vec<[Option<Date>; 7]> {
    let first = any_day_of_month.first_of_month();
    let last = first.last_of_month();
    let mut weeks = Vec::new();
    let mut monday = first.week_start();
    while monday <= last {
        let mut week = [None; 7];
        for (i, slot) in week.iter_mut().enumerate() {
            let d = monday.add_days(i as i32);
            if d >= first && d <= last {
                *slot = Some(d);
            }
        }
        weeks.push(week);
        monday = monday.add_days(7);
    }
    weeks
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(text: &str) -> Date {
        Date::parse_iso(text).unwrap()
    }

    fn event(id: &str, person: &str, day: &str, at: Instant, kind: CheckKind) -> CheckEvent {
        CheckEvent {
            meta: Meta::new(id.into(), at, "dev"),
            person_id: person.into(),
            day: d(day),
            at,
            kind,
            method: CheckMethod::Tap,
        }
    }

    #[test]
    fn check_in_is_idempotent() {
        assert_eq!(decide(CheckKind::In, &[]), Ok(CheckDecision::Record));
        let once = [event("a", "p", "2026-11-25", 100, CheckKind::In)];
        assert_eq!(decide(CheckKind::In, &once), Ok(CheckDecision::AlreadyDone));
    }

    #[test]
    fn check_out_needs_a_check_in_and_happens_once() {
        assert_eq!(decide(CheckKind::Out, &[]), Err(CheckRefusal::NotCheckedIn));
        let mut events = vec![event("a", "p", "2026-11-25", 100, CheckKind::In)];
        assert_eq!(decide(CheckKind::Out, &events), Ok(CheckDecision::Record));
        events.push(event("b", "p", "2026-11-25", 200, CheckKind::Out));
        assert_eq!(decide(CheckKind::Out, &events), Ok(CheckDecision::AlreadyDone));
    }

    #[test]
    fn tombstoned_check_in_does_not_count() {
        let mut undone = event("a", "p", "2026-11-25", 100, CheckKind::In);
        undone.meta.deleted_at = Some(150);
        assert_eq!(decide(CheckKind::In, std::slice::from_ref(&undone)), Ok(CheckDecision::Record));
        assert_eq!(decide(CheckKind::Out, &[undone]), Err(CheckRefusal::NotCheckedIn));
    }

    #[test]
    fn visits_merge_duplicates_from_two_devices() {
        let events = [
            event("b", "p", "2026-11-25", 300, CheckKind::In),
            event("a", "p", "2026-11-25", 200, CheckKind::In),
            event("c", "p", "2026-11-25", 900, CheckKind::Out),
            event("d", "p", "2026-11-25", 800, CheckKind::Out),
            event("e", "q", "2026-11-25", 250, CheckKind::In),
            // An orphan check-out (its check-in never merged) makes no visit.
            event("f", "r", "2026-11-24", 250, CheckKind::Out),
        ];
        let v = visits(&events);
        assert_eq!(v.len(), 2);
        assert_eq!((v[0].person_id.as_str(), v[0].arrived_at, v[0].left_at), ("p", 200, Some(900)));
        assert_eq!((v[1].person_id.as_str(), v[1].arrived_at, v[1].left_at), ("q", 250, None));
    }

    #[test]
    fn calendar_and_working_days() {
        let cal = OfficeCalendar::new([d("2026-11-11")]);
        // Mon 9 .. Sun 15 Nov 2026 holds 4 working days (Wed 11 is a holiday).
        assert_eq!(cal.working_days(d("2026-11-09"), d("2026-11-15")), 4);
        assert_eq!(cal.previous_working_day(d("2026-11-12")), Some(d("2026-11-10")));
        assert_eq!(cal.previous_working_day(d("2026-11-16")), Some(d("2026-11-13")));
    }

    #[test]
    fn streak_counts_working_days_only() {
        let cal = OfficeCalendar::new([d("2026-11-11")]);
        let present: BTreeSet<Date> =
            ["2026-11-06", "2026-11-09", "2026-11-10", "2026-11-12", "2026-11-13", "2026-11-14"]
                .into_iter()
                .map(d)
                .collect();
        // Mon 16, not in yet: Fri 13, Thu 12, (Wed 11 holiday), Tue 10, Mon 9, Fri 6.
        assert_eq!(streak(&present, &cal, d("2026-11-16")), 5);
        // A missed working day breaks it.
        let mut gap = present.clone();
        gap.remove(&d("2026-11-10"));
        assert_eq!(streak(&gap, &cal, d("2026-11-16")), 2);
        // Checked in today: today counts.
        let mut today = present.clone();
        today.insert(d("2026-11-16"));
        assert_eq!(streak(&today, &cal, d("2026-11-16")), 6);
        // On a Sunday the streak still stands from Friday.
        assert_eq!(streak(&present, &cal, d("2026-11-15")), 5);
        assert_eq!(streak(&BTreeSet::new(), &cal, d("2026-11-16")), 0);
    }

    #[test]
    fn month_grid() {
        // November 2026 starts on a Sunday and spans 6 rows.
        let weeks = month_weeks(d("2026-11-25"));
        assert_eq!(weeks.len(), 6);
        assert_eq!(weeks[0], [None, None, None, None, None, None, Some(d("2026-11-01"))]);
        assert_eq!(weeks[5][0], Some(d("2026-11-30")));
        assert_eq!(weeks[5][1], None);
        // February 2027 starts on a Monday: exactly 4 rows.
        assert_eq!(month_weeks(d("2027-02-10")).len(), 4);
    }
}
