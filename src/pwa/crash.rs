//! The last word when the app fails: a panic (a bug, or a browser missing
//! something the app needs) draws what happened and a way out over the
//! page, in the page's language, instead of leaving it blank.

use crate::domain::i18n::{Lang, Msg};
use std::cell::Cell;
use std::panic::PanicHookInfo;

thread_local! {
    /// The language the app speaks, once it knows (the person's choice).
    static LANG: Cell<Option<Lang>> = const { Cell::new(None) };
}

/// The notice speaks `lang` from now on.
pub fn speak(lang: Lang) {
    LANG.with(|l| l.set(Some(lang)));
}

/// Replaces the default panic hook; the console still gets the panic.
pub fn install() {
    std::panic::set_hook(Box::new(|info: &PanicHookInfo<'_>| {
        console_error_panic_hook::hook(info);
        show(&info.to_string());
    }));
}

fn show(detail: &str) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else { return };
    let Some(body) = document.body() else { return };
    // The person's language once the app knows it; before, the browser's.
    let lang = LANG.with(Cell::get).unwrap_or_else(|| {
        Lang::from_preferences(crate::pwa::intl::preferred_languages().iter().map(String::as_str))
    });
    // A panic before the first screen: the splash would stay under it.
    crate::pwa::splash::take_away();
    let Ok(notice) = document.create_element("div") else { return };
    notice.set_class_name("crash");
    let _ = notice.set_attribute("role", "alert");
    let parts = [
        ("h1", Msg::CrashTitle.text(lang)),
        ("p", Msg::CrashKept.text(lang)),
        ("pre", detail),
    ];
    for (tag, text) in parts {
        if let Ok(el) = document.create_element(tag) {
            el.set_text_content(Some(text));
            let _ = notice.append_child(&el);
        }
    }
    // A link back to this address reloads without running any more of the
    // app's code (it may be what failed) and without an inline handler,
    // which the CSP forbids.
    if let (Ok(reload), Ok(href)) = (document.create_element("a"), document.location().map_or(Err(()), |l| l.href().map_err(|_| ()))) {
        reload.set_class_name("btn primary");
        let _ = reload.set_attribute("href", &href);
        reload.set_text_content(Some(Msg::Reload.text(lang)));
        let _ = notice.append_child(&reload);
    }
    let _ = body.append_child(&notice);
}
