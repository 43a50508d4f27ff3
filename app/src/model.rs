//! What server functions send to pages: plain serialisable views, no database types, by
//! area. Each area's types are re-exported here, so `crate::model::Name` names any of them.

pub mod agenda;
pub mod dashboard;
pub mod diagnostic;
pub mod exercise;
pub mod follow_up;
pub mod forms;
pub mod frame;
pub mod learning;
pub mod network;
pub mod outcomes;
pub mod sessions;
pub mod share;
pub mod stats;
pub mod team;
pub mod trainer;
pub mod training;
pub mod visits;
pub mod zones;

pub use dashboard::*;
pub use exercise::*;
pub use follow_up::*;
pub use forms::*;
pub use frame::*;
pub use learning::*;
pub use outcomes::*;
pub use sessions::*;
pub use team::*;
pub use trainer::*;
pub use training::*;
pub use visits::*;
