//! Importing a book list from a CSV file: every line is checked, bad lines
//! are reported with their number and reason, and nothing is stored until
//! the user confirms the good ones (the plan is only a plan).

use super::books::{parse_isbn, Book, BookField, BookFields, BookForm};
use super::csv::{line_count, CsvError, CsvReader, CsvRecord};
use super::text::FieldError;
use std::collections::HashMap;

/// The columns a book list may have; `title` is required.
pub const COLUMNS: [&str; 8] = ["title", "authors", "isbn", "copies", "tags", "recommended_by", "shelf", "notes"];
/// Lines in one file: beyond this a file is surely not a book list.
pub const MAX_ROWS: usize = 20_000;
/// Bytes in one file (checked before it is read): room for `MAX_ROWS`
/// lines with long notes.
pub const MAX_BYTES: usize = 10_000_000;

/// Why a whole file is refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FileProblem {
    NotUtf8,
    Empty,
    Malformed(CsvError),
    MissingColumn(&'static str),
    UnknownColumn(String),
    DuplicateColumn(String),
    /// A header cell left empty (its place, from 1).
    UnnamedColumn { position: usize },
    TooManyRows { max: usize },
    TooLarge { max_bytes: usize },
}

/// Why one line is refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LineProblem {
    Field(BookField, FieldError),
    FieldCount { expected: usize, found: usize },
    /// The same ISBN as an earlier line of the file.
    RepeatedIsbn { first_line: usize },
    /// The ISBN of a book already on the shelf.
    AlreadyOnShelf { title: String },
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RejectedLine {
    pub line: usize,
    pub problems: Vec<LineProblem>,
}

/// What importing the file would do.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportPlan {
    /// The good lines, with their line numbers.
    pub books: Vec<(usize, BookFields)>,
    pub rejected: Vec<RejectedLine>,
}

/// The ISBNs of the shelf's live books, each with its book's title: a
/// line with one of them is a book already there.
fn isbns_on_shelf(shelf: &[Book]) -> HashMap<&str, &str> {
    shelf.iter().filter(|b| b.meta.is_live()).filter_map(|b| Some((b.isbn.as_deref()?, b.title.as_str()))).collect()
}

/// The books of a checked list still to import, and those left out: a
/// book with their ISBN reached the shelf (from the office, another tab)
/// since the check, which would have refused them had it been there
/// ([`LineProblem::AlreadyOnShelf`]). `stored`: the books stored now with
/// the list's ISBNs.
pub fn still_new(books: Vec<Book>, stored: &[Book]) -> (Vec<Book>, Vec<Book>) {
    let on_shelf = isbns_on_shelf(stored);
    books.into_iter().partition(|book| book.isbn.as_deref().is_none_or(|isbn| !on_shelf.contains_key(isbn)))
}

/// Reads a file's bytes into a plan. `shelf` is the catalogue now, so an
/// ISBN already there is reported rather than imported twice.
pub fn plan_import(bytes: &[u8], shelf: &[Book]) -> Result<ImportPlan, FileProblem> {
    let mut planner = Planner::new(bytes, shelf)?;
    while !planner.check(usize::MAX)? {}
    Ok(planner.plan)
}

/// A plan made a slice of lines at a time, so the page can answer taps
/// and show progress between slices of a big file: the file is read as it
/// is checked (reading 19,000 lines at once held the page for a quarter of
/// a second).
pub struct Planner<'a> {
    columns: Vec<&'static str>,
    records: CsvReader<'a>,
    rows_read: usize,
    /// The line of the last record read, and the file's lines.
    line_reached: usize,
    total_lines: usize,
    on_shelf: HashMap<&'a str, &'a str>,
    seen_isbn: HashMap<String, usize>,
    pub plan: ImportPlan,
}

impl<'a> Planner<'a> {
    /// Reads the file's header; refuses what is not a book list at all.
    pub fn new(bytes: &'a [u8], shelf: &'a [Book]) -> Result<Planner<'a>, FileProblem> {
        if bytes.len() > MAX_BYTES {
            return Err(FileProblem::TooLarge { max_bytes: MAX_BYTES });
        }
        let text = std::str::from_utf8(bytes).map_err(|_| FileProblem::NotUtf8)?;
        let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
        let mut records = CsvReader::new(text);
        let header = records.next().ok_or(FileProblem::Empty)?.map_err(FileProblem::Malformed)?;
        let columns = read_header(&header.fields)?;
        let on_shelf = isbns_on_shelf(shelf);
        Ok(Planner {
            columns,
            records,
            rows_read: 0,
            line_reached: header.line,
            total_lines: line_count(text),
            on_shelf,
            seen_isbn: HashMap::new(),
            plan: ImportPlan { books: Vec::new(), rejected: Vec::new() },
        })
    }

    /// The line reached, of the file's lines.
    pub fn progress(&self) -> (usize, usize) {
        (self.line_reached, self.total_lines)
    }

    /// Reads and checks up to `rows` more rows: `Ok(true)` once the whole
    /// file is checked. A file that turns out not to be CSV, or too long
    /// to be a book list, is refused whole.
    pub fn check(&mut self, rows: usize) -> Result<bool, FileProblem> {
        for _ in 0..rows {
            let Some(row) = self.records.next() else { return Ok(true) };
            let row = row.map_err(FileProblem::Malformed)?;
            self.rows_read += 1;
            if self.rows_read > MAX_ROWS {
                return Err(FileProblem::TooManyRows { max: MAX_ROWS });
            }
            self.line_reached = row.line;
            self.check_row(row);
        }
        Ok(false)
    }

    fn check_row(&mut self, row: CsvRecord) {
        let columns = &self.columns;
        if row.fields.len() != columns.len() {
            self.plan.rejected.push(RejectedLine {
                line: row.line,
                problems: vec![LineProblem::FieldCount { expected: columns.len(), found: row.fields.len() }],
            });
            return;
        }
        let cell = |name: &str| columns.iter().position(|c| *c == name).map_or("", |i| row.fields[i].as_str());
        let form = BookForm {
            title: cell("title").into(),
            authors: cell("authors").into(),
            isbn: cell("isbn").into(),
            // No copies column, or an empty cell: one copy.
            copies: if cell("copies").trim().is_empty() { "1".into() } else { cell("copies").into() },
            tags: cell("tags").into(),
            recommended_by: cell("recommended_by").into(),
            shelf: cell("shelf").into(),
            notes: cell("notes").into(),
            // A book list has no pictures.
            photo: None,
        };
        let mut problems: Vec<LineProblem> = Vec::new();
        if let Ok(isbn) = parse_isbn(cell("isbn")) {
            if let Some(title) = self.on_shelf.get(isbn.as_str()) {
                problems.push(LineProblem::AlreadyOnShelf { title: title.to_string() });
            } else if let Some(&first_line) = self.seen_isbn.get(&isbn) {
                problems.push(LineProblem::RepeatedIsbn { first_line });
            } else {
                self.seen_isbn.insert(isbn, row.line);
            }
        }
        match form.validate() {
            Ok(fields) if problems.is_empty() => self.plan.books.push((row.line, fields)),
            Ok(_) => self.plan.rejected.push(RejectedLine { line: row.line, problems }),
            Err(errors) => {
                let mut all: Vec<LineProblem> = errors.into_iter().map(|(f, e)| LineProblem::Field(f, e)).collect();
                all.extend(problems);
                self.plan.rejected.push(RejectedLine { line: row.line, problems: all });
            }
        }
    }
}

/// A column name as a message quotes it: a file that is not a list at all
/// may have a first line of megabytes.
fn shortened(name: &str) -> String {
    const SHOWN: usize = 40;
    match name.char_indices().nth(SHOWN) {
        Some((cut, _)) => format!("{}…", &name[..cut]),
        None => name.to_owned(),
    }
}

fn read_header(fields: &[String]) -> Result<Vec<&'static str>, FileProblem> {
    let mut columns: Vec<&'static str> = Vec::new();
    for (position, raw) in fields.iter().enumerate() {
        if raw.trim().is_empty() {
            return Err(FileProblem::UnnamedColumn { position: position + 1 });
        }
        let name = raw.trim().to_lowercase().replace([' ', '-'], "_");
        let known = COLUMNS.iter().find(|c| **c == name).ok_or_else(|| FileProblem::UnknownColumn(shortened(raw.trim())))?;
        if columns.contains(known) {
            return Err(FileProblem::DuplicateColumn(name));
        }
        columns.push(known);
    }
    if !columns.contains(&"title") {
        return Err(FileProblem::MissingColumn("title"));
    }
    Ok(columns)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::record::Meta;

    fn on_shelf(title: &str, isbn: &str) -> Book {
        BookForm { title: title.into(), isbn: isbn.into(), copies: "1".into(), ..BookForm::default() }
            .validate()
            .unwrap()
            .into_book(Meta::new(title.into(), 0, "d"))
    }

    #[test]
    fn a_book_whose_isbn_reached_the_shelf_since_the_check_is_left_out() {
        let plan = plan_import(b"title,isbn\nDune,978-0-441-17271-9\nEmma,978-0-306-40615-7\nNo ISBN,\n", &[]).unwrap();
        let books: Vec<Book> = plan.books.into_iter().map(|(line, f)| f.into_book(Meta::new(line.to_string(), 1, "d"))).collect();
        let mut retired = on_shelf("Emma (retired)", "9780306406157");
        retired.meta.deleted_at = Some(2);
        // Arrived meanwhile: Dune under another title; Emma only retired.
        let stored = [on_shelf("Dune (office copy)", "9780441172719"), retired];
        let (new, left_out) = still_new(books, &stored);
        let titles = |books: &[Book]| books.iter().map(|b| b.title.clone()).collect::<Vec<_>>();
        assert_eq!(titles(&new), ["Emma", "No ISBN"]);
        assert_eq!(titles(&left_out), ["Dune"]);
    }

    #[test]
    fn good_lines_and_bad_lines_with_reasons() {
        let csv = "\u{FEFF}Title,Authors,ISBN,Copies,Tags,Recommended by,Shelf\r\n\
            Dune,Frank Herbert,978-0-441-17271-9,2,sci-fi; classic,Ana,B1\r\n\
            ,Nobody,,1,,,\r\n\
            \"Doe, the book\",\"Jane Doe; John Doe\",,0,,,\r\n\
            Bad ISBN,Someone,978-0-306-40615-8,1,,,\r\n\
            Too,few\r\n\
            Dune again,Frank Herbert,9780441172719,1,,,\r\n\
            Known,Someone,978-0-306-40615-7,1,,,\r\n";
        let shelf = [on_shelf("Already here", "9780306406157")];
        let plan = plan_import(csv.as_bytes(), &shelf).unwrap();
        assert_eq!(plan.books.len(), 1);
        assert_eq!(plan.books[0].0, 2);
        assert_eq!(plan.books[0].1.tags, ["sci-fi", "classic"]);
        let reasons: Vec<(usize, Vec<LineProblem>)> = plan.rejected.into_iter().map(|r| (r.line, r.problems)).collect();
        assert_eq!(
            reasons,
            [
                (3, vec![LineProblem::Field(BookField::Title, FieldError::Required)]),
                (4, vec![LineProblem::Field(BookField::Copies, FieldError::OutOfRange { min: 1, max: 99 })]),
                (5, vec![LineProblem::Field(BookField::Isbn, FieldError::InvalidIsbn)]),
                (6, vec![LineProblem::FieldCount { expected: 7, found: 2 }]),
                (7, vec![LineProblem::RepeatedIsbn { first_line: 2 }]),
                (8, vec![LineProblem::AlreadyOnShelf { title: "Already here".into() }]),
            ]
        );
    }

    #[test]
    fn files_that_are_not_book_lists() {
        assert_eq!(plan_import(b"\xff\xfeT\x00i\x00", &[]), Err(FileProblem::NotUtf8));
        assert_eq!(plan_import("Titre,Auteur\nX,Y".as_bytes(), &[]), Err(FileProblem::UnknownColumn("Titre".into())));
        assert_eq!(plan_import(b"authors,isbn\nA,1", &[]), Err(FileProblem::MissingColumn("title")));
        assert_eq!(plan_import(b"title,Title\nA,B", &[]), Err(FileProblem::DuplicateColumn("title".into())));
        assert_eq!(plan_import(b"", &[]), Err(FileProblem::Empty));
        assert_eq!(
            plan_import(b"title\n\"open", &[]),
            Err(FileProblem::Malformed(CsvError::UnterminatedQuote { line: 2 }))
        );
        // Windows-1252 "é" is not UTF-8: refused, not garbled.
        assert_eq!(plan_import(b"title\nL'\xe9t\xe9", &[]), Err(FileProblem::NotUtf8));
    }

    #[test]
    fn ten_thousand_lines() {
        let mut csv = String::from("title,copies\n");
        for i in 0..10_000 {
            csv.push_str(&format!("Book {i},{}\n", i % 3 + 1));
        }
        let plan = plan_import(csv.as_bytes(), &[]).unwrap();
        assert_eq!(plan.books.len(), 10_000);
        assert!(plan.rejected.is_empty());
        let too_many = format!("title\n{}", "x\n".repeat(MAX_ROWS + 1));
        assert_eq!(plan_import(too_many.as_bytes(), &[]), Err(FileProblem::TooManyRows { max: MAX_ROWS }));
        let too_big = format!("title\n{}", "x".repeat(MAX_BYTES));
        assert_eq!(plan_import(too_big.as_bytes(), &[]), Err(FileProblem::TooLarge { max_bytes: MAX_BYTES }));
    }

    #[test]
    fn an_unknown_column_is_quoted_short() {
        let long = "é".repeat(5_000);
        let Err(FileProblem::UnknownColumn(quoted)) = plan_import(format!("{long}\nx\n").as_bytes(), &[]) else { panic!() };
        assert_eq!(quoted, format!("{}…", "é".repeat(40)));
    }

    #[test]
    fn a_header_cell_left_empty_is_named_by_its_place() {
        // A spreadsheet's export with a trailing empty column.
        assert_eq!(plan_import(b"title,\nDune,\n", &[]), Err(FileProblem::UnnamedColumn { position: 2 }));
    }

    #[test]
    fn checked_in_slices_the_plan_is_the_same_and_progress_counts_up() {
        let mut csv = String::from("title,isbn,copies\n");
        for i in 0..1_000 {
            // Every seventh line repeats an ISBN, every eleventh has no title.
            let title = if i % 11 == 0 { String::new() } else { format!("Book {i}") };
            let isbn = if i % 7 == 0 { "9780306406157" } else { "" };
            csv.push_str(&format!("{title},{isbn},1\n"));
        }
        let whole = plan_import(csv.as_bytes(), &[]).unwrap();
        let mut planner = Planner::new(csv.as_bytes(), &[]).unwrap();
        let mut seen = vec![planner.progress()];
        while !planner.check(64).unwrap() {
            seen.push(planner.progress());
        }
        assert_eq!(planner.plan, whole);
        // The header is line 1; the last of 1,000 rows is line 1,001.
        assert_eq!(seen.first(), Some(&(1, 1_001)));
        assert!(seen.windows(2).all(|w| w[1].0 == w[0].0 + 64 || w[1].0 == 1_001), "{seen:?}");
        assert_eq!(planner.progress(), (1_001, 1_001));
    }

    #[test]
    fn a_fault_far_into_a_big_file_refuses_it_whole() {
        let csv = format!("title\n{}\"open", "x\n".repeat(5_000));
        let mut planner = Planner::new(csv.as_bytes(), &[]).unwrap();
        assert_eq!(planner.check(1_000), Ok(false), "read a slice at a time");
        assert!(!planner.plan.books.is_empty());
        let end = loop {
            match planner.check(1_000) {
                Ok(false) => continue,
                end => break end,
            }
        };
        assert_eq!(end, Err(FileProblem::Malformed(CsvError::UnterminatedQuote { line: 5_002 })));
    }
}
