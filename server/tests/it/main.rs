//! The integration tests, as one binary (linked once): each module drives the real router
//! (or the real server process) against a real database — SQLite, and PostgreSQL when
//! `PAP_TEST_POSTGRES` is set. Run one module with `cargo test -p server --test it routes::`.
//! `tests/memory.rs` stays a binary of its own: its counting allocator counts the process.

mod common;
mod process;

mod accessibility;
mod agenda;
mod audio;
mod content;
mod content_instances;
mod dashboard;
mod diagnostic;
mod durability;
mod exercises;
mod hand_over;
mod illustrations;
mod instances;
mod learners;
mod moves;
mod network;
mod next_visit;
mod operations;
mod outcomes;
mod player;
mod queries;
mod roles;
mod routes;
mod security;
mod sessions;
mod share;
mod shutdown;
mod stats;
mod stats_confidence;
mod stats_day;
mod stats_help;
mod stats_learning;
mod trainers;
mod training;
mod volunteers;
mod zones;
