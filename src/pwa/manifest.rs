//! The install manifest in the person's language: a browser reads the
//! page's `<link rel="manifest">` when it installs the app, for the name,
//! the description and the shortcuts a long press on the icon shows.

use crate::domain::i18n::Lang;

/// Points the page at the manifest in `lang`.
pub fn speak(lang: Lang) {
    let href = match lang {
        Lang::En => "/manifest.webmanifest",
        Lang::Fr => "/manifest.fr.webmanifest",
    };
    let link = web_sys::window().and_then(|w| w.document()).and_then(|d| d.query_selector("link[rel=manifest]").ok().flatten());
    if let Some(link) = link.filter(|l| l.get_attribute("href").as_deref() != Some(href)) {
        let _ = link.set_attribute("href", href);
    }
}
