//! The office door's code: six characters that change every day (or every
//! few minutes, if the office wants), shown as a QR code by the admin's
//! device and checked offline on each phone. A code is an HMAC-SHA-256 of
//! the office's secret and the time slot (computed by WebCrypto, see
//! `pwa::crypto`); this module says which slot, which message, and how
//! the MAC becomes the code, and reads what a person types or scans.

use super::date::{minute_of_day, Date, Instant};
use std::fmt;

/// Characters of a code: no 0/O, 1/I/L, easy to read and type.
pub const ALPHABET: &[u8; 31] = b"23456789ABCDEFGHJKMNPQRSTUVWXYZ";
pub const CODE_LEN: usize = 6;
/// Rotations an office may choose, in minutes (0: once a day).
pub const ROTATIONS: [u32; 4] = [0, 5, 15, 60];
/// Where a scanned or opened door link carries its code: `/?door=…`.
pub const DOOR_PARAM: &str = "door";

/// A period during which one code holds: an office day, and which part of
/// it when codes rotate.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Slot {
    pub day: Date,
    pub index: u32,
}

impl Slot {
    /// The slot of an instant, in the office's time zone (`utc_offset`:
    /// minutes, for that instant's day).
    pub fn at(now: Instant, utc_offset: i32, rotation_minutes: u32) -> Slot {
        let day = Date::of_instant(now, utc_offset);
        let index = minute_of_day(now, utc_offset).checked_div(rotation_minutes).unwrap_or(0);
        Slot { day, index }
    }

    /// What the MAC is computed over: the day and slot, never reused.
    pub fn message(&self) -> String {
        format!("oasis-door:{}:{}", self.day, self.index)
    }

    /// The slot before, within the same day (none at midnight: yesterday's
    /// codes never work).
    pub fn previous(&self) -> Option<Slot> {
        self.index.checked_sub(1).map(|index| Slot { index, ..*self })
    }

    /// When the next slot starts (office minutes of the day), if today.
    pub fn ends_at_minute(&self, rotation_minutes: u32) -> Option<u32> {
        let end = (self.index + 1) * rotation_minutes;
        (rotation_minutes > 0 && end < 24 * 60).then_some(end)
    }
}

/// The slots whose codes a phone accepts now: the current one and, when
/// codes rotate, the one just before (a code read as it changed), never
/// another day's.
pub fn accepted_slots(now: Instant, utc_offset: i32, rotation_minutes: u32) -> Vec<Slot> {
    let current = Slot::at(now, utc_offset, rotation_minutes);
    let mut slots = vec![current];
    if rotation_minutes > 0 {
        slots.extend(current.previous());
    }
    slots
}

/// The code of a MAC: its first bytes, each to a character.
pub fn code_from_mac(mac: &[u8]) -> String {
    mac.iter().take(CODE_LEN).map(|b| ALPHABET[usize::from(*b) % ALPHABET.len()] as char).collect()
}

/// Why what was typed or scanned is not a door code.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DoorError {
    Empty,
    /// Not six of the code's characters.
    NotACode,
    /// A QR code that is not an Oasis door code (a web address, a pass,
    /// anything else).
    NotOurs,
    /// A code of the right form that is not this office's code now
    /// (mistyped, another day's, another office's).
    Wrong,
}

impl fmt::Display for DoorError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self, f)
    }
}

/// A typed code, tidied: case, spaces and dashes do not matter. Only ASCII
/// letters change case: a code is ASCII, and Unicode's case tables (11 KB
/// of wasm, in the first load since Today reads door links) would only
/// turn a few other letters into codes ('ß' into "SS").
pub fn read_typed(text: &str) -> Result<String, DoorError> {
    let code: String = text.chars().filter(|c| !c.is_whitespace() && *c != '-').map(|c| c.to_ascii_uppercase()).collect();
    if code.is_empty() {
        return Err(DoorError::Empty);
    }
    let valid = code.chars().count() == CODE_LEN && code.bytes().all(|b| ALPHABET.contains(&b));
    if valid { Ok(code) } else { Err(DoorError::NotACode) }
}

/// The longest scanned text worth reading (a door link is far shorter).
const SCAN_MAX_BYTES: usize = 512;

/// A scanned QR code: the app's door link (`…/?door=CODE`).
pub fn read_scanned(text: &str) -> Result<String, DoorError> {
    if text.len() > SCAN_MAX_BYTES {
        return Err(DoorError::NotOurs);
    }
    let query = text.split_once('?').map(|(_, q)| q).ok_or(DoorError::NotOurs)?;
    let code = query
        .split(['&', '#'])
        .find_map(|pair| pair.strip_prefix(DOOR_PARAM).and_then(|rest| rest.strip_prefix('=')))
        .ok_or(DoorError::NotOurs)?;
    read_typed(code).map_err(|_| DoorError::NotOurs)
}

/// The link a door QR code holds: opened by a phone's camera app it checks
/// in through the app; scanned in the app it is read by [`read_scanned`].
pub fn door_link(app_origin: &str, code: &str) -> String {
    format!("{app_origin}/?{DOOR_PARAM}={code}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(text: &str) -> Date {
        Date::parse_iso(text).unwrap()
    }

    /// Paris's offset on a day (summer time: last Sundays of March and October).
    fn paris(day: Date) -> i32 {
        if day >= d("2026-03-29") && day < d("2026-10-25") { 120 } else { 60 }
    }

    fn at(day: &str, minute: u32) -> Instant {
        let day = d(day);
        day.at_minute(minute, paris(day))
    }

    #[test]
    fn a_daily_code_holds_from_midnight_to_midnight_office_time() {
        let morning = Slot::at(at("2026-11-25", 0), 60, 0);
        assert_eq!(morning, Slot { day: d("2026-11-25"), index: 0 });
        assert_eq!(Slot::at(at("2026-11-25", 23 * 60 + 59), 60, 0), morning);
        // 23:30 UTC on the 25th is already the 26th in Paris.
        let late = d("2026-11-25").at_minute(23 * 60 + 30, 0);
        assert_eq!(Slot::at(late, 60, 0).day, d("2026-11-26"));
        assert_eq!(accepted_slots(at("2026-11-26", 1), 60, 0), [Slot { day: d("2026-11-26"), index: 0 }], "never yesterday's");
        assert_eq!(morning.message(), "oasis-door:2026-11-25:0");
        assert_eq!(morning.ends_at_minute(0), None);
    }

    #[test]
    fn rotating_codes_change_at_slot_boundaries_and_accept_the_one_before() {
        let slot = |day, minute| Slot::at(at(day, minute), paris(d(day)), 15);
        assert_eq!(slot("2026-11-25", 9 * 60 + 14).index, 36);
        assert_eq!(slot("2026-11-25", 9 * 60 + 15).index, 37);
        assert_eq!(slot("2026-11-25", 9 * 60 + 15).ends_at_minute(15), Some(9 * 60 + 30));
        let accepted = accepted_slots(at("2026-11-25", 9 * 60 + 15), 60, 15);
        assert_eq!(accepted.iter().map(|s| s.index).collect::<Vec<_>>(), [37, 36]);
        // Just after midnight: the last slot of yesterday is not accepted.
        let midnight = accepted_slots(at("2026-11-25", 2), 60, 15);
        assert_eq!(midnight, [Slot { day: d("2026-11-25"), index: 0 }]);
    }

    #[test]
    fn dst_nights_keep_office_time() {
        // 29 March 2026: Paris goes from +1 to +2 at 02:00. 09:00 local is
        // 07:00 UTC; the slot follows the office's clock, not UTC's.
        let nine = d("2026-03-29").at_minute(9 * 60, 120);
        assert_eq!(Slot::at(nine, 120, 60), Slot { day: d("2026-03-29"), index: 9 });
        // 25 October 2026: back to +1; 09:00 local is 08:00 UTC.
        let nine = d("2026-10-25").at_minute(9 * 60, 60);
        assert_eq!(Slot::at(nine, 60, 60), Slot { day: d("2026-10-25"), index: 9 });
    }

    #[test]
    fn codes_come_from_the_mac() {
        let code = code_from_mac(&[0, 1, 30, 31, 62, 255, 9, 9]);
        assert_eq!(code, "23Z229");
        assert_eq!(code.len(), CODE_LEN);
        assert!(read_typed(&code).is_ok());
    }

    #[test]
    fn typed_and_scanned_codes() {
        assert_eq!(read_typed(" abc-def "), Ok("ABCDEF".into()));
        assert_eq!(read_typed("a b c d e f"), Ok("ABCDEF".into()));
        assert_eq!(read_typed(""), Err(DoorError::Empty));
        assert_eq!(read_typed("ABC1EF"), Err(DoorError::NotACode), "1 is not in the alphabet");
        assert_eq!(read_typed("ABCDE"), Err(DoorError::NotACode));
        assert_eq!(read_typed("ÉBCDEF"), Err(DoorError::NotACode));
        assert_eq!(read_typed("ßBCDE"), Err(DoorError::NotACode), "not SSBCDE: a code is ASCII");
        let link = door_link("https://oasis.example.com", "ABCDEF");
        assert_eq!(link, "https://oasis.example.com/?door=ABCDEF");
        assert_eq!(read_scanned(&link), Ok("ABCDEF".into()));
        assert_eq!(read_scanned("https://example.com/?q=1&door=abcdef#x"), Ok("ABCDEF".into()));
        for not_ours in ["https://example.com/", "hello", "OASIS-PASS:1:p:1:sig", "https://x/?door=ABC1EF", &"x".repeat(10_000)] {
            assert_eq!(read_scanned(not_ours), Err(DoorError::NotOurs), "{}", &not_ours[..not_ours.len().min(40)]);
        }
    }
}
