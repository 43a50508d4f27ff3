//! A loudspeaker drawn in SVG, for the buttons and players that read a step aloud: an
//! emoji (🔊) needs a colour-emoji font, which many Linux computers lack (they showed an
//! empty box). Decorative: the words beside it say what it does.

use leptos::prelude::*;

#[component]
pub fn SpeakerIcon() -> impl IntoView {
    view! {
        <svg class="icon speaker-icon" aria-hidden="true" focusable="false"
            viewBox="0 0 24 24" width="24" height="24">
            <path d="M3 9h4l5-4v14l-5-4H3z" fill="currentColor"/>
            <path d="M15.5 8.5a5 5 0 0 1 0 7M18 6a8.5 8.5 0 0 1 0 12"
                fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round"/>
        </svg>
    }
}
