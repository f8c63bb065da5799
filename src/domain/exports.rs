//! The attendance exports: what the admin downloads as CSV.

use super::attendance::{CheckEvent, CheckKind};
use super::csv::CsvWriter;
use super::date::{hhmm, iso_utc, minute_of_day, Date};
use super::people::Person;
use super::settings::OfficeSettings;
use super::stats::PersonRow;
use std::collections::HashMap;

/// The per-person table as shown (same rows, same order).
pub fn people_csv(rows: &[PersonRow], office: &OfficeSettings) -> String {
    let mut csv = CsvWriter::new();
    csv.row(["name", "team", "days_present", "working_days", "rate_percent", "last_seen", "person_id"]);
    for r in rows {
        csv.row([
            r.name.clone(),
            office.team_name(&r.team_id),
            r.days_present.to_string(),
            r.working_days.to_string(),
            r.rate_percent.to_string(),
            r.last_seen.map(|d| d.to_string()).unwrap_or_default(),
            r.person_id.clone(),
        ]);
    }
    csv.finish()
}

/// Every live check-in and check-out event, in time order: one row each,
/// with the office-local time (given the office's UTC offset on each day,
/// in minutes) and the UTC instant.
pub fn checkins_csv(
    events: &[CheckEvent],
    people: &[Person],
    office: &OfficeSettings,
    utc_offset: &dyn Fn(Date) -> i32,
) -> String {
    let by_id: HashMap<&str, &Person> = people.iter().map(|p| (p.meta.id.as_str(), p)).collect();
    let mut live: Vec<&CheckEvent> = events.iter().filter(|e| e.meta.is_live()).collect();
    live.sort_unstable_by(|a, b| (a.at, &a.meta.id).cmp(&(b.at, &b.meta.id)));
    let mut csv = CsvWriter::new();
    csv.row(["date", "time", "event", "method", "name", "team", "person_id", "utc", "event_id", "device_id"]);
    for e in live {
        let person = by_id.get(e.person_id.as_str());
        csv.row([
            e.day.to_string(),
            hhmm(minute_of_day(e.at, utc_offset(e.day))),
            match e.kind {
                CheckKind::In => "in".to_owned(),
                CheckKind::Out => "out".to_owned(),
            },
            e.method.as_str().to_owned(),
            person.map(|p| p.name.clone()).unwrap_or_default(),
            person.map(|p| office.team_name(&p.team_id)).unwrap_or_default(),
            e.person_id.clone(),
            iso_utc(e.at),
            e.meta.id.clone(),
            e.meta.device_id.clone(),
        ]);
    }
    csv.finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::attendance::CheckMethod;
    use crate::domain::date::Date;
    use crate::domain::record::Meta;

    #[test]
    fn checkins_csv_rows_in_time_order_without_tombstones() {
        let office = OfficeSettings::new("Europe/Paris", 0, "dev");
        let people = vec![Person { meta: Meta::new("p1".into(), 0, "dev"), name: "Durand, Zoé".into(), team_id: "design".into() }];
        let day = Date::parse_iso("2026-11-25").unwrap();
        let event = |id: &str, minute: u32, kind| CheckEvent {
            meta: Meta::new(id.into(), 0, "dev"),
            person_id: "p1".into(),
            day,
            at: day.at_minute(minute, 60),
            kind,
            method: CheckMethod::Tap,
        };
        let mut undone = event("e3", 12 * 60, CheckKind::Out);
        undone.meta.deleted_at = Some(1);
        let events = [event("e2", 17 * 60 + 30, CheckKind::Out), event("e1", 9 * 60 + 5, CheckKind::In), undone];
        let csv = checkins_csv(&events, &people, &office, &|_| 60);
        let lines: Vec<&str> = csv.trim_start_matches('\u{FEFF}').split("\r\n").collect();
        assert_eq!(lines[0], "date,time,event,method,name,team,person_id,utc,event_id,device_id");
        assert_eq!(lines[1], "2026-11-25,09:05,in,tap,\"Durand, Zoé\",Design,p1,2026-11-25T08:05:00Z,e1,dev");
        assert_eq!(lines[2], "2026-11-25,17:30,out,tap,\"Durand, Zoé\",Design,p1,2026-11-25T16:30:00Z,e2,dev");
        assert_eq!(lines[3], "");
        assert_eq!(lines.len(), 4);
    }
}
