//! What a failed read or write of the device's store was: plain facts,
//! which the store returns, sync keeps in its status and the screens word
//! in the person's language.

use serde::{Deserialize, Serialize};
use std::fmt;

/// Why a store operation failed. Whatever the cause, the transaction was
/// rolled back: nothing of the operation is stored.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StoreError {
    /// IndexedDB could not be opened (private mode, disabled, quota).
    Unavailable(String),
    /// A request or the transaction failed.
    Failed(String),
    /// A stored record could not be read back as expected.
    Corrupt(String),
    /// The device's storage is full (the browser's quota for the app).
    Full,
    /// An edit was refused: the record changed since the form read it
    /// (another tab's write, or one pulled from the office).
    Changed,
    /// A book's save was refused: another live book on the shelf has its
    /// ISBN by now (it came from the office or another tab after the
    /// editor checked).
    IsbnTaken,
    /// The device's clock is outside the years a record may carry
    /// ([`clock_in_range`](super::field_rules::clock_in_range)): nothing was written.
    ClockWrong,
}

impl fmt::Display for StoreError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StoreError::Unavailable(why) => write!(f, "storage unavailable ({why})"),
            StoreError::Failed(why) => write!(f, "{why}"),
            StoreError::Corrupt(why) => write!(f, "unreadable data ({why})"),
            StoreError::Full => write!(f, "storage full"),
            StoreError::Changed => write!(f, "changed since it was opened"),
            StoreError::IsbnTaken => write!(f, "another book has this ISBN"),
            StoreError::ClockWrong => write!(f, "the device's clock is wrong"),
        }
    }
}

impl StoreError {
    /// The name the browser gave a failed request or transaction
    /// (`ConstraintError`, `UnknownError`…), which says more than its
    /// message, worded in English by most browsers whatever the device's
    /// language.
    pub fn browser_name(&self) -> Option<&str> {
        let StoreError::Failed(why) = self else { return None };
        let (name, _) = why.split_once(": ")?;
        name.ends_with("Error").then_some(name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_failure_s_browser_name_is_read_from_its_words() {
        let failed = |why: &str| StoreError::Failed(why.into());
        assert_eq!(failed("UnknownError: Connection to Indexed Database server lost. Refresh the page to try again").browser_name(), Some("UnknownError"));
        assert_eq!(failed("InvalidStateError: The database connection is closing.").browser_name(), Some("InvalidStateError"));
        assert_eq!(failed("the request failed").browser_name(), None);
        assert_eq!(failed("a note: not a name").browser_name(), None);
        assert_eq!(StoreError::Full.browser_name(), None);
    }
}
