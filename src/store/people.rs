//! People of the office, and joining it from the welcome screen.

use super::db::{add_all, all, log_change, Author, Db, StoreResult};
use super::settings::{office_in, stage_device, stage_office};
use super::schema::{CHANGES, MEAL_SETS, PEOPLE, SETTINGS};
use crate::domain::meals::default_menu;
use crate::domain::people::{Person, ValidPerson};
use crate::domain::settings::{DeviceSettings, OfficeSettings};
use indexed_db_futures::prelude::*;

pub async fn all_people(db: &Db) -> StoreResult<Vec<Person>> {
    let tx = db.read(&[PEOPLE])?;
    all(&tx, PEOPLE).await
}

/// "Join as employee": stores the person and makes them this device's user,
/// setting up the office (default teams and menu) on its first member. One
/// transaction: all of it, or nothing.
pub async fn join(
    db: &Db,
    author: &Author,
    person: ValidPerson,
    device: &DeviceSettings,
    time_zone: &str,
    door_secret: String,
) -> StoreResult<(Person, DeviceSettings, OfficeSettings)> {
    let tx = db.write_as(author, &[PEOPLE, SETTINGS, MEAL_SETS, CHANGES])?;
    let office = match office_in(&tx).await? {
        Some(office) => office,
        None => {
            let office = OfficeSettings { door_secret, ..OfficeSettings::new(time_zone, author.now, &author.device_id) };
            stage_office(&tx, &office, true)?;
            log_change(&tx, SETTINGS, &office.meta)?;
            let menu = default_menu(|| author.new_meta());
            add_all(&tx, MEAL_SETS, &menu).await?;
            for meal in &menu {
                log_change(&tx, MEAL_SETS, &meal.meta)?;
            }
            office
        }
    };
    let person = Person { meta: author.new_meta(), name: person.name, team_id: person.team_id, pass_number: 1 };
    add_all(&tx, PEOPLE, [&person]).await?;
    log_change(&tx, PEOPLE, &person.meta)?;
    let device = DeviceSettings { person_id: Some(person.meta.id.clone()), ..device.clone() };
    stage_device(&tx, &device)?;
    db.commit(tx, &[PEOPLE, SETTINGS, MEAL_SETS]).await?;
    Ok((person, device, office))
}

pub async fn person(db: &Db, id: &str) -> StoreResult<Option<Person>> {
    let tx = db.read(&[PEOPLE])?;
    Ok(tx.object_store(PEOPLE)?.get(id).serde()?.await?)
}

/// Saves an edited person (the admin replacing their pass).
pub async fn save_person(db: &Db, author: &Author, person: &Person) -> StoreResult<()> {
    let mut person = person.clone();
    person.meta.updated_at = author.now;
    person.meta.device_id = author.device_id.clone();
    let tx = db.write_as(author, &[PEOPLE, CHANGES])?;
    drop(tx.object_store(PEOPLE)?.put(&person).serde()?);
    log_change(&tx, PEOPLE, &person.meta)?;
    db.commit(tx, &[PEOPLE]).await
}
