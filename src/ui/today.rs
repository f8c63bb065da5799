//! Today: the big Check in button, then the time and Check out.

use super::load::load_stored;
use super::my_attendance::{attendance_stats, use_my_attendance};
use super::state::{tr, use_state, AppState};
use crate::domain::attendance::{visits, CheckKind, CheckMethod, CheckRefusal, Visit};
use crate::domain::door::{read_typed, DOOR_PARAM};
use crate::domain::i18n::Msg;
use crate::domain::date::Date;
use crate::pwa::intl::{self, Style};
use crate::store::{self, attendance::CheckError};
use crate::store::schema::{CHECKINS, PEOPLE};
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};
use leptos_router::NavigateOptions;

/// Checks this device's person in or out now, and says how it went.
fn check(state: AppState, kind: CheckKind, busy: RwSignal<bool>) {
    let Some(person_id) = state.person_id() else { return };
    busy.set(true);
    leptos::task::spawn_local(async move {
        let author = state.author();
        let day = state.zone().date_of(author.now);
        let outcome = store::attendance::check(&state.db(), &author, &person_id, day, kind, CheckMethod::Tap).await;
        match outcome {
            Ok(done) => {
                let time = state.time(done.event.at);
                let msg = match (kind, done.recorded) {
                    (CheckKind::In, true) => Msg::CheckedInToast,
                    (CheckKind::In, false) => Msg::AlreadyCheckedIn,
                    (CheckKind::Out, _) => Msg::CheckedOutToast,
                };
                state.notify(state.tf(msg, &[("time", &time)]));
            }
            Err(CheckError::Refused(CheckRefusal::NotCheckedIn)) => {
                state.show_error(state.t(Msg::NotCheckedInRefusal).to_owned())
            }
            Err(CheckError::Store(error)) => state.notify_error(&error),
        }
        busy.set(false);
    });
}

#[component]
pub fn TodayPage() -> impl IntoView {
    let state = use_state();
    let mine = use_my_attendance();
    let busy = RwSignal::new(false);

    // The "Check in" shortcut of the installed app opens `/?action=check-in`;
    // the door's QR code, opened by a phone's camera app, `/?door=CODE`.
    let query = use_query_map();
    if query.with_untracked(|q| q.get("action").as_deref() == Some("check-in")) {
        check(state, CheckKind::In, busy);
        use_navigate()("/", NavigateOptions { replace: true, ..Default::default() });
    }
    if let Some(code) = query.with_untracked(|q| q.get(DOOR_PARAM)) {
        busy.set(true);
        leptos::task::spawn_local(async move {
            match super::door::check_in_by_door(state, read_typed(&code)).await {
                Ok(done) => state.notify(done),
                Err(why) => state.show_error(why),
            }
            busy.set(false);
        });
        use_navigate()("/", NavigateOptions { replace: true, ..Default::default() });
    }

    let person = load_stored(move || {
        let (db, id) = (state.db(), state.person_id());
        state.track(&[PEOPLE]);
        async move { store::people::person(&db, id.as_deref().unwrap_or_default()).await }
    });
    let greeting = move || {
        let name = person.get().flatten().map(|p| p.name).unwrap_or_default();
        state.tf(Msg::Hello, &[("name", &name)])
    };
    let today_visit = move || -> Option<Option<Visit>> {
        let today = state.today();
        mine.with(|m| m.as_ref().map(|m| m.visit_on(today)))
    };

    let card = move || match today_visit() {
        None => view! { <p class="muted" aria-busy="true">{state.t(Msg::Loading)}</p> }.into_any(),
        Some(None) => view! {
            <button class="btn primary huge" data-testid="check-in" disabled=move || busy.get() on:click=move |_| check(state, CheckKind::In, busy)>
                {tr(Msg::CheckIn)}
            </button>
            <p class="muted">{tr(Msg::NotCheckedInYet)}</p>
            <p><a href="/door" data-testid="door-link">{tr(Msg::DoorCheckIn)}</a></p>
        }
        .into_any(),
        Some(Some(Visit { arrived_at, left_at: None, .. })) => view! {
            <p class="status in" data-testid="checked-in">
                <span class="pulse" aria-hidden="true"></span>
                {move || state.tf(Msg::CheckedInAt, &[("time", &state.time(arrived_at))])}
            </p>
            <button class="btn huge" data-testid="check-out" disabled=move || busy.get() on:click=move |_| check(state, CheckKind::Out, busy)>
                {tr(Msg::CheckOut)}
            </button>
        }
        .into_any(),
        Some(Some(Visit { arrived_at, left_at: Some(left_at), .. })) => view! {
            <p class="status out" data-testid="checked-out">
                {move || state.tf(Msg::DayInOffice, &[("from", &state.time(arrived_at)), ("to", &state.time(left_at))])}
            </p>
            <p class="muted">{tr(Msg::SeeYouTomorrow)}</p>
        }
        .into_any(),
    };

    view! {
        <section class="today">
            <h1>{greeting}</h1>
            <p class="date">{move || intl::day(state.today(), Style::DayLong, state.lang())}</p>
            <div class="card checkin-card">
                <Show when=move || state.office_closed_today()>
                    <p class="muted">{tr(Msg::NotAWorkingDay)}</p>
                </Show>
                {card}
            </div>
            // The cards below come with the check-in card's own state: shown
            // before it, they would be pushed down as "Loading" becomes the
            // button (a layout shift of 0.14 on a slow phone).
            <Show when=move || mine.with(Option::is_some)>
                <a class="card link-card" href="/attendance">
                    <h2>{tr(Msg::MyAttendance)}</h2>
                    {move || mine.with(|m| m.as_ref().map(|m| attendance_stats(state, m)))}
                </a>
                <a class="card link-card" href="/pass" data-testid="pass-link">
                    <h2>{tr(Msg::MyPass)}</h2>
                    <p class="muted small">{tr(Msg::MyPassShort)}</p>
                </a>
                <Show when=move || state.admin_view()>
                    <WhoIsInCard />
                </Show>
            </Show>
        </section>
    }
}

/// The admin's glance at today's headcount.
#[component]
fn WhoIsInCard() -> impl IntoView {
    let state = use_state();
    let count = load_stored(move || {
        let db = state.db();
        let today: Date = state.today();
        state.track(&[CHECKINS]);
        async move { store::attendance::events_between(&db, today, today).await.map(|e| visits(&e).len()) }
    });
    let capacity = move || state.office.with(|o| o.as_ref().map_or(0, |o| o.capacity));
    view! {
        <a class="card link-card" href="/admin/attendance">
            <h2>{tr(Msg::WhoIsIn)}</h2>
            <p class="big-number" data-testid="in-today">
                {move || {
                    count.get().map(|n| {
                        state.count(n, Msg::InOfCapacityOne, Msg::InOfCapacity, &[("capacity", &capacity().to_string())])
                    })
                }}
            </p>
        </a>
    }
}
