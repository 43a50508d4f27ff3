//! "Imprimer": a button when JavaScript runs, and always the keys that print without it.

use leptos::prelude::*;
use leptos_meta::Script;

use crate::text;

/// A print button (`window.print()`, which needs JavaScript: `/imprimer.js` shows it and
/// makes it print; no inline handler, which the Content-Security-Policy refuses) and the
/// hint "Ctrl et P", which works in every browser. Neither is printed.
#[component]
pub fn PrintButton(label: &'static str) -> impl IntoView {
    view! {
        <Script src="/imprimer.js" defer="defer"/>
        <div class="print-action no-print">
            <button type="button" class="button primary print-button" hidden>{label}</button>
            <p class="hint">{text::BOOKLET_PRINT}</p>
        </div>
    }
}
