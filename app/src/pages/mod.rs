//! One file per page.

pub mod catalogue;
pub mod dashboard;
pub mod home;
pub mod module;
pub mod not_found;
pub mod sign_in;
pub mod staff_sign_in;
pub mod step;
