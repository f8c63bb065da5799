//! The inbox store in headless Chromium: a reminder is made once per key,
//! scheduled ones follow the data, a notification is due until marked
//! shown, then never again.
#![cfg(target_arch = "wasm32")]

mod support;

use oasis::domain::date::{Date, MS_PER_MINUTE};
use oasis::domain::record::Meta;
use oasis::domain::reminders::{entry_id, InboxEntry, Reminder};
use oasis::store::inbox::{entries, mark_notified, sync, update};
use oasis::store::Db;
use support::{author, fresh};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const NOW: i64 = support::T0;


fn entry(key_day: &str, fire_at: i64, notify: bool) -> InboxEntry {
    let reminder = Reminder::MealCutoff { day: Date::parse_iso(key_day).unwrap(), cutoff_minute: 630 };
    let key = reminder.key();
    InboxEntry {
        meta: Meta::new(entry_id("ann", &key), NOW, "dev-test"),
        person_id: "ann".into(),
        url: reminder.url(),
        key,
        reminder,
        fire_at,
        notify,
        title: "Lunch orders close at 10:30".into(),
        body: "You have no meal reserved for today.".into(),
        notified_at: None,
        read_at: None,
        dismissed_at: None,
    }
}

/// One delivery run: the inbox brought in line at `at`, and the ids of the
/// entries that want a notification then (as the app shows them).
async fn run(db: &Db, at: i64, wanted: Vec<InboxEntry>) -> Vec<String> {
    let entries = sync(db, &author(at), "ann", wanted).await.unwrap();
    entries.into_iter().filter(|e| e.wants_notification(at)).map(|e| e.meta.id).collect()
}

#[wasm_bindgen_test]
async fn a_reminder_is_made_and_shown_once() {
    let db = fresh("inbox").await;
    let due = entry("2026-11-25", NOW - 5 * MS_PER_MINUTE, true);
    let shown = run(&db, NOW, vec![due.clone()]).await;
    assert_eq!(shown.len(), 1, "new and due: to show");
    mark_notified(&db, &author(NOW), &shown).await.unwrap();
    // Every later run (reloads, timers, other tabs) finds it made and shown.
    for later in [NOW + 1, NOW + 60_000, NOW + 3_600_000] {
        assert!(run(&db, later, vec![due.clone()]).await.is_empty());
    }
    let stored = entries(&db, "ann").await.unwrap();
    assert_eq!(stored.len(), 1);
    assert_eq!(stored[0].notified_at, Some(NOW));
}

#[wasm_bindgen_test]
async fn a_page_closed_before_showing_leaves_the_notification_due() {
    let db = fresh("inbox").await;
    let due = entry("2026-11-25", NOW - 1, true);
    assert_eq!(run(&db, NOW, vec![due.clone()]).await.len(), 1);
    // The page went away before showing it: the next run shows it.
    let again = run(&db, NOW + 50, vec![due.clone()]).await;
    assert_eq!(again.len(), 1);
    assert!(mark_notified(&db, &author(NOW + 50), &again).await.unwrap());
    // A second mark (another tab showed it too) keeps the first moment.
    assert!(!mark_notified(&db, &author(NOW + 90), &again).await.unwrap(), "nothing to write");
    assert_eq!(entries(&db, "ann").await.unwrap()[0].notified_at, Some(NOW + 50));
    assert_eq!(entries(&db, "ann").await.unwrap().len(), 1, "still one entry");
}

#[wasm_bindgen_test]
async fn a_run_that_shows_nothing_marks_nothing_shown() {
    let db = fresh("inbox").await;
    let due = entry("2026-11-25", NOW - 1, true);
    // No permission yet: the run makes the entry and shows nothing.
    sync(&db, &author(NOW), "ann", vec![due.clone()]).await.unwrap();
    assert_eq!(entries(&db, "ann").await.unwrap()[0].notified_at, None);
    // Allowed later: shown then (the service worker does the same).
    assert_eq!(run(&db, NOW + 10, vec![due]).await.len(), 1);
}

#[wasm_bindgen_test]
async fn scheduled_reminders_follow_the_data() {
    let db = fresh("inbox").await;
    let soon = entry("2026-11-26", NOW + 3_600_000, true);
    assert!(run(&db, NOW, vec![soon.clone()]).await.is_empty(), "not due yet");
    // The reason changes: rescheduled; then gone: withdrawn, never shown.
    let later = InboxEntry { fire_at: NOW + 7_200_000, ..soon.clone() };
    let synced = sync(&db, &author(NOW + 1), "ann", vec![later]).await.unwrap();
    assert_eq!(synced[0].fire_at, NOW + 7_200_000, "returned as stored");
    assert_eq!(entries(&db, "ann").await.unwrap()[0].fire_at, NOW + 7_200_000);
    sync(&db, &author(NOW + 2), "ann", vec![]).await.unwrap();
    let stored = entries(&db, "ann").await.unwrap();
    assert!(!stored[0].meta.is_live(), "withdrawn as a tombstone");
    assert!(run(&db, NOW + 7_300_000, vec![]).await.is_empty());
}

#[wasm_bindgen_test]
async fn a_withdrawn_reminder_comes_back_with_its_reason() {
    let db = fresh("inbox").await;
    let soon = entry("2026-11-26", NOW + 3_600_000, true);
    sync(&db, &author(NOW), "ann", vec![soon.clone()]).await.unwrap();
    // A meal reserved: the cutoff reminder is withdrawn; the reservation
    // cancelled: it is wanted again, at a new time.
    sync(&db, &author(NOW + 1), "ann", vec![]).await.unwrap();
    let again = InboxEntry { fire_at: NOW + 5_400_000, ..soon.clone() };
    let synced = sync(&db, &author(NOW + 2), "ann", vec![again]).await.unwrap();
    assert!(synced[0].meta.is_live(), "returned live");
    let stored = entries(&db, "ann").await.unwrap();
    assert_eq!(stored.len(), 1, "the same entry, not a second one");
    assert!(stored[0].meta.is_live());
    assert_eq!(stored[0].fire_at, NOW + 5_400_000);
    assert!(run(&db, NOW + 5_000_000, vec![stored[0].clone()]).await.is_empty(), "not due yet");
    assert_eq!(run(&db, NOW + 5_400_000, vec![stored[0].clone()]).await.len(), 1, "shown when due");
}

#[wasm_bindgen_test]
async fn a_withdrawn_nudge_that_showed_comes_back_without_a_second_notification() {
    let db = fresh("inbox").await;
    let due = entry("2026-11-25", NOW - 1, true);
    let shown = run(&db, NOW, vec![due.clone()]).await;
    mark_notified(&db, &author(NOW), &shown).await.unwrap();
    sync(&db, &author(NOW + 1), "ann", vec![]).await.unwrap();
    assert!(run(&db, NOW + 2, vec![due]).await.is_empty(), "shown once already");
    let stored = entries(&db, "ann").await.unwrap();
    assert!(stored[0].is_visible(NOW + 2), "in the inbox again");
}

#[wasm_bindgen_test]
async fn a_nudge_that_showed_leaves_once_its_reason_is_gone_news_stays() {
    let db = fresh("inbox").await;
    let overdue = Reminder::BookOverdue {
        book_id: "b".into(),
        loan_id: "l".into(),
        title: "Dune".into(),
        due: Date::parse_iso("2026-11-23").unwrap(),
        on: Date::parse_iso("2026-11-25").unwrap(),
    };
    let lost = Reminder::BorrowLost { book_id: "b2".into(), loan_id: "l2".into(), title: "Emma".into() };
    let [nudge, news] = [overdue, lost].map(|reminder| InboxEntry {
        meta: Meta::new(entry_id("ann", &reminder.key()), NOW, "dev-test"),
        key: reminder.key(),
        url: reminder.url(),
        reminder,
        ..entry("2026-11-25", NOW - 1, false)
    });
    sync(&db, &author(NOW), "ann", vec![nudge.clone(), news.clone()]).await.unwrap();
    assert_eq!(entries(&db, "ann").await.unwrap().iter().filter(|e| e.is_visible(NOW)).count(), 2);
    // The book was renewed, and the lost borrow is no longer news to make.
    sync(&db, &author(NOW + 5), "ann", vec![]).await.unwrap();
    let stored = entries(&db, "ann").await.unwrap();
    let visible: Vec<&str> = stored.iter().filter(|e| e.is_visible(NOW + 5)).map(|e| e.key.as_str()).collect();
    assert_eq!(visible, [news.key.as_str()]);
    assert!(stored.iter().any(|e| e.key == nudge.key && !e.meta.is_live()), "withdrawn as a tombstone");
}

#[wasm_bindgen_test]
async fn read_and_dismissed() {
    let db = fresh("inbox").await;
    let due = entry("2026-11-25", NOW - 1, false);
    sync(&db, &author(NOW), "ann", vec![due]).await.unwrap();
    let list = entries(&db, "ann").await.unwrap();
    assert!(list[0].is_visible(NOW) && list[0].read_at.is_none(), "unread");
    let ids = [list[0].meta.id.clone()];
    assert!(update(&db, &author(NOW + 5), &ids, false).await.unwrap());
    assert!(!update(&db, &author(NOW + 6), &ids, false).await.unwrap(), "read already: nothing written");
    let read = entries(&db, "ann").await.unwrap();
    assert_eq!(read[0].read_at, Some(NOW + 5));
    assert!(read[0].is_visible(NOW + 5));
    assert!(update(&db, &author(NOW + 9), &ids, true).await.unwrap());
    assert!(!entries(&db, "ann").await.unwrap()[0].is_visible(NOW + 9));
}

#[wasm_bindgen_test]
async fn marking_several_read_marks_each_and_passes_over_ones_gone() {
    let db = fresh("inbox").await;
    let days = ["2026-11-23", "2026-11-24", "2026-11-25"];
    sync(&db, &author(NOW), "ann", days.iter().map(|d| entry(d, NOW - 1, false)).collect()).await.unwrap();
    let mut ids: Vec<String> = entries(&db, "ann").await.unwrap().into_iter().map(|e| e.meta.id).collect();
    assert_eq!(ids.len(), 3);
    // Listed on a screen, then gone (another tab's run, a new version).
    ids.insert(1, "inbox:ann:gone".into());
    assert!(update(&db, &author(NOW + 5), &ids, false).await.unwrap());
    let read = entries(&db, "ann").await.unwrap();
    assert_eq!(read.len(), 3, "nothing made for the id that is gone");
    assert!(read.iter().all(|e| e.read_at == Some(NOW + 5)), "every one read: {read:?}");
}

#[wasm_bindgen_test]
async fn marking_read_keeps_what_was_written_since() {
    let db = fresh("inbox").await;
    let due = entry("2026-11-25", NOW - 1, true);
    let shown = run(&db, NOW, vec![due]).await;
    // The inbox screen listed it before the notification was marked.
    let listed: Vec<String> = entries(&db, "ann").await.unwrap().into_iter().map(|e| e.meta.id).collect();
    mark_notified(&db, &author(NOW + 1), &shown).await.unwrap();
    update(&db, &author(NOW + 5), &listed, true).await.unwrap();
    let stored = &entries(&db, "ann").await.unwrap()[0];
    assert_eq!(stored.notified_at, Some(NOW + 1), "not undone by marking it read");
    assert_eq!((stored.read_at, stored.dismissed_at), (Some(NOW + 5), Some(NOW + 5)));
    assert!(run(&db, NOW + 9, vec![entry("2026-11-25", NOW - 1, true)]).await.is_empty());
}

#[wasm_bindgen_test]
async fn an_answer_to_an_event_is_taken_until_it_starts_and_not_after() {
    use oasis::domain::announcements::{Announcement, AnnouncementKind, AnswerRefusal, EventDetails};
    use oasis::store::inbox::{answer, rsvps, save_announcement, AnswerError};
    let db = fresh("answers").await;
    let starts_at = NOW + 60 * MS_PER_MINUTE;
    let event = Announcement {
        meta: Meta::new("party".into(), NOW, "dev-test"),
        kind: AnnouncementKind::TeamEvent,
        title: "Game night".into(),
        body: String::new(),
        publish_at: NOW,
        expires_at: None,
        event: Some(EventDetails { starts_at, place: "Rooftop".into() }),
    };
    save_announcement(&db, &author(NOW), &event, true).await.unwrap();
    let notice = Announcement { meta: Meta::new("notice".into(), NOW, "dev-test"), event: None, ..event.clone() };
    save_announcement(&db, &author(NOW), &notice, true).await.unwrap();

    answer(&db, &author(starts_at - 1), "party", "ann", true).await.unwrap();
    let refused = [
        (answer(&db, &author(starts_at), "party", "bob", true).await, AnswerRefusal::Closed),
        (answer(&db, &author(NOW), "notice", "bob", true).await, AnswerRefusal::NotAnEvent),
        (answer(&db, &author(NOW), "nowhere", "bob", true).await, AnswerRefusal::NotAnEvent),
    ];
    for (result, why) in refused {
        assert_eq!(result, Err(AnswerError::Refused(why)));
    }
    let stored = rsvps(&db, "party").await.unwrap();
    assert_eq!(stored.iter().map(|r| r.person_id.as_str()).collect::<Vec<_>>(), ["ann"], "nothing refused is stored");
    assert!(rsvps(&db, "notice").await.unwrap().is_empty());
}
