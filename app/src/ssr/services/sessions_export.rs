//! The sessions of a period as a CSV file (issue 21, item 6), for a spreadsheet in French
//! (a UTF-8 byte order mark, `;` between cells) with La Coop de la médiation numérique's
//! values (`crate::model::sessions`: each enum's `code()`): a coordinator gets the
//! structure's sessions, a volunteer their own. Participants are counted by the database,
//! not loaded.

use std::collections::HashMap;

use sea_orm::sea_query::{Expr, Func};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
    RelationTrait,
};

use super::booklet::csv_cell;
use super::follow_up;
use super::stats::Period;
use crate::model::{CoopTheme, Equipment, join_codes, split_codes};
use crate::ssr::db::entities::{staff, visit, visit_learner};
use crate::text::stats as words;

/// What an export gives.
#[derive(Debug)]
pub enum ExportError {
    Db(DbErr),
    Csv(csv::Error),
}

impl From<DbErr> for ExportError {
    fn from(e: DbErr) -> Self {
        ExportError::Db(e)
    }
}

impl From<csv::Error> for ExportError {
    fn from(e: csv::Error) -> Self {
        ExportError::Csv(e)
    }
}

impl std::fmt::Display for ExportError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ExportError::Db(e) => write!(f, "database: {e}"),
            ExportError::Csv(e) => write!(f, "csv: {e}"),
        }
    }
}

/// The CSV of `me`'s sessions of the period (a coordinator: the whole structure's), by
/// date then order of entry.
pub async fn csv(
    db: &impl ConnectionTrait,
    me: &staff::Model,
    p: &Period,
) -> Result<String, ExportError> {
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
    let mut w = csv::WriterBuilder::new()
        .delimiter(b';')
        .from_writer(Vec::new());
    w.write_record(words::CSV_HEADERS)?;
    for v in &visits {
        let opt = |o: &Option<String>| o.clone().unwrap_or_default();
        w.write_record([
            v.date.clone(),
            v.session_type.clone(),
            v.place_type.clone(),
            csv_cell(&opt(&v.commune)),
            v.duration_minutes.to_string(),
            join_codes(
                &split_codes(&v.equipment, Equipment::from_code),
                Equipment::code,
            ),
            join_codes(
                &split_codes(&v.themes, CoopTheme::from_code),
                CoopTheme::code,
            ),
            opt(&v.autonomy),
            opt(&v.orientation),
            csv_cell(&opt(&v.workshop_title)),
            opt(&v.workshop_level),
            named.get(&v.id).copied().unwrap_or(0).to_string(),
            v.anonymous.to_string(),
            v.anonymous_followed.to_string(),
            csv_cell(
                &v.volunteer_id
                    .and_then(|id| names.get(&id).cloned())
                    .unwrap_or_default(),
            ),
        ])?;
    }
    let bytes = w
        .into_inner()
        .map_err(|e| ExportError::Csv(e.into_error().into()))?;
    Ok(format!("\u{FEFF}{}", String::from_utf8_lossy(&bytes)))
}
