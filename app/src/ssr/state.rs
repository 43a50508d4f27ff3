//! The one state shared by every request: provided to axum handlers and, as a Leptos
//! context, to pages and server functions.

use std::sync::Arc;

use axum::extract::FromRef;
use leptos::config::LeptosOptions;
use sea_orm::DatabaseConnection;

use super::content::ContentStore;
use super::drafts::{Drafts, FormTokens};
use super::services::progress::SeenRecorder;
use super::throttle::LoginThrottle;
use super::user_cache::UserCache;
use crate::model::agenda::{CallDraft, CallProblem};
use crate::model::{FieldError, InvitationLink, VisitDraft};

/// A lesson text typed in the editor, not saved yet.
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub struct EditorDraft {
    pub file: String,
    pub text: String,
    /// The version it started from.
    pub base: String,
    /// Another trainer's newer version, when saving hit a conflict.
    pub conflict: Option<String>,
}

/// The shared state: one reference-counted pointer, so that handing it to each request and
/// middleware costs one atomic increment (cloning the fields, the Leptos options' strings
/// among them, took a third of a cached page's time).
#[derive(Clone)]
pub struct AppState(Arc<Shared>);

impl AppState {
    pub fn new(shared: Shared) -> Self {
        Self(Arc::new(shared))
    }

    /// The fields, to change before the state is shared (e.g. the database's metric
    /// callback in tests); `None` once it has been cloned.
    pub fn get_mut(&mut self) -> Option<&mut Shared> {
        Arc::get_mut(&mut self.0)
    }
}

impl std::ops::Deref for AppState {
    type Target = Shared;

    fn deref(&self) -> &Shared {
        &self.0
    }
}

/// Leptos's handlers take their options from the state.
impl FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos_options.clone()
    }
}

pub struct Shared {
    pub leptos_options: LeptosOptions,
    pub db: DatabaseConnection,
    pub content: ContentStore,
    pub throttle: Arc<LoginThrottle>,
    /// Password hashing and checking (argon2, ~19 MiB each), a few at a time.
    pub passwords: crate::ssr::auth::PasswordGate,
    /// Who is behind each session token, for a few seconds.
    pub users: Arc<UserCache>,
    /// Steps shown, written in batches.
    pub seen: Arc<SeenRecorder>,
    /// What outlives a request lives in the database (any instance may serve the next
    /// one); these say where.
    pub kept: Kept,
    pub settings: Arc<Settings>,
    /// The steps read aloud by the server: which are ready (see [`super::speech`]).
    pub audio: Arc<super::speech::StepAudio>,
}

/// The kinds of drafts and one-time form tokens (see [`super::drafts`]): kept in the
/// database, each kind apart from the others.
#[derive(Clone, Copy, Debug)]
pub struct Kept {
    /// Session forms kept as typed while errors are fixed (their volunteer's only).
    pub visit_drafts: Drafts<(VisitDraft, Vec<FieldError>)>,
    /// Session forms (one learner or a workshop) already saved, by their one-time token.
    pub visit_once: FormTokens,
    /// Learners created, by the one-time token of the form.
    pub learner_once: FormTokens,
    /// Invitation and new-password links made, by the one-time token of the form.
    pub invitation_once: FormTokens,
    /// Lessons and modules created from a template, by the one-time token of the form.
    pub content_once: FormTokens,
    /// Calls taken, by the one-time token of the form (what the booking made).
    pub call_once: FormTokens,
    /// Appointments booked for someone already followed, by the one-time token of the form.
    pub booking_once: FormTokens,
    /// Call forms kept as typed while a slot is chosen or errors fixed (their volunteer's
    /// only), with their problems.
    pub call_drafts: Drafts<(CallDraft, Vec<CallProblem>)>,
    /// Invitation links, shown once to the coordinator who made them.
    pub invitation_links: Drafts<InvitationLink>,
    /// Lesson texts typed in the editor, kept while they are previewed or fixed (their
    /// trainer's only).
    pub editor_drafts: Drafts<EditorDraft>,
    /// Invitation forms kept as typed (the identifier, never the password).
    pub invitation_drafts: Drafts<(String, Vec<FieldError>)>,
    /// Calendar link tokens just made, shown once to their volunteer (the database keeps
    /// only the token's hash).
    pub feed_links: Drafts<String>,
    /// Share links for a funder just made, shown once to their coordinator (the database
    /// keeps only the token's hash): the full link.
    pub share_links: Drafts<String>,
    /// Share links made, by the one-time token of the form (a double submit makes one).
    pub share_once: FormTokens,
    /// Territories and structures created by the programme's administrators, by the
    /// one-time token of the form: where the first answer sent the browser.
    pub network_once: FormTokens,
    /// Learners moved to another structure, by the one-time token of the form: where the
    /// first answer sent the browser (a double click moves once).
    pub move_once: FormTokens,
}

impl Default for Kept {
    fn default() -> Self {
        Self {
            visit_drafts: Drafts::new("seance"),
            visit_once: FormTokens::new("seance"),
            learner_once: FormTokens::new("apprenant"),
            invitation_once: FormTokens::new("invitation"),
            content_once: FormTokens::new("contenu"),
            call_once: FormTokens::new("appel"),
            booking_once: FormTokens::new("rdv"),
            call_drafts: Drafts::new("appel"),
            invitation_links: Drafts::new("lien"),
            editor_drafts: Drafts::new("editeur"),
            invitation_drafts: Drafts::new("invitation"),
            feed_links: Drafts::new("agenda-lien"),
            share_links: Drafts::new("partage-lien"),
            share_once: FormTokens::new("partage"),
            network_once: FormTokens::new("reseau"),
            move_once: FormTokens::new("demenagement"),
        }
    }
}

/// Settings of the running site that pages and server functions need.
#[derive(Clone, Debug)]
pub struct Settings {
    /// The site's public origin, e.g. `https://pasapas.example.org` (no trailing slash).
    pub public_origin: String,
    /// Whether cookies get the `Secure` attribute (the site is served over HTTPS).
    pub secure_cookies: bool,
}
