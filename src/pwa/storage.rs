//! How much the browser lets Oasis store, and asking it to keep the data.

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

fn manager() -> Option<web_sys::StorageManager> {
    let navigator = web_sys::window()?.navigator();
    // Absent on insecure origins and some older browsers.
    js_sys::Reflect::get(&navigator, &"storage".into()).ok()?.dyn_into().ok()
}

/// Bytes used and bytes available to this origin.
pub async fn estimate() -> Option<(f64, f64)> {
    let estimate: web_sys::StorageEstimate = JsFuture::from(manager()?.estimate().ok()?).await.ok()?.unchecked_into();
    Some((estimate.get_usage()?, estimate.get_quota()?))
}

/// Whether the browser already promised to keep this origin's data.
pub async fn is_persisted() -> bool {
    let Some(promise) = manager().and_then(|m| m.persisted().ok()) else { return false };
    JsFuture::from(promise).await.ok().and_then(|v| v.as_bool()).unwrap_or(false)
}

/// Asks for persistent storage; true when granted.
pub async fn persist() -> bool {
    let Some(promise) = manager().and_then(|m| m.persist().ok()) else { return false };
    JsFuture::from(promise).await.ok().and_then(|v| v.as_bool()).unwrap_or(false)
}
