//! My books: what I have out (overdue ones stand out), what I wait for,
//! and what I read before.

use super::book::actions;
use super::{book_card, use_library, LibraryView};
use crate::domain::books::Book;
use crate::domain::i18n::Msg;
use crate::pwa::intl::{self, Style};
use crate::ui::state::{tr, use_state, AppState};
use leptos::prelude::*;

#[component]
pub fn MyBooksPage() -> impl IntoView {
    let state = use_state();
    let library = use_library();
    let busy = RwSignal::new(false);
    view! {
        <section class="my-books">
            <a class="back" href="/books">{tr(Msg::Bookshelf)}</a>
            <h1>{tr(Msg::MyBooks)}</h1>
            {move || library.with(|l| l.as_ref().map(|l| lists(state, l, busy)))}
        </section>
    }
}

fn lists(state: AppState, library: &LibraryView, busy: RwSignal<bool>) -> impl IntoView + use<> {
    let me = state.person_id().unwrap_or_default();
    let today = state.today();
    let live = |book: &&Book| book.meta.is_live() || library.shelf(&book.meta.id).loan_of(&me).is_some();
    let mut out: Vec<&Book> = library.books.iter().filter(live).filter(|b| library.shelf(&b.meta.id).loan_of(&me).is_some()).collect();
    out.sort_by_key(|b| library.shelf(&b.meta.id).loan_of(&me).map(|l| l.due));
    let waiting: Vec<&Book> = library
        .books
        .iter()
        .filter(|b| {
            let shelf = library.shelf(&b.meta.id);
            shelf.hold_of(&me).is_some() || shelf.place_in_line(&me).is_some()
        })
        .collect();
    let card = |book: &Book| {
        let shelf = library.shelf(&book.meta.id);
        let overdue = shelf.loan_of(&me).is_some_and(|l| l.due < today);
        view! {
            <li class="card book-row" class:overdue=overdue>
                {book_card(state, book, &shelf, &me)}
                <div class="actions">{actions(state, library, book, &shelf, &me, busy)}</div>
            </li>
        }
    };
    let lang = state.lang();
    let zone = state.zone();
    let mut read: Vec<(i64, &Book, i64)> = library
        .books
        .iter()
        .flat_map(|b| {
            library.shelf(&b.meta.id).history.into_iter().filter(|l| l.person_id == me).map(move |l| (l.returned_at, b, l.borrowed_at))
        })
        .collect();
    read.sort_by_key(|(returned, _, _)| std::cmp::Reverse(*returned));
    let read_list = read.iter().map(|(returned, book, borrowed)| {
        let span = state.tf(
            Msg::LoanSpan,
            &[
                ("from", &intl::day(zone.date_of(*borrowed), Style::DayMonth, lang)),
                ("to", &intl::day(zone.date_of(*returned), Style::DayMonth, lang)),
            ],
        );
        view! { <li><a href=format!("/books/{}", book.meta.id)>{book.title.clone()}</a><span class="muted">{span}</span></li> }
    });
    view! {
        <h2>{state.t(Msg::CurrentLoans)}</h2>
        {if out.is_empty() {
            view! { <p class="muted">{state.t(Msg::NothingBorrowed)}</p> }.into_any()
        } else {
            view! { <ul class="book-list" data-testid="my-loans">{out.iter().map(|b| card(b)).collect_view()}</ul> }.into_any()
        }}
        {(!waiting.is_empty()).then(|| view! {
            <h2>{state.t(Msg::Waitlists)}</h2>
            <ul class="book-list" data-testid="my-waitlists">{waiting.iter().map(|b| card(b)).collect_view()}</ul>
        })}
        {(!read.is_empty()).then(|| view! {
            <h2>{state.t(Msg::PastLoans)}</h2>
            <ul class="card history">{read_list.collect_view()}</ul>
        })}
    }
}
