//! "Imprimer": a link that works without JavaScript, and a print button when it runs.

use leptos::prelude::*;
use leptos_meta::Script;
use leptos_router::hooks::{use_location, use_query_map};

use crate::text;

/// The query key of a page opened to be printed.
pub const PRINT_KEY: &str = "imprimer";
/// The anchor of the message that says how to print.
const PRINT_ANCHOR: &str = "imprimer";

/// "Imprimer …": without JavaScript a link to this same page opened to be printed, which
/// says at once, at the top of the window, which keys print it (a page cannot open the
/// print window by itself without a script); with JavaScript (`/imprimer.js`, no inline
/// handler, which the Content-Security-Policy refuses) the link opens the print window
/// (`window.print()`). The hint "Ctrl et P" is always there. None of it is printed.
#[component]
pub fn PrintButton(label: &'static str) -> impl IntoView {
    let location = use_location();
    let asked = use_query_map().read_untracked().get(PRINT_KEY).is_some();
    let href = {
        let path = location.pathname.get_untracked();
        let search = location.search.get_untracked();
        let kept: Vec<&str> = search
            .trim_start_matches('?')
            .split('&')
            .filter(|p| !p.is_empty() && p.split('=').next() != Some(PRINT_KEY))
            .collect();
        let mut query = kept.join("&");
        if !query.is_empty() {
            query.push('&');
        }
        format!("{path}?{query}{PRINT_KEY}=1#{PRINT_ANCHOR}")
    };
    view! {
        <Script src="/imprimer.js" defer="defer"/>
        <div class="print-action no-print">
            {asked.then(|| view! {
                <p class="message success print-keys" id=PRINT_ANCHOR role="status" tabindex="-1">
                    {text::PRINT_KEYS}
                </p>
            })}
            <a class="button primary print-button" href=href>{label}</a>
            <p class="hint">{text::BOOKLET_PRINT}</p>
        </div>
    }
}
