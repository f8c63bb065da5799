//! Giving the browser its turn in a long piece of work.

use crate::domain::demo::Pause;
use wasm_bindgen::JsCast;
use futures::future::select;
use gloo_timers::future::TimeoutFuture;
use wasm_bindgen_futures::JsFuture;

/// Resolves in a later task: what ran before can paint, and taps are
/// answered, before what follows runs. Through `scheduler.yield()` where
/// the browser has it (the work resumes ahead of other queued tasks, and
/// without the 4 ms that nested timers wait), else a zero-delay timer.
pub async fn next_task() {
    let promise = scheduler_yield().unwrap_or_else(|| {
        js_sys::Promise::new(&mut |resolve, _| match web_sys::window() {
            Some(window) => drop(window.set_timeout_with_callback(&resolve)),
            None => drop(resolve.call0(&wasm_bindgen::JsValue::NULL)),
        })
    });
    let _ = JsFuture::from(promise).await;
}

/// Resolves once the page has painted what it showed so far (the next
/// frame, then a task), or after a second in a hidden tab, which paints no
/// frames: for work the first screen does not wait for, such as code that
/// loads on demand at start (fetched before the first paint, it would count
/// against the first screen).
pub async fn after_paint() {
    let frame = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(window) = web_sys::window() {
            let _ = window.request_animation_frame(&resolve);
        }
    });
    let _ = select(JsFuture::from(frame), TimeoutFuture::new(HIDDEN_TAB_WAIT_MS)).await;
    next_task().await;
}

/// How long [`after_paint`] waits for a frame that may never come.
const HIDDEN_TAB_WAIT_MS: u32 = 1_000;

fn scheduler_yield() -> Option<js_sys::Promise> {
    let scheduler = js_sys::Reflect::get(&js_sys::global(), &"scheduler".into()).ok().filter(|s| s.is_object())?;
    let yield_now: js_sys::Function = js_sys::Reflect::get(&scheduler, &"yield".into()).ok()?.dyn_into().ok()?;
    yield_now.call0(&scheduler).ok()?.dyn_into().ok()
}

/// How long a piece of work holds the main thread before it gives the
/// browser its turn: half a 60 Hz frame, and far under the 50 ms that make
/// a task long (what Lighthouse's blocking time counts), even on a phone
/// four times slower than the machine the work was sized on.
const TURN_MS: f64 = 8.0;

/// The main thread's time taken so far by a piece of work in this task.
pub struct Turn(f64);

impl Turn {
    pub fn begin() -> Self {
        Turn(now_ms())
    }

    /// The turn is used up: give the browser its own before going on.
    pub fn is_over(&self) -> bool {
        now_ms() - self.0 >= TURN_MS
    }
}

fn now_ms() -> f64 {
    web_sys::window().and_then(|w| w.performance()).map_or_else(js_sys::Date::now, |p| p.now())
}

impl Pause for Turn {
    /// Gives the browser its turn once this one is over.
    async fn pause(&mut self) {
        if self.is_over() {
            next_task().await;
            *self = Turn::begin();
        }
    }
}
