//! The office's settings and this device's own, in the settings store.

use super::db::{put, Db, StoreResult};
use super::schema::SETTINGS;
use crate::domain::settings::{DeviceSettings, OfficeSettings, DEVICE_KEY, OFFICE_KEY};
use indexed_db_futures::prelude::*;

pub async fn device(db: &Db) -> StoreResult<Option<DeviceSettings>> {
    let tx = db.read(&[SETTINGS])?;
    Ok(tx.object_store(SETTINGS)?.get(DEVICE_KEY).serde()?.await?)
}

pub async fn office(db: &Db) -> StoreResult<Option<OfficeSettings>> {
    let tx = db.read(&[SETTINGS])?;
    Ok(tx.object_store(SETTINGS)?.get(OFFICE_KEY).serde()?.await?)
}

/// Both at once, from one transaction: what the app reads when it starts.
pub async fn both(db: &Db) -> StoreResult<(Option<DeviceSettings>, Option<OfficeSettings>)> {
    let tx = db.read(&[SETTINGS])?;
    let store = tx.object_store(SETTINGS)?;
    let device = store.get(DEVICE_KEY).serde()?;
    let office = store.get(OFFICE_KEY).serde()?;
    Ok((device.await?, office.await?))
}

/// This device's settings are its own: saved without a change-log entry.
pub async fn save_device(db: &Db, device: &DeviceSettings) -> StoreResult<()> {
    let tx = db.write(&[SETTINGS])?;
    put(&tx, SETTINGS, device)?;
    db.commit(tx, &[SETTINGS]).await
}
