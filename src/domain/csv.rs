//! CSV writing (RFC 4180) for every export of the app.

/// Builds a CSV document: CRLF line ends, fields quoted only when needed, a
/// UTF-8 byte-order mark so spreadsheet apps read accents right.
pub struct CsvWriter {
    out: String,
}

impl Default for CsvWriter {
    fn default() -> Self {
        CsvWriter::new()
    }
}

impl CsvWriter {
    pub fn new() -> CsvWriter {
        CsvWriter { out: String::from('\u{FEFF}') }
    }

    pub fn row<S: AsRef<str>>(&mut self, fields: impl IntoIterator<Item = S>) -> &mut Self {
        for (i, field) in fields.into_iter().enumerate() {
            if i > 0 {
                self.out.push(',');
            }
            write_field(&mut self.out, field.as_ref());
        }
        self.out.push_str("\r\n");
        self
    }

    pub fn finish(self) -> String {
        self.out
    }
}

fn write_field(out: &mut String, field: &str) {
    // A cell starting with = + - @ (or a tab/CR) is run as a formula by
    // spreadsheet apps; a leading apostrophe keeps it text (OWASP's advice
    // against CSV injection). Plain negative numbers are not written here.
    let guard = field.starts_with(['=', '+', '-', '@', '\t', '\r']);
    let needs_quotes = guard || field.contains([',', '"', '\n', '\r']) || field.starts_with(' ') || field.ends_with(' ');
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

#[cfg(test)]
mod tests {
    use super::*;

    fn csv(rows: &[&[&str]]) -> String {
        let mut w = CsvWriter::new();
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
