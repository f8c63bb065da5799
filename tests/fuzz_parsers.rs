//! Fuzzing every parser that reads what the app did not write: the CSV
//! reader, the book import, the ISBN check, the backup file reader, the
//! sync document decoder and the server's answers, invites, passes and
//! door codes. Inputs are arbitrary bytes, and valid inputs broken by
//! structured mutations (bytes flipped, cut, repeated, spliced, quotes and
//! brackets dropped in). Each parser must answer (no panic; proptest runs
//! each case to completion, so a hang fails the run's time) and each
//! refusal must carry what its message needs (a line inside the file, a
//! reason that is not empty).
//!
//! Cases per property: `OASIS_FUZZ_CASES` (the test command's quick run
//! uses the default; `./oasis fuzz` runs a million in all).
#![cfg(not(target_arch = "wasm32"))]

use oasis::domain::backup::{self, BackupError, RecordProblem};
use oasis::domain::book_import::{plan_import, FileProblem, Planner};
use oasis::domain::books::parse_isbn;
use oasis::domain::csv::{self, CsvError};
use oasis::domain::date::Date;
use oasis::domain::demo::{generate, DemoClock, DEMO_SEED};
use oasis::domain::doc::{decode, outgoing, Record};
use oasis::domain::{door, invite, pass, replication};
use proptest::prelude::*;
use std::sync::OnceLock;

/// Cases for each property; the properties below share the quick run's
/// budget of about ten thousand.
fn config() -> ProptestConfig {
    let cases = std::env::var("OASIS_FUZZ_CASES").ok().and_then(|n| n.parse().ok()).unwrap_or(1_500);
    ProptestConfig { cases, failure_persistence: None, ..ProptestConfig::default() }
}

fn demo() -> &'static [Record] {
    static RECORDS: OnceLock<Vec<Record>> = OnceLock::new();
    RECORDS.get_or_init(|| {
        let offset = |_: Date| 60;
        let clock = DemoClock { today: Date::parse_iso("2026-11-25").unwrap(), minute_of_day: 570, utc_offset: &offset };
        generate(DEMO_SEED, &clock).records()
    })
}

/// Valid inputs of each kind, small enough to mutate quickly.
fn book_list() -> &'static str {
    "title,authors,isbn,copies,tags,recommended_by,shelf,notes\n\
     Astérix,\"Goscinny, René; Uderzo\",978-2-01-210133-3,2,\"bd, humour\",Ana,B2,\"Said \"\"yes\"\"\"\n\
     Dune,Frank Herbert,,1,sf,,A1,\n\
     \"Line\nbreak\",X,9780306406157,3,,,,\r\n"
}

fn backup_file() -> &'static str {
    static TEXT: OnceLock<String> = OnceLock::new();
    TEXT.get_or_init(|| backup::export(&demo()[..40], 1_764_000_000_000, "device-1", Some("person-1")))
}

fn documents() -> &'static [String] {
    static DOCS: OnceLock<Vec<String>> = OnceLock::new();
    DOCS.get_or_init(|| demo().iter().step_by(997).map(|r| outgoing(r, None).json).collect())
}

const CHANGES: &str = r#"{"results":[{"seq":"12-abc","id":"books:b1","changes":[{"rev":"1-a"}]},{"seq":"13-def","id":"loans:l1","changes":[{"rev":"2-b"},{"rev":"2-c"}],"deleted":true}],"last_seq":"13-def","pending":0}"#;
const BULK_GET: &str = r#"{"results":[{"id":"books:b1","docs":[{"ok":{"_id":"books:b1","_rev":"1-a","record":{}}},{"error":{"id":"books:b1","rev":"1-x","error":"not_found","reason":"missing"}}]}]}"#;
const BULK_DOCS: &str = r#"[{"ok":true,"id":"checkins:c1","rev":"1-a"},{"id":"books:b1","error":"forbidden","reason":"Only admins may change books."}]"#;
const SESSION: &str = r#"{"ok":true,"userCtx":{"name":"ana","roles":["employee","person:p1"]},"info":{"authenticated":"cookie"}}"#;
const INVITE: &str = "https://oasis.example/join?server=https%3A%2F%2Fcouch.example%3A6984&office=acme&user=ana";

/// A well-formed pass and door link, made by the app's own writers.
fn pass_and_door() -> &'static (String, String) {
    static TEXT: OnceLock<(String, String)> = OnceLock::new();
    TEXT.get_or_init(|| {
        let mac = [0x5Au8; 32];
        let pass = pass::payload("person-1", 3, &pass::signature(&mac));
        let door = door::door_link("https://oasis.example", &door::code_from_mac(&mac));
        (pass, door)
    })
}

/// One structured change to a valid input.
#[derive(Clone, Debug)]
enum Mutation {
    Flip { at: usize, bit: u8 },
    Cut { at: usize },
    Delete { at: usize, len: usize },
    Repeat { at: usize, len: usize },
    Insert { at: usize, bytes: Vec<u8> },
}

fn mutation() -> impl Strategy<Value = Mutation> {
    // Bytes that matter to the formats: quotes, separators, brackets,
    // escapes, line ends, a NUL, UTF-8 lead and continuation bytes.
    let special = prop::sample::select(vec![b'"', b',', b'\n', b'\r', b'{', b'}', b'[', b']', b':', b'\\', b'%', 0, 0xC3, 0xA9, 0xFF, b'-']);
    prop_oneof![
        (any::<usize>(), 0u8..8).prop_map(|(at, bit)| Mutation::Flip { at, bit }),
        any::<usize>().prop_map(|at| Mutation::Cut { at }),
        (any::<usize>(), 1usize..64).prop_map(|(at, len)| Mutation::Delete { at, len }),
        (any::<usize>(), 1usize..64).prop_map(|(at, len)| Mutation::Repeat { at, len }),
        (any::<usize>(), prop::collection::vec(special, 1..4)).prop_map(|(at, bytes)| Mutation::Insert { at, bytes }),
    ]
}

fn mutate(valid: &[u8], mutations: &[Mutation]) -> Vec<u8> {
    let mut bytes = valid.to_vec();
    for m in mutations {
        let place = |at: usize, len: usize| if len == 0 { 0 } else { at % (len + 1) };
        match m {
            Mutation::Flip { at, bit } if !bytes.is_empty() => {
                let i = at % bytes.len();
                bytes[i] ^= 1 << bit;
            }
            Mutation::Flip { .. } => {}
            Mutation::Cut { at } => bytes.truncate(place(*at, bytes.len())),
            Mutation::Delete { at, len } => {
                let from = place(*at, bytes.len());
                let to = (from + len).min(bytes.len());
                bytes.drain(from..to);
            }
            Mutation::Repeat { at, len } => {
                let from = place(*at, bytes.len());
                let to = (from + len).min(bytes.len());
                let copy = bytes[from..to].to_vec();
                bytes.splice(to..to, copy);
            }
            Mutation::Insert { at, bytes: new } => {
                let at = place(*at, bytes.len());
                bytes.splice(at..at, new.iter().copied());
            }
        }
    }
    bytes
}

/// Arbitrary bytes, or a valid input mutated 1–8 times.
fn input(valid: &'static [u8]) -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        1 => prop::collection::vec(any::<u8>(), 0..512),
        4 => prop::collection::vec(mutation(), 1..8).prop_map(move |m| mutate(valid, &m)),
    ]
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// Lines as an editor shows them: LF, CRLF and a lone CR each end one.
fn lines_in(text: &str) -> usize {
    text.replace("\r\n", "\n").split(['\n', '\r']).count()
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn csv_answers_and_points_inside_the_file(bytes in input(book_list().as_bytes())) {
        let text = text(&bytes);
        match csv::parse(&text) {
            Ok(rows) => prop_assert!(rows.iter().all(|r| r.line >= 1 && r.line <= lines_in(&text))),
            Err(CsvError::UnterminatedQuote { line }) => {
                prop_assert!(line >= 1 && line <= lines_in(&text), "line {line} of {}", lines_in(&text));
            }
            Err(CsvError::StrayQuote { line, opened }) => {
                prop_assert!(opened >= 1 && opened <= line && line <= lines_in(&text), "lines {opened}-{line} of {}", lines_in(&text));
            }
        }
    }

    #[test]
    fn book_import_answers_with_lines_inside_the_file(bytes in input(book_list().as_bytes())) {
        // Read in slices as the page reads it: the same answer, and the
        // progress stays inside the file.
        let sliced = match Planner::new(&bytes, &[]) {
            Err(problem) => Err(problem),
            Ok(mut planner) => loop {
                let done = planner.check(3);
                let (line, lines) = planner.progress();
                prop_assert!(line <= lines, "line {line} of {lines}");
                match done {
                    Ok(false) => continue,
                    Ok(true) => break Ok(planner.plan),
                    Err(problem) => break Err(problem),
                }
            },
        };
        prop_assert_eq!(&sliced, &plan_import(&bytes, &[]));
        match plan_import(&bytes, &[]) {
            Ok(plan) => {
                let lines = lines_in(&text(&bytes));
                prop_assert!(plan.rejected.iter().all(|r| r.line >= 2 && r.line <= lines && !r.problems.is_empty()));
                prop_assert!(plan.books.iter().all(|(line, _)| *line >= 2 && *line <= lines));
            }
            Err(FileProblem::UnknownColumn(c) | FileProblem::DuplicateColumn(c)) => prop_assert!(!c.trim().is_empty(), "{c:?}"),
            Err(FileProblem::UnnamedColumn { position }) => prop_assert!(position >= 1),
            Err(_) => {}
        }
    }

    #[test]
    fn isbn_check_answers_and_accepts_only_valid_isbns(bytes in input(b"978-2-01-210133-3")) {
        if let Ok(isbn) = parse_isbn(&text(&bytes)) {
            prop_assert!(isbn.len() == 13 && isbn.bytes().all(|b| b.is_ascii_digit()), "{isbn}");
            // Accepted means its check digit is right.
            prop_assert_eq!(parse_isbn(&isbn), Ok(isbn.clone()));
        }
    }

    #[test]
    fn backup_reader_answers_and_explains(bytes in input(backup_file().as_bytes())) {
        let text = text(&bytes);
        match backup::parse(&text) {
            Ok(backup) => prop_assert!(backup.records.len() <= 40 * 2),
            Err(BackupError::NotJson { line, column }) => prop_assert!(line >= 1 && line <= lines_in(&text) && column >= 1),
            Err(BackupError::Records { errors, total }) => {
                prop_assert!(!errors.is_empty() && total >= errors.len());
                prop_assert!(errors.iter().all(|e| e.index.is_none_or(|i| i >= 1)));
                prop_assert!(errors.iter().all(|e| !matches!(&e.problem, RecordProblem::Invalid(why) if why.is_empty())));
            }
            Err(_) => {}
        }
    }

    #[test]
    fn sync_document_decoder_answers_and_explains(which in any::<prop::sample::Index>(), mutations in prop::collection::vec(mutation(), 0..8)) {
        let valid = which.get(documents());
        let bytes = mutate(valid.as_bytes(), &mutations);
        if let Err(unusable) = decode(&text(&bytes)) {
            prop_assert!(!unusable.error.to_string().is_empty());
        }
    }

    #[test]
    fn server_answers_never_panic(bytes in prop_oneof![
        input(CHANGES.as_bytes()), input(BULK_GET.as_bytes()), input(BULK_DOCS.as_bytes()), input(SESSION.as_bytes()),
    ]) {
        let text = text(&bytes);
        // Each either reads or says why not; neither may panic.
        let refusals = [
            replication::parse_changes(&text).err(),
            replication::parse_bulk_get(&text).err(),
            replication::parse_bulk_docs(&text).err(),
            replication::parse_revs_diff(&text).err(),
            replication::parse_session(&text).err(),
        ];
        prop_assert!(refusals.iter().flatten().all(|why| !why.is_empty()));
    }

    #[test]
    fn invites_passes_and_door_codes_answer(bytes in prop_oneof![
        input(INVITE.as_bytes()), input(pass_and_door().0.as_bytes()), input(pass_and_door().1.as_bytes()),
    ]) {
        let text = text(&bytes);
        if let Err(e) = invite::parse_invite(&text) { prop_assert!(!e.to_string().is_empty()); }
        if let Err(e) = pass::read(&text) { prop_assert!(!e.to_string().is_empty()); }
        if let Ok(code) = door::read_typed(&text) { prop_assert!(code.len() == door::CODE_LEN, "{code}"); }
        if let Err(e) = door::read_scanned(&text) { prop_assert!(!e.to_string().is_empty()); }
    }
}
