//! IndexedDB: the schema and its migrations, and one repository per kind of
//! record. Every operation that writes uses one transaction, so it is stored
//! whole or not at all.

pub mod attendance;
pub mod backup;
pub mod books;
mod db;
pub mod demo;
pub mod inbox;
pub mod meals;
pub mod people;
pub mod replica;
pub mod schema;
pub mod settings;

pub use db::{Author, Db, StoreError, StoreResult};
