//! Code that loads on demand. In the app's build (the `split` feature,
//! which index.html asks Trunk for) each function declared with
//! [`split_fn!`] goes into a wasm chunk of its own that the browser fetches
//! the first time it is called (`tools/split-wasm.sh` cuts the chunks).
//! Without the feature it is an ordinary async function: the wasm tests
//! link the whole crate into one module, where a chunk could not load.

/// `split_fn!(chunk, fn name(args) -> Result<T, SplitLoaderError> { body })`:
/// an async function whose body is in `chunk`; it returns an error when the
/// chunk cannot be fetched (offline before the service worker kept it).
macro_rules! split_fn {
    ($chunk:ident, $(#[$meta:meta])* $vis:vis fn $name:ident($($arg:ident: $ty:ty),* $(,)?) -> $ret:ty $body:block) => {
        #[cfg(feature = "split")]
        #[::leptos::wasm_split::wasm_split($chunk, wasm_split_path = ::leptos::wasm_split, fallible)]
        $(#[$meta])*
        $vis fn $name($($arg: $ty),*) -> $ret $body

        #[cfg(not(feature = "split"))]
        $(#[$meta])*
        $vis async fn $name($($arg: $ty),*) -> $ret $body
    };
}
pub(crate) use split_fn;
