//! "Écouter": reads the step aloud with the browser's French voice, sentence by sentence,
//! highlighting the sentence being read, with pause and stop. The sentences are the
//! `.phrase` spans the server wrapped, the images' descriptions (decorative images, with an
//! empty `alt`, are skipped), the hint and feedback of questions, the text of exercises and
//! the glossary's explanations that are open: what is read is what is shown. It is an
//! option beside the server's recording of the step (`components/step_audio.rs`, which
//! needs neither JavaScript nor a voice): the button is shown only with JavaScript and once
//! the browser lists a French voice (Chrome fills its list in late; many Linux computers
//! have none, and then only the recording is offered). The "Écouter" button is never
//! disabled, so the keyboard focus stays on it; when Pause and Stop disappear, the focus goes
//! back to it. With reduced motion (the setting or the system's), the page does not scroll
//! by itself.

use leptos::prelude::*;

use crate::components::speaker_icon::SpeakerIcon;
use crate::text;

/// Where the reading is. Only the browser build moves between the states; the server
/// renders the idle state.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
enum State {
    Idle,
    Playing,
    Paused,
}

#[island]
pub fn ReadAloud() -> impl IntoView {
    // Shown once hydrated: the button needs JavaScript.
    let ready = RwSignal::new(false);
    let state = RwSignal::new(State::Idle);
    let message = RwSignal::new(None::<&'static str>);
    // Shown once the browser has a French voice (never on the server).
    #[cfg(feature = "hydrate")]
    Effect::new(move |_| browser::when_french_voice(move || ready.set(true)));
    #[cfg(feature = "hydrate")]
    let reader = std::rc::Rc::new(browser::Reader::new(state, message));
    #[cfg(feature = "hydrate")]
    let (start, pause, stop) = {
        let (a, b, c) = (reader.clone(), reader.clone(), reader);
        (
            move |_| a.start(),
            move |_| b.pause_or_resume(),
            move |_| c.stop(),
        )
    };
    #[cfg(not(feature = "hydrate"))]
    let (start, pause, stop) = (|_| {}, |_| {}, |_| {});
    view! {
        <div class="read-aloud" hidden=move || !ready.get()>
            <div class="read-aloud-buttons">
                // Never `disabled` while reading (the focus would fall to the page):
                // `aria-disabled` says it does nothing until the reading ends.
                <button type="button" class="button listen" on:click=start
                    aria-disabled=move || (state.get() != State::Idle).then_some("true")>
                    <SpeakerIcon/>{text::LISTEN}
                </button>
                <button type="button" class="button" on:click=pause hidden=move || state.get() == State::Idle>
                    {move || if state.get() == State::Paused { text::LISTEN_RESUME } else { text::LISTEN_PAUSE }}
                </button>
                <button type="button" class="button" on:click=stop hidden=move || state.get() == State::Idle>
                    {text::LISTEN_STOP}
                </button>
            </div>
            <p class="read-aloud-status" role="status">{move || message.get()}</p>
        </div>
    }
}

#[cfg(feature = "hydrate")]
mod browser {
    use std::cell::{Cell, RefCell};
    use std::rc::Rc;

    use leptos::prelude::*;
    use wasm_bindgen::JsCast;
    use wasm_bindgen::prelude::Closure;
    use web_sys::{
        Element, HtmlElement, SpeechSynthesis, SpeechSynthesisUtterance, SpeechSynthesisVoice,
    };

    use super::State;
    use crate::text;

    /// What the page reads, in document order: the sentences, the images' descriptions, the
    /// hint and feedback of questions, the text of exercises, the glossary. An element inside
    /// one already read is skipped; so is what is not shown (closed explanations, text for
    /// screen readers only, hidden parts).
    const SELECTOR: &str = "#etape .phrase, #etape img[alt]:not([alt='']), \
        #etape .question .hint, #etape .feedback p, \
        #etape .exercise :is(h2, h3, h4, p, li, label, legend, dt, dd), \
        #etape .glossaire summary, #etape .glossaire details > :not(summary)";
    /// What is not shown, so not read.
    const NOT_SHOWN: &str = ".visually-hidden, [hidden], details:not([open]) > :not(summary)";
    const HIGHLIGHT: &str = "lecture";

    struct Inner {
        items: Vec<Element>,
        index: Cell<usize>,
        voice: RefCell<Option<SpeechSynthesisVoice>>,
        on_end: RefCell<Option<Closure<dyn FnMut()>>>,
    }

    /// Drives the browser's speech synthesis; the current reading lives in `CURRENT`.
    #[derive(Clone, Copy)]
    pub struct Reader {
        state: RwSignal<State>,
        message: RwSignal<Option<&'static str>>,
    }

    thread_local! {
        static CURRENT: RefCell<Option<Rc<Inner>>> = const { RefCell::new(None) };
        /// Waiting for the browser's list of voices (Chrome gives an empty list at first).
        static WAITING: Cell<bool> = const { Cell::new(false) };
    }

    /// How long to wait for the list of voices before saying there is no French voice.
    const VOICES_WAIT_MS: i32 = 2000;

    /// The reduced-motion setting, or the system's: then the page never scrolls by itself.
    fn reduced_motion() -> bool {
        let Some(window) = web_sys::window() else {
            return false;
        };
        let setting = window
            .document()
            .and_then(|d| d.document_element())
            .is_some_and(|html| html.class_list().contains("sans-animation"));
        let system = window
            .match_media("(prefers-reduced-motion: reduce)")
            .ok()
            .flatten()
            .is_some_and(|m| m.matches());
        setting || system
    }

    /// Gives the focus back to "Écouter" when it was on a button that is about to disappear
    /// (Pause, Stop), so that keyboard users do not lose their place.
    fn focus_listen_button() {
        let Some(document) = web_sys::window().and_then(|w| w.document()) else {
            return;
        };
        // Only when the focus was on these buttons: never take it from elsewhere (focusing
        // would also scroll the page).
        let focus_was_here = document.active_element().is_some_and(|active| {
            active
                .closest(".read-aloud-buttons")
                .ok()
                .flatten()
                .is_some()
        });
        if !focus_was_here {
            return;
        }
        if let Some(button) = document
            .query_selector(".read-aloud .listen")
            .ok()
            .flatten()
            .and_then(|b| b.dyn_into::<HtmlElement>().ok())
        {
            let _ = button.focus();
        }
    }

    /// What to read: the elements of `SELECTOR` that are shown, each once.
    fn items_to_read() -> Vec<Element> {
        let Some(list) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.query_selector_all(SELECTOR).ok())
        else {
            return Vec::new();
        };
        let mut items: Vec<Element> = Vec::new();
        for el in (0..list.length())
            .filter_map(|i| list.item(i))
            .filter_map(|n| n.dyn_into::<Element>().ok())
        {
            if el.closest(NOT_SHOWN).ok().flatten().is_some() {
                continue;
            }
            // Document order: an element's ancestor comes before it.
            if items.iter().any(|kept| kept.contains(Some(&el))) {
                continue;
            }
            if text_of(&el).trim().is_empty() {
                continue;
            }
            items.push(el);
        }
        items
    }

    fn synth() -> Option<SpeechSynthesis> {
        web_sys::window()?.speech_synthesis().ok()
    }

    /// Calls `show` once the browser lists a French voice: at once, or when its list of
    /// voices changes (Chrome fills it in late); never if it has none.
    pub fn when_french_voice(show: impl Fn() + 'static) {
        let Some(speech) = synth() else { return };
        if french_voice(&speech).is_some() {
            show();
            return;
        }
        let on_voices = Closure::<dyn FnMut()>::new(move || {
            if let Some(speech) = synth()
                && french_voice(&speech).is_some()
            {
                speech.set_onvoiceschanged(None);
                show();
            }
        });
        speech.set_onvoiceschanged(Some(on_voices.as_ref().unchecked_ref()));
        // Lives as long as the page (one per island).
        on_voices.forget();
    }

    fn french_voice(synth: &SpeechSynthesis) -> Option<SpeechSynthesisVoice> {
        synth
            .get_voices()
            .iter()
            .map(|v| v.unchecked_into::<SpeechSynthesisVoice>())
            .find(|v| v.lang().to_lowercase().starts_with("fr"))
    }

    fn text_of(el: &Element) -> String {
        if el.tag_name().eq_ignore_ascii_case("img") {
            format!(
                "{} {}",
                text::LISTEN_IMAGE,
                el.get_attribute("alt").unwrap_or_default()
            )
        } else {
            el.text_content().unwrap_or_default()
        }
    }

    impl Reader {
        pub fn new(state: RwSignal<State>, message: RwSignal<Option<&'static str>>) -> Self {
            Self { state, message }
        }

        pub fn start(&self) {
            let Some(synth) = synth() else {
                self.message.set(Some(text::LISTEN_NO_VOICE));
                return;
            };
            if WAITING.with(Cell::get) || self.state.get_untracked() != State::Idle {
                return;
            }
            if synth.get_voices().length() == 0 {
                // Chrome fills the list in later and says so with `voiceschanged`.
                self.wait_for_voices(&synth);
                return;
            }
            self.read(&synth);
        }

        /// Waits for `voiceschanged`, or at most `VOICES_WAIT_MS`, then reads (or says there
        /// is no French voice).
        fn wait_for_voices(&self, speech: &SpeechSynthesis) {
            WAITING.with(|w| w.set(true));
            self.message.set(Some(text::LISTEN_LOOKING));
            let reader = *self;
            let done = move || {
                if !WAITING.with(|w| w.replace(false)) {
                    return;
                }
                if let Some(synth) = synth() {
                    synth.set_onvoiceschanged(None);
                    reader.read(&synth);
                }
            };
            let on_voices = Closure::once_into_js(done);
            speech.set_onvoiceschanged(Some(on_voices.unchecked_ref()));
            let timeout = Closure::once_into_js(done);
            if let Some(window) = web_sys::window() {
                let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(
                    timeout.unchecked_ref(),
                    VOICES_WAIT_MS,
                );
            }
        }

        /// Reads the step with the French voice, if there is one.
        fn read(&self, synth: &SpeechSynthesis) {
            let Some(voice) = french_voice(synth) else {
                self.message.set(Some(text::LISTEN_NO_VOICE));
                return;
            };
            let items = items_to_read();
            let inner = Rc::new(Inner {
                items,
                index: Cell::new(0),
                voice: RefCell::new(Some(voice)),
                on_end: RefCell::new(None),
            });
            // One closure for every sentence: when one ends, the next one starts.
            let (weak, state, message) = (Rc::downgrade(&inner), self.state, self.message);
            let on_end = Closure::<dyn FnMut()>::new(move || {
                let Some(inner) = weak.upgrade() else { return };
                if state.get_untracked() == State::Idle {
                    return;
                }
                inner.index.set(inner.index.get() + 1);
                speak(&inner, state, message);
            });
            *inner.on_end.borrow_mut() = Some(on_end);
            synth.cancel();
            // The reading lives until the next one replaces it.
            CURRENT.with(|c| *c.borrow_mut() = Some(inner.clone()));
            self.state.set(State::Playing);
            self.message.set(Some(text::LISTEN_READING));
            speak(&inner, self.state, self.message);
        }

        pub fn pause_or_resume(&self) {
            let Some(synth) = synth() else { return };
            match self.state.get_untracked() {
                State::Playing => {
                    synth.pause();
                    self.state.set(State::Paused);
                }
                State::Paused => {
                    synth.resume();
                    self.state.set(State::Playing);
                }
                State::Idle => {}
            }
        }

        pub fn stop(&self) {
            focus_listen_button();
            self.state.set(State::Idle);
            if let Some(synth) = synth() {
                synth.cancel();
            }
            clear_highlight();
            self.message.set(None);
        }
    }

    fn clear_highlight() {
        if let Some(list) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.query_selector_all(".lecture").ok())
        {
            for i in 0..list.length() {
                if let Some(el) = list.item(i).and_then(|n| n.dyn_into::<Element>().ok()) {
                    let _ = el.class_list().remove_1(HIGHLIGHT);
                }
            }
        }
    }

    fn speak(inner: &Inner, state: RwSignal<State>, message: RwSignal<Option<&'static str>>) {
        clear_highlight();
        let Some(el) = inner.items.get(inner.index.get()) else {
            focus_listen_button();
            state.set(State::Idle);
            message.set(Some(text::LISTEN_DONE));
            return;
        };
        let (Some(synth), Ok(utterance)) = (
            synth(),
            SpeechSynthesisUtterance::new_with_text(&text_of(el)),
        ) else {
            state.set(State::Idle);
            return;
        };
        let _ = el.class_list().add_1(HIGHLIGHT);
        if !reduced_motion() {
            el.scroll_into_view_with_bool(false);
        }
        utterance.set_lang("fr-FR");
        utterance.set_rate(0.9);
        if let Some(voice) = inner.voice.borrow().as_ref() {
            utterance.set_voice(Some(voice));
        }
        if let Some(on_end) = inner.on_end.borrow().as_ref() {
            utterance.set_onend(Some(on_end.as_ref().unchecked_ref()));
        }
        synth.speak(&utterance);
    }
}
