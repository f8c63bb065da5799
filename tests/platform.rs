//! The browser platform pieces in headless Chromium: the office clock's time
//! zone offsets (through Intl), locale formatting, ids.
#![cfg(target_arch = "wasm32")]

use oasis::domain::date::Date;
use oasis::domain::i18n::Lang;
use oasis::pwa::{device, intl};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn day(text: &str) -> Date {
    Date::parse_iso(text).unwrap()
}

#[wasm_bindgen_test]
fn paris_offsets_follow_daylight_saving() {
    let paris = intl::OfficeZone::new("Europe/Paris").unwrap();
    assert_eq!(paris.offset_on(day("2026-01-15")), 60);
    assert_eq!(paris.offset_on(day("2026-07-15")), 120);
    // Summer time starts on Sunday 29 March 2026 at 01:00 UTC.
    assert_eq!(paris.offset_at(day("2026-03-29").at_minute(59, 0)), 60);
    assert_eq!(paris.offset_at(day("2026-03-29").at_minute(61, 0)), 120);
    let new_york = intl::OfficeZone::new("America/New_York").unwrap();
    assert_eq!(new_york.offset_on(day("2026-11-25")), -300);
    let kolkata = intl::OfficeZone::new("Asia/Kolkata").unwrap();
    assert_eq!(kolkata.offset_on(day("2026-11-25")), 330);
}

#[wasm_bindgen_test]
fn office_dates_and_minutes() {
    let paris = intl::OfficeZone::new("Europe/Paris").unwrap();
    // 23:30 UTC on the 24th is already the 25th, 00:30, in Paris.
    let late = day("2026-11-24").at_minute(23 * 60 + 30, 0);
    assert_eq!(paris.date_of(late), day("2026-11-25"));
    assert_eq!(paris.minute_of_day(late), 30);
}

#[wasm_bindgen_test]
fn an_unknown_time_zone_is_an_error_not_a_crash() {
    assert!(intl::OfficeZone::new("Mars/Olympus_Mons").is_err());
}

#[wasm_bindgen_test]
fn locale_formatting() {
    let at = day("2026-11-25").at_minute(9 * 60 + 5, 0);
    assert_eq!(intl::time(at, Lang::Fr, "UTC"), "09:05");
    assert_eq!(intl::time(at, Lang::En, "UTC"), "9:05 AM");
    assert_eq!(intl::day(day("2026-11-25"), intl::Style::Month, Lang::Fr), "novembre 2026");
}

#[wasm_bindgen_test]
fn ids_are_unique_and_sortable() {
    let a = device::new_id(1_000);
    let b = device::new_id(1_000);
    let c = device::new_id(2_000);
    assert_ne!(a, b);
    assert!(a < c && b < c);
    assert_eq!(a.len(), 26);
}
