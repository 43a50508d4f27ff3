//! The learner's own booklet, their data export, and their login card.

use std::collections::{HashMap, HashSet};

use qrcode::QrCode;
use qrcode::render::svg;
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder};
use serde::Serialize;

use super::progress::{self, LessonState, lesson_href};
use super::{confidence, follow_up, visits};
use crate::model::agenda::{Kind, Status};
use crate::model::{
    AnsweredHow, Booklet, ConfidenceRow, DatedItem, FollowUpQuestion, LoginCard, Reply, ResumeItem,
    Wave,
};
use crate::ssr::auth;
use crate::ssr::content::Catalog;
use crate::ssr::db::entities::{
    answer, appointment, assignment, confidence as confidence_entity, diagnostic,
    diagnostic_answer, diagnostic_lesson, follow_up_answer, help_call, help_request, learner,
    lesson_completion, module_completion, recontact, step_progress,
};
use crate::text;
use crate::text::dates;
use crate::text::learning::export as words;
use crate::text::{agenda as agenda_words, outcomes as outcome_words};

pub async fn booklet(
    db: &impl ConnectionTrait,
    catalog: &Catalog,
    l: &learner::Model,
) -> Result<Booklet, DbErr> {
    let modules_done = module_completion::Entity::find()
        .filter(module_completion::Column::LearnerId.eq(l.id))
        .order_by_asc(module_completion::Column::CompletedAt)
        .all(db)
        .await?;
    let lessons_done = lesson_completion::Entity::find()
        .filter(lesson_completion::Column::LearnerId.eq(l.id))
        .order_by_asc(lesson_completion::Column::CompletedAt)
        .all(db)
        .await?;
    let rows = progress::for_learners(db, &[l.id]).await?;
    let mut done: HashMap<(String, String), HashSet<String>> = HashMap::new();
    for r in &rows {
        let steps = done
            .entry((r.module.clone(), r.lesson.clone()))
            .or_default();
        if r.completed_at.is_some() {
            steps.insert(r.step.clone());
        }
    }
    let mut in_progress = Vec::new();
    for m in catalog.with_history() {
        for lesson in m.published_lessons() {
            if let Some(steps) = done.get(&(m.slug.clone(), lesson.slug.clone()))
                && let state @ LessonState::InProgress { resume_at, .. } =
                    progress::lesson_state(lesson, steps)
            {
                in_progress.push(ResumeItem {
                    href: lesson_href(m, lesson, state),
                    module_title: m.meta.title.clone(),
                    lesson_title: lesson.meta.title.clone(),
                    step_number: resume_at + 1,
                    step_count: lesson.steps.len(),
                });
            }
        }
    }
    let assignments = follow_up::assignments_of(db, &[l.id]).await?;
    let names =
        follow_up::staff_names(db, assignments.iter().filter_map(|a| a.assigned_by)).await?;
    let confidences = confidence::for_learners(db, &[l.id]).await?;
    let confidence = catalog
        .with_history()
        .filter_map(|m| {
            let find = |moment: &str| {
                confidences
                    .iter()
                    .find(|c| c.module == m.slug && c.moment == moment)
                    .map(|c| confidence::level(c.level))
            };
            let (start, end) = (find("debut"), find("fin"));
            (start.is_some() || end.is_some()).then(|| ConfidenceRow {
                module_title: m.meta.title.clone(),
                question: m.confidence_question(),
                start,
                end,
            })
        })
        .collect();
    let (next, recontact) = super::next_visit::planned(db, l.structure_id, l.id).await?;
    Ok(Booklet {
        next,
        recontact,
        first_name: l.first_name.clone(),
        modules_done: modules_done
            .iter()
            .filter_map(|c| {
                catalog.module(&c.module).map(|m| DatedItem {
                    title: m.meta.title.clone(),
                    detail: String::new(),
                    date: dates::date_fr(c.completed_at),
                })
            })
            .collect(),
        lessons_done: lessons_done
            .iter()
            .filter_map(|c| {
                catalog
                    .lesson(&c.module, &c.lesson)
                    .map(|(m, lesson)| DatedItem {
                        title: lesson.meta.title.clone(),
                        detail: m.meta.title.clone(),
                        date: dates::date_fr(c.completed_at),
                    })
            })
            .collect(),
        in_progress,
        recommended: follow_up::assigned_views(catalog, &assignments, &done, &names),
        confidence,
        competences: super::competences::from_modules(
            catalog,
            lessons_done.iter().map(|c| c.module.as_str()),
        ),
    })
}

/// Everything Pas à Pas keeps about a learner, for them to download.
#[derive(Debug, Serialize)]
pub struct Export {
    pub first_name: String,
    pub code: String,
    pub created_at: i64,
    pub last_active_at: Option<i64>,
    pub notes_consent: Option<bool>,
    /// The optional attributes for statistics (La Coop's codes, `non_communique` unless
    /// the learner said).
    pub statistics: serde_json::Value,
    pub comfort: serde_json::Value,
    pub steps: Vec<serde_json::Value>,
    pub answers: Vec<serde_json::Value>,
    pub lessons_completed: Vec<serde_json::Value>,
    pub modules_completed: Vec<serde_json::Value>,
    pub confidence: Vec<serde_json::Value>,
    /// The CRCN (Pix) competences of the modules where a lesson was finished, in words.
    pub competences_worked: Vec<String>,
    pub advised_lessons: Vec<serde_json::Value>,
    pub help_requests: Vec<serde_json::Value>,
    pub sessions: Vec<crate::model::VisitView>,
    /// The phone calls that brought the learner (what was noted then).
    pub calls: Vec<serde_json::Value>,
    /// Appointments, one-to-one or in a group.
    pub appointments: Vec<serde_json::Value>,
    /// First-visit diagnostics: the answers and the path proposed.
    pub diagnostics: Vec<serde_json::Value>,
    /// The follow-up questionnaire's answers.
    pub follow_up: Vec<serde_json::Value>,
    /// The days someone said they would call the learner back.
    pub recontacts: Vec<serde_json::Value>,
}

pub async fn export(
    db: &impl ConnectionTrait,
    catalog: &Catalog,
    l: &learner::Model,
) -> Result<Export, DbErr> {
    use serde_json::json;
    let steps = step_progress::Entity::find()
        .filter(step_progress::Column::LearnerId.eq(l.id))
        .all(db)
        .await?;
    let answers = answer::Entity::find()
        .filter(answer::Column::LearnerId.eq(l.id))
        .order_by_asc(answer::Column::AnsweredAt)
        .all(db)
        .await?;
    let lessons = lesson_completion::Entity::find()
        .filter(lesson_completion::Column::LearnerId.eq(l.id))
        .all(db)
        .await?;
    let modules = module_completion::Entity::find()
        .filter(module_completion::Column::LearnerId.eq(l.id))
        .all(db)
        .await?;
    let confidences = confidence_entity::Entity::find()
        .filter(confidence_entity::Column::LearnerId.eq(l.id))
        .all(db)
        .await?;
    let assignments = assignment::Entity::find()
        .filter(assignment::Column::LearnerId.eq(l.id))
        .all(db)
        .await?;
    let help = help_request::Entity::find()
        .filter(help_request::Column::LearnerId.eq(l.id))
        .all(db)
        .await?;
    Ok(Export {
        first_name: l.first_name.clone(),
        code: auth::format_code(&l.code),
        created_at: l.created_at,
        last_active_at: l.last_active_at,
        notes_consent: l.notes_consent,
        statistics: json!({
            "age_band": l.age_band.as_deref().unwrap_or(crate::model::NOT_TOLD),
            "gender": l.gender.as_deref().unwrap_or(crate::model::NOT_TOLD),
            "social_status": l.social_status.as_deref().unwrap_or(crate::model::NOT_TOLD),
            "commune": l.commune.as_deref().unwrap_or(crate::model::NOT_TOLD),
        }),
        comfort: json!({
            "text_size": l.text_size,
            "high_contrast": l.high_contrast,
            "reduce_motion": l.reduce_motion,
        }),
        steps: steps
            .iter()
            .map(|s| {
                json!({
                    "module": s.module, "lesson": s.lesson, "step": s.step,
                    "first_seen_at": s.first_seen_at, "last_seen_at": s.last_seen_at,
                    "seconds_spent": s.seconds_spent, "completed_at": s.completed_at,
                })
            })
            .collect(),
        answers: answers
            .iter()
            .map(|a| {
                json!({
                    "module": a.module, "lesson": a.lesson, "step": a.step,
                    "question": a.question, "choices": a.choices, "correct": a.correct,
                    "answered_at": a.answered_at,
                })
            })
            .collect(),
        lessons_completed: lessons
            .iter()
            .map(
                |c| json!({"module": c.module, "lesson": c.lesson, "completed_at": c.completed_at}),
            )
            .collect(),
        modules_completed: modules
            .iter()
            .map(|c| {
                json!({
                    "module": c.module, "completed_at": c.completed_at,
                    "competences": super::competences::of_module(catalog, &c.module)
                        .into_iter()
                        .map(text::competences::label)
                        .collect::<Vec<_>>(),
                })
            })
            .collect(),
        competences_worked: super::competences::from_modules(
            catalog,
            lessons.iter().map(|c| c.module.as_str()),
        )
        .into_iter()
        .map(text::competences::label)
        .collect(),
        confidence: confidences
            .iter()
            .map(|c| {
                json!({
                    "module": c.module, "moment": c.moment,
                    "answer": text::learning::confidence_level(confidence::level(c.level)),
                    "answered_at": c.answered_at,
                })
            })
            .collect(),
        advised_lessons: assignments
            .iter()
            .map(|a| json!({"module": a.module, "lesson": a.lesson, "assigned_at": a.assigned_at}))
            .collect(),
        help_requests: help
            .iter()
            .map(|h| {
                json!({
                    "module": h.module, "lesson": h.lesson, "step": h.step,
                    "message": h.message, "created_at": h.created_at,
                    "handled_at": h.handled_at, "reply": h.reply,
                })
            })
            .collect(),
        sessions: visits::for_learner(db, l.id).await?,
        calls: calls_of(db, l.id).await?,
        appointments: appointments_of(db, l.id).await?,
        diagnostics: diagnostics_of(db, catalog, l.id).await?,
        follow_up: follow_up_of(db, l.id).await?,
        recontacts: recontact::Entity::find()
            .filter(recontact::Column::LearnerId.eq(l.id))
            .order_by_asc(recontact::Column::Id)
            .all(db)
            .await?
            .iter()
            .map(|r| json!({"day": r.day, "created_at": r.created_at, "done_at": r.done_at}))
            .collect(),
    })
}

async fn calls_of(
    db: &impl ConnectionTrait,
    learner_id: i32,
) -> Result<Vec<serde_json::Value>, DbErr> {
    use serde_json::json;
    Ok(help_call::Entity::find()
        .filter(help_call::Column::LearnerId.eq(learner_id))
        .order_by_asc(help_call::Column::Id)
        .all(db)
        .await?
        .iter()
        .map(|c| {
            json!({
                "created_at": c.created_at, "first_name": c.first_name, "reach": c.reach,
                "phone": c.phone, "postcode": c.postcode, "commune": c.commune,
                "needs": c.needs, "note": c.note, "availability": c.availability,
            })
        })
        .collect())
}

/// The learner's appointments: theirs alone, and the group sessions they joined.
async fn appointments_of(
    db: &impl ConnectionTrait,
    learner_id: i32,
) -> Result<Vec<serde_json::Value>, DbErr> {
    use serde_json::json;
    Ok(appointment::Entity::find()
        .filter(super::agenda::of_learner(db, learner_id).await?)
        .order_by_asc(appointment::Column::Day)
        .order_by_asc(appointment::Column::StartMinute)
        .all(db)
        .await?
        .iter()
        .map(|a| {
            json!({
                "day": a.day, "start": dates::time_fr(a.start_minute),
                "end": dates::time_fr(a.end_minute), "kind": a.kind, "status": a.status,
                "commune": a.commune,
            })
        })
        .collect())
}

/// The learner's diagnostics, with each answer and lesson of the path in words (the
/// questionnaire's labels, or the stored codes if it changed since).
async fn diagnostics_of(
    db: &impl ConnectionTrait,
    catalog: &Catalog,
    learner_id: i32,
) -> Result<Vec<serde_json::Value>, DbErr> {
    use serde_json::json;
    let taken = diagnostic::Entity::find()
        .filter(diagnostic::Column::LearnerId.eq(learner_id))
        .order_by_asc(diagnostic::Column::TakenAt)
        .all(db)
        .await?;
    let ids: Vec<i32> = taken.iter().map(|d| d.id).collect();
    let answers = diagnostic_answer::Entity::find()
        .filter(diagnostic_answer::Column::DiagnosticId.is_in(ids.iter().copied()))
        .all(db)
        .await?;
    let lessons = diagnostic_lesson::Entity::find()
        .filter(diagnostic_lesson::Column::DiagnosticId.is_in(ids))
        .order_by_asc(diagnostic_lesson::Column::Position)
        .all(db)
        .await?;
    let questionnaire = &catalog.diagnostic;
    Ok(taken
        .iter()
        .map(|d| {
            let answers: Vec<serde_json::Value> = answers
                .iter()
                .filter(|a| a.diagnostic_id == d.id)
                .map(|a| {
                    let q = questionnaire.question(&a.question);
                    let label = q
                        .and_then(|q| q.options.iter().find(|o| o.id == a.answer))
                        .map_or(a.answer.as_str(), |o| o.label.as_str());
                    json!({
                        "question": q.map_or(a.question.as_str(), |q| q.question.as_str()),
                        "answer": label, "text": a.text,
                    })
                })
                .collect();
            let path: Vec<serde_json::Value> = lessons
                .iter()
                .filter(|l| l.diagnostic_id == d.id)
                .map(|l| json!({"module": l.module, "lesson": l.lesson, "because": l.because}))
                .collect();
            json!({"taken_at": d.taken_at, "answers": answers, "path": path})
        })
        .collect())
}

async fn follow_up_of(
    db: &impl ConnectionTrait,
    learner_id: i32,
) -> Result<Vec<serde_json::Value>, DbErr> {
    use serde_json::json;
    Ok(follow_up_answer::Entity::find()
        .filter(follow_up_answer::Column::LearnerId.eq(learner_id))
        .order_by_asc(follow_up_answer::Column::AnsweredAt)
        .all(db)
        .await?
        .iter()
        .map(|f| {
            json!({
                "wave": f.wave, "answered_how": f.answered_how, "learned": f.learned,
                "less_apprehensive": f.less_apprehensive, "did_alone": f.did_alone,
                "recommend": f.recommend, "what_changed": f.what_changed,
                "answered_at": f.answered_at,
            })
        })
        .collect())
}

/// The same data as one CSV table: one line per thing that happened. Made for a
/// spreadsheet in French (Excel as LibreOffice): a UTF-8 byte order mark (else Excel reads
/// "é" wrong), `;` between cells (`,` is the decimal separator), French headers, and no
/// cell a spreadsheet would run as a formula (see [`csv_cell`]).
pub fn export_csv(export: &Export) -> Result<String, csv::Error> {
    let mut w = csv::WriterBuilder::new()
        .delimiter(b';')
        .from_writer(Vec::new());
    w.write_record(text::CSV_HEADERS)?;
    let text = |v: &serde_json::Value, k: &str| match &v[k] {
        serde_json::Value::String(s) => s.clone(),
        serde_json::Value::Null => String::new(),
        other => other.to_string(),
    };
    let date =
        |v: &serde_json::Value, k: &str| v[k].as_i64().map(dates::date_fr).unwrap_or_default();
    w.write_record(csv_row([
        words::ACCOUNT,
        &dates::date_fr(export.created_at),
        "",
        "",
        "",
        &format!("{} ({})", export.first_name, export.code),
    ]))?;
    for s in &export.steps {
        let (kind, at) = if s["completed_at"].is_null() {
            (words::STEP_SEEN, date(s, "first_seen_at"))
        } else {
            (words::STEP_DONE, date(s, "completed_at"))
        };
        w.write_record(csv_row([
            kind,
            &at,
            &text(s, "module"),
            &text(s, "lesson"),
            &text(s, "step"),
            &format!("{} s", text(s, "seconds_spent")),
        ]))?;
    }
    for a in &export.answers {
        w.write_record(csv_row([
            words::ANSWER,
            &date(a, "answered_at"),
            &text(a, "module"),
            &text(a, "lesson"),
            &text(a, "step"),
            &words::answer(
                &text(a, "question"),
                &text(a, "choices"),
                a["correct"].as_bool() == Some(true),
            ),
        ]))?;
    }
    for c in &export.lessons_completed {
        w.write_record(csv_row([
            words::LESSON_DONE,
            &date(c, "completed_at"),
            &text(c, "module"),
            &text(c, "lesson"),
            "",
            "",
        ]))?;
    }
    for c in &export.modules_completed {
        w.write_record(csv_row([
            words::MODULE_DONE,
            &date(c, "completed_at"),
            &text(c, "module"),
            "",
            "",
            "",
        ]))?;
    }
    for c in &export.competences_worked {
        w.write_record(csv_row([text::competences::CSV_KIND, "", "", "", "", c]))?;
    }
    for c in &export.confidence {
        w.write_record(csv_row([
            words::CONFIDENCE,
            &date(c, "answered_at"),
            &text(c, "module"),
            "",
            "",
            &format!("{} : {}", text(c, "moment"), text(c, "answer")),
        ]))?;
    }
    for a in &export.advised_lessons {
        w.write_record(csv_row([
            words::ADVISED,
            &date(a, "assigned_at"),
            &text(a, "module"),
            &text(a, "lesson"),
            "",
            "",
        ]))?;
    }
    for h in &export.help_requests {
        w.write_record(csv_row([
            words::HELP,
            &date(h, "created_at"),
            &text(h, "module"),
            &text(h, "lesson"),
            &text(h, "step"),
            &words::help(&text(h, "message"), &text(h, "reply")),
        ]))?;
    }
    for s in &export.sessions {
        w.write_record(csv_row([
            words::SESSION,
            &s.date,
            "",
            "",
            "",
            &format!(
                "{} — {} — {}",
                s.kind,
                s.topics,
                s.note.clone().unwrap_or_default()
            ),
        ]))?;
    }
    for c in &export.calls {
        w.write_record(csv_row([
            words::CALL,
            &date(c, "created_at"),
            "",
            "",
            "",
            &words::call(
                &text(c, "phone"),
                &text(c, "commune"),
                &text(c, "availability"),
                &text(c, "note"),
            ),
        ]))?;
    }
    for a in &export.appointments {
        let kind = Kind::from_code(&text(a, "kind")).map_or("", agenda_words::kind);
        let status = Status::from_code(&text(a, "status")).map_or("", agenda_words::status);
        w.write_record(csv_row([
            words::APPOINTMENT,
            &dates::iso_date_fr(&text(a, "day")),
            "",
            "",
            "",
            &words::appointment(
                &text(a, "start"),
                &text(a, "end"),
                kind,
                status,
                &text(a, "commune"),
            ),
        ]))?;
    }
    for d in &export.diagnostics {
        let day = date(d, "taken_at");
        for a in d["answers"].as_array().into_iter().flatten() {
            w.write_record(csv_row([
                words::DIAGNOSTIC,
                &day,
                "",
                "",
                "",
                &words::diagnostic_answer(
                    &text(a, "question"),
                    &text(a, "answer"),
                    &text(a, "text"),
                ),
            ]))?;
        }
        for l in d["path"].as_array().into_iter().flatten() {
            w.write_record(csv_row([
                words::DIAGNOSTIC_PATH,
                &day,
                &text(l, "module"),
                &text(l, "lesson"),
                "",
                &text(l, "because"),
            ]))?;
        }
    }
    for f in &export.follow_up {
        let reply = |k: &str| Reply::from_code(&text(f, k)).map(outcome_words::reply);
        let replies: Vec<(&str, &str)> = FollowUpQuestion::ALL
            .iter()
            .zip(["learned", "less_apprehensive", "did_alone", "recommend"])
            .filter_map(|(q, k)| Some((outcome_words::question(*q), reply(k)?)))
            .collect();
        w.write_record(csv_row([
            words::FOLLOW_UP,
            &date(f, "answered_at"),
            "",
            "",
            "",
            &words::follow_up(
                Wave::from_code(&text(f, "wave")).map_or("", outcome_words::wave),
                AnsweredHow::from_code(&text(f, "answered_how")).map_or("", outcome_words::how),
                &replies,
                &text(f, "what_changed"),
            ),
        ]))?;
    }
    for r in &export.recontacts {
        w.write_record(csv_row([
            words::RECONTACT,
            &dates::iso_date_fr(&text(r, "day")),
            "",
            "",
            "",
            "",
        ]))?;
    }
    let bytes = w.into_inner().map_err(|e| e.into_error())?;
    Ok(format!("\u{FEFF}{}", String::from_utf8_lossy(&bytes)))
}

fn csv_row<const N: usize>(cells: [&str; N]) -> [String; N] {
    cells.map(csv_cell)
}

/// A cell a spreadsheet shows as text: one that starts like a formula (`=`, `+`, `-`, `@`,
/// a tab or a carriage return) gets a `'` in front, so that a lesson title, a question or
/// a note typed as `=HYPERLINK(…)` is never run when the file is opened (OWASP "CSV
/// injection").
pub fn csv_cell(cell: &str) -> String {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{cell}")
    } else {
        cell.to_string()
    }
}

/// The printable login card, with a QR code that signs the learner in.
pub fn login_card(l: &learner::Model, site: &str) -> LoginCard {
    let url = format!("{site}/carte/{}", l.code);
    let qr_svg = QrCode::new(url.as_bytes())
        .map(|qr| {
            qr.render::<svg::Color<'_>>()
                .min_dimensions(160, 160)
                .quiet_zone(true)
                .build()
        })
        .unwrap_or_default();
    LoginCard {
        learner_id: l.id,
        first_name: l.first_name.clone(),
        code: auth::format_code(&l.code),
        site: site
            .trim_start_matches("https://")
            .trim_start_matches("http://")
            .to_string(),
        qr_svg,
    }
}

#[cfg(test)]
mod csv_tests {
    use super::csv_cell;

    #[test]
    fn a_cell_that_looks_like_a_formula_is_shown_as_text() {
        for (cell, shown) in [
            (
                "=HYPERLINK(\"http://evil.example\";\"x\")",
                "'=HYPERLINK(\"http://evil.example\";\"x\")",
            ),
            ("+33 6", "'+33 6"),
            ("-1+1", "'-1+1"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\t=1", "'\t=1"),
            ("\r=1", "'\r=1"),
            ("Je ne trouve pas le @", "Je ne trouve pas le @"),
            ("a=b", "a=b"),
            ("", ""),
            ("étape vue", "étape vue"),
        ] {
            assert_eq!(csv_cell(cell), shown, "{cell:?}");
        }
    }
}
