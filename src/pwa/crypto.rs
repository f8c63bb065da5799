//! WebCrypto: HMAC-SHA-256 (door codes, personal passes) and PBKDF2 (the
//! admin PIN), computed by the browser rather than compiled into the app.

use crate::domain::pin::{self, PinHash};
use js_sys::{Array, Object, Reflect, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::{CryptoKey, SubtleCrypto};

fn subtle() -> Result<SubtleCrypto, JsValue> {
    Ok(web_sys::window().ok_or("no window")?.crypto()?.subtle())
}

/// An algorithm description: `{ name, hash: "SHA-256", ...more }`.
fn algorithm(name: &str, more: &[(&str, JsValue)]) -> Result<Object, JsValue> {
    let object = Object::new();
    Reflect::set(&object, &"name".into(), &name.into())?;
    Reflect::set(&object, &"hash".into(), &"SHA-256".into())?;
    for (key, value) in more {
        Reflect::set(&object, &(*key).into(), value)?;
    }
    Ok(object)
}

async fn import(raw: &[u8], algorithm: &Object, usage: &str) -> Result<CryptoKey, JsValue> {
    let usages = Array::of1(&usage.into());
    let promise = subtle()?.import_key_with_object("raw", &Uint8Array::from(raw), algorithm, false, &usages)?;
    Ok(JsFuture::from(promise).await?.unchecked_into())
}

fn bytes(buffer: JsValue) -> Vec<u8> {
    Uint8Array::new(&buffer).to_vec()
}

/// HMAC-SHA-256 of `message` under `key`.
pub async fn hmac_sha256(key: &[u8], message: &[u8]) -> Result<Vec<u8>, JsValue> {
    let hmac = algorithm("HMAC", &[])?;
    let key = import(key, &hmac, "sign").await?;
    let promise = subtle()?.sign_with_object_and_u8_array(&hmac, &key, message)?;
    Ok(bytes(JsFuture::from(promise).await?))
}

/// PBKDF2-HMAC-SHA-256: 32 bytes from `secret` and `salt`.
pub async fn pbkdf2_sha256(secret: &[u8], salt: &[u8], iterations: u32) -> Result<Vec<u8>, JsValue> {
    let base = import(secret, &algorithm("PBKDF2", &[])?, "deriveBits").await?;
    let params = algorithm("PBKDF2", &[("salt", Uint8Array::from(salt).into()), ("iterations", iterations.into())])?;
    let promise = subtle()?.derive_bits_with_object(&params, &base, 256)?;
    Ok(bytes(JsFuture::from(promise).await?))
}

/// Random bytes from the browser.
pub fn random_bytes(n: usize) -> Result<Vec<u8>, JsValue> {
    let mut out = vec![0u8; n];
    web_sys::window().ok_or("no window")?.crypto()?.get_random_values_with_u8_array(&mut out)?;
    Ok(out)
}

/// Keeps a PIN as a salted PBKDF2 hash (the PIN itself is kept nowhere).
pub async fn pin_hash(pin: &str) -> Result<PinHash, JsValue> {
    let salt = random_bytes(16)?;
    let hash = pbkdf2_sha256(pin.as_bytes(), &salt, pin::ITERATIONS).await?;
    Ok(PinHash { salt: pin::hex(&salt), hash: pin::hex(&hash), iterations: pin::ITERATIONS })
}

/// Whether `pin` is the one kept as `kept`.
pub async fn pin_matches(pin: &str, kept: &PinHash) -> Result<bool, JsValue> {
    let salt = pin::unhex(&kept.salt).ok_or("a damaged PIN record")?;
    let derived = pbkdf2_sha256(pin.as_bytes(), &salt, kept.iterations).await?;
    Ok(pin::matches(&derived, kept))
}
