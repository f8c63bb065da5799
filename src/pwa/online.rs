//! Whether the browser has a network.

use gloo_events::EventListener;
use std::rc::Rc;

pub fn is_online() -> bool {
    web_sys::window().is_none_or(|w| w.navigator().on_line())
}

/// Calls `on_change` with the new state whenever the network comes or goes,
/// for the life of the page.
pub fn watch(on_change: impl Fn(bool) + 'static) {
    let Some(window) = web_sys::window() else { return };
    let on_change = Rc::new(on_change);
    for event in ["online", "offline"] {
        let on_change = on_change.clone();
        // Page-long: made once, never dropped.
        EventListener::new(&window, event, move |_| on_change(is_online())).forget();
    }
}
