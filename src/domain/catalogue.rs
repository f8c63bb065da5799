//! The catalogue screen's search, filters and sorting.
//!
//! Built once per data load: each book's folded search text and the four
//! sort orders. A keystroke then only walks one pre-sorted order and keeps
//! the matching books, so the work per keystroke is one linear pass.

use super::books::{matches, query_terms, search_text, Book};
use super::date::Instant;
use super::library::Shelf;
use super::text::fold;
use std::collections::{BTreeSet, HashMap};

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum SortBy {
    #[default]
    Title,
    Author,
    Recent,
    Popular,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CatalogueQuery {
    pub text: String,
    /// Only books the person could borrow now.
    pub available_only: bool,
    pub tag: Option<String>,
    pub recommended_by: Option<String>,
    pub sort: SortBy,
}

#[derive(Clone, Debug, Default)]
pub struct Catalogue {
    /// Search text of each book (by index into the books given to `new`).
    search: Vec<String>,
    /// Live books' indexes in each sort order.
    by_title: Vec<usize>,
    by_author: Vec<usize>,
    by_recent: Vec<usize>,
    by_popular: Vec<usize>,
    pub tags: Vec<String>,
    pub recommenders: Vec<String>,
}

impl Catalogue {
    pub fn new(books: &[Book], shelves: &HashMap<String, Shelf>) -> Catalogue {
        let live: Vec<usize> = (0..books.len()).filter(|&i| books[i].meta.is_live()).collect();
        let title_keys: Vec<String> = books.iter().map(|b| fold(&b.title)).collect();
        let author_keys: Vec<String> = books
            .iter()
            .map(|b| b.authors.first().map(|a| fold(a.rsplit(' ').next().unwrap_or(a))).unwrap_or_default())
            .collect();
        let borrowed = |i: usize| shelves.get(&books[i].meta.id).map_or(0, Shelf::times_borrowed);
        let order = |key: &dyn Fn(&usize, &usize) -> std::cmp::Ordering| {
            let mut list = live.clone();
            list.sort_unstable_by(|a, b| key(a, b).then_with(|| title_keys[*a].cmp(&title_keys[*b])).then(a.cmp(b)));
            list
        };
        let added = |i: &usize| -> Instant { books[*i].meta.created_at };
        Catalogue {
            search: books.iter().map(search_text).collect(),
            by_title: order(&|_, _| std::cmp::Ordering::Equal),
            by_author: order(&|a, b| author_keys[*a].cmp(&author_keys[*b])),
            by_recent: order(&|a, b| added(b).cmp(&added(a))),
            by_popular: order(&|a, b| borrowed(*b).cmp(&borrowed(*a))),
            tags: live.iter().flat_map(|&i| books[i].tags.iter().cloned()).collect::<BTreeSet<_>>().into_iter().collect(),
            recommenders: live
                .iter()
                .filter_map(|&i| books[i].recommended_by.clone())
                .collect::<BTreeSet<_>>()
                .into_iter()
                .collect(),
        }
    }

    /// The indexes of the books the query selects, in its order.
    pub fn select(&self, books: &[Book], shelves: &HashMap<String, Shelf>, query: &CatalogueQuery, person_id: &str) -> Vec<usize> {
        let terms = query_terms(&query.text);
        let order = match query.sort {
            SortBy::Title => &self.by_title,
            SortBy::Author => &self.by_author,
            SortBy::Recent => &self.by_recent,
            SortBy::Popular => &self.by_popular,
        };
        order
            .iter()
            .copied()
            .filter(|&i| {
                let book = &books[i];
                matches(&self.search[i], &terms)
                    && query.tag.as_ref().is_none_or(|t| book.tags.contains(t))
                    && query.recommended_by.as_ref().is_none_or(|r| book.recommended_by.as_ref() == Some(r))
                    && (!query.available_only
                        || shelves.get(&book.meta.id).map_or(book.copies > 0, |s| s.free() > 0 || s.hold_of(person_id).is_some()))
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::books::BookForm;
    use crate::domain::library::ActiveLoan;
    use crate::domain::record::Meta;

    fn book(title: &str, author: &str, tags: &str, created: Instant) -> Book {
        BookForm { title: title.into(), authors: author.into(), tags: tags.into(), copies: "1".into(), ..BookForm::default() }
            .validate()
            .unwrap()
            .into_book(Meta::new(title.into(), created, "d"))
    }

    #[test]
    fn search_filter_and_sort() {
        let mut books = vec![
            book("L'Étranger", "Albert Camus", "novel", 3),
            book("Dune", "Frank Herbert", "science-fiction", 1),
            book("La Peste", "Albert Camus", "novel", 2),
            book("Retired", "Nobody", "novel", 4),
        ];
        books[3].meta.deleted_at = Some(5);
        let lent = Shelf {
            copies: 1,
            loans: vec![ActiveLoan { loan_id: "l".into(), person_id: "bo".into(), borrowed_at: 0, due: crate::domain::date::Date::from_days_since_epoch(0), renewed: false }],
            ..Shelf::default()
        };
        let shelves = HashMap::from([("Dune".to_string(), lent)]);
        let catalogue = Catalogue::new(&books, &shelves);
        let titles = |q: CatalogueQuery| catalogue.select(&books, &shelves, &q, "ann").iter().map(|&i| books[i].title.clone()).collect::<Vec<_>>();

        assert_eq!(titles(CatalogueQuery::default()), ["Dune", "L'Étranger", "La Peste"], "retired books are not listed");
        assert_eq!(titles(CatalogueQuery { text: "etranger".into(), ..Default::default() }), ["L'Étranger"]);
        assert_eq!(titles(CatalogueQuery { text: "camus".into(), sort: SortBy::Recent, ..Default::default() }), ["L'Étranger", "La Peste"]);
        assert_eq!(titles(CatalogueQuery { sort: SortBy::Author, ..Default::default() }), ["L'Étranger", "La Peste", "Dune"]);
        assert_eq!(titles(CatalogueQuery { sort: SortBy::Popular, ..Default::default() })[0], "Dune");
        assert_eq!(titles(CatalogueQuery { available_only: true, ..Default::default() }), ["L'Étranger", "La Peste"]);
        assert_eq!(titles(CatalogueQuery { tag: Some("science-fiction".into()), ..Default::default() }), ["Dune"]);
        assert_eq!(catalogue.tags, ["novel", "science-fiction"]);
    }
}
