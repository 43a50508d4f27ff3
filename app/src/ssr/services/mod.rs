//! The service layer: small functions taking `&DatabaseConnection`, called by server
//! functions, the command line and tests. They return `DbErr` for failures and plain
//! values or enums for outcomes the caller must handle.

pub mod accounts;
pub mod demo;
pub mod learning;
pub mod progress;
pub mod quiz;
pub mod sessions;
pub mod volunteer;
