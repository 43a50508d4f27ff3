use leptos::prelude::*;

use crate::components::load::ErrorView;
use crate::error::AppError;

#[component]
pub fn NotFound() -> impl IntoView {
    view! { <ErrorView error=AppError::NotFound/> }
}
