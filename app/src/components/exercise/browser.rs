//! A pretend browser window around the simulators: an address bar with a pretend address
//! and a padlock, as the learner will meet on a real site, framed apart from the lesson's
//! own buttons. Drawn in SVG (no emoji font needed).

use leptos::prelude::*;

use crate::text;

/// The window: its address bar, then the pretend site.
#[component]
pub(super) fn BrowserWindow(address: String, children: Children) -> impl IntoView {
    view! {
        <div class="browser" role="group" aria-label=text::BROWSER_WINDOW>
            <div class="browser-bar">
                <span class="browser-dots" aria-hidden="true"><span></span><span></span><span></span></span>
                <p class="browser-address">
                    <span class="visually-hidden">{text::BROWSER_ADDRESS} " "</span>
                    <Padlock/>
                    <span class="visually-hidden">{text::BROWSER_SECURE} " "</span>
                    <span class="browser-url">{address}</span>
                </p>
            </div>
            <div class="browser-page">{children()}</div>
        </div>
    }
}

/// The padlock of a secure connection.
#[component]
fn Padlock() -> impl IntoView {
    view! {
        <svg class="icon padlock" aria-hidden="true" focusable="false" viewBox="0 0 24 24" width="20" height="20">
            <path d="M7 10V7a5 5 0 0 1 10 0v3" fill="none" stroke="currentColor" stroke-width="2.5"/>
            <rect x="4" y="10" width="16" height="11" rx="2" fill="currentColor"/>
        </svg>
    }
}

/// A paperclip: the sign of an attachment in a webmail.
#[component]
pub(super) fn Paperclip() -> impl IntoView {
    view! {
        <svg class="icon paperclip" aria-hidden="true" focusable="false" viewBox="0 0 24 24" width="22" height="22">
            <path d="M16.5 6.5l-7.8 7.8a2 2 0 0 0 2.8 2.8l8-8a4 4 0 0 0-5.7-5.7l-8.2 8.2a6 6 0 0 0 8.5 8.5l7-7"
                fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round"/>
        </svg>
    }
}
