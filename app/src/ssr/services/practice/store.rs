//! What the server keeps of exercises between two requests, in the database for an hour:
//! the progress under the key `etat=` of the step's URL, and the tokens of the mouse
//! exercises it rendered.

use sea_orm::{ConnectionTrait, DbErr};
use serde::{Deserialize, Serialize};

use super::params::{Params, get};
use crate::model::{ExerciseScreen, StepBlock};
use crate::ssr::content::exercise::FileKind;
use crate::ssr::drafts::{Drafts, learner_owner};

/// What the server saw of exercises, by the key `etat=` of the step's URL, for an hour.
pub(super) const PROGRESS: Drafts<Progress> = Drafts::new("exercice");
/// The tokens of the mouse exercises rendered, with the exercise's id, for an hour.
pub(super) const SHOWN: Drafts<String> = Drafts::new("geste");

/// What the server saw of one exercise: kept under the key `etat=` of the step's URL.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Progress {
    /// The exercise's id.
    pub exercise: String,
    /// The learner it belongs to (`None`: nobody signed in).
    pub owner: Option<i32>,
    /// The pretend site: signed in with the right identifier and password.
    pub signed_in: bool,
    /// The pretend site: how many screens were filled in without mistakes.
    pub passed: usize,
    /// The pretend site: values typed (`v.{name}`), as typed.
    pub values: Vec<(String, String)>,
    /// The file attached on the pretend site or in the mailbox's message being written, as
    /// the server read it (its name and kind, never its bytes): kept after a mistake, so
    /// that the learner does not choose it again.
    pub file: Option<(String, FileKind)>,
    /// The mailbox: the message was sent (it is in "Messages envoyés").
    pub sent: bool,
    /// The mailbox: the message (to, subject, text), and the attachment's name once sent.
    pub draft: Option<(String, String, String)>,
    pub sent_attachment: Option<String>,
}

/// What the server kept under `etat` in `params` for this learner (`None`: nobody signed
/// in): what is kept of an exercise is shown to its owner only (an address in a shared
/// PC's history shows nothing to the next person).
pub async fn load(
    db: &impl ConnectionTrait,
    params: &Params,
    learner: Option<i32>,
) -> Result<Option<Progress>, DbErr> {
    match get(params, "etat") {
        Some(key) => PROGRESS.get_for(db, &learner_owner(learner), key).await,
        None => Ok(None),
    }
}

/// Gives each mouse exercise of a page its token, kept on the server: only a gesture
/// reported with it is counted.
pub async fn issue_tokens(
    db: &impl ConnectionTrait,
    blocks: &mut [StepBlock],
) -> Result<(), DbErr> {
    for block in blocks {
        if let StepBlock::Exercise(view) = block
            && let ExerciseScreen::Mouse(mouse) = &mut view.screen
        {
            // Best effort: when the database cannot be written (a full disk), the step is
            // still shown; a gesture made on it is then not counted.
            match SHOWN.keep(db, &view.id).await {
                Ok(token) => mouse.token = token,
                Err(e) => tracing::warn!(error = %e, "cannot keep a mouse exercise's token"),
            }
        }
    }
    Ok(())
}

/// What the server keeps after an action: under this key (`etat=` of the next address).
pub(super) type Keep = Option<(String, Progress)>;
