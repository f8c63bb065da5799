//! The admin's shelf: add and import books, the overdue list (take a book
//! back for its borrower), and the borrowing record as CSV.

use super::{take_back_button, use_library};
use crate::domain::csv::Dialect;
use crate::domain::exports::borrowing_csv;
use crate::domain::i18n::Msg;
use crate::pwa::intl::{self, Style};
use crate::ui::admin_attendance::save_csv;
use crate::ui::icons;
use crate::ui::state::{tr, use_state};
use leptos::prelude::*;

#[component]
pub fn AdminBooksPage() -> impl IntoView {
    let state = use_state();
    let library = use_library();
    let busy = RwSignal::new(false);

    let export = move |_| {
        library.with_untracked(|l| {
            let Some(l) = l else { return };
            let Some(office) = state.office.get_untracked() else { return };
            let zone = state.zone();
            let people: Vec<_> = l.people.values().cloned().collect();
            let csv = borrowing_csv(&l.books, &l.shelves, &people, &office, &|day| zone.offset_on(day), Dialect::of(state.lang()));
            save_csv(state, &format!("oasis-borrowing-record-{}.csv", state.today()), &csv);
        });
    };

    let overdue = move || {
        library.with(|l| {
            let l = l.as_ref()?;
            let today = state.today();
            let lang = state.lang();
            let mut late: Vec<_> = l
                .books
                .iter()
                .flat_map(|b| l.shelf(&b.meta.id).loans.into_iter().filter(|loan| loan.due < today).map(move |loan| (b, loan)))
                .collect();
            late.sort_by_key(|(_, loan)| loan.due);
            if late.is_empty() {
                return Some(view! { <p class="muted">{state.t(Msg::NoOverdue)}</p> }.into_any());
            }
            let rows = late.into_iter().map(|(book, loan)| {
                let days = today.days_since(loan.due) as usize;
                let (book_id, loan_id) = (book.meta.id.clone(), loan.loan_id.clone());
                view! {
                    <li>
                        <span>
                            <a href=format!("/books/{}", book.meta.id)>{book.title.clone()}</a>
                            <small>{l.name_of(&loan.person_id)}</small>
                        </span>
                        <span class="late">
                            {state.count(days, Msg::DaysLateOne, Msg::DaysLate, &[])}
                            <small>{state.tf(Msg::DueOn, &[("date", &intl::day(loan.due, Style::DayMonth, lang))])}</small>
                        </span>
                        {take_back_button(state, book_id, loan_id, busy)}
                    </li>
                }
            });
            Some(view! { <ul class="overdue-list" data-testid="overdue">{rows.collect_view()}</ul> }.into_any())
        })
    };

    view! {
        <section class="admin-books">
            <a class="back" href="/books">{tr(Msg::Bookshelf)}</a>
            <h1>{tr(Msg::ManageShelf)}</h1>
            <div class="tools">
                <a class="btn primary" href="/admin/books/new">{tr(Msg::AddBook)}</a>
                <a class="btn" href="/admin/books/import">{tr(Msg::ImportBooks)}</a>
                <button class="btn" on:click=export disabled=move || library.with(Option::is_none) data-testid="export-loans">
                    {icons::download()}
                    {tr(Msg::ExportLoans)}
                </button>
            </div>
            <div class="card">
                <h2>{tr(Msg::Overdue)}</h2>
                {overdue}
            </div>
        </section>
    }
}
