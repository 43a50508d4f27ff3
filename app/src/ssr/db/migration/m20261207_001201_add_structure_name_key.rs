//! Two structures never have the same name, compared without case, accents or punctuation,
//! as two territories never do (`ux_territory_name`): the database says so with a unique
//! key on `structure.name_key`, rather than the service checking before it writes (two
//! forms sent at once both passed the check).
//!
//! The key is the name's slug (`content::slug::slugify`, as `services::network` makes it).
//! Existing structures get theirs in the order they were made, and the migration never
//! fails on existing data: a structure whose key an earlier one already has (made by the
//! command line's `create-staff --structure`, which compared names exactly, e.g. "Asso" then
//! "asso") keeps its name, shown as before, and gets the key suffixed with its id
//! (`asso-7`, then `asso-7-2`, … if that is taken too); a name without any letter or digit
//! gets `structure-{id}`. A new structure with the first one's name is refused; nothing
//! is merged, renamed or lost.
//!
//! SQLite adds a `NOT NULL` column only with a default: the empty default stays, and every
//! insert sets the key (`accounts::find_or_create_structure`, `network::create_structure`).

use std::collections::HashSet;

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::ConnectionTrait;

use super::Structure;
use crate::ssr::content::slug;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Added {
    NameKey,
}

const INDEX: &str = "ux_structure_name";

/// The key of each structure, `rows` (id, name) in the order they were made: its name's
/// slug, or that slug suffixed when an earlier structure has it.
fn keys(rows: &[(i32, String)]) -> Vec<(i32, String)> {
    let mut taken = HashSet::new();
    // First the keys the names give, so that a suffixed key never takes a later one's own.
    let own: Vec<String> = rows.iter().map(|(_, name)| slug::slugify(name)).collect();
    let mut seen = HashSet::new();
    let firsts: HashSet<usize> = own
        .iter()
        .enumerate()
        .filter(|(_, k)| !k.is_empty() && seen.insert(k.as_str()))
        .map(|(i, _)| i)
        .collect();
    for i in &firsts {
        taken.insert(own[*i].clone());
    }
    rows.iter()
        .zip(&own)
        .enumerate()
        .map(|(i, ((id, _), key))| {
            if firsts.contains(&i) {
                return (*id, key.clone());
            }
            let base = if key.is_empty() {
                format!("structure-{id}")
            } else {
                format!("{key}-{id}")
            };
            let mut candidate = base.clone();
            let mut n = 2;
            while !taken.insert(candidate.clone()) {
                candidate = format!("{base}-{n}");
                n += 1;
            }
            (*id, candidate)
        })
        .collect()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Structure::Table)
                    .add_column(
                        ColumnDef::new(Added::NameKey)
                            .string()
                            .not_null()
                            .default(""),
                    )
                    .to_owned(),
            )
            .await?;
        let db = manager.get_connection();
        let mut rows = Vec::new();
        for row in db
            .query_all(
                Query::select()
                    .columns([Structure::Id, Structure::Name])
                    .from(Structure::Table)
                    .order_by(Structure::Id, Order::Asc),
            )
            .await?
        {
            rows.push((row.try_get::<i32>("", "id")?, row.try_get("", "name")?));
        }
        for (id, key) in keys(&rows) {
            db.execute(
                Query::update()
                    .table(Structure::Table)
                    .value(Added::NameKey, key)
                    .and_where(Expr::col(Structure::Id).eq(id)),
            )
            .await?;
        }
        manager
            .create_index(
                Index::create()
                    .name(INDEX)
                    .table(Structure::Table)
                    .col(Added::NameKey)
                    .unique()
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_index(Index::drop().name(INDEX).table(Structure::Table).to_owned())
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Structure::Table)
                    .drop_column(Added::NameKey)
                    .to_owned(),
            )
            .await
    }
}

#[cfg(test)]
mod tests {
    use super::keys;

    fn of(names: &[&str]) -> Vec<String> {
        let rows: Vec<(i32, String)> = names
            .iter()
            .enumerate()
            .map(|(i, n)| (i as i32 + 1, n.to_string()))
            .collect();
        keys(&rows).into_iter().map(|(_, k)| k).collect()
    }

    #[test]
    fn the_first_structure_keeps_the_key_and_later_duplicates_are_suffixed() {
        assert_eq!(
            of(&["Asso", "Médiathèque", "asso", "ASSO!", "!!!", ""]),
            [
                "asso",
                "mediatheque",
                "asso-3",
                "asso-4",
                "structure-5",
                "structure-6"
            ]
        );
    }

    #[test]
    fn a_suffixed_key_never_takes_another_structure_s_own_key() {
        // "asso-2" is the third structure's own key: the second gets another one.
        assert_eq!(
            of(&["Asso", "asso", "Asso 2", "asso 2"]),
            ["asso", "asso-2-2", "asso-2", "asso-2-4"]
        );
    }
}
