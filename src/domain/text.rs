//! Validation of short user-typed text (names, titles), shared by every form
//! and import, so each rejects the same things with the same messages; and
//! the fold that search and sorting compare text by.

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// Why a field was refused; the UI turns it into a message next to the field.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FieldError {
    Required,
    TooLong { max: usize },
    /// Control, bidi-override or non-characters: invisible or misleading text.
    ForbiddenCharacters,
    UnknownTeam,
    NotAWholeNumber,
    OutOfRange { min: u32, max: u32 },
    InvalidIsbn,
    NotAPrice,
    TooManyDecimals,
    PriceOutOfRange { max_cents: u32 },
    NotATime,
    NotADate,
    /// A date or time outside the years the app's calendar is made for.
    YearOutOfRange { first: i32, last: i32 },
    /// Another book of the catalogue has this ISBN.
    IsbnTaken,
    /// A cover photo that is not a JPEG as the app makes them.
    NotAPhoto,
}

/// Invisible characters that may pad text but never make it non-empty.
fn is_invisible(c: char) -> bool {
    c.is_whitespace() || matches!(c, '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}')
}

fn is_forbidden(c: char) -> bool {
    c.is_control()
        || matches!(c,
            '\u{200E}' | '\u{200F}'            // left-to-right / right-to-left marks
            | '\u{202A}'..='\u{202E}'          // bidi embeddings and overrides
            | '\u{2066}'..='\u{2069}'          // bidi isolates
            | '\u{2028}' | '\u{2029}'          // line and paragraph separators
            | '\u{FDD0}'..='\u{FDEF}'          // non-characters
            | '\u{FFFE}' | '\u{FFFF}')
}

/// Trims invisible padding and checks a one-line text field: not empty, at
/// most `max_chars` characters (Unicode scalar values, as the user counts
/// them closer than bytes), nothing invisible or direction-changing inside.
pub fn single_line(raw: &str, max_chars: usize) -> Result<String, FieldError> {
    let trimmed = raw.trim_matches(is_invisible);
    if trimmed.is_empty() {
        return Err(FieldError::Required);
    }
    if trimmed.chars().any(is_forbidden) {
        return Err(FieldError::ForbiddenCharacters);
    }
    if trimmed.chars().count() > max_chars {
        return Err(FieldError::TooLong { max: max_chars });
    }
    Ok(trimmed.to_owned())
}

/// Like [`single_line`], for longer text where line breaks and tabs are
/// welcome (notes, announcement bodies). Line ends become `\n`.
pub fn multi_line(raw: &str, max_chars: usize) -> Result<String, FieldError> {
    let text = raw.replace("\r\n", "\n").replace('\r', "\n");
    let trimmed = text.trim_matches(is_invisible);
    if trimmed.is_empty() {
        return Err(FieldError::Required);
    }
    if trimmed.chars().any(|c| !matches!(c, '\n' | '\t') && is_forbidden(c)) {
        return Err(FieldError::ForbiddenCharacters);
    }
    if trimmed.chars().count() > max_chars {
        return Err(FieldError::TooLong { max: max_chars });
    }
    Ok(trimmed.to_owned())
}

/// An optional field's check: left empty, it is the empty string; any
/// other refusal stands.
pub fn or_empty(checked: Result<String, FieldError>) -> Result<String, FieldError> {
    match checked {
        Err(FieldError::Required) => Ok(String::new()),
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn multi_line_keeps_line_breaks_only() {
        assert_eq!(multi_line(" a\r\nb\tc\n ", 10), Ok("a\nb\tc".into()));
        assert_eq!(multi_line("a\u{0007}", 10), Err(FieldError::ForbiddenCharacters));
        assert_eq!(multi_line("a\u{202E}b", 10), Err(FieldError::ForbiddenCharacters));
        assert_eq!(multi_line("\n\n", 10), Err(FieldError::Required));
        assert_eq!(multi_line(&"é".repeat(11), 10), Err(FieldError::TooLong { max: 10 }));
    }

    #[test]
    fn trims_and_accepts_real_names() {
        assert_eq!(single_line("  Zoé Dubois \n", 100), Ok("Zoé Dubois".into()));
        assert_eq!(single_line("李小龍", 100), Ok("李小龍".into()));
        assert_eq!(single_line("O'Brien-Ngozi", 100), Ok("O'Brien-Ngozi".into()));
        // A zero-width joiner inside a word is legitimate (emoji, Indic scripts).
        assert_eq!(single_line("👩‍💻 Asha", 100), Ok("👩‍💻 Asha".into()));
    }

    #[test]
    fn rejects_empty_and_invisible() {
        assert_eq!(single_line("", 100), Err(FieldError::Required));
        assert_eq!(single_line(" \t\n ", 100), Err(FieldError::Required));
        assert_eq!(single_line("\u{200B}\u{FEFF}", 100), Err(FieldError::Required));
    }

    #[test]
    fn rejects_control_and_bidi() {
        assert_eq!(single_line("Ann\u{0007}", 100), Err(FieldError::ForbiddenCharacters));
        assert_eq!(single_line("Ann\nBob", 100), Err(FieldError::ForbiddenCharacters));
        assert_eq!(single_line("evil\u{202E}gnp.exe", 100), Err(FieldError::ForbiddenCharacters));
        assert_eq!(single_line("a\u{0085}b", 100), Err(FieldError::ForbiddenCharacters));
    }

    #[test]
    fn counts_characters_not_bytes() {
        let hundred_accented = "é".repeat(100);
        assert_eq!(single_line(&hundred_accented, 100), Ok(hundred_accented.clone()));
        assert_eq!(single_line(&"é".repeat(101), 100), Err(FieldError::TooLong { max: 100 }));
    }
}

/// A search and sort key: compatibility-decomposed (NFKD: "ﬁ" is "fi",
/// full-width letters are ASCII), accents and other combining marks
/// dropped (precomposed or typed as separate marks alike), lower case in
/// every script (Greek, Cyrillic, Turkish's dotted İ), and the letters
/// Unicode does not decompose spelled out (æ, œ, ß, ø, ł, đ, ı, þ...).
/// "Élodie" sorts with "elodie"; "etranger" finds "L'Étranger".
pub fn fold(text: &str) -> String {
    // Most names and titles: no work beyond lower case.
    if text.is_ascii() {
        return text.to_ascii_lowercase();
    }
    let mut out = String::with_capacity(text.len());
    for c in text.nfkd().filter(|c| !is_combining_mark(*c)) {
        match fold_char(c) {
            Some(base) => out.push_str(base),
            // Lower case may bring a mark back (İ is i and a dot above).
            None => out.extend(c.to_lowercase().filter(|c| !is_combining_mark(*c))),
        }
    }
    out
}

/// Letters with no decomposition, spelled as people type them.
fn fold_char(c: char) -> Option<&'static str> {
    Some(match c {
        'Æ' | 'æ' => "ae",
        'Œ' | 'œ' => "oe",
        'ß' | 'ẞ' => "ss",
        'Ø' | 'ø' => "o",
        'Ł' | 'ł' => "l",
        'Đ' | 'đ' | 'Ð' | 'ð' => "d",
        'Ħ' | 'ħ' => "h",
        'ı' => "i",
        'Ŧ' | 'ŧ' => "t",
        'Þ' | 'þ' => "th",
        'Ŋ' | 'ŋ' => "n",
        'ĸ' => "k",
        // Greek's final sigma is a sigma.
        'ς' => "σ",
        '’' | '‘' => "'",
        _ => return None,
    })
}

#[cfg(test)]
mod fold_tests {
    use super::fold;

    #[test]
    fn folds_separate_marks_and_other_scripts() {
        // "Aste" + combining acute + "rix", as some keyboards type it.
        assert_eq!(fold("Aste\u{301}rix"), "asterix");
        assert_eq!(fold("Astérix"), fold("Aste\u{301}rix"));
        assert_eq!(fold("ＡＳＴＥＲＩＸ"), "asterix", "full-width");
        assert_eq!(fold("ﬁn ﬂeur"), "fin fleur", "ligatures");
        assert_eq!(fold("ΟΔΥΣΣΕΥΣ"), fold("οδυσσευς"), "Greek, final sigma");
        assert_eq!(fold("Ёлка"), "елка", "Cyrillic");
        assert_eq!(fold("İstanbul"), "istanbul", "Turkish dotted capital I");
        assert_eq!(fold("ılık"), "ilik", "Turkish dotless i");
        assert_eq!(fold("Tiếng Việt"), "tieng viet", "Vietnamese, two marks");
        assert_eq!(fold("Ærøskøbing Straße"), "aeroskobing strasse");
        assert_eq!(fold("plain ASCII"), "plain ascii");
    }

    #[test]
    fn folds_case_and_accents() {
        assert_eq!(fold("L'Étranger"), "l'etranger");
        assert_eq!(fold("Œuvres complètes"), "oeuvres completes");
        assert_eq!(fold("Łódź Straße"), "lodz strasse");
        assert_eq!(fold("Søren Ærø"), "soren aero");
        assert_eq!(fold("ÇA Ñ ÿ"), "ca n y");
        assert_eq!(fold("ΑΒΓ 東京"), "αβγ 東京");
        assert_eq!(fold("l’été"), "l'ete");
    }
}
