//! The door code: the admin's device shows today's code (a QR code and six
//! characters); a phone scans or types it and is checked in "by the door
//! code", verified offline with the office's secret.

use super::form::{Saving, TextField};
use super::qr::{Code, QrImage, Scanner};
use super::state::{tr, use_state, AppState};
use crate::domain::attendance::{CheckKind, CheckMethod};
use crate::domain::door::{self, accepted_slots, code_from_mac, DoorError, Slot, ROTATIONS};
use crate::domain::i18n::Msg;
use crate::domain::pin::{hex, unhex};
use crate::pwa::{crypto, intl, scan};
use crate::store::{self, attendance::CheckError};
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

/// The office's code for a slot.
async fn code_of(secret: &[u8], slot: Slot) -> Option<String> {
    let mac = crypto::hmac_sha256(secret, slot.message().as_bytes()).await.ok()?;
    Some(code_from_mac(&mac))
}

fn door_error(state: AppState, error: DoorError) -> String {
    state
        .t(match error {
            DoorError::Empty => Msg::ErrRequired,
            DoorError::NotACode => Msg::DoorNotACode,
            DoorError::NotOurs => Msg::DoorNotOurs,
            DoorError::Wrong => Msg::DoorWrong,
        })
        .to_owned()
}

/// Checks a door code (as read from what was typed or scanned) against
/// this office's codes now, and checks this device's person in by it.
/// Says how it went, in words: Ok for the toast, Err for the message.
pub async fn check_in_by_door(state: AppState, code: Result<String, DoorError>) -> Result<String, String> {
    let code = code.map_err(|e| door_error(state, e))?;
    let Some(person_id) = state.person_id() else { return Err(state.t(Msg::DoorWrong).to_owned()) };
    let office = state.office.get_untracked().ok_or_else(|| state.t(Msg::DoorNoSecret).to_owned())?;
    let secret = unhex(&office.door_secret).filter(|s| !s.is_empty()).ok_or_else(|| state.t(Msg::DoorNoSecret).to_owned())?;
    let author = state.author();
    let zone = state.zone();
    let offset = zone.offset_on(zone.date_of(author.now));
    let mut valid = false;
    for slot in accepted_slots(author.now, offset, office.door_rotation_minutes) {
        valid |= code_of(&secret, slot).await.as_deref() == Some(code.as_str());
    }
    if !valid {
        return Err(door_error(state, DoorError::Wrong));
    }
    let day = zone.date_of(author.now);
    match store::attendance::check(&state.db(), &author, &person_id, day, CheckKind::In, CheckMethod::DoorCode).await {
        Ok(done) => {
            let time = state.time(done.event.at);
            Ok(state.tf(if done.recorded { Msg::CheckedInByDoor } else { Msg::AlreadyCheckedIn }, &[("time", &time)]))
        }
        Err(CheckError::Refused(_)) => Err(state.t(Msg::DoorWrong).to_owned()),
        Err(CheckError::Store(e)) => Err(state.save_failed(&e)),
    }
}

/// "Check in at the door": scan the code, or type it.
#[component]
pub fn DoorPage() -> impl IntoView {
    let state = use_state();
    let navigate = use_navigate();
    let typed = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let checking = Saving::new();
    let attempt = Callback::new(move |code: Result<String, DoorError>| {
        if !checking.start() {
            return;
        }
        let navigate = navigate.clone();
        leptos::task::spawn_local(async move {
            match check_in_by_door(state, code).await {
                Ok(done) => {
                    error.set(None);
                    typed.set(String::new());
                    state.notify(done);
                    checking.go_on(navigate, "/");
                }
                // The code stays in the field: a slip is seen and fixed,
                // not typed again from scratch.
                Err(why) => error.set(Some(why)),
            }
            checking.done();
        });
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        attempt.run(door::read_typed(&typed.get_untracked()));
    };
    let scanned = Callback::new(move |text: String| attempt.run(door::read_scanned(&text)));
    view! {
        <section class="door">
            <a class="back" href="/">{tr(Msg::TabToday)}</a>
            <h1>{tr(Msg::DoorCheckIn)}</h1>
            // Where the browser cannot scan, there is no scan button to mention.
            <p class="muted">{tr(if scan::supported() { Msg::DoorCheckInHint } else { Msg::DoorTypeHint })}</p>
            <Scanner code=Code::Qr { front: false } on_scan=scanned label=Msg::ScanDoorCode />
            <form class="card" on:submit=submit novalidate data-testid="door-form">
                <TextField id="door-code" label=Msg::TypeDoorCode value=typed error=Signal::derive(move || error.get()) autocomplete="off" />
                <button class="btn primary" type="submit" disabled=move || checking.active()>{tr(Msg::CheckIn)}</button>
            </form>
        </section>
    }
}

/// The admin's door display: today's code as a QR code and in letters,
/// changing with its slot; how often it changes.
#[component]
pub fn DoorCodePage() -> impl IntoView {
    let state = use_state();
    let code = RwSignal::new(None::<String>);
    // An office made before door codes has no secret yet: make one (it
    // reaches the office's devices with the office's settings).
    Effect::new(move |_| {
        let Some(office) = state.office.get() else { return };
        if !office.door_secret.is_empty() {
            return;
        }
        let Ok(secret) = crypto::random_bytes(32) else { return };
        let office = crate::domain::settings::OfficeSettings { door_secret: hex(&secret), ..office };
        leptos::task::spawn_local(async move {
            match store::settings::save_office(&state.db(), &state.author(), &office).await {
                Ok(saved) => state.office.set(Some(saved)),
                Err(e) => state.notify_error(&e),
            }
        });
    });
    // The code of the slot now, computed again when the slot changes.
    let slot = Memo::new(move |_| {
        let now = state.now.get();
        let zone = state.zone();
        let rotation = state.office.with(|o| o.as_ref().map_or(0, |o| o.door_rotation_minutes));
        (Slot::at(now, zone.offset_on(zone.date_of(now)), rotation), state.office.with(|o| o.as_ref().map(|o| o.door_secret.clone())))
    });
    Effect::new(move |_| {
        let (slot, secret) = slot.get();
        let Some(secret) = secret.as_deref().and_then(unhex).filter(|s| !s.is_empty()) else { return };
        leptos::task::spawn_local(async move { code.set(code_of(&secret, slot).await) });
    });
    let origin = window().location().origin().unwrap_or_default();
    let link = Signal::derive(move || code.get().map(|c| door::door_link(&origin, &c)).unwrap_or_default());
    // A refused rotation: the list is drawn again from what is kept.
    let rotation_refused = Trigger::new();
    let set_rotation = move |ev: leptos::ev::Event| {
        let minutes: u32 = event_target_value(&ev).parse().unwrap_or(0);
        let Some(office) = state.office.get_untracked() else { return };
        let office = crate::domain::settings::OfficeSettings { door_rotation_minutes: minutes, ..office };
        leptos::task::spawn_local(async move {
            match store::settings::save_office(&state.db(), &state.author(), &office).await {
                Ok(saved) => state.office.set(Some(saved)),
                Err(e) => {
                    rotation_refused.notify();
                    state.notify_error(&e);
                }
            }
        });
    };
    let rotation_label = move |minutes: u32| match minutes {
        0 => state.t(Msg::RotateDaily).to_owned(),
        m => state.tf(Msg::RotateEvery, &[("n", &m.to_string())]),
    };
    view! {
        <section class="door-display">
            <a class="back" href="/more">{tr(Msg::Settings)}</a>
            <h1>{tr(Msg::DoorCode)}</h1>
            <p class="muted">{tr(Msg::DoorCodeHint)}</p>
            <div class="card qr-card">
                <QrImage text=link label=Signal::derive(move || state.t(Msg::DoorCode).to_owned()) />
                <p class="door-code" data-testid="door-code">{move || code.get().unwrap_or_default()}</p>
                <p class="muted small">{move || intl::day(state.today(), intl::Style::DayLong, state.lang())}</p>
            </div>
            <div class="field">
                <label for="door-rotation">{tr(Msg::DoorRotation)}</label>
                <select id="door-rotation" on:change=set_rotation prop:value=move || {
                    rotation_refused.track();
                    state.office.with(|o| o.as_ref().map_or(0, |o| o.door_rotation_minutes)).to_string()
                }>
                    {ROTATIONS.map(|m| view! { <option value=m.to_string()>{move || rotation_label(m)}</option> })}
                </select>
            </div>
        </section>
    }
}
