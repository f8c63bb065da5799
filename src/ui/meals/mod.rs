//! The meals screens: the menu with reservations, my meals, and the
//! admin's order sheet, exports and menu editing.

pub mod admin;
pub mod editor;
pub mod menu;
pub mod mine;

use super::load::{load_stored, Loaded};
use super::state::{use_state, AppState};
use crate::domain::date::{hhmm, Date};
use crate::domain::i18n::Msg;
use crate::domain::meals::MealSet;
use crate::domain::money::format_cents;
use crate::domain::people::Person;
use crate::domain::reservations::{reservations, Limits, MealRefusal, OfficeNow, Reservation};
use crate::pwa::intl::{self, Style};
use crate::store::meals::{MealError, ReservationChange};
use crate::store::{self, StoreResult};
use crate::store::schema::{MEAL_SETS, PEOPLE, RESERVATIONS};
use leptos::prelude::*;
use std::collections::HashMap;

/// What the meals screens show: the menu (retired sets too, for history),
/// everybody's reservations over some days, mine over all days.
#[derive(Clone)]
pub struct MealsView {
    pub menu: Vec<MealSet>,
    /// The days `days` covers (first, last).
    pub range: (Date, Date),
    pub days: Vec<Reservation>,
    pub mine: Vec<Reservation>,
    pub people: HashMap<String, Person>,
}

impl MealsView {
    pub fn meal(&self, id: &str) -> Option<&MealSet> {
        self.menu.iter().find(|m| m.meta.id == id)
    }

    pub fn meal_name(&self, id: &str) -> String {
        self.meal(id).map(|m| m.name.clone()).unwrap_or_default()
    }
}

async fn read_meals(state: AppState, from: Date, to: Date) -> StoreResult<MealsView> {
    let db = state.db();
    let menu = store::meals::menu(&db).await?;
    let limits = Limits::new(&menu, &state.office.with_untracked(|o| o.as_ref().map(|o| o.meal_rules()).unwrap_or_default()));
    let days = reservations(&store::meals::reservations_between(&db, from, to).await?, &limits);
    let me = state.person_id().unwrap_or_default();
    let mut mine = reservations(&store::meals::reservations_on_days_of(&db, &me).await?, &limits);
    mine.retain(|r| r.person_id == me);
    let people = store::people::all_people(&db).await?.into_iter().map(|p| (p.meta.id.clone(), p)).collect();
    Ok(MealsView { menu, range: (from, to), days, mine, people })
}

/// The meals data for the days `range()` gives, reloaded after changes.
pub fn use_meals(range: impl Fn() -> (Date, Date) + 'static) -> Loaded<MealsView> {
    let state = use_state();
    load_stored(move || {
        state.track(&[MEAL_SETS, RESERVATIONS, PEOPLE]);
        let (from, to) = range();
        read_meals(state, from, to)
    })
}

/// The office clock now: its day and minute (reactive: ticks).
pub fn office_now(state: AppState) -> OfficeNow {
    let now = state.now.get();
    let zone = state.zone();
    OfficeNow { day: zone.date_of(now), minute: zone.minute_of_day(now) }
}

pub fn money(state: AppState, cents: i64) -> String {
    format_cents(cents, state.lang())
}

/// "Today" or "Thu 26 Nov".
pub fn day_label(state: AppState, day: Date) -> String {
    if day == state.today() { state.t(Msg::DayToday).to_owned() } else { intl::day(day, Style::DayShort, state.lang()) }
}

pub fn refusal_text(state: AppState, refusal: MealRefusal) -> String {
    let time = |minute| hhmm(minute);
    match refusal {
        MealRefusal::Retired => state.t(Msg::RefusedMealRetired).to_owned(),
        MealRefusal::NotOffered => state.t(Msg::RefusedNotOffered).to_owned(),
        MealRefusal::OfficeClosed => state.t(Msg::RefusedOfficeClosed).to_owned(),
        MealRefusal::PastDay => state.t(Msg::RefusedPastDay).to_owned(),
        MealRefusal::AfterCutoff { cutoff_minute } => state.tf(Msg::RefusedAfterCutoff, &[("time", &time(cutoff_minute))]),
        MealRefusal::TooFarAhead => state.t(Msg::RefusedTooFarAhead).to_owned(),
        MealRefusal::AlreadyReserved { .. } => state.t(Msg::RefusedAlreadyReserved).to_owned(),
        MealRefusal::SoldOut => state.t(Msg::RefusedSoldOut).to_owned(),
        MealRefusal::NotReserved => state.t(Msg::RefusedNotReserved).to_owned(),
        MealRefusal::TooLateToCancel { cutoff_minute } => state.tf(Msg::RefusedTooLateToCancel, &[("time", &time(cutoff_minute))]),
        MealRefusal::NotYet => state.t(Msg::RefusedNotYet).to_owned(),
    }
}

fn show_failure(state: AppState, error: MealError) {
    match error {
        MealError::Refused(refusal) => state.show_error(refusal_text(state, refusal)),
        MealError::NotFound => state.show_error(state.t(Msg::NoSuchMeal).to_owned()),
        MealError::Store(error) => state.notify_error(&error),
    }
}

/// Reserves a meal set for this device's person.
pub fn reserve(state: AppState, meal: MealSet, day: Date, busy: RwSignal<bool>) {
    let Some(me) = state.person_id() else { return };
    busy.set(true);
    leptos::task::spawn_local(async move {
        let now = office_now_untracked(state);
        match store::meals::reserve(&state.db(), &state.author(), now, &meal.meta.id, day, &me).await {
            Ok(_) => state.notify(state.tf(Msg::ReservedToast, &[("meal", &meal.name), ("day", &day_label(state, day))])),
            Err(error) => show_failure(state, error),
        }
        busy.set(false);
    });
}

/// Cancels, or (the admin) marks picked up or not picked up.
pub fn change(state: AppState, reservation: Reservation, what: ReservationChange, busy: RwSignal<bool>) {
    busy.set(true);
    leptos::task::spawn_local(async move {
        let now = office_now_untracked(state);
        match store::meals::change(&state.db(), &state.author(), now, reservation.day, &reservation.id, what).await {
            Ok(()) if what == ReservationChange::Cancel => state.notify(state.t(Msg::CancelledToast).to_owned()),
            Ok(()) => {}
            Err(error) => show_failure(state, error),
        }
        busy.set(false);
    });
}

/// The clock at the moment of a tap (not tracked: taps are not effects).
fn office_now_untracked(state: AppState) -> OfficeNow {
    let now = intl::now();
    let zone = state.zone();
    OfficeNow { day: zone.date_of(now), minute: zone.minute_of_day(now) }
}
