//! Property test of the lending rules: random sequences of borrow, return,
//! renew, join and leave taps on one book, checked against a reference
//! model written independently (copies as slots, a plain FIFO line).
//!
//! After every step the state derived from the event log must equal the
//! model's, both must agree on what is allowed, no more copies are ever out
//! or held than exist, and the line keeps its order.
#![cfg(not(target_arch = "wasm32"))]

use oasis::domain::attendance::OfficeCalendar;
use oasis::domain::date::{Date, Instant, MS_PER_DAY};
use oasis::domain::library::*;
use oasis::domain::record::Meta;
use proptest::prelude::*;

const HOUR: Instant = MS_PER_DAY / 24;
const RULES: LendingRules = LendingRules { loan_days: 21, max_loans: 3, hold_days: 2 };

#[derive(Clone, Debug, PartialEq)]
enum Slot {
    Free,
    Lent { person: usize, loan_id: String, due: Date, renewed: bool },
    Held { person: usize, hold_id: String, until: Instant },
}

/// The reference: state kept up to date as taps happen, no replay.
struct Model {
    slots: Vec<Slot>,
    line: Vec<(usize, String)>,
}

impl Model {
    fn give_free_copies(&mut self, at: Instant) {
        for slot in self.slots.iter_mut() {
            if *slot == Slot::Free && !self.line.is_empty() {
                let (person, hold_id) = self.line.remove(0);
                *slot = Slot::Held { person, hold_id, until: at + i64::from(RULES.hold_days) * MS_PER_DAY };
            }
        }
    }

    fn advance(&mut self, now: Instant) {
        loop {
            let lapsing = self
                .slots
                .iter()
                .enumerate()
                .filter_map(|(i, s)| match s {
                    Slot::Held { until, .. } if *until <= now => Some((*until, i)),
                    _ => None,
                })
                .min();
            let Some((until, i)) = lapsing else { break };
            self.slots[i] = Slot::Free;
            self.give_free_copies(until);
        }
    }

    fn lent_to(&self, person: usize) -> Option<usize> {
        self.slots.iter().position(|s| matches!(s, Slot::Lent { person: p, .. } if *p == person))
    }

    fn held_for(&self, person: usize) -> Option<usize> {
        self.slots.iter().position(|s| matches!(s, Slot::Held { person: p, .. } if *p == person))
    }

    fn has_free(&self) -> bool {
        self.slots.contains(&Slot::Free)
    }

    fn may_borrow(&self, person: usize, other_loans: usize) -> bool {
        self.lent_to(person).is_none()
            && other_loans < RULES.max_loans
            && (self.held_for(person).is_some() || self.has_free())
    }

    fn may_join(&self, person: usize) -> bool {
        self.lent_to(person).is_none()
            && self.held_for(person).is_none()
            && !self.line.iter().any(|(p, _)| *p == person)
            && !self.has_free()
    }

    fn may_renew(&self, person: usize) -> bool {
        let waiting = !self.line.is_empty() || self.slots.iter().any(|s| matches!(s, Slot::Held { .. }));
        matches!(self.lent_to(person).map(|i| &self.slots[i]), Some(Slot::Lent { renewed: false, .. })) && !waiting
    }
}

#[derive(Clone, Debug)]
enum Tap {
    Borrow,
    Return,
    Renew,
    Join,
    Leave,
}

fn tap() -> impl Strategy<Value = Tap> {
    prop_oneof![Just(Tap::Borrow), Just(Tap::Return), Just(Tap::Renew), Just(Tap::Join), Just(Tap::Leave)]
}

const PEOPLE: [&str; 4] = ["ann", "bob", "cy", "dee"];

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn derived_state_matches_the_reference_model(
        copies in 1u32..4,
        other_loans in proptest::collection::vec(0usize..4, 4),
        steps in proptest::collection::vec((0i64..72, tap(), 0usize..4), 1..60),
    ) {
        let mut model = Model { slots: vec![Slot::Free; copies as usize], line: Vec::new() };
        let (mut loans, mut holds): (Vec<LoanEvent>, Vec<HoldEvent>) = (Vec::new(), Vec::new());
        let mut now: Instant = MS_PER_DAY;
        let mut serial = 0;
        let mut next_id = || { serial += 1; format!("e{serial:05}") };

        for (hours, tap, person) in steps {
            now += hours * HOUR;
            model.advance(now);
            let derive = |loans: &[LoanEvent], holds: &[HoldEvent]| {
                derive_shelf(copies, &[], &loans.iter().collect::<Vec<_>>(), &holds.iter().collect::<Vec<_>>(), &|since| since + i64::from(RULES.hold_days) * MS_PER_DAY, now)
            };
            let shelf = derive(&loans, &holds);
            let who = PEOPLE[person];
            let today = Date::of_instant(now, 0);

            match tap {
                Tap::Borrow => {
                    let allowed = can_borrow(&shelf, false, who, other_loans[person], &RULES).is_ok();
                    prop_assert_eq!(allowed, model.may_borrow(person, other_loans[person]));
                    if allowed {
                        let id = next_id();
                        let due = due_date(today, &RULES, &OfficeCalendar::default());
                        loans.push(LoanEvent { meta: Meta::new(id.clone(), now, "t"), loan_id: id.clone(), book_id: "b".into(), person_id: who.into(), at: now, kind: LoanEventKind::Borrow { due, copies: None } });
                        let slot = model.held_for(person).or_else(|| model.slots.iter().position(|s| *s == Slot::Free)).unwrap();
                        model.slots[slot] = Slot::Lent { person, loan_id: id, due, renewed: false };
                        model.line.retain(|(p, _)| *p != person);
                    }
                }
                Tap::Return => {
                    let Some(loan) = shelf.loan_of(who).cloned() else {
                        prop_assert!(model.lent_to(person).is_none());
                        continue;
                    };
                    prop_assert_eq!(can_return(&shelf, &loan.loan_id), Ok(()));
                    loans.push(LoanEvent { meta: Meta::new(next_id(), now, "t"), loan_id: loan.loan_id, book_id: "b".into(), person_id: who.into(), at: now, kind: LoanEventKind::Return { recorded_by: who.into() } });
                    let slot = model.lent_to(person).unwrap();
                    model.slots[slot] = Slot::Free;
                    model.give_free_copies(now);
                }
                Tap::Renew => {
                    let Some(loan) = shelf.loan_of(who).cloned() else { continue };
                    let allowed = can_renew(&shelf, &loan.loan_id).is_ok();
                    prop_assert_eq!(allowed, model.may_renew(person));
                    if allowed {
                        let due = due_date(today, &RULES, &OfficeCalendar::default());
                        loans.push(LoanEvent { meta: Meta::new(next_id(), now, "t"), loan_id: loan.loan_id, book_id: "b".into(), person_id: who.into(), at: now, kind: LoanEventKind::Renew { due } });
                        let slot = model.lent_to(person).unwrap();
                        if let Slot::Lent { due: d, renewed, .. } = &mut model.slots[slot] {
                            *d = due;
                            *renewed = true;
                        }
                    }
                }
                Tap::Join => {
                    let allowed = can_join(&shelf, false, who).is_ok();
                    prop_assert_eq!(allowed, model.may_join(person));
                    if allowed {
                        let id = next_id();
                        holds.push(HoldEvent { meta: Meta::new(id.clone(), now, "t"), hold_id: id.clone(), book_id: "b".into(), person_id: who.into(), at: now, kind: HoldEventKind::Join });
                        model.line.push((person, id));
                        model.give_free_copies(now);
                    }
                }
                Tap::Leave => {
                    let leaving = can_leave(&shelf, who);
                    let in_model = model.held_for(person).is_some() || model.line.iter().any(|(p, _)| *p == person);
                    prop_assert_eq!(leaving.is_ok(), in_model);
                    if let Ok(hold_id) = leaving {
                        holds.push(HoldEvent { meta: Meta::new(next_id(), now, "t"), hold_id, book_id: "b".into(), person_id: who.into(), at: now, kind: HoldEventKind::Leave });
                        model.line.retain(|(p, _)| *p != person);
                        if let Some(slot) = model.held_for(person) {
                            model.slots[slot] = Slot::Free;
                            model.give_free_copies(now);
                        }
                    }
                }
            }

            // The state derived from the whole log equals the model's.
            let shelf = derive(&loans, &holds);
            let mut derived_loans: Vec<(String, String, Date, bool)> =
                shelf.loans.iter().map(|l| (l.person_id.clone(), l.loan_id.clone(), l.due, l.renewed)).collect();
            let mut model_loans: Vec<(String, String, Date, bool)> = model.slots.iter().filter_map(|s| match s {
                Slot::Lent { person, loan_id, due, renewed } => Some((PEOPLE[*person].to_string(), loan_id.clone(), *due, *renewed)),
                _ => None,
            }).collect();
            derived_loans.sort();
            model_loans.sort();
            prop_assert_eq!(derived_loans, model_loans);

            let mut derived_holds: Vec<(String, Instant)> = shelf.ready.iter().map(|h| (h.person_id.clone(), h.until)).collect();
            let mut model_holds: Vec<(String, Instant)> = model.slots.iter().filter_map(|s| match s {
                Slot::Held { person, until, .. } => Some((PEOPLE[*person].to_string(), *until)),
                _ => None,
            }).collect();
            derived_holds.sort();
            model_holds.sort();
            prop_assert_eq!(derived_holds, model_holds);

            // The line keeps its order.
            let derived_line: Vec<&str> = shelf.queue.iter().map(|w| w.person_id.as_str()).collect();
            let model_line: Vec<&str> = model.line.iter().map(|(p, _)| PEOPLE[*p]).collect();
            prop_assert_eq!(derived_line, model_line);

            // Never more copies out or held than exist.
            prop_assert!(shelf.loans.len() + shelf.ready.len() <= copies as usize);
            prop_assert_eq!(shelf.free() as usize, model.slots.iter().filter(|s| **s == Slot::Free).count());
        }
    }
}
