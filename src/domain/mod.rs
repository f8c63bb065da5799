//! Pure rules of the office: records, validation, derivations, exports and
//! the demo office. No browser here, so all of it tests natively.

pub mod announcements;
pub mod attendance;
pub mod backup;
pub mod book_import;
pub mod books;
pub mod catalogue;
pub mod csv;
pub mod date;
pub mod demo;
pub mod doc;
pub mod door;
pub mod exports;
pub mod field_rules;
pub mod i18n;
pub mod invite;
pub mod library;
pub mod meals;
pub mod money;
pub mod pass;
pub mod people;
pub mod pin;
pub mod qr;
pub mod record;
pub mod reminders;
pub mod replication;
pub mod reservations;
pub mod settings;
pub mod stats;
pub mod store_error;
pub mod text;
