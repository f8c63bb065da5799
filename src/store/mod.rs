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

pub use db::{current, Author, Db, StoreError, StoreResult};

/// Erases the app's database on this device (a forgotten PIN on a device
/// that works alone): everything, its own settings too.
pub async fn erase(db: &Db) -> StoreResult<()> {
    let name = db.name();
    db.close();
    let factory = web_sys::window().and_then(|w| w.indexed_db().ok().flatten()).ok_or_else(|| StoreError::Unavailable("no IndexedDB".into()))?;
    let request = factory.delete_database(&name).map_err(db::failed)?;
    db::finished(&request).await
}
