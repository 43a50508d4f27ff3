//! A volunteer's sessions ("Mes séances", with filters), and correcting or deleting one:
//! by its author or a coordinator of its structure, each change traced (who, when, each
//! field before and after) in `visit_change`, which outlives a deleted session.

use std::collections::HashMap;

use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, IntoActiveModel,
    QueryFilter, QueryOrder, QuerySelect, Set, TransactionSession, TransactionTrait,
};

use super::visits::{self, Logged, parse_date};
use super::{accounts, follow_up, stats_day, stats_learning};
use crate::model::{
    ChangedField, CoopTheme, DURATIONS, Equipment, FieldError, FieldProblem, PlaceType,
    SessionFilter, SessionLine, SessionType, SessionsView, VisitChangeView, VisitDraft,
    split_codes,
};
use crate::ssr::content::Catalog;
use crate::ssr::db::WriteTransaction as _;
use crate::ssr::db::entities::{assignment, learner, staff, visit, visit_change, visit_learner};
use crate::ssr::db::now;
use crate::text::dates;

/// The most sessions a list shows (the newest).
pub const MAX_LINES: u64 = 500;

/// May this staff member correct or delete this session (already known to be of their
/// structure)?
pub fn may_edit(me: &staff::Model, v: &visit::Model) -> bool {
    v.volunteer_id == Some(me.id) || me.is_coordinator
}

/// A session of the staff member's structure; `None` for another structure's (not found).
async fn of_structure(
    db: &impl ConnectionTrait,
    me: &staff::Model,
    id: i32,
) -> Result<Option<visit::Model>, DbErr> {
    visit::Entity::find_by_id(id)
        .filter(visit::Column::StructureId.eq(me.structure_id))
        .one(db)
        .await
}

/// What opening a session to correct it gives.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Editable {
    /// The form filled with the session as saved.
    Draft(Box<VisitDraft>),
    NotFound,
    Forbidden,
}

/// The form of a saved session, as the volunteer typed it.
pub async fn edit_draft(
    db: &impl ConnectionTrait,
    me: &staff::Model,
    id: i32,
) -> Result<Editable, DbErr> {
    let Some(v) = of_structure(db, me, id).await? else {
        return Ok(Editable::NotFound);
    };
    if !may_edit(me, &v) {
        return Ok(Editable::Forbidden);
    }
    let learners = learner_ids(db, id).await?;
    let lessons = lesson_keys(db, id).await?;
    Ok(Editable::Draft(Box::new(draft_of(&v, learners, lessons))))
}

fn draft_of(v: &visit::Model, learners: Vec<i32>, lessons: Vec<String>) -> VisitDraft {
    let preset = DURATIONS.contains(&v.duration_minutes);
    VisitDraft {
        visit: Some(v.id),
        learners,
        date: v.date.clone(),
        kind: v.kind.clone(),
        session_type: v.session_type.clone(),
        place_type: v.place_type.clone(),
        commune: v.commune.clone().unwrap_or_default(),
        place: v.place.clone(),
        duration: if preset {
            v.duration_minutes.to_string()
        } else {
            "autre".into()
        },
        minutes: v.duration_minutes.to_string(),
        equipment: split_codes(&v.equipment, Equipment::from_code)
            .into_iter()
            .map(|e| e.code().to_string())
            .collect(),
        themes: split_codes(&v.themes, CoopTheme::from_code)
            .into_iter()
            .map(|t| t.code().to_string())
            .collect(),
        autonomy: v.autonomy.clone().unwrap_or_default(),
        orientation: v.orientation.clone().unwrap_or_default(),
        workshop_title: v.workshop_title.clone().unwrap_or_default(),
        workshop_level: v.workshop_level.clone().unwrap_or_default(),
        anonymous: if v.anonymous > 0 {
            v.anonymous.to_string()
        } else {
            String::new()
        },
        anonymous_followed: if v.anonymous_followed > 0 {
            v.anonymous_followed.to_string()
        } else {
            String::new()
        },
        topics: v.topics.clone(),
        note: v.note.clone().unwrap_or_default(),
        lessons,
        search: String::new(),
        // A saved session's next visit is not corrected here.
        ..VisitDraft::default()
    }
}

async fn learner_ids(db: &impl ConnectionTrait, visit_id: i32) -> Result<Vec<i32>, DbErr> {
    Ok(visit_learner::Entity::find()
        .filter(visit_learner::Column::VisitId.eq(visit_id))
        .order_by_asc(visit_learner::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|l| l.learner_id)
        .collect())
}

/// The lessons advised at this session (`module/lesson`), each once.
async fn lesson_keys(db: &impl ConnectionTrait, visit_id: i32) -> Result<Vec<String>, DbErr> {
    let mut keys: Vec<String> = assignment::Entity::find()
        .filter(assignment::Column::VisitId.eq(visit_id))
        .order_by_asc(assignment::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|a| format!("{}/{}", a.module, a.lesson))
        .collect();
    let mut seen = std::collections::HashSet::new();
    keys.retain(|k| seen.insert(k.clone()));
    Ok(keys)
}

/// The fields of a session as the history shows them: the form's names, the Coop's codes,
/// learners by first name.
fn snapshot(
    v: &visit::Model,
    learners: &[String],
    lessons: &[String],
) -> Vec<(&'static str, String)> {
    vec![
        ("date", v.date.clone()),
        ("session_type", v.session_type.clone()),
        ("place_type", v.place_type.clone()),
        ("commune", v.commune.clone().unwrap_or_default()),
        ("place", v.place.clone()),
        ("minutes", v.duration_minutes.to_string()),
        ("equipment", v.equipment.clone()),
        ("themes", v.themes.clone()),
        ("autonomy", v.autonomy.clone().unwrap_or_default()),
        ("orientation", v.orientation.clone().unwrap_or_default()),
        (
            "workshop_title",
            v.workshop_title.clone().unwrap_or_default(),
        ),
        (
            "workshop_level",
            v.workshop_level.clone().unwrap_or_default(),
        ),
        ("anonymous", v.anonymous.to_string()),
        ("anonymous_followed", v.anonymous_followed.to_string()),
        ("topics", v.topics.clone()),
        ("note", v.note.clone().unwrap_or_default()),
        ("learners", learners.join(", ")),
        ("lessons", lessons.join(", ")),
    ]
}

fn diff(before: &[(&'static str, String)], after: &[(&'static str, String)]) -> Vec<ChangedField> {
    before
        .iter()
        .zip(after)
        .filter(|((_, b), (_, a))| a != b)
        .map(|((field, b), (_, a))| ChangedField {
            field: (*field).to_string(),
            before: b.clone(),
            after: a.clone(),
        })
        .collect()
}

async fn first_names(
    db: &impl ConnectionTrait,
    ids: &[i32],
) -> Result<HashMap<i32, String>, DbErr> {
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    Ok(learner::Entity::find()
        .filter(learner::Column::Id.is_in(ids.iter().copied()))
        .all(db)
        .await?
        .into_iter()
        .map(|l| (l.id, l.first_name))
        .collect())
}

fn names_of(ids: &[i32], names: &HashMap<i32, String>) -> Vec<String> {
    ids.iter()
        .map(|id| names.get(id).cloned().unwrap_or_else(|| format!("#{id}")))
        .collect()
}

fn changes_json(fields: &[ChangedField]) -> String {
    serde_json::to_string(fields).unwrap_or_else(|_| "[]".into())
}

/// Corrects a saved session: checked like a new one; the learners and the lessons advised
/// become the form's (a lesson no longer ticked stays advised: nothing a learner was told
/// is taken back in silence); what changed is traced. Nothing changed: nothing traced.
pub async fn update(
    db: &(impl ConnectionTrait + TransactionTrait),
    catalog: &Catalog,
    me: &staff::Model,
    id: i32,
    draft: &VisitDraft,
) -> Result<Logged, DbErr> {
    let Some(v) = of_structure(db, me, id).await? else {
        return Ok(Logged::NotFound);
    };
    if !may_edit(me, &v) {
        return Ok(Logged::Forbidden);
    }
    let valid = match visits::validate(catalog, draft, &dates::today_iso(now())) {
        Ok(valid) => valid,
        Err(errors) => return Ok(Logged::Invalid(errors)),
    };
    let mut unique = draft.clone();
    visits::dedup_learners(&mut unique);
    let mut learners = Vec::new();
    for lid in &unique.learners {
        match accounts::learner_for_staff(db, me, *lid).await? {
            Some(l) => learners.push(l),
            None => return Ok(Logged::NotFound),
        }
    }
    let notes_allowed = learners.iter().all(|l| l.notes_consent != Some(false));
    if !notes_allowed && valid.note.is_some() && learners.len() > 1 {
        let names = learners
            .iter()
            .filter(|l| l.notes_consent == Some(false))
            .map(|l| l.first_name.clone())
            .collect();
        return Ok(Logged::Invalid(vec![FieldError {
            field: "note".into(),
            problem: FieldProblem::NotesRefused { names },
        }]));
    }
    let txn = db.begin_write().await?;
    let old_ids = learner_ids(&txn, id).await?;
    let old_lessons = lesson_keys(&txn, id).await?;
    let mut all_ids = old_ids.clone();
    all_ids.extend(learners.iter().map(|l| l.id));
    let names = first_names(&txn, &all_ids).await?;
    let before = snapshot(&v, &names_of(&old_ids, &names), &old_lessons);
    let mut row = v.clone().into_active_model();
    valid.apply(&mut row, notes_allowed);
    let new_ids: Vec<i32> = learners.iter().map(|l| l.id).collect();
    let mut new_lessons = old_lessons.clone();
    for (m, l) in &valid.lessons {
        let key = format!("{m}/{l}");
        if !new_lessons.contains(&key) {
            new_lessons.push(key);
        }
    }
    // What the row will be, to compare before writing.
    let mut after_model = v.clone();
    after_model.date = valid.date.clone();
    after_model.session_type = valid.session_type.code().into();
    after_model.place_type = valid.place_type.code().into();
    after_model.commune = valid.commune.clone();
    after_model.place = valid.place.clone();
    after_model.duration_minutes = valid.minutes;
    after_model.equipment = crate::model::join_codes(&valid.equipment, Equipment::code);
    after_model.themes = crate::model::join_codes(&valid.themes, CoopTheme::code);
    after_model.autonomy = valid.autonomy.map(|a| a.code().into());
    after_model.orientation = valid.orientation.map(|o| o.code().into());
    after_model.workshop_title = valid.workshop_title.clone();
    after_model.workshop_level = valid.workshop_level.map(|l| l.code().into());
    after_model.anonymous = valid.anonymous;
    after_model.anonymous_followed = valid.anonymous_followed;
    after_model.topics = valid.topics.clone();
    after_model.note = valid.note.clone().filter(|_| notes_allowed);
    let after = snapshot(&after_model, &names_of(&new_ids, &names), &new_lessons);
    let changed = diff(&before, &after);
    if changed.is_empty() {
        txn.commit().await?;
        return Ok(Logged::Saved(id));
    }
    // The steps alone of its learners on its days, before and after (`stats_learning`),
    // from its day as the transaction reads it.
    let old_date = visit::Entity::find_by_id(id)
        .one(&txn)
        .await?
        .map_or_else(|| v.date.clone(), |w| w.date);
    let touch = stats_learning::SessionTouch::before(
        &txn,
        old_ids
            .iter()
            .map(|l| (*l, old_date.clone()))
            .chain(new_ids.iter().map(|l| (*l, valid.date.clone()))),
    )
    .await?;
    row.updated_at = Set(Some(now()));
    row.update(&txn).await?;
    if old_ids != new_ids {
        visit_learner::Entity::delete_many()
            .filter(visit_learner::Column::VisitId.eq(id))
            .exec(&txn)
            .await?;
        for lid in &new_ids {
            visit_learner::ActiveModel {
                visit_id: Set(id),
                learner_id: Set(*lid),
                ..Default::default()
            }
            .insert(&txn)
            .await?;
        }
        // The day's counters again, with its named people as they are now.
        stats_day::recompute(&txn, v.structure_id, &valid.date).await?;
    }
    for l in &learners {
        follow_up::assign(&txn, l.id, &valid.lessons, me.id, Some(id)).await?;
    }
    visit_change::ActiveModel {
        visit_id: Set(id),
        structure_id: Set(v.structure_id),
        staff_id: Set(Some(me.id)),
        at: Set(now()),
        deleted: Set(false),
        changes: Set(changes_json(&changed)),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    touch.after(&txn).await?;
    txn.commit().await?;
    Ok(Logged::Saved(id))
}

/// What deleting a session gives.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Removed {
    Done,
    NotFound,
    Forbidden,
}

/// Deletes a session; its trace keeps every field as it was. The lessons it advised stay
/// advised (the learner was told), no longer tied to it.
pub async fn delete(
    db: &(impl ConnectionTrait + TransactionTrait),
    me: &staff::Model,
    id: i32,
) -> Result<Removed, DbErr> {
    let txn = db.begin_write().await?;
    let Some(v) = of_structure(&txn, me, id).await? else {
        return Ok(Removed::NotFound);
    };
    if !may_edit(me, &v) {
        return Ok(Removed::Forbidden);
    }
    let ids = learner_ids(&txn, id).await?;
    let touch =
        stats_learning::SessionTouch::before(&txn, ids.iter().map(|l| (*l, v.date.clone())))
            .await?;
    let names = first_names(&txn, &ids).await?;
    let lessons = lesson_keys(&txn, id).await?;
    let was: Vec<ChangedField> = snapshot(&v, &names_of(&ids, &names), &lessons)
        .into_iter()
        .map(|(field, before)| ChangedField {
            field: field.to_string(),
            before,
            after: String::new(),
        })
        .collect();
    visit_change::ActiveModel {
        visit_id: Set(id),
        structure_id: Set(v.structure_id),
        staff_id: Set(Some(me.id)),
        at: Set(now()),
        deleted: Set(true),
        changes: Set(changes_json(&was)),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    assignment::Entity::update_many()
        .col_expr(
            assignment::Column::VisitId,
            sea_orm::sea_query::Expr::value(Option::<i32>::None),
        )
        .filter(assignment::Column::VisitId.eq(id))
        .exec(&txn)
        .await?;
    visit_learner::Entity::delete_many()
        .filter(visit_learner::Column::VisitId.eq(id))
        .exec(&txn)
        .await?;
    visit::Entity::delete_by_id(id).exec(&txn).await?;
    // Around the model's hooks: the day's counters are made again here.
    stats_day::recompute(&txn, v.structure_id, &v.date).await?;
    touch.after(&txn).await?;
    txn.commit().await?;
    Ok(Removed::Done)
}

/// The corrections and the deletion of a session, oldest first.
pub async fn history(
    db: &impl ConnectionTrait,
    structure_id: i32,
    visit_id: i32,
) -> Result<Vec<VisitChangeView>, DbErr> {
    let rows = visit_change::Entity::find()
        .filter(visit_change::Column::VisitId.eq(visit_id))
        .filter(visit_change::Column::StructureId.eq(structure_id))
        .order_by_asc(visit_change::Column::Id)
        .all(db)
        .await?;
    let names = follow_up::staff_names(db, rows.iter().filter_map(|r| r.staff_id)).await?;
    Ok(rows
        .into_iter()
        .map(|r| VisitChangeView {
            at: dates::date_fr(r.at),
            by: r.staff_id.and_then(|id| names.get(&id).cloned()),
            deleted: r.deleted,
            fields: serde_json::from_str(&r.changes).unwrap_or_default(),
        })
        .collect())
}

/// "Mes séances": the staff member's sessions (a coordinator may ask for the whole
/// structure's), newest first, filtered by period, type and learner.
pub async fn list(
    db: &impl ConnectionTrait,
    me: &staff::Model,
    filter: SessionFilter,
) -> Result<SessionsView, DbErr> {
    let mut query = visit::Entity::find().filter(visit::Column::StructureId.eq(me.structure_id));
    let all = filter.all && me.is_coordinator;
    if !all {
        query = query.filter(visit::Column::VolunteerId.eq(me.id));
    }
    let mut bad_filter = false;
    for (typed, from) in [(&filter.from, true), (&filter.to, false)] {
        if typed.trim().is_empty() {
            continue;
        }
        match parse_date(typed.trim()) {
            Some(d) if from => query = query.filter(visit::Column::Date.gte(d)),
            Some(d) => query = query.filter(visit::Column::Date.lte(d)),
            None => bad_filter = true,
        }
    }
    if let Some(t) = SessionType::from_code(&filter.session_type) {
        query = query.filter(visit::Column::SessionType.eq(t.code()));
    }
    let learner_filter = filter.learner.parse::<i32>().ok();
    if let Some(lid) = learner_filter {
        query = query.filter(
            visit::Column::Id.in_subquery(
                sea_orm::sea_query::Query::select()
                    .column(visit_learner::Column::VisitId)
                    .from(visit_learner::Entity)
                    .and_where(visit_learner::Column::LearnerId.eq(lid))
                    .to_owned(),
            ),
        );
    }
    let visits = if bad_filter {
        Vec::new()
    } else {
        query
            .order_by_desc(visit::Column::Date)
            .order_by_desc(visit::Column::Id)
            .limit(MAX_LINES)
            .all(db)
            .await?
    };
    let ids: Vec<i32> = visits.iter().map(|v| v.id).collect();
    let links = if ids.is_empty() {
        Vec::new()
    } else {
        visit_learner::Entity::find()
            .filter(visit_learner::Column::VisitId.is_in(ids))
            .order_by_asc(visit_learner::Column::Id)
            .all(db)
            .await?
    };
    let everyone = learner::Entity::find()
        .filter(learner::Column::StructureId.eq(me.structure_id))
        .order_by_asc(learner::Column::FirstName)
        .all(db)
        .await?;
    let names: HashMap<i32, String> = everyone
        .iter()
        .map(|l| (l.id, l.first_name.clone()))
        .collect();
    let staff = follow_up::staff_names(db, visits.iter().filter_map(|v| v.volunteer_id)).await?;
    let lines = visits
        .into_iter()
        .map(|v| SessionLine {
            id: v.id,
            date: dates::iso_date_fr(&v.date),
            session_type: SessionType::from_code(&v.session_type),
            place_type: PlaceType::from_code(&v.place_type),
            minutes: v.duration_minutes,
            themes: split_codes(&v.themes, CoopTheme::from_code),
            learners: links
                .iter()
                .filter(|l| l.visit_id == v.id)
                .filter_map(|l| names.get(&l.learner_id).cloned())
                .collect(),
            anonymous: v.anonymous,
            workshop_title: v.workshop_title.clone(),
            by: v.volunteer_id.and_then(|id| staff.get(&id).cloned()),
            editable: may_edit(me, &v),
        })
        .collect();
    Ok(SessionsView {
        filter: SessionFilter { all, ..filter },
        lines,
        learners: everyone.into_iter().map(|l| (l.id, l.first_name)).collect(),
        coordinator: me.is_coordinator,
        bad_filter,
        deleted: false,
        corrected: false,
    })
}
