//! Calendar dates of the office's local calendar, and UTC instants.
//!
//! Dates are proleptic Gregorian days counted from 1970-01-01. The conversion
//! is Howard Hinnant's `days_from_civil` / `civil_from_days`: a few lines of
//! integer arithmetic instead of a date crate in the wasm bundle.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// Milliseconds since the Unix epoch, UTC. Every stored time is one of these.
pub type Instant = i64;

pub const MS_PER_MINUTE: i64 = 60_000;
pub const MS_PER_DAY: i64 = 86_400_000;

/// A day of the office's local calendar.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    days: i32,
}

#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Weekday {
    Mon,
    Tue,
    Wed,
    Thu,
    Fri,
    Sat,
    Sun,
}

impl Weekday {
    pub const ALL: [Weekday; 7] = [
        Weekday::Mon,
        Weekday::Tue,
        Weekday::Wed,
        Weekday::Thu,
        Weekday::Fri,
        Weekday::Sat,
        Weekday::Sun,
    ];

    /// Monday is 0.
    pub fn index(self) -> usize {
        self as usize
    }

    pub fn is_weekend(self) -> bool {
        matches!(self, Weekday::Sat | Weekday::Sun)
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DateParseError;

impl Date {
    pub fn from_ymd(year: i32, month: u32, day: u32) -> Option<Date> {
        if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
            return None;
        }
        Some(Date { days: days_from_civil(year, month, day) })
    }

    pub fn from_days_since_epoch(days: i32) -> Date {
        Date { days }
    }

    pub fn days_since_epoch(self) -> i32 {
        self.days
    }

    /// The local date of an instant, given the office's UTC offset at that
    /// instant in minutes (east positive, e.g. +60 for Paris in winter).
    pub fn of_instant(at: Instant, utc_offset_minutes: i32) -> Date {
        let local = at + i64::from(utc_offset_minutes) * MS_PER_MINUTE;
        Date { days: local.div_euclid(MS_PER_DAY) as i32 }
    }

    /// The instant of `minute_of_day` local time on this date, for a UTC
    /// offset in minutes.
    pub fn at_minute(self, minute_of_day: u32, utc_offset_minutes: i32) -> Instant {
        i64::from(self.days) * MS_PER_DAY + i64::from(minute_of_day) * MS_PER_MINUTE
            - i64::from(utc_offset_minutes) * MS_PER_MINUTE
    }

    pub fn ymd(self) -> (i32, u32, u32) {
        civil_from_days(self.days)
    }

    pub fn year(self) -> i32 {
        self.ymd().0
    }

    pub fn month(self) -> u32 {
        self.ymd().1
    }

    pub fn day(self) -> u32 {
        self.ymd().2
    }

    pub fn weekday(self) -> Weekday {
        // 1970-01-01 was a Thursday (index 3).
        Weekday::ALL[(self.days + 3).rem_euclid(7) as usize]
    }

    pub fn add_days(self, n: i32) -> Date {
        Date { days: self.days + n }
    }

    /// Days from `earlier` to `self` (negative when `self` is earlier).
    pub fn days_since(self, earlier: Date) -> i32 {
        self.days - earlier.days
    }

    /// The Monday of this date's week.
    pub fn week_start(self) -> Date {
        self.add_days(-(self.weekday().index() as i32))
    }

    pub fn first_of_month(self) -> Date {
        let (y, m, _) = self.ymd();
        Date { days: days_from_civil(y, m, 1) }
    }

    pub fn last_of_month(self) -> Date {
        let (y, m, _) = self.ymd();
        Date { days: days_from_civil(y, m, days_in_month(y, m)) }
    }

    /// The first day of the month `delta` months away.
    pub fn add_months(self, delta: i32) -> Date {
        let (y, m, _) = self.ymd();
        let index = y * 12 + (m as i32 - 1) + delta;
        let (year, month) = (index.div_euclid(12), index.rem_euclid(12) as u32 + 1);
        Date { days: days_from_civil(year, month, 1) }
    }

    /// Every date from `self` to `last`, both included.
    pub fn through(self, last: Date) -> impl Iterator<Item = Date> {
        (self.days..=last.days).map(|days| Date { days })
    }

    /// The dates from `self` to `last` in consecutive spans of `days` days
    /// (the last one shorter), each as its first and last date.
    pub fn spans(self, last: Date, days: i32) -> impl Iterator<Item = (Date, Date)> {
        assert!(days > 0, "a span has at least one day");
        (self.days..=last.days)
            .step_by(days as usize)
            .map(move |first| (Date { days: first }, Date { days: (first + days - 1).min(last.days) }))
    }

    /// [`Date::spans`] of `days` days, or wider where that would make more
    /// than `most` spans: a long range still takes a bounded number of reads.
    pub fn spans_at_most(self, last: Date, days: i32, most: i32) -> impl Iterator<Item = (Date, Date)> {
        assert!(most > 0, "at least one span");
        let length = (last.days - self.days + 1).max(0);
        self.spans(last, days.max((length + most - 1) / most))
    }

    /// Parses `YYYY-MM-DD` exactly (the only form stored and exchanged).
    pub fn parse_iso(text: &str) -> Result<Date, DateParseError> {
        let bytes = text.as_bytes();
        if bytes.len() != 10 || bytes[4] != b'-' || bytes[7] != b'-' {
            return Err(DateParseError);
        }
        let number = |range: std::ops::Range<usize>| -> Result<u32, DateParseError> {
            let part = &text[range];
            if part.bytes().all(|b| b.is_ascii_digit()) {
                part.parse().map_err(|_| DateParseError)
            } else {
                Err(DateParseError)
            }
        };
        let (year, month, day) = (number(0..4)?, number(5..7)?, number(8..10)?);
        Date::from_ymd(year as i32, month, day).ok_or(DateParseError)
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (y, m, d) = self.ymd();
        write!(f, "{y:04}-{m:02}-{d:02}")
    }
}

impl fmt::Debug for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Date::parse_iso(&text)
            .map_err(|_| serde::de::Error::custom(format!("not a YYYY-MM-DD date: {text:?}")))
    }
}

/// Minutes since local midnight of an instant, for a UTC offset in minutes.
pub fn minute_of_day(at: Instant, utc_offset_minutes: i32) -> u32 {
    (at + i64::from(utc_offset_minutes) * MS_PER_MINUTE).rem_euclid(MS_PER_DAY) as u32 / 60_000
}

/// `HH:MM` of a minute of the day (24-hour clock, as in exports).
pub fn hhmm(minute_of_day: u32) -> String {
    format!("{:02}:{:02}", minute_of_day / 60, minute_of_day % 60)
}

/// RFC 3339 UTC form of an instant, to the second: `2026-11-25T08:03:07Z`.
pub fn iso_utc(at: Instant) -> String {
    let seconds = at.rem_euclid(MS_PER_DAY) / 1000;
    format!(
        "{}T{:02}:{:02}:{:02}Z",
        Date::of_instant(at, 0),
        seconds / 3600,
        seconds / 60 % 60,
        seconds % 60
    )
}

/// Reads a clock time typed as `H:MM` or `HH:MM` (24-hour) into minutes
/// since midnight.
pub fn parse_hhmm(text: &str) -> Option<u32> {
    let (h, m) = text.trim().split_once([':', 'h', 'H'])?;
    let digits = |s: &str, max_len| !s.is_empty() && s.len() <= max_len && s.bytes().all(|b| b.is_ascii_digit());
    if !(digits(h, 2) && m.len() == 2 && digits(m, 2)) {
        return None;
    }
    let (h, m): (u32, u32) = (h.parse().ok()?, m.parse().ok()?);
    (h < 24 && m < 60).then_some(h * 60 + m)
}

pub fn is_leap_year(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

pub fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap_year(year) => 29,
        2 => 28,
        _ => 0,
    }
}

fn days_from_civil(year: i32, month: u32, day: u32) -> i32 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = month as i32;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + day as i32 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(days: i32) -> (i32, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = yoe + era * 400 + i32::from(month <= 2);
    (year, month, day)
}

/// Easter Sunday (Gregorian), by the anonymous "Meeus/Jones/Butcher" rule.
pub fn easter_sunday(year: i32) -> Date {
    let a = year % 19;
    let b = year / 100;
    let c = year % 100;
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    Date::from_ymd(year, month as u32, day as u32).expect("Easter is a valid date")
}

/// France's eleven public holidays of a year, the demo office's calendar.
pub fn french_public_holidays(year: i32) -> Vec<Date> {
    let easter = easter_sunday(year);
    let fixed = [(1, 1), (5, 1), (5, 8), (7, 14), (8, 15), (11, 1), (11, 11), (12, 25)];
    let mut days: Vec<Date> = fixed
        .iter()
        .filter_map(|&(m, d)| Date::from_ymd(year, m, d))
        .chain([easter.add_days(1), easter.add_days(39), easter.add_days(50)])
        .collect();
    days.sort_unstable();
    days
}

/// Why one of two typed days ("from", "to") does not make a range.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RangeError {
    NotADate,
    /// Said under "from": the range starts after it ends.
    StartsAfterEnd,
    /// Said under "to": longer than [`MAX_RANGE_DAYS`].
    TooLong,
}

/// The longest range of days an export takes: any ten years, leap days
/// included. Longer is a typing slip (year 0001, 9999), and would have the
/// page loop over millions of days.
pub const MAX_RANGE_DAYS: i32 = 3_653;

/// What is wrong with each of a range's two fields: (from, to).
pub type RangeErrors = (Option<RangeError>, Option<RangeError>);

/// A range of days typed in two fields: both days, the first not after
/// the last; else what is wrong with each field.
pub fn parse_day_range(from: &str, to: &str) -> Result<(Date, Date), RangeErrors> {
    match (Date::parse_iso(from.trim()), Date::parse_iso(to.trim())) {
        (Ok(start), Ok(end)) if start > end => Err((Some(RangeError::StartsAfterEnd), None)),
        (Ok(start), Ok(end)) if end.days_since_epoch() - start.days_since_epoch() >= MAX_RANGE_DAYS => Err((None, Some(RangeError::TooLong))),
        (Ok(start), Ok(end)) => Ok((start, end)),
        (start, end) => Err((start.is_err().then_some(RangeError::NotADate), end.is_err().then_some(RangeError::NotADate))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_range_of_days_as_typed() {
        let day = |d: &str| Date::parse_iso(d).unwrap();
        assert_eq!(parse_day_range(" 2026-11-01", "2026-11-30 "), Ok((day("2026-11-01"), day("2026-11-30"))));
        assert_eq!(parse_day_range("2026-11-30", "2026-11-30"), Ok((day("2026-11-30"), day("2026-11-30"))));
        assert_eq!(parse_day_range("2026-11-30", "2026-11-01"), Err((Some(RangeError::StartsAfterEnd), None)));
        assert_eq!(parse_day_range("", "2026-11-01"), Err((Some(RangeError::NotADate), None)));
        assert_eq!(parse_day_range("2026-11-30", "nope"), Err((None, Some(RangeError::NotADate))));
        assert_eq!(parse_day_range("2016-12-01", "2026-11-30"), Ok((day("2016-12-01"), day("2026-11-30"))), "ten years");
        assert_eq!(parse_day_range("2016-11-30", "2026-11-30"), Ok((day("2016-11-30"), day("2026-11-30"))), "3,653 days");
        assert_eq!(parse_day_range("2016-11-29", "2026-11-30"), Err((None, Some(RangeError::TooLong))));
        assert_eq!(parse_day_range("0001-01-01", "9999-12-31"), Err((None, Some(RangeError::TooLong))));
    }

    fn d(text: &str) -> Date {
        Date::parse_iso(text).unwrap()
    }

    #[test]
    fn spans_cover_every_day_once_in_order() {
        let spans: Vec<_> = d("2026-08-30").spans(d("2026-09-16"), 7).collect();
        assert_eq!(
            spans,
            [(d("2026-08-30"), d("2026-09-05")), (d("2026-09-06"), d("2026-09-12")), (d("2026-09-13"), d("2026-09-16"))]
        );
        let ninety = d("2026-11-27").add_days(-89);
        let covered: Vec<Date> = ninety.spans(d("2026-11-27"), 7).flat_map(|(first, last)| first.through(last)).collect();
        assert_eq!(covered, ninety.through(d("2026-11-27")).collect::<Vec<_>>());
        assert_eq!(d("2026-11-27").spans(d("2026-11-27"), 7).collect::<Vec<_>>(), [(d("2026-11-27"), d("2026-11-27"))]);
        assert_eq!(d("2026-11-27").spans(d("2026-11-26"), 7).count(), 0);
    }

    #[test]
    fn spans_at_most_widen_for_a_long_range_and_still_cover_every_day_once() {
        let ninety = d("2026-11-27").add_days(-89);
        assert!(ninety.spans_at_most(d("2026-11-27"), 7, 64).eq(ninety.spans(d("2026-11-27"), 7)), "a short range: weeks");
        let (first, last) = (d("0001-01-01"), d("9999-12-31"));
        let spans: Vec<_> = first.spans_at_most(last, 7, 64).collect();
        assert_eq!(spans.len(), 64);
        assert_eq!((spans[0].0, spans[63].1), (first, last));
        assert!(spans.windows(2).all(|w| w[1].0 == w[0].1.add_days(1)), "consecutive, no day twice or left out");
        assert_eq!(d("2026-11-27").spans_at_most(d("2026-11-26"), 7, 64).count(), 0);
    }

    #[test]
    fn epoch_and_round_trips() {
        assert_eq!(Date::from_ymd(1970, 1, 1).unwrap().days_since_epoch(), 0);
        assert_eq!(d("2000-03-01").days_since_epoch(), 11_017);
        for days in -800_000..800_000 {
            if days % 97 != 0 {
                continue;
            }
            let date = Date::from_days_since_epoch(days);
            let (y, m, dd) = date.ymd();
            assert_eq!(Date::from_ymd(y, m, dd), Some(date));
            if (0..=9999).contains(&y) {
                assert_eq!(Date::parse_iso(&date.to_string()), Ok(date));
            }
        }
    }

    #[test]
    fn weekdays() {
        assert_eq!(d("1970-01-01").weekday(), Weekday::Thu);
        assert_eq!(d("2026-11-25").weekday(), Weekday::Wed);
        assert_eq!(d("2024-02-29").weekday(), Weekday::Thu);
        assert_eq!(d("2026-11-29").week_start(), d("2026-11-23"));
        assert_eq!(d("2026-11-23").week_start(), d("2026-11-23"));
    }

    #[test]
    fn months() {
        assert_eq!(d("2024-02-10").last_of_month(), d("2024-02-29"));
        assert_eq!(d("2023-02-10").last_of_month(), d("2023-02-28"));
        assert_eq!(d("2026-12-31").add_months(1), d("2027-01-01"));
        assert_eq!(d("2026-01-31").add_months(-1), d("2025-12-01"));
        assert_eq!(d("2026-03-15").add_months(-14), d("2025-01-01"));
    }

    #[test]
    fn strict_parsing() {
        for bad in ["2026-1-05", "2026/01/05", "2026-02-30", "2026-13-01", "20260105", "", "２０２６-01-05", "2026-00-10", "+026-01-01"] {
            assert_eq!(Date::parse_iso(bad), Err(DateParseError), "{bad}");
        }
        assert_eq!(d("2026-02-28").to_string(), "2026-02-28");
    }

    #[test]
    fn instants_and_offsets() {
        // 2026-11-24T23:30Z is already the 25th in Paris (UTC+1).
        let at = d("2026-11-24").at_minute(23 * 60 + 30, 0);
        assert_eq!(Date::of_instant(at, 0), d("2026-11-24"));
        assert_eq!(Date::of_instant(at, 60), d("2026-11-25"));
        assert_eq!(Date::of_instant(at, -300), d("2026-11-24"));
        // 09:00 in Paris is 08:00 UTC.
        let nine = d("2026-11-25").at_minute(9 * 60, 60);
        assert_eq!(nine, d("2026-11-25").at_minute(8 * 60, 0));
        assert_eq!(parse_hhmm("10:30"), Some(630));
        assert_eq!(parse_hhmm(" 9:05 "), Some(545));
        assert_eq!(parse_hhmm("10h30"), Some(630));
        for bad in ["24:00", "10:60", "10:3", "1030", "", "ten:30", "-1:30", "10:30:00"] {
            assert_eq!(parse_hhmm(bad), None, "{bad}");
        }
        assert_eq!(minute_of_day(nine, 60), 9 * 60);
        assert_eq!(minute_of_day(nine, 0), 8 * 60);
        assert_eq!(hhmm(9 * 60 + 5), "09:05");
        assert_eq!(iso_utc(nine + 7_999), "2026-11-25T08:00:07Z");
        // Before the epoch rounds towards the earlier day.
        assert_eq!(Date::of_instant(-1, 0), d("1969-12-31"));
    }

    #[test]
    fn holidays() {
        assert_eq!(easter_sunday(2024), d("2024-03-31"));
        assert_eq!(easter_sunday(2025), d("2025-04-20"));
        assert_eq!(easter_sunday(2026), d("2026-04-05"));
        let h = french_public_holidays(2026);
        assert_eq!(h.len(), 11);
        assert!(h.contains(&d("2026-04-06")), "Easter Monday");
        assert!(h.contains(&d("2026-05-14")), "Ascension");
        assert!(h.contains(&d("2026-05-25")), "Whit Monday");
        assert!(h.contains(&d("2026-11-11")));
    }
}
