//! The admin PIN: what a PIN may be, how it is kept (a salted PBKDF2
//! hash, never the PIN), the growing waits after wrong tries, and the idle
//! time after which the admin screens lock again.

use super::date::Instant;
use serde::{Deserialize, Serialize};

/// PBKDF2-HMAC-SHA-256 iterations: OWASP's current figure.
pub const ITERATIONS: u32 = 600_000;
pub const MIN_DIGITS: usize = 6;
pub const MAX_DIGITS: usize = 12;
/// Admin screens lock after this long without a tap or a key.
pub const IDLE_MS: Instant = 5 * 60_000;
/// Wrong tries allowed before the first wait.
const FREE_TRIES: u32 = 3;

/// Why a new PIN is refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PinError {
    Required,
    /// Digits only.
    NotDigits,
    TooShort { min: usize },
    TooLong { max: usize },
    /// One digit repeated, or a run like 123456: the first ones tried.
    TooEasy,
    /// The two entries differ.
    Mismatch,
}

/// Checks a new PIN (typed twice).
pub fn validate_new(pin: &str, again: &str) -> Result<String, PinError> {
    let pin = pin.trim();
    if pin.is_empty() {
        return Err(PinError::Required);
    }
    if !pin.bytes().all(|b| b.is_ascii_digit()) {
        return Err(PinError::NotDigits);
    }
    if pin.len() < MIN_DIGITS {
        return Err(PinError::TooShort { min: MIN_DIGITS });
    }
    if pin.len() > MAX_DIGITS {
        return Err(PinError::TooLong { max: MAX_DIGITS });
    }
    let digits: Vec<i16> = pin.bytes().map(|b| i16::from(b - b'0')).collect();
    let steps: Vec<i16> = digits.windows(2).map(|w| w[1] - w[0]).collect();
    if steps.iter().all(|s| *s == 0) || steps.iter().all(|s| *s == 1) || steps.iter().all(|s| *s == -1) {
        return Err(PinError::TooEasy);
    }
    if pin != again.trim() {
        return Err(PinError::Mismatch);
    }
    Ok(pin.to_owned())
}

/// A PIN as kept on the device: salt and PBKDF2 hash, hex.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PinHash {
    pub salt: String,
    pub hash: String,
    pub iterations: u32,
}

/// Wrong tries so far, and until when the next try must wait. Kept with
/// the device's settings, so a reload does not reset it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PinGuard {
    pub failures: u32,
    #[serde(default)]
    pub wait_until: Option<Instant>,
}

impl PinGuard {
    /// How long until a try is allowed (0: now).
    pub fn wait_ms(&self, now: Instant) -> Instant {
        self.wait_until.map_or(0, |until| (until - now).max(0))
    }

    /// After a wrong try at `now`.
    pub fn failed(self, now: Instant) -> PinGuard {
        let failures = self.failures + 1;
        PinGuard { failures, wait_until: backoff_ms(failures).map(|ms| now + ms) }
    }
}

/// The wait after `failures` wrong tries in a row: none for the first
/// three, then 30 s, doubling, up to an hour.
pub fn backoff_ms(failures: u32) -> Option<Instant> {
    let over = failures.checked_sub(FREE_TRIES + 1)?;
    Some((30_000i64 << over.min(7)).min(3_600_000))
}

/// Hex of bytes (salts and hashes are kept as text).
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Bytes of hex; `None` if it is not hex.
pub fn unhex(text: &str) -> Option<Vec<u8>> {
    if !text.len().is_multiple_of(2) {
        return None;
    }
    (0..text.len()).step_by(2).map(|i| u8::from_str_radix(text.get(i..i + 2)?, 16).ok()).collect()
}

/// Compares a derived hash with the kept one without stopping early.
pub fn matches(derived: &[u8], kept: &PinHash) -> bool {
    let Some(kept) = unhex(&kept.hash) else { return false };
    derived.len() == kept.len() && derived.iter().zip(&kept).fold(0u8, |acc, (a, b)| acc | (a ^ b)) == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_pin_is_checked() {
        assert_eq!(validate_new("482913", "482913"), Ok("482913".into()));
        assert_eq!(validate_new(" 4829130 ", "4829130"), Ok("4829130".into()));
        assert_eq!(validate_new("", ""), Err(PinError::Required));
        assert_eq!(validate_new("48a913", "48a913"), Err(PinError::NotDigits));
        assert_eq!(validate_new("４８２９１３", "４８２９１３"), Err(PinError::NotDigits), "full-width digits");
        assert_eq!(validate_new("48291", "48291"), Err(PinError::TooShort { min: 6 }));
        assert_eq!(validate_new("4829134829134", "4829134829134"), Err(PinError::TooLong { max: 12 }));
        for easy in ["000000", "777777", "123456", "456789", "987654", "87654321"] {
            assert_eq!(validate_new(easy, easy), Err(PinError::TooEasy), "{easy}");
        }
        assert_eq!(validate_new("482913", "482914"), Err(PinError::Mismatch));
    }

    #[test]
    fn wrong_tries_wait_longer_and_longer() {
        let waits: Vec<Option<Instant>> = (0..=12).map(backoff_ms).collect();
        assert_eq!(&waits[..4], [None, None, None, None]);
        assert_eq!(waits[4], Some(30_000));
        assert_eq!(waits[5], Some(60_000));
        assert_eq!(waits[6], Some(120_000));
        assert_eq!(waits[12], Some(3_600_000));
        let mut guard = PinGuard::default();
        for _ in 0..5 {
            guard = guard.failed(1_000);
        }
        assert_eq!(guard.failures, 5);
        assert_eq!(guard.wait_ms(1_000), 60_000);
        assert_eq!(guard.wait_ms(61_000), 0);
        assert_eq!(guard.wait_ms(100_000), 0);
    }

    #[test]
    fn hashes_compare_whole() {
        let kept = PinHash { salt: hex(&[1, 2]), hash: hex(&[0xab, 0xcd]), iterations: ITERATIONS };
        assert_eq!(kept.hash, "abcd");
        assert!(matches(&[0xab, 0xcd], &kept));
        assert!(!matches(&[0xab, 0xce], &kept));
        assert!(!matches(&[0xab], &kept));
        assert_eq!(unhex("0a1B"), Some(vec![0x0a, 0x1b]));
        assert_eq!(unhex("abc"), None);
        assert_eq!(unhex("zz"), None);
    }
}
