//! index.html paints the welcome's top before the app loads (a first
//! visit on a slow connection reads it meanwhile); the app then draws its
//! own in the same place. The two must say and show the same, or the
//! screen would change under the reader's eyes.
#![cfg(not(target_arch = "wasm32"))]

use oasis::domain::i18n::{Lang, Msg};

const INDEX: &str = include_str!("../index.html");
const ICONS: &str = include_str!("../src/ui/icons.rs");

/// The logo's markup, its whitespace made single spaces.
fn logo(source: &str) -> String {
    let start = source.find(r#"<svg class="logo""#).expect("the logo's svg");
    let end = start + source[start..].find("</svg>").expect("the logo's end") + "</svg>".len();
    source[start..end].split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn the_splash_welcomes_in_the_apps_own_words() {
    for (lang, tag) in [(Lang::En, "en"), (Lang::Fr, "fr")] {
        for (message, element) in [(Msg::WelcomeTitle, r#"<h1 lang="{tag}">"#), (Msg::WelcomeLead, r#"<p class="lead" lang="{tag}">"#)] {
            let text = message.text(lang);
            assert!(!text.contains(['<', '&']), "{message:?} would need escaping in HTML");
            let element = element.replace("{tag}", tag);
            let closing = if element.starts_with("<h1") { "</h1>" } else { "</p>" };
            let expected = format!("{element}{text}{closing}");
            assert!(INDEX.contains(&expected), "index.html lacks {expected}");
        }
    }
}

#[test]
fn the_splash_shows_the_apps_logo() {
    assert_eq!(logo(INDEX), logo(ICONS));
}
