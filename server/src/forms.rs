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
use app::ssr::services::{
    accounts, agenda, booklet, my_sessions, next_visit, training, visits, zones,
};
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

/// `POST /api/agenda/disponibilite`: a volunteer's availability (every week or one day, at
/// a place or for home visits in the zones ticked: checkboxes all named `zone`). A refusal
/// comes back with what was typed.
pub async fn availability(
    State(state): State<AppState>,
    Volunteer(me): Volunteer,
    form: Result<Form<Vec<(String, String)>>, FormRejection>,
) -> Answer {
    let Form(fields) = form.map_err(form_refused)?;
    let text = |name: &str| field(&fields, name).unwrap_or_default().to_string();
    let weekday = text("weekday").parse::<i32>().ok();
    let place = text("place");
    let place_id = match place.as_str() {
        "" | "d" => None,
        p => Some(p.parse::<i32>().map_err(|_| AppError::NotFound)?),
    };
    let zone_ids: Vec<i32> = all(&fields, "zone")
        .filter_map(|z| z.parse().ok())
        .collect();
    // `id`: an availability of mine being changed.
    let editing = match text("id").as_str() {
        "" => None,
        id => Some(id.parse::<i32>().map_err(|_| AppError::NotFound)?),
    };
    let (day, start, end) = (text("day"), text("start"), text("end"));
    let form = agenda::AvailabilityForm {
        weekday,
        day: Some(&day),
        start: &start,
        end: &end,
        place_id,
        zone_ids: &zone_ids,
    };
    let outcome = agenda::save_availability(&state.db, &me, editing, form)
        .await
        .map_err(AppError::from)?
        .ok_or(AppError::NotFound)?;
    let mut to = app::api::agenda::saying(paths::MY_AVAILABILITY, outcome);
    if outcome.is_error() {
        let mut typed = vec![
            ("jour", text("weekday")),
            ("date", day),
            ("debut", start),
            ("fin", end),
            ("lieu", place),
        ];
        typed.extend(zone_ids.iter().map(|z| ("zone", z.to_string())));
        typed.extend(editing.map(|id| ("modifier", id.to_string())));
        let query = serde_urlencoded::to_string(typed).map_err(internal)?;
        to = format!("{to}&{query}#ajouter");
    }
    Ok(Redirect::to(&to).into_response())
}

/// `POST /api/appel`: a call taken. "Voir les créneaux" checks the form and comes back with
/// the next free slots of the commune's zone; "Réserver" books the slot chosen (the form's
/// one-time token makes a double click book once); "Mettre en attente" records the call
/// without a slot. Anything refused comes back as typed, with what to fix; a slot booked
/// meanwhile by someone else comes back with "ce créneau vient d'être pris" and the next
/// free ones.
pub async fn call(
    State(state): State<AppState>,
    Volunteer(me): Volunteer,
    form: Result<Form<Vec<(String, String)>>, FormRejection>,
) -> Answer {
    use app::model::agenda::{AgendaOutcome, CallDraft, CallProblem, SlotKey};
    use app::ssr::drafts;
    let Form(fields) = form.map_err(form_refused)?;
    let text = |name: &str| field(&fields, name).unwrap_or_default().to_string();
    let draft = CallDraft {
        first_name: text("first_name"),
        reach: text("reach"),
        phone: text("phone"),
        postcode: text("postcode"),
        commune: text("commune"),
        needs: all(&fields, "need").map(str::to_string).collect(),
        note: text("note"),
        availability: text("availability"),
        mode: text("mode"),
    };
    let owner = drafts::owner(&me);
    let back = |draft: CallDraft, problems: Vec<CallProblem>| {
        let state = state.clone();
        let owner = owner.clone();
        async move {
            let anchor = if problems.is_empty() || problems == [CallProblem::SlotTaken] {
                "creneaux"
            } else {
                "erreurs"
            };
            let key = state
                .kept
                .call_drafts
                .keep_for(&state.db, &owner, &(draft, problems))
                .await
                .map_err(AppError::from)?;
            Ok::<Response, ErrorPage>(
                Redirect::to(&format!("{}?brouillon={key}#{anchor}", paths::CALL)).into_response(),
            )
        }
    };
    let checked = agenda::check_call(&state.db, me.structure_id, &draft)
        .await
        .map_err(AppError::from)?;
    let action = text("action");
    if !checked.problems.is_empty() || (action != "reserver" && action != "attente") {
        return back(draft, checked.problems).await;
    }
    let slot = if action == "reserver" {
        match SlotKey::parse(&text("slot")) {
            Some(s) => Some(s),
            None => return back(draft, vec![CallProblem::NoSlotChosen]).await,
        }
    } else {
        None
    };
    let token = text("once");
    if token.is_empty() {
        return Err(bad_form("no one-time token"));
    }
    let claim = state
        .kept
        .call_once
        .claim(&state.db, &owner, &token)
        .await
        .map_err(AppError::from)?;
    let first = match claim {
        Claim::Done(made) => return Ok(Redirect::to(&made).into_response()),
        Claim::Busy => return Err(AppError::Conflict.page()),
        Claim::First(first) => first,
    };
    let zone_id = checked.zone.as_ref().map(|z| z.0);
    let booked = agenda::book_call(first.db(), &me, &draft, zone_id, slot.as_ref())
        .await
        .map_err(AppError::from)?;
    let to = match booked {
        agenda::Booking::Booked(id) => {
            app::api::agenda::saying(&paths::appointment(id), AgendaOutcome::Booked)
        }
        agenda::Booking::Waiting(_) => {
            app::api::agenda::saying(paths::TO_RECALL, AgendaOutcome::Waiting)
        }
        agenda::Booking::Taken => {
            first.release().await.map_err(AppError::from)?;
            return back(draft, vec![CallProblem::SlotTaken]).await;
        }
    };
    first.done(&to).await.map_err(AppError::from)?;
    Ok(Redirect::to(&to).into_response())
}

/// `GET /calendrier/{token}.ics`: a volunteer's appointments for their phone's calendar,
/// behind the secret link they made (revoked or renewed: not found).
pub async fn calendar_feed(
    State(state): State<AppState>,
    file: Result<Path<String>, PathRejection>,
) -> Answer {
    let Path(file) = file.map_err(|r| bad_form(r.body_text()))?;
    let token = file.strip_suffix(".ics").ok_or(AppError::NotFound)?;
    let ics = agenda::feed(&state.db, token)
        .await
        .map_err(AppError::from)?
        .ok_or(AppError::NotFound)?;
    let mut res = ics.into_response();
    let headers = res.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/calendar; charset=utf-8"),
    );
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    Ok(res)
}

/// `POST /api/seance`: a help session, for one learner or a group workshop, new or
/// corrected (`visit`). Invalid forms come back as typed, with their errors; "Chercher"
/// filters the lessons, keeping the rest.
pub async fn visit(
    State(state): State<AppState>,
    Volunteer(staff): Volunteer,
    form: Result<Form<Vec<(String, String)>>, FormRejection>,
) -> Answer {
    let Form(fields) = form.map_err(form_refused)?;
    let staff = &staff;
    let text = |name: &str| field(&fields, name).unwrap_or_default().to_string();
    let list = |name: &str| all(&fields, name).map(str::to_string).collect::<Vec<_>>();
    let mut draft = VisitDraft {
        visit: field(&fields, "visit").and_then(|v| v.parse().ok()),
        learners: all(&fields, "learner")
            .filter_map(|v| v.parse().ok())
            .collect(),
        date: text("date"),
        kind: text("kind"),
        session_type: text("session_type"),
        place_type: text("place_type"),
        commune: text("commune"),
        place: text("place"),
        duration: text("duration"),
        minutes: text("minutes"),
        equipment: list("equipment"),
        themes: list("themes"),
        autonomy: text("autonomy"),
        orientation: text("orientation"),
        workshop_title: text("workshop_title"),
        workshop_level: text("workshop_level"),
        anonymous: text("anonymous"),
        anonymous_followed: text("anonymous_followed"),
        topics: text("topics"),
        note: text("note"),
        lessons: list("lesson"),
        search: text("search"),
        next: text("next"),
        recontact_day: text("recontact_day"),
        handled: all(&fields, "handled")
            .filter_map(|v| v.parse().ok())
            .collect(),
    };
    visits::dedup_learners(&mut draft);
    let back = match (
        draft.visit,
        field(&fields, "single").and_then(|v| v.parse::<i32>().ok()),
    ) {
        (Some(id), _) => paths::visit_edit(id),
        (None, Some(id)) => format!("/benevole/apprenants/{id}/seance"),
        (None, None) => "/benevole/atelier".to_string(),
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
        None => save_visit(&state.db, &catalog, staff, &draft).await,
        Some(token) => match kept.visit_once.claim(&state.db, &owner, token).await? {
            Claim::Busy => return Err(AppError::Conflict.into()),
            Claim::Done(id) => {
                return Ok(Redirect::to(&done_address(&draft, &id)).into_response());
            }
            Claim::First(claim) => {
                let logged = save_visit(claim.db(), &catalog, staff, &draft).await;
                match &logged {
                    Ok(visits::Logged::Saved(id)) => claim.done(&id.to_string()).await?,
                    _ => claim.release().await?,
                };
                logged
            }
        },
    };
    match logged? {
        visits::Logged::Saved(id) => {
            Ok(Redirect::to(&done_address(&draft, &id.to_string())).into_response())
        }
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
        visits::Logged::Forbidden => Err(AppError::Forbidden.page()),
    }
}

/// A new session logged, or a saved one corrected.
async fn save_visit(
    db: &(impl sea_orm::ConnectionTrait + sea_orm::TransactionTrait),
    catalog: &app::ssr::content::Catalog,
    staff: &app::ssr::db::entities::staff::Model,
    draft: &VisitDraft,
) -> Result<visits::Logged, sea_orm::DbErr> {
    match draft.visit {
        Some(id) => my_sessions::update(db, catalog, staff, id, draft).await,
        // A new session: with its next visit and the help requests it handled.
        None => next_visit::log(db, catalog, staff, draft).await,
    }
}

/// Where a saved session leads: a new one to its hand-off sheets, a corrected one back to
/// the list of sessions.
fn done_address(draft: &VisitDraft, id: &str) -> String {
    match draft.visit {
        Some(_) => format!("{}?corrigee={id}", paths::SESSIONS),
        None => format!("/benevole/seances/{id}"),
    }
}

/// `POST /api/seance/supprimer`: deletes a session (its author or a coordinator), once the
/// box "Oui, je veux supprimer cette séance" is ticked.
pub async fn delete_visit(
    State(state): State<AppState>,
    Volunteer(staff): Volunteer,
    form: Result<Form<Vec<(String, String)>>, FormRejection>,
) -> Answer {
    let Form(fields) = form.map_err(form_refused)?;
    let id = field(&fields, "visit")
        .and_then(|v| v.parse::<i32>().ok())
        .ok_or(AppError::NotFound)?;
    if field(&fields, "confirm") != Some("oui") {
        return Ok(
            Redirect::to(&format!("{}?confirmer=1#supprimer", paths::visit_edit(id)))
                .into_response(),
        );
    }
    match my_sessions::delete(&state.db, &staff, id)
        .await
        .map_err(AppError::from)?
    {
        my_sessions::Removed::Done => {
            Ok(Redirect::to(&format!("{}?supprimee=1", paths::SESSIONS)).into_response())
        }
        my_sessions::Removed::NotFound => Err(AppError::NotFound.page()),
        my_sessions::Removed::Forbidden => Err(AppError::Forbidden.page()),
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

fn download(body: impl IntoResponse, content_type: &'static str, name: &str) -> Response {
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

/// The period of a download (`du`, `au`, `YYYY-MM-DD`).
#[derive(serde::Deserialize)]
pub struct PeriodQuery {
    du: Option<String>,
    au: Option<String>,
}

/// The period of a download: the one typed, or the last twelve months; a wrong one is
/// refused in French.
fn download_period(
    query: Result<axum::extract::Query<PeriodQuery>, axum::extract::rejection::QueryRejection>,
) -> Result<app::ssr::services::stats::Period, ErrorPage> {
    use app::ssr::services::stats;
    let axum::extract::Query(q) = query.map_err(|r| bad_form(r.body_text()))?;
    let today = app::text::dates::today_iso(app::ssr::db::now());
    let (from, to) = stats::default_period(&today);
    let pick = |typed: Option<String>, default: String| {
        typed.filter(|t| !t.trim().is_empty()).unwrap_or(default)
    };
    stats::Period::new(&pick(q.du, from), &pick(q.au, to)).ok_or_else(bad_period)
}

fn bad_period() -> ErrorPage {
    AppError::Request(ServerFnErrorErr::Args("period".into()))
        .page()
        .saying(app::text::stats::CSV_BAD_PERIOD)
}

/// A spreadsheet file: CSV for French Excel, or XLSX.
#[derive(Clone, Copy)]
enum Sheet {
    Csv,
    Xlsx,
}

/// A table as a file to download named `name` (without its extension); an XLSX file is
/// made on a blocking thread (CPU work).
async fn table_download(
    (table, name): (app::ssr::services::spreadsheet::Table, String),
    sheet: Sheet,
) -> Answer {
    match sheet {
        Sheet::Csv => {
            let body = table.csv().map_err(internal)?;
            Ok(download(
                body,
                "text/csv; charset=utf-8",
                &format!("{name}.csv"),
            ))
        }
        Sheet::Xlsx => {
            let body = tokio::task::spawn_blocking(move || table.xlsx())
                .await
                .map_err(internal)?
                .map_err(internal)?;
            Ok(download(body, XLSX, &format!("{name}.xlsx")))
        }
    }
}

/// The type of an XLSX file.
const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/// The file name of the sessions of `p`, without its extension.
fn sessions_file(p: &app::ssr::services::stats::Period) -> String {
    format!("seances-{}-{}", p.from, p.to)
}

/// `GET /benevole/seances.csv?du=…&au=…`: the sessions of the period (the last twelve
/// months by default) as CSV with La Coop's values: a coordinator's structure's, a
/// volunteer's own. The first page is read before answering (an error then is a page in
/// French); the rest is read and sent page after page as the browser takes it, so a year
/// of a large structure is never held in memory. An error after the first bytes ends the
/// download unfinished (the browser says it failed), never as a file that looks whole.
pub async fn sessions_csv(
    State(state): State<AppState>,
    Volunteer(staff): Volunteer,
    query: Result<axum::extract::Query<PeriodQuery>, axum::extract::rejection::QueryRejection>,
) -> Answer {
    use app::ssr::services::sessions_export::{self, Sessions};
    let period = download_period(query)?;
    let mut pages = Sessions::of(&staff, &period);
    let mut head = sessions_export::csv_head().map_err(internal)?;
    if let Some(rows) = pages.next_page(&state.db).await? {
        head.extend(sessions_export::csv_page(&rows).map_err(internal)?);
    }
    let db = state.db.clone();
    let rest = futures_util::stream::try_unfold((pages, db), |(mut pages, db)| async move {
        let next = pages.next_page(&db).await.map_err(broken)?;
        match next {
            Some(rows) => {
                let bytes = sessions_export::csv_page(&rows).map_err(broken)?;
                Ok(Some((bytes::Bytes::from(bytes), (pages, db))))
            }
            None => Ok(None),
        }
    });
    let first =
        futures_util::stream::once(
            async move { Ok::<_, std::io::Error>(bytes::Bytes::from(head)) },
        );
    use futures_util::StreamExt;
    let body = axum::body::Body::from_stream(first.chain(rest));
    Ok(download(
        body,
        "text/csv; charset=utf-8",
        &format!("{}.csv", sessions_file(&period)),
    ))
}

/// An error in the middle of a download, logged: the answer stops there.
fn broken(e: impl std::fmt::Display) -> std::io::Error {
    tracing::error!(error = %e, "download interrupted");
    std::io::Error::other(e.to_string())
}

/// What the XLSX workbook's writer gives the answer: a part of the file, or why it stopped.
type Chunk = Result<bytes::Bytes, std::io::Error>;

/// The writer of a workbook sent to the browser as it is zipped (on the writer's blocking
/// thread: `blocking_send`). Gone browser: an error, and the writing stops.
struct ToBrowser(tokio::sync::mpsc::Sender<Chunk>);

impl std::io::Write for ToBrowser {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0
            .blocking_send(Ok(bytes::Bytes::copy_from_slice(buf)))
            .map_err(|_| std::io::Error::from(std::io::ErrorKind::BrokenPipe))?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// `GET /benevole/seances.xlsx?du=…&au=…`: the same sessions as `seances.csv`, as XLSX,
/// sent as the rows are read and zipped (its first bytes after the first page); an error
/// before them is a page in French, one after ends the download unfinished.
pub async fn sessions_xlsx(
    State(state): State<AppState>,
    Volunteer(staff): Volunteer,
    query: Result<axum::extract::Query<PeriodQuery>, axum::extract::rejection::QueryRejection>,
) -> Answer {
    use app::ssr::services::sessions_export;
    let period = download_period(query)?;
    let name = format!("{}.xlsx", sessions_file(&period));
    let (tx, mut rx) = tokio::sync::mpsc::channel::<Chunk>(8);
    let db = state.db.clone();
    let to_browser = std::io::BufWriter::with_capacity(64 * 1024, ToBrowser(tx.clone()));
    let job = tokio::spawn(async move {
        let done = sessions_export::write_xlsx(&db, &staff, &period, to_browser).await;
        if let Err(e) = &done {
            // Ends the answer unfinished if it has begun.
            let _ = tx.send(Err(broken(e))).await;
        }
        done
    });
    match rx.recv().await {
        Some(Ok(first)) => {
            let rest = futures_util::stream::unfold(rx, |mut rx| async move {
                rx.recv().await.map(|chunk| (chunk, rx))
            });
            let first = futures_util::stream::once(async move { Ok::<_, std::io::Error>(first) });
            use futures_util::StreamExt;
            Ok(download(
                axum::body::Body::from_stream(first.chain(rest)),
                XLSX,
                &name,
            ))
        }
        _ => match job.await.map_err(internal)? {
            Err(sessions_export::XlsxExportError::Db(e)) => Err(e.into()),
            Err(e) => Err(internal(e)),
            Ok(()) => Err(internal("the workbook was written empty")),
        },
    }
}

/// The statistics of `staff`'s structure for the period asked (the page's: the last twelve
/// months by default) as a table, and the period; a wrong period is refused.
async fn stats_table(
    state: &AppState,
    staff: &app::ssr::db::entities::staff::Model,
    query: Result<axum::extract::Query<PeriodQuery>, axum::extract::rejection::QueryRejection>,
) -> Result<(app::ssr::services::spreadsheet::Table, String), ErrorPage> {
    use app::ssr::services::{stats, stats_export};
    let axum::extract::Query(q) = query.map_err(|r| bad_form(r.body_text()))?;
    let today = app::text::dates::today_iso(app::ssr::db::now());
    let view = stats::report(&state.db, &state.content.get(), staff, q.du, q.au, &today).await?;
    let table = stats_export::table(&view).ok_or_else(bad_period)?;
    Ok((table, format!("statistiques-{}-{}", view.from, view.to)))
}

/// `GET /benevole/statistiques.csv?du=…&au=…`: the statistics page of the period as CSV for
/// a spreadsheet in French (coordinators only, as the page).
pub async fn stats_csv(
    State(state): State<AppState>,
    Coordinator(staff): Coordinator,
    query: Result<axum::extract::Query<PeriodQuery>, axum::extract::rejection::QueryRejection>,
) -> Answer {
    table_download(stats_table(&state, &staff, query).await?, Sheet::Csv).await
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

/// The address of a learner's diagnostic page, saying what a form did: with the
/// diagnostic shown (`Some`), or with the questions again (`None`).
fn diagnostic_page(
    learner: i32,
    shown: Option<i32>,
    outcome: app::model::diagnostic::DiagnosticOutcome,
) -> String {
    let key = if outcome.is_error() { "erreur" } else { "fait" };
    let rest = match shown {
        Some(d) => format!("&d={d}#parcours"),
        None => "&nouveau=1#questions".to_string(),
    };
    format!(
        "{}?{key}={}{rest}",
        paths::learner_diagnostic(learner),
        outcome.code()
    )
}

/// `POST /api/benevole/diagnostic`: a diagnostic's answers (a checkbox per option, all
/// named after their question). Sent twice (a double click, a reload, to two instances),
/// one diagnostic is recorded (the form's one-time token) and both answers show it.
pub async fn diagnostic_answers(
    State(state): State<AppState>,
    Volunteer(staff): Volunteer,
    form: Result<Form<Vec<(String, String)>>, FormRejection>,
) -> Answer {
    use app::model::diagnostic::DiagnosticOutcome;
    use app::ssr::services::diagnostic;
    let Form(fields) = form.map_err(form_refused)?;
    let learner_id = field(&fields, "learner")
        .and_then(|v| v.parse::<i32>().ok())
        .ok_or(AppError::NotFound)?;
    if accounts::learner_for_staff(&state.db, &staff, learner_id)
        .await
        .map_err(AppError::from)?
        .is_none()
    {
        return Err(AppError::NotFound.into());
    }
    let catalog = state.content.get();
    let answers = match diagnostic::read_answers(&catalog.diagnostic, &fields) {
        Ok(answers) => answers,
        Err(refused) => {
            // Nothing recorded; the browser's "back" finds the form as it was typed.
            let to = diagnostic_page(learner_id, None, refused);
            return Ok(Redirect::to(&to).into_response());
        }
    };
    let owner = app::ssr::drafts::owner(&staff);
    let token = field(&fields, "once").filter(|t| !t.is_empty());
    let id = match token {
        None => diagnostic::record(&state.db, &staff, learner_id, &answers)
            .await
            .map_err(AppError::from)?
            .ok_or(AppError::NotFound)?,
        Some(token) => match diagnostic::RECORD_ONCE
            .claim(&state.db, &owner, token)
            .await
            .map_err(AppError::from)?
        {
            Claim::Busy => return Err(AppError::Conflict.into()),
            Claim::Done(id) => id.parse().map_err(internal)?,
            Claim::First(claim) => {
                let Some(id) = diagnostic::record(claim.db(), &staff, learner_id, &answers)
                    .await
                    .map_err(AppError::from)?
                else {
                    claim.release().await.map_err(AppError::from)?;
                    return Err(AppError::NotFound.into());
                };
                claim.done(&id.to_string()).await.map_err(AppError::from)?;
                id
            }
        },
    };
    let to = diagnostic_page(learner_id, Some(id), DiagnosticOutcome::Recorded);
    Ok(Redirect::to(&to).into_response())
}

/// `POST /api/benevole/diagnostic/parcours`: the path the volunteer adjusted (kept,
/// ordered, added lessons); saving it advises its lessons. Sent twice, it is saved once.
pub async fn diagnostic_path(
    State(state): State<AppState>,
    Volunteer(staff): Volunteer,
    form: Result<Form<Vec<(String, String)>>, FormRejection>,
) -> Answer {
    use app::ssr::services::diagnostic;
    let Form(fields) = form.map_err(form_refused)?;
    let number = |name: &str| field(&fields, name).and_then(|v| v.parse::<i32>().ok());
    let (Some(learner_id), Some(id)) = (number("learner"), number("diagnostic")) else {
        return Err(AppError::NotFound.into());
    };
    if !diagnostic::exists(&state.db, &staff, learner_id, id)
        .await
        .map_err(AppError::from)?
    {
        return Err(AppError::NotFound.into());
    }
    let catalog = state.content.get();
    let reasons = diagnostic::reasons_of(&state.db, &catalog.diagnostic, id)
        .await
        .map_err(AppError::from)?;
    let path = diagnostic::read_path(&fields, &catalog, &reasons);
    let owner = app::ssr::drafts::owner(&staff);
    let outcome = match field(&fields, "once").filter(|t| !t.is_empty()) {
        None => diagnostic::save_path(&state.db, &staff, learner_id, id, &path)
            .await
            .map_err(AppError::from)?,
        Some(token) => match diagnostic::PATH_ONCE
            .claim(&state.db, &owner, token)
            .await
            .map_err(AppError::from)?
        {
            Claim::Busy => return Err(AppError::Conflict.into()),
            Claim::Done(code) => app::model::diagnostic::DiagnosticOutcome::from_code(&code),
            Claim::First(claim) => {
                let outcome = diagnostic::save_path(claim.db(), &staff, learner_id, id, &path)
                    .await
                    .map_err(AppError::from)?;
                match outcome {
                    Some(o) if !o.is_error() => {
                        claim.done(o.code()).await.map_err(AppError::from)?
                    }
                    _ => claim.release().await.map_err(AppError::from)?,
                }
                outcome
            }
        },
    }
    .ok_or(AppError::NotFound)?;
    Ok(Redirect::to(&diagnostic_page(learner_id, Some(id), outcome)).into_response())
}

/// `GET /benevole/statistiques.xlsx?du=…&au=…`: the same statistics as `statistiques.csv`,
/// as an XLSX file (coordinators only).
pub async fn stats_xlsx(
    State(state): State<AppState>,
    Coordinator(staff): Coordinator,
    query: Result<axum::extract::Query<PeriodQuery>, axum::extract::rejection::QueryRejection>,
) -> Answer {
    table_download(stats_table(&state, &staff, query).await?, Sheet::Xlsx).await
}

/// Every address under `/partage/` (a funder's share link, public): `GET
/// /partage/{token}.json` answers the link's aggregates as JSON
/// ([`app::model::share::SharedReport`]; `404` with `{"error": "not_found"}` for an unknown
/// or revoked link), the rest goes on to the app's page. Both are never stored by a cache,
/// never send their address on (`Referrer-Policy: no-referrer`: the token is in it) and are
/// not indexed. The server function the page reads (`/api/partage`) gets the same headers.
pub async fn shared(
    State(state): State<AppState>,
    req: axum::extract::Request,
    next: axum::middleware::Next,
) -> Response {
    let path = req.uri().path();
    let rest = if path == paths::SHARED_API {
        // Never `.json`: the server function answers.
        ""
    } else {
        match path.strip_prefix(paths::SHARED_PREFIX) {
            Some(rest) => rest,
            None => return next.run(req).await,
        }
    };
    let json_token = rest
        .strip_suffix(".json")
        .filter(|_| req.method() == axum::http::Method::GET)
        .map(str::to_string);
    let mut res = match json_token {
        Some(token) => shared_json(&state, &token).await,
        None => next.run(req).await,
    };
    let headers = res.headers_mut();
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    headers.insert(
        header::HeaderName::from_static("x-robots-tag"),
        HeaderValue::from_static("noindex, nofollow"),
    );
    res
}

async fn shared_json(state: &AppState, token: &str) -> Response {
    use app::ssr::services::share;
    let today = app::text::dates::today_iso(app::ssr::db::now());
    match share::report(&state.db, &state.content.get(), token, &today).await {
        Ok(Some(report)) => axum::Json(report).into_response(),
        Ok(None) => (
            StatusCode::NOT_FOUND,
            axum::Json(serde_json::json!({ "error": "not_found" })),
        )
            .into_response(),
        Err(e) => {
            tracing::error!(error = %e, "share link: the figures failed");
            (
                StatusCode::INTERNAL_SERVER_ERROR,
                axum::Json(serde_json::json!({ "error": "internal" })),
            )
                .into_response()
        }
    }
}
