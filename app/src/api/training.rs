//! The volunteers' own training path.

use leptos::prelude::*;

use crate::error::AppError;
use crate::model::TrainingView;

/// `/benevole/formation`: the signed-in member of staff's path; for a coordinator, also
/// which volunteers of their structure did which lesson. Learners are refused.
#[server(prefix = "/api", endpoint = "benevole/formation")]
pub async fn get_training() -> Result<TrainingView, AppError> {
    use crate::ssr::request;
    use crate::ssr::services::training;
    let state = request::app_state()?;
    let staff = request::require_staff()?;
    Ok(training::path(&state.db, &state.content.get(), &staff).await?)
}
