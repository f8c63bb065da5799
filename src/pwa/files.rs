//! Reading a file the user chose: its bytes, or a picture made small.

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// The size in bytes of the first file chosen in a file input, known
/// before reading it.
pub fn chosen_file_size(input: &web_sys::HtmlInputElement) -> Option<f64> {
    Some(chosen_file(input)?.size())
}

/// The bytes of the first file chosen in a file input.
pub async fn read_chosen_file(input: &web_sys::HtmlInputElement) -> Option<(String, Vec<u8>)> {
    let file = chosen_file(input)?;
    let buffer = JsFuture::from(file.array_buffer()).await.ok()?;
    let bytes = js_sys::Uint8Array::new(buffer.unchecked_ref()).to_vec();
    Some((file.name(), bytes))
}

/// The first file chosen in a file input.
pub fn chosen_file(input: &web_sys::HtmlInputElement) -> Option<web_sys::File> {
    input.files()?.get(0)
}

/// A picture drawn at most `width` × `height` pixels (its shape kept) as a
/// JPEG data URL of at most `max_chars`, at the best quality that fits.
/// `None` when the browser cannot open the file as a picture.
pub async fn small_jpeg(file: &web_sys::File, width: u32, height: u32, max_chars: usize) -> Option<String> {
    let window = web_sys::window()?;
    // Turned as the camera's orientation tag says (the default).
    let bitmap: web_sys::ImageBitmap = JsFuture::from(window.create_image_bitmap_with_blob(file).ok()?).await.ok()?.unchecked_into();
    let (w, h) = (f64::from(bitmap.width()), f64::from(bitmap.height()));
    let scale = (f64::from(width) / w).min(f64::from(height) / h).min(1.0);
    let (w, h) = ((w * scale).round().max(1.0), (h * scale).round().max(1.0));
    let canvas: web_sys::HtmlCanvasElement = window.document()?.create_element("canvas").ok()?.unchecked_into();
    canvas.set_width(w as u32);
    canvas.set_height(h as u32);
    let context: web_sys::CanvasRenderingContext2d = canvas.get_context("2d").ok()??.unchecked_into();
    // A transparent picture's clear parts become white, not JPEG's black.
    context.set_fill_style_str("#fff");
    context.fill_rect(0.0, 0.0, w, h);
    // (Not in web-sys.) A camera's 4000 pixels drawn in 240 without it
    // alias into a rough picture.
    let _ = js_sys::Reflect::set(&context, &"imageSmoothingQuality".into(), &"high".into());
    let drawn = context.draw_image_with_image_bitmap_and_dw_and_dh(&bitmap, 0.0, 0.0, w, h);
    bitmap.close();
    drawn.ok()?;
    for quality in [0.8, 0.65, 0.5, 0.35] {
        let url = canvas.to_data_url_with_type_and_encoder_options("image/jpeg", &quality.into()).ok()?;
        // A browser that cannot make JPEGs gives a PNG instead.
        if !url.starts_with("data:image/jpeg;") {
            return None;
        }
        if url.len() <= max_chars {
            return Some(url);
        }
    }
    None
}
