//! What every screen shares: the database, this device's settings, the
//! office, the clock, and the app-wide messages.

use crate::domain::catalogue::CatalogueQuery;
use crate::domain::date::{Date, Instant};
use crate::domain::i18n::{self, fill, Lang, Msg};
use crate::domain::settings::{DeviceSettings, OfficeSettings};
use crate::pwa::intl::{self, OfficeZone};
use crate::domain::replication::SyncStatus;
use crate::store::schema::{
    ANNOUNCEMENTS, BOOKS, CHANGES, CHECKINS, HOLDS, INBOX, LOANS, MEAL_SETS, PEOPLE, RESERVATIONS, RSVPS, SETTINGS, SYNC,
};
use crate::store::{self, Author, Db, StoreError};
use leptos::prelude::*;
use std::rc::Rc;

/// A short message shown above the tab bar.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Notice {
    pub text: String,
    pub is_error: bool,
    /// Tells apart two identical messages in a row (each shows afresh).
    pub serial: u64,
}

/// The stores screens follow (see [`AppState::track`]).
const STORES: [&str; 13] =
    [PEOPLE, CHECKINS, BOOKS, LOANS, HOLDS, MEAL_SETS, RESERVATIONS, ANNOUNCEMENTS, RSVPS, SETTINGS, INBOX, SYNC, CHANGES];

#[derive(Clone, Copy)]
pub struct AppState {
    db: StoredValue<Db, LocalStorage>,
    pub device: RwSignal<DeviceSettings>,
    pub office: RwSignal<Option<OfficeSettings>>,
    /// One counter per store, bumped after every write to it (here, in
    /// another tab, or arriving from the office): a screen tracks the
    /// stores it shows and reloads when one of those changed, not on
    /// every write.
    revisions: [RwSignal<u64>; STORES.len()],
    /// Office sync's state, as the header and Settings say it.
    pub sync: RwSignal<SyncStatus>,
    /// Records received so far by a first sync (joining an office).
    pub sync_progress: RwSignal<Option<usize>>,
    /// The admin PIN unlocked this device's admin screens, until locked
    /// or idle (see `ui::access`).
    pub admin_unlocked: RwSignal<bool>,
    /// The last tap or key while unlocked.
    pub admin_active_at: RwSignal<Instant>,
    /// See [`AppState::may_admin`] (a memo: settings saves that change
    /// nothing of it do not redraw what depends on it).
    admin_allowed: Memo<bool>,
    /// The page's clock, ticking every 30 seconds, so "today" rolls over.
    pub now: RwSignal<Instant>,
    /// The office's day now: a memo, so what depends on the day is not
    /// read again at every tick of the clock (the 90-day review, 5,000
    /// books), only when the day (or the office's time zone) changes.
    today: Memo<Date>,
    pub online: RwSignal<bool>,
    pub update_ready: RwSignal<bool>,
    /// Another tab upgraded the database: this page must reload.
    pub stale: RwSignal<bool>,
    /// Why the last read of this device's data failed, until retried.
    pub read_error: RwSignal<Option<String>>,
    /// This start found the device's data gone (evicted by the browser).
    pub data_vanished: RwSignal<bool>,
    pub notice: RwSignal<Option<Notice>>,
    /// The catalogue's search and filters, kept while the user opens a
    /// book and comes back.
    pub book_query: RwSignal<CatalogueQuery>,
    /// Unread inbox items: the Inbox tab's badge.
    pub unread: RwSignal<usize>,
}

impl AppState {
    pub fn new(db: Db, device: DeviceSettings, office: Option<OfficeSettings>) -> AppState {
        let device = RwSignal::new(device);
        let office = RwSignal::new(office);
        let now = RwSignal::new(intl::now());
        AppState {
            db: StoredValue::new_local(db),
            device,
            admin_allowed: Memo::new(move |_| {
                device.with(|d| d.office.is_none() || d.account.as_ref().is_some_and(|a| a.is_admin()))
            }),
            office,
            today: Memo::new(move |_| zone_for(&time_zone_of(office)).date_of(now.get())),
            revisions: std::array::from_fn(|_| RwSignal::new(0)),
            sync: RwSignal::new(SyncStatus::default()),
            sync_progress: RwSignal::new(None),
            admin_unlocked: RwSignal::new(false),
            admin_active_at: RwSignal::new(0),
            now,
            online: RwSignal::new(crate::pwa::online::is_online()),
            update_ready: RwSignal::new(false),
            stale: RwSignal::new(false),
            read_error: RwSignal::new(None),
            data_vanished: RwSignal::new(false),
            notice: RwSignal::new(None),
            book_query: RwSignal::new(CatalogueQuery::default()),
            unread: RwSignal::new(0),
        }
    }

    pub fn db(&self) -> Db {
        self.db.get_value()
    }

    pub fn lang(&self) -> Lang {
        self.device.with(|d| d.lang)
    }

    /// The text of a message in the current language (reactive).
    pub fn t(&self, msg: Msg) -> &'static str {
        msg.text(self.lang())
    }

    /// A message with its placeholders filled (reactive).
    pub fn tf(&self, msg: Msg, args: &[(&str, &str)]) -> String {
        fill(self.t(msg), args)
    }

    /// A count in words, singular or plural as the language wants (reactive).
    pub fn count(&self, n: usize, one: Msg, other: Msg, extra: &[(&str, &str)]) -> String {
        i18n::count(self.lang(), n as u64, one, other, extra)
    }

    pub fn person_id(&self) -> Option<String> {
        self.device.with(|d| d.person_id.clone())
    }

    /// The office's settings (reactive), or [`OfficeSettings::unset`]
    /// before there is an office.
    pub fn office_settings(&self) -> OfficeSettings {
        self.office.get().unwrap_or_else(OfficeSettings::unset)
    }

    pub fn office_settings_untracked(&self) -> OfficeSettings {
        self.office.get_untracked().unwrap_or_else(OfficeSettings::unset)
    }

    pub fn time_zone(&self) -> String {
        time_zone_of(self.office)
    }

    pub fn zone(&self) -> Rc<OfficeZone> {
        zone_for(&self.time_zone())
    }

    /// The office's calendar day now (reactive: changes when the day does).
    pub fn today(&self) -> Date {
        self.today.get()
    }

    /// Today is a weekend day or a holiday of the office (reactive).
    pub fn office_closed_today(&self) -> bool {
        self.office.with(|o| o.as_ref().is_some_and(|o| !o.calendar().is_working_day(self.today())))
    }

    /// A clock time in the office's zone and the UI language.
    pub fn time(&self, at: Instant) -> String {
        intl::time(at, self.lang(), &self.time_zone())
    }

    /// This device, writing now.
    pub fn author(&self) -> Author {
        Author { device_id: self.device.with_untracked(|d| d.device_id.clone()), now: intl::now() }
    }

    /// Makes the running effect reload when any of `stores` changes.
    pub fn track(&self, stores: &[&str]) {
        for (name, revision) in STORES.iter().zip(&self.revisions) {
            if stores.contains(name) {
                revision.track();
            }
        }
    }

    /// A number that changes whenever any of `stores` does (tracked).
    pub fn version_of(&self, stores: &[&str]) -> u64 {
        STORES.iter().zip(&self.revisions).filter(|(name, _)| stores.contains(name)).map(|(_, r)| r.get()).sum()
    }

    /// After a write to `stores`: reload what shows them.
    pub fn data_changed(&self, stores: &[&str]) {
        for (name, revision) in STORES.iter().zip(&self.revisions) {
            if stores.contains(name) {
                revision.update(|r| *r += 1);
            }
        }
    }

    /// This device belongs to an office (office sync), rather than
    /// working alone.
    pub fn in_office(&self) -> bool {
        self.device.with(|d| d.office.is_some())
    }

    /// May this device show admin screens? Alone: yes (the admin view
    /// switch). In an office: only when signed in with an admin account;
    /// the server refuses anyone else's admin writes anyway.
    pub fn may_admin(&self) -> bool {
        self.admin_allowed.get()
    }

    /// The admin's tools are shown: allowed, and unlocked with the PIN.
    pub fn admin_view(&self) -> bool {
        self.may_admin() && self.admin_unlocked.get()
    }

    pub fn admin_view_untracked(&self) -> bool {
        untrack(|| self.admin_view())
    }

    pub fn notify(&self, text: String) {
        self.show(text, false);
    }

    pub fn notify_error(&self, error: &StoreError) {
        self.show(self.save_failed(error), true);
    }

    /// What a failed write says: nothing was changed, and why in words the
    /// user can act on where there are such words (a full storage).
    pub fn save_failed(&self, error: &StoreError) -> String {
        let lang = self.device.with_untracked(|d| d.lang);
        match error {
            StoreError::Full => Msg::StorageFull.text(lang).to_owned(),
            StoreError::ClockWrong => Msg::ClockWrong.text(lang).to_owned(),
            other => fill(Msg::SaveFailed.text(lang), &[("error", &store_reason(lang, other))]),
        }
    }

    /// A read of the stored data failed: said in a banner with a retry;
    /// the screen keeps what it showed (or its "Loading"), never an empty
    /// list that would look like no data.
    pub fn read_failed(&self, error: &StoreError) {
        let lang = self.device.with_untracked(|d| d.lang);
        self.read_error.set(Some(fill(Msg::ReadFailed.text(lang), &[("error", &store_reason(lang, error))])));
    }

    /// Reads everything again (the read-failed banner's "Try again").
    pub fn retry_reads(&self) {
        self.read_error.set(None);
        self.data_changed(&STORES);
    }

    /// A refusal or error the user should notice (announced assertively).
    pub fn show_error(&self, text: String) {
        self.show(text, true);
    }

    fn show(&self, text: String, is_error: bool) {
        let serial = self.notice.with_untracked(|n| n.as_ref().map_or(0, |n| n.serial + 1));
        self.notice.set(Some(Notice { text, is_error, serial }));
    }

    /// Leaves kiosk mode (once the admin PIN was given).
    pub fn leave_kiosk(&self) {
        self.change_device(|d| d.kiosk = false);
        super::access::lock(*self);
        if document().fullscreen_element().is_some() {
            document().exit_fullscreen();
        }
    }

    /// Changes this device's settings: at once on screen (a second change
    /// made while the first is written builds on it), and in the store in
    /// a transaction that applies the change to what is stored then, so
    /// changes made in two places (a tap, sync's first catch-up) never
    /// undo each other. Once no write is left in flight the screen shows
    /// what is stored: a change whose write failed is gone from it too,
    /// and the app says why.
    pub fn change_device(&self, change: impl Fn(&mut DeviceSettings) + 'static) {
        self.change_device_then(change, None);
    }

    /// [`change_device`](Self::change_device), saying `done` once written.
    pub fn change_device_then(&self, change: impl Fn(&mut DeviceSettings) + 'static, done: Option<Msg>) {
        let state = *self;
        state.device.update(|d| change(d));
        DEVICE_WRITES.set(DEVICE_WRITES.get() + 1);
        leptos::task::spawn_local(async move {
            let written = store::settings::change_device(&state.db(), &change).await;
            DEVICE_WRITES.set(DEVICE_WRITES.get() - 1);
            match &written {
                Ok(_) => {
                    if let Some(done) = done {
                        state.notify(state.t(done).to_owned());
                    }
                }
                Err(e) => state.notify_error(e),
            }
            let stored = match written {
                Ok(device) => Some(device),
                Err(_) => store::settings::both(&state.db()).await.ok().and_then(|(device, _)| device),
            };
            let shown_differs = |stored: &DeviceSettings| state.device.with_untracked(|d| d != stored);
            if let Some(stored) = stored.filter(|stored| DEVICE_WRITES.get() == 0 && shown_differs(stored)) {
                state.device.set(stored);
            }
        });
    }
}

thread_local! {
    /// This tab's device-settings writes in flight.
    static DEVICE_WRITES: std::cell::Cell<u32> = const { std::cell::Cell::new(0) };
    static ZONES: std::cell::RefCell<Vec<(String, Rc<OfficeZone>)>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// The office's time zone, or this device's for a device on its own.
fn time_zone_of(office: RwSignal<Option<OfficeSettings>>) -> String {
    office.with(|o| o.as_ref().map_or_else(intl::device_time_zone, |o| o.time_zone.clone()))
}

/// One `OfficeZone` per time zone name for the page's life (it caches
/// offsets). An unknown zone name falls back to UTC rather than failing.
fn zone_for(time_zone: &str) -> Rc<OfficeZone> {
    ZONES.with(|zones| {
        if let Some((_, zone)) = zones.borrow().iter().find(|(name, _)| name == time_zone) {
            return zone.clone();
        }
        let zone = Rc::new(
            OfficeZone::new(time_zone).unwrap_or_else(|_| OfficeZone::new("UTC").expect("UTC is always known")),
        );
        zones.borrow_mut().push((time_zone.to_owned(), zone.clone()));
        zone
    })
}

pub fn use_state() -> AppState {
    expect_context::<AppState>()
}

/// A message as reactive text in the current language. Every call returns
/// the same closure type, so its view code is compiled once for all the
/// app's labels (a closure per label costs about a kilobyte of wasm each).
pub fn tr(msg: Msg) -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
    let state = use_state();
    move || state.t(msg)
}

/// Why a store operation failed, in the person's language; the browser's
/// own words (often English whatever the device's language) only as the
/// detail of a sentence in it, where nothing better is known.
pub(super) fn store_reason(lang: Lang, error: &StoreError) -> String {
    match error {
        StoreError::Unavailable(why) => fill(Msg::ReasonUnavailable.text(lang), &[("why", why)]),
        StoreError::Failed(why) => match error.browser_name() {
            // Another tab upgraded the database: this page's connection is
            // closing, and only a reload opens a new one.
            Some("InvalidStateError") => Msg::ReasonConnectionClosing.text(lang).to_owned(),
            // A transient fault (WebKit's lost connection, a disk error).
            Some("UnknownError") => Msg::ReasonStorageUnknown.text(lang).to_owned(),
            _ => fill(Msg::ReasonFailed.text(lang), &[("why", why)]),
        },
        StoreError::Corrupt(why) => fill(Msg::ReasonCorrupt.text(lang), &[("why", why)]),
        StoreError::Full => Msg::ReasonFull.text(lang).to_owned(),
        StoreError::Changed => Msg::ReasonChanged.text(lang).to_owned(),
        StoreError::IsbnTaken => Msg::ErrIsbnTaken.text(lang).to_owned(),
        StoreError::ClockWrong => Msg::ReasonClockWrong.text(lang).to_owned(),
    }
}
