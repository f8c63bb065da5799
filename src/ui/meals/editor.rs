//! The admin adds, edits and retires meal sets.

use super::use_meals;
use crate::domain::date::Weekday;
use crate::domain::i18n::{field_error, Msg};
use crate::domain::meals::{MealField, MealForm, MealSet};
use crate::pwa::intl::{self, Style};
use crate::store::meals::{add_meal, save_meal};
use crate::ui::form::{focus_first_invalid, EditFields, Meanwhile, Saving, TextField};
use crate::ui::state::{tr, use_state};
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

/// Adds a meal set (`id` None) or edits one.
#[component]
pub fn MealEditor(id: Option<String>) -> impl IntoView {
    let state = use_state();
    let meals = use_meals(move || (state.today(), state.today()));
    let navigate = use_navigate();
    let blank = MealForm { price: "3.50".into(), daily_stock: "12".into(), days_offered: crate::domain::meals::working_week(), ..MealForm::default() };
    let (name, description, price) = (RwSignal::new(blank.name), RwSignal::new(blank.description), RwSignal::new(blank.price));
    let (diets, allergens, stock) = (RwSignal::new(blank.diets), RwSignal::new(blank.allergens), RwSignal::new(blank.daily_stock));
    let days = RwSignal::new(blank.days_offered);
    let errors: RwSignal<Vec<(MealField, crate::domain::text::FieldError)>> = RwSignal::new(Vec::new());
    let editing: RwSignal<Option<MealSet>, LocalStorage> = RwSignal::new_local(None);

    let meanwhile = Meanwhile::<MealSet>::new();
    let fill = move |meal: &MealSet| {
        let form = MealForm::of(meal);
        name.set(form.name);
        description.set(form.description);
        price.set(form.price);
        diets.set(form.diets);
        allergens.set(form.allergens);
        stock.set(form.daily_stock);
        days.set(form.days_offered);
        editing.set(Some(meal.clone()));
    };
    let wanted = id.clone();
    Effect::new(move |filled: Option<bool>| {
        if filled == Some(true) {
            return true;
        }
        let Some(id) = wanted.as_deref() else { return true };
        meals.with(|m| match m.as_ref().and_then(|m| m.meal(id)) {
            Some(meal) => {
                fill(meal);
                true
            }
            None => false,
        })
    });

    let saving = Saving::new();
    let store_meal = move |meal: Option<MealSet>, fields: Option<crate::domain::meals::MealFields>, message: Msg| {
        let navigate = navigate.clone();
        if !saving.start() {
            return;
        }
        leptos::task::spawn_local(async move {
            let (db, author) = (state.db(), state.author());
            let saved = match (&meal, fields) {
                (Some(meal), _) => save_meal(&db, &author, meal).await.map(|_| ()),
                (None, Some(fields)) => add_meal(&db, &author, fields).await.map(|_| ()),
                (None, None) => Ok(()),
            };
            match saved {
                Ok(()) => {
                    state.notify(state.t(message).to_owned());
                    saving.go_on(navigate, "/admin/meals");
                }
                Err(error) if meal.as_ref().is_some_and(|meal| meanwhile.caught(meal, &error)) => {}
                Err(error) => state.notify_error(&error),
            }
            saving.done();
        });
    };
    let submit = {
        let store_meal = store_meal.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            let form = MealForm {
                name: name.get_untracked(),
                description: description.get_untracked(),
                price: price.get_untracked(),
                diets: diets.get_untracked(),
                allergens: allergens.get_untracked(),
                daily_stock: stock.get_untracked(),
                days_offered: days.get_untracked(),
            };
            match form.validate() {
                Err(found) => {
                    errors.set(found);
                    focus_first_invalid();
                }
                Ok(fields) => {
                    errors.set(Vec::new());
                    match editing.get_untracked() {
                        Some(meal) => store_meal(Some(fields.into_meal(meal.meta)), None, Msg::Saved),
                        None => store_meal(None, Some(fields), Msg::Saved),
                    }
                }
            }
        }
    };
    let save_mine = {
        let store_meal = store_meal.clone();
        move |meal: MealSet| {
            let message = if meal.meta.is_live() { Msg::Saved } else { Msg::MealRetired };
            store_meal(Some(meal), None, message);
        }
    };
    let retire = move |_| {
        let Some(mut meal) = editing.get_untracked() else { return };
        if window().confirm_with_message(state.t(Msg::ConfirmRetireMeal)).unwrap_or(false) {
            meal.meta.deleted_at = Some(state.author().now);
            store_meal(Some(meal), None, Msg::MealRetired);
        }
    };
    let message = move |field: MealField| {
        Signal::derive(move || errors.with(|e| e.iter().find(|(f, _)| *f == field).map(|(_, err)| field_error(*err, state.lang()))))
    };
    let days_error = message(MealField::DaysOffered);
    // Any Monday names the weekdays in the user's language.
    let monday = state.today().week_start();

    let is_new = id.is_none();
    let ready = Signal::derive(move || is_new || editing.with(Option::is_some));
    let missing = Signal::derive(move || {
        id.as_deref().is_some_and(|id| meals.with(|m| m.as_ref().is_some_and(|m| m.meal(id).is_none())))
    });
    view! {
        <section class="editor">
            <a class="back" href="/admin/meals">{tr(Msg::ManageMenu)}</a>
            <h1>{tr(if is_new { Msg::AddMealSet } else { Msg::EditMealSet })}</h1>
            <form class="card" on:submit=submit novalidate data-testid="meal-form">
                <EditFields ready=ready missing=(missing, Msg::NoSuchMeal)>
                <TextField id="meal-name" label=Msg::Name value=name error=message(MealField::Name) />
                <TextField id="meal-description" label=Msg::Description value=description error=message(MealField::Description) multiline=true />
                <TextField id="meal-price" label=Msg::Price value=price error=message(MealField::Price) inputmode="decimal" />
                <TextField id="meal-diets" label=Msg::Diets value=diets error=message(MealField::Diets) />
                <TextField id="meal-allergens" label=Msg::AllergensLabel value=allergens error=message(MealField::Allergens) />
                <TextField id="meal-stock" label=Msg::DailyStock value=stock error=message(MealField::DailyStock) inputmode="numeric" />
                <fieldset class="field" aria-describedby="meal-days-error">
                    <legend>{tr(Msg::DaysOffered)}</legend>
                    <div class="weekdays">
                        {Weekday::ALL.map(|wd| view! {
                            <label class="chip">
                                <input
                                    type="checkbox"
                                    prop:checked=move || days.with(|d| d.contains(&wd))
                                    on:change=move |ev| {
                                        let on = event_target_checked(&ev);
                                        days.update(|d| if on { d.push(wd) } else { d.retain(|x| *x != wd) });
                                    }
                                />
                                {move || intl::day(monday.add_days(wd.index() as i32), Style::Weekday, state.lang())}
                            </label>
                        })}
                    </div>
                    <p id="meal-days-error" class="field-error">{move || days_error.get()}</p>
                </fieldset>
                <button class="btn primary wide" type="submit">{tr(Msg::Save)}</button>
                </EditFields>
            </form>
            {meanwhile.view(move |theirs| fill(&theirs), save_mine)}
            <Show when=move || editing.with(Option::is_some)>
                <button class="btn danger" on:click=retire.clone() data-testid="retire-meal">{tr(Msg::Retire)}</button>
            </Show>
        </section>
    }
}
