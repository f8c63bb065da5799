//! The inbox: reminders computed on the device and the office's
//! announcements, delivered to the inbox always and as notifications when
//! allowed; the Inbox tab.

pub mod announcement;
pub mod compose;

use super::load::load_stored;
use super::state::{tr, use_state, AppState};
use crate::domain::announcements::{events_going, Announcement};
use crate::domain::attendance::CheckKind;
use crate::domain::i18n::Msg;
use crate::domain::library::{book_shelf, group_by_book};
use crate::domain::record::Meta;
use crate::domain::reminders::{entry_id, reminders, showing, to_notify, unread_count, InboxEntry, Reminder, ReminderInput};
use crate::domain::reservations::{reservations, Limits, MealRefusal, Reservation, Status};
use crate::pwa::intl::{self, Style};
use crate::pwa::notifications::{self, Permission};
use crate::pwa::split::split_fn;
use crate::pwa::tasks;
use crate::store::{self, StoreResult};
use crate::store::schema::{ANNOUNCEMENTS, INBOX};
use futures::future::LocalBoxFuture;
use leptos::prelude::*;
use leptos::wasm_split::SplitLoaderError;
use leptos_router::hooks::use_navigate;
use std::cell::Cell;

/// A reminder's words in the current language: (title, body).
pub fn words(state: AppState, reminder: &Reminder, announcements: &[Announcement]) -> (String, String) {
    let lang = state.lang();
    let zone = state.zone();
    let day = |d| intl::day(d, Style::DayMonth, lang);
    let moment = |at| format!("{} {}", intl::day(zone.date_of(at), Style::DayShort, lang), state.time(at));
    match reminder {
        Reminder::BookDueTomorrow { title, .. } => (state.t(Msg::DueTomorrowTitle).into(), state.tf(Msg::DueTomorrowBody, &[("title", title)])),
        Reminder::BookOverdue { title, due, .. } => {
            (state.t(Msg::OverdueTitle).into(), state.tf(Msg::OverdueBody, &[("title", title), ("date", &day(*due))]))
        }
        Reminder::HoldReady { title, until, .. } => {
            (state.t(Msg::HoldReadyTitle).into(), state.tf(Msg::HoldReadyBody, &[("title", title), ("time", &moment(*until))]))
        }
        Reminder::MealCutoff { cutoff_minute, .. } => (
            state.tf(Msg::CutoffTitle, &[("time", &crate::domain::date::hhmm(*cutoff_minute))]),
            state.t(Msg::CutoffBody).into(),
        ),
        Reminder::EventSoon { title, starts_at, .. } => {
            (state.t(Msg::EventSoonTitle).into(), state.tf(Msg::EventSoonBody, &[("title", title), ("time", &state.time(*starts_at))]))
        }
        Reminder::Announcement { announcement_id } => {
            let found = announcements.iter().find(|a| &a.meta.id == announcement_id);
            let body: String = found.map(|a| a.body.chars().take(160).collect()).unwrap_or_default();
            (found.map(|a| a.title.clone()).unwrap_or_default(), body)
        }
        Reminder::BorrowLost { title, .. } => (state.t(Msg::BorrowLostTitle).into(), state.tf(Msg::BorrowLostBody, &[("title", title)])),
        Reminder::MealRefused { meal, day: on, sold_out, .. } => (
            state.t(Msg::MealRefusedTitle).into(),
            state.tf(if *sold_out { Msg::MealSoldOutBody } else { Msg::MealAlreadyBody }, &[("meal", meal), ("day", &day(*on))]),
        ),
    }
}

thread_local! {
    /// One delivery at a time: timers, tabs becoming visible and data
    /// changes may all ask at once.
    static DELIVERING: Cell<bool> = const { Cell::new(false) };
    /// Asked again while one ran: its data (or its person) may be stale,
    /// so it runs once more rather than dropping the request.
    static ASKED_AGAIN: Cell<bool> = const { Cell::new(false) };
}

/// Computes this person's reminders now, brings the inbox up to date, shows
/// what is newly due as notifications (when allowed) and sets the badges.
/// Runs at start, when the app becomes visible, on a timer and after data
/// changes; each reminder is made once, whatever the number of runs. Its
/// code loads on demand, after the first screen; when it cannot be fetched
/// the next run (a minute later at most) tries again.
pub fn deliver(state: AppState) {
    // Nobody's reminders on a device nobody uses yet (its code not fetched).
    if state.person_id().is_none() {
        return;
    }
    if DELIVERING.replace(true) {
        ASKED_AGAIN.set(true);
        return;
    }
    leptos::task::spawn_local(async move {
        tasks::after_start().await;
        loop {
            ASKED_AGAIN.set(false);
            match delivery(state).await {
                Ok(delivering) => {
                    if let Err(error) = delivering.await {
                        web_sys::console::warn_1(&format!("reminders not delivered: {error}").into());
                    }
                }
                Err(_) => web_sys::console::warn_1(&"reminders not delivered: their code could not be fetched".into()),
            }
            if !ASKED_AGAIN.get() {
                break;
            }
        }
        DELIVERING.set(false);
    });
}

split_fn!(reminders, fn delivery(state: AppState) -> Result<LocalBoxFuture<'static, StoreResult<()>>, SplitLoaderError> {
    Ok(Box::pin(deliver_now(state)))
});

async fn deliver_now(state: AppState) -> StoreResult<()> {
    let Some(me) = state.person_id() else { return Ok(()) };
    let db = state.db();
    let author = state.author();
    let now = author.now;
    let zone = state.zone();
    let (today, minute) = (zone.date_of(now), zone.minute_of_day(now));
    let office = state.office_settings_untracked();

    let library = store::books::library_of(&db, &me).await?;
    let utc_offset = |day| zone.offset_on(day);
    let hold_until = office.hold_until(&utc_offset);
    let grouped = group_by_book(&library.loans, &library.holds);
    let (mut loans, mut holds, mut lost_borrows) = (Vec::new(), Vec::new(), Vec::new());
    for book in &library.books {
        let Some((l, h)) = grouped.get(book.meta.id.as_str()) else { continue };
        let shelf = book_shelf(book, l, h, &hold_until, now);
        if let Some(loan) = shelf.loan_of(&me) {
            loans.push((book.meta.id.clone(), loan.loan_id.clone(), book.title.clone(), loan.due));
        }
        if let Some(hold) = shelf.hold_of(&me) {
            holds.push((book.meta.id.clone(), hold.hold_id.clone(), book.title.clone(), hold.since, hold.until));
        }
        for lost in shelf.lost.iter().filter(|l| l.person_id == me) {
            lost_borrows.push((book.meta.id.clone(), lost.loan_id.clone(), book.title.clone(), lost.at));
        }
    }
    let checked_in = store::attendance::person_events(&db, &me, today, today)
        .await?
        .iter()
        .any(|e| e.kind == CheckKind::In && e.meta.is_live());
    let menu = store::meals::menu(&db).await?;
    let mine: Vec<Reservation> = reservations(&store::meals::reservations_on_days_of(&db, &me).await?, &Limits::new(&menu, &office.meal_rules()))
        .into_iter()
        .filter(|r| r.person_id == me)
        .collect();
    let reserved_today = mine.iter().any(|r| r.day == today && r.holds_a_set());
    let refused_meals = mine
        .iter()
        .filter_map(|r| match r.status {
            Status::Refused(why) => {
                let meal = menu.iter().find(|m| m.meta.id == r.meal_set_id).map(|m| m.name.clone()).unwrap_or_default();
                Some((r.id.clone(), meal, r.day, r.reserved_at, why == MealRefusal::SoldOut))
            }
            _ => None,
        })
        .collect();
    let announcements: Vec<Announcement> = store::inbox::announcements(&db).await?.into_iter().filter(|a| a.meta.is_live()).collect();
    let going_to = events_going(&announcements, &store::inbox::rsvps_of(&db, &me).await?);

    let input = ReminderInput {
        now,
        today,
        minute,
        utc_offset: &utc_offset,
        working_day: office.calendar().is_working_day(today),
        loans,
        holds,
        checked_in,
        reserved_today,
        cutoff_minute: office.cutoff_minute,
        going_to,
        announcements: announcements.iter().map(|a| (a.meta.id.clone(), a.publish_at, a.expires_at)).collect(),
        lost_borrows,
        refused_meals,
    };
    let prefs = state.device.with_untracked(|d| d.notify.clone());
    let wanted: Vec<InboxEntry> = reminders(&input)
        .into_iter()
        .map(|(reminder, fire_at)| {
            let key = reminder.key();
            let (title, body) = words(state, &reminder, &announcements);
            InboxEntry {
                meta: Meta::new(entry_id(&me, &key), now, &author.device_id),
                person_id: me.clone(),
                notify: prefs.notifies(reminder.category(), fire_at, &utc_offset),
                url: reminder.url(),
                key,
                reminder,
                fire_at,
                title,
                body,
                notified_at: None,
                read_at: None,
                dismissed_at: None,
            }
        })
        .collect();
    let entries = store::inbox::sync(&db, &author, &me, wanted).await?;
    if notifications::permission() == Permission::Granted {
        let mut shown = Vec::new();
        for entry in to_notify(&entries, &announcements, now) {
            // One not shown (refused, no service worker) is left for the next run.
            match notifications::show(&entry.title, &entry.body, &entry.key, &entry.url).await {
                Ok(()) => shown.push(entry.meta.id.clone()),
                Err(error) => web_sys::console::warn_2(&"notification not shown".into(), &error),
            }
        }
        store::inbox::mark_notified(&db, &author, &shown).await?;
    }
    let unread = unread_count(&entries, &announcements, now);
    state.unread.set(unread);
    notifications::set_app_badge(unread);
    Ok(())
}

#[component]
pub fn InboxPage() -> impl IntoView {
    let state = use_state();
    let navigate = use_navigate();
    let data = load_stored(move || {
        state.track(&[INBOX, ANNOUNCEMENTS]);
        state.now.track();
        let (db, me) = (state.db(), state.person_id().unwrap_or_default());
        async move {
            let entries = store::inbox::entries(&db, &me).await?;
            let announcements = store::inbox::announcements(&db).await?;
            Ok((entries, announcements))
        }
    });
    let visible = move || {
        // The ticking clock re-runs this; the moment itself is read now, so
        // a note made a second ago (as the badge counts it) shows too.
        state.now.track();
        let now = intl::now();
        data.with(|d| {
            d.as_ref().map(|(entries, announcements)| {
                (showing(entries, announcements, now).into_iter().cloned().collect::<Vec<_>>(), announcements.clone())
            })
        })
    };
    let update = move |entries: Vec<InboxEntry>, dismiss: bool| {
        let ids: Vec<String> = entries.into_iter().map(|e| e.meta.id).collect();
        leptos::task::spawn_local(async move {
            if let Err(error) = store::inbox::update(&state.db(), &state.author(), &ids, dismiss).await {
                state.notify_error(&error);
            }
            deliver(state);
        });
    };
    let open = move |entry: InboxEntry| {
        let url = entry.url.clone();
        if entry.read_at.is_none() {
            update(vec![entry], false);
        }
        navigate(&url, Default::default());
    };

    view! {
        <section class="inbox">
            <div class="page-head">
                <h1>{tr(Msg::Inbox)}</h1>
                <button class="btn small" on:click=move |_| {
                    let unread: Vec<InboxEntry> = visible().map(|(l, _)| l).unwrap_or_default().into_iter().filter(|e| e.read_at.is_none()).collect();
                    if !unread.is_empty() { update(unread, false) }
                }>{tr(Msg::MarkAllRead)}</button>
            </div>
            <Show when=move || state.admin_view()>
                <p><a href="/admin/announcements">{tr(Msg::Announcements)}</a></p>
            </Show>
            {move || visible().map(|(list, announcements)| {
                if list.is_empty() {
                    return view! { <p class="muted card">{state.t(Msg::InboxEmpty)}</p> }.into_any();
                }
                let open = open.clone();
                view! {
                    <ul class="inbox-list" data-testid="inbox">
                        {list.into_iter().map(|entry| {
                            let (title, body) = words(state, &entry.reminder, &announcements);
                            let unread = entry.read_at.is_none();
                            let when = format!("{} {}", intl::day(state.zone().date_of(entry.fire_at), Style::DayMonth, state.lang()), state.time(entry.fire_at));
                            let (to_open, to_dismiss, open) = (entry.clone(), entry, open.clone());
                            view! {
                                <li class="card inbox-item" class:unread=unread>
                                    <button class="inbox-open" on:click=move |_| open(to_open.clone())>
                                        {unread.then(|| view! { <span class="dot" title=state.t(Msg::Unread)></span> })}
                                        <strong>{title}</strong>
                                        <span class="muted small">{when}</span>
                                        <span class="body">{body}</span>
                                    </button>
                                    <button class="icon-btn" aria-label=state.t(Msg::DismissItem) on:click=move |_| update(vec![to_dismiss.clone()], true)>
                                        {super::icons::close()}
                                    </button>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }
                .into_any()
            })}
        </section>
    }
}
