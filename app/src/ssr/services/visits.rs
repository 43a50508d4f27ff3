//! Help sessions ("séances"): logged by a volunteer after a home visit, a group workshop or a
//! drop-in desk, with the lessons to practise before the next one.

use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder,
    Set, TransactionSession, TransactionTrait,
};

use super::{accounts, follow_up, stats_learning};
use crate::model::{
    Autonomy, CoopTheme, DURATIONS, Equipment, FieldError, FieldProblem, HandOff, LessonChoice,
    Orientation, PlaceType, SessionType, VisitDraft, VisitKind, VisitView, WorkshopLevel,
    join_codes, split_codes,
};
use crate::ssr::auth;
use crate::ssr::content::{Catalog, slug};
use crate::ssr::db::WriteTransaction as _;
use crate::ssr::db::entities::{learner, staff, structure, visit, visit_learner};
use crate::ssr::db::now;
use crate::text::{dates, sessions as sessions_words};

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
    /// The kind of before La Coop's fields, still stored for older readers.
    pub kind: String,
    pub session_type: SessionType,
    pub place_type: PlaceType,
    pub commune: Option<String>,
    pub place: String,
    pub minutes: i32,
    pub equipment: Vec<Equipment>,
    pub themes: Vec<CoopTheme>,
    pub autonomy: Option<Autonomy>,
    pub orientation: Option<Orientation>,
    pub workshop_title: Option<String>,
    pub workshop_level: Option<WorkshopLevel>,
    pub anonymous: i32,
    pub anonymous_followed: i32,
    pub topics: String,
    pub note: Option<String>,
    pub lessons: Vec<(String, String)>,
}

pub const MAX_COMMUNE: usize = 100;
pub const MAX_TITLE: usize = 200;
pub const MAX_ANONYMOUS: i32 = 500;

fn error(field: &str, problem: FieldProblem) -> FieldError {
    FieldError {
        field: field.into(),
        problem,
    }
}

/// The Coop themes of advised lessons (`module/lesson` keys): each lesson's own, or its
/// module's; each theme once, in the Coop's order.
pub fn lesson_themes<'a>(
    catalog: &Catalog,
    keys: impl IntoIterator<Item = &'a str>,
) -> Vec<CoopTheme> {
    let mut themes: Vec<CoopTheme> = keys
        .into_iter()
        .filter_map(|key| key.split_once('/'))
        .filter_map(|(m, l)| {
            let (module, lesson) = catalog.lesson(m, l)?;
            Some(if lesson.meta.themes.is_empty() {
                module.meta.themes.clone()
            } else {
                lesson.meta.themes.clone()
            })
        })
        .flatten()
        .collect();
    themes.sort();
    themes.dedup();
    themes
}

/// The kind stored before La Coop's fields: the type and place a legacy form's kind says.
fn from_kind(kind: &str) -> Option<(SessionType, PlaceType)> {
    Some(match VisitKind::from_code(kind)? {
        VisitKind::Home => (SessionType::Individual, PlaceType::Home),
        VisitKind::DropIn => (SessionType::Individual, PlaceType::ActivityPlace),
        VisitKind::Workshop => (SessionType::Collective, PlaceType::ActivityPlace),
    })
}

/// The kind of before La Coop's fields, for a type and place.
pub fn legacy_kind(session_type: SessionType, place_type: PlaceType) -> VisitKind {
    match (session_type, place_type) {
        (SessionType::Collective, _) => VisitKind::Workshop,
        (_, PlaceType::Home) => VisitKind::Home,
        _ => VisitKind::DropIn,
    }
}

/// Codes ticked in the form: the values, or an error for a code the form does not offer.
fn choices<T>(
    codes: &[String],
    from: impl Fn(&str) -> Option<T>,
    field: &str,
    errors: &mut Vec<FieldError>,
) -> Vec<T> {
    let mut values = Vec::new();
    for code in codes.iter().filter(|c| !c.is_empty()) {
        match from(code) {
            Some(v) => values.push(v),
            None => {
                errors.push(error(field, FieldProblem::UnknownChoice));
                break;
            }
        }
    }
    values
}

/// One optional choice: empty is `None`, an unknown code an error.
fn choice<T>(
    code: &str,
    from: impl Fn(&str) -> Option<T>,
    field: &str,
    errors: &mut Vec<FieldError>,
) -> Option<T> {
    if code.is_empty() {
        return None;
    }
    let v = from(code);
    if v.is_none() {
        errors.push(error(field, FieldProblem::UnknownChoice));
    }
    v
}

fn count(typed: &str, field: &str, errors: &mut Vec<FieldError>) -> i32 {
    let typed = typed.trim();
    if typed.is_empty() {
        return 0;
    }
    match typed.parse::<i32>() {
        Ok(n) if (0..=MAX_ANONYMOUS).contains(&n) => n,
        _ => {
            errors.push(error(field, FieldProblem::BadCount { max: MAX_ANONYMOUS }));
            0
        }
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
///
/// A form of before La Coop's fields (no `session_type`, a `kind`) is still read: its kind
/// gives the type and place type, and the commune and themes it never asked for are not
/// required.
pub fn validate(
    catalog: &Catalog,
    draft: &VisitDraft,
    today: &str,
) -> Result<ValidVisit, Vec<FieldError>> {
    let mut errors = Vec::new();
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
    let coop_form = !draft.session_type.is_empty();
    let (session_type, place_type) = if coop_form {
        let t = SessionType::from_code(&draft.session_type);
        if t.is_none() {
            errors.push(error("session_type", FieldProblem::NoKind));
        }
        let p = PlaceType::from_code(&draft.place_type);
        if p.is_none() {
            errors.push(error("place_type", FieldProblem::NoPlaceType));
        }
        (t, p)
    } else {
        match from_kind(&draft.kind) {
            Some((t, p)) => (Some(t), Some(p)),
            None => {
                errors.push(error("kind", FieldProblem::NoKind));
                (None, None)
            }
        }
    };
    let session_type = session_type.unwrap_or(SessionType::Individual);
    let place_type = place_type.unwrap_or(PlaceType::ActivityPlace);
    let anonymous = if session_type == SessionType::Collective {
        count(&draft.anonymous, "anonymous", &mut errors)
    } else {
        0
    };
    let anonymous_followed = if session_type == SessionType::Collective {
        count(&draft.anonymous_followed, "anonymous_followed", &mut errors)
    } else {
        0
    };
    if anonymous_followed > anonymous {
        errors.push(error("anonymous_followed", FieldProblem::FollowedOverCount));
    }
    if draft.learners.is_empty() && anonymous == 0 {
        errors.push(error("learners", FieldProblem::NoLearner));
    }
    let commune = draft.commune.trim();
    if commune.chars().count() > MAX_COMMUNE {
        errors.push(error(
            "commune",
            FieldProblem::CommuneTooLong { max: MAX_COMMUNE },
        ));
    } else if coop_form && place_type.needs_commune() && commune.is_empty() {
        errors.push(error("commune", FieldProblem::NoCommune));
    }
    if draft.place.chars().count() > MAX_PLACE {
        errors.push(error(
            "place",
            FieldProblem::PlaceTooLong { max: MAX_PLACE },
        ));
    }
    let preset = draft
        .duration
        .parse::<i32>()
        .ok()
        .filter(|m| DURATIONS.contains(m));
    let minutes = match preset {
        Some(m) => Ok(m),
        None => draft.minutes.trim().parse::<i32>(),
    };
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
    let equipment = choices(
        &draft.equipment,
        Equipment::from_code,
        "equipment",
        &mut errors,
    );
    let mut themes = choices(&draft.themes, CoopTheme::from_code, "themes", &mut errors);
    let autonomy = choice(
        &draft.autonomy,
        Autonomy::from_code,
        "autonomy",
        &mut errors,
    );
    let orientation = choice(
        &draft.orientation,
        Orientation::from_code,
        "orientation",
        &mut errors,
    );
    let workshop_level = choice(
        &draft.workshop_level,
        WorkshopLevel::from_code,
        "workshop_level",
        &mut errors,
    );
    let title = draft.workshop_title.trim();
    if title.chars().count() > MAX_TITLE {
        errors.push(error(
            "workshop_title",
            FieldProblem::TitleTooLong { max: MAX_TITLE },
        ));
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
    // No theme ticked: the advised lessons' themes are the session's.
    if themes.is_empty() {
        themes = lesson_themes(catalog, draft.lessons.iter().map(String::as_str));
    }
    themes.sort();
    themes.dedup();
    if coop_form && themes.is_empty() {
        errors.push(error("themes", FieldProblem::NoTheme));
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let note = draft.note.trim();
    let individual = session_type == SessionType::Individual;
    Ok(ValidVisit {
        date,
        kind: legacy_kind(session_type, place_type).code().to_string(),
        session_type,
        place_type,
        commune: (!commune.is_empty()).then(|| commune.to_string()),
        place: draft.place.trim().to_string(),
        minutes: minutes.unwrap_or_default(),
        equipment,
        themes,
        autonomy: autonomy.filter(|_| individual),
        orientation: orientation.filter(|_| individual),
        workshop_title: (!individual && !title.is_empty()).then(|| title.to_string()),
        workshop_level: workshop_level.filter(|_| !individual),
        anonymous,
        anonymous_followed,
        topics: draft.topics.trim().to_string(),
        note: (!note.is_empty()).then(|| note.to_string()),
        lessons,
    })
}

impl ValidVisit {
    /// The session's columns, on a new or a loaded row.
    pub fn apply(&self, row: &mut visit::ActiveModel, note_allowed: bool) {
        row.date = Set(self.date.clone());
        row.kind = Set(self.kind.clone());
        row.session_type = Set(self.session_type.code().to_string());
        row.place_type = Set(self.place_type.code().to_string());
        row.commune = Set(self.commune.clone());
        row.place = Set(self.place.clone());
        row.duration_minutes = Set(self.minutes);
        row.equipment = Set(join_codes(&self.equipment, Equipment::code));
        row.themes = Set(join_codes(&self.themes, CoopTheme::code));
        row.autonomy = Set(self.autonomy.map(|a| a.code().to_string()));
        row.orientation = Set(self.orientation.map(|o| o.code().to_string()));
        row.workshop_title = Set(self.workshop_title.clone());
        row.workshop_level = Set(self.workshop_level.map(|l| l.code().to_string()));
        row.anonymous = Set(self.anonymous);
        row.anonymous_followed = Set(self.anonymous_followed);
        row.topics = Set(self.topics.clone());
        row.note = Set(self.note.clone().filter(|_| note_allowed));
    }
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
    /// A learner id (or, when correcting, the session) not of the volunteer's structure.
    NotFound,
    /// Correcting someone else's session without being a coordinator.
    Forbidden,
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
    let txn = db.begin_write().await?;
    // The learners' steps of the day are no longer alone (`stats_learning`).
    let touch = stats_learning::SessionTouch::before(
        &txn,
        learners.iter().map(|l| (l.id, valid.date.clone())),
    )
    .await?;
    let mut row = visit::ActiveModel {
        structure_id: Set(volunteer.structure_id),
        volunteer_id: Set(Some(volunteer.id)),
        created_at: Set(now()),
        updated_at: Set(None),
        ..Default::default()
    };
    valid.apply(&mut row, notes_allowed);
    let saved = row.insert(&txn).await?;
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
    touch.after(&txn).await?;
    txn.commit().await?;
    Ok(Logged::Saved(saved.id))
}

/// A learner's sessions, newest first.
pub async fn for_learner(
    db: &impl ConnectionTrait,
    learner_id: i32,
) -> Result<Vec<VisitView>, DbErr> {
    for_learner_in(db, learner_id, None).await
}

/// A learner's sessions of one structure (`Some`), or of every structure (`None`: the
/// learner's own booklet).
pub async fn for_learner_in(
    db: &impl ConnectionTrait,
    learner_id: i32,
    structure_id: Option<i32>,
) -> Result<Vec<VisitView>, DbErr> {
    let links = visit_learner::Entity::find()
        .filter(visit_learner::Column::LearnerId.eq(learner_id))
        .all(db)
        .await?;
    let ids: Vec<i32> = links.iter().map(|l| l.visit_id).collect();
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let mut visits = visit::Entity::find().filter(visit::Column::Id.is_in(ids.iter().copied()));
    if let Some(structure_id) = structure_id {
        visits = visits.filter(visit::Column::StructureId.eq(structure_id));
    }
    let visits = visits
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
            kind: sessions_words::type_and_place(
                SessionType::from_code(&v.session_type),
                PlaceType::from_code(&v.place_type),
            ),
            themes: sessions_words::themes(&split_codes(&v.themes, CoopTheme::from_code)),
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
        kind: sessions_words::type_and_place(
            SessionType::from_code(&v.session_type),
            PlaceType::from_code(&v.place_type),
        ),
        topics: v.topics,
        to_practise,
        volunteer: v.volunteer_id.and_then(|id| names.get(&id).cloned()),
        structure: structure
            .as_ref()
            .map(|s| s.name.clone())
            .unwrap_or_default(),
        phone: structure.and_then(|s| s.phone),
        site: site.to_string(),
        // What is planned next: `next_visit::hand_off`.
        next: None,
        recontact: None,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ssr::content;
    use crate::text::staff as words;

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
            ..VisitDraft::default()
        }
    }

    /// The form with La Coop's fields.
    fn coop_draft() -> VisitDraft {
        VisitDraft {
            kind: String::new(),
            session_type: "individuel".into(),
            place_type: "domicile".into(),
            commune: "Morlaàs".into(),
            duration: "45".into(),
            minutes: String::new(),
            equipment: vec!["ordinateur".into()],
            themes: vec!["sante".into()],
            autonomy: "partiellement_autonome".into(),
            orientation: "aide_sociale".into(),
            ..draft()
        }
    }

    #[test]
    fn the_coop_fields_are_checked_and_kept() {
        let c = catalog();
        let v = validate(&c, &coop_draft(), "2026-11-24").unwrap();
        assert_eq!(v.session_type, SessionType::Individual);
        assert_eq!(v.place_type, PlaceType::Home);
        assert_eq!(v.minutes, 45, "a preset duration wins over the minutes");
        assert_eq!(v.commune.as_deref(), Some("Morlaàs"));
        assert_eq!(v.equipment, [Equipment::Computer]);
        assert_eq!(v.themes, [CoopTheme::Health]);
        assert_eq!(v.autonomy, Some(Autonomy::PartlyAutonomous));
        assert_eq!(v.orientation, Some(Orientation::SocialHelp));
        assert_eq!(v.kind, "domicile");
        let check = |d: VisitDraft| {
            validate(&c, &d, "2026-11-24")
                .unwrap_err()
                .into_iter()
                .map(|e| e.field)
                .collect::<Vec<_>>()
        };
        assert_eq!(
            check(VisitDraft {
                commune: " ".into(),
                ..coop_draft()
            }),
            ["commune"]
        );
        assert_eq!(
            check(VisitDraft {
                themes: vec![],
                lessons: vec![],
                ..coop_draft()
            }),
            ["themes"]
        );
        assert_eq!(
            check(VisitDraft {
                themes: vec!["courriel".into()],
                ..coop_draft()
            }),
            ["themes"]
        );
        assert_eq!(
            check(VisitDraft {
                duration: "autre".into(),
                minutes: "2".into(),
                ..coop_draft()
            }),
            ["minutes"]
        );
        // A workshop: participants without a name are enough; the individual fields go.
        let w = validate(
            &c,
            &VisitDraft {
                session_type: "collectif".into(),
                place_type: "lieu_activite".into(),
                learners: vec![],
                anonymous: "6".into(),
                anonymous_followed: "2".into(),
                workshop_title: " Le courriel ".into(),
                workshop_level: "debutant".into(),
                ..coop_draft()
            },
            "2026-11-24",
        )
        .unwrap();
        assert_eq!((w.anonymous, w.anonymous_followed), (6, 2));
        assert_eq!(w.workshop_title.as_deref(), Some("Le courriel"));
        assert_eq!(w.autonomy, None);
        assert_eq!(w.kind, "atelier");
        assert_eq!(
            check(VisitDraft {
                session_type: "collectif".into(),
                anonymous: "2".into(),
                anonymous_followed: "3".into(),
                ..coop_draft()
            }),
            ["anonymous_followed"]
        );
    }

    #[test]
    fn an_advised_lesson_proposes_its_module_s_theme() {
        let c = catalog();
        assert_eq!(
            lesson_themes(&c, ["piece-jointe/joindre-un-fichier"]),
            [CoopTheme::Email]
        );
        let v = validate(
            &c,
            &VisitDraft {
                themes: vec![],
                lessons: vec!["piece-jointe/joindre-un-fichier".into()],
                ..coop_draft()
            },
            "2026-11-24",
        )
        .unwrap();
        assert_eq!(v.themes, [CoopTheme::Email]);
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
