//! The IndexedDB schema and its migrations.
//!
//! Migrations run inside the `versionchange` transaction, through web-sys:
//! indexed_db_futures 0.6 cannot reach that transaction from its upgrade
//! callback (its issue #66), which rules out adding an index to an existing
//! store through it. Each step takes the database from version `n - 1` to
//! `n`; opening an older database runs every step it lacks, in order.

use crate::domain::doc::Kind;
use wasm_bindgen::prelude::*;
use web_sys::{IdbDatabase, IdbIndexParameters, IdbObjectStore, IdbObjectStoreParameters, IdbTransaction};

pub const DB_NAME: &str = "oasis";
/// The schema version this build writes.
pub const VERSION: u32 = 4;

pub const PEOPLE: &str = Kind::People.name();
pub const CHECKINS: &str = Kind::Checkins.name();
pub const SETTINGS: &str = Kind::Settings.name();
/// Every shared record this device wrote, in order, until the office
/// server has it: office sync's outbox. Keyed by an auto-incremented `seq`.
pub const CHANGES: &str = "changes";
pub const BOOKS: &str = Kind::Books.name();
pub const LOANS: &str = Kind::Loans.name();
pub const HOLDS: &str = Kind::Holds.name();
pub const MEAL_SETS: &str = Kind::MealSets.name();
pub const RESERVATIONS: &str = Kind::Reservations.name();
pub const ANNOUNCEMENTS: &str = Kind::Announcements.name();
pub const RSVPS: &str = Kind::Rsvps.name();
/// Each person's reminders and announcements, with read and notified state.
pub const INBOX: &str = "inbox";
/// Office sync: each shared record's revision on the office server, keyed
/// by document id.
pub const REVISIONS: &str = "revisions";
/// Office sync's own state: the pull checkpoint, the status, what the
/// server refused, notes (keys in `store::replica`).
pub const SYNC: &str = "sync";

/// Stores of mergeable records (ids, timestamps, tombstones), keyed by
/// `meta.id`.
pub const RECORD_STORES: [&str; 10] =
    [PEOPLE, CHECKINS, BOOKS, LOANS, HOLDS, MEAL_SETS, RESERVATIONS, ANNOUNCEMENTS, RSVPS, INBOX];

pub const BY_TEAM: &str = "by_team";
pub const BY_DAY: &str = "by_day";
pub const BY_PERSON_DAY: &str = "by_person_day";
pub const BY_PERSON: &str = "by_person";
pub const BY_BOOK: &str = "by_book";
pub const BY_ISBN: &str = "by_isbn";
pub const BY_PUBLISH: &str = "by_publish";
pub const BY_ANNOUNCEMENT: &str = "by_announcement";
/// Records changed since an instant: what a sync sends.
pub const BY_UPDATED: &str = "by_updated";

type Step = fn(&IdbDatabase, &IdbTransaction) -> Result<(), JsValue>;

/// `STEPS[n - 1]` migrates version `n - 1` to `n`.
const STEPS: [Step; VERSION as usize] = [v1_attendance, v2_product_and_sync, v3_inbox, v4_office_sync];

/// Runs the steps from `old_version` to `new_version`. A database of that
/// name with no store at all (made empty by another script) is built from
/// the start, not taken for an old Oasis.
pub fn migrate(db: &IdbDatabase, tx: &IdbTransaction, old_version: u32, new_version: u32) -> Result<(), JsValue> {
    let old_version = if db.object_store_names().length() == 0 { 0 } else { old_version };
    for step in &STEPS[old_version as usize..new_version as usize] {
        step(db, tx)?;
    }
    Ok(())
}

/// Version 1: the attendance core.
fn v1_attendance(db: &IdbDatabase, _: &IdbTransaction) -> Result<(), JsValue> {
    let people = create_store(db, PEOPLE)?;
    index(&people, BY_TEAM, &["team_id"])?;
    let checkins = create_store(db, CHECKINS)?;
    index(&checkins, BY_DAY, &["day"])?;
    index(&checkins, BY_PERSON_DAY, &["person_id", "day"])?;
    // Keys given with each write: the device's own settings carry no meta.
    db.create_object_store(SETTINGS)?;
    let params = IdbObjectStoreParameters::new();
    params.set_key_path(&JsValue::from_str("seq"));
    params.set_auto_increment(true);
    db.create_object_store_with_optional_parameters(CHANGES, &params)?;
    Ok(())
}

/// Version 2: the bookshelf, meals and announcements stores, and an
/// `updated_at` index on every record store, old ones included.
fn v2_product_and_sync(db: &IdbDatabase, tx: &IdbTransaction) -> Result<(), JsValue> {
    let books = create_store(db, BOOKS)?;
    index(&books, BY_ISBN, &["isbn"])?;
    for name in [LOANS, HOLDS] {
        let store = create_store(db, name)?;
        index(&store, BY_BOOK, &["book_id"])?;
        index(&store, BY_PERSON, &["person_id"])?;
    }
    create_store(db, MEAL_SETS)?;
    let reservations = create_store(db, RESERVATIONS)?;
    index(&reservations, BY_DAY, &["day"])?;
    index(&reservations, BY_PERSON, &["person_id"])?;
    let announcements = create_store(db, ANNOUNCEMENTS)?;
    index(&announcements, BY_PUBLISH, &["publish_at"])?;
    let rsvps = create_store(db, RSVPS)?;
    index(&rsvps, BY_ANNOUNCEMENT, &["announcement_id"])?;
    index(&rsvps, BY_PERSON, &["person_id"])?;
    // Existing stores are reached through the upgrade transaction; the
    // browser fills the new index from the records already there.
    for name in [PEOPLE, CHECKINS, BOOKS, LOANS, HOLDS, MEAL_SETS, RESERVATIONS, ANNOUNCEMENTS, RSVPS] {
        index(&tx.object_store(name)?, BY_UPDATED, &["meta.updated_at"])?;
    }
    Ok(())
}

/// Version 3: the inbox (reminders and announcements per person).
fn v3_inbox(db: &IdbDatabase, _: &IdbTransaction) -> Result<(), JsValue> {
    let inbox = create_store(db, INBOX)?;
    index(&inbox, BY_PERSON, &["person_id"])?;
    index(&inbox, BY_UPDATED, &["meta.updated_at"])?;
    Ok(())
}

/// Version 4: office sync's revisions and state (out-of-line keys).
fn v4_office_sync(db: &IdbDatabase, _: &IdbTransaction) -> Result<(), JsValue> {
    db.create_object_store(REVISIONS)?;
    db.create_object_store(SYNC)?;
    Ok(())
}

fn create_store(db: &IdbDatabase, name: &str) -> Result<IdbObjectStore, JsValue> {
    let params = IdbObjectStoreParameters::new();
    params.set_key_path(&JsValue::from_str("meta.id"));
    db.create_object_store_with_optional_parameters(name, &params)
}

fn index(store: &IdbObjectStore, name: &str, key_path: &[&str]) -> Result<(), JsValue> {
    let params = IdbIndexParameters::new();
    params.set_unique(false);
    match key_path {
        [single] => store.create_index_with_str_and_optional_parameters(name, single, &params)?,
        compound => {
            let paths: js_sys::Array = compound.iter().map(|p| JsValue::from_str(p)).collect();
            store.create_index_with_str_sequence_and_optional_parameters(name, &paths, &params)?
        }
    };
    Ok(())
}
