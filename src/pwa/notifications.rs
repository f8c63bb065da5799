//! System notifications (shown by the service worker, so a tap reaches it
//! even when the page is gone), the app badge, and periodic background sync.

use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::{NotificationOptions, NotificationPermission, ServiceWorkerRegistration};

/// The service worker's tag for periodic checks (see public/sw.js).
const PERIODIC_TAG: &str = "oasis-reminders";

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Permission {
    Granted,
    Denied,
    /// Not asked yet.
    Ask,
    /// This browser has no notifications.
    Unsupported,
}

fn supported() -> bool {
    js_sys::Reflect::has(&js_sys::global(), &"Notification".into()).unwrap_or(false)
}

pub fn permission() -> Permission {
    if !supported() {
        return Permission::Unsupported;
    }
    match web_sys::Notification::permission() {
        NotificationPermission::Granted => Permission::Granted,
        NotificationPermission::Denied => Permission::Denied,
        _ => Permission::Ask,
    }
}

/// Asks the user; only ever called from their tap on "Turn on".
pub async fn request_permission() -> Permission {
    if !supported() {
        return Permission::Unsupported;
    }
    if let Ok(promise) = web_sys::Notification::request_permission() {
        let _ = JsFuture::from(promise).await;
    }
    permission()
}

async fn registration() -> Option<ServiceWorkerRegistration> {
    let container = web_sys::window()?.navigator().service_worker();
    JsFuture::from(container.ready().ok()?).await.ok()?.dyn_into().ok()
}

/// Shows a notification; `tag` replaces an earlier one with the same tag
/// instead of stacking, `url` is the screen a tap opens.
pub async fn show(title: &str, body: &str, tag: &str, url: &str) -> Result<(), JsValue> {
    let registration = registration().await.ok_or("no service worker")?;
    let options = NotificationOptions::new();
    options.set_body(body);
    options.set_tag(tag);
    options.set_icon("/icons/icon-192.png");
    options.set_badge("/icons/maskable-192.png");
    let data = js_sys::Object::new();
    js_sys::Reflect::set(&data, &"url".into(), &url.into())?;
    options.set_data(&data);
    JsFuture::from(registration.show_notification_with_options(title, &options)?).await?;
    Ok(())
}

/// The unread count on the installed app's icon, where the browser has the
/// Badging API.
pub fn set_app_badge(count: usize) {
    let Some(window) = web_sys::window() else { return };
    let navigator = window.navigator();
    let method = if count == 0 { "clearAppBadge" } else { "setAppBadge" };
    let Ok(function) = js_sys::Reflect::get(&navigator, &method.into()).and_then(|f| f.dyn_into::<js_sys::Function>()) else {
        return;
    };
    let result = if count == 0 { function.call0(&navigator) } else { function.call1(&navigator, &(count as f64).into()) };
    if let Ok(promise) = result {
        // Awaited so that a refusal (not installed) is not an unhandled
        // rejection; it changes nothing.
        wasm_bindgen_futures::spawn_local(async move {
            let _ = JsFuture::from(promise.unchecked_into::<js_sys::Promise>()).await;
        });
    }
}

/// Asks the browser to wake the service worker now and then to show due
/// reminders while the app is closed (installed apps on Chromium).
pub async fn register_periodic_checks() {
    let Some(registration) = registration().await else { return };
    let Ok(periodic) = js_sys::Reflect::get(&registration, &"periodicSync".into()) else { return };
    if periodic.is_undefined() {
        return;
    }
    let Ok(register) = js_sys::Reflect::get(&periodic, &"register".into()).and_then(|f| f.dyn_into::<js_sys::Function>()) else {
        return;
    };
    let options = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&options, &"minInterval".into(), &(60.0 * 60.0 * 1000.0).into());
    if let Ok(promise) = register.call2(&periodic, &PERIODIC_TAG.into(), &options) {
        // Refused without the periodic-background-sync permission: fine.
        let _ = JsFuture::from(promise.unchecked_into::<js_sys::Promise>()).await;
    }
}
