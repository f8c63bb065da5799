//! The forms' field rules, applied to whole records that arrive without a
//! form: a backup file's, and the office server's. A record the app could
//! not have written (a 20,000-character title, a name that flips the text
//! around it, a price of a million euros, a year 287,000) is refused the
//! way the form would refuse it, so every screen can trust what it reads.
//! Rules that depend on the moment (an event in the past) or on other
//! records (a taken ISBN, a known team) are the forms' alone: a record
//! that passed them once stays good.

use super::announcements::{self, Announcement, RsvpEvent};
use super::attendance::CheckEvent;
use super::books::{Book, BookField, BookForm};
use super::date::{Date, Instant};
use super::doc::Record;
use super::library::{HoldEvent, LoanEvent, LoanEventKind};
use super::meals::{MealField, MealForm, MealSet, STOCK_MAX};
use super::money::PRICE_MAX_CENTS;
use super::people::{Person, NAME_MAX_CHARS};
use super::record::Meta;
use super::reservations::{ReservationEvent, ReservationKind};
use super::settings::{OfficeErrors, OfficeForm, OfficeSettings, MEALS_PER_DAY_MAX};
use super::text::{multi_line, or_empty, single_line, FieldError};

/// The first and last years a date or instant of a record may fall in:
/// the years the office's calendar, exports and merges are made for.
pub const FIRST_YEAR: i32 = 2000;
pub const LAST_YEAR: i32 = 2099;
/// Record ids are ULIDs (26), settings keys and the demo's short ids; a
/// reference to another record is one of those.
const ID_MAX_CHARS: usize = 64;

/// The first rule a record breaks: the field (as the record names it) and
/// why, in the form's words.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Flaw {
    pub field: &'static str,
    pub error: FieldError,
}

type Checked = Result<(), Flaw>;

fn on(field: &'static str, result: Result<impl Sized, FieldError>) -> Checked {
    result.map(drop).map_err(|error| Flaw { field, error })
}

fn id(field: &'static str, value: &str) -> Checked {
    on(field, single_line(value, ID_MAX_CHARS).and_then(|trimmed| if trimmed == value { Ok(()) } else { Err(FieldError::ForbiddenCharacters) }))
}

const OUTSIDE_THE_YEARS: FieldError = FieldError::YearOutOfRange { first: FIRST_YEAR, last: LAST_YEAR };

/// 1 January of [`FIRST_YEAR`] and of the year after [`LAST_YEAR`], 00:00
/// UTC: instants are compared with these (a year 287,000 is no date to
/// compute), without working them out for each field of each record.
const FIRST_INSTANT: Instant = 946_684_800_000;
const END_INSTANT: Instant = 4_102_444_800_000;

fn instant(field: &'static str, at: Instant) -> Checked {
    on(field, if (FIRST_INSTANT..END_INSTANT).contains(&at) { Ok(()) } else { Err(OUTSIDE_THE_YEARS) })
}

/// Whether this device's clock can stamp a record: a phone whose clock
/// says 1970 (a flat battery, a reset) would write records that every other
/// device refuses, so a check-in that seems done would never reach the
/// office.
pub fn clock_in_range(now: Instant) -> bool {
    instant("now", now).is_ok()
}

fn date(field: &'static str, day: Date) -> Checked {
    on(field, if (FIRST_YEAR..=LAST_YEAR).contains(&day.year()) { Ok(()) } else { Err(OUTSIDE_THE_YEARS) })
}

fn in_range(field: &'static str, value: u64, min: u32, max: u32) -> Checked {
    on(field, if (u64::from(min)..=u64::from(max)).contains(&value) { Ok(()) } else { Err(FieldError::OutOfRange { min, max }) })
}

fn meta(meta: &Meta) -> Checked {
    id("id", &meta.id)?;
    id("device_id", &meta.device_id)?;
    instant("created_at", meta.created_at)?;
    instant("updated_at", meta.updated_at)?;
    meta.deleted_at.map_or(Ok(()), |at| instant("deleted_at", at))
}

/// Whether a record keeps the rules its form and the app's writes keep.
pub fn check(record: &Record) -> Checked {
    meta(record.meta())?;
    match record {
        Record::Person(p) => person(p),
        Record::Checkin(e) => checkin(e),
        Record::Book(b) => book(b),
        Record::Loan(e) => loan(e),
        Record::Hold(e) => hold(e),
        Record::MealSet(m) => meal_set(m),
        Record::Reservation(e) => reservation(e),
        Record::Announcement(a) => announcement(a),
        Record::Rsvp(e) => rsvp(e),
        Record::Office(o) => office(o),
    }
}

fn person(p: &Person) -> Checked {
    on("name", single_line(&p.name, NAME_MAX_CHARS))?;
    id("team_id", &p.team_id)
}

fn checkin(e: &CheckEvent) -> Checked {
    id("person_id", &e.person_id)?;
    date("day", e.day)?;
    instant("at", e.at)
}

fn book(b: &Book) -> Checked {
    if b.copies_changes.len() > super::books::COPIES_CHANGES_KEPT {
        return Err(Flaw { field: "copies_changes", error: FieldError::TooLong { max: super::books::COPIES_CHANGES_KEPT } });
    }
    for change in &b.copies_changes {
        instant("copies_changes.at", change.at)?;
        in_range("copies_changes.before", change.before.into(), 1, super::books::COPIES_MAX)?;
    }
    BookForm::of(b).validate().map(drop).map_err(|errors| {
        let (field, error) = errors[0];
        let field = match field {
            BookField::Title => "title",
            BookField::Authors => "authors",
            BookField::Isbn => "isbn",
            BookField::Copies => "copies",
            BookField::Tags => "tags",
            BookField::RecommendedBy => "recommended_by",
            BookField::Shelf => "shelf",
            BookField::Notes => "notes",
            BookField::Photo => "photo",
        };
        Flaw { field, error }
    })
}

fn loan(e: &LoanEvent) -> Checked {
    id("loan_id", &e.loan_id)?;
    id("book_id", &e.book_id)?;
    id("person_id", &e.person_id)?;
    instant("at", e.at)?;
    match &e.kind {
        LoanEventKind::Borrow { due, copies } => {
            date("due", *due)?;
            copies.map_or(Ok(()), |n| in_range("copies", n.into(), 1, super::books::COPIES_MAX))
        }
        LoanEventKind::Renew { due } => date("due", *due),
        LoanEventKind::Return { recorded_by } => id("recorded_by", recorded_by),
    }
}

fn hold(e: &HoldEvent) -> Checked {
    id("hold_id", &e.hold_id)?;
    id("book_id", &e.book_id)?;
    id("person_id", &e.person_id)?;
    instant("at", e.at)
}

fn meal_set(m: &MealSet) -> Checked {
    MealForm::of(m).validate().map(drop).map_err(|errors| {
        let (field, error) = errors[0];
        let field = match field {
            MealField::Name => "name",
            MealField::Description => "description",
            MealField::Price => "price_cents",
            MealField::Diets => "diets",
            MealField::Allergens => "allergens",
            MealField::DailyStock => "daily_stock",
            MealField::DaysOffered => "days_offered",
        };
        Flaw { field, error }
    })
}

fn reservation(e: &ReservationEvent) -> Checked {
    id("reservation_id", &e.reservation_id)?;
    id("person_id", &e.person_id)?;
    id("meal_set_id", &e.meal_set_id)?;
    date("day", e.day)?;
    instant("at", e.at)?;
    if let ReservationKind::Reserve { price_cents, stock, per_day } = &e.kind {
        in_range("price_cents", (*price_cents).into(), 0, PRICE_MAX_CENTS)?;
        stock.map_or(Ok(()), |n| in_range("stock", n.into(), 0, STOCK_MAX))?;
        per_day.map_or(Ok(()), |n| in_range("per_day", n as u64, 1, MEALS_PER_DAY_MAX))?;
    }
    Ok(())
}

fn announcement(a: &Announcement) -> Checked {
    on("title", single_line(&a.title, announcements::TITLE_MAX_CHARS))?;
    on("body", or_empty(multi_line(&a.body, announcements::BODY_MAX_CHARS)))?;
    instant("publish_at", a.publish_at)?;
    a.expires_at.map_or(Ok(()), |at| instant("expires_at", at))?;
    match &a.event {
        Some(event) => {
            instant("starts_at", event.starts_at)?;
            on("place", or_empty(single_line(&event.place, announcements::PLACE_MAX_CHARS)))
        }
        None => Ok(()),
    }
}

fn rsvp(e: &RsvpEvent) -> Checked {
    id("announcement_id", &e.announcement_id)?;
    id("person_id", &e.person_id)?;
    instant("at", e.at)
}

fn office(o: &OfficeSettings) -> Checked {
    let form = OfficeForm::of(o).apply(o).err().map(|errors| {
        let OfficeErrors { name, capacity, loan_days, max_loans, hold_days, cutoff, meals_per_day } = errors;
        [
            ("name", name),
            ("capacity", capacity),
            ("loan_days", loan_days),
            ("max_loans", max_loans),
            ("hold_days", hold_days),
            ("cutoff_minute", cutoff),
            ("meals_per_day", meals_per_day),
        ]
        .into_iter()
        .find_map(|(field, error)| error.map(|error| Flaw { field, error }))
    });
    if let Some(Some(flaw)) = form {
        return Err(flaw);
    }
    // An IANA zone name ("Europe/Paris", "America/Argentina/Buenos_Aires").
    let zone = o.time_zone.bytes().all(|b| b.is_ascii_alphanumeric() || b"/_+-".contains(&b));
    on("time_zone", if zone { single_line(&o.time_zone, ID_MAX_CHARS).map(drop) } else { Err(FieldError::ForbiddenCharacters) })?;
    for team in &o.teams {
        id("teams", &team.id)?;
        on("teams", single_line(&team.name, NAME_MAX_CHARS))?;
    }
    for day in &o.holidays {
        date("holidays", *day)?;
    }
    // 32 bytes in hex, or none yet.
    let secret = o.door_secret.is_empty() || (o.door_secret.len() == 64 && o.door_secret.bytes().all(|b| b.is_ascii_hexdigit()));
    on("door_secret", if secret { Ok(()) } else { Err(FieldError::ForbiddenCharacters) })?;
    let rotation = super::door::ROTATIONS;
    on(
        "door_rotation_minutes",
        if rotation.contains(&o.door_rotation_minutes) { Ok(()) } else { Err(FieldError::OutOfRange { min: 0, max: rotation[rotation.len() - 1] }) },
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::date::MS_PER_DAY;
    use crate::domain::demo::{generate, generate_with_books, DemoClock, DEMO_SEED};

    fn clock() -> DemoClock<'static> {
        DemoClock { today: Date::parse_iso("2026-11-25").unwrap(), minute_of_day: 570, utc_offset: &|_| 60 }
    }

    fn demo() -> Vec<Record> {
        generate(DEMO_SEED, &clock()).records()
    }

    fn flaw(record: &Record) -> Option<(&'static str, FieldError)> {
        check(record).err().map(|f| (f.field, f.error))
    }

    #[test]
    fn the_instant_bounds_are_the_years_new_years() {
        let new_year = |year| Date::from_ymd(year, 1, 1).unwrap().at_minute(0, 0);
        assert_eq!((FIRST_INSTANT, END_INSTANT), (new_year(FIRST_YEAR), new_year(LAST_YEAR + 1)));
    }

    #[test]
    fn a_clock_outside_the_years_stamps_nothing() {
        assert!(clock_in_range(FIRST_INSTANT));
        assert!(clock_in_range(END_INSTANT - 1));
        assert!(!clock_in_range(0), "a phone reset to 1970");
        assert!(!clock_in_range(FIRST_INSTANT - 1));
        assert!(!clock_in_range(END_INSTANT));
    }

    #[test]
    fn every_record_the_app_writes_keeps_the_rules() {
        for record in demo().into_iter().chain(generate_with_books(DEMO_SEED, &clock(), 5_000).records()) {
            assert_eq!(flaw(&record), None, "{record:?}");
        }
    }

    #[test]
    fn what_a_form_would_refuse_is_refused_naming_the_field() {
        let records = demo();
        let find = |kind| records.iter().find(|r| r.kind() == kind).cloned().unwrap();
        use crate::domain::doc::Kind;

        let Record::Book(mut b) = find(Kind::Books) else { unreachable!() };
        b.title = "x".repeat(20_000);
        assert_eq!(flaw(&Record::Book(b.clone())), Some(("title", FieldError::TooLong { max: 300 })));
        b.title = "Dune".into();
        b.copies = 0;
        assert_eq!(flaw(&Record::Book(b.clone())), Some(("copies", FieldError::OutOfRange { min: 1, max: 99 })));
        b.copies = 2;
        b.copies_changes = vec![crate::domain::books::CopiesChange { at: b.meta.updated_at, before: 500 }];
        assert_eq!(flaw(&Record::Book(b.clone())), Some(("copies_changes.before", FieldError::OutOfRange { min: 1, max: 99 })));
        b.copies_changes = Vec::new();
        // A cover photo from elsewhere: a picture of another kind (here
        // one that could carry script), or one too large for a page.
        b.photo = Some("data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=".into());
        assert_eq!(flaw(&Record::Book(b.clone())), Some(("photo", FieldError::NotAPhoto)));
        b.photo = Some(format!("{}{}", crate::domain::books::tests::jpeg_photo(240, 340), "A".repeat(crate::domain::books::PHOTO_MAX_CHARS)));
        assert_eq!(flaw(&Record::Book(b.clone())), Some(("photo", FieldError::TooLong { max: crate::domain::books::PHOTO_MAX_CHARS })));
        b.photo = Some(crate::domain::books::tests::jpeg_photo(240, 340));
        assert_eq!(flaw(&Record::Book(b)), None);

        let Record::Person(mut p) = find(Kind::People) else { unreachable!() };
        p.name = "Eve \u{202E}nimda".into();
        assert_eq!(flaw(&Record::Person(p)), Some(("name", FieldError::ForbiddenCharacters)));

        let Record::MealSet(mut m) = find(Kind::MealSets) else { unreachable!() };
        m.price_cents = 100_000_000;
        assert_eq!(flaw(&Record::MealSet(m)), Some(("price_cents", FieldError::PriceOutOfRange { max_cents: PRICE_MAX_CENTS })));

        let Record::Checkin(mut c) = find(Kind::Checkins) else { unreachable!() };
        // The year 287,000, and an instant so far out the calendar overflows.
        for at in [9_000_000_000_000_000, i64::MAX, i64::MIN] {
            c.meta.updated_at = at;
            assert_eq!(flaw(&Record::Checkin(c.clone())), Some(("updated_at", FieldError::YearOutOfRange { first: 2000, last: 2099 })));
        }
        c.meta.updated_at = c.meta.created_at;
        c.person_id = " p-001".into();
        assert_eq!(flaw(&Record::Checkin(c)), Some(("person_id", FieldError::ForbiddenCharacters)));

        let Record::Reservation(mut r) = find(Kind::Reservations) else { unreachable!() };
        r.day = Date::from_ymd(1999, 12, 31).unwrap();
        assert_eq!(flaw(&Record::Reservation(r)), Some(("day", FieldError::YearOutOfRange { first: 2000, last: 2099 })));

        let Record::Office(mut o) = find(Kind::Settings) else { unreachable!() };
        o.cutoff_minute = 24 * 60;
        assert_eq!(flaw(&Record::Office(o.clone())), Some(("cutoff_minute", FieldError::NotATime)));
        o.cutoff_minute = 630;
        o.door_secret = "not hex".into();
        assert_eq!(flaw(&Record::Office(o)), Some(("door_secret", FieldError::ForbiddenCharacters)));

        let Record::Announcement(mut a) = find(Kind::Announcements) else { unreachable!() };
        a.body = "line one\nline two".into();
        a.expires_at = None;
        assert_eq!(flaw(&Record::Announcement(a.clone())), None, "a body may have lines");
        a.publish_at = 40 * 366 * MS_PER_DAY * 4;
        assert_eq!(flaw(&Record::Announcement(a)), Some(("publish_at", FieldError::YearOutOfRange { first: 2000, last: 2099 })));
    }
}
