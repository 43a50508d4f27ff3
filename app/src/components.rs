//! Pieces shared by several pages.

pub mod confidence;
pub mod exercise;
pub mod layout;
pub mod load;
pub mod owner;
pub mod print;
pub mod text_area;
