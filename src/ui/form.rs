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
    #[prop(into)]
    error: Signal<Option<String>>,
    /// The input's `type` ("text" by default).
    #[prop(default = "text")]
    kind: &'static str,
    #[prop(default = "off")]
    autocomplete: &'static str,
    #[prop(default = "text")]
    inputmode: &'static str,
) -> impl IntoView {
    let error_id = format!("{id}-error");
    view! {
        <div class="field">
            <label for=id>{tr(label)}</label>
            <input
                id=id
                name=id
                type=kind
                autocomplete=autocomplete
                inputmode=inputmode
                aria-invalid=move || error.with(Option::is_some).then_some("true")
                aria-describedby=error_id.clone()
                prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev))
            />
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
