//! The sessions of a period as a table (issue 21, item 6), downloaded as CSV for a
//! spreadsheet in French or as XLSX (`super::spreadsheet`), with La Coop de la médiation numérique's
//! values (`crate::model::sessions`: each enum's `code()`): a coordinator gets the
//! structure's sessions, a volunteer their own.
//!
//! A year of a large structure is a million sessions (item 7): they are read a page at a
//! time ([`Sessions::next_page`], by date then order of entry, each page after the last one
//! read) and written as they come, so a download never holds the whole table in memory and
//! its first bytes leave after one page. Participants are counted by the database, not
//! loaded.

use std::collections::HashMap;

use sea_orm::sea_query::{Expr, Func};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect,
};

use super::follow_up;
use super::spreadsheet::{Cell, LongSheet, RowKind, XlsxError, csv_lines};
use super::stats::Period;
use crate::model::{CoopTheme, Equipment, join_codes, split_codes};
use crate::ssr::db::entities::{staff, visit, visit_learner};
use crate::text::stats as words;

/// How many sessions one query reads.
pub const PAGE: u64 = 2_000;

/// The sessions of a period, read a page at a time.
pub struct Sessions {
    structure: i32,
    /// `None` for a coordinator (the whole structure), else the volunteer's own.
    volunteer: Option<i32>,
    from: String,
    to: String,
    /// The last session read (its date and id): the next page starts after it.
    after: Option<(String, i32)>,
    done: bool,
}

impl Sessions {
    /// `me`'s sessions of the period (a coordinator: the whole structure's).
    pub fn of(me: &staff::Model, p: &Period) -> Sessions {
        Sessions {
            structure: me.structure_id,
            volunteer: (!me.is_coordinator).then_some(me.id),
            from: p.from.clone(),
            to: p.to.clone(),
            after: None,
            done: false,
        }
    }

    /// The next sessions as rows of [`words::CSV_HEADERS`]'s columns; `None` after the last.
    pub async fn next_page(
        &mut self,
        db: &impl ConnectionTrait,
    ) -> Result<Option<Vec<Vec<Cell>>>, DbErr> {
        if self.done {
            return Ok(None);
        }
        // One lower bound on the day, where the index's range starts: the period's first
        // day, then the last page's. (With the period's bound and the `OR` below alone,
        // every page read the period from its first day: a year's last page took 169 ms
        // instead of 2 on PostgreSQL; given both bounds, SQLite chose the period's.)
        let first_day = self.after.as_ref().map_or(&self.from, |(day, _)| day);
        let mut q = visit::Entity::find()
            .filter(visit::Column::StructureId.eq(self.structure))
            .filter(visit::Column::Date.gte(first_day.clone()))
            .filter(visit::Column::Date.lte(self.to.clone()));
        if let Some(me) = self.volunteer {
            q = q.filter(visit::Column::VolunteerId.eq(me));
        }
        if let Some((date, id)) = &self.after {
            q = q.filter(
                Condition::any()
                    .add(visit::Column::Date.gt(date.clone()))
                    .add(
                        Condition::all()
                            .add(visit::Column::Date.eq(date.clone()))
                            .add(visit::Column::Id.gt(*id)),
                    ),
            );
        }
        let visits = q
            .order_by_asc(visit::Column::Date)
            .order_by_asc(visit::Column::Id)
            .limit(PAGE)
            .all(db)
            .await?;
        if u64::try_from(visits.len()).unwrap_or(u64::MAX) < PAGE {
            self.done = true;
        }
        let Some(last) = visits.last() else {
            return Ok(None);
        };
        self.after = Some((last.date.clone(), last.id));
        // Named participants per session of the page, counted by the database.
        let named: HashMap<i32, i64> = visit_learner::Entity::find()
            .select_only()
            .column(visit_learner::Column::VisitId)
            .column_as(
                Expr::from(Func::count(Expr::col((
                    visit_learner::Entity,
                    visit_learner::Column::Id,
                )))),
                "n",
            )
            .filter(visit_learner::Column::VisitId.is_in(visits.iter().map(|v| v.id)))
            .group_by(visit_learner::Column::VisitId)
            .into_tuple::<(i32, i64)>()
            .all(db)
            .await?
            .into_iter()
            .collect();
        let names =
            follow_up::staff_names(db, visits.iter().filter_map(|v| v.volunteer_id)).await?;
        Ok(Some(
            visits.iter().map(|v| row(v, &named, &names)).collect(),
        ))
    }
}

/// One session's row.
fn row(v: &visit::Model, named: &HashMap<i32, i64>, names: &HashMap<i32, String>) -> Vec<Cell> {
    let count = |n: i32| Cell::Int(i64::from(n));
    let opt = |o: &Option<String>| Cell::text(o.clone().unwrap_or_default());
    vec![
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
    ]
}

/// The CSV file's first bytes: the byte order mark and the header line.
pub fn csv_head() -> Result<Vec<u8>, csv::Error> {
    let header: Vec<Cell> = words::CSV_HEADERS.iter().map(|h| Cell::text(*h)).collect();
    let mut bytes = super::spreadsheet::BOM.as_bytes().to_vec();
    bytes.extend(csv_lines([(RowKind::Header, header.as_slice())])?);
    Ok(bytes)
}

/// A page of rows as CSV lines.
pub fn csv_page(rows: &[Vec<Cell>]) -> Result<Vec<u8>, csv::Error> {
    csv_lines(rows.iter().map(|r| (RowKind::Data, r.as_slice())))
}

/// Why an XLSX download stopped.
#[derive(Debug, thiserror::Error)]
pub enum XlsxExportError {
    #[error(transparent)]
    Db(#[from] DbErr),
    #[error(transparent)]
    Xlsx(#[from] XlsxError),
    #[error("the workbook's writer stopped: {0}")]
    Writer(#[from] tokio::task::JoinError),
    #[error("the workbook was left unfinished")]
    Unfinished,
}

/// `me`'s sessions of the period as an XLSX workbook written to `out` as the rows are read
/// (zipped page after page, [`LongSheet`]): neither the memory used nor the disk grows with
/// the sessions, and the first bytes leave after the first page.
pub async fn write_xlsx<W: std::io::Write + Send + 'static>(
    db: &impl ConnectionTrait,
    me: &staff::Model,
    p: &Period,
    out: W,
) -> Result<(), XlsxExportError> {
    let mut pages = Sessions::of(me, p);
    // `None`: every row was read; a channel closed without it: nothing is written.
    let (tx, mut rx) = tokio::sync::mpsc::channel::<Option<Vec<Vec<Cell>>>>(2);
    let writer = tokio::task::spawn_blocking(move || -> Result<bool, XlsxError> {
        let mut sheet = LongSheet::new(words::SESSIONS_SHEET, &words::CSV_HEADERS, out);
        while let Some(page) = rx.blocking_recv() {
            match page {
                Some(rows) => sheet.rows(&rows)?,
                None => {
                    sheet.finish()?;
                    return Ok(true);
                }
            }
        }
        Ok(false)
    });
    let read = async {
        while let Some(rows) = pages.next_page(db).await? {
            if tx.send(Some(rows)).await.is_err() {
                // The writer stopped: its error says why.
                return Ok(());
            }
        }
        // A closed writer's error is returned below.
        let _ = tx.send(None).await;
        Ok::<(), DbErr>(())
    }
    .await;
    drop(tx);
    let written = writer.await??;
    read?;
    if !written {
        // Only when reading failed, which `read?` returned.
        return Err(XlsxExportError::Unfinished);
    }
    Ok(())
}
