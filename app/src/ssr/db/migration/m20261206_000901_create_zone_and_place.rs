//! A structure's territory (issue 20, item 1): zones (a name and the communes they cover;
//! a commune belongs to one zone of a structure, which the unique key says), the
//! volunteers who cover each zone, and the structure's places (library, town hall, France
//! Services…) with their address and zone. Appointments will be matched to a zone by the
//! person's commune.

use sea_orm_migration::{prelude::*, schema::*};

use super::{Staff, Structure};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Zone {
    Table,
    Id,
    StructureId,
    Name,
    NameKey,
    CreatedAt,
}

#[derive(DeriveIden)]
enum ZoneCommune {
    Table,
    Id,
    StructureId,
    ZoneId,
    Postcode,
    Name,
    NameKey,
}

#[derive(DeriveIden)]
enum ZoneVolunteer {
    Table,
    ZoneId,
    StaffId,
}

#[derive(DeriveIden)]
enum Place {
    Table,
    Id,
    StructureId,
    ZoneId,
    Name,
    NameKey,
    Address,
    CreatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Zone::Table)
                    .if_not_exists()
                    .col(pk_auto(Zone::Id))
                    .col(integer(Zone::StructureId))
                    .col(string(Zone::Name))
                    .col(string(Zone::NameKey))
                    .col(big_integer(Zone::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_zone_structure_id")
                            .from(Zone::Table, Zone::StructureId)
                            .to(Structure::Table, Structure::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_zone_structure_name")
                    .table(Zone::Table)
                    .col(Zone::StructureId)
                    .col(Zone::NameKey)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(ZoneCommune::Table)
                    .if_not_exists()
                    .col(pk_auto(ZoneCommune::Id))
                    .col(integer(ZoneCommune::StructureId))
                    .col(integer(ZoneCommune::ZoneId))
                    .col(string(ZoneCommune::Postcode))
                    .col(string(ZoneCommune::Name))
                    .col(string(ZoneCommune::NameKey))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_zone_commune_zone_id")
                            .from(ZoneCommune::Table, ZoneCommune::ZoneId)
                            .to(Zone::Table, Zone::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        // A commune is in one zone of a structure.
        manager
            .create_index(
                Index::create()
                    .name("ux_zone_commune_structure_commune")
                    .table(ZoneCommune::Table)
                    .col(ZoneCommune::StructureId)
                    .col(ZoneCommune::Postcode)
                    .col(ZoneCommune::NameKey)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(ZoneVolunteer::Table)
                    .if_not_exists()
                    .col(integer(ZoneVolunteer::ZoneId))
                    .col(integer(ZoneVolunteer::StaffId))
                    .primary_key(
                        Index::create()
                            .col(ZoneVolunteer::ZoneId)
                            .col(ZoneVolunteer::StaffId),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_zone_volunteer_zone_id")
                            .from(ZoneVolunteer::Table, ZoneVolunteer::ZoneId)
                            .to(Zone::Table, Zone::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_zone_volunteer_staff_id")
                            .from(ZoneVolunteer::Table, ZoneVolunteer::StaffId)
                            .to(Staff::Table, Staff::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Place::Table)
                    .if_not_exists()
                    .col(pk_auto(Place::Id))
                    .col(integer(Place::StructureId))
                    .col(integer_null(Place::ZoneId))
                    .col(string(Place::Name))
                    .col(string(Place::NameKey))
                    .col(string(Place::Address))
                    .col(big_integer(Place::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_place_structure_id")
                            .from(Place::Table, Place::StructureId)
                            .to(Structure::Table, Structure::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_place_zone_id")
                            .from(Place::Table, Place::ZoneId)
                            .to(Zone::Table, Zone::Id)
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_place_structure_name")
                    .table(Place::Table)
                    .col(Place::StructureId)
                    .col(Place::NameKey)
                    .unique()
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            Place::Table.into_iden(),
            ZoneVolunteer::Table.into_iden(),
            ZoneCommune::Table.into_iden(),
            Zone::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}
