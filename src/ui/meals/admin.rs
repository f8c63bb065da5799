//! The admin's meals: the order sheet of a day (count per set, total,
//! names, pick-ups, no-shows), exports, and the menu.

use super::{change, money, use_meals};
use crate::domain::date::{parse_day_range, Date, RangeError, RangeErrors};
use crate::domain::csv::Dialect;
use crate::domain::exports::{accounting_csv, supplier_csv};
use crate::domain::i18n::Msg;
use crate::domain::reservations::{can_mark_no_show, order_sheet, reservations, Limits, Status};
use crate::store::meals::ReservationChange;
use crate::store::{self};
use crate::ui::admin_attendance::{range_error, save_csv};
use crate::ui::form::TextField;
use crate::ui::icons;
use crate::ui::state::{tr, use_state, AppState};
use leptos::prelude::*;

#[component]
pub fn AdminMealsPage() -> impl IntoView {
    let state = use_state();
    let day_text = RwSignal::new(state.today().to_string());
    let day = Memo::new(move |_| Date::parse_iso(day_text.get().trim()).ok());
    let meals = use_meals(move || day.get().map(|d| (d, d)).unwrap_or_else(|| (state.today(), state.today())));
    let busy = RwSignal::new(false);
    let day_error = Signal::derive(move || day.get().is_none().then(|| state.t(Msg::ErrNotADate).to_owned()));

    let sheet = move || {
        let day = day.get()?;
        meals.with(|m| {
            // Until the new day's reservations are read, no sheet: the
            // last day's would read as a day with no orders.
            let m = m.as_ref().filter(|m| (m.range.0..=m.range.1).contains(&day))?;
            let lines = order_sheet(day, &m.menu, &m.days);
            let total_count: u32 = lines.iter().map(|l| l.count).sum();
            let total_cents: i64 = lines.iter().map(|l| l.cents).sum();
            let late: Vec<_> = m.days.iter().filter(|r| can_mark_no_show(r, state.today()).is_ok()).cloned().collect();
            let rows = lines.into_iter().map(|line| {
                let people = line.reservations.into_iter().map(|r| {
                    let name = m.people.get(&r.person_id).map(|p| p.name.clone()).unwrap_or_default();
                    let mark = match r.status {
                        Status::PickedUp => view! { <span class="status-pill">{state.t(Msg::PickedUp)}</span> }.into_any(),
                        _ if r.day > state.today() => ().into_any(),
                        _ => view! {
                            <button class="btn small" disabled=move || busy.get()
                                on:click=move |_| change(state, r.clone(), ReservationChange::PickUp, busy)>
                                {state.t(Msg::MarkPickedUp)}
                            </button>
                        }
                        .into_any(),
                    };
                    view! { <li><span>{name}</span>{mark}</li> }
                });
                view! {
                    <tr>
                        <td>
                            {m.meal_name(&line.meal_set_id)}
                            <details><summary class="small">{state.count(line.count as usize, Msg::PeopleCountOne, Msg::PeopleCount, &[])}</summary>
                                <ul class="history">{people.collect_view()}</ul>
                            </details>
                        </td>
                        <td class="num" data-testid="sheet-count">{line.count}</td>
                        <td class="num">{money(state, line.cents)}</td>
                    </tr>
                }
            });
            Some(view! {
                <table class="people sheet" data-testid="order-sheet">
                    <thead><tr><th>{state.t(Msg::Name)}</th><th class="num">"#"</th><th class="num">{state.t(Msg::Total)}</th></tr></thead>
                    <tbody>{rows.collect_view()}</tbody>
                    <tfoot><tr>
                        <th>{state.t(Msg::Total)}</th>
                        <th class="num" data-testid="sheet-total-count">{total_count}</th>
                        <th class="num" data-testid="sheet-total">{money(state, total_cents)}</th>
                    </tr></tfoot>
                </table>
                {(!late.is_empty()).then(|| view! {
                    <button class="btn" disabled=move || busy.get() on:click=move |_| mark_no_shows(state, late.clone(), busy)>
                        {state.t(Msg::MarkNoShows)}
                    </button>
                })}
            })
        })
    };

    view! {
        <section class="admin-meals">
            <a class="back" href="/meals">{tr(Msg::Menu)}</a>
            <h1>{tr(Msg::OrderSheet)}</h1>
            <div class="card">
                <TextField id="sheet-day" label=Msg::Day value=day_text error=day_error kind="date" />
                {sheet}
            </div>
            <Exports />
            <div class="card">
                <div class="card-head">
                    <h2>{tr(Msg::ManageMenu)}</h2>
                    <a class="btn small" href="/admin/meals/new">{tr(Msg::AddMealSet)}</a>
                </div>
                <ul class="history" data-testid="menu-admin">
                    {move || meals.with(|m| m.as_ref().map(|m| m.menu.iter().filter(|s| s.meta.is_live()).map(|s| view! {
                        <li>
                            <a href=format!("/admin/meals/{}/edit", s.meta.id)>{s.name.clone()}</a>
                            <span class="muted">{money(state, i64::from(s.price_cents))}" · "{s.daily_stock}</span>
                        </li>
                    }).collect_view()))}
                </ul>
            </div>
        </section>
    }
}

/// Every uncollected set of a past day becomes a no-show, in one
/// transaction; those that changed meanwhile (collected on another device)
/// are counted out, and said.
fn mark_no_shows(state: AppState, late: Vec<crate::domain::reservations::Reservation>, busy: RwSignal<bool>) {
    if busy.get_untracked() {
        return;
    }
    busy.set(true);
    leptos::task::spawn_local(async move {
        let author = state.author();
        let zone = state.zone();
        let now = crate::domain::reservations::OfficeNow { day: zone.date_of(author.now), minute: zone.minute_of_day(author.now) };
        let ids: Vec<_> = late.iter().map(|r| (r.day, r.id.clone())).collect();
        match store::meals::mark_no_shows(&state.db(), &author, now, &ids).await {
            Ok((marked, refused)) if refused.is_empty() => state.notify(state.count(marked, Msg::NoShowsMarkedOne, Msg::NoShowsMarked, &[])),
            Ok((marked, refused)) => state.show_error(state.tf(
                Msg::NoShowsPartly,
                &[("marked", &marked.to_string()), ("refused", &refused.len().to_string())],
            )),
            Err(error) => state.notify_error(&error),
        }
        busy.set(false);
    });
}

/// Supplier orders and accounting spend for a range of days, as CSV.
#[component]
fn Exports() -> impl IntoView {
    let state = use_state();
    let today = state.today();
    let from = RwSignal::new(today.first_of_month().to_string());
    let to = RwSignal::new(today.last_of_month().to_string());
    let range = move || parse_day_range(&from.get(), &to.get());
    let message = move |pick: fn(RangeErrors) -> Option<RangeError>| {
        Signal::derive(move || range().err().and_then(pick).map(|e| range_error(state, e)))
    };
    let (from_error, to_error) = (message(|e| e.0), message(|e| e.1));
    let export = move |accounting: bool| {
        let Ok((from, to)) = range() else { return };
        leptos::task::spawn_local(async move {
            let db = state.db();
            let loaded = async {
                let menu = store::meals::menu(&db).await?;
                let rules = state.office.with_untracked(|o| o.as_ref().map(|o| o.meal_rules()).unwrap_or_default());
                let all = reservations(&store::meals::reservations_between(&db, from, to).await?, &Limits::new(&menu, &rules));
                Ok::<_, store::StoreError>((menu, all, store::people::all_people(&db).await?))
            };
            match loaded.await {
                Ok((menu, all, people)) => {
                    let office = state.office_settings_untracked();
                    let (name, csv) = if accounting {
                        ("accounting", accounting_csv(&people, &office, &all, from, to, Dialect::of(state.lang())))
                    } else {
                        ("supplier", supplier_csv(&menu, &all, from, to, Dialect::of(state.lang())))
                    };
                    save_csv(state, &format!("oasis-meals-{name}-{from}-{to}.csv"), &csv);
                }
                Err(error) => state.notify_error(&error),
            }
        });
    };
    view! {
        <div class="card">
            <div class="field-row">
                <TextField id="meals-from" label=Msg::From value=from error=from_error kind="date" />
                <TextField id="meals-to" label=Msg::To value=to error=to_error kind="date" />
            </div>
            <div class="tools">
                <button class="btn" disabled=move || range().is_err() on:click=move |_| export(false) data-testid="export-supplier">{icons::download()}{tr(Msg::ExportSupplier)}</button>
                <button class="btn" disabled=move || range().is_err() on:click=move |_| export(true) data-testid="export-accounting">{icons::download()}{tr(Msg::ExportAccounting)}</button>
            </div>
        </div>
    }
}
