//! Pieces shared by several pages.

pub mod chart;
pub mod confidence;
pub mod exercise;
pub mod layout;
pub mod load;
pub mod outcomes;
pub mod owner;
pub mod print;
pub mod route;
pub mod share_links;
pub mod speaker_icon;
pub mod step_audio;
pub mod text_area;
