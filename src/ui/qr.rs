//! QR codes on screen (the door code, a pass) and read by the camera.

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

/// "Scan", where the browser can: the camera's picture until a QR code is
/// seen, whose text goes to `on_scan`. `front`: the camera facing the
/// person (a kiosk).
#[component]
pub fn QrScanner(on_scan: Callback<String>, #[prop(optional)] front: bool, label: Msg) -> impl IntoView {
    let state = use_state();
    let video = NodeRef::<Video>::new();
    let scanning = RwSignal::new(false);
    let start = move |_| {
        scanning.set(true);
        leptos::task::spawn_local(async move {
            // The video element appears once `scanning` is drawn.
            leptos::task::tick().await;
            let Some(element) = video.get_untracked() else { return };
            match scan::scan_qr(&element, front).await {
                Ok(Some(text)) => on_scan.run(text),
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
                    fallback=move || view! { <button type="button" class="btn primary wide" on:click=start>{tr(label)}</button> }
                >
                    <video node_ref=video muted=true playsinline=true></video>
                    <button type="button" class="btn" on:click=|_| scan::stop_scan()>{tr(Msg::StopScan)}</button>
                </Show>
            </div>
        }
    })
}
