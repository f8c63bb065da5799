//! The Leptos app: start-up, the shell (header, banners, tab bar) and the
//! routes to each screen.

mod access;
mod admin_attendance;
mod backup;
mod books;
mod charts;
mod door;
mod form;
mod icons;
mod inbox;
mod kiosk;
mod load;
mod meals;
mod my_attendance;
mod office;
mod on_demand;
mod pass;
mod qr;
mod settings;
pub mod state;
mod today;
mod welcome;

use crate::domain::i18n::{Lang, Msg};
use crate::domain::settings::{DeviceSettings, OfficeSettings, Theme};
use crate::pwa::{channel::DataChannel, device, intl, online, service_worker, splash, storage};
use crate::store::schema::{ANNOUNCEMENTS, BOOKS, CHECKINS, HOLDS, LOANS, MEAL_SETS, RESERVATIONS, RSVPS};
use crate::store::{self, schema, Db, StoreError};
use leptos::prelude::*;
use leptos_router::components::{Redirect, Route, Router, Routes};
use leptos_router::hooks::use_location;
use leptos_router::path;
use on_demand::{on_demand, screens};
use state::{tr, use_state, AppState};
use std::rc::Rc;
use std::time::Duration;

/// Mounts the app on the page (called by `main`).
pub fn start() {
    crate::pwa::crash::install();
    leptos::mount::mount_to_body(App);
}

#[derive(Clone)]
struct Boot {
    db: Db,
    device: DeviceSettings,
    office: Option<OfficeSettings>,
    /// The database was empty on a device that kept data: the browser
    /// evicted it.
    vanished: bool,
}

/// Opens the database and reads the settings; makes this device's settings
/// on the very first run.
async fn boot() -> Result<Boot, StoreError> {
    let db = Db::open(schema::DB_NAME).await?;
    let (device, office) = store::settings::both(&db).await?;
    let vanished = device.is_none() && storage::data_was_kept();
    let device = match device {
        Some(device) => device,
        None => {
            let languages = intl::preferred_languages();
            let device = DeviceSettings::new(
                device::new_device_id(intl::now()),
                Lang::from_preferences(languages.iter().map(String::as_str)),
            );
            store::settings::save_device(&db, &device).await?;
            device
        }
    };
    Ok(Boot { db, device, office, vanished })
}

#[component]
fn App() -> impl IntoView {
    let booted = load::load(boot);
    // Until the database is open, index.html's splash stays.
    move || {
        let booted = booted.get()?;
        splash::take_away();
        Some(match booted {
            Ok(boot) => view! { <Session boot /> }.into_any(),
            Err(error) => {
                let lang = Lang::from_preferences(intl::preferred_languages().iter().map(String::as_str));
                view! {
                    <main class="page fatal" role="alert">
                        <h1>{Msg::AppName.text(lang)}</h1>
                        <p>{Msg::StorageUnavailable.text(lang)}</p>
                        <p class="muted">{error.to_string()}</p>
                    </main>
                }
                .into_any()
            }
        })
    }
}

/// Once the database is open: shares the app state and wires it to the
/// platform (other tabs, network, service worker, clock).
#[component]
fn Session(boot: Boot) -> impl IntoView {
    let state = AppState::new(boot.db.clone(), boot.device, boot.office);
    provide_context(state);
    state.data_vanished.set(boot.vanished);
    // From the moment this device holds someone's data (the demo, an
    // office, a restore), a later empty start is a loss, not a first run.
    Effect::new(move |_| {
        if state.person_id().is_some() || state.in_office() {
            storage::remember_data_kept(true);
        }
    });

    let channel = Rc::new(DataChannel::open(move |stores| {
        let stores: Vec<&str> = stores.iter().map(String::as_str).collect();
        if stores.contains(&schema::SETTINGS) {
            reload_settings(state);
        }
        if stores.contains(&schema::SYNC) {
            office::reload_status(state);
        }
        state.data_changed(&stores);
        // Another tab wrote: if this tab is the one syncing, send it.
        crate::sync::nudge(&stores);
    }));
    boot.db.on_change(move |stores| {
        // Office settings may come from the office (sync) as well as from
        // this tab's form; this device's own are applied by who saved them.
        if stores.contains(&schema::SETTINGS) {
            reload_settings(state);
        }
        state.data_changed(stores);
        channel.post(stores);
        crate::sync::nudge(stores);
    });
    boot.db.on_version_change(move || state.stale.set(true));
    online::watch(move |is_online| {
        state.online.set(is_online);
        if is_online { crate::sync::retry_now() } else { crate::sync::went_offline() }
    });
    office::start(state);
    leptos::task::spawn_local(async move {
        if let Err(error) = service_worker::register(move || state.update_ready.set(true)).await {
            web_sys::console::warn_2(&"service worker not registered".into(), &error);
        }
    });
    let _ = set_interval_with_handle(move || state.now.set(intl::now()), Duration::from_secs(30));
    on_becoming_visible(move || {
        state.now.set(intl::now());
        service_worker::check_for_update();
        inbox::deliver(state);
    });
    // Reminders: at start, every minute while open, and after any change
    // of data (a loan, a reservation, an announcement, who uses the app).
    let _ = set_interval_with_handle(move || inbox::deliver(state), Duration::from_secs(60));
    Effect::new(move |_| {
        state.track(&[CHECKINS, BOOKS, LOANS, HOLDS, MEAL_SETS, RESERVATIONS, ANNOUNCEMENTS, RSVPS]);
        state.device.with(|d| (d.person_id.clone(), d.lang, d.notify.clone()));
        inbox::deliver(state);
    });
    leptos::task::spawn_local(crate::pwa::notifications::register_periodic_checks());

    Effect::new(move |_| {
        let root = document().document_element().expect("<html>");
        let _ = root.set_attribute("lang", state.lang().tag());
        crate::pwa::crash::speak(state.lang());
        crate::pwa::manifest::speak(state.lang());
        let theme = match state.device.with(|d| d.theme) {
            Theme::System => None,
            Theme::Light => Some("light"),
            Theme::Dark => Some("dark"),
        };
        match theme {
            Some(theme) => root.set_attribute("data-theme", theme),
            None => root.remove_attribute("data-theme"),
        }
        .ok();
        storage::remember_for_splash(state.lang().tag(), theme);
    });

    access::watch_idle(state);
    // Which screen, as a memo: saving a setting (a PIN try, the language)
    // must not draw the whole app again.
    #[derive(Clone, Copy, PartialEq)]
    enum Screen {
        Kiosk,
        App,
        Welcome,
    }
    let kind = Memo::new(move |_| {
        state.device.with(|d| match (d.kiosk, d.person_id.is_some()) {
            (true, _) => Screen::Kiosk,
            (false, true) => Screen::App,
            (false, false) => Screen::Welcome,
        })
    });
    let screen = move || match kind.get() {
        Screen::Kiosk => on_demand(screens::kiosk),
        Screen::App => view! { <Shell /> }.into_any(),
        Screen::Welcome => view! { <welcome::Welcome /> }.into_any(),
    };
    view! {
        {screen}
        <NoticeBar />
    }
}

/// Another tab saved settings (language, theme, who uses the device).
fn reload_settings(state: AppState) {
    leptos::task::spawn_local(async move {
        if let Ok((device, office)) = store::settings::both(&state.db()).await {
            if let Some(device) = device {
                state.device.set(device);
            }
            state.office.set(office);
        }
    });
}

fn on_becoming_visible(run: impl Fn() + 'static) {
    // Page-long: made once, never dropped.
    gloo_events::EventListener::new(&document(), "visibilitychange", move |_| {
        if document().visibility_state() == web_sys::VisibilityState::Visible {
            run();
        }
    })
    .forget();
}

#[component]
fn Shell() -> impl IntoView {
    view! {
        <Router>
            <ServiceWorkerRoutes />
            <a class="skip-link" href="#main">{tr(Msg::SkipToContent)}</a>
            <Header />
            <Banners />
            <main id="main" class="page" tabindex="-1">
                <Routes fallback=|| view! { <Redirect path="/" /> }>
                    <Route path=path!("/*any") view=Screen />
                </Routes>
            </main>
            <TabBar />
        </Router>
    }
}

/// The screen for the current path. One catch-all route and a plain match:
/// each `<Route>` adds to the router's generic matching code (25 KB of
/// wasm for seven routes), a match arm adds almost nothing.
#[component]
fn Screen() -> impl IntoView {
    let location = use_location();
    let state = use_state();
    // A new screen: focus left on nothing (the link or button tapped went
    // with the old screen) goes to the new one, where a keyboard or a
    // screen reader carries on; focus put somewhere stays there.
    Effect::new(move |shown_before: Option<()>| {
        location.pathname.track();
        if shown_before.is_some() {
            request_animation_frame(|| {
                let lost = document().active_element().is_none_or(|e| e.tag_name() == "BODY");
                if let (true, Some(main)) = (lost, document().get_element_by_id("main")) {
                    use wasm_bindgen::JsCast;
                    let _ = main.unchecked_into::<web_sys::HtmlElement>().focus();
                }
            });
        }
    });
    move || {
        let path = location.pathname.get();
        let segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
        // Refused by address too, not only hidden: in an office only an
        // admin account sees admin screens, and only with the PIN.
        if segments.first() == Some(&"admin") {
            if !state.may_admin() {
                return view! { <office::AdminsOnly /> }.into_any();
            }
            let pathname = location.pathname;
            return view! { <access::AdminGate>{move || pathname.with(|p| admin_screen(p))}</access::AdminGate> }.into_any();
        }
        match segments.as_slice() {
            [] => view! { <today::TodayPage /> }.into_any(),
            ["attendance"] => on_demand(screens::my_attendance),
            ["door"] => on_demand(screens::door),
            ["pass"] => on_demand(screens::my_pass),
            ["books"] => on_demand(screens::books),
            ["books", "mine"] => on_demand(screens::my_books),
            ["books", id] => with_arg(id.to_string(), screens::book),
            ["meals"] => on_demand(screens::meals),
            ["meals", "mine"] => on_demand(screens::my_meals),
            ["inbox"] => on_demand(screens::inbox),
            ["inbox", id] => with_arg(id.to_string(), screens::announcement),
            ["more"] => on_demand(screens::more),
            _ => view! { <Redirect path="/" /> }.into_any(),
        }
    }
}

/// A screen about one record (or a new one), its code loaded on demand.
fn with_arg<A: Clone + 'static, F>(arg: A, load: fn(A) -> F) -> AnyView
where
    F: std::future::Future<Output = Result<AnyView, leptos::wasm_split::SplitLoaderError>> + 'static,
{
    on_demand(move || load(arg.clone()))
}

/// An admin screen, once the gate let the person in.
fn admin_screen(path: &str) -> AnyView {
    let segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    let editing = |id: &str| Some(id.to_string());
    match segments.as_slice() {
        ["admin", "announcements"] => on_demand(screens::announcements_admin),
        ["admin", "announcements", "new"] => with_arg(None, screens::compose),
        ["admin", "announcements", id, "edit"] => with_arg(editing(id), screens::compose),
        ["admin", "attendance"] => on_demand(screens::attendance_review),
        ["admin", "books"] => on_demand(screens::books_admin),
        ["admin", "books", "new"] => with_arg(None, screens::book_editor),
        ["admin", "books", "import"] => on_demand(screens::book_import),
        ["admin", "books", id, "edit"] => with_arg(editing(id), screens::book_editor),
        ["admin", "meals"] => on_demand(screens::meals_admin),
        ["admin", "meals", "new"] => with_arg(None, screens::meal_editor),
        ["admin", "meals", id, "edit"] => with_arg(editing(id), screens::meal_editor),
        ["admin", "door"] => on_demand(screens::door_code),
        ["admin", "people"] => on_demand(screens::people_admin),
        _ => view! { <Redirect path="/" /> }.into_any(),
    }
}

/// Routes the screens that notification taps ask for (the service worker
/// posts them) through the router; inside the router, as it needs it.
#[component]
fn ServiceWorkerRoutes() -> impl IntoView {
    let navigate = leptos_router::hooks::use_navigate();
    service_worker::on_open_request(move |url| navigate(&url, Default::default()));
}

#[component]
fn Header() -> impl IntoView {
    let state = use_state();
    let office_name = move || state.office.with(|o| o.as_ref().map(|o| o.name.clone()).unwrap_or_default());
    view! {
        <header class="app-header">
            <span class="brand">
                {icons::logo()}
                <span>{tr(Msg::AppName)}</span>
                <span class="office-name">{office_name}</span>
            </span>
            {move || if state.in_office() {
                view! { <office::SyncBadge /> }.into_any()
            } else {
                view! {
                    <span
                        class="net"
                        class:offline=move || !state.online.get()
                        role="status"
                        title=move || if state.online.get() { "" } else { state.t(Msg::OfflineHint) }
                    >
                        <span class="dot" aria-hidden="true"></span>
                        {move || state.t(if state.online.get() { Msg::Online } else { Msg::Offline })}
                    </span>
                }
                .into_any()
            }}
        </header>
    }
}

#[component]
fn Banners() -> impl IntoView {
    let state = use_state();
    view! {
        <Show when=move || state.stale.get()>
            <div class="banner warn" role="alert">
                <span>{tr(Msg::OtherTabUpgraded)}</span>
                <button class="btn small" on:click=|_| { let _ = window().location().reload(); }>
                    {tr(Msg::Reload)}
                </button>
            </div>
        </Show>
        {move || state.read_error.get().map(|why| view! {
            <div class="banner warn" role="alert" data-testid="read-failed">
                <span>{why}</span>
                <button class="btn small" on:click=move |_| state.retry_reads()>{tr(Msg::TryAgain)}</button>
            </div>
        })}
        <Show when=move || state.update_ready.get() && !state.stale.get()>
            <div class="banner" role="status" data-testid="update-banner">
                <span>{tr(Msg::UpdateAvailable)}</span>
                <button class="btn small" on:click=|_| service_worker::apply_update()>
                    {tr(Msg::Reload)}
                </button>
            </div>
        </Show>
    }
}

/// The latest notice, announced to screen readers, gone after a while.
#[component]
fn NoticeBar() -> impl IntoView {
    let state = use_state();
    Effect::new(move |_| {
        if let Some(serial) = state.notice.with(|n| n.as_ref().map(|n| n.serial)) {
            set_timeout(
                move || {
                    if state.notice.with_untracked(|n| n.as_ref().map(|n| n.serial)) == Some(serial) {
                        state.notice.set(None);
                    }
                },
                Duration::from_secs(5),
            );
        }
    });
    view! {
        <div class="notice-area" aria-live="polite">
            {move || {
                state.notice.get().map(|notice| {
                    view! {
                        <div class="notice" class:error=notice.is_error role=if notice.is_error { "alert" } else { "status" }>
                            <span>{notice.text}</span>
                            <button class="icon-btn" aria-label=tr(Msg::Dismiss) on:click=move |_| state.notice.set(None)>
                                {icons::close()}
                            </button>
                        </div>
                    }
                })
            }}
        </div>
    }
}

#[component]
fn TabBar() -> impl IntoView {
    let state = use_state();
    let location = use_location();
    // A tab is active on its own screens and their admin screens.
    let tab = move |href: &'static str, label: Msg, icon: fn() -> AnyView, also: &'static [&'static str], badge: bool| {
        let active = move || {
            location.pathname.with(|p| {
                p == href
                    || (href != "/" && p.starts_with(&format!("{href}/")))
                    || also.iter().any(|prefix| p.starts_with(prefix))
            })
        };
        let badge = badge.then_some(move || {
            let n = state.unread.get();
            (n > 0).then(|| view! {
                <span class="tab-badge" data-testid="unread-badge" aria-label=state.tf(Msg::UnreadBadge, &[("n", &n.to_string())])>
                    {n}
                </span>
            })
        });
        view! {
            <a href=href class="tab" aria-current=move || active().then_some("page")>
                {icon()}
                {badge}
                <span>{tr(label)}</span>
            </a>
        }
    };
    view! {
        <nav class="tab-bar" aria-label=tr(Msg::MainNavigation)>
            {tab("/", Msg::TabToday, icons::today, &["/attendance"], false)}
            {tab("/books", Msg::TabBooks, icons::books, &["/admin/books"], false)}
            {tab("/meals", Msg::TabMeals, icons::meals, &["/admin/meals"], false)}
            {tab("/inbox", Msg::Inbox, icons::inbox, &["/admin/announcements"], true)}
            {tab("/more", Msg::TabMore, icons::more, &["/admin/attendance"], false)}
        </nav>
    }
}
