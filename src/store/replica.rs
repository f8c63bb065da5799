//! The store's side of office sync: the outbox read as documents to send,
//! what the server took, pulled batches applied with their checkpoint in
//! one transaction, and sync's own state. No HTTP here: `crate::sync`
//! speaks to the server and reads and writes through these.

use super::db::{log_change, Db, StoreResult};
use super::schema::{ANNOUNCEMENTS, BOOKS, CHANGES, INBOX, REVISIONS, SETTINGS, SYNC};
use crate::domain::date::Instant;
use crate::domain::doc::{parse_doc_id, Kind, Record, Rev};
use crate::domain::replication::{
    add_notes, keep_newest, on_pull, Checkpoint, Local, NoteKind, PullStep, Refused, SyncNote, SyncStatus,
};
use super::settings::stage_device_change;
use crate::domain::settings::{DeviceSettings, OFFICE_KEY};
use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::Transaction;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

const CHECKPOINT_KEY: &str = "checkpoint";
const STATUS_KEY: &str = "status";
const REFUSED_KEY: &str = "refused";
const NOTES_KEY: &str = "notes";

/// An outbox entry (see `db::log_change`), as much as sync needs of it.
#[derive(Deserialize)]
struct OutboxEntry {
    seq: u64,
    store: String,
    record_id: String,
}

/// A record to send: its latest version, the server revision it builds
/// on, and the outbox entries it stands for.
#[derive(Clone, Debug)]
pub struct Pending {
    pub record: Record,
    pub parent: Option<Rev>,
    pub seqs: Vec<u64>,
}

/// The outbox, as sync sends it.
#[derive(Debug, Default)]
pub struct Outbox {
    /// Each changed record once, oldest change first.
    pub pending: Vec<Pending>,
    /// Entries with nothing to send (a record no longer there, or not a
    /// shared one): taken out with the next [`pushed`].
    pub stale: Vec<u64>,
}

/// All outbox entries, grouped by document id in the order first changed.
async fn outbox_entries(tx: &Transaction<'_>) -> StoreResult<Vec<(String, Kind, String, Vec<u64>)>> {
    let entries: Vec<OutboxEntry> = super::db::all(tx, CHANGES).await?;
    let mut grouped: Vec<(String, Kind, String, Vec<u64>)> = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::new();
    let mut stale = Vec::new();
    for entry in entries {
        let Some(kind) = Kind::from_name(&entry.store) else {
            stale.push(entry.seq);
            continue;
        };
        let doc_id = crate::domain::doc::doc_id(kind, &entry.record_id);
        match index.get(&doc_id) {
            Some(&i) => grouped[i].3.push(entry.seq),
            None => {
                index.insert(doc_id.clone(), grouped.len());
                grouped.push((doc_id, kind, entry.record_id, vec![entry.seq]));
            }
        }
    }
    // Unknown stores (an older version logged the inbox) travel as a
    // group of their own kind-less entries: see `outbox`.
    if !stale.is_empty() {
        grouped.push((String::new(), Kind::Settings, String::new(), stale));
    }
    Ok(grouped)
}

/// Reads one record of `kind` by id.
pub(crate) async fn read_record(tx: &Transaction<'_>, kind: Kind, id: &str) -> StoreResult<Option<Record>> {
    async fn get<T: DeserializeOwned>(tx: &Transaction<'_>, kind: Kind, id: &str, wrap: fn(T) -> Record) -> StoreResult<Option<Record>> {
        Ok(tx.object_store(kind.name())?.get(id).serde()?.await?.map(wrap))
    }
    match kind {
        Kind::People => get(tx, kind, id, Record::Person).await,
        Kind::Checkins => get(tx, kind, id, Record::Checkin).await,
        Kind::Books => get(tx, kind, id, Record::Book).await,
        Kind::Loans => get(tx, kind, id, Record::Loan).await,
        Kind::Holds => get(tx, kind, id, Record::Hold).await,
        Kind::MealSets => get(tx, kind, id, Record::MealSet).await,
        Kind::Reservations => get(tx, kind, id, Record::Reservation).await,
        Kind::Announcements => get(tx, kind, id, Record::Announcement).await,
        Kind::Rsvps => get(tx, kind, id, Record::Rsvp).await,
        Kind::Settings => get(tx, kind, OFFICE_KEY, Record::Office).await.map(|r| r.filter(|_| id == OFFICE_KEY)),
    }
}

/// Writes a record in its store (not awaited: see `db::add_all`).
pub(crate) fn stage_record(tx: &Transaction<'_>, record: &Record) -> StoreResult<()> {
    let store = tx.object_store(record.kind().name())?;
    if let Record::Office(_) = record {
        drop(store.put(record).with_key(OFFICE_KEY.to_owned()).serde()?);
    } else {
        drop(store.put(record).serde()?);
    }
    Ok(())
}

fn rev_of(value: Option<String>) -> Option<Rev> {
    value.as_deref().and_then(Rev::parse)
}

/// Every shared store, with sync's: what a pulled batch may touch.
fn pull_stores() -> Vec<&'static str> {
    let mut stores: Vec<&str> = Kind::ALL.iter().map(|k| k.name()).collect();
    stores.extend([CHANGES, REVISIONS, SYNC]);
    stores
}

/// The outbox as documents to send: at most `limit` records, each once
/// in its latest version, oldest change first.
pub async fn outbox(db: &Db, limit: usize) -> StoreResult<Outbox> {
    let mut stores: Vec<&str> = Kind::ALL.iter().map(|k| k.name()).collect();
    stores.extend([CHANGES, REVISIONS]);
    let tx = db.read(&stores)?;
    let mut out = Outbox::default();
    let mut chosen = Vec::new();
    for (doc_id, kind, record_id, seqs) in outbox_entries(&tx).await? {
        if doc_id.is_empty() {
            out.stale.extend(seqs);
        } else if chosen.len() < limit {
            chosen.push((doc_id, kind, record_id, seqs));
        }
    }
    // Every read goes out at once (polled together), then all are awaited.
    let reads = chosen.iter().map(|(doc_id, kind, record_id, _)| {
        let tx = &tx;
        async move {
            let record = read_record(tx, *kind, record_id).await?;
            let parent = rev_of(tx.object_store(REVISIONS)?.get(doc_id.as_str()).serde()?.await?);
            StoreResult::Ok((record, parent))
        }
    });
    let found = futures::future::join_all(reads).await;
    for ((_, _, _, seqs), read) in chosen.into_iter().zip(found) {
        match read? {
            (Some(record), parent) => out.pending.push(Pending { record, parent, seqs }),
            (None, _) => out.stale.extend(seqs),
        }
    }
    Ok(out)
}

/// Records with changes not yet on the office server.
pub async fn pending_count(db: &Db) -> StoreResult<usize> {
    let tx = db.read(&[CHANGES])?;
    Ok(outbox_entries(&tx).await?.iter().filter(|(doc_id, ..)| !doc_id.is_empty()).count())
}

/// After a push: the revisions the server now has (their outbox entries
/// done), what it refused for good (kept to be shown, out of the outbox
/// so the rest goes through), and the stale entries, in one transaction.
pub async fn pushed(db: &Db, stored: &[(&Pending, Rev)], refused: Vec<(&Pending, Refused)>, stale: &[u64]) -> StoreResult<()> {
    let tx = db.write(&[CHANGES, REVISIONS, SYNC])?;
    let changes = tx.object_store(CHANGES)?;
    let revisions = tx.object_store(REVISIONS)?;
    for (pending, rev) in stored {
        drop(revisions.put(rev.to_string()).with_key(pending.record.doc_id()).serde()?);
        for seq in &pending.seqs {
            drop(changes.delete(*seq as f64).primitive()?);
        }
    }
    for seq in stale.iter().chain(refused.iter().flat_map(|(p, _)| &p.seqs)) {
        drop(changes.delete(*seq as f64).primitive()?);
    }
    if !refused.is_empty() {
        let mut list: Vec<Refused> = get_sync(&tx, REFUSED_KEY).await?.unwrap_or_default();
        keep_newest(&mut list, refused.into_iter().map(|(_, r)| r));
        put_sync(&tx, REFUSED_KEY, &list)?;
    }
    db.commit(tx, &[CHANGES]).await
}

/// A version to apply: the document id, its revision, its record (`None`
/// when deleted on the server).
pub type Version = (String, Rev, Option<Record>);

/// What applying a pulled batch did.
#[derive(Debug, Default)]
pub struct Applied {
    /// The stores it changed (for the screens that show them).
    pub changed: Vec<&'static str>,
    /// Versions stored or removed.
    pub taken: usize,
}

/// Applies a pulled batch and its checkpoint in one transaction: all of
/// it or none (a tab closed mid-batch leaves the previous checkpoint, and
/// the batch is pulled again). Each version is decided by
/// [`on_pull`] against what the device holds; this device's edits that
/// lost are noted, and skipped documents too. `fresh`: the device held no
/// revisions when this catch-up from the feed's start began, so none of
/// these documents has one (each appears once in the feed): only those
/// with unsent edits are looked up.
pub async fn apply_pull(
    db: &Db,
    versions: Vec<Version>,
    skipped: Vec<SyncNote>,
    checkpoint: &Checkpoint,
    fresh: bool,
    now: Instant,
) -> StoreResult<Applied> {
    let tx = db.write(&pull_stores())?;
    let unsent: HashMap<String, Vec<u64>> =
        outbox_entries(&tx).await?.into_iter().map(|(doc_id, _, _, seqs)| (doc_id, seqs)).collect();
    // Every revision request goes out at once, then is read in turn: one
    // round trip for the batch, not one per document.
    let revisions = tx.object_store(REVISIONS)?;
    let mut asked = Vec::with_capacity(versions.len());
    for (doc_id, ..) in &versions {
        let wanted = !fresh || unsent.contains_key(doc_id);
        asked.push(if wanted { Some(revisions.get::<String, _, _>(doc_id.as_str()).serde()?) } else { None });
    }
    let mut known = Vec::with_capacity(versions.len());
    for request in asked {
        known.push(match request {
            Some(request) => rev_of(request.await?),
            None => None,
        });
    }

    let mut applied = Applied::default();
    let mut notes = skipped;
    let changes = tx.object_store(CHANGES)?;
    for ((doc_id, rev, incoming), known) in versions.into_iter().zip(known) {
        let Some((kind, record_id)) = parse_doc_id(&doc_id) else { continue };
        let seqs = unsent.get(&doc_id);
        let mine = match seqs {
            Some(_) => read_record(&tx, kind, record_id).await?,
            None => None,
        };
        let step = on_pull(Local { rev: known.as_ref(), unsent: mine.as_ref() }, &rev, incoming.as_ref());
        match step {
            PullStep::Skip => continue,
            PullStep::KeepLocal => {}
            PullStep::Take { lost } => {
                stage_record(&tx, incoming.as_ref().expect("a version to take"))?;
                for seq in seqs.into_iter().flatten() {
                    drop(changes.delete(*seq as f64).primitive()?);
                }
                if let Some(lost) = lost {
                    notes.push(SyncNote { doc_id: doc_id.clone(), kind: NoteKind::Overwritten, detail: describe(&lost), at: now });
                }
                applied.taken += 1;
                note_changed(&mut applied.changed, kind.name());
            }
            PullStep::Remove => {
                // Deleted on the server (by hand: the app never deletes)
                // over an edit of this device not sent yet: said, as any
                // edit that lost.
                if let Some(lost) = &mine {
                    notes.push(SyncNote { doc_id: doc_id.clone(), kind: NoteKind::Overwritten, detail: describe(lost), at: now });
                }
                let key = if kind == Kind::Settings { OFFICE_KEY } else { record_id };
                drop(tx.object_store(kind.name())?.delete(key).primitive()?);
                drop(revisions.delete(doc_id.as_str()).primitive()?);
                applied.taken += 1;
                note_changed(&mut applied.changed, kind.name());
                continue;
            }
        }
        drop(revisions.put(rev.to_string()).with_key(doc_id).serde()?);
    }
    if !notes.is_empty() {
        let mut list: Vec<SyncNote> = get_sync(&tx, NOTES_KEY).await?.unwrap_or_default();
        add_notes(&mut list, notes);
        put_sync(&tx, NOTES_KEY, &list)?;
        note_changed(&mut applied.changed, SYNC);
    }
    put_sync(&tx, CHECKPOINT_KEY, checkpoint)?;
    db.commit(tx, &applied.changed).await?;
    Ok(applied)
}

fn note_changed(changed: &mut Vec<&'static str>, store: &'static str) {
    if !changed.contains(&store) {
        changed.push(store);
    }
}

/// A record in a few words, for a note about it: its name where it has
/// one, an event's day (ISO: the screen words it in the person's
/// language), else nothing (the record's kind, shown beside it, says it;
/// [`describe_with_subject`] reads a loan's book or an answer's event).
pub fn describe(record: &Record) -> String {
    match record {
        Record::Book(b) => b.title.clone(),
        Record::MealSet(m) => m.name.clone(),
        Record::Announcement(a) => a.title.clone(),
        Record::Person(p) => p.name.clone(),
        Record::Office(o) => o.name.clone(),
        Record::Checkin(c) => c.day.to_string(),
        Record::Reservation(r) => r.day.to_string(),
        Record::Loan(_) | Record::Hold(_) | Record::Rsvp(_) => String::new(),
    }
}

/// [`describe`], with what a loan, a hold or an answer is about: the book's
/// or the event's title as this device has it (read only for a change the
/// server refused, which is rare).
pub async fn describe_with_subject(db: &Db, record: &Record) -> StoreResult<String> {
    let (store, id) = match record {
        Record::Loan(loan) => (BOOKS, &loan.book_id),
        Record::Hold(hold) => (BOOKS, &hold.book_id),
        Record::Rsvp(answer) => (ANNOUNCEMENTS, &answer.announcement_id),
        other => return Ok(describe(other)),
    };
    let tx = db.read(&[store])?;
    let subject: Option<Titled> = tx.object_store(store)?.get(id.as_str()).serde()?.await?;
    Ok(subject.map(|s| s.title).unwrap_or_default())
}

/// A book or an announcement, read for its title only.
#[derive(Deserialize)]
struct Titled {
    title: String,
}

async fn get_sync<T: DeserializeOwned>(tx: &Transaction<'_>, key: &str) -> StoreResult<Option<T>> {
    Ok(tx.object_store(SYNC)?.get(key).serde()?.await?)
}

fn put_sync<T: Serialize>(tx: &Transaction<'_>, key: &str, value: &T) -> StoreResult<()> {
    drop(tx.object_store(SYNC)?.put(value).with_key(key.to_owned()).serde()?);
    Ok(())
}

/// Where this device's pull stands (`None`: never pulled), and whether it
/// holds any server revision at all.
pub async fn checkpoint(db: &Db) -> StoreResult<(Option<Checkpoint>, bool)> {
    let tx = db.read(&[SYNC, REVISIONS])?;
    let checkpoint = get_sync(&tx, CHECKPOINT_KEY).await?;
    let revisions = tx.object_store(REVISIONS)?.count().await?;
    Ok((checkpoint, revisions > 0))
}

/// Everything Settings shows of sync, from one transaction.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SyncInfo {
    pub status: SyncStatus,
    pub refused: Vec<Refused>,
    pub notes: Vec<SyncNote>,
}

pub async fn info(db: &Db) -> StoreResult<SyncInfo> {
    let tx = db.read(&[SYNC])?;
    Ok(SyncInfo {
        // A status another version wrote in another shape is as good as
        // none: the next sync run writes this version's.
        status: get_sync(&tx, STATUS_KEY).await.ok().flatten().unwrap_or_default(),
        refused: get_sync(&tx, REFUSED_KEY).await?.unwrap_or_default(),
        notes: get_sync(&tx, NOTES_KEY).await?.unwrap_or_default(),
    })
}

/// Saves the sync status for every tab (the one syncing writes it).
pub async fn save_status(db: &Db, status: &SyncStatus) -> StoreResult<()> {
    let tx = db.write(&[SYNC])?;
    put_sync(&tx, STATUS_KEY, status)?;
    db.commit(tx, &[SYNC]).await
}

/// Makes this device a fresh replica of an office: its shared records,
/// outbox, revisions, sync state and inbox are cleared, and `join` changes
/// its own settings (the office joined), in one transaction: a fault
/// leaves the device as it was, never emptied yet still alone. Its
/// settings as written.
pub async fn clear_for_office(db: &Db, join: &dyn Fn(&mut DeviceSettings)) -> StoreResult<DeviceSettings> {
    let mut stores = pull_stores();
    stores.push(INBOX);
    let tx = db.write(&stores)?;
    for name in &stores {
        if *name == SETTINGS {
            drop(tx.object_store(SETTINGS)?.delete(OFFICE_KEY).primitive()?);
        } else {
            drop(tx.object_store(name)?.clear()?);
        }
    }
    let device = stage_device_change(&tx, join).await?;
    db.commit(tx, &stores).await?;
    Ok(device)
}

/// Every document this device holds a server revision for.
pub async fn all_revisions(db: &Db) -> StoreResult<Vec<(String, Rev)>> {
    let tx = db.read(&[REVISIONS])?;
    let store = tx.object_store(REVISIONS)?;
    let keys = store.get_all_keys::<String>().serde()?;
    let values = store.get_all::<String>().serde()?;
    let (keys, values) = (keys.await?, values.await?);
    Ok(keys
        .zip(values)
        .filter_map(|(key, value)| Some((key.ok()?, Rev::parse(&value.ok()?)?)))
        .collect())
}

/// Puts records back in the outbox: the server lost them (it was reset,
/// or restored from an older backup), so they are sent again; those
/// `may_send` refuses (another's records, which the server would refuse
/// from this account) are left for a device that may.
pub async fn requeue(db: &Db, doc_ids: &[String], may_send: &dyn Fn(&Record) -> bool) -> StoreResult<()> {
    let mut stores: Vec<&str> = Kind::ALL.iter().map(|k| k.name()).collect();
    stores.push(CHANGES);
    let tx = db.write(&stores)?;
    for doc_id in doc_ids {
        let Some((kind, id)) = parse_doc_id(doc_id) else { continue };
        if let Some(record) = read_record(&tx, kind, id).await?.filter(|r| may_send(r)) {
            log_change(&tx, kind.name(), record.meta())?;
        }
    }
    db.commit(tx, &[CHANGES]).await
}
