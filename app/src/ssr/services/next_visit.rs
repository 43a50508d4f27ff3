//! "Every visit planned from the last" (issue 20, item 6): a session of one learner ends
//! with its "prochaine visite" (a free slot of the learner's zone booked at once, or "à
//! recontacter" on a day, or nothing planned), and marks the learner's open help requests
//! handled. The session, the requests handled and the next appointment are saved in one
//! transaction: a slot booked meanwhile by someone else saves nothing, and the form comes
//! back as typed with "ce créneau vient d'être pris" and the next free slots.

use std::collections::{BTreeMap, BTreeSet};

use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder,
    Set, TransactionSession, TransactionTrait,
};

use super::{accounts, agenda, follow_up, visits};
use crate::model::agenda::{
    AgendaOutcome, Kind, Reach, RecallItem, RecallReason, SlotView, Status,
};
use crate::model::{
    FieldError, FieldProblem, HelpRequestView, NextAppointment, NextChoice, VisitDraft,
};
use crate::ssr::content::{Catalog, slug};
use crate::ssr::db::WriteTransaction as _;
use crate::ssr::db::entities::{
    appointment, appointment_seat, help_call, help_request, learner, place, recontact, staff, zone,
    zone_commune,
};
use crate::ssr::db::now;
use crate::text::dates;

/// How many free slots the session form proposes.
pub const PROPOSED_SLOTS: usize = 6;

/// The session form proposes slots at home or at a place.
const ANY_KIND: &str = "";

/// The zone of a learner (id, name), as the agenda knows it: their latest appointment's,
/// or the call that brought them, or the zone covering the commune of their profile when
/// only one does. `None`: not known.
pub async fn learner_zone(
    db: &impl ConnectionTrait,
    structure_id: i32,
    learner: &learner::Model,
) -> Result<Option<(i32, String)>, DbErr> {
    let mut found = appointment::Entity::find()
        .filter(appointment::Column::StructureId.eq(structure_id))
        .filter(appointment::Column::LearnerId.eq(learner.id))
        .filter(appointment::Column::ZoneId.is_not_null())
        .order_by_desc(appointment::Column::Id)
        .one(db)
        .await?
        .and_then(|a| a.zone_id);
    if found.is_none() {
        found = help_call::Entity::find()
            .filter(help_call::Column::StructureId.eq(structure_id))
            .filter(help_call::Column::LearnerId.eq(learner.id))
            .filter(help_call::Column::ZoneId.is_not_null())
            .order_by_desc(help_call::Column::Id)
            .one(db)
            .await?
            .and_then(|c| c.zone_id);
    }
    if found.is_none()
        && let Some(commune) = learner.commune.as_deref().filter(|c| !c.trim().is_empty())
    {
        let zones: BTreeSet<i32> = zone_commune::Entity::find()
            .filter(zone_commune::Column::StructureId.eq(structure_id))
            .filter(zone_commune::Column::NameKey.eq(slug::slugify(commune)))
            .all(db)
            .await?
            .into_iter()
            .map(|c| c.zone_id)
            .collect();
        if zones.len() == 1 {
            found = zones.into_iter().next();
        }
    }
    let Some(id) = found else {
        return Ok(None);
    };
    Ok(zone::Entity::find_by_id(id)
        .filter(zone::Column::StructureId.eq(structure_id))
        .one(db)
        .await?
        .map(|z| (z.id, z.name)))
}

/// What the session form of one learner shows for the next visit: the next free slots of
/// their zone (the structure's when it is not known), the zone's name, and their open help
/// requests.
pub async fn form_parts(
    db: &impl ConnectionTrait,
    catalog: &Catalog,
    me: &staff::Model,
    learner: &learner::Model,
) -> Result<(Vec<SlotView>, Option<String>, Vec<HelpRequestView>), DbErr> {
    let zone = learner_zone(db, me.structure_id, learner).await?;
    let slots = agenda::slots_in_zone(
        db,
        me.structure_id,
        zone.as_ref().map(|z| z.0),
        ANY_KIND,
        PROPOSED_SLOTS,
    )
    .await?;
    let open = follow_up::help_requests_of(db, &[learner.id], true).await?;
    let names: std::collections::HashMap<i32, String> =
        [(learner.id, learner.first_name.clone())].into();
    let help = follow_up::help_views(catalog, &open, &names);
    Ok((slots, zone.map(|z| z.1), help))
}

/// The "prochaine visite" of a form checked (`today`: `YYYY-MM-DD` in France): the choice,
/// or what is wrong with it.
pub fn check(draft: &VisitDraft, today: &str) -> Result<NextChoice, Vec<FieldError>> {
    let problem = |problem| {
        Err(vec![FieldError {
            field: "next".into(),
            problem,
        }])
    };
    match NextChoice::parse(&draft.next) {
        None => problem(FieldProblem::UnknownChoice),
        Some(NextChoice::Recontact) => match visits::parse_date(draft.recontact_day.trim()) {
            None => problem(FieldProblem::NoRecontactDay),
            Some(day) if day.as_str() < today => problem(FieldProblem::PastRecontactDay),
            Some(_) => Ok(NextChoice::Recontact),
        },
        Some(choice) => Ok(choice),
    }
}

/// Logs a new session ([`visits::log`]); for one learner, with its "prochaine visite" and
/// the help requests ticked, all in one transaction (in `db`'s, when it is the form token's).
/// A slot taken meanwhile rolls everything back: [`visits::Logged::Invalid`] with
/// [`FieldProblem::SlotTaken`].
pub async fn log(
    db: &(impl ConnectionTrait + TransactionTrait),
    catalog: &Catalog,
    me: &staff::Model,
    draft: &VisitDraft,
) -> Result<visits::Logged, DbErr> {
    let single = match draft.learners.as_slice() {
        [one] if draft.visit.is_none() => Some(*one),
        _ => None,
    };
    let Some(learner_id) = single else {
        return visits::log(db, catalog, me, draft).await;
    };
    let today = dates::today_iso(now());
    let choice = match check(draft, &today) {
        Ok(choice) => choice,
        Err(mut errors) => {
            // Every problem of the form at once.
            if let Err(more) = visits::validate(catalog, draft, &today) {
                errors.splice(0..0, more);
            }
            return Ok(visits::Logged::Invalid(errors));
        }
    };
    let txn = db.begin_write().await?;
    let visit_id = match visits::log(&txn, catalog, me, draft).await? {
        visits::Logged::Saved(id) => id,
        refused => {
            txn.rollback().await?;
            return Ok(refused);
        }
    };
    // `visits::log` checked the learner is of my structure.
    let Some(learner) = accounts::learner_for_staff(&txn, me, learner_id).await? else {
        txn.rollback().await?;
        return Ok(visits::Logged::NotFound);
    };
    let at = now();
    if !draft.handled.is_empty() {
        // Only this learner's requests still open: one handled by someone else meanwhile
        // keeps its first answer. The statistics' counters change with it (`stats_help`).
        let touch = super::stats_help::LearnerTouch::before(&txn, learner.id).await?;
        help_request::Entity::update_many()
            .col_expr(help_request::Column::HandledAt, Expr::value(at))
            .col_expr(help_request::Column::HandledBy, Expr::value(me.id))
            .col_expr(help_request::Column::HandledVisitId, Expr::value(visit_id))
            .filter(help_request::Column::Id.is_in(draft.handled.iter().copied()))
            .filter(help_request::Column::LearnerId.eq(learner.id))
            .filter(help_request::Column::HandledAt.is_null())
            .exec(&txn)
            .await?;
        touch.after(&txn, false).await?;
    }
    // The learner was seen: an earlier "à recontacter" is done.
    recontact::Entity::update_many()
        .col_expr(recontact::Column::DoneAt, Expr::value(at))
        .filter(recontact::Column::LearnerId.eq(learner.id))
        .filter(recontact::Column::DoneAt.is_null())
        .exec(&txn)
        .await?;
    match choice {
        NextChoice::Nothing => {}
        NextChoice::Recontact => {
            recontact::ActiveModel {
                structure_id: Set(me.structure_id),
                learner_id: Set(learner.id),
                visit_id: Set(Some(visit_id)),
                day: Set(visits::parse_date(draft.recontact_day.trim()).unwrap_or(today)),
                created_by: Set(me.id),
                created_at: Set(at),
                done_at: Set(None),
                ..Default::default()
            }
            .insert(&txn)
            .await?;
        }
        NextChoice::Slot(key) => {
            let zone = learner_zone(&txn, me.structure_id, &learner).await?;
            let booked =
                agenda::book_for_learner(&txn, me, &learner, zone.map(|z| z.0), ANY_KIND, &key)
                    .await?;
            if booked.is_none() {
                // Nothing is kept: the session comes back as typed.
                txn.rollback().await?;
                return Ok(visits::Logged::Invalid(vec![FieldError {
                    field: "next".into(),
                    problem: FieldProblem::SlotTaken,
                }]));
            }
        }
    }
    txn.commit().await?;
    Ok(visits::Logged::Saved(visit_id))
}

/// The "à rappeler" list ([`agenda::to_recall`]) with the "à recontacter" said at the end
/// of sessions.
pub async fn to_recall(
    db: &sea_orm::DatabaseConnection,
    me: &staff::Model,
) -> Result<Vec<RecallItem>, DbErr> {
    let coming = agenda::coming_learners(db, me.structure_id).await?;
    let mut list = agenda::to_recall(db, me, &coming).await?;
    list.extend(recontacts(db, me.structure_id, &coming).await?);
    Ok(list)
}

/// The "à recontacter" of a structure not done yet, each learner not in `coming`
/// ([`agenda::coming_learners`]), with the day said.
pub async fn recontacts(
    db: &impl ConnectionTrait,
    structure_id: i32,
    coming: &BTreeSet<i32>,
) -> Result<Vec<RecallItem>, DbErr> {
    let rows: Vec<recontact::Model> = recontact::Entity::find()
        .filter(recontact::Column::StructureId.eq(structure_id))
        .filter(recontact::Column::DoneAt.is_null())
        .order_by_asc(recontact::Column::Day)
        .order_by_asc(recontact::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .filter(|r| !coming.contains(&r.learner_id))
        .collect();
    let ids: Vec<i32> = rows.iter().map(|r| r.learner_id).collect();
    let learners: std::collections::BTreeMap<i32, learner::Model> = learner::Entity::find()
        .filter(learner::Column::Id.is_in(ids.iter().copied()))
        .all(db)
        .await?
        .into_iter()
        .map(|l| (l.id, l))
        .collect();
    // How to reach them: the call that brought them, if any (the latest).
    let mut calls: std::collections::BTreeMap<i32, help_call::Model> = Default::default();
    for c in help_call::Entity::find()
        .filter(help_call::Column::LearnerId.is_in(ids))
        .order_by_asc(help_call::Column::Id)
        .all(db)
        .await?
    {
        calls.insert(c.learner_id, c);
    }
    Ok(rows
        .into_iter()
        .filter_map(|r| {
            let l = learners.get(&r.learner_id)?;
            let call = calls.get(&r.learner_id);
            Some(RecallItem {
                reason: RecallReason::Recontact,
                appointment: None,
                call: None,
                recontact: Some(r.id),
                learner: Some(r.learner_id),
                first_name: l.first_name.clone(),
                reach: call.and_then(|c| Reach::from_code(&c.reach)),
                phone: call.map(|c| c.phone.clone()).unwrap_or_default(),
                commune: l
                    .commune
                    .clone()
                    .or_else(|| call.map(|c| c.commune.clone()))
                    .unwrap_or_default(),
                day: r.day,
            })
        })
        .collect())
}

/// Someone called the learner back: the "à recontacter" `id` (of my structure) is done.
pub async fn recontacted(
    db: &impl ConnectionTrait,
    me: &staff::Model,
    id: i32,
) -> Result<Option<AgendaOutcome>, DbErr> {
    let changed = recontact::Entity::update_many()
        .col_expr(recontact::Column::DoneAt, Expr::value(now()))
        .filter(recontact::Column::Id.eq(id))
        .filter(recontact::Column::StructureId.eq(me.structure_id))
        .exec(db)
        .await?
        .rows_affected;
    Ok((changed > 0).then_some(AgendaOutcome::Recalled))
}

/// What is planned for a learner: their next appointment still to come (one-to-one or a
/// seat in a group session), or else the day someone will call them back.
pub async fn planned(
    db: &impl ConnectionTrait,
    structure_id: i32,
    learner_id: i32,
) -> Result<(Option<NextAppointment>, Option<String>), DbErr> {
    Ok(planned_for(db, structure_id, &[learner_id])
        .await?
        .remove(&learner_id)
        .unwrap_or_default())
}

/// [`planned`] for several learners (a workshop's), in a fixed number of queries; a learner
/// with nothing planned is absent from the map.
pub async fn planned_for(
    db: &impl ConnectionTrait,
    structure_id: i32,
    learner_ids: &[i32],
) -> Result<BTreeMap<i32, (Option<NextAppointment>, Option<String>)>, DbErr> {
    let mut out: BTreeMap<i32, (Option<NextAppointment>, Option<String>)> = BTreeMap::new();
    if learner_ids.is_empty() {
        return Ok(out);
    }
    let (today, minute) = dates::paris_now(now());
    // Group sessions: who has a seat in which.
    let mut seated: BTreeMap<i32, Vec<i32>> = BTreeMap::new();
    for s in appointment_seat::Entity::find()
        .filter(appointment_seat::Column::LearnerId.is_in(learner_ids.iter().copied()))
        .all(db)
        .await?
    {
        seated
            .entry(s.appointment_id)
            .or_default()
            .push(s.learner_id);
    }
    let coming: Vec<appointment::Model> = appointment::Entity::find()
        .filter(appointment::Column::StructureId.eq(structure_id))
        .filter(appointment::Column::Status.eq(Status::Upcoming.code()))
        .filter(appointment::Column::Day.gte(today.clone()))
        .filter(
            sea_orm::Condition::any()
                .add(appointment::Column::LearnerId.is_in(learner_ids.iter().copied()))
                .add(appointment::Column::Id.is_in(seated.keys().copied())),
        )
        .order_by_asc(appointment::Column::Day)
        .order_by_asc(appointment::Column::StartMinute)
        .order_by_asc(appointment::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .filter(|a| a.day > today || a.start_minute >= minute)
        .collect();
    // Each learner's first one.
    let mut first: BTreeMap<i32, &appointment::Model> = BTreeMap::new();
    for a in &coming {
        let whose = a
            .learner_id
            .into_iter()
            .chain(seated.get(&a.id).into_iter().flatten().copied());
        for l in whose.filter(|l| learner_ids.contains(l)) {
            first.entry(l).or_insert(a);
        }
    }
    let staff_ids: BTreeSet<i32> = first.values().map(|a| a.staff_id).collect();
    let volunteers: BTreeMap<i32, String> = staff::Entity::find()
        .filter(staff::Column::Id.is_in(staff_ids))
        .all(db)
        .await?
        .into_iter()
        .map(|s| (s.id, first_name(&s.display_name)))
        .collect();
    let place_ids: BTreeSet<i32> = first.values().filter_map(|a| a.place_id).collect();
    let places: BTreeMap<i32, (String, String)> = place::Entity::find()
        .filter(place::Column::Id.is_in(place_ids))
        .all(db)
        .await?
        .into_iter()
        .map(|p| (p.id, (p.name, p.address)))
        .collect();
    for (learner, a) in first {
        let next = NextAppointment {
            day: a.day.clone(),
            start: a.start_minute,
            kind: Kind::from_code(&a.kind).unwrap_or(Kind::Place),
            place: a.place_id.and_then(|p| places.get(&p).cloned()),
            volunteer: volunteers.get(&a.staff_id).cloned().unwrap_or_default(),
        };
        out.insert(learner, (Some(next), None));
    }
    // The others: the latest "à recontacter" not done.
    let waiting: Vec<i32> = learner_ids
        .iter()
        .copied()
        .filter(|l| !out.contains_key(l))
        .collect();
    if !waiting.is_empty() {
        for r in recontact::Entity::find()
            .filter(recontact::Column::StructureId.eq(structure_id))
            .filter(recontact::Column::LearnerId.is_in(waiting))
            .filter(recontact::Column::DoneAt.is_null())
            .order_by_asc(recontact::Column::Id)
            .all(db)
            .await?
        {
            out.insert(r.learner_id, (None, Some(r.day)));
        }
    }
    Ok(out)
}

/// The hand-off sheet ([`visits::hand_off`]) with the learner's next appointment, or the
/// day someone will call them back.
pub async fn hand_off(
    db: &impl ConnectionTrait,
    catalog: &Catalog,
    me: &staff::Model,
    visit_id: i32,
    learner_id: i32,
    site: &str,
) -> Result<Option<crate::model::HandOff>, DbErr> {
    let Some(mut sheet) = visits::hand_off(db, catalog, me, visit_id, learner_id, site).await?
    else {
        return Ok(None);
    };
    (sheet.next, sheet.recontact) = planned(db, me.structure_id, learner_id).await?;
    Ok(Some(sheet))
}

/// "Camille" of "Camille Martin".
fn first_name(display_name: &str) -> String {
    display_name
        .split_whitespace()
        .next()
        .unwrap_or_default()
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_next_visit_is_read_from_the_form() {
        let draft = |next: &str, day: &str| VisitDraft {
            next: next.into(),
            recontact_day: day.into(),
            ..VisitDraft::default()
        };
        assert_eq!(check(&draft("", ""), "2026-12-06"), Ok(NextChoice::Nothing));
        assert_eq!(
            check(&draft("rien", "2026-12-20"), "2026-12-06"),
            Ok(NextChoice::Nothing)
        );
        assert_eq!(
            check(&draft("recontacter", "2026-12-20"), "2026-12-06"),
            Ok(NextChoice::Recontact)
        );
        assert_eq!(
            check(&draft("recontacter", "2026-12-06"), "2026-12-06"),
            Ok(NextChoice::Recontact)
        );
        let problem = |d: VisitDraft| check(&d, "2026-12-06").unwrap_err()[0].problem.clone();
        assert_eq!(
            problem(draft("recontacter", "")),
            FieldProblem::NoRecontactDay
        );
        assert_eq!(
            problem(draft("recontacter", "2026-12-05")),
            FieldProblem::PastRecontactDay
        );
        assert_eq!(problem(draft("demain", "")), FieldProblem::UnknownChoice);
        assert!(matches!(
            check(&draft("4.2026-12-08.600.d", ""), "2026-12-06"),
            Ok(NextChoice::Slot(k)) if k.staff_id == 4 && k.start == 600 && k.place_id.is_none()
        ));
        assert_eq!(first_name("Camille Martin"), "Camille");
        assert_eq!(first_name(""), "");
    }
}
