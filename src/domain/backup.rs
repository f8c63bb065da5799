//! Backup files: every shared record of the device in one versioned JSON
//! file, and reading one back (a backup, or another device's export) to
//! merge by id with the same rule as office sync.

use super::date::Instant;
use super::doc::{reader_error, wins_over, Kind, Record, Rev};
use super::field_rules::{self, Flaw};
use serde::Serialize;
use serde_json::value::RawValue;
use std::collections::{BTreeMap, HashSet};

/// What the file says it is.
pub const FORMAT: &str = "oasis-backup";
/// The format version this build writes and reads.
pub const VERSION: u32 = 1;
/// Refused before reading, as more than a phone should hold in memory at
/// once. The demo office's 90 days take 3.5 MB: an office of its size
/// reaches this after about three and a half years.
pub const MAX_BYTES: usize = 50_000_000;
/// Record errors listed at most (a file from elsewhere could have 100,000).
const ERRORS_LISTED: usize = 20;

/// A backup file read and checked.
#[derive(Debug, PartialEq, Eq)]
pub struct Backup {
    pub records: Vec<Record>,
    /// Who used the device it was exported from: a fresh device restoring
    /// it becomes theirs.
    pub person_id: Option<String>,
}

/// Writes the backup file of these records, exported by `person_id`'s
/// device.
pub fn export(records: &[Record], exported_at: Instant, device_id: &str, person_id: Option<&str>) -> String {
    #[derive(Serialize)]
    struct File<'a> {
        format: &'static str,
        version: u32,
        exported_at: Instant,
        device_id: &'a str,
        person_id: Option<&'a str>,
        records: BTreeMap<&'static str, Vec<&'a Record>>,
    }
    let mut by_kind: BTreeMap<&'static str, Vec<&Record>> = Kind::ALL.iter().map(|k| (k.name(), Vec::new())).collect();
    for record in records {
        by_kind.entry(record.kind().name()).or_default().push(record);
    }
    let file = File { format: FORMAT, version: VERSION, exported_at, device_id, person_id, records: by_kind };
    serde_json::to_string(&file).expect("records serialise")
}

/// Why a file was refused. Nothing of it is stored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BackupError {
    Empty,
    TooLarge { max_bytes: usize },
    /// Cut off before its end (an interrupted download or copy).
    Truncated,
    /// Not JSON at all: where it stops being readable.
    NotJson { line: usize, column: usize },
    /// JSON, but not an Oasis backup (another app's file).
    NotOurs,
    /// Made by a newer Oasis.
    UnknownVersion(u64),
    /// Some records are unusable: the first few, and how many in all.
    Records { errors: Vec<RecordError>, total: usize },
}

/// One unusable record: its kind, its place in that kind's list (from 1;
/// none when the whole list is unusable), its id if it has one, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RecordError {
    pub kind: String,
    pub index: Option<usize>,
    pub id: Option<String>,
    pub problem: RecordProblem,
}

/// Why a record of a backup file is unusable.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RecordProblem {
    /// A list of a kind this version does not know.
    UnknownKind,
    /// Two records with one id.
    DuplicateId,
    /// The record does not fit its kind: the reader's own words (field
    /// names and types, which are the file's and not translated).
    Invalid(String),
    /// The record breaks a rule its form keeps (a title too long, a date
    /// in no year the app knows): the field, as the file names it.
    Field(Flaw),
}

/// Reads and checks a whole backup file: every record, or an error.
pub fn parse(text: &str) -> Result<Backup, BackupError> {
    if text.trim().is_empty() {
        return Err(BackupError::Empty);
    }
    if text.len() > MAX_BYTES {
        return Err(BackupError::TooLarge { max_bytes: MAX_BYTES });
    }
    let json_error = |e: serde_json::Error| match e.classify() {
        serde_json::error::Category::Eof => BackupError::Truncated,
        serde_json::error::Category::Data => BackupError::NotOurs,
        // serde_json says column 0 for an error right at a line break.
        _ => BackupError::NotJson { line: e.line(), column: e.column().max(1) },
    };
    // The head first, loosely: a file of another app or version is told
    // apart from a damaged one.
    #[derive(serde::Deserialize)]
    struct Head<'a> {
        format: Option<String>,
        version: Option<u64>,
        person_id: Option<String>,
        #[serde(borrow)]
        records: Option<BTreeMap<String, Vec<&'a RawValue>>>,
    }
    let head: Head = serde_json::from_str(text).map_err(json_error)?;
    if head.format.as_deref() != Some(FORMAT) {
        return Err(BackupError::NotOurs);
    }
    match head.version {
        Some(v) if v == u64::from(VERSION) => {}
        Some(v) if v > u64::from(VERSION) => return Err(BackupError::UnknownVersion(v)),
        _ => return Err(BackupError::NotOurs),
    }
    let lists = head.records.ok_or(BackupError::NotOurs)?;

    let mut records = Vec::new();
    let mut errors = Vec::new();
    let mut total = 0;
    let mut seen: HashSet<(Kind, String)> = HashSet::new();
    for (name, list) in &lists {
        let Some(kind) = Kind::from_name(name) else {
            total += 1;
            if errors.len() < ERRORS_LISTED {
                errors.push(RecordError { kind: name.clone(), index: None, id: None, problem: RecordProblem::UnknownKind });
            }
            continue;
        };
        for (i, raw) in list.iter().enumerate() {
            let failure = match Record::from_json(kind, raw.get()) {
                Ok(record) if !seen.insert((kind, record.meta().id.clone())) => {
                    Some((Some(record.meta().id.clone()), RecordProblem::DuplicateId))
                }
                Ok(record) => match field_rules::check(&record) {
                    Ok(()) => {
                        records.push(record);
                        None
                    }
                    Err(flaw) => Some((Some(record.meta().id.clone()), RecordProblem::Field(flaw))),
                },
                Err(e) => Some((None, RecordProblem::Invalid(reader_error(&e)))),
            };
            if let Some((id, problem)) = failure {
                total += 1;
                if errors.len() < ERRORS_LISTED {
                    errors.push(RecordError { kind: name.clone(), index: Some(i + 1), id, problem });
                }
            }
        }
    }
    if total > 0 {
        return Err(BackupError::Records { errors, total });
    }
    Ok(Backup { records, person_id: head.person_id })
}

/// Whether importing `incoming` writes it over what the device has: new
/// records do; a different version of a record the device has does when
/// it wins by the sync rule ([`wins_over`]); the same version never does.
pub fn import_wins(existing: Option<&Record>, incoming: &Record) -> bool {
    match existing {
        None => true,
        Some(existing) if existing == incoming => false,
        Some(existing) => {
            let rev = |r: &Record| Rev::next(None, &r.to_json());
            wins_over((incoming.meta(), &rev(incoming)), (existing.meta(), &rev(existing)))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::demo::{generate, DemoClock, DEMO_SEED};
    use crate::domain::text::FieldError;
    use crate::domain::date::Date;

    fn demo_records() -> Vec<Record> {
        let offset = |_: Date| 60;
        let clock = DemoClock { today: Date::parse_iso("2026-11-25").unwrap(), minute_of_day: 570, utc_offset: &offset };
        generate(DEMO_SEED, &clock).records()
    }

    #[test]
    fn a_backup_reads_back_whole() {
        let records = demo_records();
        let text = export(&records, 5, "dev", Some("p1"));
        let back = parse(&text).unwrap();
        assert_eq!(back.person_id.as_deref(), Some("p1"));
        let back = back.records;
        assert_eq!(back.len(), records.len());
        let as_set = |r: &[Record]| r.iter().map(|r| r.doc_id()).collect::<HashSet<_>>();
        assert_eq!(as_set(&back), as_set(&records));
        assert!(back.iter().any(|r| matches!(r, Record::Office(_))));
    }

    #[test]
    fn damaged_or_foreign_files_are_refused() {
        let text = export(&demo_records()[..50], 5, "dev", None);
        assert_eq!(parse(""), Err(BackupError::Empty));
        assert_eq!(parse(&text[..text.len() / 2]), Err(BackupError::Truncated));
        assert!(matches!(parse("hello, world"), Err(BackupError::NotJson { line: 1, .. })));
        assert_eq!(parse(r#"{"name":"my playlist","songs":[]}"#), Err(BackupError::NotOurs));
        assert_eq!(parse(r#"[1,2,3]"#), Err(BackupError::NotOurs));
        let newer = text.replace(r#""version":1"#, r#""version":7"#);
        assert_eq!(parse(&newer), Err(BackupError::UnknownVersion(7)));
        let no_version = text.replace(r#""version":1,"#, "");
        assert_eq!(parse(&no_version), Err(BackupError::NotOurs));
    }

    #[test]
    fn bad_records_are_listed_and_nothing_is_taken() {
        let records = demo_records();
        let text = export(&records, 5, "dev", None);
        // A person without a name, and a duplicated check-in.
        let broken = text.replacen(r#""name":"Camille Laurent""#, r#""name":null"#, 1);
        match parse(&broken) {
            Err(BackupError::Records { errors, total }) => {
                assert_eq!(total, 1);
                assert_eq!(errors[0].kind, "people");
                assert!(errors[0].index.is_some_and(|i| i >= 1));
            }
            other => panic!("{other:?}"),
        }
        // A list of a kind this version does not know: the list as a whole.
        let unknown = text.replacen(r#""books":"#, r#""bookz":"#, 1);
        match parse(&unknown) {
            Err(BackupError::Records { errors, .. }) => {
                assert_eq!((errors[0].kind.as_str(), errors[0].index), ("bookz", None));
            }
            other => panic!("{other:?}"),
        }
        // Records that parse but break their forms' rules: each named with
        // its field; a number of the wrong sign in the reader's words.
        let first_book = records.iter().find_map(|r| if let Record::Book(b) = r { Some(b) } else { None }).unwrap();
        let flawed = text
            .replacen(&format!(r#""title":"{}""#, first_book.title), &format!(r#""title":"{}""#, "x".repeat(20_000)), 1)
            .replacen(r#""name":"Camille Laurent""#, r#""name":"Camille \u202eLaurent""#, 1)
            .replacen(r#""daily_stock":"#, r#""daily_stock":-"#, 1);
        match parse(&flawed) {
            Err(BackupError::Records { errors, total: 3 }) => {
                let problems: Vec<_> = errors.iter().map(|e| (e.kind.as_str(), e.id.clone(), e.problem.clone())).collect();
                let flaw = |field, error| RecordProblem::Field(Flaw { field, error });
                assert_eq!(problems[0], ("books", Some(first_book.meta.id.clone()), flaw("title", FieldError::TooLong { max: 300 })));
                assert!(matches!(&problems[1], ("meal_sets", None, RecordProblem::Invalid(why)) if why.starts_with("invalid value: integer `-") && why.ends_with("expected u32")), "{problems:?}");
                assert_eq!(problems[2].2, flaw("name", FieldError::ForbiddenCharacters));
            }
            other => panic!("{other:?}"),
        }
        let first_checkin = records.iter().find(|r| matches!(r, Record::Checkin(_))).unwrap();
        let twice = [records.clone(), vec![first_checkin.clone()]].concat();
        match parse(&export(&twice, 5, "dev", None)) {
            Err(BackupError::Records { errors, total: 1 }) => assert_eq!(errors[0].problem, RecordProblem::DuplicateId),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn import_takes_new_and_later_versions_only() {
        let records = demo_records();
        let Some(Record::Book(book)) = records.iter().find(|r| matches!(r, Record::Book(_))).cloned() else { panic!() };
        let mine = Record::Book(book.clone());
        assert!(import_wins(None, &mine));
        assert!(!import_wins(Some(&mine), &mine));
        let mut edited = book.clone();
        edited.title.push_str(" (2nd edition)");
        edited.meta.updated_at += 1000;
        let edited = Record::Book(edited);
        assert!(import_wins(Some(&mine), &edited));
        assert!(!import_wins(Some(&edited), &mine), "an older copy never undoes a later edit");
    }
}
