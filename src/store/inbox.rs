//! The inbox: each person's reminders and announcements, their read,
//! dismissed and notified state; announcements and RSVPs. The inbox is
//! this device's own (derived from the office's data on the device): it
//! is not in the outbox, so office sync never sends it.

use super::db::{add_all, all, by_index, get_each, log_change, unchanged_since, Author, Db, StoreResult};
use super::schema::{ANNOUNCEMENTS, BY_ANNOUNCEMENT, BY_PERSON, CHANGES, INBOX, RSVPS};
use crate::domain::announcements::{may_answer, Announcement, AnswerRefusal, RsvpEvent};
use crate::domain::store_error::StoreError;
use crate::domain::reminders::InboxEntry;
use indexed_db_futures::prelude::*;
use std::collections::HashMap;

pub async fn entries(db: &Db, person_id: &str) -> StoreResult<Vec<InboxEntry>> {
    let tx = db.read(&[INBOX])?;
    by_index(&tx, INBOX, BY_PERSON, person_id).await
}

/// Brings a person's inbox in line with the reminders due now or soon:
/// adds the new ones (once per key, ever), reschedules or withdraws those
/// not fired yet, brings back withdrawn ones wanted again, and returns
/// the person's entries as now stored. Those that want a notification are
/// marked by [`mark_notified`] only once shown: a page closing in between
/// leaves them for the next run, and two tabs showing one at once show it
/// under one tag, which replaces, not stacks.
pub async fn sync(db: &Db, author: &Author, person_id: &str, wanted: Vec<InboxEntry>) -> StoreResult<Vec<InboxEntry>> {
    let now = author.now;
    let tx = db.write(&[INBOX])?;
    let mut entries: HashMap<String, InboxEntry> =
        by_index::<InboxEntry>(&tx, INBOX, BY_PERSON, person_id).await?.into_iter().map(|e| (e.meta.id.clone(), e)).collect();
    let mut fresh: Vec<InboxEntry> = Vec::new();
    let mut changed: Vec<InboxEntry> = Vec::new();
    for entry in &wanted {
        match entries.get(&entry.meta.id) {
            None => fresh.push(entry.clone()),
            // Not fired yet: it follows the data (a new time, new words).
            Some(old) if old.meta.is_live() && old.fire_at > now => {
                if (old.fire_at, old.notify, &old.title, &old.body) != (entry.fire_at, entry.notify, &entry.title, &entry.body) {
                    let mut updated = old.clone();
                    (updated.fire_at, updated.notify, updated.title, updated.body) =
                        (entry.fire_at, entry.notify, entry.title.clone(), entry.body.clone());
                    updated.reminder = entry.reminder.clone();
                    updated.meta.updated_at = now;
                    changed.push(updated);
                }
            }
            // Withdrawn once, and its reason is back (a reservation
            // cancelled again, an RSVP back to Going, an announcement moved
            // back in): it returns with the new time and words, read,
            // dismissed and shown as it was (a notification once shown is
            // not shown twice).
            Some(old) if !old.meta.is_live() => {
                let mut revived = old.clone();
                (revived.fire_at, revived.notify, revived.title, revived.body) =
                    (entry.fire_at, entry.notify, entry.title.clone(), entry.body.clone());
                revived.reminder = entry.reminder.clone();
                revived.meta.deleted_at = None;
                revived.meta.updated_at = now;
                changed.push(revived);
            }
            Some(_) => {}
        }
    }
    // Scheduled ones whose reason is gone (the book came back early), and
    // nudges that showed but whose reason is gone too (the overdue book
    // was renewed): the inbox and its badge no longer ask for them.
    for old in entries.values() {
        let withdrawable = old.fire_at > now || old.reminder.is_a_nudge();
        if old.meta.is_live() && withdrawable && !wanted.iter().any(|w| w.meta.id == old.meta.id) {
            let mut withdrawn = old.clone();
            withdrawn.meta.deleted_at = Some(now);
            withdrawn.meta.updated_at = now;
            changed.push(withdrawn);
        }
    }
    if !fresh.is_empty() || !changed.is_empty() {
        add_all(&tx, INBOX, &fresh).await?;
        let store = tx.object_store(INBOX)?;
        for entry in &changed {
            drop(store.put(entry).serde()?);
        }
        db.commit(tx, &[INBOX]).await?;
    }
    entries.extend(fresh.into_iter().chain(changed).map(|e| (e.meta.id.clone(), e)));
    Ok(entries.into_values().collect())
}

/// Records that these entries were shown as system notifications, so no
/// later run, tab or the service worker shows them again.
pub async fn mark_notified(db: &Db, author: &Author, ids: &[String]) -> StoreResult<bool> {
    let now = author.now;
    modify(db, author, ids, |entry| {
        let first = entry.notified_at.is_none();
        entry.notified_at = entry.notified_at.or(Some(now));
        first
    })
    .await
}

/// Marks entries read, or read and dismissed, now; says whether any was
/// not already.
pub async fn update(db: &Db, author: &Author, ids: &[String], dismiss: bool) -> StoreResult<bool> {
    let now = author.now;
    modify(db, author, ids, |entry| {
        let before = (entry.read_at, entry.dismissed_at);
        entry.read_at = entry.read_at.or(Some(now));
        if dismiss {
            entry.dismissed_at = entry.dismissed_at.or(Some(now));
        }
        before != (entry.read_at, entry.dismissed_at)
    })
    .await
}

/// Changes the stored versions of these entries, read inside the writing
/// transaction: a screen's copy may be minutes old, and writing it back
/// would undo what another run or tab wrote since (a notification marked
/// shown, a reminder rescheduled). `change` says whether it changed one;
/// nothing changed, nothing is written. Says whether anything was.
async fn modify(
    db: &Db,
    author: &Author,
    ids: &[String],
    change: impl Fn(&mut InboxEntry) -> bool,
) -> StoreResult<bool> {
    let tx = db.write(&[INBOX])?;
    let found: Vec<InboxEntry> = get_each(&tx, INBOX, ids.iter().map(String::as_str))?.await?;
    let store = tx.object_store(INBOX)?;
    let mut any = false;
    for mut stored in found {
        if change(&mut stored) {
            any = true;
            stored.meta.updated_at = author.now;
            drop(store.put(&stored).serde()?);
        }
    }
    if any {
        db.commit(tx, &[INBOX]).await?;
    }
    Ok(any)
}

pub async fn announcements(db: &Db) -> StoreResult<Vec<Announcement>> {
    let tx = db.read(&[ANNOUNCEMENTS])?;
    all(&tx, ANNOUNCEMENTS).await
}

/// One announcement, withdrawn ones included.
pub async fn announcement(db: &Db, id: &str) -> StoreResult<Option<Announcement>> {
    let tx = db.read(&[ANNOUNCEMENTS])?;
    Ok(tx.object_store(ANNOUNCEMENTS)?.get(id).serde()?.await?)
}

/// Publishes a new announcement, or saves an edited (or withdrawn) one
/// over the version its `meta` was read from, and no other
/// ([`StoreError::Changed`]).
pub async fn save_announcement(db: &Db, author: &Author, announcement: &Announcement, is_new: bool) -> StoreResult<()> {
    let tx = db.write_as(author, &[ANNOUNCEMENTS, CHANGES])?;
    if !is_new {
        unchanged_since(&tx, ANNOUNCEMENTS, &announcement.meta.id, &announcement.meta).await?;
    }
    let mut announcement = announcement.clone();
    announcement.meta.updated_at = author.now;
    announcement.meta.device_id = author.device_id.clone();
    if is_new {
        add_all(&tx, ANNOUNCEMENTS, [&announcement]).await?;
    } else {
        drop(tx.object_store(ANNOUNCEMENTS)?.put(&announcement).serde()?);
    }
    log_change(&tx, ANNOUNCEMENTS, &announcement.meta)?;
    db.commit(tx, &[ANNOUNCEMENTS]).await
}

/// Every answer to one event.
pub async fn rsvps(db: &Db, announcement_id: &str) -> StoreResult<Vec<RsvpEvent>> {
    let tx = db.read(&[RSVPS])?;
    by_index(&tx, RSVPS, BY_ANNOUNCEMENT, announcement_id).await
}

/// Every answer to every event.
pub async fn all_rsvps(db: &Db) -> StoreResult<Vec<RsvpEvent>> {
    let tx = db.read(&[RSVPS])?;
    all(&tx, RSVPS).await
}

/// One person's answers to every event.
pub async fn rsvps_of(db: &Db, person_id: &str) -> StoreResult<Vec<RsvpEvent>> {
    let tx = db.read(&[RSVPS])?;
    by_index(&tx, RSVPS, BY_PERSON, person_id).await
}

/// Why an answer to an event was not stored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AnswerError {
    Refused(AnswerRefusal),
    Store(StoreError),
}

impl From<StoreError> for AnswerError {
    fn from(error: StoreError) -> Self {
        AnswerError::Store(error)
    }
}

impl From<indexed_db_futures::error::Error> for AnswerError {
    fn from(error: indexed_db_futures::error::Error) -> Self {
        AnswerError::Store(error.into())
    }
}

/// "Going" or "not going", as an event; refused once the event has started
/// (checked in the transaction that writes it, against the stored event).
pub async fn answer(db: &Db, author: &Author, announcement_id: &str, person_id: &str, going: bool) -> Result<(), AnswerError> {
    let tx = db.write_as(author, &[ANNOUNCEMENTS, RSVPS, CHANGES])?;
    let announcement: Option<Announcement> = tx.object_store(ANNOUNCEMENTS)?.get(announcement_id).serde()?.await?;
    let announcement = announcement.ok_or(AnswerError::Refused(AnswerRefusal::NotAnEvent))?;
    may_answer(&announcement, author.now).map_err(AnswerError::Refused)?;
    let event = RsvpEvent {
        meta: author.new_meta(),
        announcement_id: announcement_id.to_owned(),
        person_id: person_id.to_owned(),
        at: author.now,
        going,
    };
    add_all(&tx, RSVPS, [&event]).await?;
    log_change(&tx, RSVPS, &event.meta)?;
    db.commit(tx, &[RSVPS]).await?;
    Ok(())
}
