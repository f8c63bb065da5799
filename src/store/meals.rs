//! Meal sets and reservations. A reservation tap reads the set and that
//! day's reservations, asks the rules and writes its event in one readwrite
//! transaction: two people taking the last set at once cannot both get it.

use super::db::{add_all, all, by_index, log_change, unchanged_since, Author, Db, StoreError, StoreResult};
use super::schema::{BY_DAY, BY_PERSON, CHANGES, MEAL_SETS, RESERVATIONS, SETTINGS};
use super::settings::office_in;
use crate::domain::date::Date;
use crate::domain::meals::{MealFields, MealSet};
use crate::domain::reservations::{
    can_cancel, can_mark_no_show, can_pick_up, can_reserve, reservations, Limits, MealRefusal, OfficeNow,
    ReservationEvent, ReservationKind,
};
use std::collections::BTreeSet;
use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::Transaction;
use indexed_db_futures::KeyRange;

pub async fn menu(db: &Db) -> StoreResult<Vec<MealSet>> {
    let tx = db.read(&[MEAL_SETS])?;
    all(&tx, MEAL_SETS).await
}

async fn events_between(tx: &Transaction<'_>, from: Date, to: Date) -> StoreResult<Vec<ReservationEvent>> {
    let range = KeyRange::Bound(from.to_string(), false, to.to_string(), false);
    let found = tx.object_store(RESERVATIONS)?.index(BY_DAY)?.get_all().with_query::<String, _>(range).serde()?.await?;
    Ok(found.collect::<Result<_, _>>()?)
}

/// Everybody's reservation events for the days `from..=to`.
pub async fn reservations_between(db: &Db, from: Date, to: Date) -> StoreResult<Vec<ReservationEvent>> {
    let tx = db.read(&[RESERVATIONS])?;
    events_between(&tx, from, to).await
}

/// Everybody's reservation events on the days one person has reserved
/// for: what their reservations' outcomes are derived from (a set they
/// reserved may have gone to someone who reserved earlier, on another
/// device).
pub async fn reservations_on_days_of(db: &Db, person_id: &str) -> StoreResult<Vec<ReservationEvent>> {
    let tx = db.read(&[RESERVATIONS])?;
    let theirs: Vec<ReservationEvent> = by_index(&tx, RESERVATIONS, BY_PERSON, person_id).await?;
    let days: BTreeSet<Date> = theirs.iter().map(|e| e.day).collect();
    let mut events = Vec::new();
    for day in days {
        events.extend(by_index::<ReservationEvent>(&tx, RESERVATIONS, BY_DAY, &day.to_string()).await?);
    }
    Ok(events)
}

pub async fn add_meal(db: &Db, author: &Author, fields: MealFields) -> StoreResult<MealSet> {
    let meal = fields.into_meal(author.new_meta());
    let tx = db.write_as(author, &[MEAL_SETS, CHANGES])?;
    add_all(&tx, MEAL_SETS, [&meal]).await?;
    log_change(&tx, MEAL_SETS, &meal.meta)?;
    db.commit(tx, &[MEAL_SETS]).await?;
    Ok(meal)
}

/// Saves an edited (or retired) meal set over the version its `meta` was
/// read from, and no other ([`StoreError::Changed`]).
pub async fn save_meal(db: &Db, author: &Author, meal: &MealSet) -> StoreResult<MealSet> {
    let tx = db.write_as(author, &[MEAL_SETS, CHANGES])?;
    unchanged_since(&tx, MEAL_SETS, &meal.meta.id, &meal.meta).await?;
    let mut meal = meal.clone();
    meal.meta.updated_at = author.now;
    meal.meta.device_id = author.device_id.clone();
    drop(tx.object_store(MEAL_SETS)?.put(&meal).serde()?);
    log_change(&tx, MEAL_SETS, &meal.meta)?;
    db.commit(tx, &[MEAL_SETS]).await?;
    Ok(meal)
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum MealError {
    Refused(MealRefusal),
    NotFound,
    Store(StoreError),
}

impl From<StoreError> for MealError {
    fn from(error: StoreError) -> Self {
        MealError::Store(error)
    }
}

impl From<indexed_db_futures::error::Error> for MealError {
    fn from(error: indexed_db_futures::error::Error) -> Self {
        MealError::Store(error.into())
    }
}

async fn record(db: &Db, tx: Transaction<'_>, event: ReservationEvent) -> Result<(), MealError> {
    add_all(&tx, RESERVATIONS, [&event]).await?;
    log_change(&tx, RESERVATIONS, &event.meta)?;
    db.commit(tx, &[RESERVATIONS]).await?;
    Ok(())
}

/// Reserves a set of `meal_set_id` for `person_id` on `day`, at its price now.
pub async fn reserve(
    db: &Db,
    author: &Author,
    now: OfficeNow,
    meal_set_id: &str,
    day: Date,
    person_id: &str,
) -> Result<ReservationEvent, MealError> {
    let tx = db.write_as(author, &[MEAL_SETS, RESERVATIONS, SETTINGS, CHANGES])?;
    let meal: MealSet = tx.object_store(MEAL_SETS)?.get(meal_set_id).serde()?.await?.ok_or(MealError::NotFound)?;
    let office = office_in(&tx).await?;
    let (rules, calendar) = office.map(|o| (o.meal_rules(), o.calendar())).unwrap_or_default();
    let menu: Vec<MealSet> = all(&tx, MEAL_SETS).await?;
    let that_day = reservations(&events_between(&tx, day, day).await?, &Limits::new(&menu, &rules));
    can_reserve(&meal, day, now, &calendar, &rules, &that_day, person_id).map_err(MealError::Refused)?;
    let meta = author.new_meta();
    let event = ReservationEvent {
        reservation_id: meta.id.clone(),
        meta,
        person_id: person_id.to_owned(),
        meal_set_id: meal_set_id.to_owned(),
        day,
        at: author.now,
        kind: ReservationKind::reserve(&meal, &rules),
    };
    record(db, tx, event.clone()).await?;
    Ok(event)
}

/// What the person or the admin does with an existing reservation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReservationChange {
    Cancel,
    PickUp,
    NoShow,
}

/// Cancels, marks picked up, or marks a no-show, if the rules allow it now.
pub async fn change(
    db: &Db,
    author: &Author,
    now: OfficeNow,
    day: Date,
    reservation_id: &str,
    what: ReservationChange,
) -> Result<(), MealError> {
    let tx = db.write_as(author, &[MEAL_SETS, RESERVATIONS, SETTINGS, CHANGES])?;
    let rules = office_in(&tx).await?.map(|o| o.meal_rules()).unwrap_or_default();
    let menu: Vec<MealSet> = all(&tx, MEAL_SETS).await?;
    let that_day = reservations(&events_between(&tx, day, day).await?, &Limits::new(&menu, &rules));
    let reservation = that_day.iter().find(|r| r.id == reservation_id).ok_or(MealError::NotFound)?;
    let (allowed, kind) = match what {
        ReservationChange::Cancel => (can_cancel(reservation, now, &rules), ReservationKind::Cancel),
        ReservationChange::PickUp => (can_pick_up(reservation, now.day), ReservationKind::PickUp),
        ReservationChange::NoShow => (can_mark_no_show(reservation, now.day), ReservationKind::NoShow),
    };
    allowed.map_err(MealError::Refused)?;
    let event = ReservationEvent {
        meta: author.new_meta(),
        reservation_id: reservation.id.clone(),
        person_id: reservation.person_id.clone(),
        meal_set_id: reservation.meal_set_id.clone(),
        day,
        at: author.now,
        kind,
    };
    record(db, tx, event).await
}

/// Marks these reservations no-shows, all in one transaction: each is
/// decided against the stored events (one collected meanwhile is refused,
/// not marked); returns how many were marked and the refusals, by id.
pub async fn mark_no_shows(
    db: &Db,
    author: &Author,
    now: OfficeNow,
    ids: &[(Date, String)],
) -> Result<(usize, Vec<(String, MealRefusal)>), StoreError> {
    let (Some(from), Some(to)) = (ids.iter().map(|(d, _)| *d).min(), ids.iter().map(|(d, _)| *d).max()) else {
        return Ok((0, Vec::new()));
    };
    let tx = db.write_as(author, &[MEAL_SETS, RESERVATIONS, SETTINGS, CHANGES])?;
    let rules = office_in(&tx).await?.map(|o| o.meal_rules()).unwrap_or_default();
    let menu: Vec<MealSet> = all(&tx, MEAL_SETS).await?;
    let known = reservations(&events_between(&tx, from, to).await?, &Limits::new(&menu, &rules));
    let mut events = Vec::new();
    let mut refused = Vec::new();
    for (_, id) in ids {
        let Some(reservation) = known.iter().find(|r| &r.id == id) else {
            refused.push((id.clone(), MealRefusal::NotReserved));
            continue;
        };
        match can_mark_no_show(reservation, now.day) {
            Ok(()) => events.push(ReservationEvent {
                meta: author.new_meta(),
                reservation_id: reservation.id.clone(),
                person_id: reservation.person_id.clone(),
                meal_set_id: reservation.meal_set_id.clone(),
                day: reservation.day,
                at: author.now,
                kind: ReservationKind::NoShow,
            }),
            Err(refusal) => refused.push((id.clone(), refusal)),
        }
    }
    if !events.is_empty() {
        add_all(&tx, RESERVATIONS, &events).await?;
        for event in &events {
            log_change(&tx, RESERVATIONS, &event.meta)?;
        }
        db.commit(tx, &[RESERVATIONS]).await?;
    }
    Ok((events.len(), refused))
}
