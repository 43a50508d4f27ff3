//! "Écouter cette étape": the step read aloud by the server (see `ssr::speech`), in the
//! browser's own audio player. It works without JavaScript and without any voice
//! installed on the computer; nothing is downloaded until the learner presses play
//! (`preload="none"`), so the page weighs no more than this markup.

use leptos::prelude::*;

use crate::components::speaker_icon::SpeakerIcon;
use crate::text;

/// The player of the audio at `href` (`paths::audio`).
#[component]
pub fn StepAudio(href: String) -> impl IntoView {
    let file = href.clone();
    view! {
        <div class="step-audio">
            <p class="step-audio-label" id="ecouter-etape">
                <SpeakerIcon/>{text::LISTEN_STEP}
            </p>
            <audio controls preload="none" src=href aria-labelledby="ecouter-etape">
                // Only for a browser without an audio player.
                <a href=file>{text::LISTEN_STEP_FILE}</a>
            </audio>
        </div>
    }
}
