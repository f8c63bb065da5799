//! The attendance exports: what the admin downloads as CSV.

use super::attendance::{CheckEvent, CheckKind};
use super::books::{isbn_for_spreadsheets, Book};
use super::library::Shelf;
use super::meals::MealSet;
use super::reservations::{monthly_spend, order_sheet, Reservation};
use super::csv::{CsvWriter, Dialect};
use super::date::{hhmm, iso_utc, minute_of_day, Date};
use super::people::Person;
use super::settings::OfficeSettings;
use super::stats::PersonRow;
use std::collections::HashMap;

/// The per-person table as shown (same rows, same order).
pub fn people_csv(rows: &[PersonRow], office: &OfficeSettings, dialect: Dialect) -> String {
    let mut csv = CsvWriter::new(dialect);
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
    dialect: Dialect,
) -> String {
    let by_id: HashMap<&str, &Person> = people.iter().map(|p| (p.meta.id.as_str(), p)).collect();
    let mut live: Vec<&CheckEvent> = events.iter().filter(|e| e.meta.is_live()).collect();
    live.sort_unstable_by(|a, b| (a.at, &a.meta.id).cmp(&(b.at, &b.meta.id)));
    let mut csv = CsvWriter::new(dialect);
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

/// Every loan of every book, current and returned, oldest first: the
/// paper borrowing record, as CSV. Dates are the office's local days.
pub fn borrowing_csv(
    books: &[Book],
    shelves: &HashMap<String, Shelf>,
    people: &[Person],
    office: &OfficeSettings,
    utc_offset: &dyn Fn(Date) -> i32,
    dialect: Dialect,
) -> String {
    let by_id: HashMap<&str, &Person> = people.iter().map(|p| (p.meta.id.as_str(), p)).collect();
    let local_day = |at| {
        let rough = Date::of_instant(at, 0);
        Date::of_instant(at, utc_offset(rough)).to_string()
    };
    // (borrowed_at, loan id, book, person id, due, returned_at, renewed)
    let mut rows = Vec::new();
    for book in books {
        let Some(shelf) = shelves.get(&book.meta.id) else { continue };
        for l in &shelf.history {
            rows.push((l.borrowed_at, &l.loan_id, book, &l.person_id, l.due, Some(l.returned_at), l.renewed));
        }
        for l in &shelf.loans {
            rows.push((l.borrowed_at, &l.loan_id, book, &l.person_id, l.due, None, l.renewed));
        }
    }
    rows.sort_unstable_by(|a, b| (a.0, a.1).cmp(&(b.0, b.1)));
    let mut csv = CsvWriter::new(dialect);
    csv.row(["book", "isbn", "borrower", "team", "borrowed", "due", "returned", "renewed", "loan_id", "book_id", "person_id"]);
    for (borrowed_at, loan_id, book, person_id, due, returned_at, renewed) in rows {
        let person = by_id.get(person_id.as_str());
        csv.row([
            book.title.clone(),
            book.isbn.as_deref().map(isbn_for_spreadsheets).unwrap_or_default(),
            person.map(|p| p.name.clone()).unwrap_or_default(),
            person.map(|p| office.team_name(&p.team_id)).unwrap_or_default(),
            local_day(borrowed_at),
            due.to_string(),
            returned_at.map(local_day).unwrap_or_default(),
            if renewed { "yes" } else { "no" }.to_owned(),
            loan_id.clone(),
            book.meta.id.clone(),
            person_id.clone(),
        ]);
    }
    csv.finish()
}

/// Cents as a plain decimal for spreadsheets: "3.50", "3,50".
fn decimal(cents: i64, dialect: Dialect) -> String {
    let sign = if cents < 0 { "-" } else { "" };
    format!("{sign}{}{}{:02}", cents.abs() / 100, dialect.decimal_point, cents.abs() % 100)
}

/// What to order from the supplier: per day and meal set, the sets reserved
/// (cancelled ones left out) and what they were reserved for.
pub fn supplier_csv(menu: &[MealSet], all: &[Reservation], from: Date, to: Date, dialect: Dialect) -> String {
    let mut csv = CsvWriter::new(dialect);
    csv.row(["date", "meal_set", "count", "total_eur", "meal_set_id"]);
    for day in from.through(to) {
        for line in order_sheet(day, menu, all).into_iter().filter(|l| l.count > 0) {
            let name = menu.iter().find(|m| m.meta.id == line.meal_set_id).map(|m| m.name.clone()).unwrap_or_default();
            csv.row([day.to_string(), name, line.count.to_string(), decimal(line.cents, dialect), line.meal_set_id]);
        }
    }
    csv.finish()
}

/// For accounting: per person and month, the meals and what they cost.
pub fn accounting_csv(people: &[Person], office: &OfficeSettings, all: &[Reservation], from: Date, to: Date, dialect: Dialect) -> String {
    let by_id: HashMap<&str, &Person> = people.iter().map(|p| (p.meta.id.as_str(), p)).collect();
    let mut csv = CsvWriter::new(dialect);
    csv.row(["month", "name", "team", "meals", "total_eur", "person_id"]);
    let mut rows: Vec<_> = monthly_spend(all, from, to).into_iter().collect();
    rows.sort_by(|((pa, ya, ma), _), ((pb, yb, mb), _)| {
        let name = |id: &String| by_id.get(id.as_str()).map(|p| super::text::fold(&p.name)).unwrap_or_default();
        (ya, ma, name(pa), pa).cmp(&(yb, mb, name(pb), pb))
    });
    for ((person_id, year, month), (meals, cents)) in rows {
        let person = by_id.get(person_id.as_str());
        csv.row([
            format!("{year:04}-{month:02}"),
            person.map(|p| p.name.clone()).unwrap_or_default(),
            person.map(|p| office.team_name(&p.team_id)).unwrap_or_default(),
            meals.to_string(),
            decimal(cents, dialect),
            person_id,
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
    fn meal_exports() {
        use crate::domain::meals::default_menu;
        use crate::domain::reservations::{reservations, Limits, ReservationEvent, ReservationKind};
        let mut n = 0;
        let menu = default_menu(|| {
            n += 1;
            Meta::new(format!("m{n}"), 0, "d")
        });
        let office = OfficeSettings::new("Europe/Paris", 0, "dev");
        let people = vec![
            Person { meta: Meta::new("p1".into(), 0, "dev"), name: "Zoé".into(), team_id: "sales".into(), pass_number: 1 },
            Person { meta: Meta::new("p2".into(), 0, "dev"), name: "Ana".into(), team_id: "design".into(), pass_number: 1 },
        ];
        let event = |id: &str, person: &str, meal: &str, day: &str, kind| ReservationEvent {
            meta: Meta::new(id.into(), 0, "d"),
            reservation_id: id.trim_end_matches('x').into(),
            person_id: person.into(),
            meal_set_id: meal.into(),
            day: Date::parse_iso(day).unwrap(),
            at: id.len() as i64,
            kind,
        };
        let reserve = |cents| ReservationKind::Reserve { price_cents: cents, stock: None, per_day: None };
        let all = reservations(
            &[
            event("r1", "p1", "m1", "2026-11-30", reserve(350)),
            event("r2", "p2", "m1", "2026-11-30", reserve(400)),
            event("r3", "p2", "m2", "2026-11-30", reserve(350)),
            event("r3x", "p2", "m2", "2026-11-30", ReservationKind::Cancel),
            event("r4", "p1", "m3", "2026-12-01", reserve(350)),
            ],
            &Limits::default(),
        );
        let day = |d: &str| Date::parse_iso(d).unwrap();
        let supplier = supplier_csv(&menu, &all, day("2026-11-30"), day("2026-12-01"), Dialect::COMMA);
        let lines: Vec<&str> = supplier.trim_start_matches('\u{FEFF}').split("\r\n").collect();
        assert_eq!(lines[0], "date,meal_set,count,total_eur,meal_set_id");
        assert_eq!(lines[1], "2026-11-30,Quinoa & roasted vegetable bowl,2,7.50,m1");
        assert_eq!(lines[2], "2026-12-01,Salmon teriyaki & rice,1,3.50,m3");
        assert_eq!(lines.len(), 4);
        let accounting = accounting_csv(&people, &office, &all, day("2026-11-01"), day("2026-12-31"), Dialect::COMMA);
        let lines: Vec<&str> = accounting.trim_start_matches('\u{FEFF}').split("\r\n").collect();
        assert_eq!(lines[1], "2026-11,Ana,Design,1,4.00,p2");
        assert_eq!(lines[2], "2026-11,Zoé,Sales,1,3.50,p1");
        assert_eq!(lines[3], "2026-12,Zoé,Sales,1,3.50,p1");
        // For a French spreadsheet: semicolons, decimal commas.
        let supplier = supplier_csv(&menu, &all, day("2026-11-30"), day("2026-12-01"), Dialect::SEMICOLON);
        let lines: Vec<&str> = supplier.trim_start_matches('\u{FEFF}').split("\r\n").collect();
        assert_eq!(lines[0], "date;meal_set;count;total_eur;meal_set_id");
        assert_eq!(lines[1], "2026-11-30;Quinoa & roasted vegetable bowl;2;7,50;m1");
    }

    #[test]
    fn borrowing_record_rows() {
        use crate::domain::library::{ActiveLoan, PastLoan};
        let office = OfficeSettings::new("Europe/Paris", 0, "dev");
        let people = vec![Person { meta: Meta::new("p1".into(), 0, "dev"), name: "Ana".into(), team_id: "sales".into(), pass_number: 1 }];
        let book = Book {
            meta: Meta::new("b1".into(), 0, "dev"),
            title: "Dune".into(),
            authors: vec![],
            isbn: Some("9780441172719".into()),
            tags: vec![],
            recommended_by: None,
            copies: 1,
            shelf: String::new(),
            notes: String::new(),
            copies_changes: Vec::new(),
            photo: None,
        };
        let day = |d: &str| Date::parse_iso(d).unwrap();
        // Borrowed at 23:30 UTC on the 1st: already the 2nd in Paris.
        let late_night = day("2026-11-01").at_minute(23 * 60 + 30, 0);
        let shelf = Shelf {
            copies: 1,
            history: vec![PastLoan { loan_id: "l1".into(), person_id: "p1".into(), borrowed_at: late_night, returned_at: late_night + 86_400_000 * 3, due: day("2026-11-23"), renewed: false }],
            loans: vec![ActiveLoan { loan_id: "l2".into(), person_id: "p1".into(), borrowed_at: late_night + 86_400_000 * 10, due: day("2026-12-02"), renewed: true }],
            ..Shelf::default()
        };
        let shelves = HashMap::from([("b1".to_string(), shelf)]);
        let csv = borrowing_csv(&[book], &shelves, &people, &office, &|_| 60, Dialect::COMMA);
        let lines: Vec<&str> = csv.trim_start_matches('\u{FEFF}').split("\r\n").collect();
        assert_eq!(lines[1], "Dune,978-0441172719,Ana,Sales,2026-11-02,2026-11-23,2026-11-05,no,l1,b1,p1");
        assert_eq!(lines[2], "Dune,978-0441172719,Ana,Sales,2026-11-12,2026-12-02,,yes,l2,b1,p1");
        assert_eq!(lines.len(), 4);
    }

    #[test]
    fn checkins_csv_rows_in_time_order_without_tombstones() {
        let office = OfficeSettings::new("Europe/Paris", 0, "dev");
        let people = vec![Person { meta: Meta::new("p1".into(), 0, "dev"), name: "Durand, Zoé".into(), team_id: "design".into(), pass_number: 1 }];
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
        let csv = checkins_csv(&events, &people, &office, &|_| 60, Dialect::COMMA);
        let lines: Vec<&str> = csv.trim_start_matches('\u{FEFF}').split("\r\n").collect();
        assert_eq!(lines[0], "date,time,event,method,name,team,person_id,utc,event_id,device_id");
        assert_eq!(lines[1], "2026-11-25,09:05,in,tap,\"Durand, Zoé\",Design,p1,2026-11-25T08:05:00Z,e1,dev");
        assert_eq!(lines[2], "2026-11-25,17:30,out,tap,\"Durand, Zoé\",Design,p1,2026-11-25T16:30:00Z,e2,dev");
        assert_eq!(lines[3], "");
        assert_eq!(lines.len(), 4);
    }
}
