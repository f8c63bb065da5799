//! Registering the service worker (public/sw.js) and applying updates on
//! the user's word.
//!
//! A new version installs in the background and waits; the page hears of it
//! and shows "Update available". Only when the user taps Reload does the
//! waiting worker take over, and the page reloads onto the new files.

use gloo_events::EventListener;
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::{ServiceWorker, ServiceWorkerContainer, ServiceWorkerRegistration, ServiceWorkerState};

const SCRIPT: &str = "/sw.js";
/// The message public/sw.js answers with `skipWaiting()`.
const SKIP_WAITING: &str = "skip-waiting";

thread_local! {
    static REGISTRATION: std::cell::RefCell<Option<ServiceWorkerRegistration>> = const { std::cell::RefCell::new(None) };
    /// Set when the user asked for the update, so that the first install's
    /// `clients.claim()` (also a controller change) does not reload the page.
    static UPDATE_REQUESTED: Cell<bool> = const { Cell::new(false) };
    /// The page-long listeners (the container's and the registration's).
    static LISTENERS: RefCell<Vec<EventListener>> = const { RefCell::new(Vec::new()) };
    /// The one installing worker listened to: a newer one replaces it (and
    /// dropping the old listener unsubscribes it).
    static INSTALLING: RefCell<Option<EventListener>> = const { RefCell::new(None) };
}

fn keep(listener: EventListener) {
    LISTENERS.with(|l| l.borrow_mut().push(listener));
}

fn container() -> Option<ServiceWorkerContainer> {
    let navigator = web_sys::window()?.navigator();
    // Absent on insecure origins (the app then simply runs without one).
    js_sys::Reflect::has(&navigator, &"serviceWorker".into()).ok()?.then(|| navigator.service_worker())
}

/// Registers the worker; `on_update_ready` runs when a new version waits.
pub async fn register(on_update_ready: impl Fn() + 'static) -> Result<(), JsValue> {
    let Some(container) = container() else { return Ok(()) };
    keep(EventListener::new(&container, "controllerchange", |_| {
        if UPDATE_REQUESTED.get() {
            let _ = web_sys::window().map(|w| w.location().reload());
        }
    }));

    let registration: ServiceWorkerRegistration = JsFuture::from(container.register(SCRIPT)).await?.unchecked_into();
    let on_update_ready: Rc<dyn Fn()> = Rc::new(on_update_ready);
    let has_controller = move || container.controller().is_some();

    if registration.waiting().is_some() && has_controller() {
        on_update_ready();
    }
    let reg = registration.clone();
    keep(EventListener::new(&registration, "updatefound", move |_| {
        let Some(installing) = reg.installing() else { return };
        let (worker, ready, has_controller) = (installing.clone(), on_update_ready.clone(), has_controller.clone());
        let on_state = EventListener::new(&installing, "statechange", move |_| {
            // "installed" with a controller in place: an update now waits.
            // Without a controller it is the first install, nothing to offer.
            if worker.state() == ServiceWorkerState::Installed && has_controller() {
                ready();
            }
        });
        INSTALLING.with(|i| *i.borrow_mut() = Some(on_state));
    }));
    REGISTRATION.with(|r| *r.borrow_mut() = Some(registration));
    Ok(())
}

/// Looks for a new version now (the app calls it when it becomes visible).
pub fn check_for_update() {
    REGISTRATION.with(|r| {
        if let Some(registration) = r.borrow().as_ref() {
            let _ = registration.update();
        }
    });
}

/// The user's word: the waiting version takes over and the page reloads.
pub fn apply_update() {
    let waiting: Option<ServiceWorker> = REGISTRATION.with(|r| r.borrow().as_ref().and_then(|r| r.waiting()));
    match waiting {
        Some(worker) => {
            UPDATE_REQUESTED.set(true);
            let _ = worker.post_message(&JsValue::from_str(SKIP_WAITING));
        }
        None => {
            let _ = web_sys::window().map(|w| w.location().reload());
        }
    }
}

/// Calls `open` with the screen a notification tap asks for (the service
/// worker posts it to an open window).
pub fn on_open_request(open: impl Fn(String) + 'static) {
    let Some(container) = container() else { return };
    keep(EventListener::new(&container, "message", move |event| {
        let Some(event) = event.dyn_ref::<web_sys::MessageEvent>() else { return };
        let data = event.data();
        let field = |name: &str| js_sys::Reflect::get(&data, &name.into()).ok().and_then(|v| v.as_string());
        if let (Some("open"), Some(url)) = (field("type").as_deref(), field("url").filter(|u| u.starts_with('/'))) {
            open(url);
        }
    }));
    // Messages may wait until the page says it listens (setting
    // `onmessage` would say so; a listener needs `startMessages()`).
    if let Ok(start) = js_sys::Reflect::get(&container, &"startMessages".into()).and_then(|f| f.dyn_into::<js_sys::Function>()) {
        let _ = start.call0(&container);
    }
}

/// Whether a service worker controls this page (it is then usable offline).
pub fn is_controlled() -> bool {
    container().is_some_and(|c| c.controller().is_some())
}
