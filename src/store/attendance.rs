//! Check-in and check-out events.

use super::db::{add_all, all_in_ranges, log_change, Author, Db, StoreError, StoreResult};
use super::schema::{BY_DAY, BY_PERSON_DAY, CHANGES, CHECKINS};
use crate::domain::attendance::{decide, CheckDecision, CheckEvent, CheckKind, CheckMethod, CheckRefusal};
use crate::domain::date::Date;
use crate::pwa::timing::Span;
use indexed_db_futures::prelude::*;
use indexed_db_futures::KeyRange;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CheckError {
    Refused(CheckRefusal),
    Store(StoreError),
}

impl From<StoreError> for CheckError {
    fn from(error: StoreError) -> Self {
        CheckError::Store(error)
    }
}

impl From<indexed_db_futures::error::Error> for CheckError {
    fn from(error: indexed_db_futures::error::Error) -> Self {
        CheckError::Store(error.into())
    }
}

/// The event that stands for the tap: the new one, or the one already there.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CheckOutcome {
    pub event: CheckEvent,
    /// False when the person had already checked in (or out) that day.
    pub recorded: bool,
}

/// Checks a person in or out for `day`. Reading the day's events and writing
/// the new one share a readwrite transaction, which IndexedDB runs one at a
/// time per store: two tabs tapping at once still make one record.
pub async fn check(
    db: &Db,
    author: &Author,
    person_id: &str,
    day: Date,
    kind: CheckKind,
    method: CheckMethod,
) -> Result<CheckOutcome, CheckError> {
    let tx = db.write_as(author, &[CHECKINS, CHANGES])?;
    let store = tx.object_store(CHECKINS)?;
    let key = [person_id.to_owned(), day.to_string()];
    let today: Vec<CheckEvent> = store
        .index(BY_PERSON_DAY)?
        .get_all()
        .with_query::<[String; 2], _>(KeyRange::Only(key))
        .serde()?
        .await?
        .collect::<Result<_, _>>()?;
    match decide(kind, &today).map_err(CheckError::Refused)? {
        CheckDecision::AlreadyDone => {
            let existing = today
                .into_iter()
                .filter(|e| e.kind == kind && e.meta.is_live())
                .min_by_key(|e| e.at)
                .expect("decide saw one");
            Ok(CheckOutcome { event: existing, recorded: false })
        }
        CheckDecision::Record => {
            let event =
                CheckEvent { meta: author.new_meta(), person_id: person_id.to_owned(), day, at: author.now, kind, method };
            add_all(&tx, CHECKINS, [&event]).await?;
            log_change(&tx, CHECKINS, &event.meta)?;
            db.commit(tx, &[CHECKINS]).await?;
            Ok(CheckOutcome { event, recorded: true })
        }
    }
}

/// One person's events from `from` to `to`, both included.
pub async fn person_events(db: &Db, person_id: &str, from: Date, to: Date) -> StoreResult<Vec<CheckEvent>> {
    let tx = db.read(&[CHECKINS])?;
    let range = KeyRange::Bound(
        [person_id.to_owned(), from.to_string()],
        false,
        [person_id.to_owned(), to.to_string()],
        false,
    );
    let events = tx.object_store(CHECKINS)?.index(BY_PERSON_DAY)?.get_all().with_query::<[String; 2], _>(range).serde()?.await?;
    Ok(events.collect::<Result<_, _>>()?)
}

/// Days of check-ins per request in a read of many days: a week is ~700
/// check-ins in an office of 120, small enough that converting one overlaps
/// the browser's reading of the next.
const DAYS_PER_REQUEST: i32 = 7;
/// Requests at most in one read: a range of years reads wider spans, not
/// hundreds of requests sent at once (the review's 90 days take 13).
const MOST_REQUESTS: i32 = 64;

/// Everybody's events from `from` to `to`, both included, in day order.
pub async fn events_between(db: &Db, from: Date, to: Date) -> StoreResult<Vec<CheckEvent>> {
    let _span = Span::start("oasis:store check-ins read");
    let tx = db.read(&[CHECKINS])?;
    let weeks = from.spans_at_most(to, DAYS_PER_REQUEST, MOST_REQUESTS).map(|(first, last)| (first.to_string(), last.to_string()));
    all_in_ranges(&tx, CHECKINS, BY_DAY, weeks).await
}
