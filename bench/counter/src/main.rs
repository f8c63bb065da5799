//! The smallest Leptos CSR app that paints something and reacts to a tap:
//! what a first paint costs in Leptos itself, for the bench to compare with.
use leptos::prelude::*;

fn main() {
    mount_to_body(|| {
        let count = RwSignal::new(0);
        view! {
            <main>
                <h1>"Counter"</h1>
                <button on:click=move |_| *count.write() += 1>"Count: " {count}</button>
            </main>
        }
    });
}
