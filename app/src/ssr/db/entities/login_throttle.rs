//! The sign-in throttle's counters (see `crate::ssr::throttle`).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "login_throttle")]
pub struct Model {
    /// SHA-256 of the key, hex: never the address, code or identifier itself.
    #[sea_orm(primary_key, auto_increment = false)]
    pub key_hash: String,
    /// Tries counted in the current window (a try is counted before it is checked, and
    /// taken back if it was right).
    pub failures: i64,
    /// When the next try may be checked (milliseconds since the epoch).
    pub next_at: i64,
    /// When the latest try may be checked, -1 if it was refused (milliseconds).
    pub granted_at: i64,
    /// When the row is forgotten (seconds since the epoch).
    pub expires_at: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
