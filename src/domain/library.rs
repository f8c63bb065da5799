//! Lending the office's books: the events, the rules that decide what a
//! tap may do, and each book's state derived from its events.
//!
//! Only facts are stored: a borrow, a renewal, a return (loan events), and
//! joining or leaving a book's waitlist (hold events). Who holds which copy,
//! who is next in line and when a hold lapses are derived by replaying a
//! book's events in time order, so two devices' events merge by id and the
//! state never disagrees with its history.

use super::attendance::OfficeCalendar;
use super::books::{Book, CopiesChange};
use super::date::{Date, Instant, MS_PER_DAY};
use super::record::Meta;
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet, VecDeque};

/// The office's lending settings.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LendingRules {
    /// A loan is due this many days after it starts (or is renewed).
    pub loan_days: u32,
    /// Books one person may have at once.
    pub max_loans: usize,
    /// Days a returned copy waits for the first in line.
    pub hold_days: u32,
}

impl Default for LendingRules {
    fn default() -> Self {
        LendingRules { loan_days: 21, max_loans: 3, hold_days: 2 }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LoanEventKind {
    /// `copies`: the book's copies as the borrowing device saw them. The
    /// replay gives the borrow a copy if one of those was free, so fewer
    /// copies later never turn a loan into a place in line (nor rewrite
    /// the book's history). `None` in events from before the field: held
    /// to today's copies.
    Borrow {
        due: Date,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        copies: Option<u32>,
    },
    Renew { due: Date },
    /// `recorded_by`: who took the book back (the borrower, or the admin on
    /// their behalf).
    Return { recorded_by: String },
}

/// A fact about one loan. Every event of a loan carries its book and its
/// borrower, so the store's indexes find them by either.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LoanEvent {
    pub meta: Meta,
    /// The id of the loan's borrow event.
    pub loan_id: String,
    pub book_id: String,
    pub person_id: String,
    pub at: Instant,
    pub kind: LoanEventKind,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum HoldEventKind {
    /// Joined the book's waitlist.
    Join,
    /// Left it (or gave up the copy held for them).
    Leave,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct HoldEvent {
    pub meta: Meta,
    /// The id of the join event.
    pub hold_id: String,
    pub book_id: String,
    pub person_id: String,
    pub at: Instant,
    pub kind: HoldEventKind,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ActiveLoan {
    pub loan_id: String,
    pub person_id: String,
    pub borrowed_at: Instant,
    pub due: Date,
    pub renewed: bool,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PastLoan {
    pub loan_id: String,
    pub person_id: String,
    pub borrowed_at: Instant,
    pub returned_at: Instant,
    pub due: Date,
    pub renewed: bool,
}

/// A copy set aside for the first in line, until `until`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReadyHold {
    pub hold_id: String,
    pub person_id: String,
    pub since: Instant,
    pub until: Instant,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Waiting {
    pub hold_id: String,
    pub person_id: String,
    pub joined_at: Instant,
}

/// One book's lending state, derived from its events.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Shelf {
    pub copies: u32,
    pub loans: Vec<ActiveLoan>,
    /// Copies held for someone, oldest first.
    pub ready: Vec<ReadyHold>,
    /// The waitlist, first in line first.
    pub queue: Vec<Waiting>,
    /// Returned loans, oldest first.
    pub history: Vec<PastLoan>,
    /// Borrows that came too late for a copy: two phones offline took the
    /// last one, and the later (in the events' order) lost. Each borrower
    /// was put in line instead.
    pub lost: Vec<LostBorrow>,
}

/// A borrow that found no copy left once every device's events were put
/// in one order (time, then id).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LostBorrow {
    pub loan_id: String,
    pub person_id: String,
    pub at: Instant,
}

impl Shelf {
    /// Copies anyone may borrow now: not lent, not held.
    pub fn free(&self) -> u32 {
        self.copies.saturating_sub((self.loans.len() + self.ready.len()) as u32)
    }

    /// Copies physically on the shelf (held ones included).
    pub fn on_shelf(&self) -> u32 {
        self.copies.saturating_sub(self.loans.len() as u32)
    }

    /// When the first lent copy is due back.
    pub fn next_due(&self) -> Option<Date> {
        self.loans.iter().map(|l| l.due).min()
    }

    pub fn times_borrowed(&self) -> usize {
        self.loans.len() + self.history.len()
    }

    pub fn loan_of(&self, person_id: &str) -> Option<&ActiveLoan> {
        self.loans.iter().find(|l| l.person_id == person_id)
    }

    pub fn hold_of(&self, person_id: &str) -> Option<&ReadyHold> {
        self.ready.iter().find(|h| h.person_id == person_id)
    }

    /// 1 for the first in line.
    pub fn place_in_line(&self, person_id: &str) -> Option<usize> {
        self.queue.iter().position(|w| w.person_id == person_id).map(|i| i + 1)
    }

    /// Anyone waiting for a copy, in line or with a copy held.
    pub fn has_waiters(&self) -> bool {
        !self.queue.is_empty() || !self.ready.is_empty()
    }
}

enum Step<'a> {
    Loan(&'a LoanEvent),
    Hold(&'a HoldEvent),
}

impl Step<'_> {
    fn key(&self) -> (Instant, &str) {
        match self {
            Step::Loan(e) => (e.at, e.meta.id.as_str()),
            Step::Hold(e) => (e.at, e.meta.id.as_str()),
        }
    }
}

/// Holds began counting only the days the office is open from this
/// instant (2026-11-27 00:00 UTC, the release that brought the rule).
pub const OPEN_DAY_HOLDS_SINCE: Instant = 1_795_737_600_000;

/// When a copy held for someone from an instant stops waiting for them.
pub type HoldUntil<'a> = &'a dyn Fn(Instant) -> Instant;

/// The end of a hold that starts at `since` and lasts `days` days the
/// office is open, at the same clock time: a copy returned on Friday
/// afternoon waits for its reader through the weekend, not away over it.
/// `utc_offset` is the office's offset from UTC on a day, in minutes.
pub fn open_days_later(since: Instant, days: u32, calendar: &OfficeCalendar, utc_offset: &dyn Fn(Date) -> i32) -> Instant {
    let midnight = |day: Date| day.at_minute(0, utc_offset(day));
    let start = Date::of_instant(since, utc_offset(Date::of_instant(since, 0)));
    let into_the_day = since - midnight(start);
    let mut counted = 0;
    for day in (1..=366 + days as i32).map(|n| start.add_days(n)) {
        counted += u32::from(calendar.is_working_day(day));
        if counted >= days {
            return midnight(day) + into_the_day;
        }
    }
    // An office closed all year (no calendar says so): plain days.
    since + i64::from(days) * MS_PER_DAY
}

/// Replays one book's events up to `now`.
///
/// The book has, at each moment, the copies it had then: `changes` (oldest
/// first) say when its count changed and what it was before; `copies` is
/// the count since the last. A copy added serves the line from when it
/// came, and an edit never rewrites who had a copy before it.
pub fn derive_shelf(
    copies: u32,
    changes: &[CopiesChange],
    loans: &[&LoanEvent],
    holds: &[&HoldEvent],
    hold_until: HoldUntil<'_>,
    now: Instant,
) -> Shelf {
    let mut steps: Vec<Step> = loans
        .iter()
        .filter(|e| e.meta.is_live())
        .map(|e| Step::Loan(e))
        .chain(holds.iter().filter(|e| e.meta.is_live()).map(|e| Step::Hold(e)))
        .collect();
    steps.sort_unstable_by(|a, b| a.key().cmp(&b.key()));

    let mut replay = Replay {
        shelf: Shelf { copies: changes.first().map_or(copies, |c| c.before), ..Shelf::default() },
        queue: VecDeque::new(),
        hold_until,
    };
    // Each change: its moment (never before the one before it, whatever
    // the devices' clocks; one stamped after `now` counts from now), and
    // the count it set (the next one's `before`, the last one's `copies`).
    let mut since = Instant::MIN;
    let mut pending = changes.iter().enumerate().map(|(i, change)| {
        since = since.max(change.at).min(now);
        (since, changes.get(i + 1).map_or(copies, |next| next.before))
    });
    let mut next = pending.next();
    for step in &steps {
        let at = step.key().0;
        while let Some((changed_at, count)) = next.filter(|&(t, _)| t <= at) {
            replay.change_copies(count, changed_at);
            next = pending.next();
        }
        replay.expire_holds_until(at);
        match step {
            Step::Loan(e) => replay.loan_event(e),
            Step::Hold(e) => replay.hold_event(e),
        }
    }
    while let Some((changed_at, count)) = next {
        replay.change_copies(count, changed_at);
        next = pending.next();
    }
    replay.expire_holds_until(now);
    replay.finish()
}

/// A book's shelf now, from its events: [`derive_shelf`] with the book's
/// copies as of its last edit. A retired book lends no more, so its line
/// ends and no copy is held for anyone (nobody waits for a copy they could
/// not borrow); its loans stay out until they come back.
pub fn book_shelf(book: &Book, loans: &[&LoanEvent], holds: &[&HoldEvent], hold_until: HoldUntil<'_>, now: Instant) -> Shelf {
    let mut shelf = derive_shelf(book.copies, &book.copies_changes, loans, holds, hold_until, now);
    if !book.meta.is_live() {
        shelf.queue.clear();
        shelf.ready.clear();
    }
    shelf
}

struct Replay<'a> {
    shelf: Shelf,
    queue: VecDeque<Waiting>,
    hold_until: HoldUntil<'a>,
}

impl Replay<'_> {
    /// The book has `copies` from instant `at`: added ones go to the line
    /// from then (removed ones leave the loans and holds there are).
    fn change_copies(&mut self, copies: u32, at: Instant) {
        self.expire_holds_until(at);
        self.shelf.copies = copies;
        self.allocate(at);
    }

    /// Gives free copies to the first in line, from instant `at`.
    fn allocate(&mut self, at: Instant) {
        while self.shelf.free() > 0 {
            let Some(next) = self.queue.pop_front() else { break };
            self.shelf.ready.push(ReadyHold {
                hold_id: next.hold_id,
                person_id: next.person_id,
                since: at,
                until: (self.hold_until)(at),
            });
        }
    }

    /// Holds not picked up by `at` lapse, in the order they lapse; each
    /// lapsed copy goes to the next in line from that moment.
    fn expire_holds_until(&mut self, at: Instant) {
        while let Some(i) = self
            .shelf
            .ready
            .iter()
            .enumerate()
            .filter(|(_, h)| h.until <= at)
            .min_by_key(|(_, h)| h.until)
            .map(|(i, _)| i)
        {
            let lapsed = self.shelf.ready.remove(i);
            self.allocate(lapsed.until);
        }
    }

    fn involved(&self, person_id: &str) -> bool {
        self.shelf.loan_of(person_id).is_some()
            || self.shelf.hold_of(person_id).is_some()
            || self.queue.iter().any(|w| w.person_id == person_id)
    }

    fn loan_event(&mut self, e: &LoanEvent) {
        match &e.kind {
            LoanEventKind::Borrow { due, copies } => {
                // The same person borrowing again (from a second phone) is
                // the loan they already have.
                if self.shelf.loan_of(&e.person_id).is_some() {
                    return;
                }
                let taken = (self.shelf.loans.len() + self.shelf.ready.len()) as u32;
                let free = copies.unwrap_or(self.shelf.copies).saturating_sub(taken);
                if self.shelf.hold_of(&e.person_id).is_none() && free == 0 {
                    // No copy left for this borrow: it lost the race, and
                    // the borrower waits in line from that moment.
                    self.shelf.lost.push(LostBorrow { loan_id: e.loan_id.clone(), person_id: e.person_id.clone(), at: e.at });
                    if !self.involved(&e.person_id) {
                        self.queue.push_back(Waiting { hold_id: e.loan_id.clone(), person_id: e.person_id.clone(), joined_at: e.at });
                    }
                    return;
                }
                // The borrower's place in line or held copy is used up.
                self.shelf.ready.retain(|h| h.person_id != e.person_id);
                self.queue.retain(|w| w.person_id != e.person_id);
                self.shelf.loans.push(ActiveLoan {
                    loan_id: e.loan_id.clone(),
                    person_id: e.person_id.clone(),
                    borrowed_at: e.at,
                    due: *due,
                    renewed: false,
                });
            }
            LoanEventKind::Renew { due } => {
                if let Some(loan) = self.shelf.loans.iter_mut().find(|l| l.loan_id == e.loan_id) {
                    loan.due = *due;
                    loan.renewed = true;
                }
            }
            LoanEventKind::Return { .. } => {
                if let Some(i) = self.shelf.loans.iter().position(|l| l.loan_id == e.loan_id) {
                    let loan = self.shelf.loans.remove(i);
                    self.shelf.history.push(PastLoan {
                        loan_id: loan.loan_id,
                        person_id: loan.person_id,
                        borrowed_at: loan.borrowed_at,
                        returned_at: e.at,
                        due: loan.due,
                        renewed: loan.renewed,
                    });
                    self.allocate(e.at);
                }
            }
        }
    }

    fn hold_event(&mut self, e: &HoldEvent) {
        match e.kind {
            HoldEventKind::Join if !self.involved(&e.person_id) => {
                self.queue.push_back(Waiting { hold_id: e.hold_id.clone(), person_id: e.person_id.clone(), joined_at: e.at });
                self.allocate(e.at);
            }
            HoldEventKind::Join => {}
            HoldEventKind::Leave => {
                self.queue.retain(|w| w.hold_id != e.hold_id);
                let held = self.shelf.ready.len();
                self.shelf.ready.retain(|h| h.hold_id != e.hold_id);
                if self.shelf.ready.len() < held {
                    self.allocate(e.at);
                }
            }
        }
    }

    fn finish(mut self) -> Shelf {
        self.shelf.queue = self.queue.into();
        self.shelf
    }
}

/// Why a lending action is refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LendingRefusal {
    Retired,
    AlreadyBorrowing,
    LimitReached { max: usize },
    /// Every copy is lent or held: the waitlist is the way.
    NoCopyFree,
    NotBorrowed,
    AlreadyRenewed,
    SomeoneWaiting,
    AlreadyWaiting,
    /// A copy is free: borrow it rather than wait.
    CopyAvailable,
    NotWaiting,
}

/// May `person_id` borrow a copy? `their_loans` counts their books out now.
pub fn can_borrow(
    shelf: &Shelf,
    retired: bool,
    person_id: &str,
    their_loans: usize,
    rules: &LendingRules,
) -> Result<(), LendingRefusal> {
    if retired {
        return Err(LendingRefusal::Retired);
    }
    if shelf.loan_of(person_id).is_some() {
        return Err(LendingRefusal::AlreadyBorrowing);
    }
    if their_loans >= rules.max_loans {
        return Err(LendingRefusal::LimitReached { max: rules.max_loans });
    }
    if shelf.hold_of(person_id).is_some() || shelf.free() > 0 {
        Ok(())
    } else {
        Err(LendingRefusal::NoCopyFree)
    }
}

/// The due date of a loan that starts (or is renewed) on `today`: the
/// loan's days on, or the next day the office is open, so a book is never
/// due on a day nobody can bring it back (and overdue the morning after).
pub fn due_date(today: Date, rules: &LendingRules, calendar: &OfficeCalendar) -> Date {
    calendar.working_day_from(today.add_days(rules.loan_days as i32))
}

/// May this loan be renewed? Once per loan, and only when nobody waits.
pub fn can_renew(shelf: &Shelf, loan_id: &str) -> Result<(), LendingRefusal> {
    let loan = shelf.loans.iter().find(|l| l.loan_id == loan_id).ok_or(LendingRefusal::NotBorrowed)?;
    if loan.renewed {
        Err(LendingRefusal::AlreadyRenewed)
    } else if shelf.has_waiters() {
        Err(LendingRefusal::SomeoneWaiting)
    } else {
        Ok(())
    }
}

pub fn can_return(shelf: &Shelf, loan_id: &str) -> Result<(), LendingRefusal> {
    shelf.loans.iter().any(|l| l.loan_id == loan_id).then_some(()).ok_or(LendingRefusal::NotBorrowed)
}

/// May `person_id` join the waitlist? Only when no copy is free for them.
pub fn can_join(shelf: &Shelf, retired: bool, person_id: &str) -> Result<(), LendingRefusal> {
    if retired {
        Err(LendingRefusal::Retired)
    } else if shelf.loan_of(person_id).is_some() {
        Err(LendingRefusal::AlreadyBorrowing)
    } else if shelf.hold_of(person_id).is_some() || shelf.place_in_line(person_id).is_some() {
        Err(LendingRefusal::AlreadyWaiting)
    } else if shelf.free() > 0 {
        Err(LendingRefusal::CopyAvailable)
    } else {
        Ok(())
    }
}

/// The hold id to leave with: the person's place in line or held copy.
pub fn can_leave(shelf: &Shelf, person_id: &str) -> Result<String, LendingRefusal> {
    shelf
        .hold_of(person_id)
        .map(|h| h.hold_id.clone())
        .or_else(|| shelf.queue.iter().find(|w| w.person_id == person_id).map(|w| w.hold_id.clone()))
        .ok_or(LendingRefusal::NotWaiting)
}

/// The loans a person has out now, from their own loan events.
pub fn open_loans<'a>(events: impl IntoIterator<Item = &'a LoanEvent>) -> HashSet<&'a str> {
    let mut open = HashSet::new();
    let mut returned = HashSet::new();
    for e in events.into_iter().filter(|e| e.meta.is_live()) {
        match e.kind {
            LoanEventKind::Borrow { .. } => {
                open.insert(e.loan_id.as_str());
            }
            LoanEventKind::Return { .. } => {
                returned.insert(e.loan_id.as_str());
            }
            LoanEventKind::Renew { .. } => {}
        }
    }
    open.retain(|id| !returned.contains(id));
    open
}

/// Events grouped by book: every book's shelf at once.
pub fn group_by_book<'a>(
    loans: &'a [LoanEvent],
    holds: &'a [HoldEvent],
) -> HashMap<&'a str, (Vec<&'a LoanEvent>, Vec<&'a HoldEvent>)> {
    let mut by_book: HashMap<&str, (Vec<&LoanEvent>, Vec<&HoldEvent>)> = HashMap::new();
    for e in loans {
        by_book.entry(e.book_id.as_str()).or_default().0.push(e);
    }
    for e in holds {
        by_book.entry(e.book_id.as_str()).or_default().1.push(e);
    }
    by_book
}

#[cfg(test)]
mod tests {
    use super::*;

    const DAY: Instant = MS_PER_DAY;
    const RULES: LendingRules = LendingRules { loan_days: 21, max_loans: 3, hold_days: 2 };

    /// Holds of two plain days: these tests are about the order of events,
    /// not the office's calendar.
    fn two_days(since: Instant) -> Instant {
        since + 2 * DAY
    }

    fn loan(id: &str, loan_id: &str, person: &str, at: Instant, kind: LoanEventKind) -> LoanEvent {
        LoanEvent { meta: Meta::new(id.into(), at, "d"), loan_id: loan_id.into(), book_id: "b".into(), person_id: person.into(), at, kind }
    }

    fn hold(id: &str, hold_id: &str, person: &str, at: Instant, kind: HoldEventKind) -> HoldEvent {
        HoldEvent { meta: Meta::new(id.into(), at, "d"), hold_id: hold_id.into(), book_id: "b".into(), person_id: person.into(), at, kind }
    }

    fn due() -> LoanEventKind {
        LoanEventKind::Borrow { due: Date::from_days_since_epoch(30), copies: None }
    }

    /// A borrow made by a device that saw the book with `copies` copies.
    fn due_seeing(copies: u32) -> LoanEventKind {
        LoanEventKind::Borrow { due: Date::from_days_since_epoch(30), copies: Some(copies) }
    }

    #[test]
    fn a_retired_book_keeps_its_loans_but_holds_no_copy_and_has_no_line() {
        let form = crate::domain::books::BookForm { title: "Dune".into(), copies: "1".into(), ..Default::default() };
        let mut book = form.validate().unwrap().into_book(Meta::new("b".into(), 0, "d"));
        let loans = [loan("a", "la", "ann", DAY, due())];
        let holds = [hold("h", "h", "bob", 2 * DAY, HoldEventKind::Join)];
        let shelf = |book: &Book, loans: &[LoanEvent]| {
            book_shelf(book, &loans.iter().collect::<Vec<_>>(), &holds.iter().collect::<Vec<_>>(), &two_days, 4 * DAY)
        };
        assert_eq!(shelf(&book, &loans).place_in_line("bob"), Some(1));
        book.meta.deleted_at = Some(3 * DAY);
        let retired = shelf(&book, &loans);
        assert!(retired.loan_of("ann").is_some(), "the loan stays out");
        assert_eq!(retired.place_in_line("bob"), None);
        // Ann brings it back: no copy is held for Bob, who could not borrow it.
        let returned = [loans[0].clone(), loan("a2", "la", "ann", 3 * DAY + 1, back("ann"))];
        assert!(shelf(&book, &returned).hold_of("bob").is_none());
        assert!(shelf(&Book { meta: Meta { deleted_at: None, ..book.meta.clone() }, ..book.clone() }, &returned).hold_of("bob").is_some());
    }

    #[test]
    fn a_held_copy_waits_through_the_days_the_office_is_closed() {
        let day = |iso| Date::parse_iso(iso).unwrap();
        // Paris: +60 in winter, +120 in summer time (until 25 October 2026).
        let paris = |d: Date| if d < day("2026-10-25") { 120 } else { 60 };
        let at = |iso, minute, d: Date| day(iso).at_minute(minute, paris(d));
        let local = |iso| at(iso, 17 * 60, day(iso));
        let weekends = OfficeCalendar::default();
        // Two days from a Wednesday: Friday, same time.
        assert_eq!(open_days_later(local("2026-11-25"), 2, &weekends, &paris), local("2026-11-27"));
        // From Friday 17:00: Monday and Tuesday count, not the weekend.
        assert_eq!(open_days_later(local("2026-11-27"), 2, &weekends, &paris), local("2026-12-01"));
        // A returned copy on a Saturday, and a holiday on the Monday.
        let holiday = OfficeCalendar::new([day("2026-11-30")]);
        assert_eq!(open_days_later(local("2026-11-28"), 2, &holiday, &paris), local("2026-12-02"));
        // Across the change to winter time: 17:00 on the clock either side.
        assert_eq!(open_days_later(local("2026-10-23"), 2, &weekends, &paris), local("2026-10-27"));
        // Through the replay: Ann returns the only copy on Friday at 17:00;
        // Bob, first in line, has it until Tuesday, not Sunday.
        let paris_office = crate::domain::settings::OfficeSettings::new("Europe/Paris", 0, "d");
        let hold_until = paris_office.hold_until(&paris);
        let friday = local("2026-11-27");
        let loans = [loan("a", "la", "ann", friday - 9 * DAY, due()), loan("a2", "la", "ann", friday, back("ann"))];
        let holds = [hold("h", "h", "bob", friday - DAY, HoldEventKind::Join)];
        let monday = local("2026-11-30") + 3 * 60 * 60_000;
        let s = derive_shelf(1, &[], &loans.iter().collect::<Vec<_>>(), &holds.iter().collect::<Vec<_>>(), &hold_until, monday);
        assert_eq!(s.hold_of("bob").map(|h| h.until), Some(local("2026-12-01")));
        // A hold from before the rule keeps its plain days: Friday 20
        // November's lapsed on Sunday, and whoever took the copy next keeps it.
        let before = local("2026-11-20");
        assert!(before < OPEN_DAY_HOLDS_SINCE && friday > OPEN_DAY_HOLDS_SINCE);
        assert_eq!(hold_until(before), local("2026-11-22"));
    }

    #[test]
    fn a_book_is_due_on_a_day_the_office_is_open() {
        let day = |iso| Date::parse_iso(iso).unwrap();
        let christmas = OfficeCalendar::new([day("2026-12-25")]);
        // Three weeks from a Wednesday: a Wednesday.
        assert_eq!(due_date(day("2026-11-25"), &RULES, &christmas), day("2026-12-16"));
        // Three weeks from Friday 4 December is Christmas: the Monday after.
        assert_eq!(due_date(day("2026-12-04"), &RULES, &christmas), day("2026-12-28"));
        // Ten days from a Wednesday is a Saturday: the Monday after.
        let ten = LendingRules { loan_days: 10, ..RULES };
        assert_eq!(due_date(day("2026-11-25"), &ten, &OfficeCalendar::default()), day("2026-12-07"));
    }

    #[test]
    fn fewer_copies_later_take_back_no_loan_and_rewrite_no_history() {
        // Three copies: Ann and Bob borrowed two last month (returned), then
        // Cy and Dee two now; the admin then set the book to one copy.
        let loans = [
            loan("a", "la", "ann", DAY, due_seeing(3)),
            loan("b", "lb", "bob", DAY + 1, due_seeing(3)),
            loan("a2", "la", "ann", 5 * DAY, back("ann")),
            loan("b2", "lb", "bob", 5 * DAY, back("bob")),
            loan("c", "lc", "cy", 30 * DAY, due_seeing(3)),
            loan("d", "ld", "dee", 30 * DAY + 1, due_seeing(3)),
        ];
        let s = shelf(1, &loans, &[], 31 * DAY);
        assert_eq!(s.loans.iter().map(|l| l.person_id.as_str()).collect::<Vec<_>>(), ["cy", "dee"]);
        assert_eq!(s.history.len(), 2);
        assert!(s.lost.is_empty() && s.queue.is_empty());
        assert_eq!(s.free(), 0, "no copy to lend until one comes back");
        // A borrow from a device that saw the one copy, all lent: it lost.
        let mut later = loans.to_vec();
        later.push(loan("e", "le", "eve", 32 * DAY, due_seeing(1)));
        let s = shelf(1, &later, &[], 33 * DAY);
        assert_eq!((s.loans.len(), s.lost.len(), s.place_in_line("eve")), (2, 1, Some(1)));
    }

    fn back(by: &str) -> LoanEventKind {
        LoanEventKind::Return { recorded_by: by.into() }
    }

    fn shelf(copies: u32, loans: &[LoanEvent], holds: &[HoldEvent], now: Instant) -> Shelf {
        derive_shelf(copies, &[], &loans.iter().collect::<Vec<_>>(), &holds.iter().collect::<Vec<_>>(), &two_days, now)
    }

    #[test]
    fn a_returned_copy_is_held_for_the_first_in_line() {
        let loans = [loan("l1", "l1", "ann", DAY, due()), loan("r1", "l1", "ann", 5 * DAY, back("ann"))];
        let holds = [hold("h1", "h1", "bob", 2 * DAY, HoldEventKind::Join), hold("h2", "h2", "cy", 3 * DAY, HoldEventKind::Join)];
        let s = shelf(1, &loans, &holds, 6 * DAY);
        assert_eq!(s.ready.iter().map(|h| (h.person_id.as_str(), h.until)).collect::<Vec<_>>(), [("bob", 7 * DAY)]);
        assert_eq!(s.place_in_line("cy"), Some(1));
        assert_eq!(s.free(), 0);
        // Only Bob may borrow it; Cy may not.
        assert_eq!(can_borrow(&s, false, "bob", 0, &RULES), Ok(()));
        assert_eq!(can_borrow(&s, false, "cy", 0, &RULES), Err(LendingRefusal::NoCopyFree));
        assert_eq!(s.history.len(), 1);
    }

    #[test]
    fn two_phones_offline_take_the_last_copy_the_earlier_keeps_it() {
        // Ann (10:00) and Bob (10:05) each borrowed the only copy offline.
        let loans = [loan("b", "lb", "bob", 2 * DAY, due()), loan("a", "la", "ann", DAY, due())];
        for order in [loans.clone(), [loans[1].clone(), loans[0].clone()]] {
            let s = shelf(1, &order, &[], 3 * DAY);
            assert_eq!(s.loans.iter().map(|l| l.person_id.as_str()).collect::<Vec<_>>(), ["ann"]);
            assert_eq!(s.lost, [LostBorrow { loan_id: "lb".into(), person_id: "bob".into(), at: 2 * DAY }]);
            assert_eq!(s.place_in_line("bob"), Some(1), "the loser waits first in line");
            assert_eq!(s.free(), 0);
        }
        // Same instant: the event id decides, the same on every device.
        let tie = [loan("y", "ly", "bob", DAY, due()), loan("x", "lx", "ann", DAY, due())];
        assert_eq!(shelf(1, &tie, &[], 2 * DAY).loans[0].person_id, "ann");
        // When Ann returns it, it is held for Bob; his lost loan's return
        // (from the phone that thought it had the book) changes nothing.
        let later = [
            loans[0].clone(),
            loans[1].clone(),
            loan("c", "la", "ann", 5 * DAY, back("ann")),
            loan("d", "lb", "bob", 6 * DAY, back("bob")),
        ];
        let s = shelf(1, &later, &[], 6 * DAY);
        assert_eq!(s.ready.iter().map(|h| h.person_id.as_str()).collect::<Vec<_>>(), ["bob"]);
        assert_eq!(can_leave(&s, "bob"), Ok("lb".into()), "his place is his lost loan's");
        // One person borrowing on two phones has one loan.
        let twice = [loan("p", "lp", "ann", DAY, due()), loan("q", "lq", "ann", DAY + 1, due())];
        let s = shelf(2, &twice, &[], 2 * DAY);
        assert_eq!((s.loans.len(), s.lost.len(), s.free()), (1, 0, 1));
    }

    #[test]
    fn an_expired_hold_passes_to_the_next() {
        let loans = [loan("l1", "l1", "ann", DAY, due()), loan("r1", "l1", "ann", 5 * DAY, back("ann"))];
        let holds = [hold("h1", "h1", "bob", 2 * DAY, HoldEventKind::Join), hold("h2", "h2", "cy", 3 * DAY, HoldEventKind::Join)];
        // Bob's hold ran from day 5 to day 7; Cy's from day 7 to day 9.
        let s = shelf(1, &loans, &holds, 8 * DAY);
        assert_eq!(s.ready.iter().map(|h| (h.person_id.as_str(), h.since)).collect::<Vec<_>>(), [("cy", 7 * DAY)]);
        assert!(s.queue.is_empty());
        let s = shelf(1, &loans, &holds, 10 * DAY);
        assert!(s.ready.is_empty() && s.queue.is_empty());
        assert_eq!(s.free(), 1);
    }

    #[test]
    fn borrowing_the_held_copy_ends_the_hold() {
        let loans = [
            loan("l1", "l1", "ann", DAY, due()),
            loan("r1", "l1", "ann", 5 * DAY, back("ann")),
            loan("l2", "l2", "bob", 6 * DAY, due()),
        ];
        let holds = [hold("h1", "h1", "bob", 2 * DAY, HoldEventKind::Join)];
        let s = shelf(1, &loans, &holds, 30 * DAY);
        assert!(s.ready.is_empty());
        assert_eq!(s.loan_of("bob").map(|l| l.loan_id.as_str()), Some("l2"));
    }

    #[test]
    fn leaving_gives_the_held_copy_to_the_next() {
        let loans = [loan("l1", "l1", "ann", DAY, due()), loan("r1", "l1", "ann", 5 * DAY, back("ann"))];
        let holds = [
            hold("h1", "h1", "bob", 2 * DAY, HoldEventKind::Join),
            hold("h2", "h2", "cy", 3 * DAY, HoldEventKind::Join),
            hold("x1", "h1", "bob", 6 * DAY, HoldEventKind::Leave),
        ];
        let s = shelf(1, &loans, &holds, 6 * DAY + 1);
        assert_eq!(s.hold_of("cy").map(|h| h.since), Some(6 * DAY));
    }

    #[test]
    fn rules() {
        let out = [loan("l1", "l1", "ann", DAY, due())];
        let s = shelf(1, &out, &[], 2 * DAY);
        assert_eq!(can_borrow(&s, false, "bob", 0, &RULES), Err(LendingRefusal::NoCopyFree));
        assert_eq!(can_borrow(&s, false, "ann", 1, &RULES), Err(LendingRefusal::AlreadyBorrowing));
        assert_eq!(can_join(&s, false, "bob"), Ok(()));
        assert_eq!(can_join(&s, false, "ann"), Err(LendingRefusal::AlreadyBorrowing));
        assert_eq!(can_renew(&s, "l1"), Ok(()));
        assert_eq!(can_return(&s, "l1"), Ok(()));
        assert_eq!(can_return(&s, "nope"), Err(LendingRefusal::NotBorrowed));

        let free = shelf(2, &out, &[], 2 * DAY);
        assert_eq!(can_join(&free, false, "bob"), Err(LendingRefusal::CopyAvailable));
        assert_eq!(can_borrow(&free, false, "bob", 3, &RULES), Err(LendingRefusal::LimitReached { max: 3 }));
        assert_eq!(can_borrow(&free, true, "bob", 0, &RULES), Err(LendingRefusal::Retired));

        let renewed = [loan("l1", "l1", "ann", DAY, due()), loan("n1", "l1", "ann", 2 * DAY, LoanEventKind::Renew { due: Date::from_days_since_epoch(40) })];
        let s = shelf(1, &renewed, &[], 3 * DAY);
        assert_eq!(s.loans[0].due, Date::from_days_since_epoch(40));
        assert_eq!(can_renew(&s, "l1"), Err(LendingRefusal::AlreadyRenewed));

        let waited = shelf(1, &out, &[hold("h1", "h1", "bob", 2 * DAY, HoldEventKind::Join)], 3 * DAY);
        assert_eq!(can_renew(&waited, "l1"), Err(LendingRefusal::SomeoneWaiting));
        assert_eq!(can_join(&waited, false, "bob"), Err(LendingRefusal::AlreadyWaiting));
        assert_eq!(can_leave(&waited, "bob"), Ok("h1".into()));
        assert_eq!(can_leave(&waited, "cy"), Err(LendingRefusal::NotWaiting));
    }

    #[test]
    fn merged_duplicates_and_tombstones() {
        // Two devices recorded the same return; a mistaken join was undone.
        let mut undone = hold("h9", "h9", "zed", 2 * DAY, HoldEventKind::Join);
        undone.meta.deleted_at = Some(3 * DAY);
        let loans = [
            loan("l1", "l1", "ann", DAY, due()),
            loan("r1", "l1", "ann", 4 * DAY, back("ann")),
            loan("r2", "l1", "ann", 4 * DAY + 5, back("admin")),
        ];
        let s = shelf(1, &loans, &[undone], 5 * DAY);
        assert_eq!(s.history.len(), 1);
        assert_eq!(s.free(), 1);
        assert!(s.queue.is_empty());
    }

    #[test]
    fn extra_copies_serve_the_line_from_when_they_came() {
        let out = [loan("l1", "l1", "ann", DAY, due())];
        let holds = [hold("h1", "h1", "bob", 2 * DAY, HoldEventKind::Join)];
        let added = [CopiesChange { at: 3 * DAY, before: 1 }];
        let s = derive_shelf(2, &added, &out.iter().collect::<Vec<_>>(), &holds.iter().collect::<Vec<_>>(), &two_days, 4 * DAY);
        assert_eq!(s.hold_of("bob").map(|h| h.since), Some(3 * DAY));
    }

    /// One copy: Ann returns it on day 1; Bob, first in line, never
    /// collects, so Cy's hold starts when his lapses (day 3) and she
    /// borrows on day 4. A copy added on day 5 (or any edit) leaves all of
    /// that as it was, and goes to the next in line, Dan, from day 5.
    #[test]
    fn a_later_change_of_copies_never_rewrites_who_had_a_copy() {
        let loans = [loan("l1", "l1", "ann", 0, due()), loan("r1", "l1", "ann", DAY, back("ann")), loan("l2", "l2", "cy", 4 * DAY, due())];
        let holds = [
            hold("h1", "h1", "bob", DAY / 2, HoldEventKind::Join),
            hold("h2", "h2", "cy", DAY / 2 + 1, HoldEventKind::Join),
            hold("h3", "h3", "dan", DAY / 2 + 2, HoldEventKind::Join),
        ];
        let (loans, holds) = (loans.iter().collect::<Vec<_>>(), holds.iter().collect::<Vec<_>>());
        let before = derive_shelf(1, &[], &loans, &holds, &two_days, 6 * DAY);
        assert_eq!(before.loan_of("cy").map(|l| l.borrowed_at), Some(4 * DAY));
        assert!(before.lost.is_empty());

        let added = [CopiesChange { at: 5 * DAY, before: 1 }];
        let after = derive_shelf(2, &added, &loans, &holds, &two_days, 6 * DAY);
        assert_eq!(after.loan_of("cy").map(|l| l.borrowed_at), Some(4 * DAY), "Cy's borrow stands");
        assert!(after.lost.is_empty());
        assert_eq!(after.hold_of("dan").map(|h| h.since), Some(5 * DAY), "the new copy, from when it came");
        assert!(after.hold_of("bob").is_none(), "Bob's lapsed hold stays lapsed");
    }

    /// One copy, Ann has it; Bob then Cy wait. A second copy comes on day
    /// 3 (held for Bob from then), Bob borrows it; on day 6 the count goes
    /// back to one. Every step keeps the copies it had then: Bob's borrow
    /// stands, and Cy still waits.
    #[test]
    fn a_copy_added_then_taken_away_rewrites_nothing_between() {
        let loans = [loan("l1", "l1", "ann", 0, due()), loan("l2", "l2", "bob", 3 * DAY + 1, due_seeing(2))];
        let holds = [hold("h1", "h1", "bob", DAY, HoldEventKind::Join), hold("h2", "h2", "cy", DAY + 1, HoldEventKind::Join)];
        let (loans, holds) = (loans.iter().collect::<Vec<_>>(), holds.iter().collect::<Vec<_>>());
        let changes = [CopiesChange { at: 3 * DAY, before: 1 }, CopiesChange { at: 6 * DAY, before: 2 }];
        let s = derive_shelf(1, &changes, &loans, &holds, &two_days, 7 * DAY);
        assert_eq!(s.loan_of("bob").map(|l| l.borrowed_at), Some(3 * DAY + 1), "Bob's borrow stands");
        assert!(s.lost.is_empty());
        assert_eq!(s.queue.iter().map(|w| w.person_id.as_str()).collect::<Vec<_>>(), ["cy"], "Cy still waits");
        assert_eq!(s.copies, 1);
        // Changes stamped out of order (another device's clock) count in
        // their order, each no earlier than the one before.
        let skewed = [CopiesChange { at: 3 * DAY, before: 1 }, CopiesChange { at: 2 * DAY, before: 2 }];
        assert_eq!(derive_shelf(1, &skewed, &loans, &holds, &two_days, 7 * DAY).loan_of("bob").map(|l| l.borrowed_at), Some(3 * DAY + 1));
    }

    #[test]
    fn open_loans_of_a_person() {
        let events = [
            loan("l1", "l1", "ann", DAY, due()),
            loan("l2", "l2", "ann", DAY, due()),
            loan("r1", "l1", "ann", 2 * DAY, back("ann")),
        ];
        assert_eq!(open_loans(&events), HashSet::from(["l2"]));
    }
}
