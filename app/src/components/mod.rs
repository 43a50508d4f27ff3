//! Pieces shared by several pages.

pub mod confidence;
pub mod layout;
pub mod load;
