//! Scanning with the camera (see scan.js): a book's ISBN barcode, the
//! door's QR code, a personal pass.

use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

#[wasm_bindgen(module = "/src/pwa/scan.js")]
extern "C" {
    #[wasm_bindgen(js_name = scanSupported)]
    fn scan_supported() -> bool;
    #[wasm_bindgen(js_name = scanIsbn)]
    fn scan_isbn_js(video: &web_sys::HtmlVideoElement) -> js_sys::Promise;
    #[wasm_bindgen(js_name = scanQr)]
    fn scan_qr_js(video: &web_sys::HtmlVideoElement, front: bool) -> js_sys::Promise;
    #[wasm_bindgen(js_name = stopScan)]
    pub fn stop_scan();
}

/// Whether this browser can scan barcodes with a camera.
pub fn supported() -> bool {
    scan_supported()
}

/// The scanned ISBN's digits; `Ok(None)` when the user stopped scanning,
/// `Err` when the camera could not be used (refused, absent).
pub async fn scan_isbn(video: &web_sys::HtmlVideoElement) -> Result<Option<String>, JsValue> {
    Ok(JsFuture::from(scan_isbn_js(video)).await?.as_string())
}

/// The text of the first QR code seen (`front`: the camera facing the
/// person, as on a kiosk); `Ok(None)` when stopped, `Err` when the camera
/// could not be used.
pub async fn scan_qr(video: &web_sys::HtmlVideoElement, front: bool) -> Result<Option<String>, JsValue> {
    Ok(JsFuture::from(scan_qr_js(video, front)).await?.as_string())
}
