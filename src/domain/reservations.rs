//! Reserving meal sets: the events, the rules (cutoff, stock, working
//! days), and what is derived from them: each reservation's status, what is
//! left, the admin's order sheet, and each person's spend.

use super::attendance::OfficeCalendar;
use super::date::{Date, Instant};
use super::meals::MealSet;
use super::record::Meta;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};

/// The office's meal settings.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MealRules {
    /// Reservations (and cancellations) for a day close at this minute of
    /// that day, office time: 10:30 by default.
    pub cutoff_minute: u32,
    /// Reservations one person may hold for one day.
    pub per_day: usize,
    /// Working days ahead one may reserve for, besides today.
    pub days_ahead: usize,
}

impl Default for MealRules {
    fn default() -> Self {
        MealRules { cutoff_minute: 10 * 60 + 30, per_day: 1, days_ahead: 5 }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReservationKind {
    /// The price is the set's price when reserved; `stock` and `per_day`,
    /// the set's daily stock and the sets a person may hold a day, as the
    /// reserving device saw them. The replay holds the reservation to
    /// those, so a later change of either never takes back a set already
    /// given, nor rewrites a past day's orders and spend. `None` in events
    /// from before the fields: held to today's limits.
    Reserve {
        price_cents: u32,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        stock: Option<u32>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        per_day: Option<usize>,
    },
    Cancel,
    /// The admin saw it collected.
    PickUp,
    /// The day ended and it was not collected.
    NoShow,
}

impl ReservationKind {
    /// Reserving `meal` now: its price, stock and the sets a person may
    /// hold a day, as this device sees them.
    pub fn reserve(meal: &MealSet, rules: &MealRules) -> ReservationKind {
        ReservationKind::Reserve { price_cents: meal.price_cents, stock: Some(meal.daily_stock), per_day: Some(rules.per_day) }
    }
}

/// A fact about one reservation; all carry its person, set and day.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReservationEvent {
    pub meta: Meta,
    /// The id of the reserve event.
    pub reservation_id: String,
    pub person_id: String,
    pub meal_set_id: String,
    pub day: Date,
    pub at: Instant,
    pub kind: ReservationKind,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    Reserved,
    Cancelled,
    PickedUp,
    NoShow,
    /// Made on a device that could not know the last set was gone (or
    /// that the person already had theirs): once every device's events
    /// were put in one order, it found no set left. Never charged.
    Refused(MealRefusal),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reservation {
    pub id: String,
    pub person_id: String,
    pub meal_set_id: String,
    pub day: Date,
    pub price_cents: u32,
    pub reserved_at: Instant,
    pub status: Status,
}

impl Reservation {
    /// Counts against the stock and is paid for: anything but cancelled
    /// or refused.
    pub fn holds_a_set(&self) -> bool {
        !matches!(self.status, Status::Cancelled | Status::Refused(_))
    }
}

/// What a day's reservations are held to: each set's daily stock and the
/// sets one person may hold for a day.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Limits {
    stock: HashMap<String, u32>,
    per_day: Option<usize>,
}

impl Limits {
    pub fn new(menu: &[MealSet], rules: &MealRules) -> Limits {
        Limits { stock: menu.iter().map(|m| (m.meta.id.clone(), m.daily_stock)).collect(), per_day: Some(rules.per_day) }
    }
}

/// Replays events in one order (time, then id), the same on every device.
/// A cancellation is final; a pick-up may correct a no-show. A reservation
/// that finds its set sold out, or its person already served that day, is
/// refused: two phones offline cannot both have the last set. Events of a
/// reservation whose reserve event is missing (not merged yet) are ignored.
pub fn reservations<'a>(events: impl IntoIterator<Item = &'a ReservationEvent>, limits: &Limits) -> Vec<Reservation> {
    let mut live: Vec<&ReservationEvent> = events.into_iter().filter(|e| e.meta.is_live()).collect();
    live.sort_unstable_by(|a, b| (a.at, &a.meta.id).cmp(&(b.at, &b.meta.id)));
    let mut by_id: BTreeMap<&str, Reservation> = BTreeMap::new();
    // Sets held per (day, set) and per (day, person), as the replay goes.
    let mut taken: HashMap<(Date, &str), u32> = HashMap::new();
    let mut theirs: HashMap<(Date, &str), usize> = HashMap::new();
    for e in live {
        match e.kind {
            ReservationKind::Reserve { price_cents, stock, per_day } => {
                if by_id.contains_key(e.reservation_id.as_str()) {
                    continue;
                }
                let stock = stock.or_else(|| limits.stock.get(&e.meal_set_id).copied()).unwrap_or(u32::MAX);
                let per_day = per_day.or(limits.per_day);
                let set_taken = taken.entry((e.day, &e.meal_set_id)).or_default();
                let person_has = theirs.entry((e.day, &e.person_id)).or_default();
                let status = if let Some(per_day) = per_day.filter(|max| *person_has >= *max) {
                    Status::Refused(MealRefusal::AlreadyReserved { per_day })
                } else if *set_taken >= stock {
                    Status::Refused(MealRefusal::SoldOut)
                } else {
                    *set_taken += 1;
                    *person_has += 1;
                    Status::Reserved
                };
                by_id.insert(
                    &e.reservation_id,
                    Reservation {
                        id: e.reservation_id.clone(),
                        person_id: e.person_id.clone(),
                        meal_set_id: e.meal_set_id.clone(),
                        day: e.day,
                        price_cents,
                        reserved_at: e.at,
                        status,
                    },
                );
            }
            kind => {
                if let Some(r) = by_id.get_mut(e.reservation_id.as_str()) {
                    let before = r.holds_a_set();
                    r.status = match (r.status, kind) {
                        (Status::Cancelled | Status::Refused(_), _) => r.status,
                        (_, ReservationKind::Cancel) => Status::Cancelled,
                        (_, ReservationKind::PickUp) => Status::PickedUp,
                        (Status::PickedUp, ReservationKind::NoShow) => Status::PickedUp,
                        (_, _) => Status::NoShow,
                    };
                    if before && !r.holds_a_set() {
                        // A cancelled set goes back to the stock.
                        *taken.entry((r.day, e.meal_set_id.as_str())).or_default() -= 1;
                        *theirs.entry((r.day, e.person_id.as_str())).or_default() -= 1;
                    }
                }
            }
        }
    }
    let mut out: Vec<Reservation> = by_id.into_values().collect();
    out.sort_unstable_by(|a, b| (a.day, a.reserved_at, &a.id).cmp(&(b.day, b.reserved_at, &b.id)));
    out
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MealRefusal {
    Retired,
    NotOffered,
    OfficeClosed,
    PastDay,
    AfterCutoff { cutoff_minute: u32 },
    TooFarAhead,
    AlreadyReserved { per_day: usize },
    SoldOut,
    NotReserved,
    TooLateToCancel { cutoff_minute: u32 },
    /// Pick-up before the day, or no-show before it is over.
    NotYet,
}

/// The office clock's reading: its calendar day and minute of the day.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct OfficeNow {
    pub day: Date,
    pub minute: u32,
}

/// The days one may reserve for now: today until the cutoff (if the office
/// is open), then the next working days.
pub fn bookable_days(now: OfficeNow, calendar: &OfficeCalendar, rules: &MealRules) -> Vec<Date> {
    let mut days = Vec::new();
    if calendar.is_working_day(now.day) && now.minute < rules.cutoff_minute {
        days.push(now.day);
    }
    let mut day = now.day;
    for _ in 0..rules.days_ahead {
        // A working day within the next year, skipping weekends and holidays.
        match (1..=366).map(|n| day.add_days(n)).find(|d| calendar.is_working_day(*d)) {
            Some(next) => {
                days.push(next);
                day = next;
            }
            None => break,
        }
    }
    days
}

/// Sets of `meal` still free on `day`: its stock less what is reserved.
pub fn left(meal: &MealSet, day: Date, all: &[Reservation]) -> u32 {
    let taken = all.iter().filter(|r| r.day == day && r.meal_set_id == meal.meta.id && r.holds_a_set()).count() as u32;
    meal.daily_stock.saturating_sub(taken)
}

/// May `person_id` reserve `meal` for `day` now? `that_day` holds every
/// reservation of that day (everyone's).
pub fn can_reserve(
    meal: &MealSet,
    day: Date,
    now: OfficeNow,
    calendar: &OfficeCalendar,
    rules: &MealRules,
    that_day: &[Reservation],
    person_id: &str,
) -> Result<(), MealRefusal> {
    if !meal.meta.is_live() {
        return Err(MealRefusal::Retired);
    }
    if day < now.day {
        return Err(MealRefusal::PastDay);
    }
    if day == now.day && now.minute >= rules.cutoff_minute {
        return Err(MealRefusal::AfterCutoff { cutoff_minute: rules.cutoff_minute });
    }
    if !calendar.is_working_day(day) {
        return Err(MealRefusal::OfficeClosed);
    }
    if !bookable_days(now, calendar, rules).contains(&day) {
        return Err(MealRefusal::TooFarAhead);
    }
    if !meal.offered_on(day.weekday()) {
        return Err(MealRefusal::NotOffered);
    }
    let mine = that_day.iter().filter(|r| r.day == day && r.person_id == person_id && r.holds_a_set()).count();
    if mine >= rules.per_day {
        return Err(MealRefusal::AlreadyReserved { per_day: rules.per_day });
    }
    if left(meal, day, that_day) == 0 {
        return Err(MealRefusal::SoldOut);
    }
    Ok(())
}

/// A reservation may be cancelled until its day's cutoff.
pub fn can_cancel(reservation: &Reservation, now: OfficeNow, rules: &MealRules) -> Result<(), MealRefusal> {
    if reservation.status != Status::Reserved {
        return Err(MealRefusal::NotReserved);
    }
    if reservation.day < now.day || (reservation.day == now.day && now.minute >= rules.cutoff_minute) {
        return Err(MealRefusal::TooLateToCancel { cutoff_minute: rules.cutoff_minute });
    }
    Ok(())
}

/// The admin marks a set collected on its day (or corrects a no-show).
pub fn can_pick_up(reservation: &Reservation, today: Date) -> Result<(), MealRefusal> {
    match reservation.status {
        Status::Reserved | Status::NoShow if reservation.day <= today => Ok(()),
        Status::Reserved | Status::NoShow => Err(MealRefusal::NotYet),
        _ => Err(MealRefusal::NotReserved),
    }
}

/// Uncollected sets become no-shows once their day is over.
pub fn can_mark_no_show(reservation: &Reservation, today: Date) -> Result<(), MealRefusal> {
    match reservation.status {
        Status::Reserved if reservation.day < today => Ok(()),
        Status::Reserved => Err(MealRefusal::NotYet),
        _ => Err(MealRefusal::NotReserved),
    }
}

/// One line of the admin's order sheet.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OrderLine {
    pub meal_set_id: String,
    pub count: u32,
    pub cents: i64,
    /// Who reserved it: (reservation, person id).
    pub reservations: Vec<Reservation>,
}

/// The sets to order from the supplier for a day, by meal set in menu
/// order (retired sets with reservations included).
pub fn order_sheet(day: Date, menu: &[MealSet], all: &[Reservation]) -> Vec<OrderLine> {
    menu.iter()
        .map(|meal| {
            let reservations: Vec<Reservation> =
                all.iter().filter(|r| r.day == day && r.meal_set_id == meal.meta.id && r.holds_a_set()).cloned().collect();
            OrderLine {
                meal_set_id: meal.meta.id.clone(),
                count: reservations.len() as u32,
                cents: reservations.iter().map(|r| i64::from(r.price_cents)).sum(),
                reservations,
            }
        })
        .filter(|line| line.count > 0 || menu.iter().any(|m| m.meta.id == line.meal_set_id && m.meta.is_live()))
        .collect()
}

/// A person's meals and spend over the days `from..=to`.
pub fn spend(person_id: &str, from: Date, to: Date, all: &[Reservation]) -> (usize, i64) {
    let mine = all.iter().filter(|r| r.person_id == person_id && r.day >= from && r.day <= to && r.holds_a_set());
    mine.fold((0, 0), |(n, cents), r| (n + 1, cents + i64::from(r.price_cents)))
}

/// Meals and spend per person per month, for accounting:
/// ((person id, year, month), (meals, cents)).
pub fn monthly_spend(all: &[Reservation], from: Date, to: Date) -> BTreeMap<(String, i32, u32), (usize, i64)> {
    let mut out: BTreeMap<(String, i32, u32), (usize, i64)> = BTreeMap::new();
    for r in all.iter().filter(|r| r.day >= from && r.day <= to && r.holds_a_set()) {
        let entry = out.entry((r.person_id.clone(), r.day.year(), r.day.month())).or_default();
        entry.0 += 1;
        entry.1 += i64::from(r.price_cents);
    }
    out
}

/// Reservations grouped by day (for the pages that show several days).
pub fn by_day(all: &[Reservation]) -> HashMap<Date, Vec<Reservation>> {
    let mut out: HashMap<Date, Vec<Reservation>> = HashMap::new();
    for r in all {
        out.entry(r.day).or_default().push(r.clone());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::meals::{default_menu, working_week};

    fn d(text: &str) -> Date {
        Date::parse_iso(text).unwrap()
    }

    fn menu() -> Vec<MealSet> {
        let mut n = 0;
        default_menu(|| {
            n += 1;
            Meta::new(format!("m{n}"), 0, "d")
        })
    }

    fn event(id: &str, res: &str, person: &str, meal: &str, day: &str, at: Instant, kind: ReservationKind) -> ReservationEvent {
        ReservationEvent {
            meta: Meta::new(id.into(), at, "d"),
            reservation_id: res.into(),
            person_id: person.into(),
            meal_set_id: meal.into(),
            day: d(day),
            at,
            kind,
        }
    }

    const RESERVE: ReservationKind = ReservationKind::Reserve { price_cents: 350, stock: None, per_day: None };

    /// A reservation made by a device that saw these limits.
    fn reserve_seeing(stock: u32, per_day: usize) -> ReservationKind {
        ReservationKind::Reserve { price_cents: 350, stock: Some(stock), per_day: Some(per_day) }
    }

    #[test]
    fn lowering_the_stock_or_the_sets_per_day_later_takes_back_nothing() {
        let mut menu = menu();
        menu[0].daily_stock = 3;
        let two_a_day = MealRules { per_day: 2, ..MealRules::default() };
        // Three sets given when the stock was 3, and Ann's second when two a day were allowed.
        let events = [
            event("a", "ra", "ann", "m1", "2026-11-20", 1, reserve_seeing(3, 2)),
            event("b", "rb", "bob", "m1", "2026-11-20", 2, reserve_seeing(3, 2)),
            event("c", "rc", "cy", "m1", "2026-11-20", 3, reserve_seeing(3, 2)),
            event("d", "ra2", "ann", "m2", "2026-11-20", 4, reserve_seeing(5, 2)),
        ];
        let before = reservations(&events, &Limits::new(&menu, &two_a_day));
        // Then the admin set the stock to 1 and one set a day.
        menu[0].daily_stock = 1;
        let after = reservations(&events, &Limits::new(&menu, &MealRules::default()));
        assert_eq!(after, before);
        assert!(after.iter().all(|r| r.status == Status::Reserved));
        assert_eq!(spend("ann", d("2026-11-01"), d("2026-11-30"), &after), (2, 700));
        // A reservation made after the change is held to the new stock.
        let mut later = events.to_vec();
        later.push(event("e", "re", "dee", "m1", "2026-11-20", 5, reserve_seeing(1, 1)));
        let all = reservations(&later, &Limits::new(&menu, &MealRules::default()));
        assert_eq!(all.iter().find(|r| r.id == "re").unwrap().status, Status::Refused(MealRefusal::SoldOut));
        assert_eq!(left(&menu[0], d("2026-11-20"), &all), 0);
    }

    #[test]
    fn statuses_are_derived_in_time_order() {
        let events = [
            event("a", "r1", "ann", "m1", "2026-11-25", 1, RESERVE),
            event("b", "r1", "ann", "m1", "2026-11-25", 3, ReservationKind::PickUp),
            event("c", "r2", "bob", "m1", "2026-11-25", 2, RESERVE),
            event("d", "r2", "bob", "m1", "2026-11-25", 4, ReservationKind::Cancel),
            event("e", "r2", "bob", "m1", "2026-11-25", 5, ReservationKind::PickUp),
            event("f", "r3", "cy", "m1", "2026-11-24", 1, RESERVE),
            event("g", "r3", "cy", "m1", "2026-11-24", 6, ReservationKind::NoShow),
            event("h", "r9", "zed", "m1", "2026-11-24", 6, ReservationKind::Cancel),
        ];
        let all = reservations(&events, &Limits::default());
        let status = |id: &str| all.iter().find(|r| r.id == id).map(|r| r.status);
        assert_eq!(status("r1"), Some(Status::PickedUp));
        assert_eq!(status("r2"), Some(Status::Cancelled), "a cancellation is final");
        assert_eq!(status("r3"), Some(Status::NoShow));
        assert_eq!(status("r9"), None, "no reserve event, no reservation");
    }

    #[test]
    fn two_phones_offline_take_the_last_set_the_earlier_keeps_it() {
        let mut menu = menu();
        menu[0].daily_stock = 1;
        let limits = Limits::new(&menu, &MealRules::default());
        // Bob reserved the last m1 offline at 10:05, Ann at 10:00.
        let events = [
            event("b", "rb", "bob", "m1", "2026-11-26", 5, RESERVE),
            event("a", "ra", "ann", "m1", "2026-11-26", 1, RESERVE),
        ];
        for order in [events.clone(), [events[1].clone(), events[0].clone()]] {
            let all = reservations(&order, &limits);
            let status = |id: &str| all.iter().find(|r| r.id == id).unwrap().status;
            assert_eq!(status("ra"), Status::Reserved);
            assert_eq!(status("rb"), Status::Refused(MealRefusal::SoldOut));
            assert_eq!(left(&menu[0], d("2026-11-26"), &all), 0, "never below zero");
            assert_eq!(spend("bob", d("2026-11-01"), d("2026-11-30"), &all), (0, 0), "a refused set is not charged");
            assert_eq!(can_cancel(all.iter().find(|r| r.id == "rb").unwrap(), OfficeNow { day: d("2026-11-25"), minute: 0 }, &MealRules::default()), Err(MealRefusal::NotReserved));
        }
        // Ann cancelling later frees the set for whoever reserves after,
        // but does not revive Bob's refused reservation.
        let mut more = events.to_vec();
        more.push(event("c", "ra", "ann", "m1", "2026-11-26", 7, ReservationKind::Cancel));
        more.push(event("d", "rc", "cy", "m1", "2026-11-26", 8, RESERVE));
        let all = reservations(&more, &limits);
        let status = |id: &str| all.iter().find(|r| r.id == id).unwrap().status;
        assert_eq!((status("ra"), status("rb"), status("rc")), (Status::Cancelled, Status::Refused(MealRefusal::SoldOut), Status::Reserved));
        // One person reserving on two phones keeps the first only.
        let twice = [
            event("x", "r1", "ann", "m2", "2026-11-26", 1, RESERVE),
            event("y", "r2", "ann", "m3", "2026-11-26", 2, RESERVE),
        ];
        let all = reservations(&twice, &limits);
        assert_eq!(all[1].status, Status::Refused(MealRefusal::AlreadyReserved { per_day: 1 }));
    }

    #[test]
    fn bookable_days_skip_weekends_holidays_and_the_cutoff() {
        let calendar = OfficeCalendar::new([d("2026-11-27")]);
        let rules = MealRules::default();
        // Wednesday 25 Nov 2026, 10:29: today and five working days (Fri 27 is a holiday).
        let days = bookable_days(OfficeNow { day: d("2026-11-25"), minute: 629 }, &calendar, &rules);
        assert_eq!(days, ["2026-11-25", "2026-11-26", "2026-11-30", "2026-12-01", "2026-12-02", "2026-12-03"].map(d));
        let after = bookable_days(OfficeNow { day: d("2026-11-25"), minute: 630 }, &calendar, &rules);
        assert_eq!(after[0], d("2026-11-26"));
        assert_eq!(after.len(), 5);
        let sunday = bookable_days(OfficeNow { day: d("2026-11-29"), minute: 0 }, &calendar, &rules);
        assert_eq!(sunday[0], d("2026-11-30"));
    }

    #[test]
    fn reservation_rules() {
        let menu = menu();
        let calendar = OfficeCalendar::default();
        let rules = MealRules::default();
        let now = OfficeNow { day: d("2026-11-25"), minute: 9 * 60 };
        let ok = |day: &str, taken: &[Reservation], who: &str| can_reserve(&menu[0], d(day), now, &calendar, &rules, taken, who);
        assert_eq!(ok("2026-11-25", &[], "ann"), Ok(()));
        assert_eq!(ok("2026-11-24", &[], "ann"), Err(MealRefusal::PastDay));
        assert_eq!(ok("2026-11-28", &[], "ann"), Err(MealRefusal::OfficeClosed));
        assert_eq!(ok("2026-12-09", &[], "ann"), Err(MealRefusal::TooFarAhead));
        let late = OfficeNow { minute: 10 * 60 + 30, ..now };
        assert_eq!(
            can_reserve(&menu[0], d("2026-11-25"), late, &calendar, &rules, &[], "ann"),
            Err(MealRefusal::AfterCutoff { cutoff_minute: 630 })
        );
        let mut retired = menu[0].clone();
        retired.meta.deleted_at = Some(1);
        assert_eq!(can_reserve(&retired, d("2026-11-26"), now, &calendar, &rules, &[], "ann"), Err(MealRefusal::Retired));
        let mut weekly = menu[0].clone();
        weekly.days_offered = vec![crate::domain::date::Weekday::Mon];
        assert_eq!(can_reserve(&weekly, d("2026-11-26"), now, &calendar, &rules, &[], "ann"), Err(MealRefusal::NotOffered));

        // Stock of 2: two reservations sell it out; one a day each.
        let mut two = menu[0].clone();
        two.daily_stock = 2;
        let taken = reservations(&[
            event("a", "r1", "ann", "m1", "2026-11-26", 1, RESERVE),
            event("b", "r2", "bob", "m1", "2026-11-26", 2, RESERVE),
        ], &Limits::default());
        assert_eq!(left(&two, d("2026-11-26"), &taken), 0);
        assert_eq!(can_reserve(&two, d("2026-11-26"), now, &calendar, &rules, &taken, "cy"), Err(MealRefusal::SoldOut));
        assert_eq!(
            can_reserve(&menu[1], d("2026-11-26"), now, &calendar, &rules, &taken, "ann"),
            Err(MealRefusal::AlreadyReserved { per_day: 1 })
        );
        assert_eq!(working_week().len(), 5);
    }

    #[test]
    fn cancel_pick_up_and_no_show() {
        let rules = MealRules::default();
        let res = |day: &str, status| Reservation {
            id: "r".into(),
            person_id: "ann".into(),
            meal_set_id: "m1".into(),
            day: d(day),
            price_cents: 350,
            reserved_at: 0,
            status,
        };
        let morning = OfficeNow { day: d("2026-11-25"), minute: 600 };
        let noon = OfficeNow { day: d("2026-11-25"), minute: 720 };
        assert_eq!(can_cancel(&res("2026-11-25", Status::Reserved), morning, &rules), Ok(()));
        assert_eq!(can_cancel(&res("2026-11-25", Status::Reserved), noon, &rules), Err(MealRefusal::TooLateToCancel { cutoff_minute: 630 }));
        assert_eq!(can_cancel(&res("2026-11-26", Status::Reserved), noon, &rules), Ok(()));
        assert_eq!(can_cancel(&res("2026-11-26", Status::Cancelled), noon, &rules), Err(MealRefusal::NotReserved));
        assert_eq!(can_pick_up(&res("2026-11-25", Status::Reserved), d("2026-11-25")), Ok(()));
        assert_eq!(can_pick_up(&res("2026-11-26", Status::Reserved), d("2026-11-25")), Err(MealRefusal::NotYet));
        assert_eq!(can_mark_no_show(&res("2026-11-25", Status::Reserved), d("2026-11-25")), Err(MealRefusal::NotYet));
        assert_eq!(can_mark_no_show(&res("2026-11-24", Status::Reserved), d("2026-11-25")), Ok(()));
        assert_eq!(can_pick_up(&res("2026-11-24", Status::NoShow), d("2026-11-25")), Ok(()));
    }

    #[test]
    fn order_sheet_and_spend() {
        let menu = menu();
        let all = reservations(&[
            event("a", "r1", "ann", "m1", "2026-11-25", 1, RESERVE),
            event("b", "r2", "bob", "m1", "2026-11-25", 2, ReservationKind::Reserve { price_cents: 400, stock: None, per_day: None }),
            event("c", "r3", "cy", "m2", "2026-11-25", 3, RESERVE),
            event("d", "r3", "cy", "m2", "2026-11-25", 4, ReservationKind::Cancel),
            event("e", "r4", "ann", "m3", "2026-11-26", 5, RESERVE),
            event("f", "r5", "ann", "m3", "2026-12-01", 5, RESERVE),
        ], &Limits::default());
        let sheet = order_sheet(d("2026-11-25"), &menu, &all);
        assert_eq!(sheet.len(), 7, "every set of the menu, zero or not");
        assert_eq!((sheet[0].count, sheet[0].cents), (2, 750));
        assert_eq!(sheet[1].count, 0, "the cancelled one is not ordered");
        assert_eq!(spend("ann", d("2026-11-01"), d("2026-11-30"), &all), (2, 700));
        let monthly = monthly_spend(&all, d("2026-11-01"), d("2026-12-31"));
        assert_eq!(monthly.get(&("ann".to_string(), 2026, 12)), Some(&(1, 350)));
        assert_eq!(monthly.get(&("ann".to_string(), 2026, 11)), Some(&(2, 700)));
    }
}
