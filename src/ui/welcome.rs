//! First run: join the office as an employee, or explore the demo office.

use super::form::{focus_first_invalid, TextField};
use super::office::{JoinForm, Joining};
use super::state::{tr, use_state, AppState};
use crate::domain::invite;
use crate::domain::demo::{generate_pausing, DemoClock, DEMO_BOOKS, DEMO_SEED};
use crate::domain::i18n::{field_error, Msg};
use crate::domain::people::{default_teams, PersonErrors, PersonForm};
use crate::domain::text::FieldError;
use crate::pwa::intl::{self, OfficeZone};
use crate::pwa::split::split_fn;
use crate::pwa::tasks::{next_task, Turn};
use crate::store;
use leptos::prelude::*;
use leptos::wasm_split::SplitLoaderError;
use std::future::Future;
use std::pin::Pin;

/// The demo's office is in Paris, wherever the device is.
const DEMO_TIME_ZONE: &str = "Europe/Paris";

/// Books in the large demo office (`?demo=large`), for trying and measuring
/// the app at scale.
const LARGE_DEMO_BOOKS: usize = 5_000;

/// Loads the demo office and makes its newcomer this device's user.
async fn explore_demo(state: AppState, large: bool) {
    // Each step in tasks of its own, so the busy state paints and no task
    // runs long: the first time-zone formatter costs the browser tens of
    // milliseconds; generating the office pauses whenever its turn is over.
    next_task().await;
    // A browser without Paris's time-zone data still gets a demo, in UTC
    // (which ECMA-402 makes every browser know).
    let zone = OfficeZone::new(DEMO_TIME_ZONE).or_else(|_| OfficeZone::new("UTC")).expect("UTC is always known");
    let now = intl::now();
    let offset = |day| zone.offset_on(day);
    let clock = DemoClock { today: zone.date_of(now), minute_of_day: zone.minute_of_day(now), utc_offset: &offset };
    next_task().await;
    let books = if large { LARGE_DEMO_BOOKS } else { DEMO_BOOKS };
    let demo = generate_pausing(DEMO_SEED, &clock, books, &mut Turn::begin()).await;
    next_task().await;
    let device = state.device.get_untracked();
    let stored = store::demo::load(&state.db(), &demo, &device).await;
    // Freeing the generated records in a task of its own: in the one that
    // builds the first screen it was about an eighth of that long task
    // (`bench/long-tasks.mjs`, 62 of 455 samples).
    let office = { demo }.office;
    next_task().await;
    match stored {
        Ok(device) => {
            state.office.set(Some(office));
            state.device.set(device);
        }
        Err(error) => state.notify_error(&error),
    }
}

split_fn!(demo,
    /// Loading the demo office, with its generator and data: in a chunk of
    /// their own, which only a device that explores the demo fetches.
    fn demo_office(state: AppState, large: bool) -> Result<Pin<Box<dyn Future<Output = ()>>>, SplitLoaderError> {
        Ok(Box::pin(explore_demo(state, large)))
    }
);

/// What demo the address asks for: `?demo` (as `./oasis serve` prints) or
/// `?demo=large`; `None` without either.
fn demo_requested() -> Option<bool> {
    let search = window().location().search().unwrap_or_default();
    search.trim_start_matches('?').split('&').find_map(|p| match p {
        "demo" => Some(false),
        "demo=large" => Some(true),
        _ => None,
    })
}

#[component]
pub fn Welcome() -> impl IntoView {
    let state = use_state();
    let teams = state.office.with_untracked(|o| o.as_ref().map_or_else(default_teams, |o| o.teams.clone()));
    let name = RwSignal::new(String::new());
    let team = RwSignal::new(String::new());
    let errors = RwSignal::new(PersonErrors::default());
    let busy = RwSignal::new(false);

    let demo = move |large: bool| {
        busy.set(true);
        leptos::task::spawn_local(async move {
            match demo_office(state, large).await {
                Ok(exploring) => exploring.await,
                Err(_) => state.show_error(state.t(Msg::DemoNeedsConnection).to_owned()),
            }
            busy.set(false);
        });
    };
    if let Some(large) = demo_requested() {
        demo(large);
    }

    let teams_for_join = teams.clone();
    let join = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let form = PersonForm { name: name.get_untracked(), team_id: team.get_untracked() };
        match form.validate(&teams_for_join) {
            Err(found) => {
                errors.set(found);
                focus_first_invalid();
            }
            Ok(person) => {
                errors.set(PersonErrors::default());
                busy.set(true);
                leptos::task::spawn_local(async move {
                    let device = state.device.get_untracked();
                    let zone = intl::device_time_zone();
                    // The key of the office's door codes and passes.
                    let secret = crate::pwa::crypto::random_bytes(32).map(|b| crate::domain::pin::hex(&b)).unwrap_or_default();
                    match store::people::join(&state.db(), &state.author(), person, &device, &zone, secret).await {
                        Ok((_, device, office)) => {
                            state.office.set(Some(office));
                            state.device.set(device);
                        }
                        Err(error) => state.notify_error(&error),
                    }
                    busy.set(false);
                });
            }
        }
    };

    let message = move |error: Option<FieldError>| error.map(|e| field_error(e, state.lang()));
    let name_error = move || message(errors.with(|e| e.name));
    let team_error = move || message(errors.with(|e| e.team));

    let invited = invite::is_invite(&window().location().search().unwrap_or_default());
    // The demo's link shows only that the demo is loading: its forms would
    // be built for nobody, in the page's first task.
    let loading_demo = Memo::new(move |_| busy.get() && demo_requested().is_some());
    // The ways in below the first screen (an office, a backup) are built in
    // a task after the first paint, so the first one builds only what shows.
    let below_the_fold = RwSignal::new(false);
    request_animation_frame(move || {
        leptos::task::spawn_local(async move {
            next_task().await;
            below_the_fold.try_set(true);
        })
    });
    let forms = move || {
        view! {
            <form class="card" on:submit=join.clone() novalidate>
                <h2>{tr(Msg::JoinAsEmployee)}</h2>
                <TextField id="join-name" label=Msg::YourName value=name error=Signal::derive(name_error) autocomplete="name" />
                <div class="field">
                    <label for="join-team">{tr(Msg::YourTeam)}</label>
                    <select
                        id="join-team"
                        name="team"
                        aria-invalid=move || team_error().is_some().then_some("true")
                        aria-describedby="join-team-error"
                        on:change=move |ev| team.set(event_target_value(&ev))
                        prop:value=move || team.get()
                    >
                        <option value="">{tr(Msg::ChooseTeam)}</option>
                        {teams.clone().into_iter().map(|t| view! { <option value=t.id>{t.name}</option> }).collect_view()}
                    </select>
                    <p id="join-team-error" class="field-error">{team_error}</p>
                </div>
                <button class="btn primary wide" type="submit" disabled=move || busy.get()>
                    {tr(Msg::Join)}
                </button>
            </form>
            <p class="or"><span>{tr(Msg::Or)}</span></p>
            <div class="card">
                <button class="btn wide" on:click=move |_| demo(false) disabled=move || busy.get()>
                    {move || state.t(if busy.get() { Msg::LoadingDemo } else { Msg::ExploreDemo })}
                </button>
                <p class="muted small">{tr(Msg::ExploreDemoHint)}</p>
            </div>
            <Show when=move || below_the_fold.get() && !invited>
                <p class="or"><span>{tr(Msg::Or)}</span></p>
                <JoinForm />
                <p class="or"><span>{tr(Msg::Or)}</span></p>
                <super::backup::BackupCard restore=true />
            </Show>
        }
        .into_any()
    };
    let alone = move || match loading_demo.get() {
        true => view! { <p class="card" role="status" aria-busy="true">{tr(Msg::LoadingDemo)}</p> }.into_any(),
        false => forms(),
    };
    view! {
        <main class="page welcome">
            <div class="welcome-hero">
                {super::icons::logo()}
                <h1>{tr(Msg::WelcomeTitle)}</h1>
                <p class="lead">{tr(Msg::WelcomeLead)}</p>
            </div>
            <Show when=move || state.data_vanished.get()>
                <div class="card vanished" role="alert" data-testid="data-vanished">
                    <p>{tr(Msg::DataVanished)}</p>
                </div>
            </Show>
            // Joined: the office's data is arriving. Invited: joining first.
            <Show when=move || !state.in_office() fallback=|| view! { <Joining /> }>
                {invited.then(|| view! { <JoinForm /> })}
            </Show>
            <div hidden=move || state.in_office() || invited>{alone}</div>
        </main>
    }
}

