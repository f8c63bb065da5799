//! Identity made on this device: record ids and the device id.

use crate::domain::date::Instant;
use crate::domain::record::ulid;

fn random_bytes<const N: usize>() -> [u8; N] {
    let mut bytes = [0u8; N];
    let crypto = web_sys::window().expect("a window").crypto().expect("Web Crypto");
    crypto.get_random_values_with_u8_array(&mut bytes).expect("random values");
    bytes
}

/// A new record id: a ULID (sorts by creation time, unique across devices).
pub fn new_id(now: Instant) -> String {
    ulid(now.max(0) as u64, random_bytes())
}

/// A new device id, made once per installation.
pub fn new_device_id(now: Instant) -> String {
    format!("dev-{}", new_id(now))
}
