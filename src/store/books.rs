//! The bookshelf: the catalogue and the lending commands.
//!
//! A lending command reads the book and its events, asks the domain rules,
//! and writes its event in one readwrite transaction; IndexedDB runs those
//! one at a time per store, so two taps (or two tabs) cannot both take the
//! last copy.

use super::db::{add_all, all, by_index, by_index_each, get_each, log_change, stored_unchanged_since, Author, Db, StoreError, StoreResult};
use super::schema::{BOOKS, BY_BOOK, BY_ISBN, BY_PERSON, CHANGES, HOLDS, LOANS, SETTINGS};
use super::settings::office_in;
use crate::domain::book_import::still_new;
use crate::domain::books::{isbn_taken, more_copies, Book, BookFields};
use crate::domain::text::FieldError;
use crate::domain::date::Date;
use crate::domain::library::{
    can_borrow, can_join, can_leave, can_renew, can_return, book_shelf, due_date, group_by_book, HoldEvent,
    HoldEventKind, LendingRefusal, LoanEvent, LoanEventKind,
};
use indexed_db_futures::transaction::Transaction;
use crate::domain::settings::OfficeSettings;
use indexed_db_futures::prelude::*;
use std::collections::BTreeSet;

/// Everything the catalogue screens derive from, read in one transaction.
#[derive(Clone, Debug, Default)]
pub struct Library {
    /// Retired books included (their history stays); see `meta.is_live()`.
    pub books: Vec<Book>,
    pub loans: Vec<LoanEvent>,
    pub holds: Vec<HoldEvent>,
}

pub async fn library(db: &Db) -> StoreResult<Library> {
    let tx = db.read(&[BOOKS, LOANS, HOLDS])?;
    let (books, loans, holds) = (all(&tx, BOOKS), all(&tx, LOANS), all(&tx, HOLDS));
    Ok(Library { books: books.await?, loans: loans.await?, holds: holds.await? })
}

/// The books a person has borrowed or waited for, each with its whole
/// history (what its shelf is derived from), read in one transaction: what
/// their reminders need, without reading the whole catalogue every minute.
pub async fn library_of(db: &Db, person_id: &str) -> StoreResult<Library> {
    let tx = db.read(&[BOOKS, LOANS, HOLDS])?;
    library_in(&tx, person_id).await
}

async fn library_in(tx: &Transaction<'_>, person_id: &str) -> StoreResult<Library> {
    // Two round trips: the person's loans and holds together, then their
    // books with each book's history together.
    let loans = by_index_each(tx, LOANS, BY_PERSON, [person_id])?;
    let holds = by_index_each(tx, HOLDS, BY_PERSON, [person_id])?;
    let (loans, holds): (Vec<LoanEvent>, Vec<HoldEvent>) = (loans.await?, holds.await?);
    let ids: BTreeSet<&str> = loans.iter().map(|e| e.book_id.as_str()).chain(holds.iter().map(|e| e.book_id.as_str())).collect();
    let books = get_each(tx, BOOKS, ids.iter().copied())?;
    let loans = by_index_each(tx, LOANS, BY_BOOK, ids.iter().copied())?;
    let holds = by_index_each(tx, HOLDS, BY_BOOK, ids.iter().copied())?;
    Ok(Library { books: books.await?, loans: loans.await?, holds: holds.await? })
}

/// Refuses `book`'s ISBN when another live book has it by now
/// ([`StoreError::IsbnTaken`]): the editor checked the shelf as it showed
/// it, and a book with that ISBN may have come from the office or another
/// tab since.
async fn isbn_still_free(tx: &Transaction<'_>, book: &Book) -> StoreResult<()> {
    let Some(isbn) = book.isbn.as_deref().filter(|_| book.meta.is_live()) else { return Ok(()) };
    let with_isbn: Vec<Book> = by_index(tx, BOOKS, BY_ISBN, isbn).await?;
    match isbn_taken(&with_isbn, isbn, &book.meta.id) {
        Some(_) => Err(StoreError::IsbnTaken),
        None => Ok(()),
    }
}

/// Adds a new book, unless a live book has its ISBN by now. `separate`:
/// the person was told its ISBN is on the shelf and chose to add it as a
/// separate book (another edition, say), so a shared ISBN is what they
/// asked for, however many books have it.
pub async fn add_book(db: &Db, author: &Author, fields: BookFields, separate: bool) -> StoreResult<Book> {
    let book = fields.into_book(author.new_meta());
    let tx = db.write_as(author, &[BOOKS, CHANGES])?;
    if !separate {
        isbn_still_free(&tx, &book).await?;
    }
    add_all(&tx, BOOKS, [&book]).await?;
    log_change(&tx, BOOKS, &book.meta)?;
    db.commit(tx, &[BOOKS]).await?;
    Ok(book)
}

/// Adds the books of a checked list (an import), stamped by `author`:
/// all of them, or none if any id is already taken. A book whose ISBN a
/// live book on the shelf has by now (one that arrived from the office or
/// another tab since the list was checked) is left out, as the check would
/// have left it out; the books left out are returned.
pub async fn add_books(db: &Db, author: &Author, books: Vec<Book>) -> StoreResult<Vec<Book>> {
    let tx = db.write_as(author, &[BOOKS, CHANGES])?;
    let isbns: BTreeSet<&str> = books.iter().filter_map(|b| b.isbn.as_deref()).collect();
    // Whichever reads less: the books with each of the list's ISBNs, or
    // every book with an ISBN (a long list onto a small shelf: 5,000
    // lookups added 0.6 s to a 1 s import).
    let books_store = tx.object_store(BOOKS)?;
    let by_isbn = books_store.index(BY_ISBN)?;
    let stored: Vec<Book> = if isbns.len() > by_isbn.count().primitive()?.await? as usize {
        by_isbn.get_all::<Book>().serde()?.await?.collect::<Result<_, _>>()?
    } else {
        by_index_each(&tx, BOOKS, BY_ISBN, isbns)?.await?
    };
    let (books, left_out) = still_new(books, &stored);
    add_all(&tx, BOOKS, &books).await?;
    for book in &books {
        log_change(&tx, BOOKS, &book.meta)?;
    }
    db.commit(tx, &[BOOKS]).await?;
    Ok(left_out)
}

/// Saves an edited book (or a retired one: `meta.deleted_at` set) over
/// the version its `meta` was read from, and no other
/// ([`StoreError::Changed`]); a new ISBN only if no other live book has it
/// by now ([`StoreError::IsbnTaken`]).
pub async fn save_book(db: &Db, author: &Author, book: &Book) -> StoreResult<Book> {
    let tx = db.write_as(author, &[BOOKS, CHANGES])?;
    let stored = stored_unchanged_since::<Book>(&tx, BOOKS, &book.meta.id, &book.meta, |b| &b.meta).await?;
    // Two books that share an ISBN (added as separate books, or offline on
    // two devices) can still be edited, as long as the edit leaves it; a
    // retired book brought back ("keep mine" over another tab's retiring)
    // is checked, as its ISBN may be another's by now.
    if stored.as_ref().is_none_or(|stored| stored.isbn != book.isbn || !stored.meta.is_live()) {
        isbn_still_free(&tx, book).await?;
    }
    put_edit(db, tx, author, book.clone(), stored.as_ref()).await
}

/// Writes `book` over `stored` (none: not stored yet) as `author`'s edit,
/// and commits.
async fn put_edit(db: &Db, tx: Transaction<'_>, author: &Author, mut book: Book, stored: Option<&Book>) -> StoreResult<Book> {
    // A new number of copies counts from now; the loans and holds before
    // it keep the copies there were (domain::library::derive_shelf).
    if let Some(stored) = stored {
        book.copies_changes = book.copies_changes_over(stored, author.now);
    }
    book.meta.updated_at = author.now;
    book.meta.device_id = author.device_id.clone();
    drop(tx.object_store(BOOKS)?.put(&book).serde()?);
    log_change(&tx, BOOKS, &book.meta)?;
    db.commit(tx, &[BOOKS]).await?;
    Ok(book)
}

/// Adds `more` copies to the stored book `id` ("Add a copy instead" of a
/// second book with its ISBN), with `photo` as its cover if it has none.
/// An increment of the book as stored now, not a save of the form's older
/// copy of it: an edit made meanwhile (another tab, the office) is kept.
/// `Ok(Err(_))`: the copies would be more than a book may have, and
/// nothing is stored; a book retired or gone meanwhile is
/// [`StoreError::Changed`].
pub async fn add_copies(db: &Db, author: &Author, id: &str, more: u32, photo: Option<String>) -> StoreResult<Result<Book, FieldError>> {
    let tx = db.write_as(author, &[BOOKS, CHANGES])?;
    let stored: Option<Book> = tx.object_store(BOOKS)?.get(id).serde()?.await?;
    let Some(stored) = stored.filter(|b| b.meta.is_live()) else { return Err(StoreError::Changed) };
    let copies = match more_copies(stored.copies, more) {
        Ok(copies) => copies,
        Err(too_many) => return Ok(Err(too_many)),
    };
    let book = Book { copies, photo: stored.photo.clone().or(photo), ..stored.clone() };
    Ok(Ok(put_edit(db, tx, author, book, Some(&stored)).await?))
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LendingError {
    Refused(LendingRefusal),
    NoSuchBook,
    Store(StoreError),
}

impl From<StoreError> for LendingError {
    fn from(error: StoreError) -> Self {
        LendingError::Store(error)
    }
}

impl From<indexed_db_futures::error::Error> for LendingError {
    fn from(error: indexed_db_futures::error::Error) -> Self {
        LendingError::Store(error.into())
    }
}

/// What a lending tap does.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LendingAction {
    Borrow,
    Return { loan_id: String },
    Renew { loan_id: String },
    JoinWaitlist,
    LeaveWaitlist,
}

/// Performs a lending tap for `person_id` on a book (`today` is the office's
/// calendar day, for due dates; `utc_offset` its offset on a day, for how
/// long a copy is held), after the rules allow it. A borrow or renewal
/// answers the due date it wrote.
pub async fn lend(
    db: &Db,
    author: &Author,
    today: Date,
    utc_offset: &dyn Fn(Date) -> i32,
    book_id: &str,
    person_id: &str,
    action: LendingAction,
) -> Result<Option<Date>, LendingError> {
    let tx = db.write_as(author, &[BOOKS, LOANS, HOLDS, SETTINGS, CHANGES])?;
    let book: Book = tx.object_store(BOOKS)?.get(book_id).serde()?.await?.ok_or(LendingError::NoSuchBook)?;
    let office: OfficeSettings = office_in(&tx).await?.unwrap_or_else(OfficeSettings::unset);
    let (rules, calendar) = (office.lending(), office.calendar());
    let hold_until = office.hold_until(utc_offset);
    let loans: Vec<LoanEvent> = by_index(&tx, LOANS, BY_BOOK, book_id).await?;
    let holds: Vec<HoldEvent> = by_index(&tx, HOLDS, BY_BOOK, book_id).await?;
    let shelf = book_shelf(&book, &loans.iter().collect::<Vec<_>>(), &holds.iter().collect::<Vec<_>>(), &hold_until, author.now);
    let retired = !book.meta.is_live();
    let refuse = LendingError::Refused;
    let new_loan = |loan_id: Option<String>, borrower: &str, kind| {
        let meta = author.new_meta();
        LoanEvent {
            loan_id: loan_id.unwrap_or_else(|| meta.id.clone()),
            meta,
            book_id: book_id.to_owned(),
            person_id: borrower.to_owned(),
            at: author.now,
            kind,
        }
    };
    let new_hold = |hold_id: Option<String>, kind| {
        let meta = author.new_meta();
        HoldEvent {
            hold_id: hold_id.unwrap_or_else(|| meta.id.clone()),
            meta,
            book_id: book_id.to_owned(),
            person_id: person_id.to_owned(),
            at: author.now,
            kind,
        }
    };
    let (loan, hold) = match action {
        LendingAction::Borrow => {
            // Their loans as derived (a borrow that lost a last copy to
            // another device's is not one).
            let theirs = library_in(&tx, person_id).await?;
            let grouped = group_by_book(&theirs.loans, &theirs.holds);
            let out_now = theirs
                .books
                .iter()
                .filter(|b| {
                    let (l, h) = grouped.get(b.meta.id.as_str()).cloned().unwrap_or_default();
                    book_shelf(b, &l, &h, &hold_until, author.now).loan_of(person_id).is_some()
                })
                .count();
            can_borrow(&shelf, retired, person_id, out_now, &rules).map_err(refuse)?;
            (Some(new_loan(None, person_id, LoanEventKind::Borrow { due: due_date(today, &rules, &calendar), copies: Some(shelf.copies) })), None)
        }
        LendingAction::Return { loan_id } => {
            can_return(&shelf, &loan_id).map_err(refuse)?;
            // The loan stays the borrower's even when the admin takes it back.
            let borrower = shelf.loans.iter().find(|l| l.loan_id == loan_id).map(|l| l.person_id.clone()).unwrap_or_default();
            (Some(new_loan(Some(loan_id), &borrower, LoanEventKind::Return { recorded_by: person_id.to_owned() })), None)
        }
        LendingAction::Renew { loan_id } => {
            can_renew(&shelf, &loan_id).map_err(refuse)?;
            let borrower = shelf.loans.iter().find(|l| l.loan_id == loan_id).map(|l| l.person_id.clone()).unwrap_or_default();
            (Some(new_loan(Some(loan_id), &borrower, LoanEventKind::Renew { due: due_date(today, &rules, &calendar) })), None)
        }
        LendingAction::JoinWaitlist => {
            can_join(&shelf, retired, person_id).map_err(refuse)?;
            (None, Some(new_hold(None, HoldEventKind::Join)))
        }
        LendingAction::LeaveWaitlist => {
            let hold_id = can_leave(&shelf, person_id).map_err(refuse)?;
            (None, Some(new_hold(Some(hold_id), HoldEventKind::Leave)))
        }
    };
    if let Some(event) = &loan {
        add_all(&tx, LOANS, [event]).await?;
        log_change(&tx, LOANS, &event.meta)?;
    }
    if let Some(event) = &hold {
        add_all(&tx, HOLDS, [event]).await?;
        log_change(&tx, HOLDS, &event.meta)?;
    }
    db.commit(tx, &[LOANS, HOLDS]).await?;
    Ok(loan.and_then(|event| match event.kind {
        LoanEventKind::Borrow { due, .. } | LoanEventKind::Renew { due } => Some(due),
        LoanEventKind::Return { .. } => None,
    }))
}
