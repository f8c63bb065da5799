//! One announcement: its text, a team event's time, place and RSVPs; for
//! the admin, who is going, and the list of all announcements.

use super::deliver;
use crate::domain::announcements::{answers, may_answer, AnnouncementKind, AnnouncementState, AnswerRefusal, EventDetails};
use crate::domain::i18n::Msg;
use crate::domain::reminders::{entry_id, Reminder};
use crate::pwa::intl::{self, Style};
use crate::store;
use crate::store::inbox::AnswerError;
use crate::ui::load::load_stored;
use crate::ui::state::{tr, use_state, AppState};
use crate::store::schema::{ANNOUNCEMENTS, PEOPLE, RSVPS};
use leptos::prelude::*;

pub fn kind_label(kind: AnnouncementKind) -> Msg {
    match kind {
        AnnouncementKind::ColdWeather => Msg::KindColdWeather,
        AnnouncementKind::TeamEvent => Msg::KindTeamEvent,
        AnnouncementKind::Holiday => Msg::KindHoliday,
        AnnouncementKind::General => Msg::KindGeneral,
    }
}

/// The admin's word for an announcement not showing now.
fn state_label(now: AnnouncementState) -> Option<Msg> {
    match now {
        AnnouncementState::Withdrawn => Some(Msg::WithdrawnState),
        AnnouncementState::Scheduled => Some(Msg::Scheduled),
        AnnouncementState::Expired => Some(Msg::Expired),
        AnnouncementState::Showing => None,
    }
}

fn moment(state: AppState, at: i64) -> String {
    state.tf(
        Msg::EventAt,
        &[("day", &intl::day(state.zone().date_of(at), Style::DayLong, state.lang())), ("time", &state.time(at))],
    )
}

#[component]
pub fn AnnouncementPage(id: String) -> impl IntoView {
    let state = use_state();
    let wanted = id.clone();
    let data = load_stored(move || {
        state.track(&[ANNOUNCEMENTS, RSVPS, PEOPLE]);
        let (db, id, me) = (state.db(), wanted.clone(), state.person_id().unwrap_or_default());
        async move {
            let Some(announcement) = store::inbox::announcement(&db, &id).await? else { return Ok(None) };
            let rsvps = store::inbox::rsvps(&db, &id).await?;
            let people = store::people::all_people(&db).await?;
            // Opening it reads it (a write only the first time).
            let entry = entry_id(&me, &Reminder::Announcement { announcement_id: id }.key());
            if store::inbox::update(&db, &state.author(), &[entry], false).await == Ok(true) {
                deliver(state);
            }
            let answers = announcement.event.as_ref().map(|event| answers(event, &rsvps)).unwrap_or_default();
            Ok(Some((announcement, answers, people)))
        }
    });
    let busy = RwSignal::new(false);
    let answer = move |going: bool| {
        let (id, me) = (id.clone(), state.person_id().unwrap_or_default());
        busy.set(true);
        leptos::task::spawn_local(async move {
            match store::inbox::answer(&state.db(), &state.author(), &id, &me, going).await {
                Ok(()) => {}
                Err(AnswerError::Refused(AnswerRefusal::Closed)) => state.show_error(state.t(Msg::AnswersClosed).to_owned()),
                Err(AnswerError::Refused(AnswerRefusal::NotAnEvent)) => state.show_error(state.t(Msg::AnnouncementGone).to_owned()),
                Err(AnswerError::Store(error)) => state.notify_error(&error),
            }
            busy.set(false);
        });
    };
    // What the clock changes here (shown or not, answers open or closed),
    // as a memo: the page is drawn again when that changes, not at every
    // tick of the clock, which would take the focus off its buttons.
    let at_this_time = Memo::new(move |_| {
        let now = state.now.get();
        data.with(|d| match d {
            Some(Some((a, _, _))) => (a.is_showing(now), may_answer(a, now)),
            _ => (false, Err(AnswerRefusal::NotAnEvent)),
        })
    });
    move || {
        let (showing, answerable) = at_this_time.get();
        // Withdrawn or expired: gone for employees, still there for the admin.
        let hidden = !showing && !state.admin_view();
        data.with(|d| match d {
            None => view! { <p class="muted" aria-busy="true">{state.t(Msg::Loading)}</p> }.into_any(),
            Some(Some((a, answers, people))) if !hidden => {
                let me = state.person_id().unwrap_or_default();
                let mine = answers.get(&me).copied();
                let going = answers.values().filter(|g| **g).count();
                let admin = state.admin_view();
                let answer = answer.clone();
                let attendees = admin.then(|| {
                    let mut names: Vec<String> = answers
                        .iter()
                        .filter(|(_, g)| **g)
                        .filter_map(|(p, _)| people.iter().find(|x| &x.meta.id == p).map(|x| x.name.clone()))
                        .collect();
                    names.sort();
                    view! {
                        <h2>{state.t(Msg::Attendees)}</h2>
                        <ul class="history" data-testid="attendees">{names.into_iter().map(|n| view! { <li>{n}</li> }).collect_view()}</ul>
                    }
                });
                let event = a.event.clone().map(|event| {
                    let (yes, no) = (answer.clone(), answer.clone());
                    let open = answerable.is_ok();
                    view! {
                        <div class="card event">
                            <p><strong>{moment(state, event.starts_at)}</strong></p>
                            {(!event.place.is_empty()).then(|| view! { <p>{state.tf(Msg::Where, &[("place", &event.place)])}</p> })}
                            <div class="segmented" role="group">
                                <button aria-pressed=(mine == Some(true)).to_string() disabled=move || busy.get() || !open on:click=move |_| yes(true)>
                                    {state.t(Msg::Going)}
                                </button>
                                <button aria-pressed=(mine == Some(false)).to_string() disabled=move || busy.get() || !open on:click=move |_| no(false)>
                                    {state.t(Msg::NotGoing)}
                                </button>
                            </div>
                            {(answerable == Err(AnswerRefusal::Closed)).then(|| view! { <p class="muted" data-testid="answers-closed">{state.t(Msg::AnswersClosed)}</p> })}
                            <p class="muted" data-testid="going-count">{state.count(going, Msg::GoingCountOne, Msg::GoingCount, &[])}</p>
                            {attendees}
                        </div>
                    }
                });
                view! {
                    <section class="announcement">
                        <a class="back" href="/inbox">{state.t(Msg::Inbox)}</a>
                        <p class="tag">{state.t(kind_label(a.kind))}</p>
                        <h1>{a.title.clone()}</h1>
                        <p class="muted small">{moment(state, a.publish_at)}</p>
                        <p class="body">{a.body.clone()}</p>
                        {event}
                        {admin.then(|| view! {
                            <p><a class="btn" href=format!("/admin/announcements/{}/edit", a.meta.id)>{state.t(Msg::EditAnnouncement)}</a></p>
                        })}
                    </section>
                }
                .into_any()
            }
            Some(_) => {
                view! { <section><a class="back" href="/inbox">{state.t(Msg::Inbox)}</a><p>{state.t(Msg::AnnouncementGone)}</p></section> }.into_any()
            }
        })
    }
}

/// Every announcement, newest first, for the admin: when it shows, its
/// state, and for an event how many are going.
#[component]
pub fn AnnouncementsAdminPage() -> impl IntoView {
    let state = use_state();
    let data = load_stored(move || {
        state.track(&[ANNOUNCEMENTS, RSVPS]);
        let db = state.db();
        async move {
            let mut list = store::inbox::announcements(&db).await?;
            list.sort_by_key(|a| std::cmp::Reverse(a.publish_at));
            let rsvps = store::inbox::all_rsvps(&db).await?;
            let going = |id: &str, event: &EventDetails| {
                answers(event, rsvps.iter().filter(|r| r.announcement_id == id)).values().filter(|g| **g).count()
            };
            Ok(list.into_iter().map(|a| {
                let going = a.event.as_ref().map(|event| going(&a.meta.id, event));
                (a, going)
            }).collect::<Vec<_>>())
        }
    });
    view! {
        <section class="announcements-admin">
            <a class="back" href="/inbox">{tr(Msg::Inbox)}</a>
            <h1>{tr(Msg::Announcements)}</h1>
            <p><a class="btn primary" href="/admin/announcements/new">{tr(Msg::PublishAnnouncement)}</a></p>
            {move || data.with(|d| d.as_ref().map(|rows| {
                if rows.is_empty() {
                    return view! { <p class="muted card">{state.t(Msg::NoAnnouncements)}</p> }.into_any();
                }
                let items = rows.iter().map(|(a, going)| {
                    let details = [
                        Some(state.t(kind_label(a.kind)).to_owned()),
                        Some(moment(state, a.publish_at)),
                        state_label(a.state(state.now.get())).map(|s| state.t(s).to_owned()),
                        going.map(|n| state.count(n, Msg::GoingCountOne, Msg::GoingCount, &[])),
                    ];
                    view! {
                        <li class:withdrawn=!a.meta.is_live()>
                            <a href=format!("/inbox/{}", a.meta.id)>{a.title.clone()}</a>
                            <small class="muted">{details.into_iter().flatten().collect::<Vec<_>>().join(" · ")}</small>
                        </li>
                    }
                });
                view! { <div class="card"><ul class="history stacked" data-testid="announcements">{items.collect_view()}</ul></div> }.into_any()
            }))}
        </section>
    }
}
