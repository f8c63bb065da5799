//! Form fields: a label, the input, and the message under it when the value
//! was refused. The input is marked invalid and points at its message, so
//! screen readers announce it.

use super::state::tr;
use crate::domain::i18n::Msg;
use leptos::prelude::*;

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
    request_animation_frame(|| {
        if let Ok(Some(field)) = document().query_selector("[aria-invalid=true]") {
            use wasm_bindgen::JsCast;
            if let Ok(field) = field.dyn_into::<web_sys::HtmlElement>() {
                let _ = field.focus();
            }
        }
    });
}

/// An edit form's fields, disabled until what it edits has been read: what
/// is typed first is never overwritten by the stored values, and a form
/// sent too early never becomes a new record.
#[component]
pub fn EditFields(ready: Signal<bool>, children: Children) -> impl IntoView {
    view! {
        <fieldset class="form-fields" disabled=move || !ready.get() aria-busy=move || (!ready.get()).to_string()>
            {children()}
        </fieldset>
    }
}
