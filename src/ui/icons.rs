//! Inline SVG icons (24×24, drawn with the text colour), decorative only:
//! every icon sits next to a text label.

use leptos::prelude::*;

fn icon(paths: &'static [&'static str]) -> AnyView {
    view! {
        <svg class="icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
            {paths.iter().map(|d| view! { <path d=*d /> }).collect_view()}
        </svg>
    }
    .into_any()
}

/// The app's mark, as on its icon: a sun over two waves.
pub fn logo() -> AnyView {
    view! {
        <svg class="logo" viewBox="0 0 100 100" aria-hidden="true" focusable="false">
            <rect width="100" height="100" rx="22" class="logo-bg" />
            <circle cx="50" cy="40" r="17" class="logo-sun" />
            <path class="logo-wave" d="M16 66 C28 61 40 71 50 66 S72 61 84 66 V72 C72 67 62 77 50 72 S28 67 16 72 Z" />
            <path class="logo-foam" d="M24 78 C34 74 42 82 50 78 S66 74 76 78 V83 C66 79 58 87 50 83 S34 79 24 83 Z" />
        </svg>
    }
    .into_any()
}

pub fn today() -> AnyView {
    icon(&["M12 3v2m0 14v2M3 12h2m14 0h2M5.6 5.6l1.4 1.4m10 10 1.4 1.4M5.6 18.4 7 17M17 7l1.4-1.4", "M8 12a4 4 0 1 0 8 0 4 4 0 1 0-8 0"])
}

pub fn books() -> AnyView {
    icon(&["M4 5a2 2 0 0 1 2-2h5v16H6a2 2 0 0 0-2 2z", "M20 5a2 2 0 0 0-2-2h-5v16h5a2 2 0 0 1 2 2z"])
}

pub fn meals() -> AnyView {
    icon(&["M4 13h16a8 8 0 0 1-16 0z", "M9 9c0-2 2-2 2-4m3 4c0-2 2-2 2-4"])
}

pub fn inbox() -> AnyView {
    icon(&["M4 13l2-8h12l2 8v6H4z", "M4 13h5l1 2h4l1-2h5"])
}

pub fn more() -> AnyView {
    icon(&["M5 12h.01M12 12h.01M19 12h.01"])
}

pub fn close() -> AnyView {
    icon(&["M6 6l12 12M18 6 6 18"])
}

pub fn chevron_left() -> AnyView {
    icon(&["M15 5l-7 7 7 7"])
}

pub fn chevron_right() -> AnyView {
    icon(&["M9 5l7 7-7 7"])
}

pub fn download() -> AnyView {
    icon(&["M12 4v11m0 0-4-4m4 4 4-4", "M5 19h14"])
}
