//! Tabs whose feature has not landed yet say so plainly.

use super::state::use_state;
use crate::domain::i18n::Msg;
use leptos::prelude::*;

#[component]
pub fn ComingSoon(title: Msg, text: Msg) -> impl IntoView {
    let state = use_state();
    view! {
        <section class="coming-soon">
            <h1>{move || state.t(title)}</h1>
            <div class="card">
                <p class="tag">{move || state.t(Msg::ComingSoon)}</p>
                <p>{move || state.t(text)}</p>
            </div>
        </section>
    }
}
