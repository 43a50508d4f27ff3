//! Help sessions ("séances"): logged by a volunteer after a home visit, a group workshop or a
//! drop-in desk, with the lessons to practise before the next one.

use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder,
    Set, TransactionSession, TransactionTrait,
};

use super::{accounts, follow_up};
use crate::model::{
    FieldError, FieldProblem, HandOff, LessonChoice, VisitDraft, VisitKind, VisitView,
};
use crate::ssr::auth;
use crate::ssr::content::{Catalog, slug};
use crate::ssr::db::entities::{learner, staff, structure, visit, visit_learner};
use crate::ssr::db::now;
use crate::text::{dates, staff as words};

pub const MAX_PLACE: usize = 200;
pub const MAX_TOPICS: usize = 2000;
pub const MAX_NOTE: usize = 4000;
pub const MAX_MINUTES: i32 = 600;
pub const MIN_MINUTES: i32 = 5;

/// Lessons a volunteer can advise, matching a search (title words, accents ignored).
/// Drafts are never offered.
pub fn lesson_choices(catalog: &Catalog, search: &str) -> Vec<LessonChoice> {
    let words: Vec<String> = slug::slugify(search)
        .split('-')
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect();
    catalog
        .published()
        .flat_map(|m| m.published_lessons().map(move |l| (m, l)))
        .filter(|(m, l)| {
            let haystack = slug::slugify(&format!("{} {}", m.meta.title, l.meta.title));
            words.iter().all(|w| haystack.contains(w.as_str()))
        })
        .map(|(m, l)| LessonChoice {
            key: format!("{}/{}", m.slug, l.slug),
            module_title: m.meta.title.clone(),
            lesson_title: l.meta.title.clone(),
        })
        .collect()
}

/// A session ready to be saved.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ValidVisit {
    pub date: String,
    pub kind: String,
    pub place: String,
    pub minutes: i32,
    pub topics: String,
    pub note: Option<String>,
    pub lessons: Vec<(String, String)>,
}

fn error(field: &str, problem: FieldProblem) -> FieldError {
    FieldError {
        field: field.into(),
        problem,
    }
}

/// A date typed as `YYYY-MM-DD` (month and day may have one digit) that exists in the
/// calendar, written back as `YYYY-MM-DD`; `None` otherwise (`2026-02-31`, `24/11/2026`).
pub fn parse_date(typed: &str) -> Option<String> {
    let mut parts = typed.split('-');
    let (Some(y), Some(m), Some(d), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return None;
    };
    let digits = |s: &str, min: usize, max: usize| {
        (min..=max).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit())
    };
    if !(digits(y, 4, 4) && digits(m, 1, 2) && digits(d, 1, 2)) {
        return None;
    }
    let year: i32 = y.parse().ok()?;
    let month: u8 = m.parse().ok()?;
    let day: u8 = d.parse().ok()?;
    let month = time::Month::try_from(month).ok()?;
    let date = time::Date::from_calendar_date(year, month, day).ok()?;
    Some(format!(
        "{:04}-{:02}-{:02}",
        date.year(),
        u8::from(date.month()),
        date.day()
    ))
}

/// Checks a session form. `today` is `YYYY-MM-DD` in France.
pub fn validate(
    catalog: &Catalog,
    draft: &VisitDraft,
    today: &str,
) -> Result<ValidVisit, Vec<FieldError>> {
    let mut errors = Vec::new();
    if draft.learners.is_empty() {
        errors.push(error("learners", FieldProblem::NoLearner));
    }
    let date = parse_date(draft.date.trim()).unwrap_or_default();
    if draft.date.trim().is_empty() {
        errors.push(error("date", FieldProblem::NoDate));
    } else if date.is_empty() {
        errors.push(error("date", FieldProblem::BadDate));
    } else if date.as_str() > today {
        errors.push(error("date", FieldProblem::FutureDate));
    } else if date.as_str() < "2020-01-01" {
        errors.push(error("date", FieldProblem::OldDate));
    }
    if VisitKind::from_code(&draft.kind).is_none() {
        errors.push(error("kind", FieldProblem::NoKind));
    }
    if draft.place.chars().count() > MAX_PLACE {
        errors.push(error(
            "place",
            FieldProblem::PlaceTooLong { max: MAX_PLACE },
        ));
    }
    let minutes = draft.minutes.trim().parse::<i32>();
    match minutes {
        Ok(m) if (MIN_MINUTES..=MAX_MINUTES).contains(&m) => {}
        Ok(_) => errors.push(error(
            "minutes",
            FieldProblem::BadMinutes {
                min: MIN_MINUTES,
                max: MAX_MINUTES,
            },
        )),
        Err(_) => errors.push(error("minutes", FieldProblem::NotMinutes)),
    }
    if draft.topics.chars().count() > MAX_TOPICS {
        errors.push(error(
            "topics",
            FieldProblem::TopicsTooLong { max: MAX_TOPICS },
        ));
    }
    if draft.note.chars().count() > MAX_NOTE {
        errors.push(error(
            "note",
            FieldProblem::NoteTooLong {
                max: MAX_NOTE,
                has: draft.note.chars().count(),
            },
        ));
    }
    let mut lessons = Vec::new();
    for key in &draft.lessons {
        match key.split_once('/') {
            Some((m, l)) if catalog.lesson(m, l).is_some() => {
                lessons.push((m.to_string(), l.to_string()));
            }
            _ => errors.push(error(
                "lessons",
                FieldProblem::LessonGone { key: key.clone() },
            )),
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let note = draft.note.trim();
    Ok(ValidVisit {
        date,
        kind: draft.kind.clone(),
        place: draft.place.trim().to_string(),
        minutes: minutes.unwrap_or_default(),
        topics: draft.topics.trim().to_string(),
        note: (!note.is_empty()).then(|| note.to_string()),
        lessons,
    })
}

/// Takes out of the form the lessons that no longer exist (removed from `content/` while
/// the form was open): they are reported by [`validate`], and the form shown again must
/// not keep them, or it could never be saved.
pub fn drop_missing_lessons(catalog: &Catalog, draft: &mut VisitDraft) {
    draft.lessons.retain(|key| {
        key.split_once('/')
            .is_some_and(|(m, l)| catalog.lesson(m, l).is_some())
    });
}

/// Each learner once, in the order given (a form may repeat one).
pub fn dedup_learners(draft: &mut VisitDraft) {
    let mut seen = std::collections::HashSet::new();
    draft.learners.retain(|id| seen.insert(*id));
}

/// What saving a session gives.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Logged {
    Saved(i32),
    Invalid(Vec<FieldError>),
    /// A learner id that is not of the volunteer's structure.
    NotFound,
}

/// Saves a session for one learner or a group, and advises its lessons to each of them.
/// The note is kept only if every learner of the session agreed to written notes.
pub async fn log(
    db: &(impl ConnectionTrait + TransactionTrait),
    catalog: &Catalog,
    volunteer: &staff::Model,
    draft: &VisitDraft,
) -> Result<Logged, DbErr> {
    let valid = match validate(catalog, draft, &dates::today_iso(now())) {
        Ok(v) => v,
        Err(errors) => return Ok(Logged::Invalid(errors)),
    };
    let mut learners = Vec::new();
    let mut unique = draft.clone();
    dedup_learners(&mut unique);
    for id in &unique.learners {
        match accounts::learner_for_staff(db, volunteer, *id).await? {
            Some(l) => learners.push(l),
            None => return Ok(Logged::NotFound),
        }
    }
    let notes_allowed = learners.iter().all(|l| l.notes_consent != Some(false));
    // A group with someone who refused notes: the note typed is not dropped in silence.
    if !notes_allowed && valid.note.is_some() && learners.len() > 1 {
        let names = learners
            .iter()
            .filter(|l| l.notes_consent == Some(false))
            .map(|l| l.first_name.clone())
            .collect();
        return Ok(Logged::Invalid(vec![error(
            "note",
            FieldProblem::NotesRefused { names },
        )]));
    }
    let txn = db.begin().await?;
    let saved = visit::ActiveModel {
        structure_id: Set(volunteer.structure_id),
        volunteer_id: Set(Some(volunteer.id)),
        date: Set(valid.date.clone()),
        kind: Set(valid.kind.clone()),
        place: Set(valid.place.clone()),
        duration_minutes: Set(valid.minutes),
        topics: Set(valid.topics.clone()),
        note: Set(valid.note.clone().filter(|_| notes_allowed)),
        created_at: Set(now()),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    for l in &learners {
        visit_learner::ActiveModel {
            visit_id: Set(saved.id),
            learner_id: Set(l.id),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
        follow_up::assign(&txn, l.id, &valid.lessons, volunteer.id, Some(saved.id)).await?;
    }
    txn.commit().await?;
    Ok(Logged::Saved(saved.id))
}

/// A learner's sessions, newest first.
pub async fn for_learner(
    db: &impl ConnectionTrait,
    learner_id: i32,
) -> Result<Vec<VisitView>, DbErr> {
    let links = visit_learner::Entity::find()
        .filter(visit_learner::Column::LearnerId.eq(learner_id))
        .all(db)
        .await?;
    let ids: Vec<i32> = links.iter().map(|l| l.visit_id).collect();
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let visits = visit::Entity::find()
        .filter(visit::Column::Id.is_in(ids.iter().copied()))
        .order_by_desc(visit::Column::Date)
        .order_by_desc(visit::Column::Id)
        .all(db)
        .await?;
    let all_links = visit_learner::Entity::find()
        .filter(visit_learner::Column::VisitId.is_in(ids))
        .all(db)
        .await?;
    let names = follow_up::staff_names(db, visits.iter().filter_map(|v| v.volunteer_id)).await?;
    Ok(visits
        .into_iter()
        .map(|v| VisitView {
            id: v.id,
            date: dates::iso_date_fr(&v.date),
            kind: words::visit_kind_code(&v.kind).to_string(),
            place: v.place,
            minutes: v.duration_minutes,
            topics: v.topics,
            note: v.note,
            by: v.volunteer_id.and_then(|id| names.get(&id).cloned()),
            others: all_links
                .iter()
                .filter(|l| l.visit_id == v.id)
                .count()
                .saturating_sub(1),
        })
        .collect())
}

/// The sheet left with a learner after a session; `None` unless both the session and the
/// learner are of the volunteer's structure and the learner took part.
pub async fn hand_off(
    db: &impl ConnectionTrait,
    catalog: &Catalog,
    volunteer: &staff::Model,
    visit_id: i32,
    learner_id: i32,
    site: &str,
) -> Result<Option<HandOff>, DbErr> {
    let Some(v) = visit::Entity::find_by_id(visit_id)
        .filter(visit::Column::StructureId.eq(volunteer.structure_id))
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    let took_part = visit_learner::Entity::find()
        .filter(visit_learner::Column::VisitId.eq(visit_id))
        .filter(visit_learner::Column::LearnerId.eq(learner_id))
        .one(db)
        .await?
        .is_some();
    let Some(l) = learner::Entity::find_by_id(learner_id)
        .filter(learner::Column::StructureId.eq(volunteer.structure_id))
        .one(db)
        .await?
        .filter(|_| took_part)
    else {
        return Ok(None);
    };
    let structure = structure::Entity::find_by_id(v.structure_id)
        .one(db)
        .await?;
    let assignments = follow_up::assignments_of(db, &[l.id]).await?;
    let names = follow_up::staff_names(
        db,
        assignments
            .iter()
            .filter_map(|a| a.assigned_by)
            .chain(v.volunteer_id),
    )
    .await?;
    let progress = super::progress::for_learners(db, &[l.id]).await?;
    let mut done: std::collections::HashMap<(String, String), std::collections::HashSet<String>> =
        std::collections::HashMap::new();
    for p in progress {
        let steps = done.entry((p.module, p.lesson)).or_default();
        if p.completed_at.is_some() {
            steps.insert(p.step);
        }
    }
    let to_practise = follow_up::assigned_views(catalog, &assignments, &done, &names)
        .into_iter()
        .filter(|a| a.status != crate::model::LessonStatus::Done)
        .collect();
    Ok(Some(HandOff {
        visit_id,
        learner_id,
        first_name: l.first_name,
        code: auth::format_code(&l.code),
        date: dates::iso_date_fr(&v.date),
        kind: words::visit_kind_code(&v.kind).to_string(),
        topics: v.topics,
        to_practise,
        volunteer: v.volunteer_id.and_then(|id| names.get(&id).cloned()),
        structure: structure
            .as_ref()
            .map(|s| s.name.clone())
            .unwrap_or_default(),
        phone: structure.and_then(|s| s.phone),
        site: site.to_string(),
    }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ssr::content;

    fn catalog() -> Catalog {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../content");
        content::load(&dir).catalog
    }

    fn draft() -> VisitDraft {
        VisitDraft {
            learners: vec![1],
            date: "2026-11-24".into(),
            kind: "domicile".into(),
            place: "Chez Jeanne".into(),
            minutes: "60".into(),
            topics: "La souris.".into(),
            note: String::new(),
            lessons: vec!["email-la-poste/adresse-enveloppe".into()],
            search: String::new(),
        }
    }

    #[test]
    fn dates_must_exist_and_are_stored_padded() {
        assert_eq!(parse_date("2026-1-5").as_deref(), Some("2026-01-05"));
        assert_eq!(parse_date("2024-02-29").as_deref(), Some("2024-02-29"));
        for wrong in [
            "2026-02-31",
            "2025-02-29",
            "2026-04-31",
            "2026-13-01",
            "2026-00-10",
            "24/11/2026",
            "2026-11",
            "2026-11-24-1",
            "26-11-24",
            "2026-+1-05",
            "",
        ] {
            assert_eq!(parse_date(wrong), None, "{wrong}");
        }
        let v = validate(
            &catalog(),
            &VisitDraft {
                date: "2026-1-5".into(),
                ..draft()
            },
            "2026-11-24",
        )
        .unwrap();
        assert_eq!(v.date, "2026-01-05");
        let e = validate(
            &catalog(),
            &VisitDraft {
                date: "2026-02-31".into(),
                ..draft()
            },
            "2026-11-24",
        )
        .unwrap_err();
        assert!(words::field_problem(&e[0].problem).starts_with("Cette date n'existe pas."));
    }

    #[test]
    fn a_good_session_is_valid() {
        let v = validate(&catalog(), &draft(), "2026-11-24").unwrap();
        assert_eq!(v.minutes, 60);
        assert_eq!(v.note, None);
        assert_eq!(
            v.lessons,
            [("email-la-poste".into(), "adresse-enveloppe".into())]
        );
    }

    #[test]
    fn absurd_dates_durations_and_long_notes_are_refused_with_french_messages() {
        let c = catalog();
        let check = |d: VisitDraft| {
            validate(&c, &d, "2026-11-24")
                .unwrap_err()
                .into_iter()
                .map(|e| format!("{}: {}", e.field, words::field_problem(&e.problem)))
                .collect::<Vec<_>>()
        };
        let e = check(VisitDraft {
            date: String::new(),
            ..draft()
        });
        assert_eq!(e, ["date: Indiquez la date de la séance."]);
        let e = check(VisitDraft {
            date: "2026-13-40".into(),
            ..draft()
        });
        assert!(e[0].starts_with("date: Cette date n'existe pas."), "{e:?}");
        let e = check(VisitDraft {
            date: "2027-01-01".into(),
            ..draft()
        });
        assert!(
            e[0].starts_with("date: Cette date est dans le futur."),
            "{e:?}"
        );
        let e = check(VisitDraft {
            date: "1999-01-01".into(),
            ..draft()
        });
        assert!(
            e[0].starts_with("date: Cette date est trop ancienne."),
            "{e:?}"
        );
        let e = check(VisitDraft {
            minutes: "0".into(),
            ..draft()
        });
        assert!(
            e[0].starts_with("minutes: La durée doit être entre"),
            "{e:?}"
        );
        let e = check(VisitDraft {
            minutes: "une heure".into(),
            ..draft()
        });
        assert!(
            e[0].starts_with("minutes: Indiquez la durée en minutes"),
            "{e:?}"
        );
        let e = check(VisitDraft {
            note: "x".repeat(MAX_NOTE + 1),
            ..draft()
        });
        assert!(e[0].starts_with("note: La note est trop longue"), "{e:?}");
        let e = check(VisitDraft {
            lessons: vec!["nulle/part".into()],
            ..draft()
        });
        assert!(
            e[0].starts_with("lessons: La leçon « nulle/part » n'existe plus."),
            "{e:?}"
        );
        let e = check(VisitDraft {
            kind: "fête".into(),
            learners: vec![],
            ..draft()
        });
        assert_eq!(e.len(), 2, "{e:?}");
    }

    #[test]
    fn lessons_can_be_searched_without_accents() {
        let c = catalog();
        let all = lesson_choices(&c, "");
        assert!(all.len() >= 24);
        let found = lesson_choices(&c, "boite reception");
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].key, "email-la-poste/boite-de-reception");
    }
}
