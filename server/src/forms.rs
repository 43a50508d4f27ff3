//! Plain axum handlers for what Leptos server functions cannot do: forms whose checkboxes
//! send the same field several times (server functions' URL decoding refuses it), the QR
//! code of a login card (a link), and data downloads. Thin handlers over services.

use axum::Form;
use axum::extract::{Extension, Path, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{Html, IntoResponse, Redirect, Response};

use app::model::VisitDraft;
use app::paths::{self, StepRef};
use app::ssr::drafts::Claim;
use app::ssr::identity::{self, CurrentUser, Trainer, Volunteer};
use app::ssr::request;
use app::ssr::services::quiz;
use app::ssr::services::{accounts, booklet, visits};
use app::ssr::state::AppState;

fn page(status: StatusCode, title: &str, message: &str) -> Response {
    page_with_way_out(status, title, message, "/", "Revenir à l'accueil")
}

/// [`page`] with its own way out (`href` is escaped; `title`, `message` and `label` are
/// the server's own French text).
pub(crate) fn page_with_way_out(
    status: StatusCode,
    title: &str,
    message: &str,
    href: &str,
    label: &str,
) -> Response {
    (
        status,
        Html(format!(
            "<!DOCTYPE html><html lang=\"fr\"><head><meta charset=\"utf-8\">\
             <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
             <link rel=\"stylesheet\" href=\"{css}\">\
             <title>{title} — Pas à Pas</title></head><body>\
             <a class=\"skip-link\" href=\"#contenu\">{skip}</a>\
             <header class=\"site-header\"><div class=\"wrap header-row\">\
             <a class=\"brand\" href=\"/\">Pas à Pas</a></div></header>\
             <main id=\"contenu\" class=\"wrap\" tabindex=\"-1\"><h1>{title}</h1>\
             <p>{message}</p><p><a class=\"button primary\" href=\"{href}\">{label}</a></p>\
             </main></body></html>",
            href = html_escape::encode_double_quoted_attribute(href),
            css = stylesheet(),
            skip = app::text::SKIP_LINK,
        )),
    )
        .into_response()
}

/// The site's stylesheet, for these pages built without Leptos: hashed in release builds,
/// as cargo-leptos wrote in `hash.txt` beside the binary.
fn stylesheet() -> &'static str {
    static HREF: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    HREF.get_or_init(|| {
        let hash = std::env::current_exe()
            .ok()
            .and_then(|exe| std::fs::read_to_string(exe.parent()?.join("hash.txt")).ok())
            .and_then(|list| {
                list.lines()
                    .find_map(|l| l.strip_prefix("css:").map(|h| h.trim().to_string()))
            });
        match hash {
            Some(hash) => format!("/pkg/pas-a-pas.{hash}.css"),
            None => "/pkg/pas-a-pas.css".to_string(),
        }
    })
}

/// A small French page for a form the server cannot read.
pub fn bad_form() -> Response {
    page(
        StatusCode::BAD_REQUEST,
        "Formulaire illisible",
        "Le formulaire n'a pas pu être lu. Revenez en arrière et réessayez.",
    )
}

fn server_error(e: impl std::fmt::Display) -> Response {
    tracing::error!(error = %e, "request failed");
    page(
        StatusCode::INTERNAL_SERVER_ERROR,
        "Un problème est survenu",
        "Le site a un problème. Ce n'est pas de votre faute. Réessayez dans quelques minutes.",
    )
}

fn field<'a>(fields: &'a [(String, String)], name: &str) -> Option<&'a str> {
    fields
        .iter()
        .find(|(n, _)| n == name)
        .map(|(_, v)| v.as_str())
}

fn all<'a>(fields: &'a [(String, String)], name: &'a str) -> impl Iterator<Item = &'a str> {
    fields
        .iter()
        .filter(move |(n, _)| n == name)
        .map(|(_, v)| v.as_str())
}

/// `POST /api/repondre`: the answer to a check question.
pub async fn answer(
    State(state): State<AppState>,
    user: Option<Extension<CurrentUser>>,
    stale: Option<Extension<request::StaleSession>>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Response {
    let (Some(module), Some(lesson), Some(step), Some(question)) = (
        field(&fields, "module"),
        field(&fields, "lesson"),
        field(&fields, "step"),
        field(&fields, "question"),
    ) else {
        return bad_form();
    };
    let chosen: Vec<String> = all(&fields, "reponse").map(str::to_string).collect();
    let place = StepRef::new(module, lesson, step);
    let learner = user.as_ref().and_then(|u| u.learner());
    if learner.is_none() && stale.is_some() {
        // The session ended while the question was on screen: sign in, then back to it.
        let suite = request::sign_in_to_continue_href(&place.href());
        return Redirect::to(&suite).into_response();
    }
    if learner.is_some_and(|l| !request::form_is_for(l, field(&fields, "owner"))) {
        // Another learner's tab, left open on a shared PC: nothing is recorded.
        return Redirect::to(request::NOT_SAVED_PATH).into_response();
    }
    match quiz::answer(
        &state.db,
        &state.content.get(),
        learner,
        &place,
        question,
        &chosen,
    )
    .await
    {
        Ok(Some(to)) => Redirect::to(&to).into_response(),
        // The lesson changed under the learner's feet: show the step (or its 404 page).
        Ok(None) => Redirect::to(&place.href()).into_response(),
        // Not recorded: back to the question, which says so.
        Err(e) => {
            tracing::error!(error = %e, "an answer could not be saved");
            // The answer's keys (`a`, `b`…) travel back so that the same boxes are ticked.
            let keys: Vec<&str> = chosen
                .iter()
                .map(String::as_str)
                .filter(|k| k.len() == 1 && k.as_bytes()[0].is_ascii_lowercase())
                .collect();
            let kept = format!("{question}:{}", keys.join(","));
            // A question's id is a short slug: anything longer is not worth carrying.
            let kept: &[(&str, &str)] = if kept.len() <= 200 {
                &[(paths::KEPT_ANSWER_KEY, &kept)]
            } else {
                &[]
            };
            Redirect::to(&paths::not_saved_href_keeping(&place.href(), kept)).into_response()
        }
    }
}

/// `POST /api/seance`: a help session, for one learner or a group workshop. Invalid forms
/// come back as typed, with their errors; "Chercher" filters the lessons, keeping the rest.
pub async fn visit(
    State(state): State<AppState>,
    volunteer: Option<Volunteer>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Response {
    let Some(Volunteer(staff)) = &volunteer else {
        return Redirect::to("/benevole/connexion").into_response();
    };
    let text = |name: &str| field(&fields, name).unwrap_or_default().to_string();
    let mut draft = VisitDraft {
        learners: all(&fields, "learner")
            .filter_map(|v| v.parse().ok())
            .collect(),
        date: text("date"),
        kind: text("kind"),
        place: text("place"),
        minutes: text("minutes"),
        topics: text("topics"),
        note: text("note"),
        lessons: all(&fields, "lesson").map(str::to_string).collect(),
        search: text("search"),
    };
    visits::dedup_learners(&mut draft);
    let back = match field(&fields, "single").and_then(|v| v.parse::<i32>().ok()) {
        Some(id) => format!("/benevole/apprenants/{id}/seance"),
        None => "/benevole/atelier".to_string(),
    };
    let owner = app::ssr::drafts::owner(staff);
    let kept = state.kept;
    if field(&fields, "action") == Some("chercher") {
        return match kept
            .visit_drafts
            .keep_for(&state.db, &owner, &(draft, Vec::new()))
            .await
        {
            Ok(key) => Redirect::to(&format!("{back}?brouillon={key}#lecons")).into_response(),
            Err(e) => server_error(e),
        };
    }
    let catalog = state.content.get();
    // The same form sent twice (a double click without JavaScript, a reload, to two
    // instances of the server): one session, and both answers show it.
    let logged = match field(&fields, "once").filter(|t| !t.is_empty()) {
        None => visits::log(&state.db, &catalog, staff, &draft).await,
        Some(token) => match kept.visit_once.claim(&state.db, &owner, token).await {
            Err(e) => return server_error(e),
            Ok(Claim::Done(id)) => {
                return Redirect::to(&format!("/benevole/seances/{id}")).into_response();
            }
            Ok(Claim::First(claim)) => {
                let logged = visits::log(claim.db(), &catalog, staff, &draft).await;
                let ended = match &logged {
                    Ok(visits::Logged::Saved(id)) => claim.done(&id.to_string()).await,
                    _ => claim.release().await,
                };
                if let Err(e) = ended {
                    return server_error(e);
                }
                logged
            }
        },
    };
    match logged {
        Ok(visits::Logged::Saved(id)) => {
            Redirect::to(&format!("/benevole/seances/{id}")).into_response()
        }
        Ok(visits::Logged::Invalid(errors)) => {
            visits::drop_missing_lessons(&catalog, &mut draft);
            match kept
                .visit_drafts
                .keep_for(&state.db, &owner, &(draft, errors))
                .await
            {
                Ok(key) => Redirect::to(&format!("{back}?brouillon={key}#erreurs")).into_response(),
                Err(e) => server_error(e),
            }
        }
        Ok(visits::Logged::NotFound) => page(
            StatusCode::NOT_FOUND,
            "Page introuvable",
            "Cette personne n'existe pas, ou elle n'est pas suivie par votre association.",
        ),
        Err(e) => server_error(e),
    }
}

/// `GET /carte/{code}`: the QR code of a login card. It signs nobody in: any site may link
/// here, and a link must neither sign someone in nor end the session of whoever is on this
/// computer. The code is kept in a short-lived cookie and the browser goes on to `/carte`
/// ("C'est bien vous, Jeanne ?" and one big button, a form posted from this site), so the
/// code leaves the address bar and the history at once.
pub async fn card_link(State(state): State<AppState>, Path(code): Path<String>) -> Response {
    let code: String = app::ssr::auth::normalize_code(&code)
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .take(32)
        .collect();
    let mut res = Redirect::to("/carte").into_response();
    if let Some(cookie) = request::card_cookie(
        &code,
        request::CARD_COOKIE_SECS,
        state.settings.secure_cookies,
    ) {
        res.headers_mut().append(header::SET_COOKIE, cookie);
    }
    res
}

/// Which learner's data, for whom.
async fn export_for(
    state: &AppState,
    user: Option<&CurrentUser>,
    learner_id: Option<i32>,
) -> Result<Option<booklet::Export>, sea_orm::DbErr> {
    let learner = match learner_id {
        None => identity::as_learner(user).ok().cloned(),
        Some(id) => match identity::as_volunteer(user) {
            Ok(s) => accounts::learner_for_staff(&state.db, s, id).await?,
            Err(_) => None,
        },
    };
    match learner {
        Some(l) => booklet::export(&state.db, &l).await.map(Some),
        None => Ok(None),
    }
}

fn download(body: String, content_type: &'static str, name: &str) -> Response {
    let mut res = body.into_response();
    let headers = res.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    if let Ok(v) = HeaderValue::from_str(&format!("attachment; filename=\"{name}\"")) {
        headers.insert(header::CONTENT_DISPOSITION, v);
    }
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    res
}

async fn export_response(
    state: &AppState,
    user: Option<&CurrentUser>,
    learner_id: Option<i32>,
    csv: bool,
) -> Response {
    match export_for(state, user, learner_id).await {
        Ok(Some(export)) if csv => match booklet::export_csv(&export) {
            Ok(body) => download(body, "text/csv; charset=utf-8", "pas-a-pas-donnees.csv"),
            Err(e) => server_error(e),
        },
        Ok(Some(export)) => match serde_json::to_string_pretty(&export) {
            Ok(body) => download(body, "application/json", "pas-a-pas-donnees.json"),
            Err(e) => server_error(e),
        },
        Ok(None) => page(
            StatusCode::NOT_FOUND,
            "Page introuvable",
            "Connectez-vous pour télécharger vos données.",
        ),
        Err(e) => server_error(e),
    }
}

/// `GET /mes-donnees.json` and `/mes-donnees.csv`: the signed-in learner's data.
pub async fn my_data_json(
    State(state): State<AppState>,
    user: Option<Extension<CurrentUser>>,
) -> Response {
    export_response(&state, user.as_deref(), None, false).await
}

pub async fn my_data_csv(
    State(state): State<AppState>,
    user: Option<Extension<CurrentUser>>,
) -> Response {
    export_response(&state, user.as_deref(), None, true).await
}

/// `GET /benevole/apprenants/{id}/donnees.json` and `.csv`: a learner's data, downloaded
/// by a volunteer of their structure.
pub async fn learner_data_json(
    State(state): State<AppState>,
    user: Option<Extension<CurrentUser>>,
    Path(id): Path<i32>,
) -> Response {
    export_response(&state, user.as_deref(), Some(id), false).await
}

pub async fn learner_data_csv(
    State(state): State<AppState>,
    user: Option<Extension<CurrentUser>>,
    Path(id): Path<i32>,
) -> Response {
    export_response(&state, user.as_deref(), Some(id), true).await
}

/// `POST /formateur/image`: an image for a lesson, stored beside it (multipart form).
pub async fn lesson_image(
    State(state): State<AppState>,
    trainer: Option<Trainer>,
    mut form: axum::extract::Multipart,
) -> Response {
    let Some(Trainer(trainer)) = trainer else {
        return Redirect::to("/benevole/connexion").into_response();
    };
    let trainer = trainer.id;
    let (mut lesson, mut alt, mut name, mut bytes, mut draft) = (
        String::new(),
        String::new(),
        String::new(),
        Vec::new(),
        String::new(),
    );
    loop {
        match form.next_field().await {
            Ok(Some(field)) => {
                let field_name = field.name().unwrap_or_default().to_string();
                if field_name == "image" {
                    name = field.file_name().unwrap_or_default().to_string();
                    // Read at most a little more than allowed: enough to refuse it.
                    let mut field = field;
                    while let Ok(Some(chunk)) = field.chunk().await {
                        bytes.extend_from_slice(&chunk);
                        if bytes.len() > app::ssr::services::authoring::MAX_IMAGE_BYTES + 1 {
                            break;
                        }
                    }
                } else {
                    let value = field.text().await.unwrap_or_default();
                    match field_name.as_str() {
                        "fichier" => lesson = value,
                        "alt" => alt = value,
                        "brouillon" => draft = value,
                        _ => {}
                    }
                }
            }
            Ok(None) => break,
            // Most often a file far too big for the body limit: say so, on the editor.
            Err(e) if !lesson.is_empty() => {
                tracing::warn!(error = %e, "unreadable image form");
                return Redirect::to(&format!(
                    "/formateur/editer?fichier={lesson}&erreur-image={}",
                    app::paths::encode_component(
                        "L'image est trop lourde : 2 Mo au plus. Réduisez-la avant de l'envoyer."
                    )
                ))
                .into_response();
            }
            Err(e) => {
                tracing::warn!(error = %e, "unreadable image form");
                return bad_form();
            }
        }
    }
    let tree = state.content.tree();
    if !app::ssr::services::authoring::is_lesson(&lesson)
        || !tree.is_file(&tree.dir().join(&lesson))
    {
        return page(
            StatusCode::NOT_FOUND,
            "Leçon introuvable",
            "Cette leçon n'existe pas. L'image n'est pas enregistrée. Revenez à l'espace formateur.",
        );
    }
    let saved = app::ssr::services::authoring::save_image(
        &state.db,
        &state.content,
        &lesson,
        &name,
        bytes,
        &alt,
        trainer,
    )
    .await;
    // The text typed and kept before sending the image comes back with the editor.
    let draft = if !draft.is_empty()
        && draft
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
    {
        format!("&brouillon={draft}")
    } else {
        String::new()
    };
    let back = format!("/formateur/editer?fichier={lesson}{draft}");
    match saved {
        Ok(Ok(markdown)) => Redirect::to(&format!(
            "{back}&image={}",
            app::paths::encode_component(&markdown)
        ))
        .into_response(),
        Ok(Err(message)) => Redirect::to(&format!(
            "{back}&erreur-image={}",
            app::paths::encode_component(message)
        ))
        .into_response(),
        Err(e) => server_error(e),
    }
}

/// An exercise form the server could not read to the end: most often a file far over
/// [`app::ssr::services::practice::MAX_REQUEST_BYTES`]. Nothing is recorded; the page says
/// why, in words a learner understands, and leads back to the step.
fn unreadable_exercise(
    fields: &[(String, String)],
    e: axum::extract::multipart::MultipartError,
) -> Response {
    tracing::warn!(error = %e, "unreadable exercise form");
    // A body over the limit is refused before any field is read: the step is not known.
    let back = match (
        field(fields, "module"),
        field(fields, "lesson"),
        field(fields, "step"),
    ) {
        (Some(m), Some(l), Some(s)) => paths::step(m, l, s),
        _ => "/".to_string(),
    };
    let (status, title, message) = if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
        (
            StatusCode::PAYLOAD_TOO_LARGE,
            "Fichier beaucoup trop lourd",
            "Le fichier choisi est beaucoup trop lourd pour l'exercice : 5 Mo au plus. \
             Revenez en arrière avec le bouton « Retour » du navigateur, puis choisissez \
             une photo ou un document plus petit. Rien n'a été gardé.",
        )
    } else {
        (
            StatusCode::BAD_REQUEST,
            "Formulaire illisible",
            "Le formulaire n'a pas pu être lu. Revenez en arrière et réessayez.",
        )
    };
    let label = if back == "/" {
        "Revenir à l'accueil"
    } else {
        "Revenir à l'exercice"
    };
    page_with_way_out(status, title, message, &back, label)
}

/// A text field of an exercise form, read chunk by chunk: its first
/// [`app::ssr::services::practice::MAX_FIELD_BYTES`] are kept (cut to whole characters,
/// [`app::ssr::services::practice::MAX_FIELD_CHARS`] at most), the rest is read and
/// dropped as it comes, so that a huge field never sits in memory.
async fn read_text_field(
    field: &mut axum::extract::multipart::Field<'_>,
) -> Result<String, axum::extract::multipart::MultipartError> {
    use app::ssr::services::practice::{MAX_FIELD_BYTES, MAX_FIELD_CHARS};
    let mut bytes: Vec<u8> = Vec::new();
    while let Some(chunk) = field.chunk().await? {
        let room = MAX_FIELD_BYTES.saturating_sub(bytes.len());
        bytes.extend_from_slice(&chunk[..chunk.len().min(room)]);
    }
    // A character cut at the limit becomes U+FFFD, then goes with the rest past the limit.
    Ok(String::from_utf8_lossy(&bytes)
        .chars()
        .take(MAX_FIELD_CHARS)
        .collect())
}

/// `POST /exercice`: a learner's action in a practice exercise (multipart, so that a real
/// file can be attached). The file is read in memory only to learn its kind, then dropped:
/// it is never written to disk nor served. Answers with the step's URL, carrying the
/// exercise's next screen.
pub async fn exercise(
    State(state): State<AppState>,
    user: Option<Extension<CurrentUser>>,
    mut form: axum::extract::Multipart,
) -> Response {
    use app::ssr::services::practice::{self, MAX_FIELDS, MAX_UPLOAD_BYTES, Upload};
    let mut fields: Vec<(String, String)> = Vec::new();
    let mut upload: Option<Upload> = None;
    loop {
        match form.next_field().await {
            Ok(Some(mut field)) => {
                let name = field.name().unwrap_or_default().to_string();
                if name == "fichier" {
                    let file_name = field.file_name().unwrap_or_default().to_string();
                    // The first bytes tell the kind; the rest is read to the end and
                    // dropped, so that the browser gets an answer and not a cut connection.
                    let mut head: Vec<u8> = Vec::new();
                    let mut size = 0usize;
                    loop {
                        match field.chunk().await {
                            Ok(Some(chunk)) => {
                                size += chunk.len();
                                if head.len() < 64 {
                                    let n = chunk.len().min(64 - head.len());
                                    head.extend_from_slice(&chunk[..n]);
                                }
                            }
                            Ok(None) => break,
                            Err(e) => return unreadable_exercise(&fields, e),
                        }
                    }
                    if !file_name.is_empty() && size > 0 {
                        upload = Some(Upload {
                            name: file_name.chars().take(120).collect(),
                            kind: app::ssr::content::exercise::sniff(&file_name, &head),
                            too_big: size > MAX_UPLOAD_BYTES,
                        });
                    }
                } else {
                    match read_text_field(&mut field).await {
                        Ok(value) if fields.len() < MAX_FIELDS => fields.push((name, value)),
                        Ok(_) => {}
                        Err(e) => return unreadable_exercise(&fields, e),
                    }
                }
            }
            Ok(None) => break,
            Err(e) => return unreadable_exercise(&fields, e),
        }
    }
    let (Some(module), Some(lesson), Some(step), Some(id)) = (
        field(&fields, "module"),
        field(&fields, "lesson"),
        field(&fields, "step"),
        field(&fields, "ex"),
    ) else {
        return bad_form();
    };
    let place = StepRef::new(module, lesson, step);
    let step_href = place.href();
    let catalog = state.content.get();
    let Some(exercise) = catalog
        .step(module, lesson, step)
        .and_then(|s| s.exercise(id))
    else {
        // The lesson changed under the learner's feet: show the step (or its 404 page).
        return Redirect::to(&step_href).into_response();
    };
    let learner = user.as_ref().and_then(|u| u.learner());
    if learner.is_some_and(|l| !request::form_is_for(l, field(&fields, "owner"))) {
        // Another learner's tab, left open on a shared PC: nothing is recorded.
        return Redirect::to(request::NOT_SAVED_PATH).into_response();
    }
    let owner = learner.map(|l| l.id);
    let submitted =
        match practice::submit(&state.db, exercise, &fields, upload.as_ref(), owner).await {
            Ok(submitted) => submitted,
            Err(e) => return server_error(e),
        };
    drop(upload);
    if let (Some(learner), Some(attempt)) = (
        user.as_ref().and_then(|u| u.learner()),
        submitted.attempt.as_ref(),
    ) && let Err(e) = practice::record(&state.db, learner.id, &place, attempt).await
    {
        return server_error(e);
    }
    let query = serde_urlencoded::to_string(&submitted.params).unwrap_or_default();
    Redirect::to(&format!("{step_href}?{query}#exercice-{id}")).into_response()
}
