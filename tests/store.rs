//! The IndexedDB store in headless Chromium (wasm-bindgen-test): schema and
//! migrations, repositories, all-or-nothing writes, change notifications.
#![cfg(target_arch = "wasm32")]

mod support;

use indexed_db_futures::database::Database;
use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::TransactionMode;
use oasis::domain::attendance::{CheckEvent, CheckKind, CheckMethod, CheckRefusal};
use oasis::domain::date::Date;
use oasis::domain::demo::{generate, DemoClock, DEMO_SEED};
use oasis::domain::i18n::Lang;
use oasis::domain::people::{Person, ValidPerson};
use oasis::domain::record::Meta;
use oasis::domain::settings::DeviceSettings;
use oasis::store::attendance::{check, events_between, person_events, CheckError};
use oasis::store::{self, schema, Author, Db, StoreError, StoreResult};
use support::{fresh, unique_name, T0};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// The author of a write `ms` milliseconds after T0.
fn author(ms: i64) -> Author {
    support::author(T0 + ms)
}

fn day(text: &str) -> Date {
    Date::parse_iso(text).unwrap()
}

fn device() -> DeviceSettings {
    DeviceSettings::new("dev-test".into(), Lang::En)
}

/// Counts the records of a store through the crate directly.
async fn count(db_name: &str, store: &str) -> u32 {
    let db = Database::open(db_name).await.unwrap();
    let n = {
        let tx = db.transaction(store).build().unwrap();
        tx.object_store(store).unwrap().count().await.unwrap()
    };
    db.close();
    n
}

#[wasm_bindgen_test]
async fn a_fresh_database_has_every_store_and_index() {
    let db = fresh("schema").await;
    let name = db.name();
    db.close();
    let raw = Database::open(&name).await.unwrap();
    assert_eq!(raw.version() as u32, schema::VERSION);
    let stores: Vec<String> = raw.object_store_names().collect();
    for expected in schema::RECORD_STORES.iter().chain([&schema::CHANGES, &schema::SETTINGS, &schema::REVISIONS, &schema::SYNC]) {
        assert!(stores.iter().any(|s| s == expected), "missing store {expected}");
    }
    {
        let tx = raw.transaction(schema::CHECKINS).build().unwrap();
        let indexes: Vec<String> = tx.object_store(schema::CHECKINS).unwrap().index_names().collect();
        for expected in [schema::BY_DAY, schema::BY_PERSON_DAY, schema::BY_UPDATED] {
            assert!(indexes.iter().any(|i| i == expected), "checkins lacks {expected}");
        }
    }
    raw.close();
}

#[wasm_bindgen_test]
async fn an_empty_database_of_that_name_made_elsewhere_is_built_whole() {
    let name = unique_name("foreign");
    // Another script made a database of this name, version 1, no store.
    let foreign = Database::open(&name).with_version(1u32).build().unwrap().await.unwrap();
    foreign.close();
    let db = Db::open(&name).await.expect("opened and built, not refused");
    db.close();
    let raw = Database::open(&name).await.unwrap();
    let stores: Vec<String> = raw.object_store_names().collect();
    for expected in schema::RECORD_STORES.iter().chain([&schema::CHANGES, &schema::SETTINGS, &schema::REVISIONS, &schema::SYNC]) {
        assert!(stores.iter().any(|s| s == expected), "missing store {expected}");
    }
    raw.close();
}

#[wasm_bindgen_test]
async fn a_version_3_database_gains_office_sync_and_keeps_its_data() {
    let name = unique_name("v3");
    let v3 = Db::open_at(&name, 3).await.unwrap();
    let person = ValidPerson { name: "Zoé".into(), team_id: "design".into() };
    store::people::join(&v3, &author(10), person, &device(), "Europe/Paris", String::new()).await.unwrap();
    v3.close();
    let db = Db::open(&name).await.expect("migrate v3 to v4");
    assert_eq!(store::people::all_people(&db).await.unwrap().len(), 1);
    assert_eq!(store::replica::pending_count(&db).await.unwrap(), 1 + 7 + 1, "the office settings, its menu and the person wait to be sent");
    assert_eq!(store::replica::checkpoint(&db).await.unwrap(), (None, false));
    db.close();
}

#[wasm_bindgen_test]
async fn a_version_1_database_migrates_and_keeps_its_data() {
    let name = unique_name("v1");
    // A database as version 1 of the app left it, with a person and a check-in.
    let v1 = Db::open_at(&name, 1).await.unwrap();
    v1.close();
    let person = Person { meta: Meta::new("p1".into(), 1_000, "old-device"), name: "Zoé".into(), team_id: "design".into(), pass_number: 1 };
    let event = CheckEvent {
        meta: Meta::new("e1".into(), 2_000, "old-device"),
        person_id: "p1".into(),
        day: day("2026-11-02"),
        at: 2_000,
        kind: CheckKind::In,
        method: CheckMethod::Tap,
    };
    {
        let raw = Database::open(&name).await.unwrap();
        assert_eq!(raw.version() as u32, 1);
        assert!(!raw.object_store_names().any(|s| s == schema::BOOKS), "v1 has no bookshelf yet");
        let tx = raw.transaction([schema::PEOPLE, schema::CHECKINS]).with_mode(TransactionMode::Readwrite).build().unwrap();
        tx.object_store(schema::PEOPLE).unwrap().put(&person).serde().unwrap().await.unwrap();
        tx.object_store(schema::CHECKINS).unwrap().put(&event).serde().unwrap().await.unwrap();
        tx.commit().await.unwrap();
        raw.close();
    }

    let db = Db::open(&name).await.expect("migrate to the current version");
    assert_eq!(store::people::all_people(&db).await.unwrap(), vec![person]);
    assert_eq!(person_events(&db, "p1", day("2026-11-01"), day("2026-11-30")).await.unwrap(), vec![event]);
    db.close();

    // The index added to an existing store covers the records already there.
    let raw = Database::open(&name).await.unwrap();
    assert_eq!(raw.version() as u32, schema::VERSION);
    {
        let tx = raw.transaction(schema::CHECKINS).build().unwrap();
        let checkins = tx.object_store(schema::CHECKINS).unwrap();
        let by_updated = checkins.index(schema::BY_UPDATED).unwrap();
        let since: Vec<CheckEvent> =
            by_updated.get_all().with_query::<i64, _>(1_500i64..).serde().unwrap().await.unwrap().collect::<Result<_, _>>().unwrap();
        assert_eq!(since.len(), 1);
    }
    raw.close();
}

#[wasm_bindgen_test]
async fn a_version_2_database_gains_the_inbox_and_keeps_its_data() {
    let name = unique_name("v2");
    let v2 = Db::open_at(&name, 2).await.unwrap();
    let person = Person { meta: Meta::new("p1".into(), 1_000, "old-device"), name: "Zoé".into(), team_id: "design".into(), pass_number: 1 };
    {
        let raw = Database::open(&name).await.unwrap();
        assert!(!raw.object_store_names().any(|s| s == schema::INBOX), "v2 has no inbox yet");
        let tx = raw.transaction(schema::PEOPLE).with_mode(TransactionMode::Readwrite).build().unwrap();
        tx.object_store(schema::PEOPLE).unwrap().put(&person).serde().unwrap().await.unwrap();
        tx.commit().await.unwrap();
        raw.close();
    }
    v2.close();
    let db = Db::open(&name).await.expect("migrate v2 to v3");
    assert_eq!(store::people::all_people(&db).await.unwrap(), vec![person]);
    assert!(store::inbox::entries(&db, "p1").await.unwrap().is_empty(), "the inbox store exists, empty");
}

#[wasm_bindgen_test]
async fn checking_in_twice_makes_one_record_and_check_out_needs_a_check_in() {
    let db = fresh("check").await;
    let today = day("2026-11-25");
    let refused = check(&db, &author(100), "p1", today, CheckKind::Out, CheckMethod::Tap).await;
    assert_eq!(refused, Err(CheckError::Refused(CheckRefusal::NotCheckedIn)));
    assert_eq!(count(&db.name(), schema::CHECKINS).await, 0, "a refusal stores nothing");
    // A device whose clock says 1970 (a reset phone) would stamp a record
    // every other device refuses: refused here, nothing stored.
    let reset_phone = support::author(86_400_000);
    let refused = check(&db, &reset_phone, "p1", today, CheckKind::In, CheckMethod::Tap).await;
    assert_eq!(refused, Err(CheckError::Store(StoreError::ClockWrong)));
    assert_eq!(count(&db.name(), schema::CHECKINS).await, 0, "a wrong clock stores nothing");
    assert_eq!(count(&db.name(), schema::CHANGES).await, 0);

    let first = check(&db, &author(200), "p1", today, CheckKind::In, CheckMethod::Tap).await.unwrap();
    assert!(first.recorded);
    let second = check(&db, &author(300), "p1", today, CheckKind::In, CheckMethod::Kiosk).await.unwrap();
    assert!(!second.recorded);
    assert_eq!(second.event, first.event, "the second tap answers with the first check-in");

    let out = check(&db, &author(400), "p1", today, CheckKind::Out, CheckMethod::Tap).await.unwrap();
    assert!(out.recorded);
    assert!(!check(&db, &author(500), "p1", today, CheckKind::Out, CheckMethod::Tap).await.unwrap().recorded);
    // Another day, another person: independent.
    assert!(check(&db, &author(600), "p1", day("2026-11-26"), CheckKind::In, CheckMethod::Tap).await.unwrap().recorded);
    assert!(check(&db, &author(700), "p2", today, CheckKind::In, CheckMethod::Tap).await.unwrap().recorded);

    assert_eq!(count(&db.name(), schema::CHECKINS).await, 4);
    assert_eq!(count(&db.name(), schema::CHANGES).await, 4, "each recorded event is logged once");
    let mine = person_events(&db, "p1", today, today).await.unwrap();
    assert_eq!(mine.iter().map(|e| e.kind).collect::<Vec<_>>().len(), 2);
    let all_today = events_between(&db, today, today).await.unwrap();
    assert_eq!(all_today.len(), 3);
}

#[wasm_bindgen_test]
async fn two_simultaneous_check_ins_still_make_one_record() {
    let db = fresh("race").await;
    let today = day("2026-11-25");
    // Both requests are in flight before either finishes, as with two tabs.
    let (a, b) = (db.clone(), db.clone());
    let first = wasm_bindgen_futures::future_to_promise(async move {
        let done = check(&a, &author(1), "p1", today, CheckKind::In, CheckMethod::Tap).await.unwrap();
        Ok(done.recorded.into())
    });
    let second = wasm_bindgen_futures::future_to_promise(async move {
        let done = check(&b, &author(2), "p1", today, CheckKind::In, CheckMethod::Tap).await.unwrap();
        Ok(done.recorded.into())
    });
    let first = wasm_bindgen_futures::JsFuture::from(first).await.unwrap().as_bool().unwrap();
    let second = wasm_bindgen_futures::JsFuture::from(second).await.unwrap().as_bool().unwrap();
    assert!(first ^ second, "exactly one of them records ({first}, {second})");
    assert_eq!(count(&db.name(), schema::CHECKINS).await, 1);
}

fn demo() -> oasis::domain::demo::DemoOffice {
    let offset = |_| 60;
    generate(DEMO_SEED, &DemoClock { today: day("2026-11-25"), minute_of_day: 10 * 60, utc_offset: &offset })
}

#[wasm_bindgen_test]
async fn the_demo_office_loads_in_one_transaction() {
    let db = fresh("demo").await;
    let demo = demo();
    let device = store::demo::load(&db, &demo, &device()).await.unwrap();
    assert_eq!(device.person_id.as_deref(), Some(demo.me.as_str()));
    assert_eq!(count(&db.name(), schema::PEOPLE).await, 120);
    assert_eq!(count(&db.name(), schema::CHECKINS).await, demo.checkins.len() as u32);
    assert_eq!(count(&db.name(), schema::BOOKS).await, 60);
    assert_eq!(count(&db.name(), schema::MEAL_SETS).await, 7);
    assert_eq!(count(&db.name(), schema::CHANGES).await, 0, "a data set, not user writes");
    let (stored_device, office) = store::settings::both(&db).await.unwrap();
    assert_eq!(stored_device, Some(device));
    assert_eq!(office.unwrap().capacity, 120);
    // Read back whole (through JSON both ways): the very events written.
    let mut today = events_between(&db, day("2026-11-25"), day("2026-11-25")).await.unwrap();
    let mut written: Vec<CheckEvent> = demo.checkins.iter().filter(|e| e.day == day("2026-11-25")).cloned().collect();
    today.sort_by(|a, b| a.meta.id.cmp(&b.meta.id));
    written.sort_by(|a, b| a.meta.id.cmp(&b.meta.id));
    assert!(!written.is_empty());
    assert_eq!(today, written);
    // Ninety days, read a week per request: every event once, in day order.
    let (from, to) = (day("2026-11-25").add_days(-89), day("2026-11-25"));
    let ninety = events_between(&db, from, to).await.unwrap();
    assert!(ninety.windows(2).all(|pair| pair[0].day <= pair[1].day), "in day order");
    let mut ninety: Vec<_> = ninety.into_iter().map(|e| e.meta.id).collect();
    let mut written: Vec<_> = demo.checkins.iter().filter(|e| (from..=to).contains(&e.day)).map(|e| e.meta.id.clone()).collect();
    ninety.sort();
    written.sort();
    assert!(written.len() > 5_000, "the demo's whole history: {}", written.len());
    assert_eq!(ninety, written);
}

#[wasm_bindgen_test]
async fn a_failed_transaction_leaves_nothing_behind() {
    let db = fresh("rollback").await;
    let demo = demo();
    // One record already holds the id of the demo's 60th person: adding the
    // demo must fail there, after thousands of writes were already issued.
    let squatter = Person { meta: demo.people[59].meta.clone(), name: "Squatter".into(), team_id: "x".into(), pass_number: 1 };
    {
        let raw = Database::open(&db.name()).await.unwrap();
        let tx = raw.transaction(schema::PEOPLE).with_mode(TransactionMode::Readwrite).build().unwrap();
        tx.object_store(schema::PEOPLE).unwrap().put(&squatter).serde().unwrap().await.unwrap();
        tx.commit().await.unwrap();
        raw.close();
    }
    let changes = Rc::new(RefCell::new(0));
    let seen = changes.clone();
    db.on_change(move |_| *seen.borrow_mut() += 1);

    // What went wrong, not the abort that followed from it.
    let error = store::demo::load(&db, &demo, &device()).await.unwrap_err();
    assert!(matches!(&error, StoreError::Failed(why) if why.starts_with("ConstraintError: ")), "{error:?}");
    assert_eq!(count(&db.name(), schema::PEOPLE).await, 1, "only the squatter");
    assert_eq!(count(&db.name(), schema::CHECKINS).await, 0);
    assert_eq!(count(&db.name(), schema::BOOKS).await, 0);
    assert_eq!(store::settings::both(&db).await.unwrap(), (None, None));
    assert_eq!(*changes.borrow(), 0, "nobody is told of a change that did not happen");
}

/// Loads the demo office with IndexedDB's `add` doing `what` (JavaScript;
/// `this` is the object store) at its 2,000th call, mid-write: what the
/// load returned.
async fn demo_load_with_2000th_add(db: &Db, what: &str) -> StoreResult<DeviceSettings> {
    js_sys::eval(&format!(
        "window.__add = IDBObjectStore.prototype.add; let added = 0;
         IDBObjectStore.prototype.add = function (...args) {{
           if (++added === 2000) {{ {what} }}
           return window.__add.apply(this, args);
         }};"
    ))
    .unwrap();
    let loaded = store::demo::load(db, &demo(), &device()).await;
    js_sys::eval("IDBObjectStore.prototype.add = window.__add;").unwrap();
    loaded
}

#[wasm_bindgen_test]
async fn a_write_aborted_midway_says_why_in_words_and_stores_nothing() {
    let db = fresh("aborted").await;
    // As a browser that gives up on a long write does.
    let error = demo_load_with_2000th_add(&db, "this.transaction.abort();").await.unwrap_err();
    // Words the person can be shown, not a JavaScript value and its stack.
    assert_eq!(error, StoreError::Failed("TransactionInactiveError: Failed to execute 'add' on 'IDBObjectStore': The transaction has finished.".into()));
    assert_eq!(count(&db.name(), schema::PEOPLE).await, 0);
    assert_eq!(count(&db.name(), schema::CHECKINS).await, 0);
}

#[wasm_bindgen_test]
async fn a_request_refused_for_a_full_storage_says_the_storage_is_full() {
    let db = fresh("refused-full").await;
    // Refused itself, before any abort of the transaction, as some browsers
    // refuse a write to a full storage.
    let refuse = "throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');";
    assert_eq!(demo_load_with_2000th_add(&db, refuse).await.unwrap_err(), StoreError::Full);
    assert_eq!(count(&db.name(), schema::PEOPLE).await, 0);
    assert_eq!(count(&db.name(), schema::CHECKINS).await, 0);
}

#[wasm_bindgen_test]
async fn joining_sets_the_office_up_once() {
    let db = fresh("join").await;
    let ana = ValidPerson { name: "Ana".into(), team_id: "design".into() };
    let (person, device, office) = store::people::join(&db, &author(10), ana, &device(), "Europe/Paris", "ab".repeat(32)).await.unwrap();
    assert_eq!(device.person_id.as_deref(), Some(person.meta.id.as_str()));
    assert_eq!(office.time_zone, "Europe/Paris");
    let bo = ValidPerson { name: "Bo".into(), team_id: "sales".into() };
    let (_, _, same_office) = store::people::join(&db, &author(20), bo, &device, "America/New_York", "cd".repeat(32)).await.unwrap();
    assert_eq!(same_office, office, "the office exists already");
    assert_eq!(count(&db.name(), schema::PEOPLE).await, 2);
    assert_eq!(count(&db.name(), schema::MEAL_SETS).await, 7, "the default menu, once");
}

#[wasm_bindgen_test]
async fn writes_report_the_stores_they_touched() {
    let db = fresh("hooks").await;
    let touched: Rc<RefCell<Vec<String>>> = Rc::default();
    let log = touched.clone();
    db.on_change(move |stores| log.borrow_mut().extend(stores.iter().map(|s| s.to_string())));
    check(&db, &author(1), "p1", day("2026-11-25"), CheckKind::In, CheckMethod::Tap).await.unwrap();
    check(&db, &author(2), "p1", day("2026-11-25"), CheckKind::In, CheckMethod::Tap).await.unwrap();
    assert_eq!(*touched.borrow(), vec![schema::CHECKINS.to_string()], "the repeated tap wrote nothing");
}

#[wasm_bindgen_test]
async fn a_newer_version_in_another_tab_closes_this_connection() {
    let name = unique_name("upgrade");
    let old = Db::open_at(&name, 1).await.unwrap();
    let told = Rc::new(RefCell::new(false));
    let flag = told.clone();
    old.on_version_change(move || *flag.borrow_mut() = true);
    // Opening the newer version would block forever if `old` stayed open.
    let new = Db::open(&name).await.expect("not blocked by the old connection");
    assert!(*told.borrow());
    new.close();
}

#[wasm_bindgen_test]
async fn no_shows_are_marked_in_one_go_and_a_changed_one_is_reported() {
    use oasis::domain::doc::Record;
    use oasis::domain::meals::default_menu;
    use oasis::domain::reservations::{reservations, Limits, OfficeNow, ReservationEvent, ReservationKind, Status};
    use oasis::store::meals::{change, mark_no_shows, reservations_between, ReservationChange};
    let db = fresh("no-shows").await;
    let yesterday = day("2026-11-24");
    let mut n = 0;
    let menu = default_menu(|| {
        n += 1;
        Meta::new(format!("m{n}"), 0, "dev")
    });
    // Three sets reserved yesterday and never collected.
    let reserved: Vec<ReservationEvent> = ["p1", "p2", "p3"]
        .iter()
        .enumerate()
        .map(|(i, person)| ReservationEvent {
            meta: Meta::new(format!("r{i}"), 1_000 + i as i64, "dev"),
            reservation_id: format!("r{i}"),
            person_id: (*person).into(),
            meal_set_id: "m1".into(),
            day: yesterday,
            at: 1_000 + i as i64,
            kind: ReservationKind::Reserve { price_cents: 350, stock: None, per_day: None },
        })
        .collect();
    let records: Vec<Record> =
        menu.iter().cloned().map(Record::MealSet).chain(reserved.iter().cloned().map(Record::Reservation)).collect();
    store::backup::import(&db, &records).await.unwrap();
    let now = OfficeNow { day: day("2026-11-25"), minute: 9 * 60 + 30 };
    // One is collected on another device first (a late pick-up).
    change(&db, &author(5_000), now, yesterday, "r0", ReservationChange::PickUp).await.unwrap();
    let ids: Vec<_> = reserved.iter().map(|r| (r.day, r.reservation_id.clone())).collect();
    let (marked, refused) = mark_no_shows(&db, &author(6_000), now, &ids).await.unwrap();
    assert_eq!((marked, refused.len()), (2, 1));
    assert_eq!(refused[0].0, "r0");
    let limits = Limits::new(&menu, &Default::default());
    let after = reservations(&reservations_between(&db, yesterday, yesterday).await.unwrap(), &limits);
    let status = |id: &str| after.iter().find(|r| r.id == id).unwrap().status;
    assert_eq!((status("r0"), status("r1"), status("r2")), (Status::PickedUp, Status::NoShow, Status::NoShow));
}
