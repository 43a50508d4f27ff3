//! The first-visit diagnostic's page. Its two forms (the answers, the path) post to plain
//! handlers (`server::forms::diagnostic_answers` and `diagnostic_path`): their checkboxes
//! repeat a field.

use leptos::prelude::*;

use crate::error::AppError;
use crate::model::diagnostic::DiagnosticPage;

/// The page of learner `id`: diagnostic `shown` (default: the latest) compared with
/// `before` (default: the one before it). A learner of another structure, or a diagnostic
/// of another learner, is "not found".
#[server(prefix = "/api", endpoint = "benevole/diagnostic/page")]
pub async fn get_diagnostic(
    id: i32,
    shown: Option<i32>,
    before: Option<i32>,
) -> Result<DiagnosticPage, AppError> {
    use crate::ssr::request;
    use crate::ssr::services::diagnostic;
    let state = request::app_state()?;
    let staff = request::require_volunteer()?;
    diagnostic::page(&state.db, &state.content.get(), &staff, id, shown, before)
        .await?
        .ok_or(AppError::NotFound)
}
