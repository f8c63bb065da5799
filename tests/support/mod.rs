//! What the browser test files share: a fresh database of their own and a
//! test device as the author of writes.
#![allow(dead_code)] // each test file uses its own part of this

use oasis::store::{Author, Db};

/// A database name no other test uses.
pub fn unique_name(label: &str) -> String {
    format!("test-{label}-{}", (js_sys::Math::random() * 1e12) as u64)
}

pub async fn fresh(label: &str) -> Db {
    Db::open(&unique_name(label)).await.expect("open a fresh database")
}

/// 24 November 2025, 16:00 UTC: the tests' "now". A device's clock must be
/// in 2000–2099 to write anything that goes to the office.
pub const T0: i64 = 1_764_000_000_000;

pub fn author(now: i64) -> Author {
    Author { device_id: "dev-test".into(), now }
}
