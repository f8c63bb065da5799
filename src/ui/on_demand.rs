//! Screens whose code loads on demand. Each `screens::…` function below is
//! split out of the main wasm into a chunk of its own (`tools/split-wasm.sh`
//! runs the splitter on every build); the browser fetches a chunk the first
//! time one of its screens opens, and the service worker precaches them all
//! after the first visit, so every screen still opens offline.

use super::state::tr;
use super::{access, admin_attendance, books, door, inbox, kiosk, meals, my_attendance, pass, settings};
use crate::domain::i18n::Msg;
use crate::pwa::split::split_fn;
use leptos::prelude::*;
use leptos::task::spawn_local_scoped_with_cancellation;
use leptos::wasm_split::SplitLoaderError;
use std::future::Future;
use std::pin::Pin;

/// Declares each screen's loader: `chunk: name(args) => view`. Screens that
/// go together (a list and its detail) share a chunk.
macro_rules! split_screens {
    ($($chunk:ident: $name:ident($($arg:ident: $ty:ty),*) => $view:expr;)*) => {
        $(
            split_fn!($chunk, pub fn $name($($arg: $ty),*) -> Result<AnyView, SplitLoaderError> {
                Ok($view.into_any())
            });
        )*
    };
}

pub mod screens {
    use super::*;

    split_screens! {
        kiosk: kiosk() => view! { <kiosk::KioskScreen /> };
        // The admin PIN: set it, type it, forgot it.
        admin_pin: pin_prompt() => view! { <access::PinPrompt /> };
        attendance: my_attendance() => view! { <my_attendance::MyAttendancePage /> };
        door: door() => view! { <door::DoorPage /> };
        pass: my_pass() => view! { <pass::MyPassPage /> };
        books: books() => view! { <books::catalogue::BooksPage /> };
        books: my_books() => view! { <books::mine::MyBooksPage /> };
        books: book(id: String) => view! { <books::book::BookPage id=id /> };
        meals: meals() => view! { <meals::menu::MealsPage /> };
        meals: my_meals() => view! { <meals::mine::MyMealsPage /> };
        inbox: inbox() => view! { <inbox::InboxPage /> };
        inbox: announcement(id: String) => view! { <inbox::announcement::AnnouncementPage id=id /> };
        more: more() => view! { <settings::SettingsPage /> };
        admin_announcements: announcements_admin() => view! { <inbox::announcement::AnnouncementsAdminPage /> };
        admin_announcements: compose(id: Option<String>) => view! { <inbox::compose::ComposePage id=id /> };
        admin_attendance: attendance_review() => view! { <admin_attendance::AdminAttendancePage /> };
        admin_books: books_admin() => view! { <books::admin::AdminBooksPage /> };
        admin_books: book_editor(id: Option<String>) => view! { <books::editor::BookEditor id=id /> };
        admin_books: book_import() => view! { <books::import::ImportPage /> };
        admin_meals: meals_admin() => view! { <meals::admin::AdminMealsPage /> };
        admin_meals: meal_editor(id: Option<String>) => view! { <meals::editor::MealEditor id=id /> };
        admin_door: door_code() => view! { <door::DoorCodePage /> };
        admin_people: people_admin() => view! { <pass::PeopleAdminPage /> };
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Chunk {
    Loading,
    Ready,
    Failed,
}

/// A screen's code on its way: the future [`on_demand`] waits for.
type ScreenLoad = Pin<Box<dyn Future<Output = Result<AnyView, SplitLoaderError>>>>;

/// The screen `load` brings, once its code is here: "Loading…" until then
/// (a chunk is a few KB from the cache, so this rarely shows); when the
/// code cannot be fetched (offline before the service worker kept it), a
/// notice that the screen needs a connection once, with a retry.
pub fn on_demand<F>(load: impl Fn() -> F + 'static) -> AnyView
where
    F: Future<Output = Result<AnyView, SplitLoaderError>> + 'static,
{
    // The body is compiled once, not once per screen: a copy for each of
    // the 23 screens cost the main module 23 KB of wasm (4.1 KB brotli),
    // every device's first load. Each screen adds only this boxing.
    screen_when_loaded(Box::new(move || Box::pin(load()) as ScreenLoad))
}

fn screen_when_loaded(load: Box<dyn Fn() -> ScreenLoad>) -> AnyView {
    let status = RwSignal::new(Chunk::Loading);
    let screen = StoredValue::new_local(None::<AnyView>);
    // The screen's owner, not the retry button's (which a new status
    // disposes): the load is cancelled only if the person leaves.
    let owner = Owner::current().unwrap_or_default();
    let fetch = StoredValue::new_local(move || {
        status.set(Chunk::Loading);
        let loading = load();
        owner.with(|| spawn_local_scoped_with_cancellation(async move {
            match loading.await {
                Ok(view) => {
                    screen.set_value(Some(view));
                    status.set(Chunk::Ready);
                }
                Err(_) => status.set(Chunk::Failed),
            }
        }));
    });
    let start = move || fetch.with_value(|fetch| fetch());
    start();
    (move || match status.get() {
        Chunk::Loading => view! { <p class="muted" role="status">{tr(Msg::Loading)}</p> }.into_any(),
        // Taken once: the status changes to Ready only once per load.
        Chunk::Ready => screen.try_update_value(Option::take).flatten().unwrap_or_else(|| ().into_any()),
        Chunk::Failed => view! {
            <div class="notice error" role="alert" data-testid="needs-connection">
                <p>{tr(Msg::ScreenNeedsConnection)}</p>
                <button type="button" class="button" on:click=move |_| start()>{tr(Msg::TryAgain)}</button>
            </div>
        }
        .into_any(),
    })
    .into_any()
}
