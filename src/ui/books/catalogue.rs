//! The Books tab: instant search, filters and sort over the whole shelf.

use super::{book_card, use_library};
use crate::domain::catalogue::SortBy;
use crate::domain::i18n::Msg;
use crate::ui::state::{tr, use_state};
use crate::store::schema::{BOOKS, HOLDS, LOANS};
use leptos::prelude::*;

/// Books drawn at first and per "Show more": the list stays quick to draw
/// whatever the shelf's size.
const PAGE: usize = 40;

#[component]
pub fn BooksPage() -> impl IntoView {
    let state = use_state();
    let library = use_library();
    let query = state.book_query;
    let shown = RwSignal::new(PAGE);
    let me = state.person_id().unwrap_or_default();
    let me_for_results = me.clone();
    let results = Memo::new(move |_| {
        let q = query.get();
        library.with(|l| l.as_ref().map(|l| l.catalogue.select(&l.books, &l.shelves, &q, &me_for_results))).unwrap_or_default()
    });
    // A new search starts from the top of the list again.
    Effect::new(move |_| {
        query.track();
        shown.set(PAGE);
    });
    let my_count = {
        let me = me.clone();
        move || library.with(|l| l.as_ref().map_or(0, |l| l.loans_of(&me)))
    };

    let set = move |change: fn(&mut crate::domain::catalogue::CatalogueQuery, String), value: String| {
        query.update(|q| change(q, value));
    };
    let options = move |pick: fn(&crate::domain::catalogue::Catalogue) -> &Vec<String>| {
        library.with(|l| {
            l.as_ref()
                .map(|l| pick(&l.catalogue).iter().map(|o| view! { <option value=o.clone()>{o.clone()}</option> }).collect_view())
        })
    };

    view! {
        <section class="books">
            <div class="page-head">
                <h1>{tr(Msg::Bookshelf)}</h1>
                <a class="btn small" href="/books/mine">
                    {tr(Msg::MyBooks)}
                    <span class="badge" data-testid="my-loans-badge">{my_count}</span>
                </a>
            </div>
            <Show when=move || state.admin_view()>
                <p><a href="/admin/books">{tr(Msg::ManageShelf)}</a></p>
            </Show>
            <div class="search">
                <label for="book-search" class="visually-hidden">{tr(Msg::SearchBooks)}</label>
                <input
                    id="book-search"
                    type="search"
                    enterkeyhint="search"
                    autocomplete="off"
                    placeholder=tr(Msg::SearchHint)
                    prop:value=move || query.with(|q| q.text.clone())
                    on:input=move |ev| set(|q, v| q.text = v, event_target_value(&ev))
                />
            </div>
            <div class="filters">
                <button
                    class="chip"
                    aria-pressed=move || query.with(|q| q.available_only).to_string()
                    on:click=move |_| query.update(|q| q.available_only = !q.available_only)
                >
                    {tr(Msg::AvailableNow)}
                </button>
                <label class="visually-hidden" for="book-tag">{tr(Msg::TagLabel)}</label>
                <select id="book-tag" prop:value=move || query.with(|q| q.tag.clone().unwrap_or_default())
                    on:change=move |ev| set(|q, v| q.tag = (!v.is_empty()).then_some(v), event_target_value(&ev))>
                    <option value="">{tr(Msg::AnyTag)}</option>
                    {move || options(|c| &c.tags)}
                </select>
                <label class="visually-hidden" for="book-recommender">{tr(Msg::RecommenderLabel)}</label>
                <select id="book-recommender" prop:value=move || query.with(|q| q.recommended_by.clone().unwrap_or_default())
                    on:change=move |ev| set(|q, v| q.recommended_by = (!v.is_empty()).then_some(v), event_target_value(&ev))>
                    <option value="">{tr(Msg::AnyRecommender)}</option>
                    {move || options(|c| &c.recommenders)}
                </select>
                <label class="visually-hidden" for="book-sort">{tr(Msg::SortLabel)}</label>
                <select id="book-sort"
                    prop:value=move || sort_value(query.with(|q| q.sort))
                    on:change=move |ev| set(|q, v| q.sort = sort_of(&v), event_target_value(&ev))>
                    {[SortBy::Title, SortBy::Author, SortBy::Recent, SortBy::Popular].map(|s| view! {
                        <option value=sort_value(s)>{tr(sort_label(s))}</option>
                    })}
                </select>
            </div>
            <p class="muted small" role="status" data-testid="book-count">
                {move || {
                    let n = results.with(Vec::len);
                    if library.with(Option::is_none) {
                        state.t(Msg::Loading).to_owned()
                    } else if n == 0 {
                        state.t(Msg::NoBookFound).to_owned()
                    } else {
                        state.count(n, Msg::BookCountOne, Msg::BookCount, &[])
                    }
                }}
            </p>
            <ul class="book-list" data-testid="book-list">
                <For
                    each=move || {
                        // Keys change with the data, so a card redraws when its book does.
                        let revision = state.version_of(&[BOOKS, LOANS, HOLDS]);
                        results.with(|r| r.iter().take(shown.get()).map(|&i| (i, revision)).collect::<Vec<_>>())
                    }
                    key=|item| *item
                    children=move |(i, _)| {
                        let me = me.clone();
                        library.with_untracked(|l| {
                            let l = l.as_ref()?;
                            l.books.get(i).map(|book| view! { <li>{book_card(state, book, &l.shelf(&book.meta.id), &me)}</li> })
                        })
                    }
                />
            </ul>
            <Show when=move || { results.with(Vec::len) > shown.get() }>
                <button class="btn wide" on:click=move |_| shown.update(|n| *n += PAGE)>{tr(Msg::ShowMore)}</button>
            </Show>
        </section>
    }
}

fn sort_value(sort: SortBy) -> &'static str {
    match sort {
        SortBy::Title => "title",
        SortBy::Author => "author",
        SortBy::Recent => "recent",
        SortBy::Popular => "popular",
    }
}

fn sort_of(value: &str) -> SortBy {
    match value {
        "author" => SortBy::Author,
        "recent" => SortBy::Recent,
        "popular" => SortBy::Popular,
        _ => SortBy::Title,
    }
}

fn sort_label(sort: SortBy) -> Msg {
    match sort {
        SortBy::Title => Msg::SortTitle,
        SortBy::Author => Msg::SortAuthor,
        SortBy::Recent => Msg::SortRecent,
        SortBy::Popular => Msg::SortPopular,
    }
}
