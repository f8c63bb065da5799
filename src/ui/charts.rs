//! The attendance charts: a daily headcount bar chart and a weekday-by-week
//! heatmap. Plain SVG and HTML, each with a text equivalent.

use crate::domain::attendance::OfficeCalendar;
use crate::domain::date::Weekday;
use crate::domain::i18n::{fill, label_value, Lang, Msg};
use crate::domain::stats::{heatmap, DayCount};
use crate::pwa::intl::{self, Style};
use leptos::prelude::*;

const BAR_WIDTH: u32 = 10;
const CHART_HEIGHT: u32 = 120;

/// Bars of people in the office per day; closed days are drawn faint.
pub fn headcount_chart(counts: &[DayCount], calendar: &OfficeCalendar, lang: Lang) -> impl IntoView + use<> {
    let max = counts.iter().map(|c| c.count).max().unwrap_or(0).max(1);
    let width = counts.len() as u32 * BAR_WIDTH;
    let bars = counts
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let height = (c.count * CHART_HEIGHT / max).max(1);
            let label = label_value(lang, &intl::day(c.day, Style::DayShort, lang), &c.count.to_string());
            view! {
                <rect
                    class:closed=!calendar.is_working_day(c.day)
                    x=(i as u32 * BAR_WIDTH + 1).to_string()
                    y=(CHART_HEIGHT - height).to_string()
                    width=(BAR_WIDTH - 2).to_string()
                    height=height.to_string()
                >
                    <title>{label}</title>
                </rect>
            }
        })
        .collect_view();
    let working: Vec<u32> = counts.iter().filter(|c| calendar.is_working_day(c.day)).map(|c| c.count).collect();
    let average = if working.is_empty() { 0 } else { working.iter().sum::<u32>() / working.len() as u32 };
    let summary = fill(
        Msg::ChartSummary.text(lang),
        &[("days", &counts.len().to_string()), ("avg", &average.to_string()), ("max", &max.to_string())],
    );
    let first = counts.first().map(|c| intl::day(c.day, Style::DayShort, lang)).unwrap_or_default();
    let last = counts.last().map(|c| intl::day(c.day, Style::DayShort, lang)).unwrap_or_default();
    view! {
        <figure class="chart">
            <svg
                viewBox=format!("0 0 {width} {CHART_HEIGHT}")
                preserveAspectRatio="none"
                role="img"
                aria-label=summary.clone()
                data-testid="headcount-chart"
            >
                {bars}
            </svg>
            <div class="axis"><span>{first}</span><span>{max}" max"</span><span>{last}</span></div>
            <figcaption class="muted small">{summary}</figcaption>
        </figure>
    }
}

/// Weeks as columns, Monday to Friday as rows; a cell's shade is its share
/// of the busiest day.
pub fn heatmap_table(counts: &[DayCount], calendar: &OfficeCalendar, lang: Lang) -> impl IntoView + use<> {
    let map = heatmap(counts);
    let max = map.max.max(1);
    let headers = map
        .weeks
        .iter()
        .map(|monday| {
            let title = fill(Msg::WeekOf.text(lang), &[("date", &intl::day(*monday, Style::DayShort, lang))]);
            view! { <th scope="col" title=title>{monday.day()}</th> }
        })
        .collect_view();
    let rows = Weekday::ALL[..5]
        .iter()
        .map(|weekday| {
            let cells = map
                .cells
                .iter()
                .map(|week| match week[weekday.index()] {
                    None => view! { <td class="empty"></td> }.into_any(),
                    Some(cell) => {
                        let day = intl::day(cell.day, Style::DayShort, lang);
                        let closed = !calendar.is_working_day(cell.day);
                        // A closed day nobody came in on says so, not "0".
                        if closed && cell.count == 0 {
                            let title = label_value(lang, &day, Msg::LegendHoliday.text(lang));
                            return view! { <td class="closed" title=title></td> }.into_any();
                        }
                        let level = cell.count * 100 / max;
                        let title = label_value(lang, &day, &cell.count.to_string());
                        view! {
                            <td class:closed=closed style:--level=level.to_string() title=title>
                                {cell.count}
                            </td>
                        }
                        .into_any()
                    }
                })
                .collect_view();
            let name = map.weeks.first().map(|m| intl::day(m.add_days(weekday.index() as i32), Style::Weekday, lang));
            view! { <tr><th scope="row">{name}</th>{cells}</tr> }
        })
        .collect_view();
    view! {
        <div class="heatmap-wrap">
            <table class="heatmap" data-testid="heatmap">
                <thead><tr><th></th>{headers}</tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}
