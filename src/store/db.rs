//! Opening the database, transactions, errors, and change notifications.

use super::schema;
use crate::domain::date::Instant;
use crate::domain::field_rules;
use crate::domain::record::Meta;
use crate::pwa::tasks::Turn;
use indexed_db_futures::database::Database;
use indexed_db_futures::internals::SystemRepr;
use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::{Transaction, TransactionMode};
use serde::Serialize;
use std::cell::RefCell;
use std::future::Future;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

pub use crate::domain::store_error::StoreError;

impl From<indexed_db_futures::error::Error> for StoreError {
    fn from(error: indexed_db_futures::error::Error) -> Self {
        use indexed_db_futures::error::Error;
        match error {
            Error::Serialisation(e) => StoreError::Corrupt(e.to_string()),
            other => StoreError::Failed(other.to_string()),
        }
    }
}

impl From<indexed_db_futures::error::OpenDbError> for StoreError {
    fn from(error: indexed_db_futures::error::OpenDbError) -> Self {
        StoreError::Unavailable(error.to_string())
    }
}

pub type StoreResult<T> = Result<T, StoreError>;

type ChangeHook = Rc<dyn Fn(&[&'static str])>;

/// What the app wants to hear from the database.
#[derive(Default)]
struct Hooks {
    /// After a committed write, with the stores it touched.
    on_change: Option<ChangeHook>,
    /// A newer version of the app opened the database in another tab: this
    /// connection is closed and the page must reload.
    on_version_change: Option<Rc<dyn Fn()>>,
}

struct Inner {
    database: Database,
    hooks: RefCell<Hooks>,
    _version_change_listener: Closure<dyn FnMut()>,
}

/// An open connection. Cheap to clone; not `Send` (IndexedDB handles live on
/// the page's thread).
#[derive(Clone)]
pub struct Db(Rc<Inner>);

/// The author of a write: this device, at this instant. Stamps new records.
#[derive(Clone, Debug)]
pub struct Author {
    pub device_id: String,
    pub now: Instant,
}

impl Author {
    /// Identity for a new record written now by this device.
    pub fn new_meta(&self) -> Meta {
        Meta::new(crate::pwa::device::new_id(self.now), self.now, &self.device_id)
    }
}

impl Db {
    /// Opens (creating or migrating as needed) the app's database.
    pub async fn open(name: &str) -> StoreResult<Db> {
        Db::open_at(name, schema::VERSION).await
    }

    /// Opens at a given schema version: tests build older databases with it.
    pub async fn open_at(name: &str, version: u32) -> StoreResult<Db> {
        let open_request: Rc<RefCell<Option<web_sys::IdbOpenDbRequest>>> = Rc::default();
        let in_upgrade = open_request.clone();
        let request = Database::open(name)
            .with_version(version)
            .with_on_upgrade_needed(move |event, _| {
                let request = in_upgrade.borrow().clone().ok_or_else(|| JsValue::from_str("no open request"))?;
                let tx = request.transaction().ok_or_else(|| JsValue::from_str("no upgrade transaction"))?;
                let db: web_sys::IdbDatabase = request.result()?.unchecked_into();
                schema::migrate(&db, &tx, event.old_version() as u32, version).map_err(Into::into)
            })
            .build()?;
        *open_request.borrow_mut() = Some(request.as_sys().clone());
        let database = request.await?;

        let inner = Rc::new_cyclic(|weak: &std::rc::Weak<Inner>| {
            let weak = weak.clone();
            let listener = Closure::<dyn FnMut()>::new(move || {
                if let Some(inner) = weak.upgrade() {
                    inner.database.as_sys().close();
                    let hook = inner.hooks.borrow().on_version_change.clone();
                    if let Some(hook) = hook {
                        hook();
                    }
                }
            });
            database.as_sys().set_onversionchange(Some(listener.as_ref().unchecked_ref()));
            Inner { database, hooks: RefCell::default(), _version_change_listener: listener }
        });
        Ok(Db(inner))
    }

    pub fn name(&self) -> String {
        self.0.database.name()
    }

    /// Called after every committed write with the stores it touched.
    pub fn on_change(&self, hook: impl Fn(&[&'static str]) + 'static) {
        self.0.hooks.borrow_mut().on_change = Some(Rc::new(hook));
    }

    /// Called when another tab upgrades the database (this connection closes).
    pub fn on_version_change(&self, hook: impl Fn() + 'static) {
        self.0.hooks.borrow_mut().on_version_change = Some(Rc::new(hook));
    }

    pub fn close(&self) {
        self.0.database.as_sys().set_onversionchange(None);
        self.0.database.as_sys().close();
    }

    pub(crate) fn read(&self, stores: &[&str]) -> StoreResult<Transaction<'_>> {
        Ok(self.0.database.transaction(stores).with_mode(TransactionMode::Readonly).build()?)
    }

    pub(crate) fn write(&self, stores: &[&str]) -> StoreResult<Transaction<'_>> {
        Ok(self.0.database.transaction(stores).with_mode(TransactionMode::Readwrite).build()?)
    }

    /// A write transaction for records stamped by `author` that go to the
    /// office, refused when the device's clock could not stamp a record
    /// other devices accept. (The inbox, this device's own, takes any.)
    pub(crate) fn write_as(&self, author: &Author, stores: &[&str]) -> StoreResult<Transaction<'_>> {
        if !field_rules::clock_in_range(author.now) {
            return Err(StoreError::ClockWrong);
        }
        self.write(stores)
    }

    /// Commits a write transaction and tells the app what changed. A failed
    /// request inside it has already aborted it: then nothing is stored.
    pub(crate) async fn commit(&self, tx: Transaction<'_>, changed: &[&'static str]) -> StoreResult<()> {
        let sys: web_sys::IdbTransaction = tx.as_sys().clone().unchecked_into();
        if let Err(error) = tx.commit().await {
            // The commit only says "aborted"; the transaction knows why.
            return Err(why_aborted(&sys, error.into()));
        }
        let hook = self.0.hooks.borrow().on_change.clone();
        if let Some(hook) = hook {
            hook(changed);
        }
        Ok(())
    }
}

/// What a failed request or commit in `tx` comes down to: the error that
/// aborted the transaction, when it has one, not the "AbortError" every
/// request after it then gets. A full storage aborts it with a
/// QuotaExceededError (at its commit or, in some browsers, in the middle of
/// a long write), told as a full storage ([`failed`]); a record whose id is
/// taken with a ConstraintError.
fn why_aborted(tx: &web_sys::IdbTransaction, error: StoreError) -> StoreError {
    tx.error().map_or(error, |cause| failed(cause.into()))
}

/// Appends a user's write to the change log, in the write's transaction.
pub(crate) fn log_change(tx: &Transaction<'_>, store: &str, meta: &Meta) -> StoreResult<()> {
    #[derive(Serialize)]
    struct Change<'a> {
        store: &'a str,
        record_id: &'a str,
        at: Instant,
        device_id: &'a str,
        tombstone: bool,
    }
    let change = Change {
        store,
        record_id: &meta.id,
        at: meta.updated_at,
        device_id: &meta.device_id,
        tombstone: !meta.is_live(),
    };
    drop(tx.object_store(schema::CHANGES)?.add(&change).serde()?);
    Ok(())
}

// Writes inside a transaction are not awaited one by one: a request goes
// out when it is built, and if one fails the browser aborts the whole
// transaction, which `Db::commit` then reports. Awaiting each would only
// add a round trip per record (the demo office writes ten thousand).

/// Records turned into JavaScript per `JSON.parse` in a bulk write: few
/// enough to look at the clock often, enough that each parse's fixed cost
/// stays small.
const PARSE_BATCH: usize = 25;

/// Adds records that must be new: an id already stored aborts the write.
pub(crate) async fn add_all<'r, T: Serialize + 'r>(
    tx: &Transaction<'_>,
    store: &str,
    records: impl IntoIterator<Item = &'r T>,
) -> StoreResult<()> {
    add_all_in_turn(tx, store, records, &mut Turn::begin()).await
}

/// [`add_all`] within a `turn` that earlier writes in the same task may
/// have used: a write of several stores in turn (the demo office's) would
/// otherwise begin a fresh turn with each store and hold the main thread
/// for the sum of their last turns (tasks of 13–22 ms where 8 were meant,
/// `bench/long-tasks.mjs`).
///
/// Records cross into JavaScript a batch at a time, as one JSON text and
/// one `JSON.parse`: cheaper than serde-wasm-bindgen's object-by-object,
/// field-by-field conversion (`./oasis bench`, store write). When its turn
/// on the main thread is over, the write awaits the turn's first request:
/// that ends the task (the page paints and answers taps), and goes on from
/// the request's answer, where the transaction takes new requests, while
/// the browser still has the rest of the turn's to store. (Awaiting the
/// last left the browser's store idle while the next turn made its batch:
/// the demo office's write took 1.25–1.30× raw IndexedDB's.)
pub(crate) async fn add_all_in_turn<'r, T: Serialize + 'r>(
    tx: &Transaction<'_>,
    store: &str,
    records: impl IntoIterator<Item = &'r T>,
    turn: &mut Turn,
) -> StoreResult<()> {
    let store: web_sys::IdbObjectStore = tx.object_store(store)?.as_sys().clone().unchecked_into();
    let aborted = |error| why_aborted(&store.transaction(), error);
    let records: Vec<&T> = records.into_iter().collect();
    let mut first_of_turn = None;
    for batch in records.chunks(PARSE_BATCH) {
        let json = serde_json::to_string(batch).map_err(|e| StoreError::Corrupt(e.to_string()))?;
        let values: js_sys::Array = js_sys::JSON::parse(&json).map_err(failed)?.unchecked_into();
        for value in values.iter() {
            let request = store.add(&value).map_err(|e| aborted(failed(e)))?;
            first_of_turn.get_or_insert(request);
        }
        if turn.is_over() {
            // Sent in this task, so it cannot have answered yet.
            if let Some(request) = first_of_turn.take() {
                finished(&request).await.map_err(aborted)?;
            }
            *turn = Turn::begin();
        }
    }
    Ok(())
}

/// A failure a web-sys call reported, for calls the store makes without
/// indexed_db_futures: the exception's name and message, which the person
/// may read ("TransactionInactiveError: The transaction has finished."),
/// not wasm-bindgen's debug form with its JavaScript stack.
pub(crate) fn failed(error: JsValue) -> StoreError {
    let why = if let Some(e) = error.dyn_ref::<web_sys::DomException>() {
        // A browser may fail the request itself, before it aborts the
        // transaction, when the storage is full.
        if e.name() == "QuotaExceededError" {
            return StoreError::Full;
        }
        format!("{}: {}", e.name(), e.message())
    } else if let Some(e) = error.dyn_ref::<js_sys::Error>() {
        format!("{}: {}", String::from(e.name()), String::from(e.message()))
    } else {
        error.as_string().unwrap_or_else(|| format!("{error:?}"))
    };
    StoreError::Failed(why)
}

/// Waits for a request of web-sys's own; its error if it failed. Its
/// handlers are set now, not when the wait is first polled: a request that
/// answers while an earlier one's answer is being read is still heard.
pub(crate) fn finished(request: &web_sys::IdbRequest) -> impl Future<Output = StoreResult<()>> + use<> {
    let done = wasm_bindgen_futures::JsFuture::from(js_sys::Promise::new(&mut |resolve, reject| {
        request.set_onsuccess(Some(&resolve));
        request.set_onerror(Some(&reject));
    }));
    let request = request.clone();
    async move {
        if done.await.is_err() {
            let error = request.error().ok().flatten();
            return Err(error.map_or_else(|| StoreError::Failed("the request failed".into()), |e| failed(e.into())));
        }
        Ok(())
    }
}

/// Every record of `index` with its key in one of `ranges` (each from its
/// first key to its last, both included), in the ranges' order.
///
/// Each range is its own request, all sent at once; while the browser reads
/// the next, the one that arrived is turned into Rust through one
/// `JSON.stringify` and serde_json (for thousands of small records, faster
/// than serde-wasm-bindgen's field-by-field conversion). One request for
/// 90 days of check-ins was answered in one piece and converted in one
/// task of ~90 ms; a week per request overlaps the browser's reading with
/// the conversion and keeps each task short (`./oasis bench`, store read).
pub(crate) async fn all_in_ranges<T: serde::de::DeserializeOwned>(
    tx: &Transaction<'_>,
    store: &str,
    index: &str,
    ranges: impl IntoIterator<Item = (String, String)>,
) -> StoreResult<Vec<T>> {
    let index: web_sys::IdbIndex = tx.object_store(store)?.index(index)?.as_sys().clone().unchecked_into();
    let asked = ranges
        .into_iter()
        .map(|(first, last)| {
            let range = web_sys::IdbKeyRange::bound(&first.into(), &last.into()).map_err(failed)?;
            let request = index.get_all_with_key(&range).map_err(failed)?;
            Ok((finished(&request), request))
        })
        .collect::<StoreResult<Vec<_>>>()?;
    let mut found = Vec::new();
    for (answered, request) in asked {
        answered.await?;
        let json = js_sys::JSON::stringify(&request.result().map_err(failed)?).map_err(failed)?;
        let records: Vec<T> = serde_json::from_str(&String::from(json)).map_err(|e| StoreError::Corrupt(e.to_string()))?;
        found.extend(records);
    }
    Ok(found)
}

/// Refuses, inside an edit's transaction, to write over another version
/// than `seen`, the one the form was filled from: no edit silently undoes
/// another. (A record not stored yet has nothing to lose.)
pub(crate) async fn unchanged_since(tx: &Transaction<'_>, store: &str, key: &str, seen: &Meta) -> StoreResult<()> {
    #[derive(serde::Deserialize)]
    struct Stamped {
        meta: Meta,
    }
    stored_unchanged_since::<Stamped>(tx, store, key, seen, |s| &s.meta).await.map(drop)
}

/// [`unchanged_since`] for a save that also needs what is stored: the
/// record, read once.
pub(crate) async fn stored_unchanged_since<T: serde::de::DeserializeOwned>(
    tx: &Transaction<'_>,
    store: &str,
    key: &str,
    seen: &Meta,
    meta: impl Fn(&T) -> &Meta,
) -> StoreResult<Option<T>> {
    let stored: Option<T> = tx.object_store(store)?.get(key).serde()?.await?;
    match stored {
        Some(stored) if !meta(&stored).same_version(seen) => Err(StoreError::Changed),
        stored => Ok(stored),
    }
}

/// One record by its key, as stored now.
pub async fn current<T: serde::de::DeserializeOwned>(db: &Db, store: &str, key: &str) -> StoreResult<Option<T>> {
    let tx = db.read(&[store])?;
    Ok(tx.object_store(store)?.get(key).serde()?.await?)
}

/// Reads the records with each of `keys`, in the keys' order, leaving out
/// keys with no record. Every request goes out now, when this is called,
/// and the answers are read in turn when awaited: one round trip for them
/// all (and for other reads sent before awaiting), not one per key. The
/// future does not borrow `tx`: await it before dropping `tx`, which would
/// abort the transaction and fail the requests.
pub(crate) fn get_each<'k, T: serde::de::DeserializeOwned, K: IntoIterator<Item = &'k str>>(
    tx: &Transaction<'_>,
    store: &str,
    keys: K,
) -> StoreResult<impl Future<Output = StoreResult<Vec<T>>> + use<T, K>> {
    let store = tx.object_store(store)?;
    let asked = keys.into_iter().map(|key| store.get(key).serde()).collect::<Result<Vec<_>, _>>()?;
    Ok(async move {
        let mut found = Vec::with_capacity(asked.len());
        for request in asked {
            found.extend(request.await?);
        }
        Ok(found)
    })
}

/// Reads every record of a store.
pub(crate) async fn all<T: serde::de::DeserializeOwned>(tx: &Transaction<'_>, store: &str) -> StoreResult<Vec<T>> {
    let records = tx.object_store(store)?.get_all::<T>().serde()?.await?;
    Ok(records.collect::<Result<Vec<T>, _>>()?)
}

/// Reads the records of a store whose `index` has the value `key`.
pub(crate) async fn by_index<T: serde::de::DeserializeOwned>(
    tx: &Transaction<'_>,
    store: &str,
    index: &str,
    key: &str,
) -> StoreResult<Vec<T>> {
    by_index_each(tx, store, index, [key])?.await
}

/// Reads the records of a store whose `index` has any of the values
/// `keys`. Every request goes out now, as [`get_each`]'s do, and the
/// answers are read in turn when awaited.
pub(crate) fn by_index_each<'k, T: serde::de::DeserializeOwned, K: IntoIterator<Item = &'k str>>(
    tx: &Transaction<'_>,
    store: &str,
    index: &str,
    keys: K,
) -> StoreResult<impl Future<Output = StoreResult<Vec<T>>> + use<T, K>> {
    let store = tx.object_store(store)?;
    let index = store.index(index)?;
    let asked =
        keys.into_iter().map(|key| index.get_all().with_query::<String, _>(key.to_owned()).serde()).collect::<Result<Vec<_>, _>>()?;
    Ok(async move {
        let mut found = Vec::new();
        for request in asked {
            for record in request.await? {
                found.push(record?);
            }
        }
        Ok(found)
    })
}
