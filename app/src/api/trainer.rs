//! The trainers' area: the state of every lesson, the editor with its preview, saving,
//! undoing, creating from templates. Only trainers may call these.

use leptos::prelude::*;

use crate::error::AppError;
use crate::model::{EditorView, PreviewView, TrainerOverview};

#[server(prefix = "/api", endpoint = "formateur/etat")]
pub async fn get_trainer_overview() -> Result<TrainerOverview, AppError> {
    use crate::ssr::request;
    use crate::ssr::services::authoring;
    let state = request::app_state()?;
    request::require_trainer()?;
    let store = state.content.clone();
    tokio::task::spawn_blocking(move || authoring::overview(&store))
        .await
        .map_err(|_| AppError::Internal)
}

/// The editor of `file`; `draft` is the key of a text typed but not saved; `answer` is a
/// check question's answer to explain in the preview (`question-id:a,c`).
#[server(prefix = "/api", endpoint = "formateur/editeur")]
pub async fn get_editor(
    file: String,
    draft: Option<String>,
    step: Option<String>,
    answer: Option<String>,
) -> Result<EditorView, AppError> {
    use crate::ssr::request;
    use crate::ssr::services::{authoring, quiz::Answered};
    let state = request::app_state()?;
    let trainer = request::require_trainer()?;
    if !authoring::is_editable(&file) {
        return Err(AppError::NotFound);
    }
    let store = state.content.clone();
    let kept = match &draft {
        Some(key) => state
            .kept
            .editor_drafts
            .get_for(&state.db, &crate::ssr::drafts::owner(&trainer), key)
            .await?
            .filter(|d| d.file == file),
        None => None,
    };
    // The key is handed on (step links, questions, images) only while it is valid.
    let draft_key = draft.filter(|_| kept.is_some());
    // The file as every instance sees it (this instance may be a second behind).
    let state_of_file = authoring::file_state(&state.db, &store, &file).await?;
    let on_disk = state_of_file.current().ok_or(AppError::NotFound)?;
    let history = state_of_file.undo_steps();
    let changed_in_git = state_of_file.changed_in_folder();
    tokio::task::spawn_blocking(move || {
        let on_disk_hash = on_disk.hash.clone();
        let (text, base, conflict) = match kept {
            Some(d) => (d.text, d.base, d.conflict),
            None => (on_disk.text.clone(), on_disk.hash.clone(), None),
        };
        let is_lesson = authoring::is_lesson(&file);
        let answered = answer.as_deref().and_then(Answered::parse);
        let preview = is_lesson
            .then(|| {
                authoring::preview(
                    &store,
                    &store.get(),
                    &file,
                    &text,
                    step.as_deref(),
                    answered.as_ref(),
                )
            })
            .flatten();
        // The preview checked the text already: a lesson is checked and rendered once.
        let problems = match &preview {
            Some(p) => p.problems.clone(),
            None => authoring::check(&store, &file, &text)
                .iter()
                .map(|p| authoring::problem_view(&store, p))
                .collect(),
        };
        Ok(EditorView {
            draft: text.lines().any(|l| l.replace(' ', "") == "draft=true"),
            history,
            changed_in_git,
            file,
            text,
            base,
            problems,
            preview,
            is_lesson,
            conflict,
            draft_key,
            on_disk: on_disk_hash,
        })
    })
    .await
    .map_err(|_| AppError::Internal)?
}

/// Keeps a text typed in the editor (for the preview, or live preview with JavaScript);
/// returns its key.
#[server(prefix = "/api", endpoint = "formateur/brouillon")]
pub async fn keep_editor_text(
    file: String,
    text: String,
    base: String,
) -> Result<String, AppError> {
    use crate::ssr::request;
    use crate::ssr::state::EditorDraft;
    let state = request::app_state()?;
    let trainer = request::require_trainer()?;
    let draft = EditorDraft {
        file,
        text,
        base,
        conflict: None,
    };
    Ok(state
        .kept
        .editor_drafts
        .keep_for(&state.db, &crate::ssr::drafts::owner(&trainer), &draft)
        .await?)
}

/// The editor's form: `action` is `apercu` (refresh the preview), `etape:<step>` (show
/// that step in the preview), `ligne:<n>` (go to a problem's line), `brouillon` (save as
/// draft) or `publier` (save and publish, refused with errors). The first three keep the
/// text typed, unsaved, so that moving around the preview never loses it.
#[server(prefix = "/api", endpoint = "formateur/enregistrer")]
pub async fn save_content(
    file: String,
    text: String,
    base: String,
    action: String,
    step: Option<String>,
) -> Result<(), AppError> {
    use crate::ssr::content;
    use crate::ssr::request;
    use crate::ssr::services::authoring::{self, Action, Saved};
    use crate::ssr::state::EditorDraft;
    let state = request::app_state()?;
    let trainer = request::require_trainer()?;
    if !authoring::is_editable(&file) {
        return Err(AppError::NotFound);
    }
    let owner = crate::ssr::drafts::owner(&trainer);
    let (step, line) = match action.split_once(':') {
        Some(("etape", s)) => (Some(s.to_string()), None),
        Some(("ligne", n)) => (step, n.parse::<usize>().ok()),
        _ => (step, None),
    };
    let step = step
        .filter(|s| content::slug::is_valid(s))
        .map(|s| format!("&etape={s}"))
        .unwrap_or_default();
    let keep = async |conflict: Option<String>, base: String| {
        let draft = EditorDraft {
            file: file.clone(),
            text: text.clone(),
            base,
            conflict,
        };
        state
            .kept
            .editor_drafts
            .keep_for(&state.db, &owner, &draft)
            .await
    };
    let action = match action.as_str() {
        "brouillon" => Action::Draft,
        "publier" => Action::Publish,
        _ => {
            let key = keep(None, base.clone()).await?;
            let place = match line {
                Some(n) => format!("&ligne={n}#editeur"),
                None => "#apercu".to_string(),
            };
            request::redirect(&format!(
                "/formateur/editer?fichier={file}&brouillon={key}{step}{place}"
            ));
            return Ok(());
        }
    };
    let saved = authoring::save(
        &state.db,
        &state.content,
        &file,
        &text,
        &base,
        action,
        trainer.id,
    )
    .await?;
    match saved {
        Saved::Written => {
            let store = state.content.clone();
            let f = file.clone();
            let visible =
                tokio::task::spawn_blocking(move || authoring::visible_to_learners(&store, &f))
                    .await
                    .map_err(|_| AppError::Internal)?;
            let done = match action {
                _ if !authoring::is_lesson(&file) && !file.contains('/') => "publie",
                Action::Publish if visible => "publie",
                // Published, but its module is a draft: learners do not see it yet.
                Action::Publish => "publie-cache",
                // A draft never changes what learners see: the published version stays.
                Action::Draft if visible => "brouillon-en-ligne",
                Action::Draft => "brouillon",
            };
            request::redirect(&format!(
                "/formateur/editer?fichier={file}&enregistre={done}{step}"
            ));
        }
        Saved::Invalid(_) => {
            let key = keep(None, base).await?;
            request::redirect(&format!(
                "/formateur/editer?fichier={file}&brouillon={key}&refus=1{step}#problemes"
            ));
        }
        Saved::Conflict(theirs) => {
            // Saving again replaces their version: the base becomes theirs.
            let key = keep(Some(theirs.text), theirs.hash).await?;
            request::redirect(&format!(
                "/formateur/editer?fichier={file}&brouillon={key}&conflit=1{step}"
            ));
        }
    }
    Ok(())
}

/// "Annuler la dernière modification"; `base` is the hash of the file when the page was
/// shown: if it changed since, nothing is undone and both versions are shown.
#[server(prefix = "/api", endpoint = "formateur/annuler")]
pub async fn undo_content(file: String, base: Option<String>) -> Result<(), AppError> {
    use crate::ssr::request;
    use crate::ssr::services::authoring::{self, Undone};
    use crate::ssr::state::EditorDraft;
    let state = request::app_state()?;
    let trainer = request::require_trainer()?;
    if !authoring::is_editable(&file) {
        return Err(AppError::NotFound);
    }
    let undone = authoring::undo(
        &state.db,
        &state.content,
        &file,
        base.as_deref(),
        trainer.id,
    )
    .await?;
    match undone {
        Undone::Done => request::redirect(&format!("/formateur/editer?fichier={file}&annule=1")),
        Undone::Nothing => request::redirect(&format!("/formateur/editer?fichier={file}&annule=0")),
        Undone::Conflict { current, previous } => {
            // The text area shows the file as it is now; beside it, what undo would put back.
            let draft = EditorDraft {
                file: file.clone(),
                text: current.text,
                base: current.hash,
                conflict: Some(previous),
            };
            let key = state
                .kept
                .editor_drafts
                .keep_for(&state.db, &crate::ssr::drafts::owner(&trainer), &draft)
                .await?;
            request::redirect(&format!(
                "/formateur/editer?fichier={file}&brouillon={key}&annule=conflit"
            ));
        }
    }
    Ok(())
}

/// A new lesson (in `module`) or a new module (without `module`), from the templates.
/// `once`, the form's one-time token: the same form sent twice creates one lesson, and
/// both answers open it.
#[server(prefix = "/api", endpoint = "formateur/creer")]
pub async fn create_content(
    module: Option<String>,
    title: String,
    once: Option<String>,
) -> Result<(), AppError> {
    use crate::ssr::drafts::{self, Claim};
    use crate::ssr::request;
    use crate::ssr::services::authoring;
    let state = request::app_state()?;
    let trainer = request::require_trainer()?;
    // Written in the transaction of the form's token (or its own), then every instance
    // reloads.
    let create = async |db: &sea_orm::DatabaseTransaction| match &module {
        Some(m) => authoring::new_lesson(db, &state.content, m, &title, trainer.id).await,
        None => authoring::new_module(db, &state.content, &title, trainer.id).await,
    };
    // The token is the form's and the module's (each module has its own form).
    let token = once
        .filter(|t| !t.is_empty())
        .map(|t| format!("{}:{t}", module.as_deref().unwrap_or("")));
    let created = match token {
        None => {
            use crate::ssr::db::WriteTransaction as _;
            let txn = state.db.begin_write().await?;
            let created = create(&txn).await?;
            txn.commit().await?;
            created
        }
        Some(token) => {
            match state
                .kept
                .content_once
                .claim(&state.db, &drafts::owner(&trainer), &token)
                .await?
            {
                Claim::Busy => return Err(AppError::Conflict),
                Claim::Done(file) => {
                    request::redirect(&format!("/formateur/editer?fichier={file}&nouveau=1"));
                    return Ok(());
                }
                Claim::First(claim) => {
                    let created = create(claim.db()).await?;
                    match &created {
                        Ok(file) => claim.done(file).await?,
                        Err(_) => claim.release().await?,
                    }
                    created
                }
            }
        }
    };
    if created.is_ok() {
        authoring::reload_after_commit(&state.content, &state.db).await;
    }
    match created {
        Ok(file) => request::redirect(&format!("/formateur/editer?fichier={file}&nouveau=1")),
        Err(_) => request::redirect("/formateur?erreur=titre#creer"),
    }
    Ok(())
}

/// A step of any lesson (draft or broken too), as the learner will see it; `answer` is a
/// check question's answer to explain (`question-id:a,c`). A lesson that cannot be shown at
/// all comes with its problems only.
#[server(prefix = "/api", endpoint = "formateur/apercu")]
pub async fn get_preview(
    file: String,
    step: Option<String>,
    answer: Option<String>,
) -> Result<PreviewView, AppError> {
    use crate::ssr::request;
    use crate::ssr::services::{authoring, quiz::Answered};
    let state = request::app_state()?;
    request::require_trainer()?;
    if !authoring::is_lesson(&file) {
        return Err(AppError::NotFound);
    }
    let store = state.content.clone();
    tokio::task::spawn_blocking(move || {
        let text = authoring::read(&store, &file)
            .map_err(|_| AppError::NotFound)?
            .text;
        let answered = answer.as_deref().and_then(Answered::parse);
        let preview = authoring::preview(
            &store,
            &store.get(),
            &file,
            &text,
            step.as_deref(),
            answered.as_ref(),
        );
        let problems = match &preview {
            Some(_) => Vec::new(),
            None => authoring::check(&store, &file, &text)
                .iter()
                .map(|p| authoring::problem_view(&store, p))
                .collect(),
        };
        Ok(PreviewView {
            file,
            preview,
            problems,
        })
    })
    .await
    .map_err(|_| AppError::Internal)?
}

/// "Archiver ce module" (`action = "archiver"`) or "Remettre ce module en ligne"
/// (`"desarchiver"`): learners' history is kept either way.
#[server(prefix = "/api", endpoint = "formateur/archiver")]
pub async fn archive_module(module: String, action: String) -> Result<(), AppError> {
    use crate::ssr::request;
    use crate::ssr::services::module_status;
    let state = request::app_state()?;
    let trainer = request::require_trainer()?;
    let archived = match action.as_str() {
        "archiver" => true,
        "desarchiver" => false,
        _ => {
            return Err(AppError::Request(
                leptos::server_fn::error::ServerFnErrorErr::Args(action),
            ));
        }
    };
    module_status::set_archived(&state.db, &state.content, &module, archived, trainer.id).await?;
    let done = if archived { "archive" } else { "desarchive" };
    request::redirect(&format!(
        "/formateur?module={module}&fait={done}#module-{module}"
    ));
    Ok(())
}

/// "Supprimer ce module", with its confirmation box (`confirme`): refused, and the trainer
/// told why with archiving offered, if any learner has progress in it.
#[server(prefix = "/api", endpoint = "formateur/supprimer")]
pub async fn delete_module(module: String, confirme: Option<String>) -> Result<(), AppError> {
    use crate::ssr::request;
    use crate::ssr::services::module_status::{self, Deleted};
    let state = request::app_state()?;
    let trainer = request::require_trainer()?;
    if !crate::ssr::content::slug::is_valid(&module) {
        return Err(AppError::NotFound);
    }
    if confirme.is_none() {
        request::redirect(&format!(
            "/formateur?module={module}&refus=confirmer#module-{module}"
        ));
        return Ok(());
    }
    match module_status::delete(&state.db, &state.content, &module, trainer.id).await? {
        Deleted::Done => request::redirect("/formateur?fait=supprime"),
        Deleted::HasProgress { learners } => request::redirect(&format!(
            "/formateur?module={module}&refus=progression&apprenants={learners}#module-{module}"
        )),
    }
    Ok(())
}
