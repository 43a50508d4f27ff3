//! One file per page.

pub mod agenda;
pub mod booklet;
pub mod card_sign_in;
pub mod catalogue;
pub mod comfort;
pub mod diagnostic;
pub mod help;
pub mod home;
pub mod module;
pub mod my_data;
pub mod network;
pub mod not_found;
pub mod not_saved;
pub mod outcomes;
pub mod sessions;
pub mod share;
pub mod sign_in;
pub mod staff_sign_in;
pub mod stats;
pub mod step;
pub mod team;
pub mod trainer;
pub mod visit;
pub mod volunteer;
pub mod welcome;
pub mod zones;
