//! The rules of office sync, apart from HTTP and IndexedDB: what the
//! CouchDB replication protocol's messages say, what a device does with a
//! version that arrives, which of two conflicting versions every device
//! keeps, and the sync state shown to people.
//!
//! The protocol (docs.couchdb.org, "Replication Protocol"): pull reads the
//! server's `_changes` since a checkpoint, fetches what it lacks and stores
//! each batch with the new checkpoint; push sends the device's outbox with
//! `_revs_diff` and `_bulk_docs` (`new_edits: false`, so a retry is
//! harmless); checkpoints live on both sides (`_local/...`).

use super::date::Instant;
use super::doc::{decode, is_record_doc, wins_over, DocError, Incoming, Record, Rev, Unusable};
use super::store_error::StoreError;
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;
use std::collections::{BTreeMap, HashMap};

/// A position in the server's changes feed. Opaque: CouchDB 3 gives
/// strings, others numbers; it is kept as the JSON it came as.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Seq(pub String);

impl Seq {
    /// The start of the feed.
    pub fn zero() -> Seq {
        Seq("0".into())
    }

    /// The value of a `since=` query parameter.
    pub fn as_param(&self) -> String {
        serde_json::from_str::<String>(&self.0).unwrap_or_else(|_| self.0.clone())
    }
}

/// One document's entry in a changes page, with what was made of it.
#[derive(Debug)]
pub enum Change {
    /// A version to apply (maybe with conflicts to fetch and settle).
    Doc(Box<Incoming>),
    /// A version that could not be used: skipped, with why (and the
    /// document's other live versions, still to be settled).
    Skipped { doc_id: String, unusable: Unusable },
}

/// A page of `_changes?style=all_docs&include_docs=true&conflicts=true`.
#[derive(Debug)]
pub struct ChangesPage {
    pub changes: Vec<Change>,
    pub last_seq: Seq,
    /// Entries in the page, design documents included (a full page means
    /// there may be more).
    pub entries: usize,
}

#[derive(Deserialize)]
struct RawChanges<'a> {
    #[serde(borrow)]
    results: Vec<RawChange<'a>>,
    #[serde(borrow)]
    last_seq: &'a RawValue,
}

#[derive(Deserialize)]
struct RawChange<'a> {
    id: String,
    #[serde(borrow, default)]
    doc: Option<&'a RawValue>,
}

/// Reads a changes page. A broken document is skipped with a note; a
/// broken page (not the protocol's shape) is an error.
pub fn parse_changes(json: &str) -> Result<ChangesPage, String> {
    let raw: RawChanges = serde_json::from_str(json).map_err(|e| e.to_string())?;
    let entries = raw.results.len();
    let changes = raw
        .results
        .into_iter()
        .filter(|c| is_record_doc(&c.id) || !c.id.starts_with("_design/"))
        .map(|c| match c.doc {
            None => Change::Skipped { doc_id: c.id, unusable: Unusable::just(DocError::Unreadable("no document".into())) },
            Some(doc) => match decode(doc.get()) {
                Ok(incoming) if incoming.doc_id == c.id => Change::Doc(Box::new(incoming)),
                Ok(_) => Change::Skipped { doc_id: c.id, unusable: Unusable::just(DocError::WrongId) },
                Err(unusable) => Change::Skipped { doc_id: c.id, unusable },
            },
        })
        .collect();
    Ok(ChangesPage { changes, last_seq: Seq(raw.last_seq.get().to_owned()), entries })
}

#[derive(Deserialize)]
struct RawBulkGet<'a> {
    #[serde(borrow)]
    results: Vec<RawBulkGetResult<'a>>,
}

#[derive(Deserialize)]
struct RawBulkGetResult<'a> {
    id: String,
    #[serde(borrow)]
    docs: Vec<RawBulkGetDoc<'a>>,
}

#[derive(Deserialize)]
struct RawBulkGetDoc<'a> {
    #[serde(borrow, default)]
    ok: Option<&'a RawValue>,
}

/// A version asked of `_bulk_get`, by document id: what came, or why not.
pub type Fetched = (String, Result<Incoming, Unusable>);

/// Reads a `_bulk_get` answer: each requested version, or why it is
/// missing or unusable, by document id.
pub fn parse_bulk_get(json: &str) -> Result<Vec<Fetched>, String> {
    let raw: RawBulkGet = serde_json::from_str(json).map_err(|e| e.to_string())?;
    let mut out = Vec::new();
    for result in raw.results {
        for doc in result.docs {
            let version = match doc.ok {
                None => Err(Unusable::just(DocError::Unreadable("missing on the server".into()))),
                Some(body) => decode(body.get()),
            };
            out.push((result.id.clone(), version));
        }
    }
    Ok(out)
}

/// The server's refusal of one document in a `_bulk_docs` write.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct DocRefusal {
    pub id: String,
    pub error: String,
    #[serde(default)]
    pub reason: String,
}

impl DocRefusal {
    /// Refused for good (validation): retrying would not help.
    pub fn is_final(&self) -> bool {
        self.error == "forbidden"
    }

    /// Refused because the session does not allow it (expired, signed out).
    pub fn is_unauthorized(&self) -> bool {
        self.error == "unauthorized"
    }
}

/// Reads a `_bulk_docs` answer (`new_edits: false`): only failures are
/// listed; everything else was stored.
pub fn parse_bulk_docs(json: &str) -> Result<Vec<DocRefusal>, String> {
    #[derive(Deserialize)]
    struct Entry {
        id: Option<String>,
        error: Option<String>,
        #[serde(default)]
        reason: Option<String>,
    }
    let entries: Vec<Entry> = serde_json::from_str(json).map_err(|e| e.to_string())?;
    Ok(entries
        .into_iter()
        .filter_map(|e| {
            Some(DocRefusal { id: e.id?, error: e.error?, reason: e.reason.unwrap_or_default() })
        })
        .collect())
}

/// The body of a `_revs_diff` request: revisions per document id.
pub fn revs_diff_request<'a>(docs: impl IntoIterator<Item = (&'a str, &'a Rev)>) -> String {
    let mut by_id: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    for (id, rev) in docs {
        by_id.entry(id).or_default().push(rev.to_string());
    }
    serde_json::to_string(&by_id).expect("strings")
}

/// Reads a `_revs_diff` answer: the revisions the server lacks, by id.
pub fn parse_revs_diff(json: &str) -> Result<HashMap<String, Vec<Rev>>, String> {
    #[derive(Deserialize)]
    struct Missing {
        #[serde(default)]
        missing: Vec<String>,
    }
    let raw: HashMap<String, Missing> = serde_json::from_str(json).map_err(|e| e.to_string())?;
    Ok(raw.into_iter().map(|(id, m)| (id, m.missing.iter().filter_map(|r| Rev::parse(r)).collect())).collect())
}

/// Who is signed in, as the server's `_session` says.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Account {
    pub name: String,
    pub roles: Vec<String>,
}

/// Role names in the office database (see `tools/office/validate.js`).
pub const ROLE_ADMIN: &str = "admin";
pub const ROLE_EMPLOYEE: &str = "employee";
pub const ROLE_KIOSK: &str = "kiosk";
/// The role that ties an account to its person: `person:<person id>`.
pub const PERSON_ROLE_PREFIX: &str = "person:";

impl Account {
    pub fn has_role(&self, role: &str) -> bool {
        self.roles.iter().any(|r| r == role) || self.roles.iter().any(|r| r == "_admin")
    }

    pub fn is_admin(&self) -> bool {
        self.has_role(ROLE_ADMIN)
    }

    /// The office's person this account is.
    pub fn person_id(&self) -> Option<&str> {
        self.roles.iter().find_map(|r| r.strip_prefix(PERSON_ROLE_PREFIX)).filter(|id| !id.is_empty())
    }

    /// Whether the office's validation (`tools/office/validate_doc_update.js`)
    /// takes `record` from this account as a new document: an admin's
    /// anything, a kiosk's check-ins, an employee's own events.
    pub fn may_add(&self, record: &Record) -> bool {
        if self.is_admin() {
            return true;
        }
        if self.has_role(ROLE_KIOSK) {
            return matches!(record, Record::Checkin(_));
        }
        self.has_role(ROLE_EMPLOYEE) && record.person_id().is_some_and(|p| self.person_id() == Some(p))
    }
}

/// Reads `GET /_session` (`userCtx`) or `POST /_session` (top level): the
/// account, or `None` when nobody is signed in.
pub fn parse_session(json: &str) -> Result<Option<Account>, String> {
    #[derive(Deserialize)]
    struct Ctx {
        name: Option<String>,
        #[serde(default)]
        roles: Vec<String>,
    }
    #[derive(Deserialize)]
    struct Session {
        #[serde(rename = "userCtx")]
        user_ctx: Option<Ctx>,
        name: Option<String>,
        #[serde(default)]
        roles: Vec<String>,
    }
    let raw: Session = serde_json::from_str(json).map_err(|e| e.to_string())?;
    let (name, roles) = match raw.user_ctx {
        Some(ctx) => (ctx.name, ctx.roles),
        None => (raw.name, raw.roles),
    };
    Ok(name.map(|name| Account { name, roles }))
}

/// What the device holds of a document when a version of it arrives.
#[derive(Clone, Copy, Debug)]
pub struct Local<'a> {
    /// The server revision this device's copy is (or builds on).
    pub rev: Option<&'a Rev>,
    /// This device's edit of it, not sent yet.
    pub unsent: Option<&'a Record>,
}

/// What to do with a version that arrives from the server.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PullStep {
    /// This device already has it (often its own write coming back).
    Skip,
    /// Store it. `lost`: this device's unsent edit, which it replaces.
    Take { lost: Option<Box<Record>> },
    /// The server deleted the document: remove this device's copy.
    Remove,
    /// This device's unsent edit wins: keep it, and send it on top of
    /// the arrived revision (so the server's history stays one line).
    KeepLocal,
}

/// Decides what a device does with a version of a document that arrives.
/// The server's version is the office's truth, except against an edit of
/// this device not sent yet: then the later edit wins ([`wins_over`]), the
/// same way on every device.
pub fn on_pull(local: Local<'_>, rev: &Rev, incoming: Option<&Record>) -> PullStep {
    if local.rev == Some(rev) {
        return PullStep::Skip;
    }
    let Some(incoming) = incoming else {
        return if local.rev.is_some() || local.unsent.is_some() { PullStep::Remove } else { PullStep::Skip };
    };
    match local.unsent {
        Some(mine) if mine == incoming => PullStep::Take { lost: None },
        Some(mine) => {
            let my_rev = Rev::next(local.rev, &mine.to_json());
            if wins_over((mine.meta(), &my_rev), (incoming.meta(), rev)) {
                PullStep::KeepLocal
            } else {
                PullStep::Take { lost: Some(Box::new(mine.clone())) }
            }
        }
        None => PullStep::Take { lost: None },
    }
}

/// Of a conflicted document's live versions, the index of the one every
/// device keeps ([`wins_over`]); versions that cannot be read never win.
/// `None` when none can be read.
pub fn conflict_winner(leaves: &[(Rev, Option<Record>)]) -> Option<usize> {
    leaves
        .iter()
        .enumerate()
        .filter_map(|(i, (rev, record))| Some((i, rev, record.as_ref()?)))
        .reduce(|best, next| if wins_over((next.2.meta(), next.1), (best.2.meta(), best.1)) { next } else { best })
        .map(|(i, _, _)| i)
}

/// Where this device's sync stands, in the words the header shows.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "state")]
pub enum SyncState {
    /// Not joined to an office: the device works alone.
    #[default]
    Alone,
    Syncing,
    Synced,
    /// The server cannot be reached (no network, or it is down).
    Offline,
    /// The session expired or was refused: the person must sign in again.
    NeedsSignIn,
    Error {
        #[serde(default)]
        problem: SyncProblem,
    },
}

/// Why sync stopped, as facts: the screen says them in the person's
/// language (a server's or a browser's own words stay as they came).
/// Serde's plain enum form: a tagged one costs kilobytes of wasm in every
/// first load, where the header reads the status.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SyncProblem {
    /// No office database of this name on the server (any more).
    NoOffice,
    /// The server refused this account (a 403), in its words.
    Refused(String),
    /// Another answer than the protocol's (a 500, a proxy's page), in its
    /// words.
    Server(String),
    /// This device's store failed.
    Storage(StoreError),
    /// A status stored without one (by an older version).
    #[default]
    Unknown,
}

/// A change the server refused (its validation), kept to be shown.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Refused {
    pub doc_id: String,
    /// What it was, in words (a book's title, "Check-in of 25 Nov").
    pub what: String,
    pub reason: String,
    pub at: Instant,
}

/// Why the office's validation (`tools/office/validate_doc_update.js`)
/// refused a change, known from its words, so the screen can say it in the
/// person's language. Another server's reasons stay in their own words.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RefusalReason {
    NotARecord,
    OnlyAdminsDelete,
    IdMismatch,
    KioskChecksInOnly,
    AdminsOnly,
    NoRole,
    NotYours,
    EventsNeverChange,
}

impl RefusalReason {
    /// The validation's sentences, as it words them (or their start, where
    /// it adds the record's id or kind).
    const WORDS: [(&'static str, RefusalReason); 8] = [
        ("Not an Oasis record: ", RefusalReason::NotARecord),
        ("Only an admin may delete a record.", RefusalReason::OnlyAdminsDelete),
        ("A record's id must match its document id.", RefusalReason::IdMismatch),
        ("A kiosk writes check-ins only.", RefusalReason::KioskChecksInOnly),
        ("Only an admin may write ", RefusalReason::AdminsOnly),
        ("This account has no role in the office.", RefusalReason::NoRole),
        ("An employee writes only their own ", RefusalReason::NotYours),
        ("An event is never changed once written.", RefusalReason::EventsNeverChange),
    ];

    pub fn of(reason: &str) -> Option<RefusalReason> {
        RefusalReason::WORDS.iter().find(|(words, _)| reason.starts_with(words)).map(|(_, known)| *known)
    }
}

/// A document from the server this device could not use, or an edit of
/// this device that lost to a later one from another device.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SyncNote {
    pub doc_id: String,
    pub kind: NoteKind,
    pub detail: String,
    pub at: Instant,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NoteKind {
    /// A document that does not parse or breaks the schema: skipped.
    Skipped,
    /// This device's edit was replaced by a later one from another device.
    Overwritten,
}

/// Notes (and refusals) kept at most, the newest: a broken server could
/// send thousands.
pub const NOTES_KEPT: usize = 50;

/// Where this device's pull stands: the server's changes feed position
/// its data reflects (stored with the data, in one transaction).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Checkpoint {
    pub since: Seq,
}

/// What the header and Settings show of sync.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SyncStatus {
    pub state: SyncState,
    /// The last time pull and push both completed.
    #[serde(default)]
    pub last_synced_at: Option<Instant>,
}

/// Adds to a kept list, keeping only the newest [`NOTES_KEPT`].
pub fn keep_newest<T>(list: &mut Vec<T>, more: impl IntoIterator<Item = T>) {
    list.extend(more);
    let excess = list.len().saturating_sub(NOTES_KEPT);
    list.drain(..excess);
}

/// Adds notes to the kept ones, leaving out any that says again what one
/// kept says (the same document, kind and words): a conflict that only an
/// admin's device ends arrives again with each change of its document.
pub fn add_notes(kept: &mut Vec<SyncNote>, more: Vec<SyncNote>) {
    let said = |n: &SyncNote, m: &SyncNote| n.doc_id == m.doc_id && n.kind == m.kind && n.detail == m.detail;
    let mut new: Vec<SyncNote> = Vec::new();
    for note in more {
        if !kept.iter().chain(&new).any(|k| said(k, &note)) {
            new.push(note);
        }
    }
    keep_newest(kept, new);
}

/// Waits between retries after a failure: 1 s, 2 s, 4 s... up to a minute.
pub fn backoff_ms(failures: u32) -> u32 {
    1000u32.saturating_mul(1 << failures.min(6)).min(60_000)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_an_account_may_add_follows_the_office_validation() {
        use crate::domain::attendance::{CheckEvent, CheckKind, CheckMethod};
        use crate::domain::date::Date;
        use crate::domain::record::Meta;
        let account = |roles: &[&str]| Account { name: "x".into(), roles: roles.iter().map(|r| r.to_string()).collect() };
        let checkin = |person: &str| {
            Record::Checkin(CheckEvent {
                meta: Meta::new("c1".into(), 0, "d"),
                person_id: person.into(),
                day: Date::parse_iso("2026-11-25").unwrap(),
                at: 0,
                kind: CheckKind::In,
                method: CheckMethod::Tap,
            })
        };
        let office = Record::Office(crate::domain::settings::OfficeSettings::new("UTC", 0, "test"));
        let ann = account(&["employee", "person:ann"]);
        assert!(ann.may_add(&checkin("ann")));
        assert!(!ann.may_add(&checkin("bob")), "another's event");
        assert!(!ann.may_add(&office), "admin-only");
        assert!(account(&["kiosk"]).may_add(&checkin("bob")));
        assert!(!account(&["kiosk"]).may_add(&office));
        assert!(account(&["admin"]).may_add(&office));
        assert!(account(&["_admin"]).may_add(&office));
        assert!(!account(&["person:ann"]).may_add(&checkin("ann")), "no role in the office");
    }

    #[test]
    fn a_note_said_again_is_kept_once() {
        let note = |doc: &str, detail: &str, at| SyncNote { doc_id: doc.into(), kind: NoteKind::Overwritten, detail: detail.into(), at };
        let mut kept = vec![note("books:a", "Dune", 1)];
        add_notes(&mut kept, vec![note("books:a", "Dune", 2), note("books:b", "Emma", 2), note("books:b", "Emma", 3)]);
        assert_eq!(kept, [note("books:a", "Dune", 1), note("books:b", "Emma", 2)]);
        add_notes(&mut kept, vec![note("books:a", "Dune (again edited)", 4)]);
        assert_eq!(kept.len(), 3, "other words: another note");
    }

    #[test]
    fn every_refusal_of_the_office_validation_is_known() {
        let validation = include_str!("../../tools/office/validate_doc_update.js");
        let sentences: Vec<&str> =
            validation.split("refuse(\"").skip(1).map(|rest| rest.split('"').next().unwrap()).collect();
        assert_eq!(sentences.len(), RefusalReason::WORDS.len(), "{sentences:?}");
        for sentence in sentences {
            assert!(RefusalReason::of(sentence).is_some(), "{sentence}");
        }
        assert_eq!(RefusalReason::of("Only an admin may write books."), Some(RefusalReason::AdminsOnly));
        assert_eq!(RefusalReason::of("An employee writes only their own checkins."), Some(RefusalReason::NotYours));
        assert_eq!(RefusalReason::of("forbidden by the proxy"), None);
    }

    use crate::domain::books::Book;
    use crate::domain::doc::{outgoing, Kind};
    use crate::domain::record::Meta;

    #[test]
    fn a_sync_status_stored_by_an_older_version_still_reads() {
        let old: SyncStatus = serde_json::from_str(r#"{"state":{"state":"error","reason":"refused: nope"},"last_synced_at":null}"#).unwrap();
        assert_eq!(old.state, SyncState::Error { problem: SyncProblem::Unknown });
        for problem in [SyncProblem::Refused("nope".into()), SyncProblem::Storage(StoreError::Full), SyncProblem::Storage(StoreError::Corrupt("x".into()))] {
            let now = SyncStatus { state: SyncState::Error { problem }, last_synced_at: Some(5) };
            assert_eq!(serde_json::from_str::<SyncStatus>(&serde_json::to_string(&now).unwrap()).unwrap(), now);
        }
    }

    /// Made in 2025, edited `edited` ms later: a time a record may have.
    fn book(title: &str, edited: Instant, device: &str) -> Record {
        const MADE: Instant = 1_750_000_000_000;
        Record::Book(Book {
            meta: Meta { updated_at: MADE + edited, ..Meta::new("b1".into(), MADE, device) },
            title: title.into(),
            authors: vec!["A".into()],
            isbn: None,
            tags: vec![],
            recommended_by: None,
            copies: 1,
            shelf: String::new(),
            notes: String::new(),
            copies_changes: Vec::new(),
            photo: None,
        })
    }

    fn rev(text: &str) -> Rev {
        Rev::parse(text).unwrap()
    }

    #[test]
    fn sequences_stay_opaque() {
        assert_eq!(Seq("42".into()).as_param(), "42");
        assert_eq!(Seq(r#""13-g1AAAA""#.into()).as_param(), "13-g1AAAA");
        assert_eq!(Seq::zero().as_param(), "0");
    }

    #[test]
    fn changes_page_skips_what_it_cannot_use() {
        let good = outgoing(&book("Dune", 5, "a"), None);
        let json = format!(
            r#"{{"results":[
                {{"seq":1,"id":"_design/oasis","changes":[{{"rev":"1-x"}}],"doc":{{"_id":"_design/oasis","_rev":"1-x"}}}},
                {{"seq":2,"id":"books:b1","changes":[{{"rev":"{}"}}],"doc":{}}},
                {{"seq":3,"id":"books:b2","changes":[{{"rev":"1-a"}}],"doc":{{"_id":"books:b2","_rev":"1-a","record":{{"meta":1}}}}}},
                {{"seq":4,"id":"gizmos:1","changes":[{{"rev":"1-a"}}],"doc":{{"_id":"gizmos:1","_rev":"1-a"}}}}
            ],"last_seq":"4-abc"}}"#,
            good.rev, good.json
        );
        let page = parse_changes(&json).unwrap();
        assert_eq!(page.entries, 4);
        assert_eq!(page.last_seq, Seq(r#""4-abc""#.into()));
        assert_eq!(page.changes.len(), 3, "the design document is not a record");
        assert!(matches!(&page.changes[0], Change::Doc(i) if i.record == Some(book("Dune", 5, "a"))));
        assert!(matches!(&page.changes[1], Change::Skipped { doc_id, unusable } if doc_id == "books:b2"
            && matches!(unusable.error, DocError::Invalid(_)) && unusable.rev == Some(rev("1-a"))));
        assert!(matches!(&page.changes[2], Change::Skipped { unusable: Unusable { error: DocError::UnknownKind, .. }, .. }));
        assert!(parse_changes("{\"results\":5}").is_err());
        assert!(parse_changes("<html>").is_err());
    }

    #[test]
    fn bulk_answers() {
        let good = outgoing(&book("Dune", 5, "a"), None);
        let json = format!(
            r#"{{"results":[{{"id":"books:b1","docs":[{{"ok":{}}},{{"error":{{"id":"books:b1","rev":"2-z","error":"not_found"}}}}]}}]}}"#,
            good.json
        );
        let got = parse_bulk_get(&json).unwrap();
        assert_eq!(got.len(), 2);
        assert!(got[0].1.is_ok());
        assert!(got[1].1.is_err());

        let refused = parse_bulk_docs(
            r#"[{"ok":true,"id":"a","rev":"1-a"},{"id":"books:1","error":"forbidden","reason":"Only an admin may write books."}]"#,
        )
        .unwrap();
        assert_eq!(refused.len(), 1);
        assert!(refused[0].is_final());
        assert_eq!(parse_bulk_docs("[]").unwrap(), vec![]);

        let body = revs_diff_request([("books:1", &rev("1-a")), ("books:1", &rev("2-b"))]);
        assert_eq!(body, r#"{"books:1":["1-a","2-b"]}"#);
        let missing = parse_revs_diff(r#"{"books:1":{"missing":["2-b"]}}"#).unwrap();
        assert_eq!(missing["books:1"], vec![rev("2-b")]);
        assert!(parse_revs_diff("{}").unwrap().is_empty());
    }

    #[test]
    fn sessions_and_roles() {
        let signed_in = parse_session(r#"{"ok":true,"userCtx":{"name":"camille","roles":["employee","person:P1"]}}"#).unwrap();
        let account = signed_in.unwrap();
        assert_eq!(account.person_id(), Some("P1"));
        assert!(!account.is_admin());
        assert_eq!(parse_session(r#"{"ok":true,"userCtx":{"name":null,"roles":[]}}"#).unwrap(), None);
        let login = parse_session(r#"{"ok":true,"name":"boss","roles":["admin"]}"#).unwrap().unwrap();
        assert!(login.is_admin());
        assert_eq!(login.person_id(), None);
        assert!(Account { name: "root".into(), roles: vec!["_admin".into()] }.is_admin());
        assert!(parse_session("nope").is_err());
    }

    #[test]
    fn a_version_that_arrives() {
        let old = book("Dune", 5, "a");
        let theirs = book("Dune (2nd)", 10, "b");
        let r1 = rev("1-aa");
        let r2 = rev("2-bb");
        let synced = Local { rev: Some(&r1), unsent: None };
        let absent = Local { rev: None, unsent: None };
        // Its own revision coming back: nothing to do.
        assert_eq!(on_pull(synced, &r1, Some(&old)), PullStep::Skip);
        // A newer version from the office: taken.
        assert_eq!(on_pull(synced, &r2, Some(&theirs)), PullStep::Take { lost: None });
        // New to this device.
        assert_eq!(on_pull(absent, &r2, Some(&theirs)), PullStep::Take { lost: None });
        // Deleted on the server.
        assert_eq!(on_pull(synced, &r2, None), PullStep::Remove);
        assert_eq!(on_pull(absent, &r2, None), PullStep::Skip);

        // An unsent edit made later than theirs wins; one made earlier loses.
        let mine_later = book("Dune (mine)", 20, "c");
        let pending = Local { rev: Some(&r1), unsent: Some(&mine_later) };
        assert_eq!(on_pull(pending, &r2, Some(&theirs)), PullStep::KeepLocal);
        let mine_earlier = book("Dune (mine)", 7, "c");
        let pending = Local { rev: Some(&r1), unsent: Some(&mine_earlier) };
        assert_eq!(on_pull(pending, &r2, Some(&theirs)), PullStep::Take { lost: Some(Box::new(mine_earlier.clone())) });
        // The same content from elsewhere (a backup imported twice): taken, nothing lost.
        let same = Local { rev: None, unsent: Some(&theirs) };
        assert_eq!(on_pull(same, &r2, Some(&theirs)), PullStep::Take { lost: None });
    }

    #[test]
    fn conflicts_settle_the_same_whatever_the_order() {
        let a = (rev("2-aa"), Some(book("A", 10, "x")));
        let b = (rev("2-bb"), Some(book("B", 30, "y")));
        let c = (rev("2-cc"), Some(book("C", 20, "z")));
        let broken = (rev("2-zz"), None);
        let leaves = [a.clone(), b.clone(), c.clone(), broken.clone()];
        assert_eq!(conflict_winner(&leaves), Some(1));
        let reversed = [broken, c, b, a];
        assert_eq!(conflict_winner(&reversed), Some(2));
        assert_eq!(conflict_winner(&[(rev("1-a"), None)]), None);
        assert_eq!(Kind::Books.name(), "books");
    }

    #[test]
    fn backoff_grows_to_a_minute() {
        assert_eq!(backoff_ms(0), 1000);
        assert_eq!(backoff_ms(1), 2000);
        assert_eq!(backoff_ms(5), 32_000);
        assert_eq!(backoff_ms(6), 60_000);
        assert_eq!(backoff_ms(40), 60_000);
    }
}
