//! The Meals tab: pick a day, see what is left, reserve or cancel.

use super::{change, day_label, money, office_now, refusal_text, reserve, use_meals, MealsView};
use crate::domain::date::{hhmm, Date};
use crate::domain::i18n::Msg;
use crate::domain::meals::{label_shown, MealSet};
use crate::domain::reservations::{bookable_days, can_cancel, can_reserve, left, MealRefusal, Status};
use crate::store::meals::ReservationChange;
use crate::ui::state::{tr, use_state, AppState};
use leptos::prelude::*;

#[component]
pub fn MealsPage() -> impl IntoView {
    let state = use_state();
    let days = Memo::new(move |_| {
        let office = state.office_settings();
        bookable_days(office_now(state), &office.calendar(), &office.meal_rules())
    });
    let meals = use_meals(move || {
        let d = days.get();
        (d.first().copied().unwrap_or_else(|| state.today()), d.last().copied().unwrap_or_else(|| state.today()))
    });
    let chosen: RwSignal<Option<Date>> = RwSignal::new(None);
    // The chosen day, or the first one can still reserve for.
    let day = move || chosen.get().filter(|d| days.with(|list| list.contains(d))).or_else(|| days.with(|d| d.first().copied()));
    let diet: RwSignal<Option<String>> = RwSignal::new(None);
    let busy = RwSignal::new(false);
    let cutoff = move || hhmm(state.office.with(|o| o.as_ref().map_or(630, |o| o.cutoff_minute)));

    let diets = move || {
        meals.with(|m| {
            let mut all: Vec<String> = m.iter().flat_map(|m| m.menu.iter().filter(|s| s.meta.is_live()).flat_map(|s| s.diets.clone())).collect();
            all.sort();
            all.dedup();
            all
        })
    };

    view! {
        <section class="meals">
            <div class="page-head">
                <h1>{tr(Msg::Menu)}</h1>
                <a class="btn small" href="/meals/mine">{tr(Msg::MyMeals)}</a>
            </div>
            <Show when=move || state.admin_view()>
                <p><a href="/admin/meals">{tr(Msg::ManageMenu)}</a></p>
            </Show>
            <p class="muted small" data-testid="cutoff-note">
                {move || {
                    // On a closed day there was nothing to reserve for today.
                    if state.office_closed_today() {
                        return state.t(Msg::NotAWorkingDay).to_owned();
                    }
                    let today_open = days.with(|d| d.first() == Some(&state.today()));
                    state.tf(if today_open { Msg::ReserveBefore } else { Msg::TodayClosed }, &[("time", &cutoff())])
                }}
            </p>
            <div class="filters" role="group" aria-label=tr(Msg::Day) data-testid="days">
                {move || days.get().into_iter().map(|d| view! {
                    <button class="chip" aria-pressed=move || (day() == Some(d)).to_string() on:click=move |_| chosen.set(Some(d))>
                        {day_label(state, d)}
                    </button>
                }).collect_view()}
            </div>
            <div class="filters" role="group" aria-label=tr(Msg::Diets)>
                <button class="chip" aria-pressed=move || diet.with(Option::is_none).to_string() on:click=move |_| diet.set(None)>
                    {tr(Msg::AnyDiet)}
                </button>
                {move || diets().into_iter().map(|d| {
                    let (value, label) = (d.clone(), label_shown(&d, state.lang()));
                    view! {
                        <button class="chip" aria-pressed=move || (diet.get().as_ref() == Some(&value)).to_string()
                            on:click={let v = d.clone(); move |_| diet.set(Some(v.clone()))}>
                            {label}
                        </button>
                    }
                }).collect_view()}
            </div>
            <ul class="meal-list" data-testid="menu">
                {move || {
                    let Some(day) = day() else { return ().into_any() };
                    meals.with(|m| m.as_ref().map(|m| {
                        let wanted = diet.get();
                        m.menu.iter()
                            .filter(|s| s.meta.is_live())
                            .filter(|s| wanted.as_ref().is_none_or(|d| s.diets.contains(d)))
                            .map(|s| meal_card(state, m, s, day, busy))
                            .collect_view()
                            .into_any()
                    }).unwrap_or_else(|| ().into_any()))
                }}
            </ul>
        </section>
    }
}

fn meal_card(state: AppState, view: &MealsView, meal: &MealSet, day: Date, busy: RwSignal<bool>) -> impl IntoView + use<> {
    let office = state.office_settings_untracked();
    let me = state.person_id().unwrap_or_default();
    let now = office_now(state);
    let remaining = left(meal, day, &view.days);
    let mine = view.days.iter().find(|r| r.day == day && r.person_id == me && r.meal_set_id == meal.meta.id && r.status == Status::Reserved).cloned();
    let action = match mine {
        Some(reservation) => {
            let cancel = can_cancel(&reservation, now, &office.meal_rules()).is_ok().then(|| {
                view! {
                    <button class="btn small" disabled=move || busy.get()
                        on:click=move |_| change(state, reservation.clone(), ReservationChange::Cancel, busy)>
                        {state.t(Msg::CancelReservation)}
                    </button>
                }
            });
            let label = if day == now.day {
                state.t(Msg::ReservedForToday).to_owned()
            } else {
                state.tf(Msg::ReservedForDay, &[("day", &day_label(state, day))])
            };
            view! { <span class="status-pill" data-testid="reserved">{label}</span>{cancel} }.into_any()
        }
        None => match can_reserve(meal, day, now, &office.calendar(), &office.meal_rules(), &view.days, &me) {
            Ok(()) => {
                let meal = meal.clone();
                view! {
                    <button class="btn primary small" disabled=move || busy.get() on:click=move |_| reserve(state, meal.clone(), day, busy)>
                        {state.t(Msg::Reserve)}
                    </button>
                }
                .into_any()
            }
            Err(MealRefusal::SoldOut) => view! { <span class="muted">{state.t(Msg::SoldOut)}</span> }.into_any(),
            Err(MealRefusal::NotOffered) => view! { <span class="muted">{state.t(Msg::NotOfferedThatDay)}</span> }.into_any(),
            // Another set reserved that day: that card says so.
            Err(MealRefusal::AlreadyReserved { .. }) => ().into_any(),
            Err(refusal) => view! { <span class="muted">{refusal_text(state, refusal)}</span> }.into_any(),
        },
    };
    let allergens = (!meal.allergens.is_empty()).then(|| {
        let list: Vec<String> = meal.allergens.iter().map(|a| label_shown(a, state.lang())).collect();
        state.tf(Msg::Allergens, &[("list", &list.join(", "))])
    });
    view! {
        <li class="card meal">
            <div class="meal-head">
                <h2>{meal.name.clone()}</h2>
                <strong class="price">{money(state, i64::from(meal.price_cents))}</strong>
            </div>
            <p>{meal.description.clone()}</p>
            <p class="tags">{meal.diets.iter().map(|d| view! { <span class="tag">{label_shown(d, state.lang())}</span> }).collect_view()}</p>
            {allergens.map(|a| view! { <p class="muted small">{a}</p> })}
            <div class="meal-foot">
                <span class="left" class:none={remaining == 0} data-testid="left">
                    {state.count(remaining as usize, Msg::SetsLeftOne, Msg::SetsLeft, &[])}
                </span>
                <span class="actions">{action}</span>
            </div>
        </li>
    }
}
