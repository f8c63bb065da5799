//! One replication between this device and the office database, in the
//! CouchDB replication protocol: push the outbox, pull the changes feed,
//! settle conflicts, keep checkpoints on both sides.

use super::couch::{Couch, HttpError};
use crate::domain::date::Instant;
use crate::domain::doc::{outgoing, resolution, Incoming, Record, Rev, Unusable};
use crate::domain::replication::{conflict_winner, Account, Change, Checkpoint, NoteKind, Refused, Seq, SyncNote};
use crate::store::replica::{self, Pending, Version};
use crate::store::{Db, StoreError};
use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use web_sys::AbortSignal;

/// Records sent per `_bulk_docs`.
const PUSH_BATCH: usize = 500;
/// Changes read per `_changes` page (and stored per transaction).
pub const PULL_BATCH: usize = 1000;
/// Revisions asked per `_revs_diff` when checking what the server lacks.
const DIFF_BATCH: usize = 2000;

/// Why a replication step stopped.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SyncError {
    Http(HttpError),
    Store(StoreError),
}

impl From<HttpError> for SyncError {
    fn from(error: HttpError) -> Self {
        SyncError::Http(error)
    }
}

impl From<StoreError> for SyncError {
    fn from(error: StoreError) -> Self {
        SyncError::Store(error)
    }
}

/// A page of the changes feed, fetched and its conflicts settled, not
/// stored yet.
pub struct Page {
    versions: Vec<Version>,
    notes: Vec<SyncNote>,
    last_seq: Seq,
    caught_up: bool,
}

/// A page pulled and stored.
#[derive(Debug)]
pub struct Pulled {
    pub since: Seq,
    /// The feed has nothing more now.
    pub caught_up: bool,
    /// Versions stored or removed on this device.
    pub taken: usize,
}

pub struct Replicator {
    db: Db,
    couch: Couch,
    account: Account,
    /// Changes per `_changes` page and records per `_bulk_docs`.
    pull_batch: usize,
    push_batch: usize,
    /// The device this is, as its records name it.
    device_id: String,
    /// `_local/<id>`: this device's checkpoint on the server.
    checkpoint_id: String,
    checkpoint_rev: RefCell<Option<String>>,
    /// Catching up from the feed's start with no revision on the device
    /// (see `replica::apply_pull`).
    fresh: Cell<bool>,
}

impl Replicator {
    pub fn new(db: Db, couch: Couch, account: Account, device_id: &str) -> Replicator {
        Replicator {
            db,
            couch,
            account,
            pull_batch: PULL_BATCH,
            push_batch: PUSH_BATCH,
            device_id: device_id.to_owned(),
            checkpoint_id: format!("oasis-pull-{device_id}"),
            checkpoint_rev: RefCell::new(None),
            fresh: Cell::new(false),
        }
    }

    /// Other batch sizes (tests use small ones to see several batches).
    pub fn with_batches(self, pull_batch: usize, push_batch: usize) -> Replicator {
        Replicator { pull_batch, push_batch, ..self }
    }

    pub fn account(&self) -> &Account {
        &self.account
    }

    /// Where to pull from: this device's checkpoint, if the server still
    /// knows it. A server that does not (a new or reset database) is
    /// pulled from the start, and sent again whatever it lacks of this
    /// device's records.
    pub async fn start_point(&self) -> Result<Seq, SyncError> {
        let (local, holds_revisions) = replica::checkpoint(&self.db).await?;
        let remote = self.couch.get_checkpoint(&self.checkpoint_id).await?;
        *self.checkpoint_rev.borrow_mut() = remote.as_ref().map(|(_, rev)| rev.clone());
        self.fresh.set(!holds_revisions);
        match (local, remote) {
            (Some(local), Some(_)) => Ok(local.since),
            (Some(_), None) => {
                self.resend_what_the_server_lacks().await?;
                Ok(Seq::zero())
            }
            (None, _) => Ok(Seq::zero()),
        }
    }

    async fn resend_what_the_server_lacks(&self) -> Result<(), SyncError> {
        let all = replica::all_revisions(&self.db).await?;
        let mut lacking = Vec::new();
        for chunk in all.chunks(DIFF_BATCH) {
            let asked: Vec<(&str, &Rev)> = chunk.iter().map(|(id, rev)| (id.as_str(), rev)).collect();
            lacking.extend(self.couch.revs_diff(&asked).await?.into_keys());
        }
        if !lacking.is_empty() {
            replica::requeue(&self.db, &lacking, &|record| self.account.may_add(record)).await?;
        }
        Ok(())
    }

    /// Sends the whole outbox, a batch at a time. The server keeps exactly
    /// the revisions sent (`new_edits: false`) and only those it lacks are
    /// sent (`_revs_diff`): a retry after a lost answer changes nothing.
    /// What its validation refuses is noted and taken out, so the rest
    /// goes through.
    /// `sending` is called once there is something to send. Returns the
    /// number of records sent (not those the server already had).
    pub async fn push(&self, now: Instant, sending: impl Fn()) -> Result<usize, SyncError> {
        let mut sent = 0;
        let mut started = false;
        loop {
            let outbox = replica::outbox(&self.db, self.push_batch).await?;
            if outbox.pending.is_empty() {
                if !outbox.stale.is_empty() {
                    replica::pushed(&self.db, &[], Vec::new(), &outbox.stale).await?;
                }
                return Ok(sent);
            }
            if !started {
                started = true;
                sending();
            }
            let docs: Vec<(&Pending, crate::domain::doc::Outgoing)> =
                outbox.pending.iter().map(|p| (p, outgoing(&p.record, p.parent.as_ref()))).collect();
            let asked: Vec<(&str, &Rev)> = docs.iter().map(|(_, d)| (d.doc_id.as_str(), &d.rev)).collect();
            let missing = self.couch.revs_diff(&asked).await?;
            let to_send: Vec<&str> =
                docs.iter().filter(|(_, d)| missing.get(&d.doc_id).is_some_and(|revs| revs.contains(&d.rev))).map(|(_, d)| d.json.as_str()).collect();
            let refusals = if to_send.is_empty() { Vec::new() } else { self.couch.bulk_docs(&to_send).await? };
            sent += to_send.len();
            if refusals.iter().any(|r| r.is_unauthorized()) {
                return Err(HttpError::Unauthorized.into());
            }
            let refusal_of: HashMap<&str, _> = refusals.iter().map(|r| (r.id.as_str(), r)).collect();
            let mut stored = Vec::new();
            let mut refused = Vec::new();
            let mut retry = None;
            for (pending, doc) in &docs {
                match refusal_of.get(doc.doc_id.as_str()) {
                    None => stored.push((*pending, doc.rev.clone())),
                    Some(r) if r.is_final() => refused.push((
                        *pending,
                        Refused {
                            doc_id: doc.doc_id.clone(),
                            what: replica::describe_with_subject(&self.db, &pending.record).await?,
                            reason: r.reason.clone(),
                            at: now,
                        },
                    )),
                    // Another failure (the server's trouble): stays in the outbox.
                    Some(r) => retry = Some(format!("{}: {}", r.error, r.reason)),
                }
            }
            replica::pushed(&self.db, &stored, refused, &outbox.stale).await?;
            if let Some(reason) = retry {
                return Err(HttpError::Server(reason).into());
            }
        }
    }

    /// Pulls one page of the changes feed since `since` and stores it with
    /// the new checkpoint (one transaction), then saves the checkpoint on
    /// the server. `wait_ms` long-polls: the server answers as soon as
    /// anything changes.
    pub async fn pull(&self, since: &Seq, wait_ms: Option<u32>, signal: Option<&AbortSignal>, now: Instant) -> Result<Pulled, SyncError> {
        let page = self.fetch(since, wait_ms, signal, now).await?;
        self.store(page, now).await
    }

    /// Pulls until the feed has nothing more, from `since` (kept up to
    /// date, so a failure resumes where it stopped). Each page is stored
    /// while the next one is on its way. Returns the versions stored.
    pub async fn catch_up(&self, since: &mut Seq, now: Instant, progress: impl Fn(usize)) -> Result<usize, SyncError> {
        let mut taken = 0;
        let mut page = self.fetch(since, None, None, now).await?;
        loop {
            let last = page.last_seq.clone();
            if page.caught_up {
                taken += self.store(page, now).await?.taken;
                *since = last;
                self.fresh.set(false);
                return Ok(taken);
            }
            let (stored, next) = futures::future::join(self.store(page, now), self.fetch(&last, None, None, now)).await;
            taken += stored?.taken;
            *since = last;
            progress(taken);
            page = next?;
        }
    }

    /// One page of the feed since `since`, its conflicts settled.
    async fn fetch(&self, since: &Seq, wait_ms: Option<u32>, signal: Option<&AbortSignal>, now: Instant) -> Result<Page, SyncError> {
        let page = self.couch.changes(since, self.pull_batch, wait_ms, signal).await?;
        let mut versions: Vec<Incoming> = Vec::new();
        let mut notes = Vec::new();
        for change in page.changes {
            match change {
                Change::Doc(incoming) => versions.push(*incoming),
                Change::Skipped { doc_id, unusable } => {
                    notes.push(SyncNote { doc_id: doc_id.clone(), kind: NoteKind::Skipped, detail: unusable.error.to_string(), at: now });
                    // The server's pick of a conflict, but another version
                    // may be one to keep: settled with this one never winning.
                    if let (Some(rev), false) = (unusable.rev, unusable.conflicts.is_empty()) {
                        versions.push(Incoming { doc_id, rev, record: None, conflicts: unusable.conflicts });
                    }
                }
            }
        }
        let versions = self.settle_conflicts(versions, &mut notes, now).await?;
        Ok(Page { versions, notes, caught_up: page.entries < self.pull_batch, last_seq: page.last_seq })
    }

    /// Stores a page with its checkpoint (one transaction), then saves the
    /// checkpoint on the server.
    async fn store(&self, page: Page, now: Instant) -> Result<Pulled, SyncError> {
        let checkpoint = Checkpoint { since: page.last_seq.clone() };
        let applied = replica::apply_pull(&self.db, page.versions, page.notes, &checkpoint, self.fresh.get(), now).await?;
        self.save_remote_checkpoint(&checkpoint).await?;
        Ok(Pulled { since: page.last_seq, caught_up: page.caught_up, taken: applied.taken })
    }

    async fn save_remote_checkpoint(&self, checkpoint: &Checkpoint) -> Result<(), SyncError> {
        let rev = self.checkpoint_rev.borrow().clone();
        let saved = match self.couch.put_checkpoint(&self.checkpoint_id, checkpoint, rev.as_deref()).await {
            Ok(rev) => rev,
            // Another revision there (a second device with this id, or an
            // answer lost): read it and save on top.
            Err(HttpError::Server(_)) => {
                let current = self.couch.get_checkpoint(&self.checkpoint_id).await?.map(|(_, rev)| rev);
                self.couch.put_checkpoint(&self.checkpoint_id, checkpoint, current.as_deref()).await?
            }
            Err(other) => return Err(other.into()),
        };
        *self.checkpoint_rev.borrow_mut() = Some(saved);
        Ok(())
    }

    /// Conflicted documents (two devices wrote on the same revision): the
    /// other versions are fetched, every device keeps the same one
    /// ([`conflict_winner`]; a version the app cannot use never wins), and
    /// an admin's device ends the losing branches on the server (CouchDB
    /// keeps them in the history).
    async fn settle_conflicts(&self, versions: Vec<Incoming>, notes: &mut Vec<SyncNote>, now: Instant) -> Result<Vec<Version>, SyncError> {
        let wanted: Vec<(String, Rev)> =
            versions.iter().flat_map(|v| v.conflicts.iter().map(|rev| (v.doc_id.clone(), rev.clone()))).collect();
        if wanted.is_empty() {
            return Ok(versions.into_iter().map(|v| (v.doc_id, v.rev, v.record)).collect());
        }
        let mut others: HashMap<String, Vec<(Rev, Option<Record>)>> = HashMap::new();
        for (doc_id, fetched) in self.couch.bulk_get(&wanted).await? {
            let leaf = match fetched {
                Ok(version) => (version.rev, version.record),
                Err(Unusable { rev: Some(rev), error, .. }) => {
                    notes.push(SyncNote { doc_id: doc_id.clone(), kind: NoteKind::Skipped, detail: error.to_string(), at: now });
                    (rev, None)
                }
                // Gone from the server meanwhile: nothing to settle.
                Err(_) => continue,
            };
            others.entry(doc_id).or_default().push(leaf);
        }
        let mut resolutions = Vec::new();
        let mut settled = Vec::with_capacity(versions.len());
        for version in versions {
            if version.conflicts.is_empty() {
                settled.push((version.doc_id, version.rev, version.record));
                continue;
            }
            let mut leaves = vec![(version.rev, version.record)];
            leaves.extend(others.remove(&version.doc_id).unwrap_or_default());
            let Some(winner) = conflict_winner(&leaves) else {
                notes.push(SyncNote { doc_id: version.doc_id, kind: NoteKind::Skipped, detail: "no readable version".into(), at: now });
                continue;
            };
            for (i, (rev, record)) in leaves.iter().enumerate() {
                if i == winner {
                    continue;
                }
                // This device's edit, sent, lost to one made at the same
                // time elsewhere: the person is told, as for one not sent.
                if let Some(mine) = record.as_ref().filter(|r| r.meta().device_id == self.device_id) {
                    notes.push(SyncNote { doc_id: version.doc_id.clone(), kind: NoteKind::Overwritten, detail: replica::describe(mine), at: now });
                }
                if self.account.is_admin() {
                    resolutions.push(resolution(&version.doc_id, rev).json);
                }
            }
            let (rev, record) = leaves.swap_remove(winner);
            settled.push((version.doc_id, rev, record));
        }
        if !resolutions.is_empty() {
            let docs: Vec<&str> = resolutions.iter().map(String::as_str).collect();
            // Refused (a narrower role than thought): the conflict stays on
            // the server, and every device still keeps the same version.
            self.couch.bulk_docs(&docs).await?;
        }
        Ok(settled)
    }
}
