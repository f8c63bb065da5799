//! My meals: this month's count and spend, what is coming up (cancel until
//! the cutoff), and what came before.

use super::{change, day_label, money, office_now, use_meals};
use crate::domain::i18n::Msg;
use crate::domain::reservations::{can_cancel, spend, Status};
use crate::store::meals::ReservationChange;
use crate::ui::state::{tr, use_state};
use leptos::prelude::*;

#[component]
pub fn MyMealsPage() -> impl IntoView {
    let state = use_state();
    // My own reservations are all read anyway; no one else's are needed.
    let meals = use_meals(move || (state.today(), state.today()));
    let busy = RwSignal::new(false);
    let status_text = move |status| {
        state.t(match status {
            Status::Reserved => Msg::StatusReserved,
            Status::PickedUp => Msg::StatusPickedUp,
            Status::NoShow => Msg::StatusNoShow,
            Status::Cancelled => Msg::StatusCancelled,
            Status::Refused(_) => Msg::StatusRefused,
        })
    };
    view! {
        <section class="my-meals">
            <a class="back" href="/meals">{tr(Msg::Menu)}</a>
            <h1>{tr(Msg::MyMeals)}</h1>
            {move || meals.with(|m| m.as_ref().map(|m| {
                let me = state.person_id().unwrap_or_default();
                let today = state.today();
                let (count, cents) = spend(&me, today.first_of_month(), today.last_of_month(), &m.mine);
                let rules = state.office.with(|o| o.as_ref().map(|o| o.meal_rules()).unwrap_or_default());
                let now = office_now(state);
                let upcoming: Vec<_> = m.mine.iter().filter(|r| r.day >= today && r.status == Status::Reserved).cloned().collect();
                let mut past: Vec<_> = m.mine.iter().filter(|r| r.day < today || r.status != Status::Reserved).cloned().collect();
                past.reverse();
                view! {
                    <dl class="stats card">
                        <div>
                            <dt>{state.t(Msg::ThisMonth)}</dt>
                            <dd data-testid="month-meals">{state.count(count, Msg::MealsCountOne, Msg::MealsCount, &[])}</dd>
                        </div>
                        <div>
                            <dt>{state.t(Msg::Total)}</dt>
                            <dd data-testid="month-spend">{money(state, cents)}</dd>
                        </div>
                    </dl>
                    <h2>{state.t(Msg::Upcoming)}</h2>
                    {if upcoming.is_empty() {
                        view! { <p class="muted">{state.t(Msg::NothingReserved)}</p> }.into_any()
                    } else {
                        view! {
                            <ul class="card history" data-testid="upcoming-meals">
                                {upcoming.into_iter().map(|r| {
                                    let cancel = can_cancel(&r, now, &rules).is_ok().then(|| {
                                        let r = r.clone();
                                        view! {
                                            <button class="btn small" disabled=move || busy.get()
                                                on:click=move |_| change(state, r.clone(), ReservationChange::Cancel, busy)>
                                                {state.t(Msg::CancelReservation)}
                                            </button>
                                        }
                                    });
                                    view! {
                                        <li>
                                            <span>{day_label(state, r.day)}<small>{m.meal_name(&r.meal_set_id)}</small></span>
                                            <span>{money(state, i64::from(r.price_cents))}</span>
                                            {cancel}
                                        </li>
                                    }
                                }).collect_view()}
                            </ul>
                        }
                        .into_any()
                    }}
                    {(!past.is_empty()).then(|| view! {
                        <h2>{state.t(Msg::Past)}</h2>
                        <ul class="card history" data-testid="past-meals">
                            {past.into_iter().take(60).map(|r| view! {
                                <li class:muted={r.status == Status::Cancelled}>
                                    <span>{day_label(state, r.day)}<small>{m.meal_name(&r.meal_set_id)}</small></span>
                                    <span>{status_text(r.status)}</span>
                                    <span>{money(state, i64::from(r.price_cents))}</span>
                                </li>
                            }).collect_view()}
                        </ul>
                    })}
                }
            }))}
        </section>
    }
}
