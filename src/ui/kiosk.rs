//! The reception kiosk: a shared tablet where people check in by picking
//! their name (accents and case do not matter) or by showing their pass to
//! the camera. Nothing else of the app is reachable from it; leaving takes
//! the admin PIN.

use super::access::{PinPrompt, SetPin};
use super::form::Saving;
use super::load::use_people;
use super::office::Joining;
use super::pass::{initials, signature};
use super::qr::{Code, Scanner};
use super::state::{tr, use_state, AppState};
use crate::domain::attendance::{CheckKind, CheckMethod, CheckRefusal};
use crate::domain::i18n::Msg;
use crate::domain::pass::{self, PassError};
use crate::domain::people::Person;
use crate::domain::text::fold;
use crate::pwa::intl::{self, Style};
use crate::store::attendance::CheckError;
use crate::store;
use leptos::prelude::*;
use std::time::Duration;

/// Names shown for a search at most.
const MATCHES: usize = 8;
/// How long the welcome stays before the kiosk is ready for the next one.
const WELCOME_MS: u64 = 4_000;
/// How long a check-in begun and left (a name picked or half typed, a
/// refused pass, the PIN asked for) waits for its person: then the kiosk is
/// ready for the next one, who could otherwise check the last one in.
const LEFT_MS: u64 = 20_000;

/// What the kiosk shows.
#[derive(Clone, Debug, PartialEq)]
enum Step {
    Search,
    Confirm(Person),
    Welcome(String),
    Leaving,
}

/// People whose names hold every typed word (folded).
fn matching(people: &[Person], query: &str) -> Vec<Person> {
    let words: Vec<String> = fold(query).split_whitespace().map(str::to_owned).collect();
    if words.is_empty() {
        return Vec::new();
    }
    let mut found: Vec<Person> =
        people.iter().filter(|p| p.meta.is_live() && words.iter().all(|w| fold(&p.name).contains(w.as_str()))).cloned().collect();
    found.sort_by_key(|p| fold(&p.name));
    found.truncate(MATCHES);
    found
}

/// Checks `person` in by `method`; the welcome (or why not), in words.
async fn check_in(state: AppState, person: &Person, method: CheckMethod) -> String {
    let author = state.author();
    let day = state.zone().date_of(author.now);
    let first = person.name.split_whitespace().next().unwrap_or(&person.name).to_owned();
    match store::attendance::check(&state.db(), &author, &person.meta.id, day, CheckKind::In, method).await {
        Ok(done) => {
            let time = state.time(done.event.at);
            let msg = if done.recorded { Msg::KioskWelcome } else { Msg::KioskAlreadyIn };
            state.tf(msg, &[("name", &first), ("time", &time)])
        }
        Err(CheckError::Store(e)) => state.save_failed(&e),
        Err(CheckError::Refused(CheckRefusal::NotCheckedIn)) => state.t(Msg::NotCheckedInRefusal).to_owned(),
    }
}

#[component]
pub fn KioskScreen() -> impl IntoView {
    let state = use_state();
    let step = RwSignal::new(Step::Search);
    let query = RwSignal::new(String::new());
    let problem = RwSignal::new(None::<String>);
    let people = use_people();
    // Each touch of the kiosk starts the wait again: a wait ends in a
    // reset only if nothing touched the kiosk since it began.
    let touches = StoredValue::new(0u64);
    let reset = move || {
        touches.update_value(|n| *n += 1);
        query.set(String::new());
        problem.set(None);
        // Set only if it changes: the search screen rebuilt would take the
        // camera away from someone showing a pass.
        if step.get_untracked() != Step::Search {
            step.set(Step::Search);
        }
    };
    let touched = move || {
        touches.update_value(|n| *n += 1);
        // Also after a pass's check, which kiosk mode may have ended.
        let Some(this) = touches.try_get_value() else { return };
        set_timeout(
            move || {
                // (The welcome has its own, shorter wait.)
                if touches.try_get_value() == Some(this) && !matches!(step.get_untracked(), Step::Welcome(_)) {
                    reset();
                }
            },
            Duration::from_millis(LEFT_MS),
        );
    };
    let welcome = move |text: String| {
        step.set(Step::Welcome(text.clone()));
        set_timeout(
            move || {
                // (The kiosk may have been left meanwhile.)
                if step.try_get_untracked() == Some(Step::Welcome(text)) {
                    reset();
                }
            },
            Duration::from_millis(WELCOME_MS),
        );
    };
    // One check-in at a time: a double tap must not check twice (the
    // second would greet the person with "already checked in").
    let checking = Saving::new();
    let confirm = move |person: Person| {
        touched();
        if !checking.start() {
            return;
        }
        leptos::task::spawn_local(async move {
            let text = check_in(state, &person, CheckMethod::Kiosk).await;
            checking.done();
            welcome(text);
        });
    };
    let scanned = Callback::new(move |text: String| {
        leptos::task::spawn_local(async move {
            let everyone = people.get_untracked().unwrap_or_default();
            let checked = async {
                let claim = pass::read(&text)?;
                let expected = signature(state, &claim.person_id, claim.number).await.ok_or(PassError::Forged)?;
                let person = everyone.iter().find(|p| p.meta.id == claim.person_id && p.meta.is_live());
                pass::check(&claim, person.map(|p| p.pass_number), &expected)?;
                Ok::<Person, PassError>(person.expect("checked").clone())
            };
            match checked.await {
                Ok(person) => welcome(check_in(state, &person, CheckMethod::Pass).await),
                Err(error) => {
                    problem.set(Some(state.t(match error {
                        PassError::NotOurs => Msg::PassNotOurs,
                        PassError::Forged | PassError::UnknownPerson => Msg::PassForged,
                        PassError::Replaced => Msg::PassReplacedOld,
                    }).to_owned()));
                    touched();
                }
            }
        });
    });
    let office = move || state.office.with(|o| o.as_ref().map(|o| o.name.clone()).unwrap_or_default());
    view! {
        <main class="kiosk" data-testid="kiosk">
            <header class="kiosk-head">
                <h1>{move || state.tf(Msg::KioskTitle, &[("office", &office())])}</h1>
                <p class="kiosk-clock">{move || format!("{} · {}", intl::day(state.today(), Style::DayLong, state.lang()), state.time(state.now.get()))}</p>
            </header>
            // A tablet that joined with the kiosk account has no admin PIN:
            // whoever sets it up chooses one before the tablet serves, or
            // any passer-by could choose one to leave kiosk mode with.
            <Show when=move || state.device.with(|d| d.admin_pin.is_some()) fallback=|| view! {
                <p class="card" data-testid="kiosk-pin-first">{tr(Msg::KioskPinFirst)}</p>
                <SetPin />
            }>
            <Show when=move || state.sync_progress.get().is_none() fallback=|| view! { <Joining /> }>
                {move || match step.get() {
                    Step::Search => view! {
                        <div class="field kiosk-search">
                            <label for="kiosk-name">{tr(Msg::FindYourName)}</label>
                            <input id="kiosk-name" type="search" autocomplete="off" prop:value=move || query.get() on:input=move |ev| {
                                // A new search: the last refusal was someone else's.
                                problem.set(None);
                                query.set(event_target_value(&ev));
                                touched();
                            } />
                        </div>
                        <ul class="kiosk-names" data-testid="kiosk-names">
                            {move || people.with(|p| matching(p.as_deref().unwrap_or_default(), &query.get())).into_iter().map(|person| {
                                let label = person.name.clone();
                                view! {
                                    <li>
                                        <button class="btn kiosk-name" on:click=move |_| {
                                            step.set(Step::Confirm(person.clone()));
                                            touched();
                                        }>
                                            <span class="avatar" aria-hidden="true">{initials(&label)}</span>
                                            {label.clone()}
                                        </button>
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                        // Starting the camera counts as a touch (clicks bubble).
                        <div on:click=move |_| touched()>
                            <Scanner code=Code::Qr { front: true } on_scan=scanned label=Msg::ShowYourPass />
                        </div>
                        <p class="field-error" role="alert" data-testid="kiosk-problem">{move || problem.get()}</p>
                    }
                    .into_any(),
                    Step::Confirm(person) => {
                        let name = person.name.clone();
                        view! {
                            <div class="card kiosk-confirm">
                                <p class="big-name">{state.tf(Msg::KioskConfirm, &[("name", &name)])}</p>
                                <div class="actions">
                                    <button class="btn primary huge" disabled=move || checking.active() on:click=move |_| confirm(person.clone())>{tr(Msg::CheckIn)}</button>
                                    <button class="btn" on:click=move |_| reset()>{tr(Msg::NotMe)}</button>
                                </div>
                            </div>
                        }
                        .into_any()
                    }
                    Step::Welcome(text) => view! { <p class="card kiosk-welcome" role="status" data-testid="kiosk-welcome">{text}</p> }.into_any(),
                    // Typing and sending the PIN count as touches (the
                    // events bubble): no reset while it is being checked.
                    Step::Leaving => view! {
                        <div on:input=move |_| touched() on:submit=move |_| touched() on:click=move |_| touched()>
                            <PinPrompt on_unlock=Callback::new(move |()| state.leave_kiosk()) />
                        </div>
                        <button class="btn" on:click=move |_| reset()>{tr(Msg::Cancel)}</button>
                    }
                    .into_any(),
                }}
            </Show>
            <button class="btn link kiosk-leave" on:click=move |_| {
                step.set(Step::Leaving);
                touched();
            }>{tr(Msg::LeaveKiosk)}</button>
            </Show>
        </main>
    }
}
