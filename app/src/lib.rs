//! Pas à Pas: the Leptos application. Pages and islands compile for both the server and
//! the browser; the database, content and services (module `ssr`) only for the server.

pub mod api;
pub mod app;
pub mod competence;
pub mod components;
pub mod error;
pub mod islands;
pub mod media;
pub mod model;
pub mod pages;
pub mod paths;
pub mod response;
pub mod text;

#[cfg(feature = "ssr")]
pub mod ssr;

pub use app::{App, shell};

/// Entry point of the WebAssembly bundle: hydrates the islands only.
#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_islands();
}
