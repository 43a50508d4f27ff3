//! "Imprimer": a button when JavaScript runs, and always the keys that print without it.

use leptos::prelude::*;

use crate::text;

/// A print button (`window.print()`, which needs JavaScript) and the hint "Ctrl et P",
/// which works in every browser. Neither is printed.
#[component]
pub fn PrintButton(label: &'static str) -> impl IntoView {
    view! {
        <div class="print-action no-print">
            <button type="button" class="button primary print-button" onclick="window.print()">{label}</button>
            <p class="hint">{text::BOOKLET_PRINT}</p>
        </div>
    }
}
