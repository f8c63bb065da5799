//! The office's settings and this device's own, in the settings store (keyed
//! by `OFFICE_KEY` and `DEVICE_KEY`).

use super::db::{log_change, unchanged_since, Author, Db, StoreError, StoreResult};
use super::schema::{CHANGES, SETTINGS};
use crate::domain::settings::{DeviceSettings, OfficeSettings, DEVICE_KEY, OFFICE_KEY};
use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::Transaction;

/// Both at once, from one transaction: what the app reads when it starts.
pub async fn both(db: &Db) -> StoreResult<(Option<DeviceSettings>, Option<OfficeSettings>)> {
    let tx = db.read(&[SETTINGS])?;
    let store = tx.object_store(SETTINGS)?;
    let device = store.get(DEVICE_KEY).serde()?;
    let office = store.get(OFFICE_KEY).serde()?;
    Ok((device.await?, office.await?))
}

pub(crate) async fn office_in(tx: &Transaction<'_>) -> StoreResult<Option<OfficeSettings>> {
    Ok(tx.object_store(SETTINGS)?.get(OFFICE_KEY).serde()?.await?)
}

/// Writes the office in `tx`; with `must_be_new`, an office already there
/// aborts the transaction instead of being replaced.
pub(crate) fn stage_office(tx: &Transaction<'_>, office: &OfficeSettings, must_be_new: bool) -> StoreResult<()> {
    let store = tx.object_store(SETTINGS)?;
    // Not awaited: see `db::add_all`.
    if must_be_new {
        drop(store.add(office).with_key(OFFICE_KEY.to_owned()).serde()?);
    } else {
        drop(store.put(office).with_key(OFFICE_KEY.to_owned()).serde()?);
    }
    Ok(())
}

pub(crate) fn stage_device(tx: &Transaction<'_>, device: &DeviceSettings) -> StoreResult<()> {
    drop(tx.object_store(SETTINGS)?.put(device).with_key(DEVICE_KEY.to_owned()).serde()?);
    Ok(())
}

/// Saves the office's settings as written by `author` now, over the
/// version their `meta` was read from, and no other
/// ([`StoreError::Changed`]).
pub async fn save_office(db: &Db, author: &Author, office: &OfficeSettings) -> StoreResult<OfficeSettings> {
    let tx = db.write_as(author, &[SETTINGS, CHANGES])?;
    unchanged_since(&tx, SETTINGS, OFFICE_KEY, &office.meta).await?;
    let mut office = office.clone();
    office.meta.updated_at = author.now;
    office.meta.device_id = author.device_id.clone();
    stage_office(&tx, &office, false)?;
    log_change(&tx, SETTINGS, &office.meta)?;
    db.commit(tx, &[SETTINGS]).await?;
    Ok(office)
}

/// Changes this device's settings as stored now, in a transaction of its
/// own: two changes never undo each other, whatever made them (a tap,
/// sync's first catch-up, another tab). Its settings as written; none
/// stored (an erase meanwhile) is [`StoreError::Changed`].
pub async fn change_device(db: &Db, change: &dyn Fn(&mut DeviceSettings)) -> StoreResult<DeviceSettings> {
    let tx = db.write(&[SETTINGS])?;
    let device = stage_device_change(&tx, change).await?;
    db.commit(tx, &[SETTINGS]).await?;
    Ok(device)
}

/// [`change_device`] inside `tx` (which writes SETTINGS), with the other
/// writes of that transaction.
pub(crate) async fn stage_device_change(tx: &Transaction<'_>, change: &dyn Fn(&mut DeviceSettings)) -> StoreResult<DeviceSettings> {
    let stored: Option<DeviceSettings> = tx.object_store(SETTINGS)?.get(DEVICE_KEY).serde()?.await?;
    let Some(mut device) = stored else { return Err(StoreError::Changed) };
    change(&mut device);
    stage_device(tx, &device)?;
    Ok(device)
}

/// This device's settings are its own: saved without a change-log entry.
pub async fn save_device(db: &Db, device: &DeviceSettings) -> StoreResult<()> {
    let tx = db.write(&[SETTINGS])?;
    stage_device(&tx, device)?;
    db.commit(tx, &[SETTINGS]).await
}
