//! index.html's splash, painted before the app loads (on a first visit, the
//! welcome's top).

/// Takes the splash away: as the first screen is drawn, so the two swap in
/// one frame (no blank frame, no shift), or under the crash notice, which
/// would otherwise be read with it.
pub fn take_away() {
    if let Some(splash) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id("boot-splash")) {
        splash.remove();
    }
}
