//! The browser platform: service worker, storage, network state, other
//! tabs, the office clock and locale formatting, downloads, ids.

pub mod channel;
pub mod device;
pub mod download;
pub mod intl;
pub mod online;
pub mod service_worker;
pub mod storage;
