//! Reading the store into the view.

use super::state::use_state;
use crate::domain::people::Person;
use crate::store::schema::PEOPLE;
use crate::store::StoreResult;
use leptos::prelude::*;
use std::cell::Cell;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;

/// What a screen shows of a store read: `None` until the first answer.
pub type Loaded<T> = ReadSignal<Option<T>, LocalStorage>;

type Apply = Box<dyn FnOnce()>;
type Run = Box<dyn Fn() -> Pin<Box<dyn Future<Output = Apply>>>>;

/// Runs `fetch` now, and again whenever a signal it reads changes (the data
/// revision, the person, the day); its latest answer lands in the returned
/// signal. An answer to an older run never overwrites a newer one.
///
/// Leptos's `LocalResource` does the same, but its async machinery is
/// compiled anew for every use (6–8 KB of wasm each). Here the effect and
/// the bookkeeping are compiled once; each use adds only its own future.
pub fn load<T: 'static, F: Future<Output = T> + 'static>(fetch: impl Fn() -> F + 'static) -> Loaded<T> {
    let (value, set_value) = signal_local(None);
    watch(Box::new(move || {
        let answer = fetch();
        Box::pin(async move {
            let answer = answer.await;
            Box::new(move || set_value.set(Some(answer))) as Apply
        })
    }));
    value
}

fn watch(run: Run) {
    let latest = Rc::new(Cell::new(0u64));
    Effect::new(move |_| {
        let answer = run();
        let this_run = latest.get() + 1;
        latest.set(this_run);
        let latest = latest.clone();
        leptos::task::spawn_local(async move {
            let apply = answer.await;
            if latest.get() == this_run {
                apply();
            }
        });
    });
}

/// [`load`] for a read of the store: a failed read keeps what the screen
/// showed (or its "Loading"), and the app says so with a retry
/// ([`AppState::read_failed`](super::state::AppState::read_failed)).
pub fn load_stored<T: 'static, F: Future<Output = StoreResult<T>> + 'static>(fetch: impl Fn() -> F + 'static) -> Loaded<T> {
    let state = use_state();
    let (value, set_value) = signal_local(None);
    watch(Box::new(move || {
        let answer = fetch();
        Box::pin(async move {
            match answer.await {
                Ok(answer) => Box::new(move || set_value.set(Some(answer))) as Apply,
                Err(error) => Box::new(move || state.read_failed(&error)) as Apply,
            }
        })
    }));
    value
}

/// Everyone in the office (the retired too), reloaded when people change.
pub fn use_people() -> Loaded<Vec<Person>> {
    let state = use_state();
    load_stored(move || {
        state.track(&[PEOPLE]);
        let db = state.db();
        async move { crate::store::people::all_people(&db).await }
    })
}
