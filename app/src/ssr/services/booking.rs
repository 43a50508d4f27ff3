//! An appointment for someone already followed (issue 20, items 3 and 4): they phone
//! again, or they are on the "à rappeler" list. From the agenda, a volunteer of the
//! structure finds them by first name, sees what is already planned for them, chooses the
//! kind of appointment and the zone (their own by default, [`next_visit::learner_zone`]),
//! and books one of the next free slots. Booking is calling back: their missed or cancelled
//! appointments, calls waiting for a slot and "à recontacter" leave the list, in the
//! booking's transaction.

use sea_orm::sea_query::Expr;
use sea_orm::{
    ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
};

use super::{accounts, agenda, next_visit, zones};
use crate::model::agenda::{BookingFor, BookingView, LearnerChoice, SlotKey, Status};
use crate::ssr::content::slug;
use crate::ssr::db::entities::{appointment, help_call, learner, recontact, staff};
use crate::ssr::db::now;

/// At most this many people found by a search.
pub const FOUND_AT_MOST: usize = 20;
/// The longest first name searched (longer is cut).
pub const MAX_SEARCH: usize = 60;

/// The zone asked for in the form: `None` (not asked: the learner's own), `Some(None)`
/// (every zone), `Some(Some(id))`.
pub fn zone_asked(typed: Option<&str>) -> Option<Option<i32>> {
    typed.map(|z| z.trim().parse().ok())
}

/// The page: the search (`search`: a first name, or part of it), or with `learner` (of
/// my structure, else `None`) the next free slots for them of the kind `mode`, in the zone
/// asked ([`zone_asked`]; a zone of another structure is taken as not asked).
pub async fn view(
    db: &impl ConnectionTrait,
    me: &staff::Model,
    search: &str,
    learner_id: Option<i32>,
    mode: &str,
    zone_typed: Option<&str>,
) -> Result<Option<BookingView>, DbErr> {
    let search: String = search.trim().chars().take(MAX_SEARCH).collect();
    let Some(id) = learner_id else {
        let found = if search.is_empty() {
            Vec::new()
        } else {
            find(db, me.structure_id, &search).await?
        };
        return Ok(Some(BookingView {
            search,
            found,
            learner: None,
        }));
    };
    let Some(l) = accounts::learner_for_staff(db, me, id).await? else {
        return Ok(None);
    };
    let zones: Vec<(i32, String)> = zones::names(db, me.structure_id).await?;
    let (zone, own) = chosen_zone(db, me, &l, zone_typed, &zones).await?;
    let mode = kind_asked(mode);
    let slots =
        agenda::slots_in_zone(db, me.structure_id, zone, mode, next_visit::PROPOSED_SLOTS).await?;
    let (planned, recontact) = next_visit::planned(db, me.structure_id, l.id).await?;
    Ok(Some(BookingView {
        search,
        found: Vec::new(),
        learner: Some(BookingFor {
            id: l.id,
            first_name: l.first_name,
            planned,
            recontact,
            mode: mode.to_string(),
            zone,
            own_zone: own.map(|z| z.1),
            zones,
            slots,
            once: crate::ssr::auth::new_session_token(),
        }),
    }))
}

/// The zone the slots are in, and the learner's own: the zone asked ([`zone_asked`]) if it
/// is one of the structure's `zones`, every zone when asked so, else their own.
async fn chosen_zone(
    db: &impl ConnectionTrait,
    me: &staff::Model,
    l: &learner::Model,
    typed: Option<&str>,
    zones: &[(i32, String)],
) -> Result<(Option<i32>, Option<(i32, String)>), DbErr> {
    let own = next_visit::learner_zone(db, me.structure_id, l).await?;
    let zone = match zone_asked(typed) {
        Some(Some(z)) if zones.iter().any(|(id, _)| *id == z) => Some(z),
        Some(None) => None,
        _ => own.as_ref().map(|z| z.0),
    };
    Ok((zone, own))
}

/// The kinds a form may ask for (anything else: at home or at a place).
fn kind_asked(mode: &str) -> &'static str {
    match mode {
        "domicile" => "domicile",
        "lieu" => "lieu",
        "telephone" => "telephone",
        _ => "",
    }
}

/// The structure's learners whose first name contains `search` (accents and case aside),
/// by first name, with their commune: at most [`FOUND_AT_MOST`].
async fn find(
    db: &impl ConnectionTrait,
    structure_id: i32,
    search: &str,
) -> Result<Vec<LearnerChoice>, DbErr> {
    let wanted = slug::slugify(search);
    let all: Vec<(i32, String, Option<String>)> = learner::Entity::find()
        .select_only()
        .columns([
            learner::Column::Id,
            learner::Column::FirstName,
            learner::Column::Commune,
        ])
        .filter(learner::Column::StructureId.eq(structure_id))
        .order_by_asc(learner::Column::FirstName)
        .order_by_asc(learner::Column::Id)
        .into_tuple()
        .all(db)
        .await?;
    let mut found: Vec<LearnerChoice> = all
        .into_iter()
        .filter(|(_, name, _)| slug::slugify(name).contains(&wanted))
        .take(FOUND_AT_MOST)
        .map(|(id, first_name, commune)| LearnerChoice {
            id,
            first_name,
            commune: commune.unwrap_or_default(),
        })
        .collect();
    // Without a commune in their profile: the one of the call that brought them.
    let without: Vec<i32> = found
        .iter()
        .filter(|c| c.commune.is_empty())
        .map(|c| c.id)
        .collect();
    if !without.is_empty() {
        let calls = help_call::Entity::find()
            .filter(help_call::Column::StructureId.eq(structure_id))
            .filter(help_call::Column::LearnerId.is_in(without))
            .order_by_asc(help_call::Column::Id)
            .all(db)
            .await?;
        for c in calls {
            if let Some(choice) = found.iter_mut().find(|f| f.id == c.learner_id) {
                choice.commune = c.commune;
            }
        }
    }
    Ok(found)
}

/// What booking did.
#[derive(Debug, PartialEq, Eq)]
pub enum Booked {
    /// The appointment made.
    Made(i32),
    /// Someone booked the slot meanwhile, or it is no longer free: nothing is saved.
    Taken,
}

/// Books the slot `key` of the kind `mode` for `learner_id` (of my structure, else `None`)
/// in the zone asked ([`zone_asked`], as [`view`] proposed it), in `db` (the form token's
/// transaction), and takes them off the "à rappeler" list.
pub async fn book(
    db: &impl ConnectionTrait,
    me: &staff::Model,
    learner_id: i32,
    mode: &str,
    zone_typed: Option<&str>,
    key: &SlotKey,
) -> Result<Option<Booked>, DbErr> {
    let Some(l) = accounts::learner_for_staff(db, me, learner_id).await? else {
        return Ok(None);
    };
    let zones = zones::names(db, me.structure_id).await?;
    let (zone, _) = chosen_zone(db, me, &l, zone_typed, &zones).await?;
    let Some(id) = agenda::book_for_learner(db, me, &l, zone, kind_asked(mode), key).await? else {
        return Ok(Some(Booked::Taken));
    };
    called_back(db, me.structure_id, l.id).await?;
    Ok(Some(Booked::Made(id)))
}

/// A learner has a new appointment: whatever had them on the "à rappeler" list is done.
async fn called_back(
    db: &impl ConnectionTrait,
    structure_id: i32,
    learner_id: i32,
) -> Result<(), DbErr> {
    let at = now();
    appointment::Entity::update_many()
        .col_expr(appointment::Column::RecalledAt, Expr::value(Some(at)))
        .filter(appointment::Column::StructureId.eq(structure_id))
        .filter(appointment::Column::LearnerId.eq(learner_id))
        .filter(
            appointment::Column::Status.is_in([Status::Absent.code(), Status::Cancelled.code()]),
        )
        .filter(appointment::Column::RecalledAt.is_null())
        .exec(db)
        .await?;
    help_call::Entity::update_many()
        .col_expr(help_call::Column::Waiting, Expr::value(false))
        .filter(help_call::Column::StructureId.eq(structure_id))
        .filter(help_call::Column::LearnerId.eq(learner_id))
        .filter(help_call::Column::Waiting.eq(true))
        .exec(db)
        .await?;
    recontact::Entity::update_many()
        .col_expr(recontact::Column::DoneAt, Expr::value(at))
        .filter(recontact::Column::StructureId.eq(structure_id))
        .filter(recontact::Column::LearnerId.eq(learner_id))
        .filter(recontact::Column::DoneAt.is_null())
        .exec(db)
        .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_zone_asked_tells_not_asked_from_every_zone() {
        assert_eq!(zone_asked(None), None);
        assert_eq!(zone_asked(Some("")), Some(None));
        assert_eq!(zone_asked(Some("12")), Some(Some(12)));
        assert_eq!(zone_asked(Some("nord")), Some(None));
    }

    #[test]
    fn only_known_kinds_are_asked_for() {
        assert_eq!(kind_asked("telephone"), "telephone");
        assert_eq!(kind_asked("domicile"), "domicile");
        assert_eq!(kind_asked("<script>"), "");
    }
}
