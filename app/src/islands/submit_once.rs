//! Wraps forms that save something. Without JavaScript they are plain forms. With it, a
//! second click while the first save is on its way does nothing (no double saves from a
//! shaky hand), and the learner sees that the save is in progress.

use leptos::ev;
use leptos::prelude::*;

use crate::text;

#[island]
pub fn SubmitOnce(children: Children) -> impl IntoView {
    let sending = RwSignal::new(false);
    // Coming back with the browser's "Back" button restores the page as it was: allow
    // submitting again.
    let handle = window_event_listener(ev::pageshow, move |_| sending.set(false));
    on_cleanup(move || handle.remove());
    view! {
        <div
            class="submit-once"
            on:submit=move |ev| {
                if sending.get_untracked() {
                    ev.prevent_default();
                } else {
                    sending.set(true);
                }
            }
        >
            {children()}
            <p class="saving" role="status">{move || sending.get().then_some(text::SAVING)}</p>
        </div>
    }
}
