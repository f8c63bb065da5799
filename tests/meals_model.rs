//! Property test of the meal rules: random reserve and cancel taps by four
//! people on two meal sets over a week, with the clock moving and the
//! price changing, checked against a plain reference model. Stock is never
//! exceeded, the rules agree with the model, and spend is the sum of the
//! prices at reservation time of what was not cancelled.
#![cfg(not(target_arch = "wasm32"))]

use oasis::domain::attendance::OfficeCalendar;
use oasis::domain::date::Date;
use oasis::domain::meals::{default_menu, MealSet};
use oasis::domain::record::Meta;
use oasis::domain::reservations::*;
use proptest::prelude::*;
use std::collections::HashMap;

const PEOPLE: [&str; 4] = ["ann", "bob", "cy", "dee"];

#[derive(Clone, Debug)]
enum Tap {
    Reserve { person: usize, meal: usize, days_ahead: i32 },
    Cancel { person: usize, days_ahead: i32 },
    /// The clock moves on, in quarter hours so that it lands on the cutoff
    /// (10:30) itself, where an off-by-one would hide.
    Wait(u32),
    /// The admin changes a set's price.
    Reprice { meal: usize, cents: u32 },
}

fn tap() -> impl Strategy<Value = Tap> {
    prop_oneof![
        4 => (0usize..4, 0usize..2, 0i32..4).prop_map(|(person, meal, days_ahead)| Tap::Reserve { person, meal, days_ahead }),
        2 => (0usize..4, 0i32..4).prop_map(|(person, days_ahead)| Tap::Cancel { person, days_ahead }),
        1 => (1u32..40).prop_map(|quarters| Tap::Wait(quarters * 15)),
        1 => (0usize..2, 100u32..900).prop_map(|(meal, cents)| Tap::Reprice { meal, cents }),
    ]
}

/// Weekdays only, no holidays: the model's own idea of a working day.
fn working(day: Date) -> bool {
    !day.weekday().is_weekend()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn reservations_match_the_reference_model(stocks in (1u32..4, 1u32..4), taps in proptest::collection::vec(tap(), 1..80)) {
        let mut n = 0;
        let mut menu: Vec<MealSet> = default_menu(|| { n += 1; Meta::new(format!("m{n}"), 0, "t") }).into_iter().take(2).collect();
        menu[0].daily_stock = stocks.0;
        menu[1].daily_stock = stocks.1;
        let rules = MealRules::default();
        let calendar = OfficeCalendar::default();
        // Monday 23 Nov 2026, 08:00.
        let mut now = OfficeNow { day: Date::parse_iso("2026-11-23").unwrap(), minute: 8 * 60 };
        let mut events: Vec<ReservationEvent> = Vec::new();
        // The model: active reservations by (person, day) -> (meal, price).
        let mut model: HashMap<(usize, Date), (usize, u32)> = HashMap::new();
        let mut paid_by_model: i64 = 0;
        let mut serial = 0;

        for tap in taps {
            let all = reservations(&events, &Limits::new(&menu, &rules));
            match tap {
                Tap::Wait(minutes) => {
                    let total = now.minute + minutes;
                    now = OfficeNow { day: now.day.add_days((total / 1440) as i32), minute: total % 1440 };
                }
                Tap::Reprice { meal, cents } => menu[meal].price_cents = cents,
                Tap::Reserve { person, meal, days_ahead } => {
                    let day = now.day.add_days(days_ahead);
                    let allowed = can_reserve(&menu[meal], day, now, &calendar, &rules, &all, PEOPLE[person]).is_ok();
                    let taken = model.iter().filter(|((_, d), (m, _))| *d == day && *m == meal).count() as u32;
                    let model_allows = working(day)
                        && !(day == now.day && now.minute >= rules.cutoff_minute)
                        && !model.contains_key(&(person, day))
                        && taken < menu[meal].daily_stock;
                    prop_assert_eq!(allowed, model_allows, "reserve {:?} {} {}", now, day, PEOPLE[person]);
                    if allowed {
                        serial += 1;
                        let id = format!("e{serial:05}");
                        let price = menu[meal].price_cents;
                        events.push(ReservationEvent {
                            meta: Meta::new(id.clone(), serial, "t"),
                            reservation_id: id,
                            person_id: PEOPLE[person].into(),
                            meal_set_id: menu[meal].meta.id.clone(),
                            day,
                            at: serial,
                            kind: ReservationKind::Reserve { price_cents: price, stock: None, per_day: None },
                        });
                        model.insert((person, day), (meal, price));
                        paid_by_model += i64::from(price);
                    }
                }
                Tap::Cancel { person, days_ahead } => {
                    let day = now.day.add_days(days_ahead);
                    let Some(mine) = all.iter().find(|r| r.person_id == PEOPLE[person] && r.day == day && r.status == Status::Reserved) else {
                        prop_assert!(!model.contains_key(&(person, day)));
                        continue;
                    };
                    let allowed = can_cancel(mine, now, &rules).is_ok();
                    prop_assert_eq!(allowed, day > now.day || now.minute < rules.cutoff_minute);
                    if allowed {
                        serial += 1;
                        events.push(ReservationEvent {
                            meta: Meta::new(format!("e{serial:05}"), serial, "t"),
                            reservation_id: mine.id.clone(),
                            person_id: mine.person_id.clone(),
                            meal_set_id: mine.meal_set_id.clone(),
                            day,
                            at: serial,
                            kind: ReservationKind::Cancel,
                        });
                        let (_, price) = model.remove(&(person, day)).unwrap();
                        paid_by_model -= i64::from(price);
                    }
                }
            }

            // Never more reserved than stocked; the same as the model.
            let all = reservations(&events, &Limits::new(&menu, &rules));
            for meal in &menu {
                for ahead in 0..8 {
                    let day = now.day.add_days(ahead);
                    let held = all.iter().filter(|r| r.day == day && r.meal_set_id == meal.meta.id && r.holds_a_set()).count() as u32;
                    prop_assert!(held <= meal.daily_stock);
                    prop_assert_eq!(left(meal, day, &all), meal.daily_stock - held);
                }
            }
            prop_assert_eq!(all.iter().filter(|r| r.holds_a_set()).count(), model.len());
            // Spend: the sum of the reserve events' prices, less the cancelled.
            let spent: i64 = PEOPLE.iter().map(|p| spend(p, now.day.add_days(-30), now.day.add_days(30), &all).1).sum();
            prop_assert_eq!(spent, paid_by_model);
        }
    }
}
