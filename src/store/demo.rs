//! Loading the demo office.

use super::db::{add_all, Db, StoreResult};
use super::settings::{stage_device, stage_office};
use super::schema::{ANNOUNCEMENTS, BOOKS, CHECKINS, HOLDS, LOANS, MEAL_SETS, PEOPLE, RESERVATIONS, RSVPS, SETTINGS};
use crate::domain::demo::DemoOffice;
use crate::domain::settings::DeviceSettings;
use crate::pwa::timing::Span;

/// Stores the whole demo office and makes its newcomer this device's user,
/// in one transaction. Records are added, never overwritten: if any id is
/// already taken the transaction aborts and nothing is stored. The demo is
/// a data set, not the user's own writes, so the change log stays empty.
pub async fn load(db: &Db, demo: &DemoOffice, device: &DeviceSettings) -> StoreResult<DeviceSettings> {
    let _span = Span::start("oasis:store demo write");
    let stores = [PEOPLE, CHECKINS, BOOKS, LOANS, HOLDS, MEAL_SETS, RESERVATIONS, ANNOUNCEMENTS, RSVPS, SETTINGS];
    let tx = db.write(&stores)?;
    add_all(&tx, PEOPLE, &demo.people).await?;
    add_all(&tx, CHECKINS, &demo.checkins).await?;
    add_all(&tx, BOOKS, &demo.books).await?;
    add_all(&tx, LOANS, &demo.loans).await?;
    add_all(&tx, HOLDS, &demo.holds).await?;
    add_all(&tx, MEAL_SETS, &demo.meal_sets).await?;
    add_all(&tx, RESERVATIONS, &demo.reservations).await?;
    add_all(&tx, ANNOUNCEMENTS, &demo.announcements).await?;
    add_all(&tx, RSVPS, &demo.rsvps).await?;
    stage_office(&tx, &demo.office, true)?;
    let device = DeviceSettings { person_id: Some(demo.me.clone()), ..device.clone() };
    stage_device(&tx, &device)?;
    db.commit(tx, &stores).await?;
    Ok(device)
}
