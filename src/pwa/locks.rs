//! Web Locks: one tab at a time does a piece of work (office sync), and
//! the next waiting tab takes over when that tab closes. web-sys has the
//! API only behind its unstable flag, so it is reached by name.

use js_sys::{Function, Promise, Reflect};
use std::cell::RefCell;
use std::future::Future;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::{future_to_promise, JsFuture};

/// Runs `work` while holding the lock `name`, after any other tab that
/// holds it lets go (it is released when `work` ends or the tab closes).
/// Browsers without Web Locks just run it.
pub async fn with_lock(name: &str, work: impl Future<Output = ()> + 'static) {
    let locks = web_sys::window()
        .map(|w| w.navigator())
        .and_then(|n| Reflect::get(&n, &"locks".into()).ok())
        .filter(|l| !l.is_undefined() && !l.is_null());
    let request = locks.as_ref().and_then(|l| Reflect::get(l, &"request".into()).ok()).and_then(|f| f.dyn_into::<Function>().ok());
    let (Some(locks), Some(request)) = (locks, request) else {
        work.await;
        return;
    };
    let work = Rc::new(RefCell::new(Some(work)));
    let to_run = work.clone();
    // Called once, when the lock is granted: the lock is held until the
    // promise it returns settles.
    let granted = Closure::once(move |_lock: JsValue| -> Promise {
        let work = to_run.borrow_mut().take();
        future_to_promise(async move {
            if let Some(work) = work {
                work.await;
            }
            Ok(JsValue::UNDEFINED)
        })
    });
    let asked = request.call2(&locks, &name.into(), granted.as_ref().unchecked_ref());
    if let Ok(promise) = asked {
        let _ = JsFuture::from(Promise::from(promise)).await;
    }
    // Refused (an odd browser): the work runs without the lock.
    let left = work.borrow_mut().take();
    if let Some(work) = left {
        work.await;
    }
}
