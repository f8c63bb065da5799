//! Backup files: every shared record read for export, and a backup (or
//! another device's export) merged by id in one transaction, by the same
//! rule as office sync (`domain::backup::import_wins`).

use super::db::{log_change, Db, StoreResult};
use super::replica::stage_record;
use super::schema::CHANGES;
use crate::domain::backup::import_wins;
use crate::domain::doc::{Kind, Record};
use crate::domain::settings::OFFICE_KEY;
use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::Transaction;
use serde::de::DeserializeOwned;
use std::collections::HashMap;

/// Every record of one kind, as `Record`s, with one `getAll`.
async fn all_of(tx: &Transaction<'_>, kind: Kind) -> StoreResult<Vec<Record>> {
    async fn read<T: DeserializeOwned>(tx: &Transaction<'_>, kind: Kind, wrap: fn(T) -> Record) -> StoreResult<Vec<Record>> {
        Ok(super::db::all::<T>(tx, kind.name()).await?.into_iter().map(wrap).collect())
    }
    match kind {
        Kind::People => read(tx, kind, Record::Person).await,
        Kind::Checkins => read(tx, kind, Record::Checkin).await,
        Kind::Books => read(tx, kind, Record::Book).await,
        Kind::Loans => read(tx, kind, Record::Loan).await,
        Kind::Holds => read(tx, kind, Record::Hold).await,
        Kind::MealSets => read(tx, kind, Record::MealSet).await,
        Kind::Reservations => read(tx, kind, Record::Reservation).await,
        Kind::Announcements => read(tx, kind, Record::Announcement).await,
        Kind::Rsvps => read(tx, kind, Record::Rsvp).await,
        // The settings store also holds this device's own settings.
        Kind::Settings => {
            let office = tx.object_store(kind.name())?.get(OFFICE_KEY).serde()?.await?;
            Ok(office.map(Record::Office).into_iter().collect())
        }
    }
}

fn record_stores() -> Vec<&'static str> {
    Kind::ALL.iter().map(|k| k.name()).collect()
}

/// Every shared record on this device (what a backup holds).
pub async fn all_records(db: &Db) -> StoreResult<Vec<Record>> {
    let tx = db.read(&record_stores())?;
    let mut records = Vec::new();
    for kind in Kind::ALL {
        records.extend(all_of(&tx, kind).await?);
    }
    Ok(records)
}

/// What merging a file would do (or did).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Merge {
    /// Records this device did not have.
    pub added: usize,
    /// Records whose version in the file wins over this device's.
    pub updated: usize,
    /// Records this device already has (or has a later version of).
    pub kept: usize,
}

/// Decides each record against what the device holds; with `write`,
/// stores the winners (and puts them in the outbox, for the office).
async fn merge_in(tx: &Transaction<'_>, records: &[Record], write: bool) -> StoreResult<Merge> {
    let mut merge = Merge::default();
    for kind in Kind::ALL {
        let incoming: Vec<&Record> = records.iter().filter(|r| r.kind() == kind).collect();
        if incoming.is_empty() {
            continue;
        }
        let existing: HashMap<String, Record> = all_of(tx, kind).await?.into_iter().map(|r| (r.meta().id.clone(), r)).collect();
        for record in incoming {
            let had = existing.get(&record.meta().id);
            if !import_wins(had, record) {
                merge.kept += 1;
                continue;
            }
            if had.is_some() { merge.updated += 1 } else { merge.added += 1 }
            if write {
                stage_record(tx, record)?;
                log_change(tx, kind.name(), record.meta())?;
            }
        }
    }
    Ok(merge)
}

/// What importing these records would do, read only.
pub async fn plan(db: &Db, records: &[Record]) -> StoreResult<Merge> {
    let tx = db.read(&record_stores())?;
    merge_in(&tx, records, false).await
}

/// Merges these records into the device, all or none, deciding each
/// against what is stored when the transaction runs.
pub async fn import(db: &Db, records: &[Record]) -> StoreResult<Merge> {
    let mut stores = record_stores();
    stores.push(CHANGES);
    let tx = db.write(&stores)?;
    let merge = merge_in(&tx, records, true).await?;
    db.commit(tx, &record_stores()).await?;
    Ok(merge)
}
