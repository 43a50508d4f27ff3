//! The Pas à Pas server: configuration from the environment, start-up, the axum router
//! and the command line. Pages, server functions and services live in the `app` crate.

pub mod backup;
pub mod cli;
pub mod code_pages;
pub mod config;
pub mod forms;
pub mod health;
pub mod media;
pub mod middleware;
pub mod not_saved;
pub mod page_parts;
pub mod router;
pub mod security;
pub mod serving;
pub mod startup;
pub mod step_cache;
