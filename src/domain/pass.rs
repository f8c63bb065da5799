//! The personal pass: a QR code that says who someone is, signed with the
//! office's secret so that a pass cannot be made up from a name. The kiosk
//! checks it offline. Each person's pass has a number; the admin replaces
//! a pass (a lost phone, a shared screenshot) by raising it, and older
//! passes stop working.

use std::fmt;

/// What a pass QR code holds: `OASIS-PASS:1:<person id>:<number>:<signature>`.
const PREFIX: &str = "OASIS-PASS:1:";
/// Signature characters (base32 of the MAC's first 10 bytes).
const SIGNATURE_LEN: usize = 16;
const BASE32: &[u8; 32] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
/// The longest scanned text worth reading.
const SCAN_MAX_BYTES: usize = 512;

/// What the MAC of a pass is computed over.
pub fn message(person_id: &str, number: u32) -> String {
    format!("oasis-pass:{person_id}:{number}")
}

/// The signature of a pass from its MAC (80 bits, base32).
pub fn signature(mac: &[u8]) -> String {
    let mut bits: u128 = 0;
    for byte in mac.iter().take(10) {
        bits = (bits << 8) | u128::from(*byte);
    }
    (0..SIGNATURE_LEN).rev().map(|i| BASE32[((bits >> (5 * i)) & 31) as usize] as char).collect()
}

/// The text of a person's pass QR code.
pub fn payload(person_id: &str, number: u32, signature: &str) -> String {
    format!("{PREFIX}{person_id}:{number}:{signature}")
}

/// A pass as scanned, not yet checked against the office.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Claim {
    pub person_id: String,
    pub number: u32,
    pub signature: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PassError {
    /// Not an Oasis pass (a web address, a door code, anything else).
    NotOurs,
    /// Its signature does not match: made up, or another office's.
    Forged,
    /// Nobody in this office has this id.
    UnknownPerson,
    /// An older pass of this person, replaced since.
    Replaced,
}

impl fmt::Display for PassError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self, f)
    }
}

/// Reads a scanned pass.
pub fn read(text: &str) -> Result<Claim, PassError> {
    if text.len() > SCAN_MAX_BYTES {
        return Err(PassError::NotOurs);
    }
    let rest = text.trim().strip_prefix(PREFIX).ok_or(PassError::NotOurs)?;
    let mut parts = rest.split(':');
    let (Some(person_id), Some(number), Some(signature), None) = (parts.next(), parts.next(), parts.next(), parts.next()) else {
        return Err(PassError::NotOurs);
    };
    let number: u32 = number.parse().map_err(|_| PassError::NotOurs)?;
    let id_ok = !person_id.is_empty() && person_id.len() <= 64 && person_id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-');
    let signature_ok = signature.len() == SIGNATURE_LEN && signature.bytes().all(|b| BASE32.contains(&b));
    if !id_ok || !signature_ok {
        return Err(PassError::NotOurs);
    }
    Ok(Claim { person_id: person_id.to_owned(), number, signature: signature.to_owned() })
}

/// Checks a claim against the person's current pass number and the
/// signature the office's secret gives (`expected`, from the MAC of
/// [`message`] of the claim).
pub fn check(claim: &Claim, current_number: Option<u32>, expected: &str) -> Result<(), PassError> {
    // The signature first: a forged pass learns nothing about who exists.
    if !constant_time_eq(claim.signature.as_bytes(), expected.as_bytes()) {
        return Err(PassError::Forged);
    }
    match current_number {
        None => Err(PassError::UnknownPerson),
        Some(n) if n != claim.number => Err(PassError::Replaced),
        Some(_) => Ok(()),
    }
}

/// Compares without stopping at the first difference.
fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pass_round_trips() {
        let sig = signature(&[0xFF; 32]);
        assert_eq!(sig, "7777777777777777");
        assert_eq!(signature(&[0; 32]), "AAAAAAAAAAAAAAAA");
        let text = payload("01KYPARJC08FGW2YE382ZKRYD8", 3, &sig);
        assert_eq!(text, "OASIS-PASS:1:01KYPARJC08FGW2YE382ZKRYD8:3:7777777777777777");
        let claim = read(&text).unwrap();
        assert_eq!((claim.person_id.as_str(), claim.number), ("01KYPARJC08FGW2YE382ZKRYD8", 3));
        assert_eq!(message(&claim.person_id, claim.number), "oasis-pass:01KYPARJC08FGW2YE382ZKRYD8:3");
    }

    #[test]
    fn forged_replaced_and_foreign_passes_are_refused() {
        let sig = signature(&[7; 32]);
        let claim = read(&payload("p1", 2, &sig)).unwrap();
        assert_eq!(check(&claim, Some(2), &sig), Ok(()));
        assert_eq!(check(&claim, Some(2), &signature(&[8; 32])), Err(PassError::Forged));
        assert_eq!(check(&claim, Some(3), &sig), Err(PassError::Replaced));
        assert_eq!(check(&claim, None, &sig), Err(PassError::UnknownPerson));
        for text in [
            "https://example.com/?door=ABCDEF",
            "OASIS-PASS:2:p1:2:AAAAAAAAAAAAAAAA",
            "OASIS-PASS:1:p1:two:AAAAAAAAAAAAAAAA",
            "OASIS-PASS:1:p1:2:AAAA",
            "OASIS-PASS:1:p 1:2:AAAAAAAAAAAAAAAA",
            "OASIS-PASS:1:p1:2:AAAAAAAAAAAAAAAA:extra",
            "OASIS-PASS:1:p1:2:aaaaaaaaaaaaaaaa",
            "",
        ] {
            assert_eq!(read(text), Err(PassError::NotOurs), "{text}");
        }
        assert_eq!(read(&"OASIS-PASS:1:".repeat(100)), Err(PassError::NotOurs));
    }
}
