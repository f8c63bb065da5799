//! QR codes on screen (the door code, a pass), and the camera reading QR
//! codes and book barcodes.

use super::state::{tr, use_state};
use crate::domain::i18n::Msg;
use crate::domain::qr;
use crate::pwa::scan;
use leptos::html::Video;
use leptos::prelude::*;

/// A QR code of `text`, drawn as SVG (crisp at any size), with a label
/// for screen readers.
#[component]
pub fn QrImage(#[prop(into)] text: Signal<String>, label: Signal<String>) -> impl IntoView {
    move || {
        text.with(|t| qr::draw(t)).map(|drawing| {
            let size = drawing.size.to_string();
            view! {
                <svg class="qr" viewBox=format!("0 0 {size} {size}") role="img" aria-label=move || label.get() shape-rendering="crispEdges">
                    <rect width="100%" height="100%" fill="#fff" />
                    <path d=drawing.path fill="#000" />
                </svg>
            }
        })
    }
}

/// What the camera looks for.
#[derive(Clone, Copy)]
pub enum Code {
    /// A book's barcode.
    Isbn,
    /// A QR code; `front`: the camera facing the person (a kiosk).
    Qr { front: bool },
}

/// "Scan", where the browser can: the camera's picture until a `code` is
/// seen, whose text goes to `on_scan`. Typing stays the other way in.
#[component]
pub fn Scanner(
    code: Code,
    on_scan: Callback<String>,
    label: Msg,
    /// Shown over the picture while scanning.
    #[prop(optional)]
    hint: Option<Msg>,
    /// The start button's classes.
    #[prop(default = "btn primary wide")]
    class: &'static str,
) -> impl IntoView {
    let state = use_state();
    let video = NodeRef::<Video>::new();
    let scanning = RwSignal::new(false);
    // Leaving the page mid-scan turns the camera off (the scan's loop
    // outlives the video element it was given).
    on_cleanup(scan::stop_scan);
    let start = move |_| {
        scanning.set(true);
        leptos::task::spawn_local(async move {
            // The video element appears once `scanning` is drawn.
            leptos::task::tick().await;
            let Some(element) = video.get_untracked() else { return };
            let seen = match code {
                Code::Isbn => scan::scan_isbn(&element).await,
                Code::Qr { front } => scan::scan_qr(&element, front).await,
            };
            match seen {
                // The page may be gone by now.
                Ok(Some(text)) => {
                    on_scan.try_run(text);
                }
                Ok(None) => {}
                Err(_) => state.show_error(state.t(Msg::ScanFailed).to_owned()),
            }
            scanning.set(false);
        });
    };
    scan::supported().then(|| {
        view! {
            <div class="scanner">
                <Show
                    when=move || scanning.get()
                    fallback=move || view! { <button type="button" class=class on:click=start>{tr(label)}</button> }
                >
                    {hint.map(|hint| view! { <p class="muted small">{tr(hint)}</p> })}
                    <video node_ref=video muted=true playsinline=true></video>
                    <button type="button" class="btn" on:click=|_| scan::stop_scan()>{tr(Msg::StopScan)}</button>
                </Show>
            </div>
        }
    })
}
