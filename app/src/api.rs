//! Server functions: thin wrappers that check who is asking, call the service layer and
//! answer with a view or a redirect. Forms post to them directly, so every flow works
//! without JavaScript.

pub mod agenda;
pub mod auth;
pub mod card;
pub mod diagnostic;
pub mod learner;
pub mod learning;
pub mod network;
pub mod outcomes;
pub mod share;
pub mod stats;
pub mod team;
pub mod trainer;
pub mod training;
pub mod volunteer;
pub mod zones;
