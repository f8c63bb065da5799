//! Importing a book list: read the file, show what would be imported and
//! what not (line and reason), store only on the admin's word.

use super::use_library;
use crate::domain::book_import::{FileProblem, ImportPlan, LineProblem, Planner, MAX_BYTES};
use crate::domain::books::{Book, BookField};
use crate::domain::csv::CsvError;
use crate::domain::i18n::{field_error, label_value, Msg};
use crate::pwa::files::{chosen_file_size, read_chosen_file};
use crate::pwa::tasks::next_task;
use crate::store::books::add_books;
use crate::ui::form::Saving;
use crate::ui::state::{tr, use_state, AppState};
use leptos::html::Input;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

/// Rejected lines listed on screen; the rest are counted.
const LINES_SHOWN: usize = 50;
/// Lines read and checked in one task: 19,000 take 0.18 s in all here,
/// and even with the CPU slowed 4× (a slower phone) no task reaches the
/// 50 ms that makes a page feel stuck; 1,000 a task saved 30 ms but did.
const LINES_PER_TASK: usize = 250;

fn field_label(field: BookField) -> Msg {
    match field {
        BookField::Title => Msg::Title,
        BookField::Authors => Msg::Authors,
        BookField::Isbn => Msg::Isbn,
        BookField::Copies => Msg::Copies,
        BookField::Tags => Msg::Tags,
        BookField::RecommendedBy => Msg::RecommenderLabel,
        BookField::Shelf => Msg::ShelfPlace,
        BookField::Notes => Msg::Notes,
        BookField::Photo => Msg::CoverPhoto,
    }
}

fn file_problem(state: AppState, problem: &FileProblem) -> String {
    match problem {
        FileProblem::NotUtf8 => state.t(Msg::FileNotUtf8).to_owned(),
        FileProblem::Empty => state.t(Msg::FileEmpty).to_owned(),
        FileProblem::Malformed(CsvError::StrayQuote { line, opened }) if opened != line => {
            state.tf(Msg::FileMalformedFrom, &[("line", &line.to_string()), ("opened", &opened.to_string())])
        }
        FileProblem::Malformed(CsvError::UnterminatedQuote { line } | CsvError::StrayQuote { line, .. }) => {
            state.tf(Msg::FileMalformed, &[("line", &line.to_string())])
        }
        FileProblem::MissingColumn(column) => state.tf(Msg::FileMissingColumn, &[("column", column)]),
        FileProblem::UnknownColumn(column) => state.tf(Msg::FileUnknownColumn, &[("column", column)]),
        FileProblem::DuplicateColumn(column) => state.tf(Msg::FileDuplicateColumn, &[("column", column)]),
        FileProblem::UnnamedColumn { position } => state.tf(Msg::FileUnnamedColumn, &[("n", &position.to_string())]),
        FileProblem::TooManyRows { max } => state.tf(Msg::FileTooLarge, &[("max", &max.to_string())]),
        FileProblem::TooLarge { max_bytes } => state.tf(Msg::FileTooBig, &[("max", &(max_bytes / 1_000_000).to_string())]),
    }
}

fn line_problem(state: AppState, problem: &LineProblem) -> String {
    match problem {
        LineProblem::Field(field, error) => label_value(state.lang(), state.t(field_label(*field)), &field_error(*error, state.lang())),
        LineProblem::FieldCount { expected, found } => {
            state.tf(Msg::FieldCount, &[("expected", &expected.to_string()), ("found", &found.to_string())])
        }
        LineProblem::RepeatedIsbn { first_line } => state.tf(Msg::RepeatedIsbn, &[("line", &first_line.to_string())]),
        LineProblem::AlreadyOnShelf { title } => state.tf(Msg::AlreadyOnShelf, &[("title", title)]),
    }
}

/// Titles named where an import says what it left out; the rest are
/// counted, as the rejected lines are.
const TITLES_NAMED: usize = 5;

/// What an import stored, and what it left out because a book with the
/// same ISBN came onto the shelf while the admin looked at the plan.
fn imported_text(state: AppState, imported: usize, left_out: &[Book]) -> String {
    let stored = match imported {
        0 => state.t(Msg::ImportedNone).to_owned(),
        n => state.count(n, Msg::ImportedOne, Msg::Imported, &[]),
    };
    if left_out.is_empty() {
        return stored;
    }
    let mut titles: Vec<String> =
        left_out.iter().take(TITLES_NAMED).map(|b| state.tf(Msg::QuotedTitle, &[("title", &b.title)])).collect();
    if left_out.len() > TITLES_NAMED {
        titles.push(format!("… +{}", left_out.len() - TITLES_NAMED));
    }
    let titles = titles.join(", ");
    format!("{stored} {}", state.count(left_out.len(), Msg::ImportLeftOutOne, Msg::ImportLeftOut, &[("titles", &titles)]))
}

#[component]
pub fn ImportPage() -> impl IntoView {
    let state = use_state();
    let library = use_library();
    let navigate = use_navigate();
    let input = NodeRef::<Input>::new();
    let plan: RwSignal<Option<Result<ImportPlan, FileProblem>>, LocalStorage> = RwSignal::new_local(None);
    let importing = Saving::new();
    // An import that left books out says so on this page, until the next
    // file: a notice would be gone before the titles were read.
    let outcome = RwSignal::new(None::<String>);

    // Lines checked, of all, while a file is being checked.
    let checking = RwSignal::new(None::<(usize, usize)>);
    // Which file choice is current: a check of an older one stops.
    let choice = StoredValue::new(0u64);
    let read = move |_| {
        let Some(element) = input.get_untracked() else { return };
        let this = choice.get_value() + 1;
        choice.set_value(this);
        // Also `false` once the page is left: its values are gone then.
        let current = move || choice.try_get_value() == Some(this);
        checking.set(None);
        outcome.set(None);
        // Refused before it is read: a huge file would freeze the page.
        if chosen_file_size(&element).is_some_and(|size| size > MAX_BYTES as f64) {
            plan.set(Some(Err(FileProblem::TooLarge { max_bytes: MAX_BYTES })));
            element.set_value("");
            return;
        }
        plan.set(None);
        leptos::task::spawn_local(async move {
            let read = read_chosen_file(&element).await;
            // Read: the field lets go of it, so the same file, corrected,
            // can be chosen again (a browser sends no change for the same
            // file twice).
            element.set_value("");
            if !current() {
                return;
            }
            let Some((_, bytes)) = read else {
                state.show_error(state.t(Msg::FileUnreadable).to_owned());
                return;
            };
            let Some(shelf) = library.with_untracked(|l| l.as_ref().map(|l| l.books.clone())) else { return };
            let mut planner = match Planner::new(&bytes, &shelf) {
                Ok(planner) => planner,
                Err(problem) => return plan.set(Some(Err(problem))),
            };
            // A slice per task: the page paints the progress and answers
            // taps between slices.
            let checked = loop {
                match planner.check(LINES_PER_TASK) {
                    Ok(false) => {}
                    Ok(true) => break Ok(planner.plan),
                    Err(problem) => break Err(problem),
                }
                checking.set(Some(planner.progress()));
                next_task().await;
                if !current() {
                    return;
                }
            };
            checking.set(None);
            plan.set(Some(checked));
        });
    };
    let cancel = move |_| {
        choice.update_value(|c| *c += 1);
        checking.set(None);
        plan.set(None);
        if let Some(element) = input.get_untracked() {
            element.set_value("");
        }
    };
    let confirm = move |_| {
        let Some(Ok(ImportPlan { books, .. })) = plan.get_untracked() else { return };
        // A second tap while importing would import twice.
        if !importing.start() {
            return;
        }
        let author = state.author();
        let records: Vec<Book> = books.into_iter().map(|(_, fields)| fields.into_book(author.new_meta())).collect();
        let navigate = navigate.clone();
        let planned = records.len();
        leptos::task::spawn_local(async move {
            match add_books(&state.db(), &author, records).await {
                Ok(left_out) if left_out.is_empty() => {
                    state.notify(imported_text(state, planned, &[]));
                    importing.go_on(navigate, "/books");
                }
                Ok(left_out) => {
                    plan.try_set(None);
                    outcome.try_set(Some(imported_text(state, planned - left_out.len(), &left_out)));
                }
                Err(error) => state.notify_error(&error),
            }
            importing.done();
        });
    };

    let summary = move || {
        if let Some(text) = outcome.get() {
            return view! {
                <div class="card" role="alert" data-testid="import-outcome">
                    <p>{text}</p>
                    <a class="btn" href="/books">{tr(Msg::Bookshelf)}</a>
                </div>
            }
            .into_any();
        }
        plan.with(|p| match p {
            None => checking.get().map(|(done, total)| view! {
                <p class="muted" role="status" aria-busy="true" data-testid="import-progress">
                    {state.tf(Msg::CheckingLines, &[("done", &done.to_string()), ("total", &total.to_string())])}
                </p>
            }).into_any(),
            Some(Err(problem)) => view! { <p class="field-error" role="alert">{file_problem(state, problem)}</p> }.into_any(),
            Some(Ok(plan)) => {
                let good = plan.books.len();
                let rejected = plan.rejected.iter().take(LINES_SHOWN).map(|line| {
                    let reasons: Vec<String> = line.problems.iter().map(|p| line_problem(state, p)).collect();
                    view! { <li>{state.tf(Msg::LineProblem, &[("line", &line.line.to_string()), ("reason", &reasons.join("; "))])}</li> }
                });
                let more = plan.rejected.len().saturating_sub(LINES_SHOWN);
                view! {
                    <div class="card" data-testid="import-plan" role="status">
                        <p><strong>{state.count(good, Msg::ImportReadyOne, Msg::ImportReady, &[])}</strong></p>
                        {(!plan.rejected.is_empty()).then(|| view! {
                            <p>{state.count(plan.rejected.len(), Msg::ImportRejectedOne, Msg::ImportRejected, &[])}</p>
                            <ul class="problems" data-testid="import-problems">
                                {rejected.collect_view()}
                                {(more > 0).then(|| view! { <li>"… +"{more}</li> })}
                            </ul>
                        })}
                        <button class="btn primary" disabled=move || importing.active() || good == 0 on:click=confirm.clone()>
                            {state.count(good, Msg::ImportConfirmOne, Msg::ImportConfirm, &[])}
                        </button>
                        // Importing, there is nothing to cancel: the write goes on.
                        <button class="btn" disabled=move || importing.active() on:click=cancel>{state.t(Msg::Cancel)}</button>
                    </div>
                }
                .into_any()
            }
        })
    };

    view! {
        <section class="import">
            <a class="back" href="/admin/books">{tr(Msg::ManageShelf)}</a>
            <h1>{tr(Msg::ImportBooks)}</h1>
            <p class="muted">{tr(Msg::ImportHint)}</p>
            <div class="field">
                <label for="import-file">{tr(Msg::ChooseFile)}</label>
                // Until the shelf is read, a file could not be checked
                // against the books already on it.
                <input
                    id="import-file"
                    type="file"
                    accept=".csv,text/csv"
                    node_ref=input
                    on:change=read
                    disabled=move || library.with(|l| l.is_none())
                />
            </div>
            {summary}
        </section>
    }
}
