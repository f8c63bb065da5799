//! One book: its details, what I may do with it now, and its history.

use super::{availability, cover_view, refusal_text, take_back_button, tap, use_library, LibraryView};
use crate::domain::books::Book;
use crate::domain::i18n::Msg;
use crate::domain::library::{can_borrow, can_join, can_renew, LendingRefusal, Shelf};
use crate::pwa::intl::{self, Style};
use crate::store::books::LendingAction;
use crate::ui::state::{use_state, AppState};
use leptos::prelude::*;

#[component]
pub fn BookPage(id: String) -> impl IntoView {
    let state = use_state();
    let library = use_library();
    let busy = RwSignal::new(false);
    move || {
        library.with(|l| match l.as_ref().map(|l| (l, l.book(&id))) {
            None => view! { <p class="muted" aria-busy="true">{state.t(Msg::Loading)}</p> }.into_any(),
            Some((_, None)) => view! {
                <section><h1>{state.t(Msg::Bookshelf)}</h1><p>{state.t(Msg::NoSuchBook)}</p></section>
            }
            .into_any(),
            Some((l, Some(book))) => book_view(state, l, book, busy).into_any(),
        })
    }
}

fn book_view(state: AppState, library: &LibraryView, book: &Book, busy: RwSignal<bool>) -> impl IntoView + use<> {
    let me = state.person_id().unwrap_or_default();
    let admin = state.admin_view_untracked();
    let shelf = library.shelf(&book.meta.id);
    let (where_text, where_class) = if book.meta.is_live() {
        availability(state, &shelf, &me)
    } else {
        (state.t(Msg::RetiredBook).to_owned(), "out")
    };
    let detail = |label: Msg, value: String| {
        (!value.is_empty()).then(|| view! { <div><dt>{state.t(label)}</dt><dd>{value}</dd></div> })
    };
    view! {
        <section class="book">
            <a class="back" href="/books">{state.t(Msg::Bookshelf)}</a>
            <div class="book-head">
                {cover_view(&book.title, book.photo.as_deref(), true)}
                <div>
                    <h1>{book.title.clone()}</h1>
                    <p class="muted">{book.authors.join(", ")}</p>
                    <p class=format!("availability {where_class}") data-testid="availability">{where_text}</p>
                </div>
            </div>
            <div class="card actions" data-testid="book-actions">{actions(state, library, book, &shelf, &me, busy)}</div>
            <dl class="card details">
                {detail(Msg::Isbn, book.isbn.clone().unwrap_or_default())}
                {detail(Msg::Tags, book.tags.join(", "))}
                {book.recommended_by.clone().map(|name| view! {
                    <div><dt>{state.t(Msg::RecommenderLabel)}</dt><dd>{name}</dd></div>
                })}
                {detail(Msg::ShelfPlace, book.shelf.clone())}
                {detail(Msg::Copies, book.copies.to_string())}
                {detail(Msg::Notes, book.notes.clone())}
            </dl>
            {admin.then(|| view! {
                <p><a class="btn" href=format!("/admin/books/{}/edit", book.meta.id)>{state.t(Msg::EditBook)}</a></p>
            })}
            <div class="card">
                <h2>{state.t(Msg::History)}</h2>
                {history(state, library, &book.meta.id, &shelf, &me, admin)}
            </div>
        </section>
    }
}

/// The buttons the rules allow me now, or why not.
pub(super) fn actions(state: AppState, library: &LibraryView, book: &Book, shelf: &Shelf, me: &str, busy: RwSignal<bool>) -> AnyView {
    let id = book.meta.id.clone();
    let button = move |label: Msg, action: LendingAction, primary: bool| {
        let id = id.clone();
        view! {
            <button
                class="btn"
                class:primary=primary
                disabled=move || busy.get()
                on:click=move |_| tap(state, id.clone(), action.clone(), busy)
            >
                {state.t(label)}
            </button>
        }
    };
    let why = |refusal| view! { <p class="muted">{refusal_text(state, refusal)}</p> }.into_any();
    let retired = !book.meta.is_live();
    if let Some(loan) = shelf.loan_of(me) {
        let renew = match can_renew(shelf, &loan.loan_id) {
            Ok(()) => button(Msg::Renew, LendingAction::Renew { loan_id: loan.loan_id.clone() }, false).into_any(),
            Err(refusal) => why(refusal),
        };
        return view! {
            {button(Msg::ReturnBook, LendingAction::Return { loan_id: loan.loan_id.clone() }, true)}
            {renew}
        }
        .into_any();
    }
    if shelf.hold_of(me).is_some() {
        return view! {
            {button(Msg::Borrow, LendingAction::Borrow, true)}
            {button(Msg::GiveUpHold, LendingAction::LeaveWaitlist, false)}
        }
        .into_any();
    }
    if shelf.place_in_line(me).is_some() {
        return button(Msg::LeaveWaitlist, LendingAction::LeaveWaitlist, false).into_any();
    }
    let join = can_join(shelf, retired, me).is_ok();
    match can_borrow(shelf, retired, me, library.loans_of(me), &library.rules) {
        Ok(()) => button(Msg::Borrow, LendingAction::Borrow, true).into_any(),
        Err(LendingRefusal::NoCopyFree) if join => button(Msg::JoinWaitlist, LendingAction::JoinWaitlist, true).into_any(),
        // At the limit, one may still queue for a book that is all lent.
        Err(refusal @ LendingRefusal::LimitReached { .. }) if join => {
            view! { {why(refusal)}{button(Msg::JoinWaitlist, LendingAction::JoinWaitlist, false)} }.into_any()
        }
        Err(refusal) => why(refusal),
    }
}

/// Loans of the book, newest first. Employees see dates (and themselves);
/// the admin sees names, and can take a book back for its borrower.
fn history(state: AppState, library: &LibraryView, book_id: &str, shelf: &Shelf, me: &str, admin: bool) -> AnyView {
    let lang = state.lang();
    let zone = state.zone();
    let day = |at| intl::day(zone.date_of(at), Style::DayMonth, lang);
    let who = |person_id: &str| {
        if person_id == me {
            state.t(Msg::You).to_owned()
        } else if admin {
            library.name_of(person_id)
        } else {
            state.t(Msg::AColleague).to_owned()
        }
    };
    let current = shelf.loans.iter().map(|l| {
        let take_back = (admin && l.person_id != me)
            .then(|| take_back_button(state, book_id.to_owned(), l.loan_id.clone(), RwSignal::new(false)));
        let overdue = l.due < state.today();
        view! {
            <li class:overdue=overdue>
                <span>{who(&l.person_id)}</span>
                <span>
                    {state.tf(Msg::LoanSpan, &[("from", &day(l.borrowed_at)), ("to", &state.tf(Msg::StillOut, &[("date", &intl::day(l.due, Style::DayMonth, lang))]))])}
                </span>
                {take_back}
            </li>
        }
    });
    let past = shelf.history.iter().rev().map(|l| {
        view! {
            <li>
                <span>{who(&l.person_id)}</span>
                <span>{state.tf(Msg::LoanSpan, &[("from", &day(l.borrowed_at)), ("to", &day(l.returned_at))])}</span>
            </li>
        }
    });
    if shelf.loans.is_empty() && shelf.history.is_empty() {
        return view! { <p class="muted">{state.t(Msg::NoHistory)}</p> }.into_any();
    }
    view! { <ul class="history" data-testid="history">{current.collect_view()}{past.collect_view()}</ul> }.into_any()
}
