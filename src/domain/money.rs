//! Money: integer cents of the office's currency (euros), typed and shown
//! in the user's language.

use super::i18n::Lang;
use super::text::FieldError;

/// A meal set never costs more than this: a larger price is a typing slip.
pub const PRICE_MAX_CENTS: u32 = 10_000;

/// "€3.50" in English, "3,50 €" in French; thousands grouped.
pub fn format_cents(cents: i64, lang: Lang) -> String {
    let sign = if cents < 0 { "-" } else { "" };
    let cents = cents.unsigned_abs();
    let (units, rest) = (cents / 100, cents % 100);
    let group = match lang {
        Lang::En => ",",
        Lang::Fr => "\u{202F}",
    };
    let digits = units.to_string();
    let mut grouped = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            grouped.push_str(group);
        }
        grouped.push(c);
    }
    match lang {
        Lang::En => format!("{sign}€{grouped}.{rest:02}"),
        Lang::Fr => format!("{sign}{grouped},{rest:02}\u{a0}€"),
    }
}

/// Reads a price as typed: "3.50", "3,50", "3", "€3.50" or "3,50 €".
/// Refuses negative prices, more than two decimals and absurd amounts.
pub fn parse_price(raw: &str) -> Result<u32, FieldError> {
    let text: String = raw.chars().filter(|c| !c.is_whitespace() && *c != '€').collect();
    if text.is_empty() {
        return Err(FieldError::Required);
    }
    if text.starts_with('-') {
        return Err(FieldError::PriceOutOfRange { max_cents: PRICE_MAX_CENTS });
    }
    let (units, decimals) = match text.split_once(['.', ',']) {
        Some((units, decimals)) => (units, decimals),
        None => (text.as_str(), ""),
    };
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if !digits(units) || !(decimals.is_empty() || digits(decimals)) {
        return Err(FieldError::NotAPrice);
    }
    if decimals.len() > 2 {
        return Err(FieldError::TooManyDecimals);
    }
    let units: u64 = units.parse().map_err(|_| FieldError::PriceOutOfRange { max_cents: PRICE_MAX_CENTS })?;
    let cents = format!("{decimals:0<2}").parse::<u64>().unwrap_or(0);
    let total = units.saturating_mul(100).saturating_add(cents);
    if total > u64::from(PRICE_MAX_CENTS) {
        return Err(FieldError::PriceOutOfRange { max_cents: PRICE_MAX_CENTS });
    }
    Ok(total as u32)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_per_language() {
        assert_eq!(format_cents(350, Lang::En), "€3.50");
        assert_eq!(format_cents(350, Lang::Fr), "3,50\u{a0}€");
        assert_eq!(format_cents(12_345_678, Lang::En), "€123,456.78");
        assert_eq!(format_cents(12_345_678, Lang::Fr), "123\u{202F}456,78\u{a0}€");
        assert_eq!(format_cents(5, Lang::En), "€0.05");
        assert_eq!(format_cents(-350, Lang::En), "-€3.50");
    }

    #[test]
    fn parses_typed_prices() {
        assert_eq!(parse_price("3.50"), Ok(350));
        assert_eq!(parse_price(" 3,5 "), Ok(350));
        assert_eq!(parse_price("3"), Ok(300));
        assert_eq!(parse_price("€3.50"), Ok(350));
        assert_eq!(parse_price("3,50 €"), Ok(350));
        assert_eq!(parse_price("0"), Ok(0));
        assert_eq!(parse_price("100.00"), Ok(10_000));
        assert_eq!(parse_price(""), Err(FieldError::Required));
        assert_eq!(parse_price("-3.50"), Err(FieldError::PriceOutOfRange { max_cents: PRICE_MAX_CENTS }));
        assert_eq!(parse_price("3.505"), Err(FieldError::TooManyDecimals));
        assert_eq!(parse_price("100.01"), Err(FieldError::PriceOutOfRange { max_cents: PRICE_MAX_CENTS }));
        assert_eq!(parse_price("99999999999999999999999"), Err(FieldError::PriceOutOfRange { max_cents: PRICE_MAX_CENTS }));
        assert_eq!(parse_price("3."), Ok(300));
        for bad in ["three", "3.5.0", ".50", "1e3", "3,5a"] {
            assert_eq!(parse_price(bad), Err(FieldError::NotAPrice), "{bad}");
        }
    }
}
