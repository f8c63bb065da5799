//! Reading a file the user chose.

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// The size in bytes of the first file chosen in a file input, known
/// before reading it.
pub fn chosen_file_size(input: &web_sys::HtmlInputElement) -> Option<f64> {
    Some(input.files()?.get(0)?.size())
}

/// The bytes of the first file chosen in a file input.
pub async fn read_chosen_file(input: &web_sys::HtmlInputElement) -> Option<(String, Vec<u8>)> {
    let file = input.files()?.get(0)?;
    let buffer = JsFuture::from(file.array_buffer()).await.ok()?;
    let bytes = js_sys::Uint8Array::new(buffer.unchecked_ref()).to_vec();
    Some((file.name(), bytes))
}
