//! Plain axum handlers for what Leptos server functions cannot do well: forms whose
//! checkboxes send the same field several times and whose refusal must keep what was typed
//! (a check question's answer, a session), multipart forms read field by field with limits
//! (a lesson image, an exercise's file, read chunk by chunk and dropped), the QR code of a
//! login card (a link), and data downloads. Thin handlers over services: who may do what is
//! the role extractors' rule (`app::ssr::identity`); every error is an [`AppError`] (or its
//! [`ErrorPage`] with more precise words) that the server's last middleware renders as a
//! page of the site (`crate::middleware::render_error_pages`).

use axum::Form;
use axum::extract::multipart::{Field, MultipartError, MultipartRejection};
use axum::extract::rejection::{FormRejection, PathRejection};
use axum::extract::{Extension, Multipart, Path, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use leptos::server_fn::error::ServerFnErrorErr;

use app::error::{AppError, ErrorPage};
use app::model::VisitDraft;
use app::paths::{self, StepRef};
use app::ssr::db::entities::learner;
use app::ssr::drafts::Claim;
use app::ssr::identity::{Coordinator, Learner, Staff, Trainer, Volunteer};
use app::ssr::request;
use app::ssr::services::quiz;
use app::ssr::services::{accounts, booklet, training, visits, zones};
use app::ssr::state::AppState;
use app::text::answers;

/// What a handler answers: its page or redirect, or an error page.
type Answer = Result<Response, ErrorPage>;

/// A form the server cannot read.
fn bad_form(why: impl std::fmt::Display) -> ErrorPage {
    tracing::warn!(error = %why, "unreadable form");
    AppError::Request(ServerFnErrorErr::Args(why.to_string())).page()
}

/// A plain form's body: unreadable, or over the body limit.
fn form_refused(rejection: FormRejection) -> ErrorPage {
    if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE {
        return AppError::TooLarge.page();
    }
    bad_form(rejection.body_text())
}

fn multipart_refused(rejection: MultipartRejection) -> ErrorPage {
    bad_form(rejection.body_text())
}

/// A failure on the server: logged in full, shown as [`AppError::Internal`].
fn internal(e: impl std::fmt::Display) -> ErrorPage {
    tracing::error!(error = %e, "request failed");
    AppError::Internal.page()
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
    learner: Option<Learner>,
    staff: Option<Staff>,
    stale: Option<Extension<request::StaleSession>>,
    form: Result<Form<Vec<(String, String)>>, FormRejection>,
) -> Answer {
    let Form(fields) = form.map_err(form_refused)?;
    let (Some(module), Some(lesson), Some(step), Some(question)) = (
        field(&fields, "module"),
        field(&fields, "lesson"),
        field(&fields, "step"),
        field(&fields, "question"),
    ) else {
        return Err(bad_form("an answer without its step or question"));
    };
    let chosen: Vec<String> = all(&fields, "reponse").map(str::to_string).collect();
    let place = StepRef::new(module, lesson, step);
    if staff.is_some() && training::is_training_module(&state.content.get(), module) {
        // A member of staff in their own training: the answer is explained, not recorded.
        let to = training::answer_href(&state.content.get(), &place, question, &chosen)
            .unwrap_or_else(|| place.href());
        return Ok(Redirect::to(&to).into_response());
    }
    let learner = learner.as_ref().map(|Learner(l)| l);
    if learner.is_none() && stale.is_some() {
        // The session ended while the question was on screen: sign in, then back to it.
        let suite = request::sign_in_to_continue_href(&place.href());
        return Ok(Redirect::to(&suite).into_response());
    }
    if learner.is_some_and(|l| !request::form_is_for(l, field(&fields, "owner"))) {
        // Another learner's tab, left open on a shared PC: nothing is recorded.
        return Ok(Redirect::to(request::NOT_SAVED_PATH).into_response());
    }
    Ok(
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
        },
    )
}

/// `POST /api/equipe/zones/benevoles`: who covers a zone (a coordinator's form: one
/// checkbox per volunteer, all named `volunteer`).
pub async fn zone_volunteers(
    State(state): State<AppState>,
    Coordinator(me): Coordinator,
    form: Result<Form<Vec<(String, String)>>, FormRejection>,
) -> Answer {
    let Form(fields) = form.map_err(form_refused)?;
    let zone = field(&fields, "zone")
        .and_then(|z| z.parse::<i32>().ok())
        .ok_or(AppError::NotFound)?;
    let chosen: Vec<i32> = all(&fields, "volunteer")
        .filter_map(|v| v.parse().ok())
        .collect();
    let outcome = zones::set_volunteers(&state.db, &me, zone, &chosen)
        .await
        .map_err(AppError::from)?
        .ok_or(AppError::NotFound)?;
    let to = app::api::zones::back_to_page(outcome, &format!("zone-{zone}"), &[], None);
    Ok(Redirect::to(&to).into_response())
}

/// `POST /api/seance`: a help session, for one learner or a group workshop. Invalid forms
/// come back as typed, with their errors; "Chercher" filters the lessons, keeping the rest.
pub async fn visit(
    State(state): State<AppState>,
    Volunteer(staff): Volunteer,
    form: Result<Form<Vec<(String, String)>>, FormRejection>,
) -> Answer {
    let Form(fields) = form.map_err(form_refused)?;
    let staff = &staff;
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
        let key = kept
            .visit_drafts
            .keep_for(&state.db, &owner, &(draft, Vec::new()))
            .await?;
        return Ok(Redirect::to(&format!("{back}?brouillon={key}#lecons")).into_response());
    }
    let catalog = state.content.get();
    // The same form sent twice (a double click without JavaScript, a reload, to two
    // instances of the server): one session, and both answers show it.
    let logged = match field(&fields, "once").filter(|t| !t.is_empty()) {
        None => visits::log(&state.db, &catalog, staff, &draft).await,
        Some(token) => match kept.visit_once.claim(&state.db, &owner, token).await? {
            Claim::Busy => return Err(AppError::Conflict.into()),
            Claim::Done(id) => {
                return Ok(Redirect::to(&format!("/benevole/seances/{id}")).into_response());
            }
            Claim::First(claim) => {
                let logged = visits::log(claim.db(), &catalog, staff, &draft).await;
                match &logged {
                    Ok(visits::Logged::Saved(id)) => claim.done(&id.to_string()).await?,
                    _ => claim.release().await?,
                };
                logged
            }
        },
    };
    match logged? {
        visits::Logged::Saved(id) => Ok(Redirect::to(&paths::visit(id)).into_response()),
        visits::Logged::Invalid(errors) => {
            visits::drop_missing_lessons(&catalog, &mut draft);
            let key = kept
                .visit_drafts
                .keep_for(&state.db, &owner, &(draft, errors))
                .await?;
            Ok(Redirect::to(&format!("{back}?brouillon={key}#erreurs")).into_response())
        }
        visits::Logged::NotFound => Err(AppError::NotFound
            .page()
            .saying(answers::VISIT_LEARNER_NOT_FOUND)),
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

/// The data of `learner` (`None`: nobody the person asking may download) as a file.
async fn export_response(state: &AppState, learner: Option<&learner::Model>, csv: bool) -> Answer {
    let Some(learner) = learner else {
        return Err(AppError::NotFound.page().saying(answers::DATA_SIGN_IN));
    };
    let export = booklet::export(&state.db, &state.content.get(), learner).await?;
    Ok(if csv {
        let body = booklet::export_csv(&export).map_err(internal)?;
        download(body, "text/csv; charset=utf-8", "pas-a-pas-donnees.csv")
    } else {
        let body = serde_json::to_string_pretty(&export).map_err(internal)?;
        download(body, "application/json", "pas-a-pas-donnees.json")
    })
}

/// `GET /mes-donnees.json` and `/mes-donnees.csv`: the signed-in learner's data.
pub async fn my_data_json(State(state): State<AppState>, learner: Option<Learner>) -> Answer {
    export_response(&state, learner.as_ref().map(|Learner(l)| l), false).await
}

pub async fn my_data_csv(State(state): State<AppState>, learner: Option<Learner>) -> Answer {
    export_response(&state, learner.as_ref().map(|Learner(l)| l), true).await
}

/// The learner `id` if `volunteer` follows them (in their structure).
async fn followed(
    state: &AppState,
    volunteer: Option<Volunteer>,
    id: Result<Path<i32>, PathRejection>,
) -> Result<Option<learner::Model>, ErrorPage> {
    let Path(id) = id.map_err(|r| bad_form(r.body_text()))?;
    Ok(match volunteer {
        Some(Volunteer(staff)) => accounts::learner_for_staff(&state.db, &staff, id).await?,
        None => None,
    })
}

/// `GET /benevole/apprenants/{id}/donnees.json` and `.csv`: a learner's data, downloaded
/// by a volunteer of their structure.
pub async fn learner_data_json(
    State(state): State<AppState>,
    volunteer: Option<Volunteer>,
    id: Result<Path<i32>, PathRejection>,
) -> Answer {
    let learner = followed(&state, volunteer, id).await?;
    export_response(&state, learner.as_ref(), false).await
}

pub async fn learner_data_csv(
    State(state): State<AppState>,
    volunteer: Option<Volunteer>,
    id: Result<Path<i32>, PathRejection>,
) -> Answer {
    let learner = followed(&state, volunteer, id).await?;
    export_response(&state, learner.as_ref(), true).await
}

/// `POST /formateur/image`: an image for a lesson, stored beside it (multipart form).
pub async fn lesson_image(
    State(state): State<AppState>,
    Trainer(trainer): Trainer,
    form: Result<Multipart, MultipartRejection>,
) -> Answer {
    let mut form = form.map_err(multipart_refused)?;
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
                return Ok(Redirect::to(&format!(
                    "/formateur/editer?fichier={lesson}&erreur-image={}",
                    app::paths::encode_component(answers::IMAGE_TOO_HEAVY)
                ))
                .into_response());
            }
            Err(e) => return Err(bad_form(e)),
        }
    }
    let tree = state.content.tree();
    if !app::ssr::services::authoring::is_lesson(&lesson)
        || !tree.is_file(&tree.dir().join(&lesson))
    {
        return Err(AppError::NotFound
            .page()
            .titled(answers::IMAGE_LESSON_NOT_FOUND_TITLE)
            .saying(answers::IMAGE_LESSON_NOT_FOUND));
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
    .await?;
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
    Ok(match saved {
        Ok(markdown) => Redirect::to(&format!(
            "{back}&image={}",
            app::paths::encode_component(&markdown)
        )),
        Err(message) => Redirect::to(&format!(
            "{back}&erreur-image={}",
            app::paths::encode_component(message)
        )),
    }
    .into_response())
}

/// An exercise form the server could not read to the end: most often a file far over
/// [`app::ssr::services::practice::MAX_REQUEST_BYTES`]. Nothing is recorded; the page says
/// why, in words a learner understands, and leads back to the step.
fn unreadable_exercise(fields: &[(String, String)], e: MultipartError) -> ErrorPage {
    tracing::warn!(error = %e, "unreadable exercise form");
    let page = if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
        AppError::TooLarge
            .page()
            .titled(answers::EXERCISE_TOO_LARGE_TITLE)
            .saying(answers::EXERCISE_TOO_LARGE)
    } else {
        AppError::Request(ServerFnErrorErr::Args(e.body_text())).page()
    };
    // A body over the limit is refused before any field is read: the step is not known.
    match (
        field(fields, "module"),
        field(fields, "lesson"),
        field(fields, "step"),
    ) {
        (Some(m), Some(l), Some(s)) => {
            page.back_to(&paths::step(m, l, s), answers::BACK_TO_EXERCISE)
        }
        _ => page,
    }
}

/// A text field of an exercise form, read chunk by chunk: its first
/// [`app::ssr::services::practice::MAX_FIELD_BYTES`] are kept (cut to whole characters,
/// [`app::ssr::services::practice::MAX_FIELD_CHARS`] at most), the rest is read and
/// dropped as it comes, so that a huge field never sits in memory.
async fn read_text_field(field: &mut Field<'_>) -> Result<String, MultipartError> {
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
    learner: Option<Learner>,
    form: Result<Multipart, MultipartRejection>,
) -> Answer {
    let mut form = form.map_err(multipart_refused)?;
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
                            Err(e) => return Err(unreadable_exercise(&fields, e)),
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
                        Err(e) => return Err(unreadable_exercise(&fields, e)),
                    }
                }
            }
            Ok(None) => break,
            Err(e) => return Err(unreadable_exercise(&fields, e)),
        }
    }
    let (Some(module), Some(lesson), Some(step), Some(id)) = (
        field(&fields, "module"),
        field(&fields, "lesson"),
        field(&fields, "step"),
        field(&fields, "ex"),
    ) else {
        return Err(bad_form(
            "an exercise's action without its step or exercise",
        ));
    };
    let place = StepRef::new(module, lesson, step);
    let step_href = place.href();
    let catalog = state.content.get();
    let Some(exercise) = catalog
        .step(module, lesson, step)
        .and_then(|s| s.exercise(id))
    else {
        // The lesson changed under the learner's feet: show the step (or its 404 page).
        return Ok(Redirect::to(&step_href).into_response());
    };
    let learner = learner.as_ref().map(|Learner(l)| l);
    if learner.is_some_and(|l| !request::form_is_for(l, field(&fields, "owner"))) {
        // Another learner's tab, left open on a shared PC: nothing is recorded.
        return Ok(Redirect::to(request::NOT_SAVED_PATH).into_response());
    }
    let owner = learner.map(|l| l.id);
    let submitted = practice::submit(&state.db, exercise, &fields, upload.as_ref(), owner).await?;
    drop(upload);
    if let (Some(learner), Some(attempt)) = (learner, submitted.attempt.as_ref()) {
        practice::record(&state.db, learner.id, &place, attempt).await?;
    }
    let query = serde_urlencoded::to_string(&submitted.params).unwrap_or_default();
    Ok(Redirect::to(&format!("{step_href}?{query}#exercice-{id}")).into_response())
}
