//! The service layer: small functions taking `&DatabaseConnection`, called by server
//! functions, the command line and tests. They return `DbErr` for failures and plain
//! values or enums for outcomes the caller must handle.

pub mod accounts;
pub mod agenda;
pub mod authoring;
pub mod booking;
pub mod booklet;
pub mod calendar;
pub mod card;
pub mod competences;
pub mod confidence;
pub mod dashboard;
pub mod demo;
pub mod diagnostic;
pub mod follow_up;
pub mod learner_profile;
pub mod learning;
pub mod module_status;
pub mod moves;
pub mod my_sessions;
pub mod network;
pub mod next_visit;
pub mod outcomes;
pub mod practice;
pub mod progress;
pub mod quiz;
pub mod sessions;
pub mod sessions_export;
pub mod share;
pub mod spreadsheet;
pub mod stats;
pub mod stats_confidence;
pub mod stats_counters;
pub mod stats_day;
pub mod stats_export;
pub mod stats_help;
pub mod stats_learning;
pub mod stats_people;
pub mod team;
pub mod training;
pub mod visits;
pub mod volunteer;
pub mod zones;
