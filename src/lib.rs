//! Oasis, the office companion. `domain` holds the rules and builds
//! everywhere; the browser layers (`store`, `pwa`, `ui`) build for wasm only.

pub mod domain;

#[cfg(target_arch = "wasm32")]
pub mod pwa;
#[cfg(target_arch = "wasm32")]
pub mod store;
#[cfg(target_arch = "wasm32")]
pub mod sync;
#[cfg(target_arch = "wasm32")]
pub mod ui;
