//! WebCrypto in headless Chromium: HMAC-SHA-256 and PBKDF2-SHA-256 give
//! the published test vectors; a door code and a PIN record made through
//! them; how long PBKDF2 at 600,000 iterations takes here.
#![cfg(target_arch = "wasm32")]

use oasis::domain::date::Date;
use oasis::domain::door::{code_from_mac, Slot};
use oasis::domain::pin::{hex, unhex, ITERATIONS};
use oasis::pwa::crypto::{hmac_sha256, pbkdf2_sha256, pin_hash, pin_matches};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
async fn hmac_sha256_gives_rfc_4231_test_case_2() {
    let mac = hmac_sha256(b"Jefe", b"what do ya want for nothing?").await.unwrap();
    assert_eq!(hex(&mac), "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
}

#[wasm_bindgen_test]
async fn pbkdf2_sha256_gives_rfc_7914_vectors() {
    let one = pbkdf2_sha256(b"passwd", b"salt", 1).await.unwrap();
    assert_eq!(hex(&one), "55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc");
    let many = pbkdf2_sha256(b"Password", b"NaCl", 80_000).await.unwrap();
    assert_eq!(hex(&many), "4ddcd8f60b98be21830cee5ef22701f9641a4418d04c0414aeff08876b34ab56");
}

#[wasm_bindgen_test]
async fn a_door_code_is_the_hmac_of_its_slot() {
    let secret = unhex("00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff").unwrap();
    let slot = Slot { day: Date::parse_iso("2026-11-25").unwrap(), index: 0 };
    let mac = hmac_sha256(&secret, slot.message().as_bytes()).await.unwrap();
    // The same computed by Node's crypto for this secret and slot.
    assert_eq!(code_from_mac(&mac), "M799QK");
}

#[wasm_bindgen_test]
async fn the_kept_pin_record_holds_no_pin() {
    let started = js_sys::Date::now();
    let kept = pin_hash("482913").await.unwrap();
    let took = js_sys::Date::now() - started;
    web_sys::console::log_1(&format!("PBKDF2-SHA-256, {ITERATIONS} iterations: {took:.0} ms").into());
    assert_eq!(kept.iterations, 600_000);
    assert_eq!(kept.salt.len(), 32, "16 random bytes");
    let stored = serde_json::to_string(&kept).unwrap();
    assert!(!stored.contains("482913"), "{stored}");
    assert!(pin_matches("482913", &kept).await.unwrap());
    assert!(!pin_matches("482914", &kept).await.unwrap());
    let again = pin_hash("482913").await.unwrap();
    assert_ne!(again.salt, kept.salt, "a new salt each time");
    assert_ne!(again.hash, kept.hash);
}
