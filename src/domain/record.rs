//! What every stored record carries, so two devices' data can be merged by id.

use super::date::Instant;
use serde::{Deserialize, Serialize};

/// Identity and provenance of a record, nested in each: a stored object
/// reads `{ meta: { id, created_at, updated_at, device_id }, ... }`. (Nested
/// rather than flattened: serde's `flatten` buffers every field of every
/// record, which made reading 9,000 check-ins 25% slower.)
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Meta {
    /// A ULID made on the device that created the record.
    pub id: String,
    pub created_at: Instant,
    pub updated_at: Instant,
    /// The device that last wrote the record.
    pub device_id: String,
    /// Set instead of deleting: a deletion is a tombstone, so it merges too.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deleted_at: Option<Instant>,
}

impl Meta {
    pub fn new(id: String, at: Instant, device_id: &str) -> Meta {
        Meta { id, created_at: at, updated_at: at, device_id: device_id.to_owned(), deleted_at: None }
    }

    pub fn is_live(&self) -> bool {
        self.deleted_at.is_none()
    }

    /// Is `other` the very version this one is? Every write stamps its
    /// time and device, so a write in between (another tab's, or one pulled
    /// from the office) makes them differ.
    pub fn same_version(&self, other: &Meta) -> bool {
        self.id == other.id && self.updated_at == other.updated_at && self.device_id == other.device_id
    }

    /// This version's stamps on `mine`: an edit made on an older version,
    /// kept knowingly over this one (its own retirement, if any, stays).
    pub fn rebase(&self, mine: &Meta) -> Meta {
        Meta { updated_at: self.updated_at, device_id: self.device_id.clone(), ..mine.clone() }
    }
}

/// Makes record ids: ULIDs from the clock and 80 random bits. The browser
/// supplies both (see `pwa::device`); tests and the demo supply their own.
pub fn ulid(ms: u64, random: [u8; 10]) -> String {
    const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    let mut value: u128 = u128::from(ms & 0xFFFF_FFFF_FFFF) << 80;
    for (i, byte) in random.iter().enumerate() {
        value |= u128::from(*byte) << (72 - 8 * i);
    }
    (0..26)
        .rev()
        .map(|i| ALPHABET[((value >> (5 * i)) & 31) as usize] as char)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_write_in_between_is_another_version_and_rebasing_makes_it_the_base() {
        let seen = Meta::new("b1".into(), 100, "tab-a");
        assert!(seen.same_version(&seen.clone()));
        let theirs = Meta { updated_at: 200, device_id: "phone-b".into(), ..seen.clone() };
        assert!(!theirs.same_version(&seen));
        // The same instant on another device is another write.
        assert!(!Meta { device_id: "phone-b".into(), ..seen.clone() }.same_version(&seen));

        let mine = Meta { deleted_at: Some(150), ..seen.clone() };
        let rebased = theirs.rebase(&mine);
        assert!(rebased.same_version(&theirs));
        assert_eq!(rebased.deleted_at, Some(150));
    }

    #[test]
    fn ulid_time_prefix_matches_the_spec_example() {
        // The ULID spec's example: 1469918176385 encodes as "01ARYZ6S41".
        let id = ulid(1_469_918_176_385, [0; 10]);
        assert_eq!(&id[..10], "01ARYZ6S41");
        assert_eq!(&id[10..], "0000000000000000");
        assert_eq!(ulid(0, [0xFF; 10]), "0000000000ZZZZZZZZZZZZZZZZ");
    }

    #[test]
    fn ulids_sort_by_time() {
        let a = ulid(1_700_000_000_000, [0xFF; 10]);
        let b = ulid(1_700_000_000_001, [0; 10]);
        assert!(a < b);
        assert_eq!(a.len(), 26);
    }

    #[test]
    fn tombstone() {
        let mut meta = Meta::new("x".into(), 5, "dev");
        assert!(meta.is_live());
        meta.deleted_at = Some(6);
        assert!(!meta.is_live());
    }
}
