//! The structure's statistics (coordinators).

use leptos::prelude::*;

use crate::error::AppError;
use crate::model::stats::StatsView;

/// `/benevole/statistiques?du=…&au=…`: the statistics of the coordinator's structure for a
/// period (the last twelve months when none is given). Anyone else is refused: the
/// figures are the whole structure's, by volunteer too.
#[server(prefix = "/api", endpoint = "benevole/statistiques")]
pub async fn get_stats(from: Option<String>, to: Option<String>) -> Result<StatsView, AppError> {
    use crate::ssr::db::now;
    use crate::ssr::request;
    use crate::ssr::services::stats;
    use crate::text::dates;
    let state = request::app_state()?;
    let staff = request::require_coordinator()?;
    let today = dates::today_iso(now());
    Ok(stats::report(&state.db, &state.content.get(), &staff, from, to, &today).await?)
}
