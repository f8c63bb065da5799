//! Office sync: this device's IndexedDB replicated with the office's
//! CouchDB database, in CouchDB's replication protocol, whenever the
//! device is online. Apart from storage (as PouchDB keeps replication
//! apart from its adapters): it speaks HTTP to the server (`couch`) and
//! reads and writes through `store::replica`.
//!
//! While the app is open, one tab syncs (a Web Lock; the next tab takes
//! over when it closes): it pushes the outbox as soon as anything is
//! written (in any tab), and long-polls the changes feed, so another
//! device's write shows within a second or so. Failures retry with growing
//! waits; an expired session stops sync until the person signs in again.

pub mod couch;
pub mod replicator;

use crate::domain::date::Instant;
use crate::domain::doc::Kind;
use crate::domain::invite::OfficeLink;
use crate::domain::replication::{backoff_ms, Account, SyncProblem, SyncState, SyncStatus};
use crate::pwa::split::split_fn;
use crate::pwa::{intl, locks, tasks};
use crate::store::Db;
use couch::{Couch, HttpError};
use futures::channel::mpsc::{unbounded, UnboundedReceiver, UnboundedSender};
use futures::future::{select, Either, LocalBoxFuture};
use futures::StreamExt;
use gloo_timers::future::TimeoutFuture;
use leptos::wasm_split::SplitLoaderError;
use replicator::{Replicator, SyncError};
use std::cell::{Cell, RefCell};
use std::rc::Rc;


/// Long-poll wait asked of the server; the request is dropped a little
/// after it in case the server does not honour it (pouchdb-server).
const LONGPOLL_MS: u32 = 25_000;
const LONGPOLL_DEADLINE_MS: u32 = 30_000;
const LOCK_NAME: &str = "oasis-office-sync";

/// What sync tells the app.
#[derive(Clone)]
pub struct Hooks {
    /// The status changed (to show, and to save for the other tabs).
    pub status: Rc<dyn Fn(SyncStatus)>,
    /// Records received so far while catching up (for a first sync).
    pub progress: Rc<dyn Fn(usize)>,
    /// The device holds everything the office had when this run started.
    pub caught_up: Rc<dyn Fn(&Account)>,
}

/// How each half of sync last went, from which the status is told.
#[derive(Default)]
struct Health {
    push: Option<SyncError>,
    pull: Option<SyncError>,
    pushing: bool,
    catching_up: bool,
    last_synced_at: Option<Instant>,
    shown: Option<SyncStatus>,
}

impl Health {
    fn status(&self) -> SyncStatus {
        let errors = [&self.push, &self.pull];
        let any = |test: fn(&SyncError) -> bool| errors.iter().any(|e| e.as_ref().is_some_and(test));
        let state = if any(|e| *e == SyncError::Http(HttpError::Unauthorized)) {
            SyncState::NeedsSignIn
        } else if any(|e| *e == SyncError::Http(HttpError::Unreachable)) {
            SyncState::Offline
        } else if let Some(error) = errors.iter().find_map(|e| e.as_ref()) {
            SyncState::Error { problem: problem(error) }
        } else if self.pushing || self.catching_up {
            SyncState::Syncing
        } else {
            SyncState::Synced
        };
        SyncStatus { state, last_synced_at: self.last_synced_at }
    }
}

fn problem(error: &SyncError) -> SyncProblem {
    match error {
        SyncError::Http(e) => http_problem(e),
        SyncError::Store(e) => SyncProblem::Storage(e.clone()),
    }
}

/// (An unreachable server and an ended session are states of their own,
/// never problems: they are told apart before.)
fn http_problem(error: &HttpError) -> SyncProblem {
    match error {
        HttpError::NotFound => SyncProblem::NoOffice,
        HttpError::Forbidden(why) => SyncProblem::Refused(why.clone()),
        HttpError::Server(why) => SyncProblem::Server(why.clone()),
        HttpError::Unreachable | HttpError::Unauthorized => SyncProblem::Server(error.to_string()),
    }
}

/// The sync running in this tab.
struct Running {
    replicator: Replicator,
    hooks: Hooks,
    health: RefCell<Health>,
    wake_push: UnboundedSender<()>,
    wake_pull: UnboundedSender<()>,
    /// Aborts the pending long poll (going offline, stopping).
    longpoll: RefCell<Option<web_sys::AbortController>>,
    stopped: Cell<bool>,
}

thread_local! {
    static RUNNING: RefCell<Option<Rc<Running>>> = const { RefCell::new(None) };
    /// Bumped by every start and stop: a run that is no longer the latest ends.
    static GENERATION: Cell<u64> = const { Cell::new(0) };
    /// A start whose code could not be fetched, for the next retry.
    static UNSTARTED: RefCell<Option<Unstarted>> = const { RefCell::new(None) };
}

/// What a start was given.
struct Unstarted {
    db: Db,
    link: OfficeLink,
    device_id: String,
    hooks: Hooks,
}

impl Running {
    fn update(&self, change: impl FnOnce(&mut Health)) {
        let status = {
            let mut health = self.health.borrow_mut();
            change(&mut health);
            let status = health.status();
            if health.shown.as_ref() == Some(&status) {
                return;
            }
            health.shown = Some(status.clone());
            status
        };
        (self.hooks.status)(status);
    }

    fn needs_sign_in(&self) -> bool {
        self.health.borrow().status().state == SyncState::NeedsSignIn
    }

    /// Waits `ms`, or less if woken.
    async fn pause(&self, ms: u32, wake: &mut UnboundedReceiver<()>) {
        let sleep = TimeoutFuture::new(ms);
        let _ = select(sleep, wake.next()).await;
        while wake.try_recv().is_ok() {}
    }

    async fn push_loop(self: Rc<Self>, mut wake: UnboundedReceiver<()>) {
        let mut failures = 0;
        loop {
            let result = self.replicator.push(intl::now(), || self.update(|h| h.pushing = true)).await;
            let ok = result.is_ok();
            self.update(|h| {
                h.pushing = false;
                h.push = result.err();
                if ok && h.pull.is_none() && !h.catching_up {
                    h.last_synced_at = Some(intl::now());
                }
            });
            if self.stopped.get() || self.needs_sign_in() {
                return;
            }
            if ok {
                failures = 0;
                // Until the next write (here or in another tab).
                if wake.next().await.is_none() {
                    return;
                }
                while wake.try_recv().is_ok() {}
            } else {
                self.pause(backoff_ms(failures), &mut wake).await;
                failures += 1;
            }
            if self.stopped.get() {
                return;
            }
        }
    }

    /// A pull went through (`caught_up`: a catch-up ended); the status
    /// says so, and when, if nothing waits to be sent either.
    fn pulled(&self, caught_up: bool) {
        self.update(|h| {
            h.pull = None;
            if caught_up {
                h.catching_up = false;
            }
            if h.push.is_none() && !h.pushing {
                h.last_synced_at = Some(intl::now());
            }
        });
    }

    /// A pull failed: the status says why, and the next try waits (less
    /// if woken). False when sync must stop until the person signs in.
    async fn pull_failed(&self, error: SyncError, failures: &mut u32, wake: &mut UnboundedReceiver<()>) -> bool {
        self.update(|h| h.pull = Some(error));
        if self.needs_sign_in() {
            return false;
        }
        self.pause(backoff_ms(*failures), wake).await;
        *failures += 1;
        true
    }

    async fn pull_loop(self: Rc<Self>, mut wake: UnboundedReceiver<()>) {
        let mut failures = 0;
        let mut since = loop {
            match self.replicator.start_point().await {
                Ok(since) => break since,
                Err(error) => {
                    if !self.pull_failed(error, &mut failures, &mut wake).await || self.stopped.get() {
                        return;
                    }
                }
            }
        };
        let mut first_catch_up = true;
        while !self.stopped.get() {
            // Catch up: pages in a row (the first sync shows its progress).
            self.update(|h| h.catching_up = true);
            let progress = |n| {
                if first_catch_up {
                    (self.hooks.progress)(n)
                }
            };
            if let Err(error) = self.replicator.catch_up(&mut since, intl::now(), progress).await {
                if !self.pull_failed(error, &mut failures, &mut wake).await {
                    return;
                }
                continue;
            }
            failures = 0;
            self.pulled(true);
            if first_catch_up {
                first_catch_up = false;
                (self.hooks.caught_up)(self.replicator.account());
            }
            // Live: long polls, each answered as soon as anything changes,
            // until a failure or a backlog sends it back to catching up.
            while !self.stopped.get() {
                let controller = web_sys::AbortController::new().ok();
                let signal = controller.as_ref().map(|c| c.signal());
                *self.longpoll.borrow_mut() = controller.clone();
                // The server may hold a long poll past its timeout: drop it then.
                let deadline = gloo_timers::callback::Timeout::new(LONGPOLL_DEADLINE_MS, move || {
                    if let Some(c) = controller {
                        c.abort();
                    }
                });
                let result = self.replicator.pull(&since, Some(LONGPOLL_MS), signal.as_ref(), intl::now()).await;
                drop(deadline);
                match result {
                    Ok(page) => {
                        since = page.since;
                        self.pulled(false);
                        if !page.caught_up {
                            break;
                        }
                    }
                    // Ours: the deadline, going offline, or stopping. Back
                    // to catching up, which has no deadline: an answer too
                    // big to arrive within it (a page of cover photos on a
                    // slow link) must not be asked for and dropped forever.
                    Err(_) if signal.as_ref().is_some_and(|s| s.aborted()) => break,
                    Err(error) => {
                        if !self.pull_failed(error, &mut failures, &mut wake).await {
                            return;
                        }
                        break;
                    }
                }
            }
        }
    }
}

/// Starts (or restarts) sync with the office for this device: waits for
/// this tab's turn (one tab syncs at a time), checks the session, then
/// pushes and pulls until stopped. Without a valid session it says so and
/// stops. Sync's code loads on demand, after the first screen: when it
/// cannot be fetched (offline before the service worker kept it), the
/// status says offline and the next retry starts it again.
pub fn start(db: Db, link: OfficeLink, device_id: String, hooks: Hooks) {
    stop();
    let generation = GENERATION.with(|g| g.get());
    leptos::task::spawn_local(locks::with_lock(LOCK_NAME, async move {
        tasks::after_start().await;
        if GENERATION.with(|g| g.get()) != generation {
            return;
        }
        match sync_run(db.clone(), link.clone(), device_id.clone(), hooks.clone(), generation).await {
            Ok(run) => run.await,
            // Unless stopped meanwhile (signed out, left the office).
            Err(_) if GENERATION.with(|g| g.get()) == generation => {
                (hooks.status)(SyncStatus { state: SyncState::Offline, last_synced_at: None });
                UNSTARTED.with(|u| *u.borrow_mut() = Some(Unstarted { db, link, device_id, hooks }));
            }
            Err(_) => {}
        }
    }));
}

split_fn!(sync, fn sync_run(db: Db, link: OfficeLink, device_id: String, hooks: Hooks, generation: u64) -> Result<LocalBoxFuture<'static, ()>, SplitLoaderError> {
    Ok(Box::pin(run(db, link, device_id, hooks, generation)))
});

/// A run of sync: the session checked, then push and pull until stopped.
async fn run(db: Db, link: OfficeLink, device_id: String, hooks: Hooks, generation: u64) {
    let couch = Couch::new(&link);
    let account = loop {
        match couch.session().await {
            Ok(Some(account)) if account.name == link.user => break account,
            Ok(_) | Err(HttpError::Unauthorized) => {
                (hooks.status)(SyncStatus { state: SyncState::NeedsSignIn, last_synced_at: None });
                return;
            }
            Err(error) => {
                let state = if error == HttpError::Unreachable { SyncState::Offline } else { SyncState::Error { problem: http_problem(&error) } };
                (hooks.status)(SyncStatus { state, last_synced_at: None });
                TimeoutFuture::new(backoff_ms(3)).await;
                if GENERATION.with(|g| g.get()) != generation {
                    return;
                }
            }
        }
    };
    let (wake_push, push_rx) = unbounded();
    let (wake_pull, pull_rx) = unbounded();
    let running = Rc::new(Running {
        replicator: Replicator::new(db, couch, account, &device_id),
        hooks,
        health: RefCell::default(),
        wake_push,
        wake_pull,
        longpoll: RefCell::default(),
        stopped: Cell::new(false),
    });
    RUNNING.with(|r| *r.borrow_mut() = Some(running.clone()));
    let push = running.clone().push_loop(push_rx);
    let pull = running.clone().pull_loop(pull_rx);
    match select(Box::pin(push), Box::pin(pull)).await {
        Either::Left(((), pull)) => pull.await,
        Either::Right(((), push)) => {
            // Pull ended (stopped, or signed out): so does push.
            running.stopped.set(true);
            running.wake_push.close_channel();
            push.await
        }
    }
    RUNNING.with(|r| {
        if r.borrow().as_ref().is_some_and(|current| Rc::ptr_eq(current, &running)) {
            *r.borrow_mut() = None;
        }
    });
}

/// Stops sync in this tab (signing out, leaving the office).
pub fn stop() {
    GENERATION.with(|g| g.set(g.get() + 1));
    UNSTARTED.with(|u| u.borrow_mut().take());
    if let Some(running) = RUNNING.with(|r| r.borrow_mut().take()) {
        running.stopped.set(true);
        if let Some(controller) = running.longpoll.borrow().as_ref() {
            controller.abort();
        }
        running.wake_push.close_channel();
        running.wake_pull.close_channel();
    }
}

/// Something was written to `stores` (here or in another tab): if it is
/// a shared record, send it now.
pub fn nudge(stores: &[&str]) {
    if !stores.iter().any(|s| Kind::from_name(s).is_some()) {
        return;
    }
    RUNNING.with(|r| {
        if let Some(running) = r.borrow().as_ref() {
            let _ = running.wake_push.unbounded_send(());
        }
    });
}

/// "Sync now", or the network came back: retry at once whatever waits
/// (sync itself, when its code could not be fetched).
pub fn retry_now() {
    if let Some(Unstarted { db, link, device_id, hooks }) = UNSTARTED.with(|u| u.borrow_mut().take()) {
        start(db, link, device_id, hooks);
        return;
    }
    RUNNING.with(|r| {
        if let Some(running) = r.borrow().as_ref() {
            let _ = running.wake_push.unbounded_send(());
            let _ = running.wake_pull.unbounded_send(());
        }
    });
}

/// The network went away: drop the pending long poll (it would hang).
pub fn went_offline() {
    RUNNING.with(|r| {
        if let Some(controller) = r.borrow().as_ref().and_then(|running| running.longpoll.borrow().clone()) {
            controller.abort();
        }
    });
}

/// Whether this tab is the one syncing.
pub fn is_running() -> bool {
    RUNNING.with(|r| r.borrow().is_some())
}
