//! The sessions of a period as a table (issue 21, item 6), downloaded as CSV for a
//! spreadsheet in French or as XLSX (`super::spreadsheet`), with La Coop de la médiation numérique's
//! values (`crate::model::sessions`: each enum's `code()`): a coordinator gets the
//! structure's sessions, a volunteer their own. Participants are counted by the database,
//! not loaded.

use std::collections::HashMap;

use sea_orm::sea_query::{Expr, Func};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
    RelationTrait,
};

use super::follow_up;
use super::spreadsheet::{Cell, Table};
use super::stats::Period;
use crate::model::{CoopTheme, Equipment, join_codes, split_codes};
use crate::ssr::db::entities::{staff, visit, visit_learner};
use crate::text::stats as words;

/// The table of `me`'s sessions of the period (a coordinator: the whole structure's), by
/// date then order of entry, written as CSV or XLSX ([`Table`]).
pub async fn table(
    db: &impl ConnectionTrait,
    me: &staff::Model,
    p: &Period,
) -> Result<Table, DbErr> {
    let scoped = |q: sea_orm::Select<visit::Entity>| {
        let q = q
            .filter(visit::Column::StructureId.eq(me.structure_id))
            .filter(visit::Column::Date.gte(p.from.clone()))
            .filter(visit::Column::Date.lte(p.to.clone()));
        if me.is_coordinator {
            q
        } else {
            q.filter(visit::Column::VolunteerId.eq(me.id))
        }
    };
    let visits = scoped(visit::Entity::find())
        .order_by_asc(visit::Column::Date)
        .order_by_asc(visit::Column::Id)
        .all(db)
        .await?;
    // Named participants per session, counted by the database.
    let named: HashMap<i32, i64> = scoped(visit::Entity::find())
        .select_only()
        .column(visit::Column::Id)
        .column_as(
            Expr::from(Func::count(Expr::col((
                visit_learner::Entity,
                visit_learner::Column::Id,
            )))),
            "n",
        )
        .join(
            sea_orm::JoinType::InnerJoin,
            visit_learner::Relation::Visit.def().rev(),
        )
        .group_by(visit::Column::Id)
        .into_tuple::<(i32, i64)>()
        .all(db)
        .await?
        .into_iter()
        .collect();
    let names = follow_up::staff_names(db, visits.iter().filter_map(|v| v.volunteer_id)).await?;
    let mut t = Table::new(words::SESSIONS_SHEET);
    t.header(&words::CSV_HEADERS);
    let count = |n: i32| Cell::Int(i64::from(n));
    for v in &visits {
        let opt = |o: &Option<String>| Cell::text(o.clone().unwrap_or_default());
        t.row(vec![
            Cell::Date(v.date.clone()),
            Cell::text(&v.session_type),
            Cell::text(&v.place_type),
            opt(&v.commune),
            count(v.duration_minutes),
            Cell::text(join_codes(
                &split_codes(&v.equipment, Equipment::from_code),
                Equipment::code,
            )),
            Cell::text(join_codes(
                &split_codes(&v.themes, CoopTheme::from_code),
                CoopTheme::code,
            )),
            opt(&v.autonomy),
            opt(&v.orientation),
            opt(&v.workshop_title),
            opt(&v.workshop_level),
            Cell::Int(named.get(&v.id).copied().unwrap_or(0)),
            count(v.anonymous),
            count(v.anonymous_followed),
            Cell::text(
                v.volunteer_id
                    .and_then(|id| names.get(&id).cloned())
                    .unwrap_or_default(),
            ),
        ]);
    }
    Ok(t)
}
