//! Giving the browser its turn in a long piece of work.

use wasm_bindgen_futures::JsFuture;

/// Resolves in a later task (a zero-delay timer): what ran before can paint,
/// and taps are answered, before what follows runs.
pub async fn next_task() {
    let promise = js_sys::Promise::new(&mut |resolve, _| match web_sys::window() {
        Some(window) => drop(window.set_timeout_with_callback(&resolve)),
        None => drop(resolve.call0(&wasm_bindgen::JsValue::NULL)),
    });
    let _ = JsFuture::from(promise).await;
}
