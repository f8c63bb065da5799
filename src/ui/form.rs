//! Form fields: a label, the input, and the message under it when the value
//! was refused. The input is marked invalid and points at its message, so
//! screen readers announce it.

use super::state::{tr, use_state};
use crate::domain::announcements::Announcement;
use crate::domain::books::Book;
use crate::domain::i18n::Msg;
use crate::domain::meals::MealSet;
use crate::domain::record::Meta;
use crate::domain::settings::{OfficeSettings, OFFICE_KEY};
use crate::store::{schema, StoreError};
use leptos::prelude::*;
use leptos_router::NavigateOptions;

#[component]
pub fn TextField(
    id: &'static str,
    label: Msg,
    value: RwSignal<String>,
    /// The message to show, if the value was refused.
    #[prop(optional, into)]
    error: MaybeProp<String>,
    /// The input's `type` ("text" by default).
    #[prop(default = "text")]
    kind: &'static str,
    #[prop(default = "off")]
    autocomplete: &'static str,
    #[prop(default = "text")]
    inputmode: &'static str,
    /// A several-line text area instead of an input.
    #[prop(optional)]
    multiline: bool,
) -> impl IntoView {
    let error_id = format!("{id}-error");
    let invalid = move || error.get().is_some().then_some("true");
    let control = if multiline {
        view! {
            <textarea
                id=id
                name=id
                rows="4"
                aria-invalid=invalid
                aria-describedby=error_id.clone()
                prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev))
            ></textarea>
        }
        .into_any()
    } else {
        view! {
            <input
                id=id
                name=id
                type=kind
                autocomplete=autocomplete
                inputmode=inputmode
                aria-invalid=invalid
                aria-describedby=error_id.clone()
                prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev))
            />
        }
        .into_any()
    };
    view! {
        <div class="field">
            <label for=id>{tr(label)}</label>
            {control}
            <p id=error_id class="field-error">{move || error.get()}</p>
        </div>
    }
}

/// Moves focus to the first field marked invalid, once it is rendered.
pub fn focus_first_invalid() {
    focus_when_drawn("[aria-invalid=true]");
}

/// Moves focus to the first element `selector` finds, once the next frame
/// has drawn it (an error under a field, a panel that asks a question).
pub fn focus_when_drawn(selector: &'static str) {
    request_animation_frame(move || {
        if let Ok(Some(field)) = document().query_selector(selector) {
            use wasm_bindgen::JsCast;
            if let Ok(field) = field.dyn_into::<web_sys::HtmlElement>() {
                let _ = field.focus();
            }
        }
    });
}

/// An edit form's fields, disabled until what it edits has been read: what
/// is typed first is never overwritten by the stored values, and a form
/// sent too early never becomes a new record. `missing` says, once read,
/// that there is nothing to edit at that address (and in what words), so
/// the form does not wait for it without end.
#[component]
pub fn EditFields(ready: Signal<bool>, #[prop(optional)] missing: Option<(Signal<bool>, Msg)>, children: Children) -> impl IntoView {
    view! {
        {missing.map(|(missing, words)| view! {
            <Show when=move || missing.get()>
                <p class="notice error" role="alert" data-testid="not-found">{tr(words)}</p>
            </Show>
        })}
        <fieldset class="form-fields" disabled=move || !ready.get() aria-busy=move || (!ready.get()).to_string()>
            {children()}
        </fieldset>
    }
}

/// A form's save in flight: a second submit while one runs does nothing
/// (a double click must not make two records; the button's `disabled`
/// may be drawn after the second click arrives).
#[derive(Clone, Copy)]
pub struct Saving(RwSignal<bool>);

impl Saving {
    pub fn new() -> Saving {
        Saving(RwSignal::new(false))
    }

    /// Starts a save, unless one is running or its page is gone (then
    /// `false`: do nothing).
    pub fn start(&self) -> bool {
        if self.0.try_get_untracked() != Some(false) {
            return false;
        }
        self.0.set(true);
        true
    }

    pub fn done(&self) {
        self.0.set(false);
    }

    /// Whether a save runs (for the button's `disabled`).
    pub fn active(&self) -> bool {
        self.0.get()
    }

    /// Goes on to `to` once saved, unless the user left the page while the
    /// save was written (it can wait behind a long write, a sync's): taking
    /// them back from where they went is worse than staying there.
    pub fn go_on(&self, navigate: impl Fn(&str, NavigateOptions), to: &str) {
        if self.0.try_get_untracked().is_some() {
            navigate(to, Default::default());
        }
    }
}

/// A record an admin edits in a form: what the store keeps it under.
pub trait Edited: Clone + serde::de::DeserializeOwned + 'static {
    const STORE: &'static str;
    fn meta(&self) -> &Meta;
    fn meta_mut(&mut self) -> &mut Meta;
    fn key(&self) -> String {
        self.meta().id.clone()
    }
}

/// Kinds kept under their own id, in a store of their own.
macro_rules! edited_by_id {
    ($($kind:ty => $store:expr),* $(,)?) => {$(
        impl Edited for $kind {
            const STORE: &'static str = $store;
            fn meta(&self) -> &Meta {
                &self.meta
            }
            fn meta_mut(&mut self) -> &mut Meta {
                &mut self.meta
            }
        }
    )*};
}

edited_by_id!(Book => schema::BOOKS, MealSet => schema::MEAL_SETS, Announcement => schema::ANNOUNCEMENTS);

impl Edited for OfficeSettings {
    const STORE: &'static str = schema::SETTINGS;
    fn meta(&self) -> &Meta {
        &self.meta
    }
    fn meta_mut(&mut self) -> &mut Meta {
        &mut self.meta
    }
    fn key(&self) -> String {
        OFFICE_KEY.to_owned()
    }
}

/// An edit the store refused because its record changed since the form
/// was filled ([`StoreError::Changed`]: another tab, or the office sync):
/// held until the admin chooses to see the other version or to save theirs
/// over it knowingly.
pub struct Meanwhile<T: Edited>(RwSignal<Option<T>, LocalStorage>);

impl<T: Edited> Clone for Meanwhile<T> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<T: Edited> Copy for Meanwhile<T> {}

impl<T: Edited> Meanwhile<T> {
    pub fn new() -> Self {
        Meanwhile(RwSignal::new_local(None))
    }

    /// Whether a save's error was this; then the edit waits for a choice.
    pub fn caught(&self, mine: &T, error: &StoreError) -> bool {
        let changed = *error == StoreError::Changed;
        if changed {
            self.0.set(Some(mine.clone()));
            // The question, where a keyboard or a screen reader is.
            focus_when_drawn("[data-testid=changed-meanwhile] button");
        }
        changed
    }

    /// The choice: `theirs` gets the stored version to show in the form;
    /// `save_mine` gets the held edit on top of it, to save again.
    pub fn view(self, theirs: impl Fn(T) + Clone + 'static, save_mine: impl Fn(T) + Clone + 'static) -> impl IntoView {
        let state = use_state();
        // Kept in the reactive owner: the buttons' handlers must be `Send`.
        let actions = StoredValue::new_local((theirs, save_mine));
        let choose = move |keep_mine: bool| {
            let Some(mine) = self.0.get_untracked() else { return };
            self.0.set(None);
            let (theirs, save_mine) = actions.get_value();
            leptos::task::spawn_local(async move {
                match crate::store::current::<T>(&state.db(), T::STORE, &mine.key()).await {
                    Ok(Some(stored)) if keep_mine => {
                        let mut mine = mine;
                        *mine.meta_mut() = stored.meta().rebase(mine.meta());
                        save_mine(mine);
                    }
                    Ok(Some(stored)) => theirs(stored),
                    // Gone altogether (a restore): nothing to save over.
                    Ok(None) => save_mine(mine),
                    Err(error) => state.notify_error(&error),
                }
            });
        };
        view! {
            <Show when=move || self.0.with(Option::is_some)>
                <div class="card confirm" role="alertdialog" aria-labelledby="meanwhile-title" data-testid="changed-meanwhile">
                    <p id="meanwhile-title">{tr(Msg::ChangedMeanwhile)}</p>
                    <button class="btn primary" type="button" on:click=move |_| choose(false)>{tr(Msg::ShowTheirs)}</button>
                    <button class="btn" type="button" on:click=move |_| choose(true)>{tr(Msg::KeepMine)}</button>
                </div>
            </Show>
        }
    }
}
