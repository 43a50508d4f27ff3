//! Lesson content: modules are folders of Markdown files in `content/`, loaded once,
//! validated, rendered to sanitised HTML and kept in memory.
//!
//! ```text
//! content/
//!   email-la-poste/          a module (its folder name is its slug)
//!     _index.md              the module's front matter and introduction
//!     l-adresse.md           a lesson (its file name is its slug)
//!     piece-jointe/index.md  a lesson with its images beside it
//! ```
//!
//! The parts: [`catalog`] (what is served), [`store`] (the catalogue shared by every request,
//! replaced on a reload), [`loader`] (reading and checking the folder), [`checks`] (checks
//! across files), [`editing`] (the trainers' editor's checks, before anything is written).

mod catalog;
mod checks;
pub mod diagnostic;
mod editing;
pub mod exercise;
pub mod front_matter;
pub mod glossary;
pub mod illustrations;
pub mod leftovers;
mod loader;
pub mod markdown;
pub mod overlay;
pub mod problem;
pub mod question;
pub mod readability;
pub mod slug;
pub mod step_length;
mod store;
pub mod sync;

pub use catalog::{Catalog, Lesson, Module, Reader, Step};
pub use editing::{check_and_render_lesson_text, check_lesson_text, check_module_text};
pub use front_matter::{Audience, LessonMeta, Level, ModuleMeta};
pub use loader::{LoadReport, load, load_tree};
pub use markdown::{Block, Callout, MAX_LESSON_BYTES};
pub use overlay::{Overlay, Tree};
pub use problem::{Position, Problem, Severity};
pub use question::{Answer, Question};
pub use store::ContentStore;
