//! Every statistics counter made again from the rows they count: the sessions' days
//! ([`stats_day`]), the learners' moments with the people counted once and the first
//! sessions ([`stats_learning`]), the confidence question ([`stats_confidence`]) and the
//! help requests ([`stats_help`]). For rows written around the services: the benchmark's
//! bulk load, tests that write rows directly.

use sea_orm::{ConnectionTrait, DbErr};

use super::{stats_confidence, stats_day, stats_help, stats_learning};

pub async fn rebuild(db: &impl ConnectionTrait) -> Result<(), DbErr> {
    stats_day::rebuild(db).await?;
    stats_learning::rebuild(db).await?;
    stats_confidence::rebuild(db).await?;
    stats_help::rebuild(db).await
}
