//! CSV (RFC 4180): writing every export, reading imports.

use super::i18n::Lang;

/// How a spreadsheet app of a language reads CSV: French ones split on
/// `;` and read `7,50` as a number (with commas every file would open as
/// one column).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Dialect {
    pub separator: char,
    pub decimal_point: char,
}

impl Dialect {
    pub const COMMA: Dialect = Dialect::of(Lang::En);
    pub const SEMICOLON: Dialect = Dialect::of(Lang::Fr);

    /// The separator is the one that is not the language's decimal point.
    pub const fn of(lang: Lang) -> Dialect {
        let decimal_point = lang.decimal_point();
        Dialect { separator: if decimal_point == ',' { ';' } else { ',' }, decimal_point }
    }
}

/// Builds a CSV document: CRLF line ends, fields quoted only when needed, a
/// UTF-8 byte-order mark so spreadsheet apps read accents right.
pub struct CsvWriter {
    out: String,
    separator: char,
}

impl CsvWriter {
    pub fn new(dialect: Dialect) -> CsvWriter {
        CsvWriter { out: String::from('\u{FEFF}'), separator: dialect.separator }
    }

    pub fn row<S: AsRef<str>>(&mut self, fields: impl IntoIterator<Item = S>) -> &mut Self {
        for (i, field) in fields.into_iter().enumerate() {
            if i > 0 {
                self.out.push(self.separator);
            }
            write_field(&mut self.out, field.as_ref(), self.separator);
        }
        self.out.push_str("\r\n");
        self
    }

    pub fn finish(self) -> String {
        self.out
    }
}

fn write_field(out: &mut String, field: &str, separator: char) {
    // A cell starting with = + - @ (or a tab/CR) is run as a formula by
    // spreadsheet apps; a leading apostrophe keeps it text (OWASP's advice
    // against CSV injection). Plain negative numbers are not written here.
    let guard = field.starts_with(['=', '+', '-', '@', '\t', '\r']);
    let needs_quotes = guard || field.contains([separator, '"', '\n', '\r']) || field.starts_with(' ') || field.ends_with(' ');
    if needs_quotes {
        out.push('"');
        if guard {
            out.push('\'');
        }
        out.push_str(&field.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(field);
    }
}

/// One record of a CSV file, with the line it starts on (1 is the first).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CsvRecord {
    pub line: usize,
    pub fields: Vec<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CsvError {
    /// A quoted field that never ends.
    UnterminatedQuote { line: usize },
    /// Text right after a closing quote (`"abc"def`).
    /// `opened`: the line the quote opened on, where a closing quote is
    /// most likely missing (a later quote closed it instead).
    StrayQuote { line: usize, opened: usize },
}

/// Parses CSV text: quoted fields may hold separators, doubled quotes and
/// line breaks; lines end in LF, CRLF or CR; blank lines, and lines of
/// separators alone (cells a spreadsheet app left empty), are skipped.
/// The separator is the first line's: `;` where it has more of them than
/// commas (a French spreadsheet's), else `,`; a first line with neither is
/// one column, whose cells are never split (a French app writes a title
/// with a comma unquoted).
pub fn parse(text: &str) -> Result<Vec<CsvRecord>, CsvError> {
    CsvReader::new(text).collect()
}

/// Reads CSV text a record at a time, as [`parse`] does, so a big file can
/// be read in slices between which the page answers.
pub struct CsvReader<'a> {
    chars: std::iter::Peekable<std::str::Chars<'a>>,
    separator: Option<char>,
    /// The line the reader is on (1 is the first).
    line: usize,
    /// After an error or the end: nothing more to read.
    finished: bool,
}

impl<'a> CsvReader<'a> {
    pub fn new(text: &'a str) -> CsvReader<'a> {
        CsvReader { chars: text.chars().peekable(), separator: separator_of(text), line: 1, finished: false }
    }
}

impl Iterator for CsvReader<'_> {
    type Item = Result<CsvRecord, CsvError>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.finished {
            return None;
        }
        let mut fields: Vec<String> = Vec::new();
        let mut field = String::new();
        let mut record_line = self.line;
        let mut quoted = false;
        let mut after_quote = false;
        // A quoted field, even empty, makes the line a record.
        let mut has_quotes = false;
        let mut quote_line = self.line;
        let is_record = |fields: &[String], field: &str, has_quotes: bool| {
            has_quotes || !field.is_empty() || fields.iter().any(|f| !f.is_empty())
        };
        while let Some(c) = self.chars.next() {
            if quoted {
                match c {
                    '"' if self.chars.peek() == Some(&'"') => {
                        self.chars.next();
                        field.push('"');
                    }
                    '"' => {
                        quoted = false;
                        after_quote = true;
                    }
                    '\n' => {
                        self.line += 1;
                        field.push('\n');
                    }
                    '\r' if self.chars.peek() != Some(&'\n') => {
                        self.line += 1;
                        field.push('\r');
                    }
                    _ => field.push(c),
                }
                continue;
            }
            match c {
                c if Some(c) == self.separator => {
                    fields.push(std::mem::take(&mut field));
                    after_quote = false;
                }
                '\r' if self.chars.peek() == Some(&'\n') => {}
                '\n' | '\r' => {
                    self.line += 1;
                    if is_record(&fields, &field, has_quotes) {
                        fields.push(field);
                        return Some(Ok(CsvRecord { line: record_line, fields }));
                    }
                    // A blank line: the record starts on the next.
                    fields.clear();
                    field.clear();
                    after_quote = false;
                    record_line = self.line;
                }
                _ if after_quote => {
                    self.finished = true;
                    return Some(Err(CsvError::StrayQuote { line: self.line, opened: quote_line }));
                }
                '"' if field.is_empty() => {
                    quoted = true;
                    has_quotes = true;
                    quote_line = self.line;
                }
                _ => field.push(c),
            }
        }
        self.finished = true;
        if quoted {
            return Some(Err(CsvError::UnterminatedQuote { line: quote_line }));
        }
        is_record(&fields, &field, has_quotes).then(|| {
            fields.push(field);
            Ok(CsvRecord { line: record_line, fields })
        })
    }
}

/// Lines as an editor counts them: LF, CRLF and a lone CR each end one.
pub fn line_count(text: &str) -> usize {
    let bytes = text.as_bytes();
    let ends = bytes.iter().enumerate().filter(|&(i, &b)| b == b'\n' || (b == b'\r' && bytes.get(i + 1) != Some(&b'\n'))).count();
    ends + usize::from(!text.is_empty() && !text.ends_with(['\n', '\r']))
}

/// The separator of the first line (blank lines skipped, as the parser
/// does), counted outside quotes; none for a line of one column.
fn separator_of(text: &str) -> Option<char> {
    let (mut quoted, mut commas, mut semicolons) = (false, 0, 0);
    for c in text.trim_start_matches(['\r', '\n']).chars() {
        match c {
            '"' => quoted = !quoted,
            '\n' | '\r' if !quoted => break,
            ',' if !quoted => commas += 1,
            ';' if !quoted => semicolons += 1,
            _ => {}
        }
    }
    match (commas, semicolons) {
        (0, 0) => None,
        (c, s) if s > c => Some(';'),
        _ => Some(','),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(line: usize, fields: &[&str]) -> CsvRecord {
        CsvRecord { line, fields: fields.iter().map(|f| f.to_string()).collect() }
    }

    #[test]
    fn reads_quotes_commas_and_line_breaks() {
        let text = "a,b,c\r\n\"Doe, Jane\",\"say \"\"hi\"\"\",\"two\nlines\"\n\nlast,,\n";
        assert_eq!(
            parse(text),
            Ok(vec![
                record(1, &["a", "b", "c"]),
                record(2, &["Doe, Jane", "say \"hi\"", "two\nlines"]),
                record(5, &["last", "", ""]),
            ])
        );
        assert_eq!(parse("x"), Ok(vec![record(1, &["x"])]));
        assert_eq!(parse("\"\""), Ok(vec![record(1, &[""])]));
    }

    #[test]
    fn round_trips_what_it_writes() {
        let rows: &[&[&str]] = &[&["Zoé", "a,b", "q\"q", "multi\nline"], &["", " x ", "李", "end"]];
        let mut w = CsvWriter::new(Dialect::COMMA);
        for row in rows {
            w.row(row.iter());
        }
        let text = w.finish();
        let parsed = parse(text.trim_start_matches('\u{FEFF}')).unwrap();
        let back: Vec<Vec<&str>> = parsed.iter().map(|r| r.fields.iter().map(String::as_str).collect()).collect();
        assert_eq!(back, rows.iter().map(|r| r.to_vec()).collect::<Vec<_>>());
    }

    #[test]
    fn a_french_spreadsheets_semicolons_both_ways() {
        let mut w = CsvWriter::new(Dialect::SEMICOLON);
        w.row(["Zoé", "7,50", "a;b"]);
        let text = w.finish();
        assert_eq!(text, "\u{FEFF}Zoé;7,50;\"a;b\"\r\n");
        let back = parse(text.trim_start_matches('\u{FEFF}')).unwrap();
        assert_eq!(back, vec![record(1, &["Zoé", "7,50", "a;b"])]);
        // The first line decides: a comma file with a ';' in a quoted title.
        assert_eq!(parse("title,notes\n\"A;B\",x").unwrap()[1], record(2, &["A;B", "x"]));
        assert_eq!(parse("title;notes\nDune, part one;x").unwrap()[1], record(2, &["Dune, part one", "x"]));
        assert_eq!(parse("\r\n\ntitle;notes\nA;B").unwrap()[0], record(3, &["title", "notes"]), "after blank lines");
    }

    #[test]
    fn read_a_record_at_a_time_it_stops_at_the_first_error() {
        let mut reader = CsvReader::new("a,b\n\n\"c\nd\",e\n\"f\"g\nh");
        assert_eq!(reader.next(), Some(Ok(record(1, &["a", "b"]))));
        assert_eq!(reader.next(), Some(Ok(record(3, &["c\nd", "e"]))));
        assert_eq!(reader.next(), Some(Err(CsvError::StrayQuote { line: 5, opened: 5 })));
        assert_eq!(reader.next(), None, "nothing after an error");
    }

    #[test]
    fn a_one_column_list_is_not_split_and_rows_of_empty_cells_are_skipped() {
        // A French spreadsheet's one column: the comma is the title's.
        let one_column = "title\nVingt mille lieues, tome 1\n";
        assert_eq!(parse(one_column).unwrap()[1], record(2, &["Vingt mille lieues, tome 1"]));
        // Rows a spreadsheet app left as separators alone; a quoted empty
        // cell is a record.
        assert_eq!(parse("a;b\n;\nc;d\n;;\n\"\";"), Ok(vec![record(1, &["a", "b"]), record(3, &["c", "d"]), record(5, &["", ""])]));
    }

    #[test]
    fn a_carriage_return_in_quotes_ends_a_line_as_an_editor_counts() {
        let text = "a\n\"x\ry\"\nb";
        assert_eq!(parse(text).unwrap()[2], record(4, &["b"]));
        assert_eq!(line_count(text), 4);
    }

    #[test]
    fn lines_are_counted_as_an_editor_shows_them() {
        assert_eq!(line_count(""), 0);
        assert_eq!(line_count("a"), 1);
        assert_eq!(line_count("a\n"), 1);
        assert_eq!(line_count("a\r\nb\rc\n\nd"), 5);
    }

    #[test]
    fn malformed_quotes_are_reported_with_their_line() {
        assert_eq!(parse("a\n\"open,b\nc"), Err(CsvError::UnterminatedQuote { line: 2 }));
        assert_eq!(parse("ok\n\"ab\"cd,e"), Err(CsvError::StrayQuote { line: 2, opened: 2 }));
        // A quote left open on line 2, closed by the next quote on line 4.
        assert_eq!(parse("a,b\n\"Hamlet,x\nc,d\n\"e\",f"), Err(CsvError::StrayQuote { line: 4, opened: 2 }));
        // Opened in a record's second line's cell: the quote's own line.
        assert_eq!(parse("a,b\nc,\"x\ny\",\"open"), Err(CsvError::UnterminatedQuote { line: 3 }));
    }

    fn csv(rows: &[&[&str]]) -> String {
        let mut w = CsvWriter::new(Dialect::COMMA);
        for row in rows {
            w.row(row.iter());
        }
        w.finish()
    }

    #[test]
    fn plain_fields_are_bare() {
        assert_eq!(csv(&[&["name", "days"], &["Ana", "3"]]), "\u{FEFF}name,days\r\nAna,3\r\n");
    }

    #[test]
    fn commas_quotes_and_newlines_are_quoted() {
        assert_eq!(
            csv(&[&["Doe, Jane", "say \"hi\"", "two\nlines", "cr\rhere"]]),
            "\u{FEFF}\"Doe, Jane\",\"say \"\"hi\"\"\",\"two\nlines\",\"cr\rhere\"\r\n"
        );
    }

    #[test]
    fn non_ascii_passes_through() {
        assert_eq!(csv(&[&["Zoé", "李小龍", "👩‍💻"]]), "\u{FEFF}Zoé,李小龍,👩‍💻\r\n");
    }

    #[test]
    fn edges_and_formulas() {
        assert_eq!(csv(&[&["", " padded "]]), "\u{FEFF},\" padded \"\r\n");
        assert_eq!(csv(&[&["=HYPERLINK(\"x\")", "@SUM(A1)"]]), "\u{FEFF}\"'=HYPERLINK(\"\"x\"\")\",\"'@SUM(A1)\"\r\n");
    }
}
