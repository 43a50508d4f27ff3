//! The volunteer's area.

use leptos::prelude::*;

use crate::error::AppError;
use crate::model::Dashboard;

#[server(prefix = "/api", endpoint = "benevole/tableau")]
pub async fn get_dashboard() -> Result<Dashboard, AppError> {
    use crate::ssr::request;
    use crate::ssr::services::volunteer;
    let state = request::app_state()?;
    let staff = request::require_staff()?;
    Ok(volunteer::dashboard(&state.db, &state.content.get(), &staff).await?)
}
