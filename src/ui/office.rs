//! The office: joining it (an invite link, or the server, office and
//! account typed), signing in again, the sync state in the header, and
//! Settings → Office (server, account, last sync, what waits to be sent,
//! what the server refused).

use super::form::{focus_first_invalid, TextField};
use super::load::load_stored;
use super::state::{store_reason, tr, use_state, AppState};
use crate::domain::date::Date;
use crate::domain::doc::{parse_doc_id, Kind};
use crate::domain::i18n::{label_value, Msg};
use crate::domain::invite::{self, InviteError, OfficeLink};
use crate::domain::replication::{Account, NoteKind, RefusalReason, Refused, SyncProblem, SyncState, SyncStatus, ROLE_KIOSK};
use crate::pwa::intl::{self, Style};
use crate::pwa::split::split_fn;
use crate::store::schema::{CHANGES, SYNC};
use crate::store::replica;
use crate::sync::couch::{Couch, HttpError};
use crate::sync::{self, Hooks};
use futures::future::LocalBoxFuture;
use leptos::prelude::*;
use leptos::wasm_split::SplitLoaderError;
use std::rc::Rc;

/// Starts office sync if this device belongs to an office (at start, and
/// after joining or signing in again).
pub fn start(state: AppState) {
    let (link, device_id) = state.device.with_untracked(|d| (d.office.clone(), d.device_id.clone()));
    let Some(link) = link else { return };
    reload_status(state);
    let hooks = Hooks {
        status: Rc::new(move |mut status: SyncStatus| {
            // A run that has not synced yet (offline, signed out, just
            // started) knows no time: the last sync stays the one known.
            if status.last_synced_at.is_none() {
                status.last_synced_at = state.sync.with_untracked(|s| s.last_synced_at);
            }
            state.sync.set(status.clone());
            leptos::task::spawn_local(async move {
                // For the other tabs (they read it when told SYNC changed).
                let _ = replica::save_status(&state.db(), &status).await;
            });
        }),
        progress: Rc::new(move |n| state.sync_progress.set(Some(n))),
        caught_up: Rc::new(move |account: &Account| {
            state.sync_progress.set(None);
            // A first sync is done: the person the account is uses the app.
            if state.person_id().is_none() {
                let person = account.person_id().map(str::to_owned);
                state.change_device(move |d| {
                    if d.person_id.is_none() {
                        d.person_id = person.clone();
                    }
                });
            }
        }),
    };
    sync::start(state.db(), link, device_id, hooks);
}

/// Reads the status another tab saved (this tab does not sync itself).
pub fn reload_status(state: AppState) {
    if sync::is_running() {
        return;
    }
    leptos::task::spawn_local(async move {
        if let Ok(info) = replica::info(&state.db()).await {
            state.sync.set(info.status);
        }
    });
}

/// The header's words for the sync state.
#[component]
pub fn SyncBadge() -> impl IntoView {
    let state = use_state();
    let words = move || {
        let status = state.sync.get();
        let (msg, class) = match status.state {
            SyncState::Synced | SyncState::Alone => (Msg::SyncSynced, ""),
            SyncState::Syncing => (Msg::SyncSyncing, ""),
            SyncState::Offline if !state.online.get() => (Msg::Offline, "offline"),
            SyncState::Offline => (Msg::SyncServerDown, "offline"),
            SyncState::NeedsSignIn => (Msg::SyncNeedsSignIn, "offline"),
            SyncState::Error { .. } => (Msg::SyncError, "offline"),
        };
        (state.t(msg), class, status_detail(state, &status))
    };
    view! {
        <a class=move || format!("net {}", words().1) href="/more#office" role="status" data-testid="sync-state" title=move || words().2>
            <span class="dot" aria-hidden="true"></span>
            {move || words().0}
        </a>
    }
}

/// The status in a sentence: what happened and what is kept.
fn status_detail(state: AppState, status: &SyncStatus) -> String {
    match &status.state {
        SyncState::Synced | SyncState::Alone => match status.last_synced_at {
            Some(at) => state.tf(Msg::SyncedAt, &[("time", &state.time(at))]),
            None => String::new(),
        },
        SyncState::Syncing => state.t(Msg::SyncSyncing).to_owned(),
        SyncState::Offline => state.t(Msg::SyncOfflineDetail).to_owned(),
        SyncState::NeedsSignIn => state.t(Msg::SyncSignInDetail).to_owned(),
        SyncState::Error { problem } => state.tf(Msg::SyncErrorDetail, &[("reason", &problem_words(state, problem))]),
    }
}

/// Why sync stopped, in the person's language.
fn problem_words(state: AppState, problem: &SyncProblem) -> String {
    let with_words = |msg: Msg, why: &str| state.tf(msg, &[("why", why)]);
    match problem {
        SyncProblem::NoOffice => state.t(Msg::ReasonNoOffice).to_owned(),
        SyncProblem::Refused(why) => with_words(Msg::ReasonRefused, why),
        SyncProblem::Server(why) => with_words(Msg::ReasonServer, why),
        SyncProblem::Storage(error) => store_reason(state.lang(), error),
        SyncProblem::Unknown => state.t(Msg::ReasonUnknown).to_owned(),
    }
}

/// An admin screen asked for by address, without an admin account.
#[component]
pub fn AdminsOnly() -> impl IntoView {
    view! {
        <section class="card" role="alert" data-testid="admins-only">
            <h1>{tr(Msg::AdminsOnlyTitle)}</h1>
            <p>{tr(Msg::AdminsOnlyBody)}</p>
            <a class="btn" href="/">{tr(Msg::TabToday)}</a>
        </section>
    }
}

/// Why joining failed, in the person's words.
pub(super) fn join_error(state: AppState, error: &HttpError, link: &OfficeLink) -> String {
    match error {
        HttpError::Unreachable => state.tf(Msg::JoinUnreachable, &[("server", &link.server)]),
        HttpError::Unauthorized => state.t(Msg::JoinWrongPassword).to_owned(),
        HttpError::NotFound => state.tf(Msg::JoinNoSuchOffice, &[("office", &link.db)]),
        HttpError::Forbidden(_) => state.tf(Msg::JoinNotMember, &[("office", &link.db)]),
        HttpError::Server(why) => state.tf(Msg::JoinNotCouch, &[("reason", why)]),
    }
}

fn invite_error(state: AppState, error: InviteError) -> String {
    state
        .t(match error {
            InviteError::ServerRequired | InviteError::OfficeRequired | InviteError::UserRequired => Msg::ErrRequired,
            InviteError::NotAServerAddress => Msg::ErrNotAServer,
            InviteError::NotAnOfficeName => Msg::ErrNotAnOffice,
            InviteError::NotAUserName => Msg::ErrNotAUserName,
            InviteError::Tampered => Msg::ErrInviteTampered,
            InviteError::NotAnInvite => Msg::ErrNotAnInvite,
        })
        .to_owned()
}

/// Signs in to the office and, once the server has vouched for the
/// account, makes this device a replica of the office (its data until
/// now is replaced) and starts syncing. The password goes to the server
/// and nowhere else.
async fn join(state: AppState, link: OfficeLink, password: String) -> Result<(), String> {
    let couch = Couch::new(&link);
    let failed = |e: HttpError| join_error(state, &e, &link);
    couch.is_couch().await.map_err(failed)?;
    let account = couch.sign_in(&link.user, &password).await.map_err(failed)?;
    couch.check_access().await.map_err(failed)?;
    if account.person_id().is_none() && !account.has_role(ROLE_KIOSK) {
        return Err(state.t(Msg::JoinNoPerson).to_owned());
    }
    sync::stop();
    let join = |d: &mut crate::domain::settings::DeviceSettings| {
        // A reception tablet's account: the device is the kiosk.
        d.kiosk = account.has_role(ROLE_KIOSK) && !account.is_admin();
        d.office = Some(link.clone());
        d.account = Some(account.clone());
        d.person_id = None;
    };
    let device = replica::clear_for_office(&state.db(), &join).await.map_err(|e| state.save_failed(&e))?;
    state.office.set(None);
    state.sync_progress.set(Some(0));
    state.device.set(device);
    start(state);
    Ok(())
}

// Joining and signing in again talk to the office server, so they need the
// network anyway: their code (the CouchDB client, the session) is a chunk
// fetched when the person sends the form, not part of every first load.
split_fn!(sign_in,
    fn join_office(state: AppState, link: OfficeLink, password: String) -> Result<LocalBoxFuture<'static, Result<(), String>>, SplitLoaderError> {
        Ok(Box::pin(join(state, link, password)))
    }
);

split_fn!(sign_in,
    fn sign_in(link: OfficeLink, password: String) -> Result<LocalBoxFuture<'static, Result<Account, HttpError>>, SplitLoaderError> {
        Ok(Box::pin(async move { Couch::new(&link).sign_in(&link.user, &password).await }))
    }
);

/// The join form's messages, per field.
#[derive(Clone, Debug, Default, PartialEq)]
struct JoinErrors {
    server: Option<String>,
    office: Option<String>,
    user: Option<String>,
    password: Option<String>,
}

/// "Join your office": the server, office and account (filled in from an
/// invite link), and the password.
#[component]
pub fn JoinForm(
    /// The device holds data that joining replaces (say so first).
    #[prop(optional)]
    replaces_data: bool,
) -> impl IntoView {
    let state = use_state();
    let search = window().location().search().unwrap_or_default();
    let from_invite = invite::is_invite(&search).then(|| invite::parse_invite(&search));
    let (server, office, user) = (RwSignal::new(String::new()), RwSignal::new(String::new()), RwSignal::new(String::new()));
    let password = RwSignal::new(String::new());
    let errors = RwSignal::new(JoinErrors::default());
    let failure = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    match &from_invite {
        Some(Ok(link)) => {
            server.set(link.server.clone());
            office.set(link.db.clone());
            user.set(link.user.clone());
        }
        Some(Err(error)) => failure.set(Some(invite_error(state, *error))),
        None => {}
    }
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let fields = (
            invite::parse_server(&server.get_untracked()),
            invite::parse_office(&office.get_untracked()),
            invite::parse_user(&user.get_untracked()),
        );
        let pass = password.get_untracked();
        let pass_error = pass.is_empty().then(|| state.t(Msg::ErrRequired).to_owned());
        let error = |r: &Result<String, InviteError>| r.as_ref().err().map(|e| invite_error(state, *e));
        errors.set(JoinErrors { server: error(&fields.0), office: error(&fields.1), user: error(&fields.2), password: pass_error.clone() });
        let (Ok(server), Ok(db), Ok(user)) = fields else {
            focus_first_invalid();
            return;
        };
        if pass_error.is_some() {
            focus_first_invalid();
            return;
        }
        failure.set(None);
        busy.set(true);
        leptos::task::spawn_local(async move {
            let result = match join_office(state, OfficeLink { server, db, user }, pass).await {
                Ok(joining) => joining.await,
                Err(_) => Err(state.t(Msg::SignInNeedsConnection).to_owned()),
            };
            password.set(String::new());
            busy.set(false);
            if let Err(why) = result {
                failure.set(Some(why));
            }
        });
    };
    let message = move |pick: fn(&JoinErrors) -> Option<String>| Signal::derive(move || errors.with(pick));
    view! {
        <form class="card" on:submit=submit novalidate data-testid="join-office">
            <h2>{tr(Msg::JoinOffice)}</h2>
            <p class="muted small">{tr(Msg::JoinOfficeHint)}</p>
            <TextField id="join-server" label=Msg::OfficeServer value=server error=message(|e| e.server.clone()) kind="url" inputmode="url" />
            <TextField id="join-office-name" label=Msg::OfficeDatabase value=office error=message(|e| e.office.clone()) />
            <TextField id="join-user" label=Msg::AccountName value=user error=message(|e| e.user.clone()) autocomplete="username" />
            <TextField id="join-password" label=Msg::Password value=password error=message(|e| e.password.clone()) kind="password" autocomplete="current-password" />
            {replaces_data.then(|| view! { <p class="warning small">{tr(Msg::JoinReplacesData)}</p> })}
            <p class="field-error" role="alert" data-testid="join-error">{move || failure.get()}</p>
            <button class="btn primary wide" type="submit" disabled=move || busy.get()>
                {move || state.t(if busy.get() { Msg::Joining } else { Msg::JoinOfficeButton })}
            </button>
        </form>
    }
}

/// A first sync in progress (joined, the office's data arriving).
#[component]
pub fn Joining() -> impl IntoView {
    let state = use_state();
    let office = move || state.device.with(|d| d.office.as_ref().map(|o| o.db.clone()).unwrap_or_default());
    // The kiosk's account is nobody's: a tablet an admin took out of
    // kiosk mode has no person to show the app to, only the kiosk (or,
    // its session ended, the sign-in below first).
    let kiosk_only = move || {
        state.sync_progress.get().is_none()
            && state.sync.with(|s| s.state != SyncState::NeedsSignIn)
            && state.device.with(|d| d.account.as_ref().is_some_and(|a| a.has_role(ROLE_KIOSK) && a.person_id().is_none()))
    };
    let back_to_kiosk = move |_| state.change_device(|d| d.kiosk = true);
    let kiosk_card = move || view! {
        <div class="card" data-testid="kiosk-account">
            <p>{tr(Msg::KioskAccountOnly)}</p>
            <button class="btn primary" on:click=back_to_kiosk>{tr(Msg::BackToKiosk)}</button>
        </div>
    };
    view! {
        <Show when=move || !kiosk_only() fallback=kiosk_card>
        <div class="card" role="status" aria-busy="true" data-testid="joining">
            <h2>{move || state.tf(Msg::JoiningOffice, &[("office", &office())])}</h2>
            <p>{move || {
                let received = state.sync_progress.get().unwrap_or(0);
                state.count(received, Msg::RecordsReceivedOne, Msg::RecordsReceived, &[])
            }}</p>
            <p class="muted small">{move || status_detail(state, &state.sync.get())}</p>
            <Show when=move || state.sync.with(|s| s.state == SyncState::NeedsSignIn)>
                <SignInAgain />
            </Show>
        </div>
        </Show>
    }
}

fn record_label(kind: Kind) -> Msg {
    match kind {
        Kind::People => Msg::RecordPerson,
        Kind::Checkins => Msg::RecordCheckin,
        Kind::Books => Msg::RecordBook,
        Kind::Loans => Msg::RecordLoan,
        Kind::Holds => Msg::RecordHold,
        Kind::MealSets => Msg::RecordMealSet,
        Kind::Reservations => Msg::RecordReservation,
        Kind::Announcements => Msg::RecordAnnouncement,
        Kind::Rsvps => Msg::RecordRsvp,
        Kind::Settings => Msg::RecordSettings,
    }
}

fn refusal_words(known: RefusalReason) -> Msg {
    match known {
        RefusalReason::NotARecord => Msg::RefusalNotARecord,
        RefusalReason::OnlyAdminsDelete => Msg::RefusalOnlyAdminsDelete,
        RefusalReason::IdMismatch => Msg::RefusalIdMismatch,
        RefusalReason::KioskChecksInOnly => Msg::RefusalKioskChecksInOnly,
        RefusalReason::AdminsOnly => Msg::RefusalAdminsOnly,
        RefusalReason::NoRole => Msg::RefusalNoRole,
        RefusalReason::NotYours => Msg::RefusalNotYours,
        RefusalReason::EventsNeverChange => Msg::RefusalEventsNeverChange,
    }
}

/// A change the server refused: its kind, name or day, and why, in the
/// person's language where the office's own validation refused it.
fn refused_item(state: AppState, refused: Refused) -> impl IntoView {
    let kind = parse_doc_id(&refused.doc_id).map(|(kind, _)| state.t(record_label(kind)));
    let what = match Date::parse_iso(&refused.what) {
        Ok(day) => intl::day(day, Style::DayShort, state.lang()),
        Err(_) => refused.what,
    };
    let named = match (kind, what.is_empty()) {
        (Some(kind), false) => label_value(state.lang(), kind, &what),
        (Some(kind), true) => kind.to_owned(),
        (None, _) => what,
    };
    let why = RefusalReason::of(&refused.reason).map_or(refused.reason, |known| state.t(refusal_words(known)).to_owned());
    view! { <li><strong>{named}</strong> " — " {why}</li> }
}

/// The session expired (or was refused): the password again.
#[component]
fn SignInAgain() -> impl IntoView {
    let state = use_state();
    let password = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(link) = state.device.with_untracked(|d| d.office.clone()) else { return };
        let pass = password.get_untracked();
        if pass.is_empty() {
            error.set(Some(state.t(Msg::ErrRequired).to_owned()));
            focus_first_invalid();
            return;
        }
        busy.set(true);
        leptos::task::spawn_local(async move {
            let signed_in = match sign_in(link.clone(), pass).await {
                Ok(signing_in) => signing_in.await.map_err(|e| join_error(state, &e, &link)),
                Err(_) => Err(state.t(Msg::SignInNeedsConnection).to_owned()),
            };
            match signed_in {
                Ok(account) => {
                    error.set(None);
                    password.set(String::new());
                    state.change_device(move |d| d.account = Some(account.clone()));
                    start(state);
                }
                Err(why) => error.set(Some(why)),
            }
            busy.set(false);
        });
    };
    view! {
        <form on:submit=submit novalidate data-testid="sign-in-again">
            <TextField id="sign-in-password" label=Msg::Password value=password error=Signal::derive(move || error.get()) kind="password" autocomplete="current-password" />
            <button class="btn primary" type="submit" disabled=move || busy.get()>{tr(Msg::SignIn)}</button>
        </form>
    }
}

/// Settings → Office.
#[component]
pub fn OfficeCard() -> impl IntoView {
    let state = use_state();
    let info = load_stored(move || {
        state.track(&[SYNC, CHANGES]);
        // The outbox grows with every write of a record.
        state.track(&crate::domain::doc::Kind::ALL.map(|k| k.name()));
        let db = state.db();
        async move { Ok((replica::info(&db).await?, replica::pending_count(&db).await?)) }
    });
    let link = move || state.device.with(|d| d.office.clone());
    let account = move || state.device.with(|d| d.account.clone());
    let sign_out = move |_| {
        let Some(link) = link() else { return };
        sync::stop();
        leptos::task::spawn_local(async move {
            let _ = Couch::new(&link).sign_out().await;
            state.sync.set(SyncStatus { state: SyncState::NeedsSignIn, ..state.sync.get_untracked() });
        });
    };
    view! {
        <div class="card" id="office" data-testid="office-card">
            <h2>{tr(Msg::OfficeSync)}</h2>
            {move || match link() {
                None => view! { <p class="muted">{tr(Msg::WorkingAlone)}</p> <JoinForm replaces_data=true /> }.into_any(),
                Some(link) => view! {
                    <dl class="facts">
                        <div><dt>{tr(Msg::OfficeServer)}</dt><dd>{link.server.clone()}</dd></div>
                        <div><dt>{tr(Msg::OfficeDatabase)}</dt><dd>{link.db.clone()}</dd></div>
                        <div>
                            <dt>{tr(Msg::AccountName)}</dt>
                            <dd data-testid="account">
                                {link.user.clone()}
                                {move || account().filter(Account::is_admin).map(|_| view! { " · " {tr(Msg::RoleAdmin)} })}
                            </dd>
                        </div>
                        <div><dt>{tr(Msg::SyncStateLabel)}</dt><dd data-testid="sync-detail">{move || {
                            let status = state.sync.get();
                            let detail = status_detail(state, &status);
                            if detail.is_empty() { state.t(Msg::SyncSynced).to_owned() } else { detail }
                        }}</dd></div>
                        <div><dt>{tr(Msg::LastSync)}</dt><dd data-testid="last-sync">{move || state.sync.with(|s| s.last_synced_at).map_or_else(
                            || state.t(Msg::Never).to_owned(),
                            |at| format!("{} {}", intl::day(state.zone().date_of(at), Style::DayShort, state.lang()), state.time(at)),
                        )}</dd></div>
                        <div><dt>{tr(Msg::WaitingToSend)}</dt><dd data-testid="pending">{move || info.with(|i| i.as_ref().map(|(_, n)| {
                            state.count(*n, Msg::ChangesCountOne, Msg::ChangesCount, &[])
                        }))}</dd></div>
                    </dl>
                    <Show when=move || state.sync.with(|s| s.state == SyncState::NeedsSignIn) fallback=move || view! {
                        <div class="actions">
                            <button class="btn" on:click=move |_| sync::retry_now() data-testid="sync-now">{tr(Msg::SyncNow)}</button>
                            <button class="btn" on:click=sign_out>{tr(Msg::SignOut)}</button>
                        </div>
                    }>
                        <SignInAgain />
                    </Show>
                    {move || info.with(|i| i.as_ref().map(|(info, _)| {
                        let refused = info.refused.clone();
                        let notes = info.notes.clone();
                        view! {
                            {(!refused.is_empty()).then(|| view! {
                                <h3>{tr(Msg::RefusedByServer)}</h3>
                                <ul class="history" data-testid="refused">
                                    {refused.into_iter().rev().map(|r| refused_item(state, r)).collect_view()}
                                </ul>
                            })}
                            {(!notes.is_empty()).then(|| view! {
                                <h3>{tr(Msg::SyncNotes)}</h3>
                                <ul class="history" data-testid="sync-notes">
                                    {notes.into_iter().rev().map(|n| {
                                        let text = match n.kind {
                                            NoteKind::Skipped => state.tf(Msg::NoteSkipped, &[("id", &n.doc_id), ("reason", &n.detail)]),
                                            NoteKind::Overwritten => state.tf(Msg::NoteOverwritten, &[("what", &n.detail)]),
                                        };
                                        view! { <li>{text}</li> }
                                    }).collect_view()}
                                </ul>
                            })}
                        }
                    }))}
                }.into_any(),
            }}
        </div>
    }
}
