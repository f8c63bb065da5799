//! Loading the demo office.

use super::db::{add_all_in_turn, Db, StoreResult};
use super::settings::{stage_device, stage_office};
use super::schema::{ANNOUNCEMENTS, BOOKS, CHECKINS, HOLDS, LOANS, MEAL_SETS, PEOPLE, RESERVATIONS, RSVPS, SETTINGS};
use crate::domain::demo::DemoOffice;
use crate::domain::settings::DeviceSettings;
use crate::pwa::tasks::Turn;
use crate::pwa::timing::Span;

/// Stores the whole demo office and makes its newcomer this device's user,
/// in one transaction. Records are added, never overwritten: if any id is
/// already taken the transaction aborts and nothing is stored. The demo is
/// a data set, not the user's own writes, so the change log stays empty.
pub async fn load(db: &Db, demo: &DemoOffice, device: &DeviceSettings) -> StoreResult<DeviceSettings> {
    let _span = Span::start("oasis:store demo write");
    let stores = [PEOPLE, CHECKINS, BOOKS, LOANS, HOLDS, MEAL_SETS, RESERVATIONS, ANNOUNCEMENTS, RSVPS, SETTINGS];
    let tx = db.write(&stores)?;
    // One turn for all the stores: each gives the page its turn when the
    // task's time is used, not when its own is.
    let mut turn = Turn::begin();
    add_all_in_turn(&tx, PEOPLE, &demo.people, &mut turn).await?;
    add_all_in_turn(&tx, CHECKINS, &demo.checkins, &mut turn).await?;
    add_all_in_turn(&tx, BOOKS, &demo.books, &mut turn).await?;
    add_all_in_turn(&tx, LOANS, &demo.loans, &mut turn).await?;
    add_all_in_turn(&tx, HOLDS, &demo.holds, &mut turn).await?;
    add_all_in_turn(&tx, MEAL_SETS, &demo.meal_sets, &mut turn).await?;
    add_all_in_turn(&tx, RESERVATIONS, &demo.reservations, &mut turn).await?;
    add_all_in_turn(&tx, ANNOUNCEMENTS, &demo.announcements, &mut turn).await?;
    add_all_in_turn(&tx, RSVPS, &demo.rsvps, &mut turn).await?;
    stage_office(&tx, &demo.office, true)?;
    let device = DeviceSettings { person_id: Some(demo.me.clone()), ..device.clone() };
    stage_device(&tx, &device)?;
    db.commit(tx, &stores).await?;
    Ok(device)
}
