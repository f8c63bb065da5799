//! The bookshelf screens: catalogue, a book, my books, and the admin's
//! shelf management (editor, import, overdue list, export).

pub mod admin;
pub mod book;
pub mod catalogue;
pub mod editor;
pub mod import;
pub mod mine;

use super::load::{load_stored, Loaded};
use super::state::{use_state, AppState};
use crate::domain::books::{cover, Book};
use crate::domain::catalogue::Catalogue;
use crate::domain::date::{Date, Instant};
use crate::domain::i18n::Msg;
use crate::domain::library::{book_shelf, group_by_book, LendingRefusal, LendingRules, Shelf};
use crate::domain::people::Person;
use crate::pwa::intl::{self, Style};
use crate::store::books::{lend, LendingAction, LendingError};
use crate::store::{self, StoreResult};
use crate::store::schema::{BOOKS, HOLDS, LOANS, PEOPLE};
use gloo_timers::callback::Timeout;
use leptos::prelude::*;
use std::collections::HashMap;

/// The bookshelf as the screens see it: every book, its derived shelf,
/// the catalogue's search and sort orders, and who is who.
#[derive(Clone, Default)]
pub struct LibraryView {
    pub books: Vec<Book>,
    pub shelves: HashMap<String, Shelf>,
    pub catalogue: Catalogue,
    pub people: HashMap<String, Person>,
    pub rules: LendingRules,
    /// When the first copy held for someone stops being held (its hold
    /// lapses): the shelves change then without any write.
    pub next_lapse: Option<Instant>,
}

impl LibraryView {
    pub fn book(&self, id: &str) -> Option<&Book> {
        self.books.iter().find(|b| b.meta.id == id)
    }

    pub fn shelf(&self, book_id: &str) -> Shelf {
        self.shelves.get(book_id).cloned().unwrap_or_default()
    }

    /// Books `person_id` has out now, over the whole shelf.
    pub fn loans_of(&self, person_id: &str) -> usize {
        self.shelves.values().filter(|s| s.loan_of(person_id).is_some()).count()
    }

    pub fn name_of(&self, person_id: &str) -> String {
        self.people.get(person_id).map(|p| p.name.clone()).unwrap_or_default()
    }
}

async fn read_library(state: AppState, now: i64) -> StoreResult<LibraryView> {
    let db = state.db();
    let library = store::books::library(&db).await?;
    let people = store::people::all_people(&db).await?;
    let office = state.office_settings_untracked();
    let rules = office.lending();
    let zone = state.zone();
    let utc_offset = |day| zone.offset_on(day);
    let hold_until = office.hold_until(&utc_offset);
    let grouped = group_by_book(&library.loans, &library.holds);
    let shelves: HashMap<String, Shelf> = library
        .books
        .iter()
        .map(|book| {
            let (loans, holds) = grouped.get(book.meta.id.as_str()).cloned().unwrap_or_default();
            let shelf = book_shelf(book, &loans, &holds, &hold_until, now);
            (book.meta.id.clone(), shelf)
        })
        .collect();
    let catalogue = Catalogue::new(&library.books, &shelves);
    let people = people.into_iter().map(|p| (p.meta.id.clone(), p)).collect();
    let next_lapse = shelves.values().flat_map(|s| s.ready.iter().map(|h| h.until)).min();
    Ok(LibraryView { books: library.books, shelves, catalogue, people, rules, next_lapse })
}

/// The library, reloaded after every change, every new day, and when a
/// copy held for someone stops being held.
pub fn use_library() -> Loaded<LibraryView> {
    let state = use_state();
    let lapsed = Trigger::new();
    let library = load_stored(move || {
        state.track(&[BOOKS, LOANS, HOLDS, PEOPLE]);
        state.today();
        lapsed.track();
        read_library(state, intl::now())
    });
    // Once per lapse, once the clock has reached it: a read that fails
    // keeps the shelf it had, and its lapse, which must not ask again.
    let read_again_for = StoredValue::new(None::<Instant>);
    let read_again = move |lapse: Instant| {
        if intl::now() >= lapse && read_again_for.get_value() != Some(lapse) {
            read_again_for.set_value(Some(lapse));
            lapsed.notify();
        }
    };
    // At the lapse's second, by a timer each read replaces (the one it
    // replaces is cancelled as it drops)...
    let lapse_timer = StoredValue::new_local(None::<Timeout>);
    Effect::new(move |_| {
        let next = library.with(|l| l.as_ref().and_then(|l| l.next_lapse));
        let timer = next.map(|at| {
            let wait = (at - intl::now()).clamp(0, i64::from(i32::MAX));
            Timeout::new(wait as u32, move || read_again(at))
        });
        lapse_timer.set_value(timer);
    });
    // ...and at the clock's first tick after it, should the device's clock
    // have been moved (a timer counts time passed, not the clock's time).
    Effect::new(move |_| {
        state.now.track();
        if let Some(lapse) = library.with_untracked(|l| l.as_ref().and_then(|l| l.next_lapse)) {
            read_again(lapse);
        }
    });
    library
}

/// A book's cover photo, or one generated from its title: its colour and
/// initials (decorative either way: the title is beside it).
pub fn cover_view(title: &str, photo: Option<&str>, large: bool) -> impl IntoView + use<> {
    match photo {
        // Decoded off the page's turn, and only once near the screen: a
        // shelf of photographed books scrolls in as they come.
        Some(photo) => view! {
            <img class="cover photo" class:large=large src=photo.to_owned() alt="" loading="lazy" decoding="async" />
        }
        .into_any(),
        None => {
            let (hue, initials) = cover(title);
            view! {
                <div class="cover" class:large=large style:--hue=hue.to_string() aria-hidden="true">
                    <span>{initials}</span>
                </div>
            }
            .into_any()
        }
    }
}

/// A book in a list: cover, title, authors, and where it is for me.
pub fn book_card(state: AppState, book: &Book, shelf: &Shelf, me: &str) -> impl IntoView + use<> {
    let (text, class) = availability(state, shelf, me);
    view! {
        <a class="book-card" href=format!("/books/{}", book.meta.id)>
            {cover_view(&book.title, book.photo.as_deref(), false)}
            <span class="book-text">
                <strong>{book.title.clone()}</strong>
                <small>{book.authors.join(", ")}</small>
                <span class=format!("availability {class}")>{text}</span>
            </span>
        </a>
    }
}

/// One line on where the book is, for this person.
pub fn availability(state: AppState, shelf: &Shelf, me: &str) -> (String, &'static str) {
    let lang = state.lang();
    let today = state.today();
    let date = |d: Date| intl::day(d, Style::DayMonth, lang);
    if let Some(loan) = shelf.loan_of(me) {
        return if loan.due < today {
            (state.tf(Msg::YouHaveItOverdue, &[("date", &date(loan.due))]), "overdue")
        } else {
            (state.tf(Msg::YouHaveIt, &[("date", &date(loan.due))]), "mine")
        };
    }
    if let Some(hold) = shelf.hold_of(me) {
        let until = format!("{} {}", intl::day(state.zone().date_of(hold.until), Style::DayShort, lang), state.time(hold.until));
        return (state.tf(Msg::HeldForYouUntil, &[("time", &until)]), "held");
    }
    if let Some(place) = shelf.place_in_line(me) {
        return (state.tf(Msg::PlaceInLine, &[("n", &place.to_string())]), "waiting");
    }
    if shelf.free() > 0 {
        let args = [("n", shelf.free().to_string()), ("copies", shelf.copies.to_string())];
        return (state.tf(Msg::OnShelf, &[("n", &args[0].1), ("copies", &args[1].1)]), "free");
    }
    if shelf.on_shelf() > 0 {
        return (state.t(Msg::HeldForSomeone).to_owned(), "out");
    }
    let back = shelf.next_due().map(date).unwrap_or_default();
    (state.tf(Msg::BackOn, &[("date", &back)]), "out")
}

pub fn refusal_text(state: AppState, refusal: LendingRefusal) -> String {
    match refusal {
        LendingRefusal::Retired => state.t(Msg::RefusedRetired).to_owned(),
        LendingRefusal::AlreadyBorrowing => state.t(Msg::RefusedAlreadyBorrowing).to_owned(),
        LendingRefusal::LimitReached { max } => state.tf(Msg::RefusedLimit, &[("max", &max.to_string())]),
        LendingRefusal::NoCopyFree => state.t(Msg::RefusedNoCopy).to_owned(),
        LendingRefusal::NotBorrowed => state.t(Msg::RefusedNotBorrowed).to_owned(),
        LendingRefusal::AlreadyRenewed => state.t(Msg::RefusedAlreadyRenewed).to_owned(),
        LendingRefusal::SomeoneWaiting => state.t(Msg::RefusedSomeoneWaiting).to_owned(),
        LendingRefusal::AlreadyWaiting => state.t(Msg::RefusedAlreadyWaiting).to_owned(),
        LendingRefusal::CopyAvailable => state.t(Msg::RefusedCopyAvailable).to_owned(),
        LendingRefusal::NotWaiting => state.t(Msg::RefusedNotWaiting).to_owned(),
    }
}

/// "Take back": the admin returns a book for its borrower.
pub fn take_back_button(state: AppState, book_id: String, loan_id: String, busy: RwSignal<bool>) -> impl IntoView {
    view! {
        <button
            class="btn small"
            disabled=move || busy.get()
            on:click=move |_| tap(state, book_id.clone(), LendingAction::Return { loan_id: loan_id.clone() }, busy)
        >
            {state.t(Msg::TakeBack)}
        </button>
    }
}

/// A lending tap by this device's person (or, for a return, the admin
/// taking a book back), with its confirmation or the reason it failed.
pub fn tap(state: AppState, book_id: String, action: LendingAction, busy: RwSignal<bool>) {
    let Some(me) = state.person_id() else { return };
    busy.set(true);
    leptos::task::spawn_local(async move {
        let author = state.author();
        let zone = state.zone();
        let today = zone.date_of(author.now);
        let done = |due: Option<Date>| match &action {
            LendingAction::Borrow | LendingAction::Renew { .. } => {
                let msg = if action == LendingAction::Borrow { Msg::Borrowed } else { Msg::Renewed };
                // The due date the store wrote.
                let due = due.map(|day| intl::day(day, Style::DayMonth, state.lang())).unwrap_or_default();
                state.tf(msg, &[("date", &due)])
            }
            LendingAction::Return { .. } => state.t(Msg::Returned).to_owned(),
            LendingAction::JoinWaitlist => state.t(Msg::Joined).to_owned(),
            LendingAction::LeaveWaitlist => state.t(Msg::Left).to_owned(),
        };
        match lend(&state.db(), &author, today, &|day| zone.offset_on(day), &book_id, &me, action.clone()).await {
            Ok(due) => state.notify(done(due)),
            Err(LendingError::Refused(refusal)) => state.show_error(refusal_text(state, refusal)),
            Err(LendingError::NoSuchBook) => state.show_error(state.t(Msg::NoSuchBook).to_owned()),
            Err(LendingError::Store(error)) => state.notify_error(&error),
        }
        busy.set(false);
    });
}
