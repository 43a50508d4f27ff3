//! Forms that Leptos server functions cannot read: checkboxes send the same field several
//! times, which the server functions' URL decoding refuses. Thin handlers over services.

use axum::Form;
use axum::extract::{Extension, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};

use app::ssr::services::quiz::{self, Place};
use app::ssr::services::sessions::CurrentUser;
use app::ssr::state::AppState;

/// A small French page for a form the server cannot read.
pub fn bad_form() -> Response {
    (
        StatusCode::BAD_REQUEST,
        Html(concat!(
            "<!DOCTYPE html><html lang=\"fr\"><head><meta charset=\"utf-8\">",
            "<title>Formulaire illisible — Pas à Pas</title></head><body><main>",
            "<h1>Formulaire illisible</h1><p>Le formulaire n'a pas pu être lu. ",
            "Revenez en arrière et réessayez.</p><p><a href=\"/\">Revenir à l'accueil</a></p>",
            "</main></body></html>"
        )),
    )
        .into_response()
}

/// `POST /api/repondre`: the answer to a check question.
pub async fn answer(
    State(state): State<AppState>,
    user: Option<Extension<CurrentUser>>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Response {
    let field = |name: &str| {
        fields
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    };
    let (Some(module), Some(lesson), Some(step), Some(question)) = (
        field("module"),
        field("lesson"),
        field("step"),
        field("question"),
    ) else {
        return bad_form();
    };
    let chosen: Vec<String> = fields
        .iter()
        .filter(|(n, _)| n == "reponse")
        .map(|(_, v)| v.clone())
        .collect();
    let place = Place {
        module,
        lesson,
        step,
    };
    let learner = user.as_ref().and_then(|u| u.learner());
    match quiz::answer(
        &state.db,
        &state.content.get(),
        learner,
        place,
        question,
        &chosen,
    )
    .await
    {
        Ok(Some(to)) => Redirect::to(&to).into_response(),
        // The lesson changed under the learner's feet: show the step (or its 404 page).
        Ok(None) => Redirect::to(&format!("/modules/{module}/{lesson}/{step}")).into_response(),
        Err(e) => {
            tracing::error!(error = %e, "cannot record an answer");
            (
                StatusCode::INTERNAL_SERVER_ERROR,
                Html(
                    "<!DOCTYPE html><html lang=\"fr\"><head><meta charset=\"utf-8\"><title>Problème — Pas à Pas</title></head><body><main><h1>Un problème est survenu</h1><p>Le site a un problème. Ce n'est pas de votre faute. Réessayez dans quelques minutes.</p></main></body></html>",
                ),
            )
                .into_response()
        }
    }
}
