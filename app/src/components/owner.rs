//! Whose page a learner's form was sent from. On a shared PC, a previous learner's tab may
//! still be open after they signed out and someone else signed in: its forms carry the id
//! of the learner the page was made for, and the server saves nothing when it is not the
//! person signed in now (it shows [`crate::pages::not_saved`] instead).

use leptos::prelude::*;

/// The name of the hidden field.
pub const OWNER_FIELD: &str = "owner";

/// The learner the page is being rendered for: their id, or empty for a visitor. Known on
/// the server only (pages are rendered there); empty in the browser.
pub fn owner_value() -> String {
    #[cfg(feature = "ssr")]
    return crate::ssr::request::current_user()
        .and_then(|u| u.learner().map(|l| l.id.to_string()))
        .unwrap_or_default();
    #[cfg(not(feature = "ssr"))]
    String::new()
}

/// The hidden field of every learner's form that saves something.
#[component]
pub fn OwnerField() -> impl IntoView {
    view! { <input type="hidden" name=OWNER_FIELD value=owner_value()/> }
}
