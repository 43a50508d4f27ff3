//! The programme's network (issue 22, items 1 and 2): territories and structures created
//! by the programme's administrators, their coordinators, and the programme's report.
//!
//! Structures keep their data apart exactly as before: nothing here reads or returns a
//! learner; the report is each structure's aggregated figures (`counts`, as the statistics
//! page counts them), summed, with the small-group rule applied to every figure about
//! people ([`Share::of`]). The caller checked the role (`identity::as_programme_admin`,
//! `identity::as_territory_coordinator`).

use std::collections::{BTreeMap, HashMap};

use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait,
    PrimaryKeyTrait, QueryFilter, QueryOrder, Set, TransactionSession, TransactionTrait,
};

use super::accounts::Roles;
use super::stats::{self, Period};
use super::stats_day;
use super::team;
use crate::model::SessionType;
use crate::model::network::{
    MemberChoice, NetworkFigures, NetworkReport, ProgrammeView, Setting, StructureRow,
    TerritoryRow, TerritoryView,
};
use crate::model::stats::Share;
use crate::ssr::content::slug;
use crate::ssr::db::WriteTransaction as _;
use crate::ssr::db::entities::{staff, structure, territory};
use crate::ssr::db::now;
use crate::ssr::user_cache::{Stale, UsersChanged};

/// The longest name of a territory or structure.
pub const MAX_NAME_CHARS: usize = 100;

/// What a form that creates a territory or a structure did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Made {
    /// Created, with its id.
    Created(i32),
    /// No name, or too long.
    BadName,
    /// Another territory (or structure) has this name.
    NameTaken,
    /// The phone number is not a French one.
    BadPhone,
    /// The territory chosen does not exist.
    NoTerritory,
}

/// A name as typed, spaces tidied, with its key (compared without case, accents or
/// punctuation); `None` when empty or too long.
fn name_and_key(name: &str) -> Option<(String, String)> {
    let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
    let key = slug::slugify(&name);
    (!key.is_empty() && name.chars().count() <= MAX_NAME_CHARS).then_some((name, key))
}

/// A new territory.
pub async fn create_territory(
    db: &(impl ConnectionTrait + TransactionTrait),
    name: &str,
) -> Result<Made, DbErr> {
    let Some((name, key)) = name_and_key(name) else {
        return Ok(Made::BadName);
    };
    insert_named(
        db,
        territory::ActiveModel {
            name: Set(name),
            name_key: Set(key),
            created_at: Set(now()),
            ..Default::default()
        },
    )
    .await
}

/// A new structure, in a territory or none, with its setting (or none said) and phone
/// number (or none: empty).
pub async fn create_structure(
    db: &(impl ConnectionTrait + TransactionTrait),
    name: &str,
    territory_id: Option<i32>,
    setting: Option<Setting>,
    phone: &str,
) -> Result<Made, DbErr> {
    let Some((name, key)) = name_and_key(name) else {
        return Ok(Made::BadName);
    };
    let phone = match phone.trim() {
        "" => None,
        typed => match team::normalize_phone(typed) {
            Some(p) => Some(p),
            None => return Ok(Made::BadPhone),
        },
    };
    if let Some(t) = territory_id
        && territory::Entity::find_by_id(t).one(db).await?.is_none()
    {
        return Ok(Made::NoTerritory);
    }
    insert_named(
        db,
        structure::ActiveModel {
            name: Set(name),
            name_key: Set(key),
            phone: Set(phone),
            created_at: Set(now()),
            territory_id: Set(territory_id),
            setting: Set(setting.map(|s| s.code().to_string())),
            ..Default::default()
        },
    )
    .await
}

/// Inserts a territory or structure: `Created`, or `NameTaken` when the unique key on its
/// `name_key` refuses it (another one has the name, made before or by another request at
/// the same moment; nothing is checked before writing). Tried in its own (nested)
/// transaction: inside a caller's transaction, a refused insert must not spoil it
/// (PostgreSQL).
async fn insert_named<A>(
    db: &(impl ConnectionTrait + TransactionTrait),
    row: A,
) -> Result<Made, DbErr>
where
    A: ActiveModelTrait + Send,
    <A::Entity as EntityTrait>::PrimaryKey: PrimaryKeyTrait<ValueType = i32>,
{
    let attempt = db.begin_write().await?;
    match A::Entity::insert(row).exec(&attempt).await {
        Ok(done) => {
            attempt.commit().await?;
            Ok(Made::Created(done.last_insert_id))
        }
        Err(e) if crate::ssr::db::is_unique_violation(&e) => {
            attempt.rollback().await?;
            Ok(Made::NameTaken)
        }
        Err(e) => Err(e),
    }
}

/// An invitation link for a new coordinator of structure `structure_id` (a coordinator
/// follows learners too, as the structures' coordinators do today), made by `admin`: its
/// token, or `None` if there is no such structure.
pub async fn invite_coordinator(
    db: &impl ConnectionTrait,
    admin: &staff::Model,
    structure_id: i32,
    display_name: &str,
) -> Result<Option<String>, DbErr> {
    if structure::Entity::find_by_id(structure_id)
        .one(db)
        .await?
        .is_none()
    {
        return Ok(None);
    }
    let roles = Roles {
        volunteer: true,
        coordinator: true,
        ..Roles::default()
    };
    let token = team::invite_to(db, structure_id, admin.id, display_name, roles, None).await?;
    Ok(Some(token))
}

/// Names an active member of a structure of territory `territory_id` coordinator of the
/// territory (a member coordinates one territory at most: another one they coordinated is
/// replaced). `None` if there is no such territory or member of it.
pub async fn name_territory_coordinator(
    db: &DatabaseConnection,
    territory_id: i32,
    staff_id: i32,
) -> Result<Option<UsersChanged<()>>, DbErr> {
    let Some(member) = staff::Entity::find_by_id(staff_id)
        .filter(staff::Column::DisabledAt.is_null())
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    let of_territory = structure::Entity::find_by_id(member.structure_id)
        .one(db)
        .await?
        .is_some_and(|s| s.territory_id == Some(territory_id));
    if !of_territory {
        return Ok(None);
    }
    let txn = db.begin_write().await?;
    staff::Entity::update_many()
        .col_expr(staff::Column::TerritoryId, Expr::value(territory_id))
        .filter(staff::Column::Id.eq(member.id))
        .exec(&txn)
        .await?;
    // Their pages change at once (the header's link, the territory's page).
    let changed = UsersChanged::new(&txn, (), Stale::Staff(member.id)).await?;
    txn.commit().await?;
    Ok(Some(changed))
}

/// Makes member `staff_id` an administrator of the programme (the command line and the
/// demo data: nobody signed in can).
pub async fn make_programme_admin(db: &impl ConnectionTrait, staff_id: i32) -> Result<(), DbErr> {
    staff::Entity::update_many()
        .col_expr(staff::Column::IsProgrammeAdmin, Expr::value(true))
        .filter(staff::Column::Id.eq(staff_id))
        .exec(db)
        .await?;
    Ok(())
}

/// Member `staff_id` no longer coordinates a territory; `None` if they did not.
pub async fn remove_territory_coordinator(
    db: &DatabaseConnection,
    staff_id: i32,
) -> Result<Option<UsersChanged<()>>, DbErr> {
    let txn = db.begin_write().await?;
    let done = staff::Entity::update_many()
        .col_expr(staff::Column::TerritoryId, Expr::value(Option::<i32>::None))
        .filter(staff::Column::Id.eq(staff_id))
        .filter(staff::Column::TerritoryId.is_not_null())
        .exec(&txn)
        .await?;
    if done.rows_affected == 0 {
        txn.rollback().await?;
        return Ok(None);
    }
    let changed = UsersChanged::new(&txn, (), Stale::Staff(staff_id)).await?;
    txn.commit().await?;
    Ok(Some(changed))
}

/// The active coordinators of each structure, by structure id.
async fn structure_coordinators(
    db: &impl ConnectionTrait,
) -> Result<BTreeMap<i32, Vec<String>>, DbErr> {
    let mut by_structure: BTreeMap<i32, Vec<String>> = BTreeMap::new();
    for s in staff::Entity::find()
        .filter(staff::Column::IsCoordinator.eq(true))
        .filter(staff::Column::DisabledAt.is_null())
        .order_by_asc(staff::Column::DisplayName)
        .all(db)
        .await?
    {
        by_structure
            .entry(s.structure_id)
            .or_default()
            .push(s.display_name);
    }
    Ok(by_structure)
}

/// The active coordinators of each territory (member id and name), by territory id.
async fn territory_coordinators(
    db: &impl ConnectionTrait,
) -> Result<BTreeMap<i32, Vec<(i32, String)>>, DbErr> {
    let mut by_territory: BTreeMap<i32, Vec<(i32, String)>> = BTreeMap::new();
    for s in staff::Entity::find()
        .filter(staff::Column::TerritoryId.is_not_null())
        .filter(staff::Column::DisabledAt.is_null())
        .order_by_asc(staff::Column::DisplayName)
        .all(db)
        .await?
    {
        if let Some(t) = s.territory_id {
            by_territory
                .entry(t)
                .or_default()
                .push((s.id, s.display_name));
        }
    }
    Ok(by_territory)
}

/// The structures (of territory `only`, or all), by name, with their coordinators.
async fn structure_rows(
    db: &impl ConnectionTrait,
    only: Option<i32>,
) -> Result<(Vec<structure::Model>, Vec<StructureRow>), DbErr> {
    let mut query = structure::Entity::find().order_by_asc(structure::Column::Name);
    if let Some(t) = only {
        query = query.filter(structure::Column::TerritoryId.eq(t));
    }
    let structures = query.all(db).await?;
    let territories: BTreeMap<i32, String> = territory::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|t| (t.id, t.name))
        .collect();
    let mut coordinators = structure_coordinators(db).await?;
    let rows = structures
        .iter()
        .map(|s| StructureRow {
            id: s.id,
            name: s.name.clone(),
            territory: s.territory_id.and_then(|t| territories.get(&t).cloned()),
            setting: s.setting.as_deref().and_then(Setting::from_code),
            phone: s.phone.clone(),
            coordinators: coordinators.remove(&s.id).unwrap_or_default(),
        })
        .collect();
    Ok((structures, rows))
}

/// The programme's page: territories, structures, who may coordinate a territory, and the
/// report for the period asked (`from`, `to` as typed; missing: the last twelve months).
pub async fn programme(
    db: &impl ConnectionTrait,
    from: Option<String>,
    to: Option<String>,
    today: &str,
) -> Result<ProgrammeView, DbErr> {
    let (structures, rows) = structure_rows(db, None).await?;
    let mut coordinators = territory_coordinators(db).await?;
    let territories = territory::Entity::find()
        .order_by_asc(territory::Column::NameKey)
        .all(db)
        .await?
        .into_iter()
        .map(|t| TerritoryRow {
            structures: structures
                .iter()
                .filter(|s| s.territory_id == Some(t.id))
                .map(|s| s.name.clone())
                .collect(),
            coordinators: coordinators.remove(&t.id).unwrap_or_default(),
            id: t.id,
            name: t.name,
        })
        .collect();
    let of_structure: BTreeMap<i32, &structure::Model> =
        structures.iter().map(|s| (s.id, s)).collect();
    let members = staff::Entity::find()
        .filter(staff::Column::DisabledAt.is_null())
        .order_by_asc(staff::Column::DisplayName)
        .all(db)
        .await?
        .into_iter()
        .filter_map(|m| {
            let s = of_structure.get(&m.structure_id)?;
            let territory_id = s.territory_id;
            territory_id?;
            Some(MemberChoice {
                id: m.id,
                name: m.display_name,
                username: m.username,
                structure: s.name.clone(),
                territory_id,
            })
        })
        .collect();
    let report = report(db, &structures, from, to, today).await?;
    Ok(ProgrammeView {
        territories,
        structures: rows,
        members,
        report,
        once: String::new(),
        link: None,
    })
}

/// A territory's page; `None` if there is no such territory.
pub async fn territory_page(
    db: &impl ConnectionTrait,
    id: i32,
    admin: bool,
    from: Option<String>,
    to: Option<String>,
    today: &str,
) -> Result<Option<TerritoryView>, DbErr> {
    let Some(t) = territory::Entity::find_by_id(id).one(db).await? else {
        return Ok(None);
    };
    let (structures, rows) = structure_rows(db, Some(id)).await?;
    let coordinators = territory_coordinators(db)
        .await?
        .remove(&id)
        .unwrap_or_default()
        .into_iter()
        .map(|(_, name)| name)
        .collect();
    let report = report(db, &structures, from, to, today).await?;
    Ok(Some(TerritoryView {
        id,
        name: t.name,
        structures: rows,
        coordinators,
        report,
        admin,
    }))
}

/// What a structure's figures add to the report: counts, before the small-group rule.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct Counts {
    people: u64,
    people_new: u64,
    sessions: u64,
    minutes: i64,
    workshops: u64,
    workshop_participants: u64,
    lessons_finished: u64,
    people_alone: u64,
    help_requests: u64,
}

impl Counts {
    /// Structures' counts added: a learner belongs to one structure, so people counted by
    /// two structures are two people.
    fn add(&mut self, o: &Counts) {
        self.people += o.people;
        self.people_new += o.people_new;
        self.sessions += o.sessions;
        self.minutes += o.minutes;
        self.workshops += o.workshops;
        self.workshop_participants += o.workshop_participants;
        self.lessons_finished += o.lessons_finished;
        self.people_alone += o.people_alone;
        self.help_requests += o.help_requests;
    }

    /// The figures shown, people in groups of fewer than five hidden; `everyone`: the
    /// people met in the whole report (each column's share of them).
    fn shown(&self, everyone: u64) -> NetworkFigures {
        NetworkFigures {
            people: Share::of(self.people, everyone),
            people_new: Share::of(self.people_new, self.people),
            sessions: self.sessions,
            minutes: self.minutes,
            workshops: self.workshops,
            workshop_participants: Share::of(
                self.workshop_participants,
                self.workshop_participants,
            ),
            lessons_finished: self.lessons_finished,
            people_alone: Share::of(self.people_alone, self.people),
            help_requests: self.help_requests,
        }
    }
}

/// The report's figures of each of `structures`, as the statistics page counts them: the
/// sessions, minutes and workshops summed from the daily counters of every structure in one
/// grouped query ([`stats_day::sums_by_structure`]), the people and the learners' moments
/// in five grouped queries ([`stats::people_and_moments_by_structure`]): the same number of
/// queries for 2 structures or 250.
async fn counts(
    db: &impl ConnectionTrait,
    structures: &[i32],
    p: &Period,
) -> Result<HashMap<i32, Counts>, DbErr> {
    use stats_day::Dimension as D;
    let mut out: HashMap<i32, Counts> =
        structures.iter().map(|s| (*s, Counts::default())).collect();
    let dimensions = [D::All, D::SessionType];
    for ((s, dimension, item), sums) in
        stats_day::sums_by_structure(db, structures, &p.from, &p.to, &dimensions).await?
    {
        let Some(c) = out.get_mut(&s) else { continue };
        match dimension {
            D::All => {
                c.sessions += sums.sessions;
                c.minutes += sums.minutes;
            }
            D::SessionType if SessionType::from_code(&item) == Some(SessionType::Collective) => {
                c.workshops += sums.sessions;
                c.workshop_participants += sums.anonymous + sums.named;
            }
            _ => {}
        }
    }
    for (s, f) in stats::people_and_moments_by_structure(db, p).await? {
        let Some(c) = out.get_mut(&s) else { continue };
        c.people = f.people;
        c.people_new = f.people_new;
        c.lessons_finished = f.lessons_finished;
        c.people_alone = f.people_alone;
        c.help_requests = f.help_requests;
    }
    Ok(out)
}

/// The report of `structures` for the period asked: each structure, each setting, and the
/// whole.
pub async fn report(
    db: &impl ConnectionTrait,
    structures: &[structure::Model],
    from: Option<String>,
    to: Option<String>,
    today: &str,
) -> Result<NetworkReport, DbErr> {
    let (default_from, default_to) = stats::default_period(today);
    let from = from
        .filter(|f| !f.trim().is_empty())
        .unwrap_or(default_from);
    let to = to.filter(|t| !t.trim().is_empty()).unwrap_or(default_to);
    let Some(period) = Period::new(&from, &to) else {
        return Ok(NetworkReport {
            from,
            to,
            bad_period: true,
            ..NetworkReport::default()
        });
    };
    let ids: Vec<i32> = structures.iter().map(|s| s.id).collect();
    let all = counts(db, &ids, &period).await?;
    let mut each = Vec::with_capacity(structures.len());
    let mut total = Counts::default();
    let mut by_setting: BTreeMap<Option<Setting>, Counts> = BTreeMap::new();
    for s in structures {
        let c = all.get(&s.id).copied().unwrap_or_default();
        total.add(&c);
        let setting = s.setting.as_deref().and_then(Setting::from_code);
        by_setting.entry(setting).or_default().add(&c);
        each.push((s.name.clone(), c));
    }
    // Urban, peri-urban, rural, then "not said".
    let mut settings: Vec<(Option<Setting>, Counts)> = by_setting.into_iter().collect();
    settings.sort_by_key(|(s, _)| s.map_or(Setting::ALL.len(), |s| s as usize));
    Ok(NetworkReport {
        from: period.from,
        to: period.to,
        bad_period: false,
        structures: each
            .into_iter()
            .map(|(name, c)| (name, c.shown(total.people)))
            .collect(),
        by_setting: settings
            .into_iter()
            .map(|(s, c)| (s, c.shown(total.people)))
            .collect(),
        total: total.shown(total.people),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_tidied_and_compared_without_case_or_accents() {
        assert_eq!(
            name_and_key("  Hauts-de-France   Nord "),
            Some(("Hauts-de-France Nord".into(), "hauts-de-france-nord".into()))
        );
        assert_eq!(name_and_key("Île de France").unwrap().1, "ile-de-france");
        assert_eq!(name_and_key("   "), None);
        assert_eq!(name_and_key(&"x".repeat(MAX_NAME_CHARS + 1)), None);
    }

    #[test]
    fn small_groups_stay_hidden_in_every_column() {
        let c = Counts {
            people: 12,
            people_new: 4,
            people_alone: 5,
            workshop_participants: 3,
            sessions: 2,
            ..Counts::default()
        };
        let f = c.shown(40);
        assert_eq!(
            f.people,
            Share::Shown {
                count: 12,
                percent: 30
            }
        );
        assert_eq!(f.people_new, Share::FewerThanFive);
        assert_eq!(f.workshop_participants, Share::FewerThanFive);
        assert_eq!(
            f.people_alone,
            Share::Shown {
                count: 5,
                percent: 42
            }
        );
        assert_eq!(f.sessions, 2, "sessions are not people: always counted");
    }
}
