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

/// The mark, a cookie, saying this device keeps Oasis data. Browsers evict
/// a site's storage (IndexedDB, caches) when the disk runs low, but not
/// its cookies: a start with an empty database and this cookie is data
/// that vanished, not a first run. (Also the key of its copy in local
/// storage, and of index.html's head script, which reads both.)
const KEPT_MARK: &str = "oasis-kept-data";
/// The app's language and the theme chosen in it, in local storage for
/// that head script.
const LANG_KEY: &str = "oasis-lang";
const THEME_KEY: &str = "oasis-theme";

fn document() -> Option<web_sys::Document> {
    web_sys::window()?.document()
}

/// Absent where the browser blocks it (some private modes).
fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// Says (or stops saying, after an erase) that this device keeps data.
/// Also in local storage, for index.html's splash only: Safari ends a
/// script's cookies after 7 days without a visit, and local storage goes
/// with IndexedDB when the browser evicts, so it cannot tell a loss.
pub fn remember_data_kept(kept: bool) {
    let Some(document) = document() else { return };
    // Ten years, or gone now; first-party only.
    let age = if kept { 315_360_000 } else { 0 };
    let cookie = format!("{KEPT_MARK}=1; max-age={age}; path=/; samesite=strict");
    let _ = js_sys::Reflect::set(&document, &"cookie".into(), &cookie.into());
    if let Some(storage) = local_storage() {
        let _ = if kept { storage.set_item(KEPT_MARK, "1") } else { storage.remove_item(KEPT_MARK) };
    }
}

/// Keeps the app's language and the theme chosen in it (`None`: the
/// device's) where index.html's head script reads them, so the splash is
/// painted in them before the app has read its settings: a device that
/// opened Oasis once keeps its language even if the browser's changed.
pub fn remember_for_splash(lang: &str, theme: Option<&str>) {
    let Some(storage) = local_storage() else { return };
    let _ = storage.set_item(LANG_KEY, lang);
    let _ = match theme {
        Some(theme) => storage.set_item(THEME_KEY, theme),
        None => storage.remove_item(THEME_KEY),
    };
}

/// Whether this device said it keeps data.
pub fn data_was_kept() -> bool {
    document()
        .and_then(|d| js_sys::Reflect::get(&d, &"cookie".into()).ok())
        .and_then(|c| c.as_string())
        .is_some_and(|cookies| cookies.split(';').any(|c| c.trim() == format!("{KEPT_MARK}=1")))
}
