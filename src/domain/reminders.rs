//! Reminders computed on the device, and when each may be shown.
//!
//! Each reminder has a key; an inbox entry is made once per key, so a
//! reminder is never made twice, whatever reloads and timers do. Reminders
//! due in the next hours are computed too, with their fire time, so the
//! service worker can show them while the app is closed.

use super::announcements::Announcement;
use super::date::{Date, Instant, MS_PER_DAY, MS_PER_MINUTE};
use super::record::Meta;
use serde::{Deserialize, Serialize};

/// How far ahead reminders are computed (and scheduled).
pub const HORIZON_MS: Instant = 36 * 60 * MS_PER_MINUTE;
/// Book reminders fire at this office time.
pub const MORNING_MINUTE: u32 = 9 * 60;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Category {
    Books,
    Meals,
    Events,
    Announcements,
}

impl Category {
    pub const ALL: [Category; 4] = [Category::Books, Category::Meals, Category::Events, Category::Announcements];
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Reminder {
    BookDueTomorrow { book_id: String, loan_id: String, title: String, due: Date },
    /// Once a day: `on` is the day it is about.
    BookOverdue { book_id: String, loan_id: String, title: String, due: Date, on: Date },
    HoldReady { book_id: String, hold_id: String, title: String, until: Instant },
    MealCutoff { day: Date, cutoff_minute: u32 },
    EventSoon { announcement_id: String, title: String, starts_at: Instant },
    Announcement { announcement_id: String },
    /// A borrow made offline lost the last copy to an earlier one from
    /// another device: the person was put in line.
    BorrowLost { book_id: String, loan_id: String, title: String },
    /// A reservation made offline found no set left (or the person already
    /// had one that day) once every device's reservations were counted.
    MealRefused { reservation_id: String, meal: String, day: Date, sold_out: bool },
}

impl Reminder {
    /// What makes it unique: one inbox entry per person and key.
    pub fn key(&self) -> String {
        match self {
            Reminder::BookDueTomorrow { loan_id, due, .. } => format!("due:{loan_id}:{due}"),
            Reminder::BookOverdue { loan_id, on, .. } => format!("overdue:{loan_id}:{on}"),
            Reminder::HoldReady { hold_id, .. } => format!("hold:{hold_id}"),
            Reminder::MealCutoff { day, .. } => format!("cutoff:{day}"),
            Reminder::EventSoon { announcement_id, .. } => format!("event:{announcement_id}"),
            Reminder::Announcement { announcement_id } => format!("ann:{announcement_id}"),
            Reminder::BorrowLost { loan_id, .. } => format!("lost:{loan_id}"),
            Reminder::MealRefused { reservation_id, .. } => format!("refused:{reservation_id}"),
        }
    }

    pub fn category(&self) -> Category {
        match self {
            Reminder::BookDueTomorrow { .. }
            | Reminder::BookOverdue { .. }
            | Reminder::HoldReady { .. }
            | Reminder::BorrowLost { .. } => Category::Books,
            Reminder::MealCutoff { .. } | Reminder::MealRefused { .. } => Category::Meals,
            Reminder::EventSoon { .. } => Category::Events,
            Reminder::Announcement { .. } => Category::Announcements,
        }
    }

    /// A nudge to act (bring a book back, pick up a held copy, reserve
    /// before the cutoff) is news only while its reason lasts: once the
    /// book is back or renewed, the copy borrowed, a meal reserved or the
    /// chance gone, it leaves the inbox even if it already showed. News
    /// (an announcement, a borrow or reservation that lost) stays.
    pub fn is_a_nudge(&self) -> bool {
        matches!(
            self,
            Reminder::BookDueTomorrow { .. } | Reminder::BookOverdue { .. } | Reminder::HoldReady { .. } | Reminder::MealCutoff { .. }
        )
    }

    /// The screen a tap opens.
    pub fn url(&self) -> String {
        match self {
            Reminder::BookDueTomorrow { book_id, .. }
            | Reminder::BookOverdue { book_id, .. }
            | Reminder::HoldReady { book_id, .. }
            | Reminder::BorrowLost { book_id, .. } => format!("/books/{book_id}"),
            Reminder::MealCutoff { .. } => "/meals".into(),
            Reminder::MealRefused { .. } => "/meals/mine".into(),
            Reminder::EventSoon { announcement_id, .. } | Reminder::Announcement { announcement_id } => {
                format!("/inbox/{announcement_id}")
            }
        }
    }
}

/// A person's inbox item: a reminder or an announcement, with its state.
/// Made once per key (its id is [`entry_id`]); `fire_at` may be ahead, and
/// it shows once that moment comes.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct InboxEntry {
    pub meta: Meta,
    pub person_id: String,
    pub key: String,
    pub reminder: Reminder,
    pub fire_at: Instant,
    /// To show as a system notification when it fires (preferences and
    /// quiet hours already applied).
    pub notify: bool,
    /// The words of the notification, in the person's language when made,
    /// and the screen it opens (for the service worker, which has no rules).
    pub title: String,
    pub body: String,
    pub url: String,
    #[serde(default)]
    pub notified_at: Option<Instant>,
    #[serde(default)]
    pub read_at: Option<Instant>,
    #[serde(default)]
    pub dismissed_at: Option<Instant>,
}

impl InboxEntry {
    pub fn is_visible(&self, now: Instant) -> bool {
        self.meta.is_live() && self.dismissed_at.is_none() && self.fire_at <= now
    }

    /// Due as a system notification now: showing, wanted, not shown yet,
    /// and recent (public/sw.js applies the same test, and [`to_notify`]'s,
    /// with the app closed).
    pub fn wants_notification(&self, now: Instant) -> bool {
        self.is_visible(now) && self.notify && self.notified_at.is_none() && self.fire_at >= now - STALE_AFTER_MS
    }
}

/// What the inbox shows now, newest first: the visible entries, less the
/// announcements withdrawn or expired since they came.
pub fn showing<'a>(entries: &'a [InboxEntry], announcements: &[Announcement], now: Instant) -> Vec<&'a InboxEntry> {
    let mut list: Vec<&InboxEntry> = entries
        .iter()
        .filter(|e| e.is_visible(now))
        .filter(|e| match &e.reminder {
            Reminder::Announcement { announcement_id } => {
                announcements.iter().any(|a| &a.meta.id == announcement_id && a.is_showing(now))
            }
            _ => true,
        })
        .collect();
    list.sort_by_key(|e| std::cmp::Reverse(e.fire_at));
    list
}

/// What to show as system notifications now: what [`showing`] lists and
/// [`InboxEntry::wants_notification`] (so never a withdrawn announcement).
pub fn to_notify<'a>(entries: &'a [InboxEntry], announcements: &[Announcement], now: Instant) -> Vec<&'a InboxEntry> {
    showing(entries, announcements, now).into_iter().filter(|e| e.wants_notification(now)).collect()
}

/// The inbox badge: what [`showing`] lists, unread.
pub fn unread_count(entries: &[InboxEntry], announcements: &[Announcement], now: Instant) -> usize {
    showing(entries, announcements, now).iter().filter(|e| e.read_at.is_none()).count()
}

/// The one id of a person's entry for a key.
pub fn entry_id(person_id: &str, key: &str) -> String {
    format!("{person_id}|{key}")
}

/// Everything reminders are computed from, for one person now.
pub struct ReminderInput<'a> {
    pub now: Instant,
    /// The office's calendar day and minute now.
    pub today: Date,
    pub minute: u32,
    /// The office's UTC offset on a day (minutes).
    pub utc_offset: &'a dyn Fn(Date) -> i32,
    pub working_day: bool,
    /// (book id, loan id, title, due)
    pub loans: Vec<(String, String, String, Date)>,
    /// (book id, hold id, title, since, until)
    pub holds: Vec<(String, String, String, Instant, Instant)>,
    pub checked_in: bool,
    pub reserved_today: bool,
    pub cutoff_minute: u32,
    /// Events I said I would go to: (announcement id, title, starts at).
    pub going_to: Vec<(String, String, Instant)>,
    /// Announcements published or to be: (id, publish at, expires at).
    pub announcements: Vec<(String, Instant, Option<Instant>)>,
    /// My borrows that lost the last copy: (book id, loan id, title, at).
    pub lost_borrows: Vec<(String, String, String, Instant)>,
    /// My reservations that were refused: (reservation id, meal, day,
    /// reserved at, sold out rather than one already that day).
    pub refused_meals: Vec<(String, String, Date, Instant, bool)>,
}

/// How long an outcome of sync (a lost borrow, a refused meal) is still
/// news: a device joining later does not hear of old ones.
pub const OUTCOME_NEWS_MS: Instant = 7 * MS_PER_DAY;

/// Reminders due now or in the next [`HORIZON_MS`], with their fire time.
pub fn reminders(input: &ReminderInput<'_>) -> Vec<(Reminder, Instant)> {
    let at = |day: Date, minute: u32| day.at_minute(minute, (input.utc_offset)(day));
    let horizon = input.now + HORIZON_MS;
    let mut out = Vec::new();
    for (book_id, loan_id, title, due) in &input.loans {
        for on in [input.today, input.today.add_days(1)] {
            let fire = at(on, MORNING_MINUTE);
            if *due < on {
                out.push((Reminder::BookOverdue { book_id: book_id.clone(), loan_id: loan_id.clone(), title: title.clone(), due: *due, on }, fire));
            } else if *due == on.add_days(1) {
                out.push((Reminder::BookDueTomorrow { book_id: book_id.clone(), loan_id: loan_id.clone(), title: title.clone(), due: *due }, fire));
            }
        }
    }
    for (book_id, hold_id, title, since, until) in &input.holds {
        if input.now < *until {
            out.push((Reminder::HoldReady { book_id: book_id.clone(), hold_id: hold_id.clone(), title: title.clone(), until: *until }, *since));
        }
    }
    if input.working_day && input.checked_in && !input.reserved_today && input.minute < input.cutoff_minute {
        let fire = at(input.today, input.cutoff_minute.saturating_sub(30));
        out.push((Reminder::MealCutoff { day: input.today, cutoff_minute: input.cutoff_minute }, fire));
    }
    for (announcement_id, title, starts_at) in &input.going_to {
        if input.now < *starts_at {
            let fire = starts_at - 60 * MS_PER_MINUTE;
            out.push((Reminder::EventSoon { announcement_id: announcement_id.clone(), title: title.clone(), starts_at: *starts_at }, fire));
        }
    }
    for (id, publish_at, expires_at) in &input.announcements {
        if expires_at.is_none_or(|end| input.now < end) {
            out.push((Reminder::Announcement { announcement_id: id.clone() }, *publish_at));
        }
    }
    let news = |at: &Instant| *at + OUTCOME_NEWS_MS > input.now;
    for (book_id, loan_id, title, at) in input.lost_borrows.iter().filter(|l| news(&l.3)) {
        out.push((Reminder::BorrowLost { book_id: book_id.clone(), loan_id: loan_id.clone(), title: title.clone() }, *at));
    }
    for (reservation_id, meal, day, at, sold_out) in input.refused_meals.iter().filter(|r| news(&r.3)) {
        let reminder = Reminder::MealRefused { reservation_id: reservation_id.clone(), meal: meal.clone(), day: *day, sold_out: *sold_out };
        out.push((reminder, *at));
    }
    out.retain(|(_, fire)| *fire <= horizon);
    out
}

/// Whether a minute of the day falls in quiet hours `start..end` (which
/// may span midnight, 22:00 to 07:00). Equal ends mean no quiet hours.
pub fn in_quiet_hours(minute: u32, start: u32, end: u32) -> bool {
    match start.cmp(&end) {
        std::cmp::Ordering::Equal => false,
        std::cmp::Ordering::Less => (start..end).contains(&minute),
        std::cmp::Ordering::Greater => minute >= start || minute < end,
    }
}

/// This device's notification preferences.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NotifyPrefs {
    /// Categories shown as system notifications (the inbox has them all).
    pub categories: Vec<Category>,
    /// Quiet hours, office minutes of the day: no system notification
    /// from `quiet_start` to `quiet_end`.
    pub quiet_start: u32,
    pub quiet_end: u32,
}

impl Default for NotifyPrefs {
    fn default() -> Self {
        NotifyPrefs { categories: Category::ALL.to_vec(), quiet_start: 21 * 60, quiet_end: 7 * 60 }
    }
}

impl NotifyPrefs {
    /// Whether a reminder firing at `fire_at` should also be a system
    /// notification.
    pub fn notifies(&self, category: Category, fire_at: Instant, utc_offset: &dyn Fn(Date) -> i32) -> bool {
        let rough = Date::of_instant(fire_at, 0);
        let minute = super::date::minute_of_day(fire_at, utc_offset(rough));
        self.categories.contains(&category) && !in_quiet_hours(minute, self.quiet_start, self.quiet_end)
    }
}

/// Reminders older than this are no longer worth a notification: shown in
/// the inbox only (the app was closed when they were due).
pub const STALE_AFTER_MS: Instant = MS_PER_DAY / 2;

#[cfg(test)]
mod tests {
    use super::*;

    fn d(text: &str) -> Date {
        Date::parse_iso(text).unwrap()
    }

    fn paris(day: Date) -> i32 {
        // Summer time from the last Sunday of March to the last of October.
        if day >= d("2026-03-29") && day < d("2026-10-25") { 120 } else { 60 }
    }

    fn input(today: &str, minute: u32) -> ReminderInput<'static> {
        let today = d(today);
        ReminderInput {
            now: today.at_minute(minute, paris(today)),
            today,
            minute,
            utc_offset: &paris,
            working_day: !today.weekday().is_weekend(),
            loans: vec![],
            holds: vec![],
            checked_in: false,
            reserved_today: false,
            cutoff_minute: 630,
            going_to: vec![],
            announcements: vec![],
            lost_borrows: vec![],
            refused_meals: vec![],
        }
    }

    #[test]
    fn a_lost_borrow_and_a_refused_meal_are_told_once_while_news() {
        let mut i = input("2026-11-25", 9 * 60 + 30);
        let an_hour_ago = i.now - 60 * MS_PER_MINUTE;
        i.lost_borrows = vec![("b".into(), "l9".into(), "Dune".into(), an_hour_ago)];
        i.refused_meals = vec![("r9".into(), "Green bowl".into(), d("2026-11-26"), an_hour_ago, true)];
        let all = reminders(&i);
        assert_eq!(keys(&all, i.now), ["lost:l9", "refused:r9"]);
        assert_eq!(all[0].0.url(), "/books/b");
        assert_eq!(all[1].0.category(), Category::Meals);
        // A week later it is no longer news (a device that joins then).
        i.now += OUTCOME_NEWS_MS;
        assert!(reminders(&i).is_empty());
    }

    fn keys(list: &[(Reminder, Instant)], now: Instant) -> Vec<String> {
        list.iter().filter(|(_, fire)| *fire <= now).map(|(r, _)| r.key()).collect()
    }

    #[test]
    fn a_book_due_tomorrow_across_a_month_end() {
        let mut i = input("2026-11-30", 10 * 60);
        i.loans = vec![("b".into(), "l1".into(), "Dune".into(), d("2026-12-01"))];
        let all = reminders(&i);
        assert_eq!(keys(&all, i.now), ["due:l1:2026-12-01"]);
        // Tomorrow morning it is due that day: no reminder; the day after, overdue.
        assert_eq!(all.len(), 1);
        let mut later = input("2026-12-02", 8 * 60);
        later.loans = i.loans.clone();
        let all = reminders(&later);
        assert_eq!(keys(&all, later.now), Vec::<String>::new(), "before 09:00 nothing yet");
        assert_eq!(all[0].0.key(), "overdue:l1:2026-12-02");
        assert_eq!(all[0].1, d("2026-12-02").at_minute(9 * 60, 60), "scheduled for 09:00 Paris");
        assert_eq!(all[1].0.key(), "overdue:l1:2026-12-03", "and tomorrow's, once a day");
    }

    #[test]
    fn book_reminders_follow_the_offices_time_zone() {
        // 09:00 in Paris is 08:00 UTC in winter, 07:00 in summer.
        let mut winter = input("2026-01-14", 10 * 60);
        winter.loans = vec![("b".into(), "l".into(), "Dune".into(), d("2026-01-15"))];
        assert_eq!(reminders(&winter)[0].1, d("2026-01-14").at_minute(8 * 60, 0));
        let mut summer = input("2026-07-14", 10 * 60);
        summer.loans = vec![("b".into(), "l".into(), "Dune".into(), d("2026-07-15"))];
        assert_eq!(reminders(&summer)[0].1, d("2026-07-14").at_minute(7 * 60, 0));
    }

    #[test]
    fn meal_cutoff_only_when_in_without_a_reservation() {
        let mut i = input("2026-11-25", 10 * 60 + 5);
        i.checked_in = true;
        assert_eq!(keys(&reminders(&i), i.now), ["cutoff:2026-11-25"]);
        i.reserved_today = true;
        assert!(reminders(&i).is_empty());
        let mut early = input("2026-11-25", 9 * 60);
        early.checked_in = true;
        let scheduled = reminders(&early);
        assert_eq!(keys(&scheduled, early.now), Vec::<String>::new(), "at 09:00 it waits for 10:00");
        assert_eq!(scheduled[0].1, d("2026-11-25").at_minute(10 * 60, 60));
        let mut weekend = input("2026-11-28", 10 * 60);
        weekend.checked_in = true;
        assert!(reminders(&weekend).is_empty(), "not on a weekend");
        let mut late = input("2026-11-25", 10 * 60 + 30);
        late.checked_in = true;
        assert!(reminders(&late).is_empty(), "after the cutoff it is too late");
    }

    #[test]
    fn events_holds_and_announcements() {
        let mut i = input("2026-11-25", 17 * 60 + 45);
        let six_thirty = d("2026-11-25").at_minute(18 * 60 + 30, 60);
        i.going_to = vec![("a1".into(), "Game night".into(), six_thirty)];
        i.holds = vec![("b".into(), "h1".into(), "Dune".into(), i.now - 5, i.now + MS_PER_DAY)];
        i.announcements = vec![("a2".into(), i.now - 10, None), ("a3".into(), i.now + MS_PER_DAY, None), ("a4".into(), 0, Some(i.now))];
        let all = reminders(&i);
        assert_eq!(keys(&all, i.now), ["hold:h1", "event:a1", "ann:a2"]);
        assert!(all.iter().any(|(r, _)| r.key() == "ann:a3"), "a coming announcement is scheduled");
        assert!(!all.iter().any(|(r, _)| r.key() == "ann:a4"), "an expired one is not");
        assert_eq!(Reminder::EventSoon { announcement_id: "a1".into(), title: String::new(), starts_at: 0 }.url(), "/inbox/a1");
    }

    #[test]
    fn keys_are_stable_so_reminders_are_made_once() {
        let mut i = input("2026-11-30", 10 * 60);
        i.loans = vec![("b".into(), "l1".into(), "Dune".into(), d("2026-12-01"))];
        let first = reminders(&i);
        i.now += 30 * MS_PER_MINUTE;
        i.minute += 30;
        assert_eq!(reminders(&i).iter().map(|(r, _)| r.key()).collect::<Vec<_>>(), first.iter().map(|(r, _)| r.key()).collect::<Vec<_>>());
        assert_eq!(entry_id("ann", "due:l1:2026-12-01"), "ann|due:l1:2026-12-01");
    }

    fn entry(reminder: Reminder, fire_at: Instant) -> InboxEntry {
        let key = reminder.key();
        InboxEntry {
            meta: Meta::new(entry_id("ann", &key), 0, "d"),
            person_id: "ann".into(),
            url: reminder.url(),
            key,
            reminder,
            fire_at,
            notify: true,
            title: String::new(),
            body: String::new(),
            notified_at: None,
            read_at: None,
            dismissed_at: None,
        }
    }

    #[test]
    fn the_inbox_and_its_badge_leave_out_withdrawn_announcements() {
        use crate::domain::announcements::AnnouncementKind;
        let now = 10 * MS_PER_DAY;
        let announcement = |id: &str, withdrawn: bool| {
            let mut meta = Meta::new(id.into(), 0, "d");
            meta.deleted_at = withdrawn.then_some(now - 1);
            Announcement { meta, kind: AnnouncementKind::General, title: id.into(), body: String::new(), publish_at: now - 50, expires_at: None, event: None }
        };
        let hold = Reminder::HoldReady { book_id: "b".into(), hold_id: "h".into(), title: "Dune".into(), until: now + 1 };
        let entries = [
            entry(Reminder::Announcement { announcement_id: "kept".into() }, now - 50),
            entry(Reminder::Announcement { announcement_id: "gone".into() }, now - 40),
            entry(hold, now - 30),
            entry(Reminder::MealCutoff { day: d("2026-11-25"), cutoff_minute: 630 }, now + 5),
        ];
        let announcements = [announcement("kept", false), announcement("gone", true)];
        let keys: Vec<&str> = showing(&entries, &announcements, now).iter().map(|e| e.key.as_str()).collect();
        assert_eq!(keys, ["hold:h", "ann:kept"], "newest first; withdrawn and not yet due left out");
        assert_eq!(unread_count(&entries, &announcements, now), 2);
        let notify: Vec<&str> = to_notify(&entries, &announcements, now).iter().map(|e| e.key.as_str()).collect();
        assert_eq!(notify, ["hold:h", "ann:kept"], "never the withdrawn announcement");
    }

    #[test]
    fn a_notification_is_wanted_once_while_recent() {
        let now = 10 * MS_PER_DAY;
        let due = entry(Reminder::MealCutoff { day: d("2026-11-25"), cutoff_minute: 630 }, now - 5);
        assert!(due.wants_notification(now));
        assert!(!due.wants_notification(now - 6), "not before it fires");
        assert!(!due.wants_notification(now + STALE_AFTER_MS), "stale: the inbox only");
        assert!(!InboxEntry { notified_at: Some(now), ..due.clone() }.wants_notification(now), "shown already");
        assert!(!InboxEntry { notify: false, ..due }.wants_notification(now), "preferences or quiet hours");
    }

    #[test]
    fn quiet_hours_spanning_midnight() {
        assert!(in_quiet_hours(23 * 60, 22 * 60, 7 * 60));
        assert!(in_quiet_hours(3 * 60, 22 * 60, 7 * 60));
        assert!(!in_quiet_hours(7 * 60, 22 * 60, 7 * 60));
        assert!(!in_quiet_hours(12 * 60, 22 * 60, 7 * 60));
        assert!(in_quiet_hours(13 * 60, 12 * 60, 14 * 60));
        assert!(!in_quiet_hours(13 * 60, 9 * 60, 9 * 60), "equal ends: none");
        let prefs = NotifyPrefs::default();
        let nine_pm = d("2026-11-25").at_minute(21 * 60 + 30, 60);
        assert!(!prefs.notifies(Category::Books, nine_pm, &paris));
        assert!(prefs.notifies(Category::Books, nine_pm - 3 * 60 * MS_PER_MINUTE, &paris));
        let no_meals = NotifyPrefs { categories: vec![Category::Books], ..NotifyPrefs::default() };
        assert!(!no_meals.notifies(Category::Meals, nine_pm - 3 * 60 * MS_PER_MINUTE, &paris));
    }
}
