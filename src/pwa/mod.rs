//! The browser platform: service worker, storage, network state, other
//! tabs, the office clock and locale formatting, files, downloads, barcode
//! scanning, ids, yielding to the browser, code loaded on demand.

pub mod channel;
pub mod crash;
pub mod crypto;
pub mod device;
pub mod download;
pub mod files;
pub mod intl;
pub mod locks;
pub mod manifest;
pub mod notifications;
pub mod online;
pub mod scan;
pub mod service_worker;
pub mod splash;
pub mod split;
pub mod storage;
pub mod tasks;
pub mod timing;
