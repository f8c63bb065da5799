//! Whether the browser has a network.

use wasm_bindgen::prelude::*;

pub fn is_online() -> bool {
    web_sys::window().is_none_or(|w| w.navigator().on_line())
}

/// Calls `on_change` with the new state whenever the network comes or goes,
/// for the life of the page.
pub fn watch(on_change: impl Fn(bool) + 'static) {
    let window = web_sys::window().expect("a window");
    let listener = Closure::<dyn Fn()>::new(move || on_change(is_online()));
    for event in ["online", "offline"] {
        let _ = window.add_event_listener_with_callback(event, listener.as_ref().unchecked_ref());
    }
    listener.forget();
}
