//! sea-orm entities, one file per table.

pub mod answer;
pub mod auth_session;
pub mod learner;
pub mod staff;
pub mod step_progress;
pub mod structure;
