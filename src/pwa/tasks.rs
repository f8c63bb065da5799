//! Giving the browser its turn in a long piece of work.

use crate::domain::demo::Pause;
use futures::future::select;
use gloo_timers::future::TimeoutFuture;
use std::cell::Cell;
use wasm_bindgen::JsCast;
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

/// Resolves once the page has painted (the next frame, or a second in a
/// hidden tab, which paints no frames) and then had [`START_READS_MS`] for
/// the first screen's reads: for work the first screen does not wait for,
/// such as code that loads on demand at start. Fetched any sooner, its
/// chunks came before the *Check in* button, which shows once Today's
/// reads answer, after the first paint (measured: `./oasis bench`). Once
/// the start is over, at once: a later run (another person, a join) must
/// not make the inbox change under a tap half a second later.
pub async fn after_start() {
    if START_OVER.get() {
        return;
    }
    let frame = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(window) = web_sys::window() {
            let _ = window.request_animation_frame(&resolve);
        }
    });
    let _ = select(JsFuture::from(frame), TimeoutFuture::new(HIDDEN_TAB_WAIT_MS)).await;
    TimeoutFuture::new(START_READS_MS).await;
    START_OVER.set(true);
}

thread_local! {
    static START_OVER: Cell<bool> = const { Cell::new(false) };
}

/// How long [`after_start`] waits for a frame that may never come.
const HIDDEN_TAB_WAIT_MS: u32 = 1_000;
/// The first screen's reads take 30–60 ms on a warm start here; a slow
/// phone gets ten times that.
const START_READS_MS: u32 = 500;

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
