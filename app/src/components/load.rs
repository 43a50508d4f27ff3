//! Loading a page's data and showing errors the same way everywhere.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::error::{AppError, ErrorPage};
use crate::response;
use crate::text;

/// Shows an error as a calm page; sends to the right sign-in page when one is needed.
#[component]
pub fn ErrorView(error: AppError) -> impl IntoView {
    match error.redirect() {
        Some(to) => response::redirect(to),
        None => response::set_status(error.status()),
    }
    view! { <ErrorPageView page=error.page()/> }
}

/// An error's page: its title, its message and the way out. Every error is shown by this
/// component, inside the layout of every page: a page's own errors through [`ErrorView`],
/// and those of plain handlers and middleware rendered by the server's last middleware
/// (the app shows the [`ErrorPage`] it finds in its context instead of its routes).
#[component]
pub fn ErrorPageView(page: ErrorPage) -> impl IntoView {
    view! {
        <Title text=page.title/>
        <h1>{page.title}</h1>
        <p class="message error-message" role="alert">{page.message}</p>
        <p><a class="button primary" href=page.back>{page.back_label}</a></p>
    }
}

/// Renders `view` once `data` has loaded, or the error.
pub fn loaded<T, V>(
    data: Resource<Result<T, AppError>>,
    view: impl Fn(T) -> V + Clone + Send + Sync + 'static,
) -> impl IntoView
where
    T: Clone + Send + Sync + serde::Serialize + serde::de::DeserializeOwned + 'static,
    V: IntoView + 'static,
{
    view! {
        <Suspense fallback=|| view! { <p>{text::LOADING}</p> }>
            {move || {
                let view = view.clone();
                Suspend::new(async move {
                match data.await {
                    Ok(value) => view(value).into_any(),
                    Err(error) => view! { <ErrorView error/> }.into_any(),
                }
            })
            }}
        </Suspense>
    }
}
