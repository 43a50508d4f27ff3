//! Islands: the only components hydrated in the browser. Each one improves a page that
//! already works without JavaScript; keep them few, small and without props where possible
//! (see the page-weight budget in README.md).

pub mod read_aloud;
pub mod submit_once;
