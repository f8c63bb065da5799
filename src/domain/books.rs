//! The office bookshelf's catalogue records.

use super::record::Meta;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Book {
    pub meta: Meta,
    pub title: String,
    pub authors: Vec<String>,
    /// ISBN-13, digits only.
    #[serde(default)]
    pub isbn: Option<String>,
    #[serde(default)]
    pub tags: Vec<String>,
    /// Who in the office recommends it.
    #[serde(default)]
    pub recommended_by: Option<String>,
    pub copies: u32,
    /// Where it stands on the shelf ("B2").
    #[serde(default)]
    pub shelf: String,
    #[serde(default)]
    pub notes: String,
}

/// The check digit of a 13-digit ISBN given its first twelve digits.
pub fn isbn13_check_digit(first_twelve: &[u8; 12]) -> u8 {
    let sum: u32 = first_twelve
        .iter()
        .enumerate()
        .map(|(i, &d)| u32::from(d) * if i % 2 == 0 { 1 } else { 3 })
        .sum();
    ((10 - sum % 10) % 10) as u8
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn isbn13_check_digit_of_a_known_isbn() {
        // 978-0-306-40615-7, the usual worked example.
        assert_eq!(isbn13_check_digit(&[9, 7, 8, 0, 3, 0, 6, 4, 0, 6, 1, 5]), 7);
    }
}
