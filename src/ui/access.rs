//! The admin PIN: setting it, unlocking the admin screens (with growing
//! waits after wrong tries, kept across reloads), locking again after a
//! few idle minutes, changing it, and the way out of a forgotten one.

use super::form::{focus_first_invalid, focus_when_drawn, Saving, TextField};
use super::on_demand::{on_demand, screens};
use super::state::{tr, use_state, AppState};
use crate::domain::i18n::Msg;
use crate::domain::pin::{self, PinError, PinGuard, IDLE_MS};
use crate::pwa::{crypto, intl};
use crate::store;
use crate::sync::couch::Couch;
use gloo_events::EventListener;
use leptos::prelude::*;

fn pin_error(state: AppState, error: PinError) -> String {
    match error {
        PinError::Required => state.t(Msg::ErrRequired).to_owned(),
        PinError::NotDigits => state.t(Msg::PinDigitsOnly).to_owned(),
        PinError::TooShort { min } => state.tf(Msg::PinTooShort, &[("min", &min.to_string())]),
        PinError::TooLong { max } => state.tf(Msg::PinTooLong, &[("max", &max.to_string())]),
        PinError::TooEasy => state.t(Msg::PinTooEasy).to_owned(),
        PinError::Mismatch => state.t(Msg::PinMismatch).to_owned(),
    }
}

/// A wait in words: "45 s", "2 min".
fn wait_words(ms: i64) -> String {
    let seconds = (ms + 999) / 1000;
    if seconds < 60 { format!("{seconds} s") } else { format!("{} min", (seconds + 59) / 60) }
}

/// Changes the device's settings in the store now, then on screen: the
/// PIN's guard must survive a reload right after a wrong try, and a PIN is
/// shown as set only once it is. Applied to what is stored then, as
/// [`AppState::change_device`] does, so neither undoes the other.
async fn save_device(state: AppState, change: impl Fn(&mut crate::domain::settings::DeviceSettings)) -> Result<(), String> {
    store::settings::change_device(&state.db(), &change).await.map_err(|e| state.save_failed(&e))?;
    state.device.update(|d| change(d));
    Ok(())
}

/// Where this tab keeps its admin session's last activity: a reload
/// within the idle time stays unlocked; another tab asks for the PIN.
const SESSION_KEY: &str = "oasis-admin-active";

fn session_storage() -> Option<web_sys::Storage> {
    window().session_storage().ok().flatten()
}

/// Notes activity in an unlocked session (and keeps it for a reload).
fn touch(state: AppState, now: i64) {
    state.admin_active_at.set(now);
    if let Some(storage) = session_storage() {
        let _ = storage.set_item(SESSION_KEY, &now.to_string());
    }
}

fn unlock(state: AppState) {
    touch(state, intl::now());
    state.admin_unlocked.set(true);
}

/// Ends the admin session (a tap on Lock, or idle).
pub fn lock(state: AppState) {
    state.admin_unlocked.set(false);
    if let Some(storage) = session_storage() {
        let _ = storage.remove_item(SESSION_KEY);
    }
}

/// Resumes this tab's admin session after a reload, if it was active
/// within the idle time; then locks the admin screens after `IDLE_MS`
/// without a tap or a key (the ticking clock checks).
pub fn watch_idle(state: AppState) {
    let now = intl::now();
    let last = session_storage().and_then(|s| s.get_item(SESSION_KEY).ok().flatten()).and_then(|t| t.parse::<i64>().ok());
    if let Some(last) = last.filter(|last| now - last < IDLE_MS && state.may_admin()) {
        state.admin_active_at.set(last);
        state.admin_unlocked.set(true);
    }
    let document = document();
    for event in ["pointerdown", "keydown"] {
        // Page-long listeners: made once.
        EventListener::new(&document, event, move |_| {
            let now = intl::now();
            // Kept at most every few seconds: a tap is not a write.
            if state.admin_unlocked.get_untracked() && now - state.admin_active_at.get_untracked() > 5_000 {
                touch(state, now);
            }
        })
        .forget();
    }
    Effect::new(move |_| {
        let now = state.now.get();
        if state.admin_unlocked.get() && now - state.admin_active_at.get_untracked() >= IDLE_MS {
            lock(state);
        }
    });
}

/// What a wrong or early try says.
fn refusal(state: AppState, guard: &PinGuard, now: i64) -> String {
    match guard.wait_ms(now) {
        0 => state.t(Msg::PinWrong).to_owned(),
        ms => state.tf(Msg::PinWait, &[("wait", &wait_words(ms))]),
    }
}

/// Unlocks with the PIN, or says why not (and counts a wrong try).
async fn try_pin(state: AppState, typed: String) -> Result<(), String> {
    // An empty field is not a try: it says so and counts nothing.
    if typed.is_empty() {
        return Err(pin_error(state, PinError::Required));
    }
    let now = intl::now();
    let device = state.device.get_untracked();
    if device.pin_guard.wait_ms(now) > 0 {
        return Err(refusal(state, &device.pin_guard, now));
    }
    let kept = device.admin_pin.ok_or_else(|| state.t(Msg::PinNotSet).to_owned())?;
    let right = crypto::pin_matches(&typed, &kept).await.map_err(|_| state.t(Msg::CryptoUnavailable).to_owned())?;
    if right {
        // The right PIN unlocks even where the tries cannot be reset (a
        // full storage: the admin must get in to free space); with none to
        // reset, nothing is written.
        if device.pin_guard != PinGuard::default() {
            let _ = save_device(state, |d| d.pin_guard = PinGuard::default()).await;
        }
        unlock(state);
        Ok(())
    } else {
        let guard = device.pin_guard.failed(now);
        save_device(state, |d| d.pin_guard = guard).await?;
        Err(refusal(state, &guard, now))
    }
}

/// The PIN asked for, to unlock (admin screens, the door code, leaving
/// kiosk mode). `on_unlock` runs once it is right.
#[component]
pub fn PinPrompt(#[prop(optional, into)] on_unlock: Option<Callback<()>>) -> impl IntoView {
    let state = use_state();
    let pin = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let forgot = RwSignal::new(false);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        let typed = pin.get_untracked();
        leptos::task::spawn_local(async move {
            match try_pin(state, typed).await {
                Ok(()) => {
                    error.set(None);
                    // (The prompt may have gone meanwhile: nothing to tell.)
                    if let Some(done) = on_unlock {
                        done.try_run(());
                    }
                }
                Err(why) => {
                    error.set(Some(why));
                    focus_first_invalid();
                }
            }
            pin.set(String::new());
            busy.set(false);
        });
    };
    view! {
        <Show when=move || state.device.with(|d| d.admin_pin.is_some()) fallback=|| view! { <SetPin /> }>
            <form class="card" on:submit=submit novalidate data-testid="pin-prompt">
                <h2>{tr(Msg::AdminPinTitle)}</h2>
                <p class="muted small">{tr(Msg::AdminPinHint)}</p>
                <TextField id="admin-pin" label=Msg::AdminPin value=pin error=Signal::derive(move || error.get()) kind="password" inputmode="numeric" autocomplete="current-password" />
                <button class="btn primary" type="submit" disabled=move || busy.get()>{tr(Msg::Unlock)}</button>
                <button class="btn link" type="button" on:click=move |_| forgot.update(|f| *f = !*f)>{tr(Msg::ForgotPin)}</button>
            </form>
            // Its own form, not inside the PIN's: Enter in the password
            // field sends the password, never an empty PIN.
            <Show when=move || forgot.get()>
                <ForgotPin />
            </Show>
        </Show>
    }
}

/// The new PIN, typed twice and checked; a refusal goes under the field.
fn chosen_pin(state: AppState, pin: RwSignal<String>, again: RwSignal<String>, error: RwSignal<Option<String>>) -> Option<String> {
    match pin::validate_new(&pin.get_untracked(), &again.get_untracked()) {
        Ok(chosen) => Some(chosen),
        Err(e) => {
            error.set(Some(pin_error(state, e)));
            focus_first_invalid();
            None
        }
    }
}

/// The first PIN of this device (or a new one after a forgotten one).
#[component]
pub fn SetPin() -> impl IntoView {
    let state = use_state();
    let (pin, again) = (RwSignal::new(String::new()), RwSignal::new(String::new()));
    let error = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(chosen) = chosen_pin(state, pin, again, error) else { return };
        busy.set(true);
        leptos::task::spawn_local(async move {
            let result = match crypto::pin_hash(&chosen).await {
                Ok(hash) => save_device(state, move |d| {
                    d.admin_pin = Some(hash.clone());
                    d.pin_guard = PinGuard::default();
                })
                .await,
                Err(_) => Err(state.t(Msg::CryptoUnavailable).to_owned()),
            };
            match result {
                Ok(()) => {
                    unlock(state);
                    state.notify(state.t(Msg::PinSet).to_owned());
                }
                Err(why) => error.set(Some(why)),
            }
            pin.set(String::new());
            again.set(String::new());
            busy.set(false);
        });
    };
    view! {
        <form class="card" on:submit=submit novalidate data-testid="set-pin">
            <h2>{tr(Msg::SetAdminPin)}</h2>
            <p class="muted small">{tr(Msg::SetAdminPinHint)}</p>
            <TextField id="new-pin" label=Msg::NewPin value=pin error=Signal::derive(move || error.get()) kind="password" inputmode="numeric" autocomplete="new-password" />
            <TextField id="new-pin-again" label=Msg::NewPinAgain value=again kind="password" inputmode="numeric" autocomplete="new-password" />
            <button class="btn primary" type="submit" disabled=move || busy.get()>{tr(Msg::SavePin)}</button>
        </form>
    }
}

/// A forgotten PIN: in an office, the admin account's password replaces
/// it; a device alone can only be erased (a passer-by gets nothing).
#[component]
fn ForgotPin() -> impl IntoView {
    let state = use_state();
    let password = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let busy = Saving::new();
    let reset = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(link) = state.device.with_untracked(|d| d.office.clone()) else { return };
        let typed = password.get_untracked();
        if typed.is_empty() {
            error.set(Some(state.t(Msg::ErrRequired).to_owned()));
            // This field, not the first invalid one (the PIN above may be).
            focus_when_drawn("#admin-password");
            return;
        }
        if !busy.start() {
            return;
        }
        leptos::task::spawn_local(async move {
            match Couch::new(&link).sign_in(&link.user, &typed).await {
                Ok(account) if account.is_admin() => {
                    let cleared = save_device(state, |d| {
                        d.admin_pin = None;
                        d.pin_guard = PinGuard::default();
                    })
                    .await;
                    if let Err(why) = cleared {
                        error.set(Some(why));
                    }
                }
                Ok(_) => error.set(Some(state.t(Msg::AdminsOnlyBody).to_owned())),
                // Offline, or the server away: said as such, not as a wrong password.
                Err(why) => error.set(Some(super::office::join_error(state, &why, &link))),
            }
            password.set(String::new());
            busy.done();
        });
    };
    let erase = move |_| {
        if window().confirm_with_message(state.t(Msg::EraseDeviceConfirm)).unwrap_or(false) {
            leptos::task::spawn_local(async move {
                match store::erase(&state.db()).await {
                    Ok(()) => {
                        // Erased on purpose: the next start is a first run.
                        crate::pwa::storage::remember_data_kept(false);
                        let _ = window().location().replace("/");
                    }
                    Err(e) => state.notify_error(&e),
                }
            });
        }
    };
    view! {
        <div class="card forgot" data-testid="forgot-pin">
            {move || if state.in_office() {
                view! {
                    <form on:submit=reset novalidate>
                        <p class="muted small">{tr(Msg::ForgotPinOffice)}</p>
                        <TextField id="admin-password" label=Msg::Password value=password error=Signal::derive(move || error.get()) kind="password" autocomplete="current-password" />
                        <button class="btn" type="submit" disabled=move || busy.active()>{tr(Msg::ResetPin)}</button>
                    </form>
                }
                .into_any()
            } else {
                view! {
                    <p class="muted small">{tr(Msg::ForgotPinAlone)}</p>
                    <button class="btn danger" type="button" on:click=erase>{tr(Msg::EraseDevice)}</button>
                }
                .into_any()
            }}
        </div>
    }
}

/// An admin screen: shown once the PIN unlocked this device's admin
/// session; asked for otherwise.
#[component]
pub fn AdminGate(children: ChildrenFn) -> impl IntoView {
    let state = use_state();
    move || {
        if state.admin_unlocked.get() {
            children().into_any()
        } else {
            view! { <section class="narrow">{on_demand(screens::pin_prompt)}</section> }.into_any()
        }
    }
}

/// Settings → Admin: unlock, then the admin's screens and tools.
#[component]
pub fn AdminCard() -> impl IntoView {
    let state = use_state();
    let changing = RwSignal::new(false);
    let lock_now = move |_| lock(state);
    let kiosk = move |_| {
        leptos::task::spawn_local(async move {
            // Full screen needs the tap that asked for it.
            let _ = document().document_element().map(|e| e.request_fullscreen());
            if let Err(why) = save_device(state, |d| d.kiosk = true).await {
                state.show_error(why);
            }
            lock(state);
        });
    };
    view! {
        <Show when=move || state.admin_unlocked.get() fallback=|| view! { <PinPrompt /> }>
            <div class="card" data-testid="admin-card">
                <h2>{tr(Msg::Admin)}</h2>
                <ul class="links">
                    <li><a href="/admin/attendance" data-testid="admin-link">{tr(Msg::AttendanceReview)}</a></li>
                    <li><a href="/admin/door">{tr(Msg::DoorCode)}</a></li>
                    <li><a href="/admin/people">{tr(Msg::PeopleAndPasses)}</a></li>
                </ul>
                <div class="actions">
                    <button class="btn" on:click=kiosk data-testid="start-kiosk">{tr(Msg::StartKiosk)}</button>
                    <button class="btn" on:click=move |_| changing.update(|c| *c = !*c)>{tr(Msg::ChangePin)}</button>
                    <button class="btn" on:click=lock_now data-testid="lock-admin">{tr(Msg::LockAdmin)}</button>
                </div>
                <Show when=move || changing.get()>
                    <ChangePin done=Callback::new(move |()| changing.set(false)) />
                </Show>
            </div>
        </Show>
    }
}

/// A new PIN, the old one first.
#[component]
fn ChangePin(done: Callback<()>) -> impl IntoView {
    let state = use_state();
    let (old, pin, again) = (RwSignal::new(String::new()), RwSignal::new(String::new()), RwSignal::new(String::new()));
    let error = RwSignal::new(None::<String>);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(chosen) = chosen_pin(state, pin, again, error) else { return };
        let typed = old.get_untracked();
        leptos::task::spawn_local(async move {
            let changed = async {
                try_pin(state, typed).await?;
                let hash = crypto::pin_hash(&chosen).await.map_err(|_| state.t(Msg::CryptoUnavailable).to_owned())?;
                save_device(state, move |d| d.admin_pin = Some(hash.clone())).await
            };
            match changed.await {
                Ok(()) => {
                    state.notify(state.t(Msg::PinSet).to_owned());
                    // The card may be gone by now (hashing takes seconds).
                    done.try_run(());
                }
                Err(why) => error.set(Some(why)),
            }
            for field in [old, pin, again] {
                field.set(String::new());
            }
        });
    };
    view! {
        <form on:submit=submit novalidate data-testid="change-pin">
            <TextField id="old-pin" label=Msg::CurrentPin value=old error=Signal::derive(move || error.get()) kind="password" inputmode="numeric" />
            <TextField id="changed-pin" label=Msg::NewPin value=pin kind="password" inputmode="numeric" autocomplete="new-password" />
            <TextField id="changed-pin-again" label=Msg::NewPinAgain value=again kind="password" inputmode="numeric" autocomplete="new-password" />
            <button class="btn primary" type="submit">{tr(Msg::SavePin)}</button>
        </form>
    }
}
