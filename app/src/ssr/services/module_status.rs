//! Trainers archive, un-archive and delete modules (issue 19, item 8).
//!
//! The state is a row of `module_status` per module, read by every instance with the
//! browser edits (`content::sync`): a module of the folder (git) has no file the site could
//! change, and instances share no memory. Each change bumps the content counter in its
//! transaction, so every instance reloads its catalogue.
//!
//! - **Archived**: the module stays loaded; learners' history in it (progress, answers,
//!   booklet, a volunteer's view) is still shown and named, and its lessons stay readable
//!   by link, but it is offered for no new work: not in the catalogue, not among the
//!   lessons a volunteer can advise, not in anyone's advised list. It can be un-archived.
//! - **Deleted**: hidden everywhere (the tree hides its files and edits). Allowed only when
//!   no learner has any progress in it, decided in the transaction that marks it: see
//!   [`delete`].

use std::collections::HashSet;

use sea_orm::sea_query::OnConflict;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection, DbBackend, EntityTrait,
    QueryFilter, QuerySelect,
};

use crate::error::AppError;
use crate::ssr::content::{ContentStore, slug, sync};
use crate::ssr::db::entities::{
    answer, confidence, help_request, lesson_completion, module_completion, module_status,
    step_progress,
};
use crate::ssr::db::now;

use super::authoring::reload_after_commit;
use crate::ssr::db::WriteTransaction as _;

/// What deleting a module did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Deleted {
    Done,
    /// Refused: this many learners have progress in it (archive it instead).
    HasProgress {
        learners: usize,
    },
}

/// Whether `module` is a module trainers see (in the folder or created in the browser,
/// not deleted).
fn exists(store: &ContentStore, module: &str) -> bool {
    let tree = store.latest_tree().with_drafts();
    slug::is_valid(module) && tree.is_file(&tree.dir().join(module).join("_index.md"))
}

/// Writes the module's row (archived or deleted now, or neither), in `db`.
async fn mark(
    db: &impl ConnectionTrait,
    module: &str,
    archived: bool,
    deleted: bool,
    by: i32,
) -> Result<(), sea_orm::DbErr> {
    let at = now();
    module_status::Entity::insert(module_status::ActiveModel {
        module: Set(module.to_string()),
        archived_at: Set(archived.then_some(at)),
        deleted_at: Set(deleted.then_some(at)),
        staff_id: Set(Some(by)),
        changed_at: Set(at),
    })
    .on_conflict(
        OnConflict::column(module_status::Column::Module)
            .update_columns([
                module_status::Column::ArchivedAt,
                module_status::Column::DeletedAt,
                module_status::Column::StaffId,
                module_status::Column::ChangedAt,
            ])
            .to_owned(),
    )
    .exec_without_returning(db)
    .await?;
    Ok(())
}

/// Archives (`true`) or un-archives a module; `NotFound` for a module that does not exist
/// (or was deleted). Every instance serves the change within a second or two; this one at
/// once.
pub async fn set_archived(
    db: &DatabaseConnection,
    store: &ContentStore,
    module: &str,
    archived: bool,
    by: i32,
) -> Result<(), AppError> {
    if !exists(store, module) {
        return Err(AppError::NotFound);
    }
    let txn = db.begin_write().await?;
    mark(&txn, module, archived, false, by).await?;
    sync::bump(&txn).await?;
    txn.commit().await?;
    reload_after_commit(store, db).await;
    Ok(())
}

/// The learners with any progress in `module`: a step seen, an answer, a lesson or the
/// module done, a confidence answer, a help request.
async fn learners_with_progress(
    db: &impl ConnectionTrait,
    module: &str,
) -> Result<usize, sea_orm::DbErr> {
    let mut learners: HashSet<i32> = HashSet::new();
    macro_rules! from {
        ($entity:ident) => {
            learners.extend(
                $entity::Entity::find()
                    .select_only()
                    .column($entity::Column::LearnerId)
                    .distinct()
                    .filter($entity::Column::Module.eq(module))
                    .into_tuple::<i32>()
                    .all(db)
                    .await?,
            );
        };
    }
    from!(step_progress);
    from!(answer);
    from!(lesson_completion);
    from!(module_completion);
    from!(confidence);
    from!(help_request);
    Ok(learners.len())
}

/// Deletes a module if no learner has progress in it. Decided in one transaction that
/// holds off every progress write until it ends, never by a check before: the mark is
/// written first (on SQLite that takes the database's write lock, so no progress can be
/// committed before the check reads it), and on PostgreSQL the progress tables are locked
/// against writes (`SHARE` mode) before the check; if anyone has progress, the mark is
/// rolled back.
///
/// Not covered: a learner's save that passed its check against this instance's catalogue
/// just before the delete committed, or one on another instance in the second or two
/// before it reloads, still writes its progress after the delete (saves do not read
/// `module_status`); that progress is kept in the database, keyed by the module's slug.
pub async fn delete(
    db: &DatabaseConnection,
    store: &ContentStore,
    module: &str,
    by: i32,
) -> Result<Deleted, AppError> {
    if !exists(store, module) {
        return Err(AppError::NotFound);
    }
    let txn = db.begin_write().await?;
    if txn.get_database_backend() == DbBackend::Postgres {
        txn.execute_unprepared(
            "LOCK TABLE step_progress, answer, lesson_completion, module_completion, \
             confidence, help_request IN SHARE MODE",
        )
        .await?;
    }
    mark(&txn, module, false, true, by).await?;
    let learners = learners_with_progress(&txn, module).await?;
    if learners > 0 {
        txn.rollback().await?;
        return Ok(Deleted::HasProgress { learners });
    }
    sync::bump(&txn).await?;
    txn.commit().await?;
    reload_after_commit(store, db).await;
    Ok(Deleted::Done)
}
