//! sea-orm entities, one file per table.

pub mod answer;
pub mod assignment;
pub mod auth_session;
pub mod confidence;
pub mod content_image;
pub mod content_revision;
pub mod form_token;
pub mod help_request;
pub mod invitation;
pub mod kept_draft;
pub mod learner;
pub mod lesson_completion;
pub mod login_throttle;
pub mod module_completion;
pub mod place;
pub mod retired_code;
pub mod staff;
pub mod staff_step_progress;
pub mod step_audio;
pub mod step_progress;
pub mod structure;
pub mod visit;
pub mod visit_learner;
pub mod zone;
pub mod zone_commune;
pub mod zone_volunteer;
