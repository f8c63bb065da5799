//! The office bookshelf's catalogue: book records, the add/edit form's
//! validation, ISBNs, generated covers, and search.

use super::date::Instant;
use super::record::Meta;
use super::settings::parse_whole_number;
use super::text::{fold, multi_line, or_empty, single_line, FieldError};
use serde::{Deserialize, Serialize};

pub const TITLE_MAX_CHARS: usize = 300;
pub const AUTHOR_MAX_CHARS: usize = 120;
pub const TAG_MAX_CHARS: usize = 40;
pub const SHELF_MAX_CHARS: usize = 20;
pub const NOTES_MAX_CHARS: usize = 2000;
pub const RECOMMENDER_MAX_CHARS: usize = 100;
pub const COPIES_MAX: u32 = 99;
/// A cover photo as the app makes it (a JPEG of at most 240 × 340 pixels,
/// `pwa::files::small_jpeg`), as a data URL: about 20–40 KB, kept in the
/// book's record so it syncs and is backed up with it.
pub const PHOTO_MAX_CHARS: usize = 64_000;
pub const PHOTO_WIDTH: u32 = 240;
pub const PHOTO_HEIGHT: u32 = 340;
/// A picture file larger than this is not opened (a phone's camera makes
/// 2–12 MB): decoding one would hold the page.
pub const PICTURE_MAX_BYTES: u64 = 40 * 1024 * 1024;
const PHOTO_PREFIX: &str = "data:image/jpeg;base64,";

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Book {
    pub meta: Meta,
    pub title: String,
    pub authors: Vec<String>,
    /// ISBN-13, digits only.
    #[serde(default)]
    pub isbn: Option<String>,
    #[serde(default)]
    pub tags: Vec<String>,
    /// Who in the office recommends it.
    #[serde(default)]
    pub recommended_by: Option<String>,
    pub copies: u32,
    /// Where it stands on the shelf ("B2").
    #[serde(default)]
    pub shelf: String,
    #[serde(default)]
    pub notes: String,
    /// The changes of `copies`, oldest first (none: as many since it was
    /// added; the latest [`COPIES_CHANGES_KEPT`]).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub copies_changes: Vec<CopiesChange>,
    /// Its cover photo, a JPEG data URL ([`check_photo`]); none: a
    /// generated cover ([`cover`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub photo: Option<String>,
}

/// Changes of copies a book keeps: a count changes a few times in a
/// book's life; before the oldest kept, its `before` stands.
pub const COPIES_CHANGES_KEPT: usize = 20;

/// A change of a book's number of copies: when, and how many it had
/// before. The lending replay counts the copies there were at each moment
/// ([`derive_shelf`](super::library::derive_shelf)), so an edit never
/// rewrites who had a copy before it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CopiesChange {
    pub at: Instant,
    pub before: u32,
}

impl Book {
    /// The changes of copies to keep when `self` is saved over `stored` at
    /// `now`: the stored ones (a form does not carry them), and one more if
    /// the count changed.
    pub fn copies_changes_over(&self, stored: &Book, now: Instant) -> Vec<CopiesChange> {
        let mut changes = stored.copies_changes.clone();
        if self.copies != stored.copies {
            changes.push(CopiesChange { at: now, before: stored.copies });
            let over = changes.len().saturating_sub(COPIES_CHANGES_KEPT);
            changes.drain(..over);
        }
        changes
    }
}

/// Another live book with this ISBN than `except` (editing a book must not
/// make two books of one ISBN; adding one asks first, see the editor).
pub fn isbn_taken<'a>(books: &'a [Book], isbn: &str, except: &str) -> Option<&'a Book> {
    books.iter().find(|b| b.meta.is_live() && b.meta.id != except && b.isbn.as_deref() == Some(isbn))
}

/// The check digit of a 13-digit ISBN given its first twelve digits.
pub fn isbn13_check_digit(first_twelve: &[u8; 12]) -> u8 {
    let sum: u32 = first_twelve
        .iter()
        .enumerate()
        .map(|(i, &d)| u32::from(d) * if i % 2 == 0 { 1 } else { 3 })
        .sum();
    ((10 - sum % 10) % 10) as u8
}

/// Reads a typed or scanned ISBN-10 or ISBN-13 (hyphens and spaces
/// allowed) and gives its 13 digits; an ISBN-10 becomes its 978 ISBN-13.
pub fn parse_isbn(raw: &str) -> Result<String, FieldError> {
    let compact: Vec<char> = raw.chars().filter(|c| !matches!(c, '-' | ' ' | '\u{2010}' | '\u{2011}')).collect();
    let digit = |c: &char| c.to_digit(10).map(|d| d as u8);
    match compact.len() {
        13 => {
            let digits: Vec<u8> = compact.iter().filter_map(digit).collect();
            if digits.len() != 13 || !(digits.starts_with(&[9, 7, 8]) || digits.starts_with(&[9, 7, 9])) {
                return Err(FieldError::InvalidIsbn);
            }
            let first: [u8; 12] = digits[..12].try_into().expect("12 digits");
            (isbn13_check_digit(&first) == digits[12])
                .then(|| compact.iter().collect())
                .ok_or(FieldError::InvalidIsbn)
        }
        10 => {
            let mut sum = 0u32;
            for (i, c) in compact.iter().enumerate() {
                let value = match (i, c) {
                    (9, 'X' | 'x') => 10,
                    _ => u32::from(digit(c).ok_or(FieldError::InvalidIsbn)?),
                };
                sum += value * (10 - i as u32);
            }
            if !sum.is_multiple_of(11) {
                return Err(FieldError::InvalidIsbn);
            }
            let mut first = [9, 7, 8, 0, 0, 0, 0, 0, 0, 0, 0, 0];
            for (slot, c) in first[3..].iter_mut().zip(&compact[..9]) {
                *slot = digit(c).expect("checked above");
            }
            let check = isbn13_check_digit(&first);
            Ok(first.iter().chain([&check]).map(|d| char::from(b'0' + d)).collect())
        }
        _ => Err(FieldError::InvalidIsbn),
    }
}

/// Splits a list typed in one field ("Ann Ray; Bo Li" or "a, b"), trimming
/// and dropping empty items.
pub fn split_list(raw: &str) -> Vec<&str> {
    raw.split([';', ',']).map(str::trim).filter(|s| !s.is_empty()).collect()
}

/// A cover photo is a JPEG data URL within [`PHOTO_MAX_CHARS`] whose
/// picture is at most [`PHOTO_WIDTH`] × [`PHOTO_HEIGHT`]: what the app
/// makes of a chosen picture, and nothing else. A record from elsewhere
/// cannot put another kind of file in a page (browsers go by a picture's
/// bytes, not its label), nor a small file that would decode to a huge
/// picture.
pub fn check_photo(photo: &str) -> Result<(), FieldError> {
    if photo.len() > PHOTO_MAX_CHARS {
        return Err(FieldError::TooLong { max: PHOTO_MAX_CHARS });
    }
    let bytes = photo.strip_prefix(PHOTO_PREFIX).and_then(decode_base64).ok_or(FieldError::NotAPhoto)?;
    match jpeg_size(&bytes) {
        Some((width, height)) if (1..=PHOTO_WIDTH).contains(&width) && (1..=PHOTO_HEIGHT).contains(&height) => Ok(()),
        _ => Err(FieldError::NotAPhoto),
    }
}

/// Standard base64 with its padding; `None` for anything else.
fn decode_base64(text: &str) -> Option<Vec<u8>> {
    if !text.len().is_multiple_of(4) {
        return None;
    }
    let body = text.strip_suffix("==").or_else(|| text.strip_suffix('=')).unwrap_or(text);
    let value = |c: u8| -> Option<u32> {
        let v = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            _ => return None,
        };
        Some(u32::from(v))
    };
    let mut bytes = Vec::with_capacity(body.len() / 4 * 3 + 2);
    for group in body.as_bytes().chunks(4) {
        let mut bits = 0u32;
        for &c in group {
            bits = bits << 6 | value(c)?;
        }
        // A group of n characters carries n - 1 bytes.
        let kept = group.len().checked_sub(1).filter(|&n| n > 0)?;
        bits <<= 6 * (4 - group.len());
        bytes.extend_from_slice(&[(bits >> 16) as u8, (bits >> 8) as u8, bits as u8][..kept]);
    }
    Some(bytes)
}

/// The width and height a JPEG's frame header declares, read segment by
/// segment from its start; `None` if it is not a JPEG or has no frame
/// before its picture data.
fn jpeg_size(bytes: &[u8]) -> Option<(u32, u32)> {
    if !bytes.starts_with(&[0xFF, 0xD8]) {
        return None;
    }
    let byte = |at: usize| bytes.get(at).copied();
    let pair = |at: usize| Some(u32::from(byte(at)?) << 8 | u32::from(byte(at + 1)?));
    let mut at = 2;
    loop {
        if byte(at)? != 0xFF {
            return None;
        }
        // A marker may be padded with more 0xFF.
        while byte(at)? == 0xFF {
            at += 1;
        }
        let kind = byte(at)?;
        match kind {
            // Start of frame (every coding): length, precision, height, width.
            0xC0..=0xCF if !matches!(kind, 0xC4 | 0xC8 | 0xCC) => return Some((pair(at + 6)?, pair(at + 4)?)),
            // Markers without a length.
            0x01 | 0xD0..=0xD7 => at += 1,
            // The picture's data or its end, before any frame.
            0xD9 | 0xDA => return None,
            _ => {
                let length = pair(at + 1)?;
                if length < 2 {
                    return None;
                }
                at += 1 + length as usize;
            }
        }
    }
}

/// The add/edit form, as typed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct BookForm {
    pub title: String,
    /// Authors separated by commas or semicolons.
    pub authors: String,
    pub isbn: String,
    pub copies: String,
    pub tags: String,
    pub recommended_by: String,
    pub shelf: String,
    pub notes: String,
    /// The cover photo chosen (not typed: made by the app from a picture).
    pub photo: Option<String>,
}

/// The fields of a valid form, ready to store.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BookFields {
    pub title: String,
    pub authors: Vec<String>,
    pub isbn: Option<String>,
    pub copies: u32,
    pub tags: Vec<String>,
    pub recommended_by: Option<String>,
    pub shelf: String,
    pub notes: String,
    pub photo: Option<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BookField {
    Title,
    Authors,
    Isbn,
    Copies,
    Tags,
    RecommendedBy,
    Shelf,
    Notes,
    Photo,
}

/// Per-field errors of a refused form, in form order.
pub type BookErrors = Vec<(BookField, FieldError)>;

fn optional(raw: &str, max: usize) -> Result<Option<String>, FieldError> {
    or_empty(single_line(raw, max)).map(|text| (!text.is_empty()).then_some(text))
}

fn list(raw: &str, max: usize, fold_case: bool) -> Result<Vec<String>, FieldError> {
    let mut items: Vec<String> = Vec::new();
    for item in split_list(raw) {
        // Folded before the length is checked: a lower-case form can be
        // longer ("İ" is two characters in lower case), and what is saved
        // must keep the limit the field rules check again.
        let item = if fold_case { single_line(&item.to_lowercase(), max)? } else { single_line(item, max)? };
        if !items.contains(&item) {
            items.push(item);
        }
    }
    Ok(items)
}

/// The value, or the error recorded against its field.
fn check<T>(errors: &mut BookErrors, field: BookField, result: Result<T, FieldError>) -> Option<T> {
    result.map_err(|e| errors.push((field, e))).ok()
}

impl BookForm {
    pub fn of(book: &Book) -> BookForm {
        BookForm {
            title: book.title.clone(),
            authors: book.authors.join(", "),
            isbn: book.isbn.clone().unwrap_or_default(),
            copies: book.copies.to_string(),
            tags: book.tags.join(", "),
            recommended_by: book.recommended_by.clone().unwrap_or_default(),
            shelf: book.shelf.clone(),
            notes: book.notes.clone(),
            photo: book.photo.clone(),
        }
    }

    pub fn validate(&self) -> Result<BookFields, BookErrors> {
        let mut errors = BookErrors::new();
        let e = &mut errors;
        let title = check(e, BookField::Title, single_line(&self.title, TITLE_MAX_CHARS));
        let authors = check(e, BookField::Authors, list(&self.authors, AUTHOR_MAX_CHARS, false));
        let isbn = check(
            e,
            BookField::Isbn,
            if self.isbn.trim().is_empty() { Ok(None) } else { parse_isbn(&self.isbn).map(Some) },
        );
        let copies = check(e, BookField::Copies, parse_whole_number(&self.copies, 1, COPIES_MAX));
        let tags = check(e, BookField::Tags, list(&self.tags, TAG_MAX_CHARS, true));
        let recommended_by = check(e, BookField::RecommendedBy, optional(&self.recommended_by, RECOMMENDER_MAX_CHARS));
        let shelf = check(e, BookField::Shelf, optional(&self.shelf, SHELF_MAX_CHARS));
        let notes = check(e, BookField::Notes, or_empty(multi_line(&self.notes, NOTES_MAX_CHARS)));
        if let Some(photo) = &self.photo {
            check(e, BookField::Photo, check_photo(photo));
        }
        match (title, authors, isbn, copies, tags, recommended_by, shelf, notes) {
            (Some(title), Some(authors), Some(isbn), Some(copies), Some(tags), Some(recommended_by), Some(shelf), Some(notes))
                if errors.is_empty() =>
            {
                let (shelf, photo) = (shelf.unwrap_or_default(), self.photo.clone());
                Ok(BookFields { title, authors, isbn, copies, tags, recommended_by, shelf, notes, photo })
            }
            _ => Err(errors),
        }
    }
}

impl BookFields {
    pub fn into_book(self, meta: Meta) -> Book {
        Book {
            meta,
            title: self.title,
            authors: self.authors,
            isbn: self.isbn,
            tags: self.tags,
            recommended_by: self.recommended_by,
            copies: self.copies,
            shelf: self.shelf,
            notes: self.notes,
            copies_changes: Vec::new(),
            photo: self.photo,
        }
    }
}

/// An ISBN-13 as a spreadsheet keeps it: "978-0441172719". Thirteen bare
/// digits would become a number (9.78044E+12), and the list saved back
/// would no longer import; [`parse_isbn`] reads it back as it was.
pub fn isbn_for_spreadsheets(isbn: &str) -> String {
    match isbn.split_at_checked(3) {
        Some((prefix, rest)) if isbn.len() == 13 && isbn.bytes().all(|b| b.is_ascii_digit()) => format!("{prefix}-{rest}"),
        _ => isbn.to_owned(),
    }
}

/// A book's copies with `more` added ("Add a copy instead" of a second
/// book of one ISBN), within what a book may have.
pub fn more_copies(copies: u32, more: u32) -> Result<u32, FieldError> {
    match copies.saturating_add(more) {
        total if total <= COPIES_MAX => Ok(total),
        _ => Err(FieldError::OutOfRange { min: 1, max: COPIES_MAX }),
    }
}

/// A generated cover for a book without a photo: a hue from the title and
/// its initials.
pub fn cover(title: &str) -> (u16, String) {
    // FNV-1a: stable across platforms and versions.
    let hash = fold(title).bytes().fold(0x811c_9dc5u32, |h, b| (h ^ u32::from(b)).wrapping_mul(0x0100_0193));
    let initials = title
        .split(|c: char| c.is_whitespace() || c == '\'' || c == '’')
        .filter_map(|word| word.chars().find(|c| c.is_alphanumeric()))
        .take(2)
        .flat_map(char::to_uppercase)
        .collect();
    ((hash % 360) as u16, initials)
}

/// What a search looks through: title, authors, ISBN and tags, folded.
pub fn search_text(book: &Book) -> String {
    let mut text = fold(&book.title);
    for part in book.authors.iter().chain(&book.tags) {
        text.push('\n');
        text.push_str(&fold(part));
    }
    if let Some(isbn) = &book.isbn {
        text.push('\n');
        text.push_str(isbn);
    }
    text
}

/// The words of a query, folded. A word of digits and hyphens is an ISBN
/// fragment: its hyphens go, as stored ISBNs have none.
pub fn query_terms(query: &str) -> Vec<String> {
    fold(query)
        .split_whitespace()
        .map(|word| {
            if word.chars().all(|c| c.is_ascii_digit() || c == '-' || c == 'x') && word.chars().any(|c| c.is_ascii_digit()) {
                word.replace('-', "")
            } else {
                word.to_owned()
            }
        })
        .filter(|w| !w.is_empty())
        .collect()
}

/// Every term appears in the book's search text.
pub fn matches(search_text: &str, terms: &[String]) -> bool {
    terms.iter().all(|t| search_text.contains(t.as_str()))
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    #[test]
    fn isbns_for_spreadsheets_stay_text_and_read_back() {
        assert_eq!(isbn_for_spreadsheets("9780441172719"), "978-0441172719");
        assert_eq!(parse_isbn(&isbn_for_spreadsheets("9780441172719")), Ok("9780441172719".into()));
        assert_eq!(isbn_for_spreadsheets("12345"), "12345", "anything else as it is");
    }

    #[test]
    fn copies_added_stay_within_what_a_book_may_have() {
        assert_eq!(more_copies(2, 1), Ok(3));
        assert_eq!(more_copies(98, 1), Ok(COPIES_MAX));
        assert_eq!(more_copies(98, 5), Err(FieldError::OutOfRange { min: 1, max: COPIES_MAX }));
        assert_eq!(more_copies(u32::MAX, 1), Err(FieldError::OutOfRange { min: 1, max: COPIES_MAX }));
    }

    #[test]
    fn a_change_of_copies_is_kept_until_the_next_one() {
        let stored = BookForm { title: "Dune".into(), copies: "1".into(), ..BookForm::default() }.validate().unwrap().into_book(Meta::new("b".into(), 0, "d"));
        let retitled = Book { title: "Dune (new cover)".into(), ..stored.clone() };
        assert_eq!(retitled.copies_changes_over(&stored, 5), [], "no change of copies: none recorded");
        let more = Book { copies: 3, ..stored.clone() };
        let changes = more.copies_changes_over(&stored, 7);
        assert_eq!(changes, [CopiesChange { at: 7, before: 1 }]);
        let saved = Book { copies_changes: changes.clone(), ..more };
        // The form's next save (which does not carry them) keeps them.
        let edited_again = Book { copies_changes: Vec::new(), title: "Dune!".into(), ..saved.clone() };
        assert_eq!(edited_again.copies_changes_over(&saved, 9), changes);
        // Back to one: a second change, after the first.
        let fewer = Book { copies: 1, ..saved.clone() };
        assert_eq!(fewer.copies_changes_over(&saved, 11), [CopiesChange { at: 7, before: 1 }, CopiesChange { at: 11, before: 3 }]);
        // The latest few are kept.
        let mut many = saved.clone();
        for n in 0..30 {
            let next = Book { copies: 2 + n % 2, ..many.clone() };
            many = Book { copies_changes: next.copies_changes_over(&many, 20 + i64::from(n)), ..next };
        }
        assert_eq!(many.copies_changes.len(), COPIES_CHANGES_KEPT);
        assert_eq!(many.copies_changes.last().map(|c| c.at), Some(49));
    }

    #[test]
    fn isbn13_check_digit_of_a_known_isbn() {
        // 978-0-306-40615-7, the usual worked example.
        assert_eq!(isbn13_check_digit(&[9, 7, 8, 0, 3, 0, 6, 4, 0, 6, 1, 5]), 7);
    }

    #[test]
    fn isbns() {
        assert_eq!(parse_isbn("978-0-306-40615-7"), Ok("9780306406157".into()));
        assert_eq!(parse_isbn(" 978 0306406157 "), Ok("9780306406157".into()));
        // ISBN-10 to ISBN-13, the X check digit included.
        assert_eq!(parse_isbn("0-306-40615-2"), Ok("9780306406157".into()));
        assert_eq!(parse_isbn("0-8044-2957-X"), Ok("9780804429573".into()));
        assert_eq!(parse_isbn("080442957x"), Ok("9780804429573".into()));
        for bad in ["978-0-306-40615-8", "0-306-40615-3", "123", "97803064061570", "977-0-306-40615-7", "X306406152", "abcdefghij", ""] {
            assert_eq!(parse_isbn(bad), Err(FieldError::InvalidIsbn), "{bad}");
        }
    }

    #[test]
    fn a_tag_keeps_its_limit_in_lower_case() {
        let at_limit = "İ".repeat(TAG_MAX_CHARS);
        let refused = BookForm { tags: at_limit, ..form() }.validate().unwrap_err();
        assert_eq!(refused, [(BookField::Tags, FieldError::TooLong { max: TAG_MAX_CHARS })]);
        let fits = BookForm { tags: "İ".repeat(TAG_MAX_CHARS / 2), ..form() }.validate().unwrap();
        assert_eq!(fits.tags[0].chars().count(), TAG_MAX_CHARS);
    }

    fn form() -> BookForm {
        BookForm {
            title: "  L'Étranger ".into(),
            authors: "Albert Camus".into(),
            isbn: "".into(),
            copies: "2".into(),
            tags: "Novel, classic; novel".into(),
            recommended_by: "".into(),
            shelf: "A1".into(),
            notes: "Paperback.\nSlightly worn.".into(),
            photo: None,
        }
    }

    #[test]
    fn a_valid_form_is_cleaned() {
        let fields = form().validate().unwrap();
        assert_eq!(fields.title, "L'Étranger");
        assert_eq!(fields.authors, ["Albert Camus"]);
        assert_eq!(fields.tags, ["novel", "classic"]);
        assert_eq!((fields.copies, fields.isbn, fields.recommended_by), (2, None, None));
        assert_eq!(fields.notes, "Paperback.\nSlightly worn.");
    }

    fn base64(bytes: &[u8]) -> String {
        const DIGITS: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        let mut text = String::new();
        for group in bytes.chunks(3) {
            let bits = group.iter().enumerate().fold(0u32, |bits, (i, &b)| bits | u32::from(b) << (16 - 8 * i));
            for i in 0..4 {
                text.push(if i <= group.len() { DIGITS[(bits >> (18 - 6 * i) & 63) as usize] as char } else { '=' });
            }
        }
        text
    }

    /// A JPEG's headers (JFIF, a comment of `comment` bytes, the frame of
    /// `width` × `height`) and its end: what `check_photo` reads.
    fn jpeg_bytes(width: u16, height: u16, comment: usize) -> Vec<u8> {
        let mut bytes = vec![0xFF, 0xD8, 0xFF, 0xE0, 0, 16, b'J', b'F', b'I', b'F', 0, 1, 1, 0, 0, 1, 0, 1, 0, 0];
        bytes.extend([0xFF, 0xFE]);
        bytes.extend(((comment + 2) as u16).to_be_bytes());
        bytes.extend(std::iter::repeat_n(b'x', comment));
        bytes.extend([0xFF, 0xC0, 0, 17, 8]);
        bytes.extend(height.to_be_bytes());
        bytes.extend(width.to_be_bytes());
        bytes.extend([3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1, 0xFF, 0xD9]);
        bytes
    }

    pub(crate) fn jpeg_photo(width: u16, height: u16) -> String {
        format!("data:image/jpeg;base64,{}", base64(&jpeg_bytes(width, height, 0)))
    }

    #[test]
    fn base64_reads_back_what_was_written() {
        for n in 0..12 {
            let bytes: Vec<u8> = (0..n).map(|i| (i * 37 + 200) as u8).collect();
            assert_eq!(decode_base64(&base64(&bytes)), Some(bytes));
        }
        for bad in ["A", "AB", "A===", "AB=C", "AB C", "AB\"<", "=AAA"] {
            assert_eq!(decode_base64(bad), None, "{bad}");
        }
    }

    #[test]
    fn a_cover_photo_is_a_jpeg_data_url_within_its_size() {
        for (width, height) in [(240, 340), (227, 340), (240, 160), (1, 1)] {
            assert_eq!(check_photo(&jpeg_photo(width, height)), Ok(()), "{width} × {height}");
        }
        // Markers padded with 0xFF, and the other frame kinds (progressive).
        let mut padded = jpeg_bytes(100, 100, 3);
        padded.splice(2..2, [0xFF, 0xFF]);
        let frame = padded.windows(2).position(|w| w == [0xFF, 0xC0]).unwrap();
        padded[frame + 1] = 0xC2;
        assert_eq!(check_photo(&format!("data:image/jpeg;base64,{}", base64(&padded))), Ok(()));

        let url_with = |comment| format!("data:image/jpeg;base64,{}", base64(&jpeg_bytes(240, 340, comment)));
        // Base64 takes 4 characters per 3 bytes: no more comment than that fits.
        let fits = (0..PHOTO_MAX_CHARS / 4 * 3).rev().find(|&n| url_with(n).len() <= PHOTO_MAX_CHARS).unwrap();
        assert_eq!(check_photo(&url_with(fits)), Ok(()));
        assert_eq!(check_photo(&url_with(fits + 3)), Err(FieldError::TooLong { max: PHOTO_MAX_CHARS }));

        let jpeg = |base64: &str| format!("data:image/jpeg;base64,{base64}");
        let no_frame = [0xFF, 0xD8, 0xFF, 0xDA, 0, 2, 0xFF, 0xD9];
        for bad in [
            // Larger than the app makes them, or empty: a small file may
            // say it is a picture of 65,535 × 65,535.
            jpeg_photo(241, 340),
            jpeg_photo(240, 341),
            jpeg_photo(65_535, 65_535),
            jpeg_photo(0, 10),
            jpeg(&base64(&no_frame)),
            jpeg(&base64(&no_frame[..3])),
            String::new(),
            jpeg(""),
            jpeg("/9j/abc"),
            jpeg("/9j/ab cd"),
            jpeg("/9j/ab\"><script>"),
            // A PNG's and a GIF's bytes called a JPEG.
            jpeg("iVBORw0KGgo="),
            jpeg("R0lGODlh"),
            "data:image/png;base64,iVBORw0K".into(),
            "data:image/svg+xml;base64,PHN2Zz4=".into(),
            "https://example.com/cover.jpg".into(),
            "javascript:alert(1)".into(),
        ] {
            assert_eq!(check_photo(&bad), Err(FieldError::NotAPhoto), "{bad}");
        }
    }

    #[test]
    fn a_form_keeps_the_photo_and_refuses_a_bad_one() {
        let photo = Some(jpeg_photo(227, 340));
        let fields = BookForm { photo: photo.clone(), ..form() }.validate().unwrap();
        let book = fields.into_book(Meta::new("b1".into(), 1_750_000_000_000, "d"));
        assert_eq!(book.photo, photo);
        assert_eq!(BookForm::of(&book).photo, photo, "editing starts from the stored photo");
        let bad = BookForm { photo: Some("data:image/gif;base64,R0lG".into()), ..form() }.validate();
        assert_eq!(bad.unwrap_err(), [(BookField::Photo, FieldError::NotAPhoto)]);
        // No photo: the record reads and writes as before photos.
        let plain = form().validate().unwrap().into_book(Meta::new("b2".into(), 1_750_000_000_000, "d"));
        let json = serde_json::to_string(&plain).unwrap();
        assert!(!json.contains("photo"), "{json}");
        assert_eq!(serde_json::from_str::<Book>(&json).unwrap(), plain);
    }

    #[test]
    fn each_bad_field_is_named() {
        let bad = BookForm {
            title: "t".repeat(301),
            isbn: "978-0-306-40615-8".into(),
            copies: "0".into(),
            notes: "bell\u{0007}".into(),
            ..form()
        };
        let errors = bad.validate().unwrap_err();
        assert_eq!(
            errors,
            [
                (BookField::Title, FieldError::TooLong { max: 300 }),
                (BookField::Isbn, FieldError::InvalidIsbn),
                (BookField::Copies, FieldError::OutOfRange { min: 1, max: 99 }),
                (BookField::Notes, FieldError::ForbiddenCharacters),
            ]
        );
        let negative = BookForm { copies: "-1".into(), title: " ".into(), ..form() };
        assert_eq!(
            negative.validate().unwrap_err(),
            [(BookField::Title, FieldError::Required), (BookField::Copies, FieldError::OutOfRange { min: 1, max: 99 })]
        );
    }

    #[test]
    fn covers_are_stable_with_initials() {
        assert_eq!(cover("L'Étranger").1, "LÉ");
        assert_eq!(cover("Dune").1, "D");
        assert_eq!(cover("The Three-Body Problem").1, "TT");
        assert_eq!(cover("Dune").0, cover("DUNE").0, "the hue ignores case");
        assert!(cover("Sapiens").0 < 360);
    }

    #[test]
    fn search_ignores_accents_case_and_isbn_hyphens() {
        let book = BookForm { isbn: "978-0-306-40615-7".into(), ..form() }.validate().unwrap().into_book(Meta::new("b".into(), 0, "d"));
        let text = search_text(&book);
        assert!(matches(&text, &query_terms("etranger")));
        assert!(matches(&text, &query_terms("CAMUS étranger")));
        assert!(matches(&text, &query_terms("978-0-306")));
        assert!(matches(&text, &query_terms("classic")));
        assert!(!matches(&text, &query_terms("camus dune")));
        assert!(matches(&text, &query_terms("   ")), "an empty query matches all");
    }
}
