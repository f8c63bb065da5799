//! The office clock and locale formatting, through the browser's `Intl`.
//!
//! Instants are stored in UTC; rules work on the office's local calendar.
//! `Intl.DateTimeFormat` knows every time zone's offsets (and their daylight
//! saving changes), so no tz database ships in the wasm bundle.

use crate::domain::date::{Date, Instant};
use crate::domain::i18n::Lang;
use std::cell::RefCell;
use std::collections::HashMap;
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = Intl, js_name = DateTimeFormat)]
    #[derive(Clone)]
    type DateTimeFormat;

    #[wasm_bindgen(constructor, js_namespace = Intl, js_class = "DateTimeFormat", catch)]
    fn new(locale: &str, options: &js_sys::Object) -> Result<DateTimeFormat, JsValue>;

    #[wasm_bindgen(method, js_class = "DateTimeFormat")]
    fn format(this: &DateTimeFormat, ms: f64) -> String;

    #[wasm_bindgen(method, js_class = "DateTimeFormat", js_name = formatToParts)]
    fn format_to_parts(this: &DateTimeFormat, ms: f64) -> js_sys::Array;

    #[wasm_bindgen(method, js_class = "DateTimeFormat", js_name = resolvedOptions)]
    fn resolved_options(this: &DateTimeFormat) -> js_sys::Object;
}

/// Milliseconds since the epoch, from the page's clock.
pub fn now() -> Instant {
    js_sys::Date::now() as Instant
}

fn options(pairs: &[(&str, &str)]) -> js_sys::Object {
    let object = js_sys::Object::new();
    for (key, value) in pairs {
        let _ = js_sys::Reflect::set(&object, &JsValue::from_str(key), &JsValue::from_str(value));
    }
    object
}

/// The device's own time zone, for an office set up on it.
pub fn device_time_zone() -> String {
    DateTimeFormat::new("en", &js_sys::Object::new())
        .ok()
        .and_then(|f| js_sys::Reflect::get(&f.resolved_options(), &"timeZone".into()).ok())
        .and_then(|tz| tz.as_string())
        .unwrap_or_else(|| "UTC".into())
}

/// The browser's preferred languages, best first.
pub fn preferred_languages() -> Vec<String> {
    let navigator = web_sys::window().expect("a window").navigator();
    let list: Vec<String> = navigator.languages().iter().filter_map(|l| l.as_string()).collect();
    if list.is_empty() { navigator.language().into_iter().collect() } else { list }
}

/// The office's time zone: today's date, the time of day, UTC offsets.
pub struct OfficeZone {
    parts: DateTimeFormat,
    /// Offsets by local day: they change only at a daylight-saving switch,
    /// at night, so a day's noon offset holds for its working hours.
    by_day: RefCell<HashMap<Date, i32>>,
}

impl OfficeZone {
    /// Fails on a time zone name the browser does not know.
    pub fn new(time_zone: &str) -> Result<OfficeZone, JsValue> {
        let parts = DateTimeFormat::new(
            "en-US",
            &options(&[
                ("timeZone", time_zone),
                ("hourCycle", "h23"),
                ("year", "numeric"),
                ("month", "numeric"),
                ("day", "numeric"),
                ("hour", "numeric"),
                ("minute", "numeric"),
            ]),
        )?;
        Ok(OfficeZone { parts, by_day: RefCell::default() })
    }

    /// The office's UTC offset at an instant, in minutes east of UTC.
    pub fn offset_at(&self, at: Instant) -> i32 {
        let mut fields = [0i64; 5];
        for part in self.parts.format_to_parts(at as f64).iter() {
            let get = |key: &str| js_sys::Reflect::get(&part, &key.into()).ok().and_then(|v| v.as_string());
            let slot = match get("type").as_deref() {
                Some("year") => 0,
                Some("month") => 1,
                Some("day") => 2,
                Some("hour") => 3,
                Some("minute") => 4,
                _ => continue,
            };
            fields[slot] = get("value").and_then(|v| v.parse().ok()).unwrap_or(0);
        }
        let local_day = Date::from_ymd(fields[0] as i32, fields[1] as u32, fields[2] as u32);
        let Some(local_day) = local_day else { return 0 };
        let local_as_utc = local_day.at_minute((fields[3] * 60 + fields[4]) as u32, 0);
        let at_minute = at.div_euclid(60_000) * 60_000;
        ((local_as_utc - at_minute) / 60_000) as i32
    }

    /// The offset in force on a local day (taken at its noon).
    pub fn offset_on(&self, day: Date) -> i32 {
        if let Some(&offset) = self.by_day.borrow().get(&day) {
            return offset;
        }
        let offset = self.offset_at(day.at_minute(12 * 60, 0));
        self.by_day.borrow_mut().insert(day, offset);
        offset
    }

    pub fn date_of(&self, at: Instant) -> Date {
        Date::of_instant(at, self.offset_at(at))
    }

    pub fn minute_of_day(&self, at: Instant) -> u32 {
        crate::domain::date::minute_of_day(at, self.offset_at(at))
    }
}

#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub enum Style {
    /// "9:05 AM" / "09:05"
    Time,
    /// "Wed 25 Nov" / "mer. 25 nov."
    DayShort,
    /// "25 Nov" / "25 nov."
    DayMonth,
    /// "Wednesday 25 November 2026"
    DayLong,
    /// "November 2026" / "novembre 2026"
    Month,
    /// "Mon" / "lun."
    Weekday,
}

thread_local! {
    static FORMATS: RefCell<HashMap<(Style, Lang, String), DateTimeFormat>> = RefCell::default();
}

/// The locale that formats for a UI language: the browser's own regional
/// variant of it when it has one (en-GB keeps its 24-hour clock, en-US its
/// AM/PM), else the bare language.
fn locale(lang: Lang) -> String {
    preferred_languages()
        .into_iter()
        .find(|tag| tag.split('-').next().is_some_and(|primary| primary.eq_ignore_ascii_case(lang.tag())))
        .unwrap_or_else(|| lang.tag().to_owned())
}

fn formatter(style: Style, lang: Lang, time_zone: &str) -> DateTimeFormat {
    FORMATS.with(|cache| {
        cache
            .borrow_mut()
            .entry((style, lang, time_zone.to_owned()))
            .or_insert_with(|| {
                let fields: &[(&str, &str)] = match style {
                    // Each locale's own short time: 09:05 (fr, en-GB), 9:05 AM (en-US).
                    Style::Time => &[("timeStyle", "short")],
                    Style::DayShort => &[("weekday", "short"), ("day", "numeric"), ("month", "short")],
                    Style::DayMonth => &[("day", "numeric"), ("month", "short")],
                    Style::DayLong => &[("weekday", "long"), ("day", "numeric"), ("month", "long"), ("year", "numeric")],
                    Style::Month => &[("month", "long"), ("year", "numeric")],
                    Style::Weekday => &[("weekday", "short")],
                };
                let mut all = fields.to_vec();
                all.push(("timeZone", time_zone));
                let locale = locale(lang);
                DateTimeFormat::new(&locale, &options(&all))
                    .or_else(|_| DateTimeFormat::new(lang.tag(), &options(fields)))
                    .expect("Intl.DateTimeFormat with standard options")
            })
            .clone()
    })
}

/// A clock time of an instant, in the office's time zone and the UI language.
pub fn time(at: Instant, lang: Lang, time_zone: &str) -> String {
    formatter(Style::Time, lang, time_zone).format(at as f64)
}

/// A calendar day, in the UI language (the day is already local: no zone).
pub fn day(day: Date, style: Style, lang: Lang) -> String {
    formatter(style, lang, "UTC").format(day.at_minute(12 * 60, 0) as f64)
}
