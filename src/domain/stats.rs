//! The admin's attendance review, derived from visits: daily headcounts, the
//! weekday-by-week heatmap and the per-person table.

use super::attendance::{OfficeCalendar, Visit};
use super::date::{Date, Instant};
use super::people::Person;
use super::text::fold;
use std::collections::{BTreeSet, HashMap};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DayCount {
    pub day: Date,
    pub count: u32,
}

/// People in the office on each day from `from` to `to` (every day listed,
/// zeros included, so a chart has no gaps).
pub fn headcounts(visits: &[Visit], from: Date, to: Date) -> Vec<DayCount> {
    let mut counts = vec![0u32; (to.days_since(from) + 1).max(0) as usize];
    let mut seen: BTreeSet<(Date, &str)> = BTreeSet::new();
    for v in visits {
        if v.day >= from && v.day <= to && seen.insert((v.day, v.person_id.as_str())) {
            counts[v.day.days_since(from) as usize] += 1;
        }
    }
    from.through(to).zip(counts).map(|(day, count)| DayCount { day, count }).collect()
}

/// Weeks (Monday first) by weekdays (Monday to Friday). A cell is `None`
/// outside the range.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Heatmap {
    pub weeks: Vec<Date>,
    pub cells: Vec<[Option<DayCount>; 5]>,
    pub max: u32,
}

pub fn heatmap(counts: &[DayCount]) -> Heatmap {
    let mut weeks: Vec<Date> = Vec::new();
    let mut cells: Vec<[Option<DayCount>; 5]> = Vec::new();
    for c in counts.iter().filter(|c| !c.day.weekday().is_weekend()) {
        let monday = c.day.week_start();
        if weeks.last() != Some(&monday) {
            weeks.push(monday);
            cells.push([None; 5]);
        }
        cells.last_mut().expect("pushed above")[c.day.weekday().index()] = Some(*c);
    }
    let max = counts.iter().map(|c| c.count).max().unwrap_or(0);
    Heatmap { weeks, cells, max }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PersonRow {
    pub person_id: String,
    pub name: String,
    pub team_id: String,
    /// Days in the office in the range (weekends included).
    pub days_present: u32,
    /// Working days in the range: the rate's denominator.
    pub working_days: u32,
    /// Share of working days spent in the office, in whole percent.
    pub rate_percent: u32,
    pub last_seen: Option<Date>,
}

/// One row per living person, for the range `from..=to`. `last_seen` looks
/// at every visit given, so pass visits from before the range to know it.
/// A person counts working days from the day they joined (`day_of` their
/// record's creation, in the office's calendar), not before.
pub fn person_rows(
    people: &[Person],
    visits: &[Visit],
    calendar: &OfficeCalendar,
    (from, to): (Date, Date),
    day_of: &dyn Fn(Instant) -> Date,
) -> Vec<PersonRow> {
    let mut days: HashMap<&str, BTreeSet<Date>> = HashMap::new();
    for v in visits.iter().filter(|v| v.day <= to) {
        days.entry(v.person_id.as_str()).or_default().insert(v.day);
    }
    people
        .iter()
        .filter(|p| p.meta.is_live())
        .map(|p| {
            let mine = days.get(p.meta.id.as_str());
            let in_range = || mine.into_iter().flat_map(|s| s.range(from..=to));
            let days_present = in_range().count() as u32;
            let working_present = in_range().filter(|&&d| calendar.is_working_day(d)).count() as u32;
            let working_days = calendar.working_days(from.max(day_of(p.meta.created_at)), to);
            PersonRow {
                person_id: p.meta.id.clone(),
                name: p.name.clone(),
                team_id: p.team_id.clone(),
                days_present,
                working_days,
                rate_percent: percent(working_present, working_days),
                last_seen: mine.and_then(|s| s.last().copied()),
            }
        })
        .collect()
}

/// `part / whole` in whole percent, rounded half up; 0 when `whole` is 0.
pub fn percent(part: u32, whole: u32) -> u32 {
    if whole == 0 { 0 } else { (part * 200 + whole) / (2 * whole) }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SortColumn {
    Name,
    Team,
    DaysPresent,
    Rate,
    LastSeen,
}

/// Sorts in place; ties fall back to the name, so the order is stable for
/// the eye. Names compare case- and accent-insensitively.
pub fn sort_rows(rows: &mut [PersonRow], column: SortColumn, descending: bool, team_name: impl Fn(&str) -> String) {
    let mut keyed: Vec<(String, PersonRow)> = rows.iter().map(|r| (fold(&r.name), r.clone())).collect();
    // The order is total (ids break the last ties): an unstable sort suffices.
    keyed.sort_unstable_by(|(name_a, a), (name_b, b)| {
        let primary = match column {
            SortColumn::Name => std::cmp::Ordering::Equal,
            SortColumn::Team => fold(&team_name(&a.team_id)).cmp(&fold(&team_name(&b.team_id))),
            SortColumn::DaysPresent => a.days_present.cmp(&b.days_present),
            SortColumn::Rate => a.rate_percent.cmp(&b.rate_percent),
            SortColumn::LastSeen => a.last_seen.cmp(&b.last_seen),
        };
        let primary = if descending { primary.reverse() } else { primary };
        let by_name = name_a.cmp(name_b);
        let by_name = if descending && column == SortColumn::Name { by_name.reverse() } else { by_name };
        primary.then(by_name).then_with(|| a.person_id.cmp(&b.person_id))
    });
    for (slot, (_, row)) in rows.iter_mut().zip(keyed) {
        *slot = row;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::attendance::CheckMethod;
    use crate::domain::record::Meta;

    fn d(text: &str) -> Date {
        Date::parse_iso(text).unwrap()
    }

    fn visit(person: &str, day: &str) -> Visit {
        Visit { person_id: person.into(), day: d(day), arrived_at: 0, left_at: None, method: CheckMethod::Tap }
    }

    fn person(id: &str, name: &str, team: &str) -> Person {
        Person { meta: Meta::new(id.into(), 0, "dev"), name: name.into(), team_id: team.into(), pass_number: 1 }
    }

    #[test]
    fn headcounts_fill_gaps_and_ignore_duplicates() {
        let visits = [
            visit("a", "2026-11-02"),
            visit("b", "2026-11-02"),
            visit("a", "2026-11-02"),
            visit("a", "2026-11-04"),
            visit("a", "2026-10-30"),
        ];
        let counts: Vec<u32> = headcounts(&visits, d("2026-11-02"), d("2026-11-05")).iter().map(|c| c.count).collect();
        assert_eq!(counts, [2, 0, 1, 0]);
    }

    #[test]
    fn heatmap_lays_weeks_by_weekday() {
        // Thu 2026-10-29 .. Tue 2026-11-03: two partial weeks, weekend dropped.
        let visits = [visit("a", "2026-10-29"), visit("a", "2026-11-03"), visit("b", "2026-11-03")];
        let h = heatmap(&headcounts(&visits, d("2026-10-29"), d("2026-11-03")));
        assert_eq!(h.weeks, [d("2026-10-26"), d("2026-11-02")]);
        let counts = |week: usize| h.cells[week].map(|c| c.map(|c| c.count));
        assert_eq!(counts(0), [None, None, None, Some(1), Some(0)]);
        assert_eq!(counts(1), [Some(0), Some(2), None, None, None]);
        assert_eq!(h.max, 2);
    }

    #[test]
    fn person_rows_against_hand_computed_rates() {
        // Mon 2 .. Sun 8 Nov 2026, Wed 4 a holiday: 4 working days.
        let cal = OfficeCalendar::new([d("2026-11-04")]);
        let people = [person("a", "Ana", "x"), person("b", "Bo", "y"), person("c", "Cy", "y")];
        let visits = [
            visit("a", "2026-10-20"),
            visit("a", "2026-11-02"),
            visit("a", "2026-11-03"),
            visit("a", "2026-11-07"), // a Saturday: a day present, not a working day
            visit("b", "2026-11-05"),
            visit("b", "2026-11-12"), // after the range: not last seen "as of" the range
        ];
        let utc = |at| Date::of_instant(at, 0);
        let rows = person_rows(&people, &visits, &cal, (d("2026-11-02"), d("2026-11-08")), &utc);
        let summary: Vec<(u32, u32, u32, Option<Date>)> =
            rows.iter().map(|r| (r.days_present, r.working_days, r.rate_percent, r.last_seen)).collect();
        assert_eq!(
            summary,
            [
                (3, 4, 50, Some(d("2026-11-07"))),
                (1, 4, 25, Some(d("2026-11-05"))),
                (0, 4, 0, None),
            ]
        );
    }

    #[test]
    fn someone_who_joined_today_is_not_counted_absent_before() {
        let cal = OfficeCalendar::default();
        // Joined on Friday 27 November 2026, in that day.
        let mut newcomer = person("n", "Nina", "x");
        newcomer.meta.created_at = d("2026-11-27").at_minute(9 * 60, 60);
        let rows = person_rows(&[newcomer], &[visit("n", "2026-11-27")], &cal, (d("2026-11-02"), d("2026-11-27")), &|at| {
            Date::of_instant(at, 60)
        });
        assert_eq!((rows[0].working_days, rows[0].rate_percent), (1, 100));
    }

    #[test]
    fn percent_rounds_half_up() {
        assert_eq!(percent(1, 3), 33);
        assert_eq!(percent(2, 3), 67);
        assert_eq!(percent(1, 8), 13);
        assert_eq!(percent(0, 0), 0);
        assert_eq!(percent(5, 5), 100);
    }

    #[test]
    fn sorting() {
        let row = |id: &str, name: &str, days: u32| PersonRow {
            person_id: id.into(),
            name: name.into(),
            team_id: "t".into(),
            days_present: days,
            working_days: 10,
            rate_percent: days * 10,
            last_seen: None,
        };
        let mut rows = vec![row("1", "zoe", 3), row("2", "Élodie", 5), row("3", "adam", 3)];
        sort_rows(&mut rows, SortColumn::Name, false, |t| t.to_owned());
        assert_eq!(rows.iter().map(|r| r.name.as_str()).collect::<Vec<_>>(), ["adam", "Élodie", "zoe"]);
        sort_rows(&mut rows, SortColumn::Rate, true, |t| t.to_owned());
        assert_eq!(rows.iter().map(|r| r.name.as_str()).collect::<Vec<_>>(), ["Élodie", "adam", "zoe"]);
        sort_rows(&mut rows, SortColumn::Name, true, |t| t.to_owned());
        assert_eq!(rows.iter().map(|r| r.name.as_str()).collect::<Vec<_>>(), ["zoe", "Élodie", "adam"]);
    }
}
