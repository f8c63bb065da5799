//! The bookshelf's store in headless Chromium: the catalogue, lending taps
//! decided inside their transaction, imports all or nothing.
#![cfg(target_arch = "wasm32")]

mod support;

use oasis::domain::book_import::plan_import;
use oasis::domain::books::{Book, BookForm};
use oasis::domain::date::{Date, MS_PER_DAY};
use oasis::domain::library::{derive_shelf, LendingRefusal, Shelf};
use oasis::domain::settings::OfficeSettings;
use oasis::store::books::{add_book, add_books, add_copies, lend, library, library_of, save_book, LendingAction, LendingError, Library};
use oasis::domain::text::FieldError;
use oasis::store::{Author, Db, StoreError};
use support::{fresh, T0};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// The author of a write `day` days after T0.
fn author(day: i64) -> Author {
    support::author(T0 + day * MS_PER_DAY)
}

fn today(day: i64) -> Date {
    Date::of_instant(T0 + day * MS_PER_DAY, 0)
}

fn form(title: &str, copies: u32) -> BookForm {
    BookForm { title: title.into(), copies: copies.to_string(), ..BookForm::default() }
}

async fn shelf_of(db: &Db, book: &Book, day: i64) -> Shelf {
    let Library { loans, holds, .. } = library(db).await.unwrap();
    let loans: Vec<_> = loans.iter().filter(|e| e.book_id == book.meta.id).collect();
    let holds: Vec<_> = holds.iter().filter(|e| e.book_id == book.meta.id).collect();
    let office = OfficeSettings::new("UTC", 0, "test");
    derive_shelf(book.copies, &book.copies_changes, &loans, &holds, &office.hold_until(&|_| 0), T0 + day * MS_PER_DAY)
}

async fn tap(db: &Db, day: i64, book: &Book, who: &str, action: LendingAction) -> Result<Option<Date>, LendingError> {
    lend(db, &author(day), today(day), &|_| 0, &book.meta.id, who, action).await
}

#[wasm_bindgen_test]
async fn a_persons_library_holds_their_books_with_every_event() {
    let db = fresh("books").await;
    let dune = add_book(&db, &author(0), form("Dune", 1).validate().unwrap(), false).await.unwrap();
    let emma = add_book(&db, &author(0), form("Emma", 1).validate().unwrap(), false).await.unwrap();
    add_book(&db, &author(0), form("Ulysses", 1).validate().unwrap(), false).await.unwrap();
    tap(&db, 1, &dune, "ann", LendingAction::Borrow).await.unwrap();
    tap(&db, 2, &dune, "bob", LendingAction::JoinWaitlist).await.unwrap();
    tap(&db, 2, &emma, "bob", LendingAction::Borrow).await.unwrap();
    let bobs = library_of(&db, "bob").await.unwrap();
    let mut titles: Vec<&str> = bobs.books.iter().map(|b| b.title.as_str()).collect();
    titles.sort();
    assert_eq!(titles, ["Dune", "Emma"], "the books bob borrowed or waits for, no other");
    assert_eq!(bobs.loans.len(), 2, "ann's loan of Dune too: the shelf needs it");
    assert_eq!(bobs.holds.len(), 1);
    assert!(library_of(&db, "cy").await.unwrap().books.is_empty());
}

#[wasm_bindgen_test]
async fn borrow_waitlist_return_and_the_held_copy() {
    let db = fresh("books").await;
    let book = add_book(&db, &author(0), form("Dune", 1).validate().unwrap(), false).await.unwrap();
    tap(&db, 1, &book, "ann", LendingAction::Borrow).await.unwrap();
    assert_eq!(tap(&db, 1, &book, "bob", LendingAction::Borrow).await, Err(LendingError::Refused(LendingRefusal::NoCopyFree)));
    tap(&db, 2, &book, "bob", LendingAction::JoinWaitlist).await.unwrap();
    tap(&db, 3, &book, "cy", LendingAction::JoinWaitlist).await.unwrap();
    assert_eq!(tap(&db, 3, &book, "cy", LendingAction::JoinWaitlist).await, Err(LendingError::Refused(LendingRefusal::AlreadyWaiting)));

    let shelf = shelf_of(&db, &book, 4).await;
    let loan_id = shelf.loan_of("ann").unwrap().loan_id.clone();
    assert_eq!(shelf.loans[0].due, today(1).add_days(21));
    // Someone waits: no renewal.
    assert_eq!(
        tap(&db, 4, &book, "ann", LendingAction::Renew { loan_id: loan_id.clone() }).await,
        Err(LendingError::Refused(LendingRefusal::SomeoneWaiting))
    );
    tap(&db, 5, &book, "ann", LendingAction::Return { loan_id: loan_id.clone() }).await.unwrap();
    assert_eq!(
        tap(&db, 5, &book, "ann", LendingAction::Return { loan_id }).await,
        Err(LendingError::Refused(LendingRefusal::NotBorrowed)),
        "a second return of the same loan is refused"
    );

    // The copy is held for Bob, first in line; Cy cannot take it.
    let shelf = shelf_of(&db, &book, 5).await;
    assert!(shelf.hold_of("bob").is_some());
    assert_eq!(tap(&db, 6, &book, "cy", LendingAction::Borrow).await, Err(LendingError::Refused(LendingRefusal::NoCopyFree)));
    let written = tap(&db, 6, &book, "bob", LendingAction::Borrow).await.unwrap();
    let shelf = shelf_of(&db, &book, 6).await;
    assert_eq!(written, shelf.loan_of("bob").map(|l| l.due), "the borrow answers the due date it wrote");
    // Borrowed on Sunday 30 November 2025: three weeks on is a Sunday too,
    // when the office is closed, so the book is due the Monday after.
    assert_eq!(today(6), Date::parse_iso("2025-11-30").unwrap());
    assert_eq!(shelf.loan_of("bob").map(|l| l.due), Some(today(6).add_days(22)));
    assert_eq!(shelf.place_in_line("cy"), Some(1));
    tap(&db, 6, &book, "cy", LendingAction::LeaveWaitlist).await.unwrap();
    assert!(!shelf_of(&db, &book, 6).await.has_waiters());
}

#[wasm_bindgen_test]
async fn renew_once_limits_and_retired_books() {
    let db = fresh("books").await;
    let mut books = Vec::new();
    for title in ["A", "B", "C", "D"] {
        books.push(add_book(&db, &author(0), form(title, 2).validate().unwrap(), false).await.unwrap());
    }
    for book in &books[..3] {
        tap(&db, 1, book, "ann", LendingAction::Borrow).await.unwrap();
    }
    assert_eq!(
        tap(&db, 1, &books[3], "ann", LendingAction::Borrow).await,
        Err(LendingError::Refused(LendingRefusal::LimitReached { max: 3 }))
    );
    let loan_id = shelf_of(&db, &books[0], 2).await.loans[0].loan_id.clone();
    tap(&db, 10, &books[0], "ann", LendingAction::Renew { loan_id: loan_id.clone() }).await.unwrap();
    assert_eq!(shelf_of(&db, &books[0], 10).await.loans[0].due, today(10).add_days(21));
    assert_eq!(
        tap(&db, 11, &books[0], "ann", LendingAction::Renew { loan_id: loan_id.clone() }).await,
        Err(LendingError::Refused(LendingRefusal::AlreadyRenewed))
    );
    // The admin takes a book back on Ann's behalf: the loan stays hers.
    tap(&db, 12, &books[0], "admin", LendingAction::Return { loan_id }).await.unwrap();
    let shelf = shelf_of(&db, &books[0], 12).await;
    assert_eq!(shelf.history[0].person_id, "ann");

    let mut retired = books[3].clone();
    retired.meta.deleted_at = Some(author(13).now);
    let retired = save_book(&db, &author(13), &retired).await.unwrap();
    assert_eq!(tap(&db, 14, &retired, "bob", LendingAction::Borrow).await, Err(LendingError::Refused(LendingRefusal::Retired)));
    let kept = library(&db).await.unwrap();
    assert_eq!(kept.books.len(), 4, "a retired book stays, as a tombstone");
    assert!(kept.books.iter().any(|b| b.meta.id == retired.meta.id && !b.meta.is_live()));
}

#[wasm_bindgen_test]
async fn an_unknown_book_is_refused() {
    let db = fresh("books").await;
    let ghost = form("Ghost", 1).validate().unwrap().into_book(author(0).new_meta());
    assert_eq!(tap(&db, 1, &ghost, "ann", LendingAction::Borrow).await, Err(LendingError::NoSuchBook));
}

#[wasm_bindgen_test]
async fn an_import_is_stored_whole_or_not_at_all() {
    let db = fresh("books").await;
    let existing = add_book(&db, &author(0), form("Already here", 1).validate().unwrap(), false).await.unwrap();
    let csv = "title,copies\nOne,1\nTwo,2\n,3\nThree,1\n";
    let plan = plan_import(csv.as_bytes(), &library(&db).await.unwrap().books).unwrap();
    assert_eq!((plan.books.len(), plan.rejected.len()), (3, 1));
    let mut books: Vec<Book> = plan.books.into_iter().map(|(_, fields)| fields.into_book(author(1).new_meta())).collect();

    // A list whose last record takes an id already stored is refused whole.
    let mut clash = books.clone();
    clash.last_mut().unwrap().meta.id = existing.meta.id.clone();
    assert!(add_books(&db, &author(1), clash).await.is_err());
    assert_eq!(library(&db).await.unwrap().books.len(), 1, "nothing of the refused import is stored");

    assert_eq!(add_books(&db, &author(1), books.clone()).await.unwrap(), []);
    let titles: Vec<String> = library(&db).await.unwrap().books.into_iter().map(|b| b.title).collect();
    assert_eq!(titles.len(), 4);
    books.sort_by(|a, b| a.title.cmp(&b.title));
    assert!(books.iter().all(|b| titles.contains(&b.title)));
}

#[wasm_bindgen_test]
async fn an_import_leaves_out_a_book_whose_isbn_came_onto_the_shelf_after_the_check() {
    let db = fresh("import-race").await;
    let csv = "title,isbn\nDune,978-0-441-17271-9\nEmma,978-0-306-40615-7\n";
    let plan = plan_import(csv.as_bytes(), &library(&db).await.unwrap().books).unwrap();
    let books: Vec<Book> = plan.books.into_iter().map(|(_, fields)| fields.into_book(author(1).new_meta())).collect();
    // Between the check and the tap on Import, another tab adds Dune.
    let mut dune = form("Dune (another tab)", 1);
    dune.isbn = "9780441172719".into();
    add_book(&db, &author(2), dune.validate().unwrap(), false).await.unwrap();

    // Two ISBNs onto a shelf with one: read as the whole shelf's ISBNs.
    let left_out = add_books(&db, &author(1), books).await.unwrap();
    assert_eq!(left_out.iter().map(|b| b.title.as_str()).collect::<Vec<_>>(), ["Dune"]);
    let mut titles: Vec<String> = library(&db).await.unwrap().books.into_iter().map(|b| b.title).collect();
    titles.sort();
    assert_eq!(titles, ["Dune (another tab)", "Emma"]);

    // One ISBN onto a shelf with two: read by that ISBN alone.
    let mut emma = form("Emma, again", 1);
    emma.isbn = "978-0-306-40615-7".into();
    let again = vec![emma.validate().unwrap().into_book(author(1).new_meta())];
    let left_out = add_books(&db, &author(1), again).await.unwrap();
    assert_eq!(left_out.iter().map(|b| b.title.as_str()).collect::<Vec<_>>(), ["Emma, again"]);
    assert_eq!(library(&db).await.unwrap().books.len(), 2);
}

#[wasm_bindgen_test]
async fn a_book_whose_isbn_reached_the_shelf_since_the_editor_checked_is_refused() {
    let db = fresh("isbn-meanwhile").await;
    let with_isbn = |title: &str, isbn: &str| {
        let mut f = form(title, 1);
        f.isbn = isbn.into();
        f.validate().unwrap()
    };
    // Another tab (or the office) added Dune with this ISBN meanwhile.
    add_book(&db, &author(1), with_isbn("Dune (another tab)", "9780306406157"), false).await.unwrap();
    assert_eq!(add_book(&db, &author(2), with_isbn("Dune", "978-0-306-40615-7"), false).await, Err(StoreError::IsbnTaken));
    assert_eq!(library(&db).await.unwrap().books.len(), 1, "nothing stored");

    // An edit that gives a book that ISBN: refused too, the book as it was.
    let emma = add_book(&db, &author(3), form("Emma", 1).validate().unwrap(), false).await.unwrap();
    let taking = Book { isbn: Some("9780306406157".into()), ..emma.clone() };
    assert_eq!(save_book(&db, &author(4), &taking).await, Err(StoreError::IsbnTaken));
    let stored = library(&db).await.unwrap().books.into_iter().find(|b| b.meta.id == emma.meta.id).unwrap();
    assert_eq!(stored.isbn, None);

    // Once the twin is retired, the ISBN is free again.
    let twin = library(&db).await.unwrap().books.into_iter().find(|b| b.isbn.is_some()).unwrap();
    let mut retired = twin.clone();
    retired.meta.deleted_at = Some(author(5).now);
    let retired = save_book(&db, &author(5), &retired).await.unwrap();
    let emma = save_book(&db, &author(6), &taking).await.unwrap();

    // The retired twin brought back (a form's "keep mine" over the retiring):
    // its ISBN is Emma's by now, so refused.
    let mut back = retired.clone();
    back.meta.deleted_at = None;
    assert_eq!(save_book(&db, &author(7), &back).await, Err(StoreError::IsbnTaken));

    // Added as a separate book (the person chose it, told the ISBN is on
    // the shelf): stored; and two live books that share an ISBN still take
    // edits that leave it alone.
    let beside = add_book(&db, &author(8), with_isbn("Emma (annotated)", "9780306406157"), true).await.unwrap();
    let renamed = save_book(&db, &author(9), &Book { title: "Emma (2nd ed.)".into(), ..emma }).await.unwrap();
    assert_eq!((renamed.isbn.as_deref(), beside.isbn.as_deref()), (Some("9780306406157"), Some("9780306406157")));
    // A third as a separate book, with two on the shelf (the prompt names
    // one): stored too; without that choice, refused.
    let third = add_book(&db, &author(10), with_isbn("Emma (3rd ed.)", "9780306406157"), true).await;
    assert_eq!(third.unwrap().isbn.as_deref(), Some("9780306406157"));
    let unasked = add_book(&db, &author(11), with_isbn("Emma (4th ed.)", "9780306406157"), false).await;
    assert_eq!(unasked, Err(StoreError::IsbnTaken));
    db.close();
}

#[wasm_bindgen_test]
async fn an_edit_over_a_version_it_did_not_see_is_refused_until_rebased() {
    let db = fresh("stale-edit").await;
    let opened = add_book(&db, &author(1), form("Dune", 1).validate().unwrap(), false).await.unwrap();
    // Another tab saves first.
    let mut theirs = opened.clone();
    theirs.shelf = "K1".into();
    let theirs = save_book(&db, &author(2), &theirs).await.unwrap();
    // This form was filled from the first version: refused, nothing stored.
    let mut mine = opened.clone();
    mine.notes = "Mine".into();
    assert_eq!(save_book(&db, &author(3), &mine).await, Err(StoreError::Changed));
    let stored = library(&db).await.unwrap().books.remove(0);
    assert_eq!((stored.shelf.as_str(), stored.notes.as_str()), ("K1", ""));
    // Kept knowingly: rebased on what is stored, it saves.
    mine.meta = theirs.meta.rebase(&mine.meta);
    save_book(&db, &author(4), &mine).await.unwrap();
    let stored = library(&db).await.unwrap().books.remove(0);
    assert_eq!((stored.shelf.as_str(), stored.notes.as_str()), ("", "Mine"));
    db.close();
}

#[wasm_bindgen_test]
async fn an_edit_of_a_book_leaves_who_had_a_copy_as_it_was() {
    let db = fresh("books").await;
    let book = add_book(&db, &author(0), form("Dune", 1).validate().unwrap(), false).await.unwrap();
    tap(&db, 1, &book, "ann", LendingAction::Borrow).await.unwrap();
    tap(&db, 2, &book, "bob", LendingAction::JoinWaitlist).await.unwrap();
    tap(&db, 2, &book, "cy", LendingAction::JoinWaitlist).await.unwrap();
    let loan_id = shelf_of(&db, &book, 3).await.loan_of("ann").unwrap().loan_id.clone();
    tap(&db, 3, &book, "ann", LendingAction::Return { loan_id }).await.unwrap();
    // Bob never collects: his hold lapses, the copy is held for Cy, she
    // borrows it.
    tap(&db, 15, &book, "cy", LendingAction::Borrow).await.unwrap();
    let before = shelf_of(&db, &book, 16).await;
    assert!(before.loan_of("cy").is_some());

    // A new title: the copy count did not change, nor did who has it.
    let retitled = save_book(&db, &author(16), &Book { title: "Dune (new cover)".into(), ..book.clone() }).await.unwrap();
    assert_eq!(retitled.copies_changes, []);
    let after = shelf_of(&db, &retitled, 17).await;
    assert_eq!((&after.loans, &after.lost), (&before.loans, &before.lost), "Cy's borrow stands");
    // A second copy: counted from when it came; Cy's borrow still stands.
    let more = save_book(&db, &author(17), &Book { copies: 2, ..retitled.clone() }).await.unwrap();
    assert_eq!(more.copies_changes.iter().map(|c| (c.at, c.before)).collect::<Vec<_>>(), [(T0 + 17 * MS_PER_DAY, 1)]);
    let after = shelf_of(&db, &more, 18).await;
    assert_eq!((&after.loans, &after.lost), (&before.loans, &before.lost));
    assert_eq!(after.free(), 1);
    db.close();
}

#[wasm_bindgen_test]
async fn a_copy_added_goes_onto_the_book_as_stored_now_keeping_an_edit_made_meanwhile() {
    let db = fresh("add-copies").await;
    let dune = add_book(&db, &author(0), form("Dune", 1).validate().unwrap(), false).await.unwrap();
    // Another tab places it on a shelf meanwhile; this form still holds `dune`.
    save_book(&db, &author(1), &Book { shelf: "K1".into(), ..dune.clone() }).await.unwrap();
    let more = add_copies(&db, &author(2), &dune.meta.id, 1, Some("data:image/jpeg;base64,AA".into())).await.unwrap().unwrap();
    assert_eq!((more.copies, more.shelf.as_str()), (2, "K1"), "the copy added, the other tab's edit kept");
    assert_eq!(more.photo.as_deref(), Some("data:image/jpeg;base64,AA"), "a photo for a book that had none");
    let stored = || async { library(&db).await.unwrap().books.into_iter().find(|b| b.meta.id == dune.meta.id).unwrap() };
    assert_eq!(stored().await, more);

    // More copies than a book may have: refused, nothing stored.
    let refused = add_copies(&db, &author(3), &dune.meta.id, 98, None).await.unwrap();
    assert_eq!(refused, Err(FieldError::OutOfRange { min: 1, max: 99 }));
    assert_eq!(stored().await.copies, 2);
    // A book gone meanwhile gets no copies.
    assert_eq!(add_copies(&db, &author(3), "no-such-book", 1, None).await, Err(StoreError::Changed));
}
