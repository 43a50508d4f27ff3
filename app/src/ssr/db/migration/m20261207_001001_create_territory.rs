//! A network, not a single association (issue 22, item 1): the programme's territories,
//! each structure's territory and setting (urban, peri-urban or rural, as the programme's
//! evaluation classifies them), and the two network roles of staff: administrator of the
//! programme (`is_programme_admin`) and coordinator of one territory (`territory_id`).
//!
//! A territory coordinator coordinates one territory, as a member of staff belongs to one
//! structure: a column keeps the role check on the signed-in account itself, with no
//! query. The added columns have no foreign key (SQLite cannot add one to a table); a
//! structure's or member's territory is only ever read joined to `territory`.

use sea_orm_migration::{prelude::*, schema::*};

use super::{Staff, Structure};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Territory {
    Table,
    Id,
    Name,
    NameKey,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Added {
    TerritoryId,
    Setting,
    IsProgrammeAdmin,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Territory::Table)
                    .if_not_exists()
                    .col(pk_auto(Territory::Id))
                    .col(string(Territory::Name))
                    .col(string(Territory::NameKey))
                    .col(big_integer(Territory::CreatedAt))
                    .to_owned(),
            )
            .await?;
        // Two territories never have the same name (compared without case or accents).
        manager
            .create_index(
                Index::create()
                    .name("ux_territory_name")
                    .table(Territory::Table)
                    .col(Territory::NameKey)
                    .unique()
                    .to_owned(),
            )
            .await?;
        // SQLite alters one column at a time.
        for (table, column) in [
            (Structure::Table.into_iden(), {
                let mut c = ColumnDef::new(Added::TerritoryId);
                c.integer().null();
                c
            }),
            (Structure::Table.into_iden(), {
                let mut c = ColumnDef::new(Added::Setting);
                c.string().null();
                c
            }),
            (Staff::Table.into_iden(), {
                let mut c = ColumnDef::new(Added::IsProgrammeAdmin);
                c.boolean().not_null().default(false);
                c
            }),
            (Staff::Table.into_iden(), {
                let mut c = ColumnDef::new(Added::TerritoryId);
                c.integer().null();
                c
            }),
        ] {
            manager
                .alter_table(Table::alter().table(table).add_column(column).to_owned())
                .await?;
        }
        manager
            .create_index(
                Index::create()
                    .name("ix_structure_territory")
                    .table(Structure::Table)
                    .col(Added::TerritoryId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_staff_territory")
                    .table(Staff::Table)
                    .col(Added::TerritoryId)
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for (name, table) in [
            ("ix_staff_territory", Staff::Table.into_iden()),
            ("ix_structure_territory", Structure::Table.into_iden()),
        ] {
            manager
                .drop_index(Index::drop().name(name).table(table).to_owned())
                .await?;
        }
        for (table, column) in [
            (Staff::Table.into_iden(), Added::TerritoryId.into_iden()),
            (
                Staff::Table.into_iden(),
                Added::IsProgrammeAdmin.into_iden(),
            ),
            (Structure::Table.into_iden(), Added::Setting.into_iden()),
            (Structure::Table.into_iden(), Added::TerritoryId.into_iden()),
        ] {
            manager
                .alter_table(Table::alter().table(table).drop_column(column).to_owned())
                .await?;
        }
        manager
            .drop_table(Table::drop().table(Territory::Table).to_owned())
            .await
    }
}
