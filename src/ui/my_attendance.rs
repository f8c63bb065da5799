//! My attendance: a month calendar of my days in the office, this month's
//! count, and my streak.

use super::icons;
use super::load::{load_stored, Loaded};
use super::state::{tr, use_state, AppState};
use crate::domain::attendance::{month_weeks, streak, visits, OfficeCalendar, Visit};
use crate::domain::date::{Date, Weekday};
use crate::domain::i18n::{label_value, Msg};
use crate::pwa::intl::{self, Style};
use crate::store;
use crate::store::schema::CHECKINS;
use leptos::prelude::*;
use std::collections::BTreeSet;

/// This device's person's whole attendance, and the office calendar.
#[derive(Clone, Default)]
pub struct MyAttendance {
    visits: Vec<Visit>,
    days: BTreeSet<Date>,
    calendar: OfficeCalendar,
}

impl MyAttendance {
    pub fn visit_on(&self, day: Date) -> Option<Visit> {
        self.visits.iter().find(|v| v.day == day).cloned()
    }

    pub fn is_present(&self, day: Date) -> bool {
        self.days.contains(&day)
    }

    pub fn days_in_month(&self, any_day: Date) -> usize {
        self.days.range(any_day.first_of_month()..=any_day.last_of_month()).count()
    }

    pub fn streak(&self, today: Date) -> u32 {
        streak(&self.days, &self.calendar, today)
    }
}

/// Reads my events (all of them: a person has a few hundred a year) and
/// reloads when data or the person changes.
pub fn use_my_attendance() -> Loaded<MyAttendance> {
    let state = use_state();
    load_stored(move || {
        let (db, person) = (state.db(), state.person_id().unwrap_or_default());
        let calendar = state.office.with(|o| o.as_ref().map(|o| o.calendar()).unwrap_or_default());
        let until = state.today().add_days(1);
        state.track(&[CHECKINS]);
        async move {
            // All of them, whatever their date: a device whose clock was
            // set before 1970 kept such check-ins before the store refused
            // writes from a clock outside 2000-2099 (`Db::write_as`).
            let since = Date::from_ymd(1, 1, 1).unwrap_or(until);
            let events = store::attendance::person_events(&db, &person, since, until).await?;
            let visits = visits(&events);
            let days = visits.iter().map(|v| v.day).collect();
            Ok(MyAttendance { visits, days, calendar })
        }
    })
}

/// This month's count and the current streak: on Today and My attendance.
pub fn attendance_stats(state: AppState, mine: &MyAttendance) -> impl IntoView + use<> {
    let today = state.today();
    view! {
        <dl class="stats">
            <div>
                <dt>{state.t(Msg::DaysThisMonth)}</dt>
                <dd data-testid="month-count">{mine.days_in_month(today)}</dd>
            </div>
            <div>
                <dt>{state.t(Msg::CurrentStreak)}</dt>
                <dd data-testid="streak">
                    {state.count(mine.streak(today) as usize, Msg::StreakDaysOne, Msg::StreakDays, &[])}
                </dd>
            </div>
        </dl>
    }
}

#[component]
pub fn MyAttendancePage() -> impl IntoView {
    let state = use_state();
    let mine = use_my_attendance();
    let month = RwSignal::new(state.today().first_of_month());
    let is_current_month = move || month.get() >= state.today().first_of_month();

    view! {
        <section class="my-attendance">
            <h1>{tr(Msg::MyAttendance)}</h1>
            <div class="card">{move || mine.with(|m| m.as_ref().map(|m| attendance_stats(state, m)))}</div>
            <div class="card calendar-card">
                <div class="month-nav">
                    <button class="icon-btn" aria-label=tr(Msg::PreviousMonth) on:click=move |_| month.update(|m| *m = m.add_months(-1))>
                        {icons::chevron_left()}
                    </button>
                    <h2 aria-live="polite">{move || intl::day(month.get(), Style::Month, state.lang())}</h2>
                    <button
                        class="icon-btn"
                        aria-label=tr(Msg::NextMonth)
                        disabled=is_current_month
                        on:click=move |_| month.update(|m| *m = m.add_months(1))
                    >
                        {icons::chevron_right()}
                    </button>
                </div>
                {move || mine.with(|m| m.as_ref().map(|m| month_table(state, m, month.get())))}
                <p class="muted" data-testid="month-total">
                    {move || mine.with(|m| m.as_ref().map(|m| {
                        state.count(m.days_in_month(month.get()), Msg::DaysInMonthOne, Msg::DaysInMonth, &[])
                    }))}
                </p>
                <ul class="legend">
                    <li><span class="swatch present"></span>{tr(Msg::LegendPresent)}</li>
                    <li><span class="swatch holiday"></span>{tr(Msg::LegendHoliday)}</li>
                </ul>
            </div>
        </section>
    }
}

fn month_table(state: AppState, mine: &MyAttendance, month: Date) -> impl IntoView + use<> {
    let lang = state.lang();
    let today = state.today();
    // Any Monday serves for the weekday names.
    let monday = month.week_start();
    let headers = Weekday::ALL.iter().map(|wd| {
        view! { <th scope="col">{intl::day(monday.add_days(wd.index() as i32), Style::Weekday, lang)}</th> }
    });
    let rows = month_weeks(month).into_iter().map(|week| {
        let cells = week.into_iter().map(|day| match day {
            None => view! { <td></td> }.into_any(),
            Some(day) => {
                let present = mine.is_present(day);
                let closed = day.weekday().is_weekend() || mine.calendar.is_holiday(day);
                let mut label = intl::day(day, Style::DayShort, lang);
                if present {
                    label = label_value(lang, &label, state.t(Msg::LegendPresent));
                } else if mine.calendar.is_holiday(day) {
                    label = label_value(lang, &label, state.t(Msg::LegendHoliday));
                }
                view! {
                    <td
                        class:present=present
                        class:closed=closed
                        class:holiday=mine.calendar.is_holiday(day)
                        class:today=day == today
                        aria-current=(day == today).then_some("date")
                    >
                        <span aria-label=label>{day.day()}</span>
                    </td>
                }
                .into_any()
            }
        });
        view! { <tr>{cells.collect_view()}</tr> }
    });
    view! {
        <table class="month">
            <thead><tr>{headers.collect_view()}</tr></thead>
            <tbody>{rows.collect_view()}</tbody>
        </table>
    }
}
