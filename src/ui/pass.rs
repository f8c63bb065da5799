//! Personal passes: "My pass" (a QR code the kiosk checks, signed with the
//! office's secret), and the admin's list of people, where a pass is
//! replaced (the old one stops working).

use super::load::{load_stored, use_people};
use super::qr::QrImage;
use super::state::{tr, use_state, AppState};
use crate::domain::i18n::Msg;
use crate::domain::pass;
use crate::domain::people::Person;
use crate::domain::pin::unhex;
use crate::domain::text::fold;
use crate::pwa::crypto;
use crate::store::{self, schema::PEOPLE};
use leptos::prelude::*;

/// The signature of a person's pass (`None` without an office secret).
pub async fn signature(state: AppState, person_id: &str, number: u32) -> Option<String> {
    let secret = state.office.with_untracked(|o| o.as_ref().and_then(|o| unhex(&o.door_secret))).filter(|s| !s.is_empty())?;
    let mac = crypto::hmac_sha256(&secret, pass::message(person_id, number).as_bytes()).await.ok()?;
    Some(pass::signature(&mac))
}

/// Initials for a photo-free avatar.
pub fn initials(name: &str) -> String {
    name.split_whitespace().filter_map(|w| w.chars().next()).take(2).flat_map(char::to_uppercase).collect()
}

#[component]
pub fn MyPassPage() -> impl IntoView {
    let state = use_state();
    let data = load_stored(move || {
        state.track(&[PEOPLE]);
        state.office.track();
        let (db, me) = (state.db(), state.person_id().unwrap_or_default());
        async move {
            let Some(person) = store::people::person(&db, &me).await? else { return Ok(None) };
            let sig = signature(state, &person.meta.id, person.pass_number).await;
            Ok(Some((person, sig)))
        }
    });
    view! {
        <section class="pass">
            <a class="back" href="/">{tr(Msg::TabToday)}</a>
            <h1>{tr(Msg::MyPass)}</h1>
            {move || data.get().flatten().map(|(person, sig)| {
                let team = state.office.with(|o| o.as_ref().map(|o| o.team_name(&person.team_id)).unwrap_or_default());
                match sig {
                    None => view! { <p class="card muted">{state.t(Msg::DoorNoSecret)}</p> }.into_any(),
                    Some(sig) => {
                        let payload = pass::payload(&person.meta.id, person.pass_number, &sig);
                        view! {
                            <div class="card qr-card" data-testid="my-pass">
                                <span class="avatar" aria-hidden="true">{initials(&person.name)}</span>
                                <p class="big-name">{person.name.clone()}<small>{team}</small></p>
                                <QrImage text=payload.clone() label=Signal::derive(move || state.t(Msg::MyPass).to_owned()) />
                                <p class="muted small">{state.t(Msg::MyPassHint)}</p>
                            </div>
                        }
                        .into_any()
                    }
                }
            })}
        </section>
    }
}

/// The admin's people: each one's pass, and replacing it.
#[component]
pub fn PeopleAdminPage() -> impl IntoView {
    let state = use_state();
    let query = RwSignal::new(String::new());
    let busy = RwSignal::new(false);
    let people = use_people();
    let replace = move |person: Person| {
        if !window().confirm_with_message(&state.tf(Msg::ReplacePassConfirm, &[("name", &person.name)])).unwrap_or(false) {
            return;
        }
        busy.set(true);
        leptos::task::spawn_local(async move {
            let renewed = Person { pass_number: person.pass_number + 1, ..person };
            match store::people::save_person(&state.db(), &state.author(), &renewed).await {
                Ok(()) => state.notify(state.tf(Msg::PassReplaced, &[("name", &renewed.name)])),
                Err(e) => state.notify_error(&e),
            }
            busy.set(false);
        });
    };
    let shown = move || {
        let wanted = fold(&query.get());
        let mut list: Vec<Person> = people.get().unwrap_or_default().into_iter().filter(|p| p.meta.is_live()).collect();
        list.retain(|p| wanted.split_whitespace().all(|w| fold(&p.name).contains(w)));
        list.sort_by_key(|p| fold(&p.name));
        list
    };
    view! {
        <section class="people-admin">
            <a class="back" href="/more">{tr(Msg::Settings)}</a>
            <h1>{tr(Msg::PeopleAndPasses)}</h1>
            <div class="field">
                <label for="people-search">{tr(Msg::FindPerson)}</label>
                <input id="people-search" type="search" prop:value=move || query.get() on:input=move |ev| query.set(event_target_value(&ev)) />
            </div>
            <ul class="card history" data-testid="people-passes">
                {move || shown().into_iter().map(|person| {
                    let number = state.tf(Msg::PassNumber, &[("n", &person.pass_number.to_string())]);
                    let name = person.name.clone();
                    view! {
                        <li class="row">
                            <span><strong>{name}</strong> " " <small class="muted">{number}</small></span>
                            <button class="btn small" disabled=move || busy.get() on:click=move |_| replace(person.clone())>
                                {state.t(Msg::ReplacePass)}
                            </button>
                        </li>
                    }
                }).collect_view()}
            </ul>
        </section>
    }
}
