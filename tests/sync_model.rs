//! Property test of office sync's rules: several devices write offline
//! (check-ins, borrows, edits of one book), then push and pull in random
//! orders while requests and answers get lost and batches crash. A model
//! of the CouchDB server keeps revision trees as CouchDB does (with
//! `new_edits: false`); each device decides with the app's own rules
//! (`domain::doc` and `domain::replication`). After a last quiet round,
//! every device and the server hold the same records, no event is lost,
//! the book is the latest edit, and the last copy has one borrower.
#![cfg(not(target_arch = "wasm32"))]

use oasis::domain::attendance::{CheckEvent, CheckKind, CheckMethod};
use oasis::domain::books::Book;
use oasis::domain::date::{Date, MS_PER_DAY};
use oasis::domain::doc::{outgoing, resolution, wins_over, Record, Rev};
use oasis::domain::library::{derive_shelf, LoanEvent, LoanEventKind};
use oasis::domain::record::Meta;
use oasis::domain::replication::{conflict_winner, on_pull, Local, PullStep};
use proptest::prelude::*;
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// One document on the model server: every revision with its parent and
/// body (`None`: a deletion), and which are leaves.
#[derive(Default, Clone)]
struct Tree {
    revs: HashMap<Rev, (Option<Rev>, Option<Record>)>,
    leaves: BTreeSet<Rev>,
    updated_seq: u64,
}

impl Tree {
    /// CouchDB's winner: the greatest live leaf (depth, then hash).
    fn winner(&self) -> Option<&Rev> {
        let live = self.leaves.iter().filter(|r| self.revs[*r].1.is_some()).max();
        live.or_else(|| self.leaves.iter().max())
    }
}

/// A changes feed entry: the document, its winning revision and body,
/// and its other live revisions.
type FeedEntry = (String, Rev, Option<Record>, Vec<Rev>);

#[derive(Default)]
struct Server {
    docs: BTreeMap<String, Tree>,
    seq: u64,
}

impl Server {
    /// `_bulk_docs` with `new_edits: false`: a known revision is a no-op; a
    /// new one goes on its parent (a leaf no longer), or starts a branch.
    fn store(&mut self, doc_id: &str, rev: &Rev, parent: Option<&Rev>, body: Option<Record>) {
        let tree = self.docs.entry(doc_id.to_owned()).or_default();
        if tree.revs.contains_key(rev) {
            return;
        }
        if let Some(parent) = parent {
            tree.leaves.remove(parent);
        }
        tree.revs.insert(rev.clone(), (parent.cloned(), body));
        tree.leaves.insert(rev.clone());
        self.seq += 1;
        tree.updated_seq = self.seq;
    }

    fn has(&self, doc_id: &str, rev: &Rev) -> bool {
        self.docs.get(doc_id).is_some_and(|t| t.revs.contains_key(rev))
    }

    /// `_changes?style=all_docs&include_docs=true&conflicts=true`: each
    /// document changed since `since`, in the order of its last change.
    fn changes(&self, since: u64) -> (Vec<FeedEntry>, u64) {
        let mut changed: Vec<(&String, &Tree)> = self.docs.iter().filter(|(_, t)| t.updated_seq > since).collect();
        changed.sort_by_key(|(_, t)| t.updated_seq);
        let out = changed
            .into_iter()
            .map(|(id, t)| {
                let winner = t.winner().expect("a leaf").clone();
                let conflicts = t.leaves.iter().filter(|r| **r != winner && t.revs[*r].1.is_some()).cloned().collect();
                (id.clone(), winner.clone(), t.revs[&winner].1.clone(), conflicts)
            })
            .collect();
        (out, self.seq)
    }

    fn body(&self, doc_id: &str, rev: &Rev) -> Option<Record> {
        self.docs[doc_id].revs[rev].1.clone()
    }
}

/// A device: its records, the server revision each builds on, its outbox.
#[derive(Default, Clone)]
struct Device {
    name: String,
    records: BTreeMap<String, Record>,
    revs: HashMap<String, Rev>,
    outbox: BTreeSet<String>,
    checkpoint: u64,
}

impl Device {
    fn write(&mut self, record: Record) {
        let id = record.doc_id();
        self.records.insert(id.clone(), record);
        self.outbox.insert(id);
    }

    /// Push: `lost_request` never reaches the server; `lost_answer` reaches
    /// it but the device does not hear back (so keeps its outbox).
    fn push(&mut self, server: &mut Server, lost_request: bool, lost_answer: bool) {
        let sent: Vec<(String, Rev)> = self
            .outbox
            .iter()
            .map(|id| {
                let out = outgoing(&self.records[id], self.revs.get(id));
                if !lost_request && !server.has(id, &out.rev) {
                    server.store(id, &out.rev, self.revs.get(id), Some(self.records[id].clone()));
                }
                (id.clone(), out.rev)
            })
            .collect();
        if lost_request || lost_answer {
            return;
        }
        for (id, rev) in sent {
            self.revs.insert(id.clone(), rev);
            self.outbox.remove(&id);
        }
    }

    /// Pull everything since the checkpoint; `crash` loses the batch
    /// before it is stored (the checkpoint stays).
    fn pull(&mut self, server: &mut Server, crash: bool) {
        let (changes, last) = server.changes(self.checkpoint);
        let mut settled = Vec::new();
        for (doc_id, rev, body, conflicts) in changes {
            if conflicts.is_empty() {
                settled.push((doc_id, rev, body));
                continue;
            }
            let mut leaves = vec![(rev, body)];
            leaves.extend(conflicts.iter().map(|r| (r.clone(), server.body(&doc_id, r))));
            let winner = conflict_winner(&leaves).expect("readable");
            // Every device here is an admin's: it ends the losing branches.
            for (i, (loser, _)) in leaves.iter().enumerate() {
                if i != winner {
                    let end = resolution(&doc_id, loser);
                    server.store(&doc_id, &end.rev, Some(loser), None);
                }
            }
            let (rev, body) = leaves.swap_remove(winner);
            settled.push((doc_id, rev, body));
        }
        if crash {
            return;
        }
        for (doc_id, rev, body) in settled {
            let unsent = self.outbox.contains(&doc_id).then(|| self.records[&doc_id].clone());
            match on_pull(Local { rev: self.revs.get(&doc_id), unsent: unsent.as_ref() }, &rev, body.as_ref()) {
                PullStep::Skip => continue,
                PullStep::KeepLocal => {}
                PullStep::Take { .. } => {
                    self.records.insert(doc_id.clone(), body.expect("a version"));
                    self.outbox.remove(&doc_id);
                }
                PullStep::Remove => {
                    self.records.remove(&doc_id);
                    self.revs.remove(&doc_id);
                    continue;
                }
            }
            self.revs.insert(doc_id, rev);
        }
        self.checkpoint = last;
    }
}

#[derive(Clone, Debug)]
enum Step {
    CheckIn { device: usize },
    Borrow { device: usize },
    Return { device: usize },
    EditBook { device: usize, copies: u32 },
    Push { device: usize, lost_request: bool, lost_answer: bool },
    Pull { device: usize, crash: bool },
}

const DEVICES: usize = 3;

fn step() -> impl Strategy<Value = Step> {
    let device = 0..DEVICES;
    prop_oneof![
        3 => device.clone().prop_map(|device| Step::CheckIn { device }),
        2 => device.clone().prop_map(|device| Step::Borrow { device }),
        1 => device.clone().prop_map(|device| Step::Return { device }),
        2 => (device.clone(), 1u32..3).prop_map(|(device, copies)| Step::EditBook { device, copies }),
        4 => (device.clone(), proptest::bool::weighted(0.2), proptest::bool::weighted(0.2))
            .prop_map(|(device, lost_request, lost_answer)| Step::Push { device, lost_request, lost_answer }),
        4 => (device, proptest::bool::weighted(0.2)).prop_map(|(device, crash)| Step::Pull { device, crash }),
    ]
}

fn book(copies: u32, at: i64, device: &str) -> Record {
    Record::Book(Book {
        meta: Meta { updated_at: at, ..Meta::new("book".into(), 0, device) },
        title: format!("Dune ({copies} by {device} at {at})"),
        authors: vec!["Frank Herbert".into()],
        isbn: None,
        tags: vec![],
        recommended_by: None,
        copies,
        shelf: String::new(),
        notes: String::new(),
        copies_changes: Vec::new(),
        photo: None,
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn devices_converge_and_lose_nothing(steps in proptest::collection::vec(step(), 1..60)) {
        let mut server = Server::default();
        let mut devices: Vec<Device> = (0..DEVICES).map(|i| Device { name: format!("d{i}"), ..Device::default() }).collect();
        // The book exists everywhere at first (one copy).
        let first = book(1, 0, "setup");
        for device in &mut devices {
            device.write(first.clone());
        }
        let mut clock: i64 = 1;
        let mut events: BTreeSet<String> = BTreeSet::new();
        let mut book_versions: Vec<Record> = vec![first];
        let day = Date::parse_iso("2026-11-25").unwrap();
        for step in steps {
            clock += 1;
            match step {
                Step::CheckIn { device } => {
                    let d = &mut devices[device];
                    let id = format!("c{clock}");
                    events.insert(format!("checkins:{id}"));
                    let person = d.name.clone();
                    d.write(Record::Checkin(CheckEvent { meta: Meta::new(id, clock, &person), person_id: person, day, at: clock, kind: CheckKind::In, method: CheckMethod::Tap }));
                }
                Step::Borrow { device } | Step::Return { device } => {
                    let d = &mut devices[device];
                    let borrow = matches!(step, Step::Borrow { .. });
                    // As the app's rules see it on this device now.
                    let loans: Vec<&LoanEvent> = d.records.values().filter_map(|r| match r { Record::Loan(l) => Some(l), _ => None }).collect();
                    let Some(Record::Book(b)) = d.records.get("books:book") else { continue };
                    let shelf = derive_shelf(b.copies, &b.copies_changes, &loans, &[], &|since| since + 2 * MS_PER_DAY, clock);
                    let id = format!("l{clock}");
                    let person = d.name.clone();
                    let kind = match (borrow, shelf.loan_of(&person)) {
                        (true, None) if shelf.free() > 0 => LoanEventKind::Borrow { due: day.add_days(21), copies: Some(b.copies) },
                        (false, Some(loan)) => {
                            let loan_id = loan.loan_id.clone();
                            events.insert(format!("loans:{id}"));
                            d.write(Record::Loan(LoanEvent { meta: Meta::new(id, clock, &person), loan_id, book_id: "book".into(), person_id: person, at: clock, kind: LoanEventKind::Return { recorded_by: d.name.clone() } }));
                            continue;
                        }
                        _ => continue,
                    };
                    events.insert(format!("loans:{id}"));
                    d.write(Record::Loan(LoanEvent { meta: Meta::new(id.clone(), clock, &person), loan_id: id, book_id: "book".into(), person_id: person, at: clock, kind }));
                }
                Step::EditBook { device, copies } => {
                    let d = &mut devices[device];
                    let Record::Book(mut edited) = book(copies, clock, &d.name.clone()) else { unreachable!() };
                    // As the app saves it: over the version this device has.
                    if let Some(Record::Book(stored)) = d.records.get("books:book") {
                        edited.copies_changes = edited.copies_changes_over(stored, clock);
                    }
                    let edited = Record::Book(edited);
                    book_versions.push(edited.clone());
                    d.write(edited);
                }
                Step::Push { device, lost_request, lost_answer } => devices[device].push(&mut server, lost_request, lost_answer),
                Step::Pull { device, crash } => devices[device].pull(&mut server, crash),
            }
        }
        // A quiet end: every device sends and receives, twice over.
        for _ in 0..2 {
            for device in &mut devices {
                device.push(&mut server, false, false);
                device.pull(&mut server, false);
            }
        }
        let reference = devices[0].records.clone();
        for device in &devices {
            prop_assert_eq!(&device.records, &reference, "{} differs", device.name);
            prop_assert!(device.outbox.is_empty(), "{} still has unsent changes", device.name);
        }
        // The server agrees, without open conflicts.
        for (id, record) in &reference {
            let tree = &server.docs[id];
            let live: Vec<_> = tree.leaves.iter().filter(|r| tree.revs[*r].1.is_some()).collect();
            prop_assert_eq!(live.len(), 1, "{} has {} live versions", id, live.len());
            prop_assert_eq!(tree.revs[live[0]].1.as_ref(), Some(record));
        }
        // Nothing lost: every event made anywhere is everywhere.
        for id in &events {
            prop_assert!(reference.contains_key(id), "lost {}", id);
        }
        // The book is its latest edit.
        let latest = book_versions
            .iter()
            .reduce(|best, v| if wins_over((v.meta(), &Rev::next(None, "")), (best.meta(), &Rev::next(None, ""))) { v } else { best })
            .unwrap();
        prop_assert_eq!(&reference["books:book"], latest);
        // One copy or two: never more borrowers than the book ever had
        // copies. (Not than it has now: fewer copies later take no loan
        // back.)
        let loans: Vec<&LoanEvent> = reference.values().filter_map(|r| match r { Record::Loan(l) => Some(l), _ => None }).collect();
        let Some(Record::Book(b)) = reference.get("books:book") else { panic!("the book") };
        let shelf = derive_shelf(b.copies, &b.copies_changes, &loans, &[], &|since| since + 2 * MS_PER_DAY, clock);
        let most = book_versions.iter().filter_map(|v| match v { Record::Book(b) => Some(b.copies), _ => None }).max().unwrap_or(0);
        prop_assert!(shelf.loans.len() as u32 <= most, "{} loans, at most {} copies", shelf.loans.len(), most);
    }
}
