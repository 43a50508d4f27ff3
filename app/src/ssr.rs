//! Server-only code: never compiled to WebAssembly.

pub mod auth;
pub mod content;
pub mod db;
pub mod drafts;
pub mod identity;
pub mod request;
pub mod services;
pub mod speech;
pub mod state;
pub mod throttle;
pub mod turns;
pub mod user_cache;
