//! Spans of work in the browser's performance timeline (User Timing), where
//! DevTools' performance panel shows them and the bench reads them
//! (`bench/store.mjs` compares the store's own time with raw IndexedDB).

/// Measures from its start to its drop, as `performance.measure(name)`.
/// Only the latest measure of a name is kept: the timeline would otherwise
/// grow with every refresh of a long-open app.
pub struct Span(&'static str);

impl Span {
    pub fn start(name: &'static str) -> Self {
        if let Some(performance) = web_sys::window().and_then(|w| w.performance()) {
            // Timing is for looking at: a browser without it loses nothing.
            performance.clear_measures_with_measure_name(name);
            let _ = performance.mark(name);
        }
        Span(name)
    }
}

impl Drop for Span {
    fn drop(&mut self) {
        if let Some(performance) = web_sys::window().and_then(|w| w.performance()) {
            let _ = performance.measure_with_start_mark(self.0, self.0);
            performance.clear_marks_with_mark_name(self.0);
        }
    }
}
