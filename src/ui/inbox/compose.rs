//! The admin composes an announcement from a template, edits or withdraws
//! one.

use crate::domain::announcements::{Announcement, AnnouncementError, AnnouncementField, AnnouncementForm, AnnouncementKind};
use crate::domain::date::{hhmm, Date};
use crate::domain::i18n::{field_error, Msg};
use crate::store;
use crate::store::schema::ANNOUNCEMENTS;
use crate::ui::form::{focus_first_invalid, EditFields, Meanwhile, Saving, TextField};
use crate::ui::load::load_stored;
use crate::ui::state::{tr, use_state, AppState};
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

use super::announcement::kind_label;

/// The form's fields, one signal each.
#[derive(Clone, Copy)]
struct Fields {
    kind: RwSignal<Option<AnnouncementKind>>,
    title: RwSignal<String>,
    body: RwSignal<String>,
    publish_day: RwSignal<String>,
    publish_time: RwSignal<String>,
    expires_day: RwSignal<String>,
    expires_time: RwSignal<String>,
    event_day: RwSignal<String>,
    event_time: RwSignal<String>,
    place: RwSignal<String>,
}

impl Fields {
    fn form(&self) -> AnnouncementForm {
        AnnouncementForm {
            kind: self.kind.get_untracked(),
            title: self.title.get_untracked(),
            body: self.body.get_untracked(),
            publish_day: self.publish_day.get_untracked(),
            publish_time: self.publish_time.get_untracked(),
            expires_day: self.expires_day.get_untracked(),
            expires_time: self.expires_time.get_untracked(),
            event_day: self.event_day.get_untracked(),
            event_time: self.event_time.get_untracked(),
            place: self.place.get_untracked(),
        }
    }

    /// A template: words in the admin's language and sensible times.
    fn apply_template(&self, state: AppState, kind: AnnouncementKind, today: Date) {
        let (title, body, expires, event) = match kind {
            AnnouncementKind::ColdWeather => (Msg::TemplateColdTitle, Msg::TemplateColdBody, Some(today.add_days(1)), None),
            AnnouncementKind::TeamEvent => (Msg::TemplateEventTitle, Msg::TemplateEventBody, Some(today.add_days(8)), Some(today.add_days(7))),
            AnnouncementKind::Holiday => (Msg::TemplateHolidayTitle, Msg::TemplateHolidayBody, Some(today.add_days(14)), None),
            AnnouncementKind::General => {
                self.kind.set(Some(kind));
                return;
            }
        };
        self.kind.set(Some(kind));
        self.title.set(state.t(title).to_owned());
        self.body.set(state.t(body).to_owned());
        self.expires_day.set(expires.map(|d| d.to_string()).unwrap_or_default());
        self.expires_time.set("12:00".into());
        self.event_day.set(event.map(|d| d.to_string()).unwrap_or_default());
        self.event_time.set("18:30".into());
    }

    fn fill(&self, state: AppState, a: &Announcement) {
        let zone = state.zone();
        let split = |at| (zone.date_of(at).to_string(), hhmm(zone.minute_of_day(at)));
        self.kind.set(Some(a.kind));
        self.title.set(a.title.clone());
        self.body.set(a.body.clone());
        let (day, time) = split(a.publish_at);
        self.publish_day.set(day);
        self.publish_time.set(time);
        // Every field from `a`, the empty ones too: filled over the
        // person's own edit ("see their version"), a field `a` leaves
        // empty must not keep what the person had typed.
        let (day, time) = a.expires_at.map(split).unwrap_or_default();
        self.expires_day.set(day);
        self.expires_time.set(time);
        let ((day, time), place) =
            a.event.as_ref().map(|e| (split(e.starts_at), e.place.clone())).unwrap_or_default();
        self.event_day.set(day);
        self.event_time.set(time);
        self.place.set(place);
    }
}

/// Publishes a new announcement (`id` None) or edits one.
#[component]
pub fn ComposePage(id: Option<String>) -> impl IntoView {
    let state = use_state();
    let navigate = use_navigate();
    let now = state.author().now;
    let zone = state.zone();
    let text = |s: String| RwSignal::new(s);
    let fields = Fields {
        kind: RwSignal::new(None),
        title: text(String::new()),
        body: text(String::new()),
        publish_day: text(zone.date_of(now).to_string()),
        publish_time: text(hhmm(zone.minute_of_day(now))),
        expires_day: text(String::new()),
        expires_time: text(String::new()),
        event_day: text(String::new()),
        event_time: text(String::new()),
        place: text(String::new()),
    };
    let errors: RwSignal<Vec<(AnnouncementField, AnnouncementError)>> = RwSignal::new(Vec::new());
    let editing: RwSignal<Option<Announcement>, LocalStorage> = RwSignal::new_local(None);
    let wanted = id.clone();
    let existing = load_stored(move || {
        // Tracked: a retry after a failed read reads it again.
        state.track(&[ANNOUNCEMENTS]);
        let (db, id) = (state.db(), wanted.clone());
        async move {
            let Some(id) = id else { return Ok(None) };
            store::inbox::announcement(&db, &id).await
        }
    });
    let meanwhile = Meanwhile::<Announcement>::new();
    let fill = move |a: Announcement| {
        fields.fill(state, &a);
        editing.set(Some(a));
    };
    Effect::new(move |_| {
        if let (Some(Some(a)), true) = (existing.get(), editing.with_untracked(Option::is_none)) {
            fill(a);
        }
    });

    let saving = Saving::new();
    let finish = move |message: Msg, to: String| {
        state.notify(state.t(message).to_owned());
        saving.go_on(navigate.clone(), &to);
    };
    let store_it = move |announcement: Announcement, is_new: bool, message: Msg| {
        let finish = finish.clone();
        if !saving.start() {
            return;
        }
        leptos::task::spawn_local(async move {
            match store::inbox::save_announcement(&state.db(), &state.author(), &announcement, is_new).await {
                Ok(()) => {
                    super::deliver(state);
                    let to = if announcement.meta.is_live() { format!("/inbox/{}", announcement.meta.id) } else { "/admin/announcements".into() };
                    finish(message, to);
                }
                Err(error) if !is_new && meanwhile.caught(&announcement, &error) => {}
                Err(error) => state.notify_error(&error),
            }
            saving.done();
        });
    };
    let save_mine = {
        let store_it = store_it.clone();
        move |a: Announcement| {
            let message = if a.meta.is_live() { Msg::Saved } else { Msg::Withdrawn };
            store_it(a, false, message);
        }
    };
    let submit = {
        let store_it = store_it.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            let zone = state.zone();
            let instant = |day: Date, minute| day.at_minute(minute, zone.offset_on(day));
            let stored_event = editing.with_untracked(|a| a.as_ref().and_then(|a| a.event.as_ref()).map(|e| e.starts_at));
            match fields.form().validate(&instant, state.author().now, stored_event) {
                Err(found) => {
                    errors.set(found);
                    focus_first_invalid();
                }
                Ok(valid) => {
                    errors.set(Vec::new());
                    match editing.get_untracked() {
                        Some(old) => store_it(valid.into_announcement(old.meta), false, Msg::Saved),
                        None => store_it(valid.into_announcement(state.author().new_meta()), true, Msg::Published),
                    }
                }
            }
        }
    };
    let withdraw = move |_| {
        let Some(mut a) = editing.get_untracked() else { return };
        if window().confirm_with_message(state.t(Msg::ConfirmWithdraw)).unwrap_or(false) {
            a.meta.deleted_at = Some(state.author().now);
            store_it(a, false, Msg::Withdrawn);
        }
    };
    let message = move |field: AnnouncementField| {
        Signal::derive(move || {
            errors.with(|e| {
                e.iter().find(|(f, _)| *f == field).map(|(_, err)| match err {
                    AnnouncementError::Field(e) => field_error(*e, state.lang()),
                    AnnouncementError::ExpiresBeforePublish => state.t(Msg::ErrExpiresBeforePublish).to_owned(),
                    AnnouncementError::EventInThePast => state.t(Msg::ErrEventInThePast).to_owned(),
                })
            })
        })
    };
    let is_event = move || fields.kind.get() == Some(AnnouncementKind::TeamEvent);
    let kind_error = message(AnnouncementField::Kind);

    let is_new = id.is_none();
    let ready = Signal::derive(move || is_new || editing.with(Option::is_some));
    let missing = Signal::derive(move || !is_new && existing.with(|e| matches!(e, Some(None))));
    view! {
        <section class="editor">
            <a class="back" href="/admin/announcements">{tr(Msg::Announcements)}</a>
            <h1>{tr(if is_new { Msg::PublishAnnouncement } else { Msg::EditAnnouncement })}</h1>
            <form class="card" on:submit=submit novalidate data-testid="compose">
                <EditFields ready=ready missing=(missing, Msg::AnnouncementGone)>
                <div class="field">
                    <label for="announcement-kind">{tr(Msg::Template)}</label>
                    <select
                        id="announcement-kind"
                        aria-invalid=move || kind_error.with(Option::is_some).then_some("true")
                        aria-describedby="announcement-kind-error"
                        prop:value=move || fields.kind.get().map(kind_value).unwrap_or_default()
                        on:change=move |ev| {
                            if let Some(kind) = kind_of(&event_target_value(&ev)) {
                                if editing.with_untracked(Option::is_none) {
                                    fields.apply_template(state, kind, state.today());
                                } else {
                                    fields.kind.set(Some(kind));
                                }
                            }
                        }
                    >
                        <option value="">{tr(Msg::ChooseTemplate)}</option>
                        {AnnouncementKind::ALL.map(|k| view! { <option value=kind_value(k)>{tr(kind_label(k))}</option> })}
                    </select>
                    <p id="announcement-kind-error" class="field-error">{move || kind_error.get()}</p>
                </div>
                <TextField id="announcement-title" label=Msg::Title value=fields.title error=message(AnnouncementField::Title) />
                <TextField id="announcement-body" label=Msg::AnnouncementBody value=fields.body error=message(AnnouncementField::Body) multiline=true />
                <div class="field-row">
                    <TextField id="publish-day" label=Msg::PublishDay value=fields.publish_day error=message(AnnouncementField::Publish) kind="date" />
                    <TextField id="publish-time" label=Msg::PublishTime value=fields.publish_time kind="time" />
                </div>
                <div class="field-row">
                    <TextField id="expires-day" label=Msg::ExpiresDay value=fields.expires_day error=message(AnnouncementField::Expires) kind="date" />
                    <TextField id="expires-time" label=Msg::ExpiresTime value=fields.expires_time kind="time" />
                </div>
                <Show when=is_event>
                    <div class="field-row">
                        <TextField id="event-day" label=Msg::EventDay value=fields.event_day error=message(AnnouncementField::Event) kind="date" />
                        <TextField id="event-time" label=Msg::EventTime value=fields.event_time kind="time" />
                    </div>
                    <TextField id="event-place" label=Msg::Place value=fields.place error=message(AnnouncementField::Place) />
                </Show>
                <button class="btn primary wide" type="submit">{tr(if is_new { Msg::Publish } else { Msg::Save })}</button>
                </EditFields>
            </form>
            {meanwhile.view(fill, save_mine)}
            <Show when=move || editing.with(|a| a.as_ref().is_some_and(|a| a.meta.is_live()))>
                <button class="btn danger" on:click=withdraw.clone() data-testid="withdraw">{tr(Msg::Withdraw)}</button>
            </Show>
        </section>
    }
}

fn kind_value(kind: AnnouncementKind) -> &'static str {
    match kind {
        AnnouncementKind::ColdWeather => "cold_weather",
        AnnouncementKind::TeamEvent => "team_event",
        AnnouncementKind::Holiday => "holiday",
        AnnouncementKind::General => "general",
    }
}

fn kind_of(value: &str) -> Option<AnnouncementKind> {
    AnnouncementKind::ALL.into_iter().find(|k| kind_value(*k) == value)
}
