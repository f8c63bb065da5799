//! Office sync in headless Chromium against the test run's office server
//! (pouchdb-server, started by `./oasis test`, its address built in as
//! OASIS_OFFICE_URL): retries that change nothing, a pull resumed from its
//! checkpoint after a tab closed mid-batch, conflicts settled the same on
//! every device, refusals noted while the rest goes through, an expired
//! session that keeps the outbox.
#![cfg(target_arch = "wasm32")]

mod support;

use gloo_net::http::{Method, RequestBuilder};
use oasis::domain::attendance::{CheckKind, CheckMethod};
use oasis::domain::books::Book;
use oasis::domain::date::Date;
use oasis::domain::doc::{outgoing, Record, Rev};
use oasis::domain::invite::OfficeLink;
use oasis::domain::record::Meta;
use oasis::domain::replication::{Account, NoteKind, RefusalReason};
use oasis::store::{attendance, books, replica, Db};
use oasis::sync::couch::{Couch, HttpError};
use oasis::sync::replicator::{Replicator, SyncError};
use support::{author, fresh, unique_name};
use wasm_bindgen_test::*;
use web_sys::RequestCredentials;

wasm_bindgen_test_configure!(run_in_browser);

const T0: i64 = 1_764_059_400_000;
const ADMIN: (&str, &str) = ("admin", "admin-test");

// Not `env!`: the other test files build without an office server.
#[allow(clippy::option_env_unwrap)]
fn server() -> &'static str {
    option_env!("OASIS_OFFICE_URL").expect("run through ./oasis test, which starts the office server")
}

/// A request with this browser's session cookie.
async fn call(method: Method, path: &str, body: Option<String>) -> (u16, String) {
    let builder = RequestBuilder::new(&format!("{}{path}", server()))
        .method(method)
        .credentials(RequestCredentials::Include)
        .header("Accept", "application/json");
    let request = match body {
        Some(body) => builder.header("Content-Type", "application/json").body(body).unwrap(),
        None => builder.build().unwrap(),
    };
    let response = request.send().await.expect("the office server answers");
    (response.status(), response.text().await.unwrap())
}

/// A database of its own with the office's validation, this browser
/// signed in as the server admin.
async fn office(label: &str) -> OfficeLink {
    let link = OfficeLink { server: server().into(), db: unique_name(label).to_lowercase(), user: ADMIN.0.into() };
    Couch::new(&link).sign_in(ADMIN.0, ADMIN.1).await.expect("the admin signs in");
    let (status, _) = call(Method::PUT, &format!("/{}", link.db), None).await;
    assert_eq!(status, 201, "database created");
    let validate = include_str!("../tools/office/validate_doc_update.js");
    let source: String = validate.lines().filter(|l| !l.starts_with("//")).collect::<Vec<_>>().join("\n");
    let design = serde_json::json!({ "validate_doc_update": source }).to_string();
    let (status, _) = call(Method::PUT, &format!("/{}/_design/oasis", link.db), Some(design)).await;
    assert_eq!(status, 201, "validation installed");
    link
}

fn admin() -> Account {
    Account { name: ADMIN.0.into(), roles: vec!["_admin".into()] }
}

fn replicator(db: &Db, link: &OfficeLink, device: &str) -> Replicator {
    Replicator::new(db.clone(), Couch::new(link), admin(), device)
}

async fn doc(link: &OfficeLink, path: &str) -> serde_json::Value {
    let (status, body) = call(Method::GET, &format!("/{}/{path}", link.db), None).await;
    assert_eq!(status, 200, "{path}: {body}");
    serde_json::from_str(&body).unwrap()
}

/// Record documents on the server (the design document left out).
async fn records_on_server(link: &OfficeLink) -> u64 {
    let info = doc(link, "").await;
    info["doc_count"].as_u64().unwrap() - 1
}

async fn check_in(db: &Db, person: &str, minutes_later: i64) -> String {
    let at = author(T0 + minutes_later * 60_000);
    let day = Date::of_instant(at.now, 60);
    attendance::check(db, &at, person, day, CheckKind::In, CheckMethod::Tap).await.unwrap().event.meta.id
}

async fn push_all(replicator: &Replicator) -> usize {
    replicator.push(T0, || {}).await.expect("pushed")
}

async fn pull_all(replicator: &Replicator) -> usize {
    let mut since = replicator.start_point().await.expect("a start point");
    let mut taken = 0;
    loop {
        let page = replicator.pull(&since, None, None, T0).await.expect("pulled");
        taken += page.taken;
        since = page.since;
        if page.caught_up {
            return taken;
        }
    }
}

#[wasm_bindgen_test]
async fn a_push_sent_again_stores_nothing_twice() {
    let link = office("push").await;
    let db = fresh("push").await;
    let ids = [check_in(&db, "p1", 0).await, check_in(&db, "p2", 1).await, check_in(&db, "p3", 2).await];
    // A first push reached the server, but its answer was lost on the way
    // back (the network dropped): the device still has its outbox.
    let outbox = replica::outbox(&db, 100).await.unwrap();
    let docs: Vec<String> = outbox.pending.iter().map(|p| outgoing(&p.record, p.parent.as_ref()).json).collect();
    Couch::new(&link).bulk_docs(&docs.iter().map(String::as_str).collect::<Vec<_>>()).await.unwrap();
    assert_eq!(records_on_server(&link).await, 3);
    assert_eq!(replica::pending_count(&db).await.unwrap(), 3);

    // The retry: the same revisions, which the server has; nothing is sent twice.
    let phone = replicator(&db, &link, "phone");
    assert_eq!(push_all(&phone).await, 0, "the server has every revision: nothing is sent");
    assert_eq!(replica::pending_count(&db).await.unwrap(), 0, "the outbox is empty once the server has them");
    assert_eq!(records_on_server(&link).await, 3);
    let doc_ids: Vec<String> = ids.iter().map(|id| format!("checkins:{id}")).collect();

    // A server that lost them (reset): sent again, as new revisions on top;
    // only those the account may send (here p1's).
    replica::requeue(&db, &doc_ids, &|record| record.person_id() == Some("p1")).await.unwrap();
    assert_eq!(push_all(&phone).await, 1);
    for (i, id) in doc_ids.iter().enumerate() {
        let stored = doc(&link, &format!("{id}?conflicts=true")).await;
        assert!(stored.get("_conflicts").is_none(), "{id} has one version");
        let pos = if i == 0 { "2-" } else { "1-" };
        assert!(stored["_rev"].as_str().unwrap().starts_with(pos), "{stored}");
    }
    db.close();
}

#[wasm_bindgen_test]
async fn a_pull_interrupted_mid_batch_resumes_from_its_checkpoint() {
    let link = office("resume").await;
    let writer = fresh("resume-writer").await;
    for i in 0..25 {
        check_in(&writer, &format!("p{i}"), i).await;
    }
    push_all(&replicator(&writer, &link, "writer")).await;

    let name = unique_name("resume-reader");
    let db = Db::open(&name).await.unwrap();
    let reader = replicator(&db, &link, "reader").with_batches(10, 500);
    let since = reader.start_point().await.unwrap();
    let first = reader.pull(&since, None, None, T0).await.unwrap();
    // Ten changes: the design document (not a record) and nine check-ins.
    assert_eq!((first.taken, first.caught_up), (9, false));
    // The tab closes while the next batch is being stored: its transaction
    // never commits.
    db.close();
    let failed = reader.pull(&first.since, None, None, T0).await;
    assert!(matches!(failed, Err(SyncError::Store(_))), "{failed:?}");

    // Reopened: it goes on from the first batch's checkpoint.
    let db = Db::open(&name).await.unwrap();
    let reader = replicator(&db, &link, "reader").with_batches(10, 500);
    assert_eq!(reader.start_point().await.unwrap(), first.since, "resumes where it stopped");
    assert_eq!(pull_all(&reader).await, 16, "the rest, and only the rest");
    let today = Date::of_instant(T0, 60);
    let events = attendance::events_between(&db, today, today.add_days(1)).await.unwrap();
    assert_eq!(events.len(), 25, "every check-in once");
    db.close();
    writer.close();
}

fn book(title: &str, updated_at: i64, device: &str) -> Book {
    Book {
        meta: Meta { updated_at, ..Meta::new("b-dune".into(), T0, device) },
        title: title.into(),
        authors: vec!["Frank Herbert".into()],
        isbn: None,
        tags: vec![],
        recommended_by: None,
        copies: 1,
        shelf: String::new(),
        notes: String::new(),
        copies_changes: Vec::new(),
        photo: None,
    }
}

#[wasm_bindgen_test]
async fn conflicting_edits_settle_on_the_later_one_on_every_device() {
    let link = office("conflict").await;
    // One book, then two edits made offline on two devices on top of it,
    // both reaching the server: a conflict CouchDB keeps.
    let first = outgoing(&Record::Book(book("Dune", T0, "admin-laptop")), None);
    let earlier = outgoing(&Record::Book(book("Dune (laptop edit)", T0 + 1_000, "admin-laptop")), Some(&first.rev));
    let later = outgoing(&Record::Book(book("Dune (tablet edit)", T0 + 2_000, "admin-tablet")), Some(&first.rev));
    for docs in [vec![first.json.clone()], vec![earlier.json.clone(), later.json.clone()]] {
        let body = format!(r#"{{"new_edits":false,"docs":[{}]}}"#, docs.join(","));
        let (status, answer) = call(Method::POST, &format!("/{}/_bulk_docs", link.db), Some(body)).await;
        assert_eq!((status, answer.trim()), (201, "[]"));
    }
    let before = doc(&link, "books:b-dune?conflicts=true").await;
    assert_eq!(before["_conflicts"].as_array().map(Vec::len), Some(1), "two live versions");

    // Devices pull: each keeps the later edit, whichever CouchDB shows; the
    // laptop (first: it sees the conflict) is told its sent edit lost.
    for device in ["admin-laptop", "phone-a", "phone-b"] {
        let db = fresh(device).await;
        pull_all(&replicator(&db, &link, device)).await;
        let kept = books::library(&db).await.unwrap().books;
        assert_eq!(kept.len(), 1);
        assert_eq!(kept[0].title, "Dune (tablet edit)", "{device}");
        let notes: Vec<_> = replica::info(&db).await.unwrap().notes.into_iter().map(|n| (n.kind, n.detail)).collect();
        let told = if device == "admin-laptop" { vec![(NoteKind::Overwritten, "Dune (laptop edit)".to_owned())] } else { vec![] };
        assert_eq!(notes, told, "{device}");
        db.close();
    }
    // An admin's device ended the losing branch; CouchDB keeps it in the history.
    let after = doc(&link, "books:b-dune?conflicts=true").await;
    assert!(after.get("_conflicts").is_none(), "resolved: {after}");
    assert_eq!(after["record"]["title"], "Dune (tablet edit)");
    let loser = doc(&link, &format!("books:b-dune?rev={}", earlier.rev)).await;
    assert_eq!(loser["record"]["title"], "Dune (laptop edit)", "the losing version is not destroyed");
}

#[wasm_bindgen_test]
async fn a_version_the_app_cannot_use_never_wins_a_conflict() {
    let link = office("unusable").await;
    // Two books, each edited twice on top of its first version: once as
    // the app would, once with no title, which its rules refuse (a script
    // with the server admin's rights). CouchDB shows Dune's broken edit as
    // the document (its branch is longer), Emma's good one.
    let titled = |id: &str, title: &str, at: i64, device: &str| {
        let mut edit = book(title, at, device);
        edit.meta.id = id.into();
        Record::Book(edit)
    };
    let mut good_revs = Vec::new();
    for (id, broken_edits) in [("b-dune", 2), ("b-emma", 1)] {
        let first = outgoing(&titled(id, "First", T0, "admin-laptop"), None);
        let good = outgoing(&titled(id, "Good", T0 + 1_000, "admin-tablet"), Some(&first.rev));
        let mut docs = vec![vec![first.json.clone()], vec![good.json.clone()]];
        let mut parent = first.rev;
        for i in 0..broken_edits {
            // Later than the good edit: it would win, were it usable.
            let broken = outgoing(&titled(id, "", T0 + 5_000 + i, "script"), Some(&parent));
            docs.push(vec![broken.json]);
            parent = broken.rev;
        }
        for docs in docs {
            let body = format!(r#"{{"new_edits":false,"docs":[{}]}}"#, docs.join(","));
            let (status, answer) = call(Method::POST, &format!("/{}/_bulk_docs", link.db), Some(body)).await;
            assert_eq!((status, answer.trim()), (201, "[]"));
        }
        let before = doc(&link, &format!("books:{id}?conflicts=true")).await;
        assert_eq!(before["_conflicts"].as_array().map(Vec::len), Some(1), "{id}: two live versions");
        good_revs.push(good.rev.to_string());
    }
    assert_eq!(doc(&link, "books:b-dune").await["record"]["title"], "", "the server shows Dune's broken edit");
    assert_eq!(doc(&link, "books:b-emma").await["record"]["title"], "Good", "and Emma's good one");

    // Every device keeps the good edits, and says what it skipped.
    for device in ["phone-a", "phone-b"] {
        let db = fresh(device).await;
        pull_all(&replicator(&db, &link, device)).await;
        let kept: Vec<(String, String)> =
            books::library(&db).await.unwrap().books.into_iter().map(|b| (b.meta.id, b.title)).collect();
        assert_eq!(kept, [("b-dune".into(), "Good".into()), ("b-emma".into(), "Good".into())], "{device}");
        if device == "phone-a" {
            let skipped: Vec<String> = replica::info(&db).await.unwrap().notes.into_iter().map(|n| n.doc_id).collect();
            assert_eq!(skipped, ["books:b-dune", "books:b-emma"], "each broken edit is noted");
        }
        db.close();
    }
    // The admin's devices ended the broken branches: one version each is left.
    for (id, good) in ["b-dune", "b-emma"].iter().zip(&good_revs) {
        let after = doc(&link, &format!("books:{id}?conflicts=true")).await;
        assert!(after.get("_conflicts").is_none(), "{id} resolved: {after}");
        assert_eq!(&after["_rev"], good);
    }
}

/// Dune's first version on the server, pulled by `phone`'s device and
/// edited there ("Dune (mine)"), not sent yet; its revision.
async fn edited_offline(link: &OfficeLink, db: &Db, phone: &Replicator) -> Rev {
    let first = outgoing(&Record::Book(book("Dune", T0, "laptop")), None);
    let body = format!(r#"{{"new_edits":false,"docs":[{}]}}"#, first.json);
    call(Method::POST, &format!("/{}/_bulk_docs", link.db), Some(body)).await;
    pull_all(phone).await;
    let mut mine = books::library(db).await.unwrap().books.remove(0);
    mine.title = "Dune (mine)".into();
    books::save_book(db, &author(T0 + 1_000), &mine).await.unwrap();
    first.rev
}

#[wasm_bindgen_test]
async fn an_unsent_edit_that_lost_is_noted_and_not_sent() {
    let link = office("lost-edit").await;
    let db = fresh("lost-edit").await;
    let phone = replicator(&db, &link, "tablet");
    // The book reaches the device, which edits it offline...
    let first = edited_offline(&link, &db, &phone).await;
    // ...while a later edit from another device reaches the server.
    let theirs = outgoing(&Record::Book(book("Dune (theirs)", T0 + 5_000, "laptop")), Some(&first));
    let body = format!(r#"{{"new_edits":false,"docs":[{}]}}"#, theirs.json);
    call(Method::POST, &format!("/{}/_bulk_docs", link.db), Some(body)).await;

    pull_all(&phone).await;
    assert_eq!(books::library(&db).await.unwrap().books[0].title, "Dune (theirs)");
    assert_eq!(replica::pending_count(&db).await.unwrap(), 0, "the losing edit is not sent");
    let notes = replica::info(&db).await.unwrap().notes;
    assert_eq!(notes.len(), 1);
    assert_eq!(notes[0].detail, "Dune (mine)", "and the person is told");
    assert_eq!(push_all(&phone).await, 0);
    db.close();
}

#[wasm_bindgen_test]
async fn an_unsent_edit_of_a_document_deleted_on_the_server_is_noted() {
    let link = office("deleted-under-edit").await;
    let db = fresh("deleted-under-edit").await;
    let phone = replicator(&db, &link, "tablet");
    let first = edited_offline(&link, &db, &phone).await;
    // Someone deletes the document on the server by hand (Fauxton, curl).
    let (status, _) = call(Method::DELETE, &format!("/{}/books:b-dune?rev={}", link.db, first), None).await;
    assert_eq!(status, 200);

    pull_all(&phone).await;
    assert!(books::library(&db).await.unwrap().books.is_empty(), "the office's deletion holds");
    let notes: Vec<_> = replica::info(&db).await.unwrap().notes.into_iter().map(|n| (n.kind, n.detail)).collect();
    assert_eq!(notes, [(NoteKind::Overwritten, "Dune (mine)".to_owned())], "the person is told their edit went");
    db.close();
}

#[wasm_bindgen_test]
async fn what_the_server_refuses_is_noted_and_the_rest_goes_through() {
    let link = office("refused").await;
    // An employee account: person p1.
    let user = format!("emp-{}", link.db);
    let account = serde_json::json!({
        "name": user, "password": "pw", "type": "user", "roles": ["employee", "person:p1"]
    });
    let (status, body) = call(Method::PUT, &format!("/_users/org.couchdb.user:{user}"), Some(account.to_string())).await;
    assert!(status == 201 || status == 200, "{status} {body}");
    let (status, _) = call(Method::PUT, &format!("/{}/_security", link.db), Some(r#"{"members":{"roles":["employee","admin"]}}"#.into())).await;
    assert_eq!(status, 200);
    let employee_link = OfficeLink { user: user.clone(), ..link.clone() };
    let signed_in = Couch::new(&employee_link).sign_in(&user, "pw").await.unwrap();

    let db = fresh("refused").await;
    check_in(&db, "p1", 0).await;
    check_in(&db, "p2", 1).await; // someone else's
    let book = books::add_book(&db, &author(T0), oasis::domain::books::BookForm { title: "Mine now".into(), copies: "1".into(), ..Default::default() }.validate().unwrap(), false).await.unwrap();
    let day = Date::of_instant(T0, 60);
    books::lend(&db, &author(T0 + 2 * 60_000), day, &|_| 60, &book.meta.id, "p2", books::LendingAction::Borrow).await.unwrap(); // someone else's
    let phone = Replicator::new(db.clone(), Couch::new(&employee_link), signed_in, "emp-phone");
    assert_eq!(push_all(&phone).await, 4);
    assert_eq!(replica::pending_count(&db).await.unwrap(), 0, "refusals leave the outbox too");
    let refused = replica::info(&db).await.unwrap().refused;
    assert_eq!(refused.len(), 3, "{refused:?}");
    // Kept with what the screen needs to say it in the person's language:
    // the check-in's day, the book's title, and reasons it knows.
    let day = Date::of_instant(T0 + 60_000, 60).to_string();
    assert!(refused.iter().any(|r| r.what == day && r.reason == "An employee writes only their own checkins."));
    assert!(refused.iter().any(|r| r.what == "Mine now" && r.reason == "Only an admin may write books."));
    // A borrow is named by its book's title, read from the device.
    assert!(refused.iter().any(|r| r.doc_id.starts_with("loans:") && r.what == "Mine now"), "{refused:?}");
    let known: Vec<_> = refused.iter().map(|r| RefusalReason::of(&r.reason)).collect();
    assert!(known.contains(&Some(RefusalReason::NotYours)) && known.contains(&Some(RefusalReason::AdminsOnly)), "{known:?}");

    // Signed out (the session expired): nothing is lost, it waits.
    Couch::new(&employee_link).sign_out().await.unwrap();
    check_in(&db, "p1", 60 * 24).await;
    let failed = phone.push(T0, || {}).await;
    assert_eq!(failed, Err(SyncError::Http(HttpError::Unauthorized)));
    assert_eq!(replica::pending_count(&db).await.unwrap(), 1, "kept for after signing in");
    Couch::new(&link).sign_in(ADMIN.0, ADMIN.1).await.unwrap();
    assert_eq!(records_on_server(&link).await, 1, "only p1's first check-in is on the server");
    db.close();
}

#[wasm_bindgen_test]
async fn revisions_chain_on_the_server_as_a_record_is_edited() {
    let link = office("chain").await;
    let db = fresh("chain").await;
    let phone = replicator(&db, &link, "laptop");
    let added = books::add_book(&db, &author(T0), oasis::domain::books::BookForm { title: "Dune".into(), copies: "1".into(), ..Default::default() }.validate().unwrap(), false).await.unwrap();
    push_all(&phone).await;
    let mut edited = added.clone();
    edited.copies = 2;
    books::save_book(&db, &author(T0 + 1_000), &edited).await.unwrap();
    push_all(&phone).await;
    let stored = doc(&link, &format!("books:{}?conflicts=true&revs=true", added.meta.id)).await;
    assert!(stored["_rev"].as_str().unwrap().starts_with("2-"), "an edit is the next revision: {stored}");
    assert!(stored.get("_conflicts").is_none());
    assert_eq!(stored["record"]["copies"], 2);
    assert_eq!(Rev::parse(stored["_rev"].as_str().unwrap()).unwrap().pos, 2);
    db.close();
}

#[wasm_bindgen_test]
async fn a_document_the_app_cannot_read_is_skipped_with_a_note_and_the_rest_arrives() {
    let link = office("broken-doc").await;
    let good = outgoing(&Record::Book(book("Dune", T0, "laptop")), None);
    let broken = r#"{"_id":"books:broken","_rev":"1-b0","_revisions":{"start":1,"ids":["b0"]},"record":{"meta":{"id":"broken"},"title":7}}"#;
    // Well formed, but with what no form of the app would save (another
    // client's): refused the same way.
    let mut long = book("Dune", T0, "laptop");
    long.meta.id = "flawed".into();
    long.title = "x".repeat(20_000);
    let flawed = outgoing(&Record::Book(long), None).json;
    let alien = r#"{"_id":"invoices:42","_rev":"1-c0","_revisions":{"start":1,"ids":["c0"]},"total":12}"#;
    let body = format!(r#"{{"new_edits":false,"docs":[{},{broken},{flawed},{alien}]}}"#, good.json);
    let (status, _) = call(Method::POST, &format!("/{}/_bulk_docs", link.db), Some(body)).await;
    assert_eq!(status, 201);

    let db = fresh("broken-doc").await;
    pull_all(&replicator(&db, &link, "phone")).await;
    assert_eq!(books::library(&db).await.unwrap().books.len(), 1, "the good one arrived");
    let notes = replica::info(&db).await.unwrap().notes;
    let skipped: Vec<&str> = notes.iter().map(|n| n.doc_id.as_str()).collect();
    assert_eq!(skipped, ["books:broken", "books:flawed", "invoices:42"], "{notes:?}");
    assert!(notes[0].detail.starts_with("invalid record"), "{}", notes[0].detail);
    assert_eq!(notes[1].detail, "invalid record (title: At most 300 characters.)");
    db.close();
}

#[wasm_bindgen_test]
async fn days_offline_then_thousands_of_changes_go_out_in_batches() {
    use oasis::domain::demo::{generate, DemoClock, DEMO_SEED};
    let link = office("backlog").await;
    let db = fresh("backlog").await;
    // The whole demo office written on this device (as an import would):
    // about 13,800 records waiting in the outbox.
    let offset = |_: Date| 60;
    let clock = DemoClock { today: Date::of_instant(T0, 60), minute_of_day: 570, utc_offset: &offset };
    let records = generate(DEMO_SEED, &clock).records();
    oasis::store::backup::import(&db, &records).await.unwrap();
    assert_eq!(replica::pending_count(&db).await.unwrap(), records.len());
    assert_eq!(push_all(&replicator(&db, &link, "backlog")).await, records.len());
    assert_eq!(replica::pending_count(&db).await.unwrap(), 0);
    assert_eq!(records_on_server(&link).await, records.len() as u64);
    db.close();
}
