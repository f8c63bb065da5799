//! More: who I am, language, appearance, admin view, storage, version.

use super::load::{load, use_people};
use super::state::{tr, use_state};
use super::form::{focus_first_invalid, Meanwhile, Saving, TextField};
use crate::domain::i18n::{bytes, field_error, Lang, Msg};
use crate::domain::settings::{DeviceSettings, OfficeErrors, OfficeForm, OfficeSettings, Theme};
use crate::domain::text::FieldError;
use crate::domain::date::{hhmm, parse_hhmm};
use crate::domain::reminders::{Category, NotifyPrefs};
use crate::pwa::notifications::{self, Permission};
use crate::pwa::{service_worker, storage};
use crate::store;
use leptos::prelude::*;

/// The admin's office settings: name and capacity.
#[component]
fn OfficeCard() -> impl IntoView {
    let state = use_state();
    // The version the form shows: a save goes over it and no other.
    let shown = StoredValue::new_local(state.office.get_untracked());
    let current = shown.get_value().map(|o| OfficeForm::of(&o)).unwrap_or_default();
    let name = RwSignal::new(current.name);
    let capacity = RwSignal::new(current.capacity);
    let loan_days = RwSignal::new(current.loan_days);
    let max_loans = RwSignal::new(current.max_loans);
    let hold_days = RwSignal::new(current.hold_days);
    let cutoff = RwSignal::new(current.cutoff);
    let meals_per_day = RwSignal::new(current.meals_per_day);
    let errors = RwSignal::new(OfficeErrors::default());
    let saving = Saving::new();
    let message = move |pick: fn(&OfficeErrors) -> Option<FieldError>| {
        Signal::derive(move || errors.with(pick).map(|e| field_error(e, state.lang())))
    };
    let meanwhile = Meanwhile::<OfficeSettings>::new();
    let fill = move |office: OfficeSettings| {
        let form = OfficeForm::of(&office);
        name.set(form.name);
        capacity.set(form.capacity);
        loan_days.set(form.loan_days);
        max_loans.set(form.max_loans);
        hold_days.set(form.hold_days);
        cutoff.set(form.cutoff);
        meals_per_day.set(form.meals_per_day);
        shown.set_value(Some(office));
    };
    let store_it = move |changed: OfficeSettings| {
        if !saving.start() {
            return;
        }
        leptos::task::spawn_local(async move {
            match store::settings::save_office(&state.db(), &state.author(), &changed).await {
                Ok(saved) => {
                    shown.set_value(Some(saved.clone()));
                    state.office.set(Some(saved));
                    state.notify(state.t(Msg::Saved).to_owned());
                }
                Err(error) if meanwhile.caught(&changed, &error) => {}
                Err(error) => state.notify_error(&error),
            }
            saving.done();
        });
    };
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(office) = shown.get_value() else { return };
        let form = OfficeForm {
            name: name.get_untracked(),
            capacity: capacity.get_untracked(),
            loan_days: loan_days.get_untracked(),
            max_loans: max_loans.get_untracked(),
            hold_days: hold_days.get_untracked(),
            cutoff: cutoff.get_untracked(),
            meals_per_day: meals_per_day.get_untracked(),
        };
        match form.apply(&office) {
            Err(found) => {
                errors.set(found);
                focus_first_invalid();
            }
            Ok(changed) => {
                errors.set(OfficeErrors::default());
                store_it(changed);
            }
        }
    };
    view! {
        <form class="card" on:submit=save novalidate data-testid="office-form">
            <h2>{tr(Msg::Office)}</h2>
            <TextField id="office-name" label=Msg::OfficeName value=name error=message(|e| e.name) />
            <TextField id="office-capacity" label=Msg::Capacity value=capacity error=message(|e| e.capacity) inputmode="numeric" />
            <div class="field-row three">
                <TextField id="office-loan-days" label=Msg::LoanDays value=loan_days error=message(|e| e.loan_days) inputmode="numeric" />
                <TextField id="office-max-loans" label=Msg::MaxLoans value=max_loans error=message(|e| e.max_loans) inputmode="numeric" />
                <TextField id="office-hold-days" label=Msg::HoldDays value=hold_days error=message(|e| e.hold_days) inputmode="numeric" />
            </div>
            <div class="field-row">
                <TextField id="office-cutoff" label=Msg::MealCutoff value=cutoff error=message(|e| e.cutoff) />
                <TextField id="office-meals-per-day" label=Msg::MealsPerDay value=meals_per_day error=message(|e| e.meals_per_day) inputmode="numeric" />
            </div>
            <button class="btn" type="submit">{tr(Msg::SaveOffice)}</button>
            {meanwhile.view(fill, store_it)}
        </form>
    }
}

/// Notifications: the browser's permission (asked only on the user's tap),
/// categories, quiet hours.
#[component]
fn NotificationsCard() -> impl IntoView {
    let state = use_state();
    let permission = RwSignal::new(notifications::permission());
    let turn_on = move |_| {
        leptos::task::spawn_local(async move {
            permission.set(notifications::request_permission().await);
            crate::ui::inbox::deliver(state);
        });
    };
    let prefs = move || state.device.with(|d| d.notify.clone());
    let save_prefs = move |change: Box<dyn Fn(&mut NotifyPrefs)>, done: Option<Msg>| {
        state.change_device_then(move |d| change(&mut d.notify), done);
    };
    let (quiet_from, quiet_to) = (RwSignal::new(hhmm(prefs().quiet_start)), RwSignal::new(hhmm(prefs().quiet_end)));
    // Kept as facts, worded as drawn: a language switched meanwhile words them anew.
    let (from_refused, to_refused) = (RwSignal::new(None::<FieldError>), RwSignal::new(None::<FieldError>));
    let worded = move |refused: RwSignal<Option<FieldError>>| Signal::derive(move || refused.get().map(|e| field_error(e, state.lang())));
    let (from_error, to_error) = (worded(from_refused), worded(to_refused));
    let save_quiet = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let (start, end) = (parse_hhmm(&quiet_from.get_untracked()), parse_hhmm(&quiet_to.get_untracked()));
        from_refused.set(start.is_none().then_some(FieldError::NotATime));
        to_refused.set(end.is_none().then_some(FieldError::NotATime));
        match (start, end) {
            (Some(start), Some(end)) => {
                save_prefs(Box::new(move |p| (p.quiet_start, p.quiet_end) = (start, end)), Some(Msg::Saved));
            }
            _ => focus_first_invalid(),
        }
    };
    let category = move |category: Category, label: Msg| {
        view! {
            <label class="check">
                <input
                    type="checkbox"
                    prop:checked=move || prefs().categories.contains(&category)
                    on:change=move |ev| {
                        let on = event_target_checked(&ev);
                        save_prefs(Box::new(move |p| {
                            p.categories.retain(|c| *c != category);
                            if on {
                                p.categories.push(category);
                            }
                        }), None);
                    }
                />
                {tr(label)}
            </label>
        }
    };
    view! {
        <div class="card" data-testid="notifications">
            <h2>{tr(Msg::Notifications)}</h2>
            <p class="muted" data-testid="notification-state">
                {move || state.t(match permission.get() {
                    Permission::Granted => Msg::NotificationsOn,
                    Permission::Ask => Msg::NotificationsAsk,
                    Permission::Denied => Msg::NotificationsBlocked,
                    Permission::Unsupported => Msg::NotificationsUnsupported,
                })}
            </p>
            <Show when=move || permission.get() == Permission::Ask>
                <button class="btn primary" on:click=turn_on>{tr(Msg::TurnOnNotifications)}</button>
            </Show>
            <div class="checks">
                {category(Category::Books, Msg::CategoryBooks)}
                {category(Category::Meals, Msg::CategoryMeals)}
                {category(Category::Events, Msg::CategoryEvents)}
                {category(Category::Announcements, Msg::Announcements)}
            </div>
            <form novalidate on:submit=save_quiet>
                <div class="field-row">
                    <TextField id="quiet-from" label=Msg::QuietFrom value=quiet_from error=from_error kind="time" />
                    <TextField id="quiet-to" label=Msg::QuietTo value=quiet_to error=to_error kind="time" />
                </div>
                <button class="btn" type="submit">{tr(Msg::SaveQuietHours)}</button>
            </form>
        </div>
    }
}

#[component]
pub fn SettingsPage() -> impl IntoView {
    let state = use_state();
    let update = move |change: Box<dyn Fn(&mut DeviceSettings)>| state.change_device(move |d| change(d));

    let people = use_people();
    let is_demo = move || state.office.with(|o| o.as_ref().is_some_and(|o| o.demo));
    let me = move || {
        let id = state.person_id()?;
        people.with(|p| p.as_ref()?.iter().find(|p| p.meta.id == id).cloned())
    };

    // Asked again after a write and after a persist request.
    let asked = RwSignal::new(0);
    let storage_info = load(move || {
        state.track(&crate::domain::doc::Kind::ALL.map(|k| k.name()));
        asked.track();
        async move { (storage::estimate().await, storage::is_persisted().await) }
    });
    let persist = move |_| {
        leptos::task::spawn_local(async move {
            if !storage::persist().await {
                state.show_error(state.t(Msg::PersistRefused).to_owned());
            }
            asked.update(|n| *n += 1);
        });
    };

    view! {
        <section class="settings">
            <h1>{tr(Msg::Settings)}</h1>

            <div class="card">
                <h2>{tr(Msg::YouAre)}</h2>
                <p class="big-name" data-testid="me">
                    {move || me().map(|p| {
                        let team = state.office.with(|o| o.as_ref().map(|o| o.team_name(&p.team_id)).unwrap_or_default());
                        view! { {p.name}<small>{team}</small> }
                    })}
                </p>
                <Show when=is_demo>
                    <div class="field">
                        <label for="switch-person">{tr(Msg::SwitchPerson)}</label>
                        <select
                            id="switch-person"
                            prop:value=move || state.person_id().unwrap_or_default()
                            on:change=move |ev| {
                                let id = event_target_value(&ev);
                                update(Box::new(move |d| d.person_id = Some(id.clone())));
                            }
                        >
                            {move || people.with(|p| {
                                let mut list = p.clone().unwrap_or_default();
                                list.sort_unstable_by_key(|p| (crate::domain::text::fold(&p.name), p.meta.id.clone()));
                                // `selected` on the option itself: the select's value is set
                                // before its options exist, and would not stick.
                                let me = state.person_id();
                                list.into_iter().map(|p| {
                                    let selected = me.as_deref() == Some(p.meta.id.as_str());
                                    view! { <option value=p.meta.id selected=selected>{p.name}</option> }
                                }).collect_view()
                            })}
                        </select>
                    </div>
                </Show>
                <p><a href="/attendance">{tr(Msg::MyAttendance)}</a></p>
            </div>

            <div class="card">
                <div class="field">
                    <label for="language">{tr(Msg::Language)}</label>
                    <select
                        id="language"
                        data-testid="language"
                        prop:value=move || state.lang().tag()
                        on:change=move |ev| {
                            let lang = if event_target_value(&ev) == "fr" { Lang::Fr } else { Lang::En };
                            update(Box::new(move |d| d.lang = lang));
                        }
                    >
                        {Lang::ALL.map(|l| view! { <option value=l.tag()>{l.native_name()}</option> })}
                    </select>
                </div>
                <fieldset class="field">
                    <legend>{tr(Msg::Theme)}</legend>
                    <div class="segmented">
                        {[(Theme::System, Msg::ThemeSystem), (Theme::Light, Msg::ThemeLight), (Theme::Dark, Msg::ThemeDark)].map(|(theme, label)| view! {
                            <button
                                aria-pressed=move || (state.device.with(|d| d.theme) == theme).to_string()
                                on:click=move |_| update(Box::new(move |d| d.theme = theme))
                            >
                                {tr(label)}
                            </button>
                        })}
                    </div>
                </fieldset>
            </div>

            <Show when=move || state.may_admin()>
                <super::access::AdminCard />
            </Show>

            <super::office::OfficeCard />

            <super::backup::BackupCard />

            <NotificationsCard />

            <Show when=move || state.admin_view() && state.office.with(Option::is_some)>
                <OfficeCard />
            </Show>

            <div class="card">
                <h2>{tr(Msg::Storage)}</h2>
                {move || storage_info.get().map(|(estimate, persisted)| view! {
                    <p>
                        {match estimate {
                            Some((used, quota)) => state.tf(Msg::StorageUsage, &[("used", &bytes(used as u64, state.lang())), ("quota", &bytes(quota as u64, state.lang()))]),
                            None => state.t(Msg::StorageUnknown).to_owned(),
                        }}
                    </p>
                    <p class="muted">{state.t(if persisted { Msg::StoragePersisted } else { Msg::StorageNotPersisted })}</p>
                    {(!persisted).then(|| view! {
                        <button class="btn" on:click=persist>{state.t(Msg::PersistStorage)}</button>
                    })}
                })}
            </div>

            <p class="muted small about">
                {move || state.tf(Msg::AboutVersion, &[("version", env!("CARGO_PKG_VERSION"))])}
                {move || service_worker::is_controlled().then(|| format!(" · {}", state.t(Msg::OfflineReady)))}
            </p>
        </section>
    }
}
