//! How a record travels to the office server and back: one CouchDB document
//! per record, its id, its revisions, and reading what the server sends
//! (which may be anything: every failure is a value, never a panic).
//!
//! A document is `{"_id": "<kind>:<record id>", "_rev": "<n>-<hash>",
//! "record": { ...the record as stored on the device... }}`. The kind in the
//! id tells the server's validation and the devices what the record is.

use super::announcements::{Announcement, RsvpEvent};
use super::attendance::CheckEvent;
use super::books::Book;
use super::field_rules;
use super::i18n::{self, Lang};
use super::library::{HoldEvent, LoanEvent};
use super::meals::MealSet;
use super::people::Person;
use super::record::Meta;
use super::reservations::ReservationEvent;
use super::settings::OfficeSettings;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;
use std::cmp::Ordering;
use std::fmt;

/// The kinds of record an office shares. Each is one store on the device
/// (its name is the store's) and a document id prefix on the server.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    People,
    Checkins,
    Books,
    Loans,
    Holds,
    MealSets,
    Reservations,
    Announcements,
    Rsvps,
    /// The office's settings: one record, id [`super::settings::OFFICE_KEY`].
    Settings,
}

impl Kind {
    pub const ALL: [Kind; 10] = [
        Kind::People,
        Kind::Checkins,
        Kind::Books,
        Kind::Loans,
        Kind::Holds,
        Kind::MealSets,
        Kind::Reservations,
        Kind::Announcements,
        Kind::Rsvps,
        Kind::Settings,
    ];

    pub const fn name(self) -> &'static str {
        match self {
            Kind::People => "people",
            Kind::Checkins => "checkins",
            Kind::Books => "books",
            Kind::Loans => "loans",
            Kind::Holds => "holds",
            Kind::MealSets => "meal_sets",
            Kind::Reservations => "reservations",
            Kind::Announcements => "announcements",
            Kind::Rsvps => "rsvps",
            Kind::Settings => "settings",
        }
    }

    pub fn from_name(name: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.name() == name)
    }

    /// Facts that happen (a check-in, a loan...): written once by the
    /// person they are about (or an admin), never edited.
    pub fn is_event(self) -> bool {
        matches!(self, Kind::Checkins | Kind::Loans | Kind::Holds | Kind::Reservations | Kind::Rsvps)
    }
}

/// Any record an office shares, as stored on a device.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Record {
    Person(Person),
    Checkin(CheckEvent),
    Book(Book),
    Loan(LoanEvent),
    Hold(HoldEvent),
    MealSet(MealSet),
    Reservation(ReservationEvent),
    Announcement(Announcement),
    Rsvp(RsvpEvent),
    Office(OfficeSettings),
}

/// Runs `$body` on the record inside whatever the variant.
macro_rules! each_record {
    ($record:expr, $inner:ident => $body:expr) => {
        match $record {
            Record::Person($inner) => $body,
            Record::Checkin($inner) => $body,
            Record::Book($inner) => $body,
            Record::Loan($inner) => $body,
            Record::Hold($inner) => $body,
            Record::MealSet($inner) => $body,
            Record::Reservation($inner) => $body,
            Record::Announcement($inner) => $body,
            Record::Rsvp($inner) => $body,
            Record::Office($inner) => $body,
        }
    };
}

impl Record {
    pub fn kind(&self) -> Kind {
        match self {
            Record::Person(_) => Kind::People,
            Record::Checkin(_) => Kind::Checkins,
            Record::Book(_) => Kind::Books,
            Record::Loan(_) => Kind::Loans,
            Record::Hold(_) => Kind::Holds,
            Record::MealSet(_) => Kind::MealSets,
            Record::Reservation(_) => Kind::Reservations,
            Record::Announcement(_) => Kind::Announcements,
            Record::Rsvp(_) => Kind::Rsvps,
            Record::Office(_) => Kind::Settings,
        }
    }

    pub fn meta(&self) -> &Meta {
        each_record!(self, r => &r.meta)
    }

    pub fn doc_id(&self) -> String {
        doc_id(self.kind(), &self.meta().id)
    }

    /// The person an event is about (whose it is, for the server's rules).
    pub fn person_id(&self) -> Option<&str> {
        match self {
            Record::Checkin(e) => Some(&e.person_id),
            Record::Loan(e) => Some(&e.person_id),
            Record::Hold(e) => Some(&e.person_id),
            Record::Reservation(e) => Some(&e.person_id),
            Record::Rsvp(e) => Some(&e.person_id),
            _ => None,
        }
    }

    /// Reads a record of `kind` from its JSON.
    pub fn from_json(kind: Kind, json: &str) -> Result<Record, serde_json::Error> {
        fn read<T: DeserializeOwned>(json: &str, wrap: fn(T) -> Record) -> Result<Record, serde_json::Error> {
            serde_json::from_str(json).map(wrap)
        }
        match kind {
            Kind::People => read(json, Record::Person),
            Kind::Checkins => read(json, Record::Checkin),
            Kind::Books => read(json, Record::Book),
            Kind::Loans => read(json, Record::Loan),
            Kind::Holds => read(json, Record::Hold),
            Kind::MealSets => read(json, Record::MealSet),
            Kind::Reservations => read(json, Record::Reservation),
            Kind::Announcements => read(json, Record::Announcement),
            Kind::Rsvps => read(json, Record::Rsvp),
            Kind::Settings => read(json, Record::Office),
        }
    }

    pub fn to_json(&self) -> String {
        each_record!(self, r => serde_json::to_string(r)).expect("records serialise")
    }
}

/// Serialises as the record itself (no variant tag): the stored shape.
impl Serialize for Record {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        each_record!(self, r => r.serialize(serializer))
    }
}

/// The server's document id of a record.
pub fn doc_id(kind: Kind, record_id: &str) -> String {
    format!("{}:{record_id}", kind.name())
}

/// The kind and record id of a document id; `None` for anything else
/// (design documents, another app's documents).
pub fn parse_doc_id(doc_id: &str) -> Option<(Kind, &str)> {
    let (kind, id) = doc_id.split_once(':')?;
    Some((Kind::from_name(kind)?, id)).filter(|(_, id)| !id.is_empty())
}

/// A CouchDB revision: its depth in the document's history and a hash.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Rev {
    pub pos: u32,
    pub hash: String,
}

impl Rev {
    pub fn parse(text: &str) -> Option<Rev> {
        let (pos, hash) = text.split_once('-')?;
        let pos: u32 = pos.parse().ok().filter(|&p| p > 0)?;
        let valid = !hash.is_empty() && hash.len() <= 64 && hash.bytes().all(|b| b.is_ascii_alphanumeric());
        valid.then(|| Rev { pos, hash: hash.to_owned() })
    }

    /// The revision of a record's new version written on top of `parent`:
    /// the same content on the same parent gives the same revision on
    /// every device, so sending it twice is harmless.
    pub fn next(parent: Option<&Rev>, record_json: &str) -> Rev {
        let parent_text = parent.map(Rev::to_string).unwrap_or_default();
        let hash = fnv1a_128(&[parent_text.as_bytes(), b"\n", record_json.as_bytes()]);
        Rev { pos: parent.map_or(1, |p| p.pos + 1), hash: format!("{hash:032x}") }
    }
}

impl fmt::Display for Rev {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-{}", self.pos, self.hash)
    }
}

/// CouchDB's own order of revisions: deeper first, then the greater hash.
/// (Used only to break ties; which version wins is [`wins_over`]'s call.)
impl Ord for Rev {
    fn cmp(&self, other: &Self) -> Ordering {
        (self.pos, &self.hash).cmp(&(other.pos, &other.hash))
    }
}

impl PartialOrd for Rev {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// FNV-1a, 128 bits: small, stable across builds and platforms (a revision
/// hash must be the same on every device and every version of the app).
fn fnv1a_128(parts: &[&[u8]]) -> u128 {
    const OFFSET: u128 = 0x6c62_272e_07bb_0142_62b8_2175_6295_c58d;
    const PRIME: u128 = 0x0000_0000_0100_0000_0000_0000_0000_013b;
    let mut hash = OFFSET;
    for byte in parts.iter().flat_map(|p| p.iter()) {
        hash ^= u128::from(*byte);
        hash = hash.wrapping_mul(PRIME);
    }
    hash
}

/// Of two versions of one record, whether `a` is the one every device
/// keeps: the later edit (`meta.updated_at`), then the greater device id,
/// then the greater revision. Any device, comparing the same two versions,
/// decides the same way, whatever order they arrived in.
pub fn wins_over(a: (&Meta, &Rev), b: (&Meta, &Rev)) -> bool {
    let key = |(meta, rev): (&Meta, &Rev)| (meta.updated_at, meta.device_id.clone(), rev.clone());
    key(a) > key(b)
}

/// A document to send: its id, revision, and body as JSON text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Outgoing {
    pub doc_id: String,
    pub rev: Rev,
    pub json: String,
}

/// The document for a new version of `record` on top of `parent` (the
/// revision this device last had from the server, if any). Sent with
/// `new_edits: false`, so the server keeps exactly this revision: its
/// `_revisions` name the parent, which the server knows.
pub fn outgoing(record: &Record, parent: Option<&Rev>) -> Outgoing {
    let body = record.to_json();
    let rev = Rev::next(parent, &body);
    let doc_id = record.doc_id();
    let json = format!(
        r#"{{"_id":{},"_rev":"{rev}","_revisions":{},"record":{body}}}"#,
        serde_json::to_string(&doc_id).expect("a string"),
        revisions(&rev, parent),
    );
    Outgoing { doc_id, rev, json }
}

/// Ends a losing branch of a conflicted document: a deletion on top of the
/// losing leaf. CouchDB keeps the loser in the document's history.
pub fn resolution(doc_id: &str, loser: &Rev) -> Outgoing {
    let rev = Rev::next(Some(loser), "deleted");
    let json = format!(
        r#"{{"_id":{},"_rev":"{rev}","_revisions":{},"_deleted":true}}"#,
        serde_json::to_string(doc_id).expect("a string"),
        revisions(&rev, Some(loser)),
    );
    Outgoing { doc_id: doc_id.to_owned(), rev, json }
}

fn revisions(rev: &Rev, parent: Option<&Rev>) -> String {
    match parent {
        Some(p) if p.pos + 1 == rev.pos => format!(r#"{{"start":{},"ids":["{}","{}"]}}"#, rev.pos, rev.hash, p.hash),
        _ => format!(r#"{{"start":{},"ids":["{}"]}}"#, rev.pos, rev.hash),
    }
}

/// Why a document from the server was skipped.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DocError {
    /// Not JSON, or not a document (no `_id` or `_rev`).
    Unreadable(String),
    /// A document that is not an Oasis record (another app's, a newer kind).
    UnknownKind,
    /// The record does not fit its kind (a missing field, a wrong type).
    Invalid(String),
    /// The record's own id is not the one in the document id.
    WrongId,
}

impl fmt::Display for DocError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DocError::Unreadable(why) => write!(f, "unreadable document ({why})"),
            DocError::UnknownKind => write!(f, "not an Oasis record"),
            DocError::Invalid(why) => write!(f, "invalid record ({why})"),
            DocError::WrongId => write!(f, "record id does not match the document id"),
        }
    }
}

/// A document version as received.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Incoming {
    pub doc_id: String,
    pub rev: Rev,
    /// `None`: a deleted revision (a resolved conflict's loser, or a
    /// document deleted on the server).
    pub record: Option<Record>,
    /// The other live leaves of a conflicted document.
    pub conflicts: Vec<Rev>,
}

#[derive(Deserialize)]
struct RawDoc<'a> {
    #[serde(rename = "_id")]
    id: String,
    #[serde(rename = "_rev")]
    rev: String,
    #[serde(rename = "_deleted", default)]
    deleted: bool,
    #[serde(rename = "_conflicts", default)]
    conflicts: Vec<String>,
    #[serde(borrow, default)]
    record: Option<&'a RawValue>,
}

/// Whether a document id is the app's business at all: design documents
/// (the server's validation) and ids of no known kind are not.
pub fn is_record_doc(doc_id: &str) -> bool {
    parse_doc_id(doc_id).is_some()
}

/// What the JSON reader says is wrong with a record, without its "at line
/// 1 column 268": a place in the record's own text, which no one sees.
pub fn reader_error(error: &serde_json::Error) -> String {
    let text = error.to_string();
    let place = format!(" at line {} column {}", error.line(), error.column());
    text.strip_suffix(&place).map_or(text.clone(), str::to_owned)
}

/// A document version the app cannot use, with what could be read of it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unusable {
    pub doc_id: Option<String>,
    /// Its revision and the document's other live versions, when they
    /// could be read: its conflict is still settled, on a version that can
    /// be used.
    pub rev: Option<Rev>,
    pub conflicts: Vec<Rev>,
    pub error: DocError,
}

impl Unusable {
    /// Nothing known of the version but why it cannot be used.
    pub fn just(error: DocError) -> Unusable {
        Unusable { doc_id: None, rev: None, conflicts: Vec::new(), error }
    }
}

/// Reads one document as the server sent it: a record that breaks its
/// form's rules is refused like one that does not parse.
pub fn decode(json: &str) -> Result<Incoming, Unusable> {
    let raw: RawDoc = serde_json::from_str(json)
        .map_err(|e| Unusable::just(DocError::Unreadable(e.to_string())))?;
    let rev = Rev::parse(&raw.rev);
    let conflicts: Vec<Rev> = raw.conflicts.iter().filter_map(|r| Rev::parse(r)).collect();
    let fail = |error| Unusable { doc_id: Some(raw.id.clone()), rev: rev.clone(), conflicts: conflicts.clone(), error };
    let Some(rev) = rev.clone() else {
        return Err(fail(DocError::Unreadable(format!("revision {:?}", raw.rev))));
    };
    let (kind, record_id) = parse_doc_id(&raw.id).ok_or_else(|| fail(DocError::UnknownKind))?;
    let record = if raw.deleted {
        None
    } else {
        let body = raw.record.ok_or_else(|| fail(DocError::Invalid("no record".into())))?;
        let record = Record::from_json(kind, body.get()).map_err(|e| fail(DocError::Invalid(reader_error(&e))))?;
        if record.meta().id != record_id {
            return Err(fail(DocError::WrongId));
        }
        if let Err(flaw) = field_rules::check(&record) {
            let why = format!("{}: {}", flaw.field, i18n::field_error(flaw.error, Lang::En));
            return Err(fail(DocError::Invalid(why)));
        }
        Some(record)
    };
    Ok(Incoming { doc_id: raw.id.clone(), rev, record, conflicts })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::attendance::{CheckKind, CheckMethod};
    use crate::domain::date::Date;

    pub(crate) fn checkin(id: &str, person: &str, at: i64) -> Record {
        Record::Checkin(CheckEvent {
            meta: Meta::new(id.into(), at, "phone"),
            person_id: person.into(),
            day: Date::parse_iso("2026-11-25").unwrap(),
            at,
            kind: CheckKind::In,
            method: CheckMethod::Tap,
        })
    }

    #[test]
    fn kinds_and_ids_round_trip() {
        for kind in Kind::ALL {
            assert_eq!(Kind::from_name(kind.name()), Some(kind));
        }
        assert_eq!(parse_doc_id("checkins:01ABC"), Some((Kind::Checkins, "01ABC")));
        assert_eq!(parse_doc_id("settings:office"), Some((Kind::Settings, "office")));
        for other in ["_design/oasis", "checkins:", "widgets:1", "nocolon", ""] {
            assert_eq!(parse_doc_id(other), None, "{other}");
        }
    }

    #[test]
    fn revisions_are_deterministic_and_chain() {
        let a = Rev::next(None, "{}");
        assert_eq!(a, Rev::next(None, "{}"));
        assert_eq!(a.pos, 1);
        assert_eq!(a.hash.len(), 32);
        let b = Rev::next(Some(&a), "{}");
        assert_eq!(b.pos, 2);
        assert_ne!(a.hash, b.hash, "the parent is part of the hash");
        assert_ne!(Rev::next(None, "{\"x\":1}"), a);
        assert_eq!(Rev::parse(&b.to_string()), Some(b));
        for bad in ["", "1", "0-abc", "x-abc", "1-", "1-a b", "-1-abc"] {
            assert_eq!(Rev::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn fnv_matches_its_published_vector() {
        // FNV-1a 128 of "a" (from the FNV reference test suite).
        assert_eq!(fnv1a_128(&[b"a"]), 0xd228_cb69_6f1a_8caf_7891_2b70_4e4a_8964_u128);
    }

    #[test]
    fn the_later_edit_wins_whatever_the_order() {
        let old = Meta { updated_at: 10, ..Meta::new("b".into(), 1, "tablet") };
        let new = Meta { updated_at: 20, ..Meta::new("b".into(), 1, "laptop") };
        let (r1, r2) = (Rev::parse("2-aa").unwrap(), Rev::parse("2-bb").unwrap());
        assert!(wins_over((&new, &r1), (&old, &r2)));
        assert!(!wins_over((&old, &r2), (&new, &r1)));
        // Same instant: the device id decides, then the revision.
        let tie = Meta { updated_at: 20, ..Meta::new("b".into(), 1, "phone") };
        assert!(wins_over((&tie, &r1), (&new, &r2)));
        assert!(wins_over((&new, &r2), (&new, &r1)));
        assert!(!wins_over((&new, &r1), (&new, &r1)), "a version does not beat itself");
    }

    #[test]
    fn a_record_goes_out_and_comes_back_the_same() {
        let record = checkin("01A", "p1", 1_764_059_400_000);
        let out = outgoing(&record, None);
        assert_eq!(out.doc_id, "checkins:01A");
        let back = decode(&out.json).unwrap();
        assert_eq!(back.record, Some(record.clone()));
        assert_eq!(back.rev, out.rev);
        assert!(out.json.contains(&format!(r#""_revisions":{{"start":1,"ids":["{}"]}}"#, out.rev.hash)));
        // An edit names its parent.
        let next = outgoing(&record, Some(&out.rev));
        assert_eq!(next.rev.pos, 2);
        assert!(next.json.contains(&format!(r#""ids":["{}","{}"]"#, next.rev.hash, out.rev.hash)));
    }

    #[test]
    fn a_resolution_deletes_the_losing_leaf() {
        let loser = Rev::parse("2-bb").unwrap();
        let out = resolution("books:1", &loser);
        assert_eq!(out.rev.pos, 3);
        let back = decode(&out.json).unwrap();
        assert_eq!(back.record, None);
    }

    #[test]
    fn bad_documents_are_refused_with_a_reason() {
        let good = outgoing(&checkin("01A", "p1", 1_764_059_400_000), None).json;
        assert!(decode(&good).is_ok());
        assert!(matches!(decode("not json"), Err(Unusable { doc_id: None, error: DocError::Unreadable(_), .. })));
        assert!(matches!(decode(r#"{"_id":"checkins:1"}"#), Err(Unusable { doc_id: None, error: DocError::Unreadable(_), .. })));
        assert!(matches!(
            decode(r#"{"_id":"checkins:1","_rev":"zz"}"#),
            Err(Unusable { doc_id: Some(_), rev: None, error: DocError::Unreadable(_), .. })
        ));
        assert_eq!(decode(r#"{"_id":"_design/oasis","_rev":"1-a"}"#).unwrap_err().error, DocError::UnknownKind);
        assert_eq!(decode(r#"{"_id":"widgets:1","_rev":"1-a","record":{}}"#).unwrap_err().error, DocError::UnknownKind);
        assert!(matches!(decode(r#"{"_id":"checkins:1","_rev":"1-a"}"#), Err(Unusable { error: DocError::Invalid(_), .. })));
        let wrong_type = good.replace(r#""person_id":"p1""#, r#""person_id":7"#);
        assert!(matches!(decode(&wrong_type), Err(Unusable { doc_id: Some(_), error: DocError::Invalid(_), .. })));
        let bad_date = good.replace("2026-11-25", "2026-13-45");
        assert!(matches!(decode(&bad_date), Err(Unusable { doc_id: Some(_), error: DocError::Invalid(_), .. })));
        let other_id = good.replace(r#""_id":"checkins:01A""#, r#""_id":"checkins:01B""#);
        assert_eq!(decode(&other_id).unwrap_err().error, DocError::WrongId);
        let wrong_kind = good.replace(r#""_id":"checkins:01A""#, r#""_id":"books:01A""#);
        assert!(matches!(decode(&wrong_kind), Err(Unusable { error: DocError::Invalid(_), .. })));
        // Parsed, but breaking a rule the app's forms keep: the field and why.
        let flipped = good.replace(r#""person_id":"p1""#, r#""person_id":"p1\u202e""#);
        assert_eq!(decode(&flipped).unwrap_err().error, DocError::Invalid("person_id: Remove invisible or control characters.".into()));
        let far_future = good.replace(r#""at":1764059400000"#, r#""at":9000000000000000"#);
        assert_eq!(decode(&far_future).unwrap_err().error, DocError::Invalid("at: Enter a date between 2000 and 2099.".into()));
        // What is known of it still settles its conflict.
        let conflicted = good.replace(r#""person_id":"p1""#, r#""person_id":"""#).replacen('{', r#"{"_conflicts":["2-bb","zz"],"#, 1);
        let unusable = decode(&conflicted).unwrap_err();
        assert_eq!(unusable.rev, Some(outgoing(&checkin("01A", "p1", 1_764_059_400_000), None).rev));
        assert_eq!(unusable.conflicts, vec![Rev::parse("2-bb").unwrap()]);
        // The reader's words, without a place in the record's text.
        let DocError::Invalid(why) = decode(&wrong_type).unwrap_err().error else { panic!() };
        assert_eq!(why, "invalid type: integer `7`, expected a string");
    }
}
