//! The volunteer's dashboard (`/benevole`, issue 20 item 7): my appointments of today and
//! of the rest of the week, the learners I follow who need attention (open help requests,
//! stuck, to call back: every reason, never one hiding another), then the others with their
//! progress in one line; a search by first name and filters (zone, "à rappeler", stuck).
//!
//! Only my learners (those of my structure whose referent I am) and my appointments, in a
//! fixed number of queries whatever their number; the search and filters apply in memory.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder};
use time::Duration;

use super::volunteer::{by_learner, stuck_reasons};
use super::{accounts, agenda, follow_up, progress};
use crate::model::agenda::{AppointmentItem, Kind, RecallReason, Status};
use crate::model::{
    Ago, CurrentLesson, Dashboard, DashboardAppointment, DashboardFilter, DashboardLearner,
    ProgressSummary, RecallNote,
};
use crate::ssr::content::{Catalog, slug};
use crate::ssr::db::entities::{
    answer, appointment, appointment_seat, assignment, help_call, learner, place, recontact, staff,
    step_progress, zone_commune,
};
use crate::ssr::db::now;
use crate::text::dates;

/// The longest name searched (longer is cut).
pub const MAX_SEARCH: usize = 60;

/// The dashboard of `me`, filtered by `filter` (a zone of another structure is dropped).
pub async fn dashboard(
    db: &impl ConnectionTrait,
    catalog: &Catalog,
    me: &staff::Model,
    filter: DashboardFilter,
) -> Result<Dashboard, DbErr> {
    let at = now();
    let (today_iso, _) = dates::paris_now(at);
    let today = agenda::parse_day(&today_iso).unwrap_or(time::Date::MIN);
    let sunday = agenda::monday_of(today) + Duration::days(6);

    let learners = accounts::learners_of_volunteer(db, me).await?;
    let ids: Vec<i32> = learners.iter().map(|l| l.id).collect();
    let progress = progress::for_learners(db, &ids).await?;
    let answers = answer::Entity::find()
        .filter(answer::Column::LearnerId.is_in(ids.iter().copied()))
        .all(db)
        .await?;
    let assignments = follow_up::assignments_of(db, &ids).await?;
    let help = follow_up::help_requests_of(db, &ids, true).await?;
    let zones: BTreeMap<i32, String> = super::zones::names(db, me.structure_id)
        .await?
        .into_iter()
        .collect();
    let communes = zone_commune::Entity::find()
        .filter(zone_commune::Column::StructureId.eq(me.structure_id))
        .all(db)
        .await?;
    let calls = help_call::Entity::find()
        .filter(help_call::Column::StructureId.eq(me.structure_id))
        .filter(help_call::Column::LearnerId.is_in(ids.iter().copied()))
        .order_by_asc(help_call::Column::CreatedAt)
        .order_by_asc(help_call::Column::Id)
        .all(db)
        .await?;
    // Every appointment of my learners, whoever the volunteer: who is to call back, zones.
    let theirs = appointment::Entity::find()
        .filter(appointment::Column::StructureId.eq(me.structure_id))
        .filter(appointment::Column::LearnerId.is_in(ids.iter().copied()))
        .order_by_asc(appointment::Column::Day)
        .order_by_asc(appointment::Column::StartMinute)
        .all(db)
        .await?;
    // The "à recontacter" said at the end of a session, not done yet.
    let recontacts = recontact::Entity::find()
        .filter(recontact::Column::StructureId.eq(me.structure_id))
        .filter(recontact::Column::LearnerId.is_in(ids.iter().copied()))
        .filter(recontact::Column::DoneAt.is_null())
        .order_by_asc(recontact::Column::Day)
        .all(db)
        .await?;
    let (today_appointments, week_appointments) =
        my_week(db, me, &agenda::iso(today), &agenda::iso(sunday)).await?;

    let filter = DashboardFilter {
        name: filter.name.trim().chars().take(MAX_SEARCH).collect(),
        zone: filter.zone.filter(|z| zones.contains_key(z)),
        ..filter
    };
    let wanted = slug::slugify(&filter.name);

    // A commune's key → the zones that have a commune of that name (a profile's commune
    // has no postcode: a name found in two zones says nothing).
    let mut zones_of_name: HashMap<&str, BTreeSet<i32>> = HashMap::new();
    for c in &communes {
        zones_of_name
            .entry(c.name_key.as_str())
            .or_default()
            .insert(c.zone_id);
    }
    let progress_by = by_learner(&progress, |p| p.learner_id);
    let answers_by = by_learner(&answers, |a| a.learner_id);
    let assignments_by = by_learner(&assignments, |a| a.learner_id);
    let help_by = by_learner(&help, |h| h.learner_id);
    let calls_by = by_learner(&calls, |c| c.learner_id);
    let theirs_by = by_learner(&theirs, |a| a.learner_id.unwrap_or_default());
    let recontacts_by = by_learner(&recontacts, |r| r.learner_id);
    let names: HashMap<i32, String> = learners
        .iter()
        .map(|l| (l.id, l.first_name.clone()))
        .collect();
    let help_views = follow_up::help_views(catalog, &help, &names);
    let total = learners.len();
    let none = Vec::new();

    let mut attention = Vec::new();
    let mut others = Vec::new();
    for l in learners {
        let progress = progress_by.get(&l.id).unwrap_or(&none);
        let assigned = assignments_by.get(&l.id).cloned().unwrap_or_default();
        let calls = calls_by.get(&l.id).cloned().unwrap_or_default();
        let appointments = theirs_by.get(&l.id).cloned().unwrap_or_default();
        let to_recontact = recontacts_by.get(&l.id).cloned().unwrap_or_default();
        let zone_id = learner_zone(&l, &zones_of_name, &calls, &appointments);
        if !(wanted.is_empty() || slug::slugify(&l.first_name).contains(&wanted))
            || filter.zone.is_some_and(|z| zone_id != Some(z))
        {
            continue;
        }
        let open: HashSet<i32> = help_by
            .get(&l.id)
            .map(|v| v.iter().map(|h| h.id).collect())
            .unwrap_or_default();
        let row = DashboardLearner {
            id: l.id,
            first_name: l.first_name.clone(),
            last_active: l.last_active_at.map(|t| Ago::between(at, t)),
            zone: zone_id.and_then(|z| zones.get(&z).cloned()),
            help: help_views
                .iter()
                .filter(|h| open.contains(&h.id))
                .cloned()
                .collect(),
            stuck: stuck_reasons(
                catalog,
                at,
                answers_by.get(&l.id).unwrap_or(&Vec::new()),
                &assigned,
                progress,
            ),
            recall: recall_notes(&today_iso, &calls, &appointments, &to_recontact),
            progress: summary(catalog, progress, &assigned),
        };
        if (filter.recall && row.recall.is_empty()) || (filter.stuck && row.stuck.is_empty()) {
            continue;
        }
        if row.needs_attention() {
            attention.push(row);
        } else {
            others.push(row);
        }
    }
    // Help requested first, then stuck, then to call back; the sort keeps first names' order.
    attention.sort_by_key(|r| {
        if !r.help.is_empty() {
            0
        } else if !r.stuck.is_empty() {
            1
        } else {
            2
        }
    });
    let mut zones: Vec<(i32, String)> = zones.into_iter().collect();
    zones.sort_by_key(|z| z.1.to_lowercase());
    let unassigned = if me.is_coordinator {
        learner::Entity::find()
            .filter(learner::Column::StructureId.eq(me.structure_id))
            .filter(learner::Column::VolunteerId.is_null())
            .order_by_asc(learner::Column::FirstName)
            .order_by_asc(learner::Column::Id)
            .all(db)
            .await?
            .into_iter()
            .map(|l| (l.id, l.first_name))
            .collect()
    } else {
        Vec::new()
    };
    Ok(Dashboard {
        unassigned,
        volunteer_name: me.display_name.clone(),
        is_coordinator: me.is_coordinator,
        today: today_iso,
        today_appointments,
        week_appointments,
        attention,
        others,
        total,
        zones,
        filter,
    })
}

/// My appointments from `today` to `sunday` (`YYYY-MM-DD`), cut into today's and the
/// rest: four queries whatever their number.
async fn my_week(
    db: &impl ConnectionTrait,
    me: &staff::Model,
    today: &str,
    sunday: &str,
) -> Result<(Vec<DashboardAppointment>, Vec<DashboardAppointment>), DbErr> {
    let rows = appointment::Entity::find()
        .filter(appointment::Column::StructureId.eq(me.structure_id))
        .filter(appointment::Column::StaffId.eq(me.id))
        .filter(appointment::Column::Day.gte(today))
        .filter(appointment::Column::Day.lte(sunday))
        .order_by_asc(appointment::Column::Day)
        .order_by_asc(appointment::Column::StartMinute)
        .order_by_asc(appointment::Column::Id)
        .all(db)
        .await?;
    let first_names: BTreeMap<i32, String> = learner::Entity::find()
        .filter(learner::Column::StructureId.eq(me.structure_id))
        .filter(learner::Column::Id.is_in(rows.iter().filter_map(|a| a.learner_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|l| (l.id, l.first_name))
        .collect();
    let places: BTreeMap<i32, String> = place::Entity::find()
        .filter(place::Column::StructureId.eq(me.structure_id))
        .filter(place::Column::Id.is_in(rows.iter().filter_map(|a| a.place_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|p| (p.id, p.name))
        .collect();
    let groups = rows.iter().filter(|a| a.capacity.is_some()).map(|a| a.id);
    let mut seats: BTreeMap<i32, i32> = BTreeMap::new();
    for s in appointment_seat::Entity::find()
        .filter(appointment_seat::Column::AppointmentId.is_in(groups))
        .all(db)
        .await?
    {
        *seats.entry(s.appointment_id).or_default() += 1;
    }
    let (mut of_today, mut later) = (Vec::new(), Vec::new());
    for a in rows {
        let learner_id = a.learner_id.filter(|l| first_names.contains_key(l));
        let shown = DashboardAppointment {
            item: AppointmentItem {
                id: a.id,
                volunteer: me.display_name.clone(),
                kind: Kind::from_code(&a.kind).unwrap_or(Kind::Place),
                start: a.start_minute,
                end: a.end_minute,
                place: a.place_id.and_then(|p| places.get(&p).cloned()),
                commune: a.commune,
                first_name: learner_id.and_then(|l| first_names.get(&l).cloned()),
                status: Status::from_code(&a.status).unwrap_or(Status::Upcoming),
                capacity: a.capacity,
                seats_taken: seats.get(&a.id).copied().unwrap_or(0),
                day: a.day,
            },
            learner_id,
        };
        if shown.item.day == today {
            of_today.push(shown);
        } else {
            later.push(shown);
        }
    }
    Ok((of_today, later))
}

/// A learner's zone: the one of the commune of their profile (when only one zone has a
/// commune of that name), else the zone found when they called, else the zone of their
/// latest appointment that has one.
fn learner_zone(
    l: &learner::Model,
    zones_of_name: &HashMap<&str, BTreeSet<i32>>,
    calls: &[&help_call::Model],
    appointments: &[&appointment::Model],
) -> Option<i32> {
    let from_profile = l
        .commune
        .as_deref()
        .map(slug::slugify)
        .and_then(|key| zones_of_name.get(key.as_str()))
        .filter(|zones| zones.len() == 1)
        .and_then(|zones| zones.first().copied());
    from_profile
        .or_else(|| calls.iter().rev().find_map(|c| c.zone_id))
        .or_else(|| appointments.iter().rev().find_map(|a| a.zone_id))
}

/// Why a learner is to be called back, as the "à rappeler" list says
/// (`next_visit::to_recall`): a missed or cancelled appointment not called back, or a
/// session's "à recontacter", unless an appointment is coming; a call still waiting for a
/// slot.
fn recall_notes(
    today: &str,
    calls: &[&help_call::Model],
    appointments: &[&appointment::Model],
    recontacts: &[&recontact::Model],
) -> Vec<RecallNote> {
    let coming = appointments.iter().any(|a| agenda::is_coming(a, today));
    let mut notes: Vec<RecallNote> = if coming {
        Vec::new()
    } else {
        appointments
            .iter()
            .filter(|a| a.recalled_at.is_none())
            .filter_map(|a| {
                Some(RecallNote {
                    reason: agenda::recall_reason(&a.status)?,
                    day: a.day.clone(),
                })
            })
            .chain(recontacts.iter().map(|r| RecallNote {
                reason: RecallReason::Recontact,
                day: r.day.clone(),
            }))
            .collect()
    };
    notes.extend(calls.iter().filter(|c| c.waiting).map(|c| RecallNote {
        reason: RecallReason::Waiting,
        day: dates::today_iso(c.created_at),
    }));
    notes
}

/// A learner's progress in one line: the unfinished lesson worked on last, how many lessons
/// are finished, how many advised lessons are left.
fn summary(
    catalog: &Catalog,
    progress: &[&step_progress::Model],
    assigned: &[&assignment::Model],
) -> ProgressSummary {
    // (module, lesson) → steps done and the last moment of work.
    let mut lessons: BTreeMap<(&str, &str), (HashSet<&str>, i64)> = BTreeMap::new();
    for p in progress {
        let entry = lessons
            .entry((p.module.as_str(), p.lesson.as_str()))
            .or_default();
        if p.completed_at.is_some() {
            entry.0.insert(p.step.as_str());
        }
        entry.1 = entry.1.max(p.last_seen_at).max(p.completed_at.unwrap_or(0));
    }
    let finished = |module: &str, lesson: &str| -> Option<bool> {
        let (_, l) = catalog.lesson(module, lesson)?;
        let done = lessons.get(&(module, lesson)).map(|e| &e.0);
        Some(
            l.steps
                .iter()
                .all(|s| done.is_some_and(|d| d.contains(s.slug.as_str()))),
        )
    };
    let mut out = ProgressSummary::default();
    let mut latest = i64::MIN;
    for (&(module, lesson), (done, last)) in &lessons {
        let Some((_, l)) = catalog.lesson(module, lesson) else {
            continue;
        };
        let steps_done = l
            .steps
            .iter()
            .filter(|s| done.contains(s.slug.as_str()))
            .count();
        if steps_done == l.steps.len() {
            out.lessons_done += 1;
        } else if *last > latest {
            latest = *last;
            out.current = Some(CurrentLesson {
                title: l.meta.title.clone(),
                done: steps_done,
                total: l.steps.len(),
            });
        }
    }
    out.advised_left = assigned
        .iter()
        .filter(|a| {
            catalog
                .lesson(&a.module, &a.lesson)
                .is_some_and(|(m, _)| !m.archived)
                && finished(&a.module, &a.lesson) == Some(false)
        })
        .count();
    out
}
