//! The admin's attendance review: who is in today, the headcount over 30 or
//! 90 days, the weekday-by-week heatmap, the per-person table, and exports.

use super::charts::{headcount_chart, heatmap_table};
use super::form::TextField;
use super::icons;
use super::load::{load_stored, Loaded};
use super::state::{tr, use_state, AppState};
use crate::domain::attendance::{visits, CheckMethod, Visit};
use crate::domain::date::{parse_day_range, Date, RangeError, RangeErrors};
use crate::domain::csv::Dialect;
use crate::domain::exports::{checkins_csv, people_csv};
use crate::domain::i18n::{field_error, Msg};
use crate::domain::text::FieldError;
use crate::domain::people::Person;
use crate::domain::settings::OfficeSettings;
use crate::domain::stats::{headcounts, person_rows, sort_rows, DayCount, PersonRow, SortColumn};
use crate::pwa::download::download_text;
use crate::pwa::intl::{self, Style};
use crate::store::{self, StoreResult};
use crate::store::schema::{CHECKINS, PEOPLE};
use leptos::prelude::*;
use std::collections::HashMap;

/// The longest range the review shows; its data is read once.
const REVIEW_DAYS: i32 = 90;

#[derive(Clone)]
struct Review {
    people: Vec<Person>,
    visits: Vec<Visit>,
}

async fn load_review(state: AppState, today: Date) -> StoreResult<Review> {
    let db = state.db();
    let events = store::attendance::events_between(&db, today.add_days(-(REVIEW_DAYS - 1)), today).await?;
    let people = store::people::all_people(&db).await?;
    Ok(Review { people, visits: visits(&events) })
}

fn method_label(method: CheckMethod) -> Msg {
    match method {
        CheckMethod::Tap => Msg::MethodTap,
        CheckMethod::DoorCode => Msg::MethodDoorCode,
        CheckMethod::Kiosk => Msg::MethodKiosk,
        CheckMethod::Pass => Msg::MethodPass,
    }
}

#[component]
pub fn AdminAttendancePage() -> impl IntoView {
    let state = use_state();
    let review = load_stored(move || {
        let today = state.today();
        state.track(&[CHECKINS, PEOPLE]);
        load_review(state, today)
    });
    let range_days = RwSignal::new(30);
    let office = move || state.office_settings();
    let loading = move || view! { <p class="muted" aria-busy="true">{state.t(Msg::Loading)}</p> }.into_any();
    let with_review = move |render: &dyn Fn(&Review, &OfficeSettings, Date) -> AnyView| {
        review.with(|r| match r.as_ref() {
            Some(review) => render(review, &office(), state.today()),
            None => loading(),
        })
    };
    // The chart and the heatmap draw the same counts: derived once per
    // change of range or data, not once for each.
    let counts = Memo::new(move |_| {
        let today = state.today();
        let from = today.add_days(1 - range_days.get());
        review.with(|r| r.as_ref().map(|r| headcounts(&r.visits, from, today)))
    });
    let with_counts = move |render: &dyn Fn(&[DayCount], &OfficeSettings) -> AnyView| {
        counts.with(|c| match c {
            Some(counts) => render(counts, &office()),
            None => loading(),
        })
    };

    view! {
        <section class="admin">
            <a class="back" href="/more">{tr(Msg::Settings)}</a>
            <h1>{tr(Msg::AttendanceReview)}</h1>
            <div class="card">
                <h2>{tr(Msg::WhoIsIn)}</h2>
                {move || with_review(&|r, office, today| who_is_in(state, r, office, today).into_any())}
            </div>
            <div class="card">
                <div class="card-head">
                    <h2>{tr(Msg::Headcount)}</h2>
                    <div class="segmented" role="group" aria-label=tr(Msg::Headcount)>
                        {[(30, Msg::Last30Days), (90, Msg::Last90Days)].map(|(days, label)| view! {
                            <button
                                aria-pressed=move || (range_days.get() == days).to_string()
                                on:click=move |_| range_days.set(days)
                            >
                                {tr(label)}
                            </button>
                        })}
                    </div>
                </div>
                {move || with_counts(&|counts, office| headcount_chart(counts, &office.calendar(), state.lang()).into_any())}
                <h3>{tr(Msg::HeatmapTitle)}</h3>
                {move || with_counts(&|counts, office| heatmap_table(counts, &office.calendar(), state.lang()).into_any())}
            </div>
            <PeopleTable review range_days />
            <CheckinsExport />
        </section>
    }
}

fn who_is_in(state: AppState, review: &Review, office: &OfficeSettings, today: Date) -> impl IntoView + use<> {
    let by_id: HashMap<&str, &Person> = review.people.iter().map(|p| (p.meta.id.as_str(), p)).collect();
    let present: Vec<&Visit> = review.visits.iter().filter(|v| v.day == today).collect();
    let count = present.len() as u32;
    let capacity = office.capacity.max(1);
    let rows = present
        .iter()
        .map(|v| {
            let person = by_id.get(v.person_id.as_str());
            let name = person.map(|p| p.name.clone()).unwrap_or_else(|| v.person_id.clone());
            let team = person.map(|p| office.team_name(&p.team_id)).unwrap_or_default();
            let times = match v.left_at {
                Some(left) => format!("{}–{}", state.time(v.arrived_at), state.time(left)),
                None => format!("{} · {}", state.time(v.arrived_at), state.t(Msg::StillIn)),
            };
            view! {
                <li>
                    <span class="who">{name}<small>{team}</small></span>
                    <span class="when">{times}<small>{state.t(method_label(v.method))}</small></span>
                </li>
            }
        })
        .collect_view();
    view! {
        <p class="big-number" data-testid="admin-in-today">
            {state.count(count as usize, Msg::InOfCapacityOne, Msg::InOfCapacity, &[("capacity", &office.capacity.to_string())])}
        </p>
        <meter min="0" max=capacity.to_string() value=count.to_string() aria-hidden="true"></meter>
        {if present.is_empty() {
            view! { <p class="muted">{state.t(Msg::NobodyYet)}</p> }.into_any()
        } else {
            view! { <ul class="roster" data-testid="roster">{rows}</ul> }.into_any()
        }}
    }
}

#[component]
fn PeopleTable(review: Loaded<Review>, range_days: RwSignal<i32>) -> impl IntoView {
    let state = use_state();
    let sort = RwSignal::new((SortColumn::Name, false));
    let team = RwSignal::new(String::new());
    let office = move || state.office_settings();

    // Derived once per change: the table, its count and the export button
    // all read it.
    let rows = Memo::new(move |_| -> Option<(Vec<PersonRow>, Date, Date)> {
        let office = office();
        let to = state.today();
        let from = to.add_days(1 - range_days.get());
        let (column, descending) = sort.get();
        let team = team.get();
        review.with(|r| {
            let review = r.as_ref()?;
            let zone = state.zone();
            let mut rows = person_rows(&review.people, &review.visits, &office.calendar(), (from, to), &|at| zone.date_of(at));
            rows.retain(|row| team.is_empty() || row.team_id == team);
            sort_rows(&mut rows, column, descending, |id| office.team_name(id));
            Some((rows, from, to))
        })
    });

    let export = move |_| {
        if let Some((rows, from, to)) = rows.get_untracked() {
            let file = format!("oasis-people-{from}-{to}.csv");
            save_csv(state, &file, &people_csv(&rows, &office(), Dialect::of(state.lang())));
        }
    };

    let header = move |column: SortColumn, label: Msg, class: &'static str| {
        let numeric = class == "num";
        let aria_sort = move || match sort.get() {
            (c, false) if c == column => "ascending",
            (c, true) if c == column => "descending",
            _ => "none",
        };
        view! {
            <th scope="col" aria-sort=aria_sort class=class>
                <button
                    class="sort"
                    title=move || state.tf(Msg::SortBy, &[("column", state.t(label))])
                    on:click=move |_| sort.update(|(c, desc)| {
                        if *c == column { *desc = !*desc } else { *c = column; *desc = numeric }
                    })
                >
                    {tr(label)}
                </button>
            </th>
        }
    };

    view! {
        <div class="card">
            <div class="card-head">
                <h2>{tr(Msg::PeopleTable)}</h2>
                <button class="btn small" on:click=export disabled=move || rows.with(Option::is_none) data-testid="export-people">
                    {icons::download()}
                    {tr(Msg::ExportCsv)}
                </button>
            </div>
            <div class="field inline">
                <label for="team-filter">{tr(Msg::Team)}</label>
                <select id="team-filter" on:change=move |ev| team.set(event_target_value(&ev)) prop:value=move || team.get()>
                    <option value="">{tr(Msg::AllTeams)}</option>
                    {move || office().teams.into_iter().map(|t| view! { <option value=t.id>{t.name}</option> }).collect_view()}
                </select>
            </div>
            <p class="muted small" data-testid="people-count">
                {move || rows.with(|r| r.as_ref().map(|(r, _, _)| state.count(r.len(), Msg::PeopleCountOne, Msg::PeopleCount, &[])))}
            </p>
            <div class="table-wrap">
                <table class="people" data-testid="people-table">
                    <thead>
                        <tr>
                            {header(SortColumn::Name, Msg::Name, "")}
                            {header(SortColumn::Team, Msg::Team, "team")}
                            {header(SortColumn::DaysPresent, Msg::DaysPresent, "num")}
                            {header(SortColumn::Rate, Msg::Rate, "num")}
                            {header(SortColumn::LastSeen, Msg::LastSeen, "num")}
                        </tr>
                    </thead>
                    <tbody>
                        {move || {
                            let office = office();
                            rows.get().map(|(rows, _, _)| {
                                rows.into_iter().map(|r| view! {
                                    <tr>
                                        // On a phone the team column hides and the team shows here.
                                        <td>{r.name}<small class="team-under">{office.team_name(&r.team_id)}</small></td>
                                        <td class="team">{office.team_name(&r.team_id)}</td>
                                        <td class="num">{r.days_present}</td>
                                        <td class="num">{state.tf(Msg::Percent, &[("n", &r.rate_percent.to_string())])}</td>
                                        <td class="num">
                                            {match r.last_seen {
                                                Some(day) => intl::day(day, Style::DayMonth, state.lang()),
                                                None => state.t(Msg::NotSeenRecently).to_owned(),
                                            }}
                                        </td>
                                    </tr>
                                }).collect_view()
                            })
                        }}
                    </tbody>
                </table>
            </div>
        </div>
    }
}

pub(crate) fn save_csv(state: AppState, file: &str, csv: &str) {
    match download_text(file, "text/csv;charset=utf-8", csv) {
        Ok(()) => state.notify(state.tf(Msg::Exported, &[("file", file)])),
        Err(_) => state.show_error(state.t(Msg::DownloadFailed).to_owned()),
    }
}

/// The messages next to the "from" and "to" fields.
/// A range of days' problem, in the person's words.
pub(crate) fn range_error(state: AppState, error: RangeError) -> String {
    match error {
        RangeError::NotADate => field_error(FieldError::NotADate, state.lang()),
        RangeError::StartsAfterEnd => state.t(Msg::RangeInvalid).to_owned(),
        RangeError::TooLong => state.t(Msg::RangeTooLong).to_owned(),
    }
}

/// Raw check-in and check-out events of a date range, as CSV.
#[component]
fn CheckinsExport() -> impl IntoView {
    let state = use_state();
    let today = state.today();
    let from = RwSignal::new(today.add_days(-29).to_string());
    let to = RwSignal::new(today.to_string());
    let errors = RwSignal::new(RangeErrors::default());

    let export = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let range = parse_day_range(&from.get_untracked(), &to.get_untracked());
        errors.set(range.err().unwrap_or_default());
        let Ok((start, end)) = range else { return };
        leptos::task::spawn_local(async move {
            let db = state.db();
            let loaded = async {
                Ok::<_, store::StoreError>((
                    store::attendance::events_between(&db, start, end).await?,
                    store::people::all_people(&db).await?,
                ))
            };
            match loaded.await {
                Ok((events, people)) => {
                    let office = state.office_settings_untracked();
                    let zone = state.zone();
                    let csv = checkins_csv(&events, &people, &office, &|day| zone.offset_on(day), Dialect::of(state.lang()));
                    save_csv(state, &format!("oasis-checkins-{start}-{end}.csv"), &csv);
                }
                Err(error) => state.notify_error(&error),
            }
        });
    };

    let message = move |pick: fn(RangeErrors) -> Option<RangeError>| {
        Signal::derive(move || pick(errors.get()).map(|e| range_error(state, e)))
    };

    view! {
        <form class="card" on:submit=export novalidate>
            <h2>{tr(Msg::ExportCheckins)}</h2>
            <div class="field-row">
                <TextField id="export-from" label=Msg::From value=from error=message(|e| e.0) kind="date" />
                <TextField id="export-to" label=Msg::To value=to error=message(|e| e.1) kind="date" />
            </div>
            <button class="btn" type="submit" data-testid="export-checkins">
                {icons::download()}
                {tr(Msg::ExportCsv)}
            </button>
        </form>
    }
}
