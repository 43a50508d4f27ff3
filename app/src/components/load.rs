//! Loading a page's data and showing errors the same way everywhere.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::error::AppError;
use crate::response;
use crate::text;

/// Shows an error as a calm page; sends to the right sign-in page when one is needed.
#[component]
pub fn ErrorView(error: AppError) -> impl IntoView {
    match &error {
        AppError::LearnerSignInRequired => response::redirect("/connexion"),
        AppError::StaffSignInRequired => response::redirect("/benevole/connexion"),
        AppError::Moved(to) => response::redirect(to),
        _ => response::set_status(error.status()),
    }
    let title = if error == AppError::NotFound {
        text::NOT_FOUND_TITLE
    } else {
        text::ERROR_TITLE
    };
    view! {
        <Title text=title/>
        <h1>{title}</h1>
        <p class="message error-message" role="alert">{error.message()}</p>
        <p><a class="button" href="/">{text::ERROR_GO_HOME}</a></p>
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
