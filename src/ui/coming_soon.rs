//! Tabs whose feature has not landed yet say so plainly.

use super::state::tr;
use crate::domain::i18n::Msg;
use leptos::prelude::*;

#[component]
pub fn ComingSoon(title: Msg, text: Msg) -> impl IntoView {
    view! {
        <section class="coming-soon">
            <h1>{tr(title)}</h1>
            <div class="card">
                <p class="tag">{tr(Msg::ComingSoon)}</p>
                <p>{tr(text)}</p>
            </div>
        </section>
    }
}
