//! Sessions recorded as La Coop de la médiation numérique's "compte rendu d'activité" does
//! (issue 21, item 1), a trace of every correction and deletion (item 2), and a learner's
//! optional attributes for statistics (item 3).
//!
//! Old sessions lose nothing: every column they had stays, and their kind gives the Coop's
//! type and place type (`domicile`: individual, at home; `permanence`: individual, at a place
//! of the structure; `atelier`: a group workshop at a place of the structure). Their
//! duration stays as it was (a duration outside the presets is "another duration"); their
//! free-text topics stay as the session's details. Themes, equipment, autonomy and commune
//! were never asked: they stay empty, never guessed.

use sea_orm_migration::{prelude::*, schema::*};

use super::{Learner, Staff, Structure};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Visit {
    Table,
    Kind,
    SessionType,
    PlaceType,
    Commune,
    Equipment,
    Themes,
    Autonomy,
    Orientation,
    WorkshopTitle,
    WorkshopLevel,
    Anonymous,
    AnonymousFollowed,
    UpdatedAt,
    StructureId,
    VolunteerId,
    Date,
}

#[derive(DeriveIden)]
enum VisitChange {
    Table,
    Id,
    VisitId,
    StructureId,
    StaffId,
    At,
    Deleted,
    Changes,
}

#[derive(DeriveIden)]
enum LearnerAttributes {
    AgeBand,
    Gender,
    SocialStatus,
    Commune,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let columns = [
            string(Visit::SessionType).default("individuel").to_owned(),
            string(Visit::PlaceType).default("lieu_activite").to_owned(),
            string_null(Visit::Commune),
            text(Visit::Equipment).default("").to_owned(),
            text(Visit::Themes).default("").to_owned(),
            string_null(Visit::Autonomy),
            string_null(Visit::Orientation),
            string_null(Visit::WorkshopTitle),
            string_null(Visit::WorkshopLevel),
            integer(Visit::Anonymous).default(0).to_owned(),
            integer(Visit::AnonymousFollowed).default(0).to_owned(),
            big_integer_null(Visit::UpdatedAt),
        ];
        // SQLite adds one column per statement.
        for mut column in columns {
            manager
                .alter_table(
                    Table::alter()
                        .table(Visit::Table)
                        .add_column(&mut column)
                        .to_owned(),
                )
                .await?;
        }
        for (kind, session_type, place_type) in [
            ("domicile", "individuel", "domicile"),
            ("permanence", "individuel", "lieu_activite"),
            ("atelier", "collectif", "lieu_activite"),
        ] {
            manager
                .exec_stmt(
                    Query::update()
                        .table(Visit::Table)
                        .value(Visit::SessionType, session_type)
                        .value(Visit::PlaceType, place_type)
                        .and_where(Expr::col(Visit::Kind).eq(kind))
                        .to_owned(),
                )
                .await?;
        }
        // "Mes séances": a volunteer's sessions by date.
        manager
            .create_index(
                Index::create()
                    .name("ix_visit_volunteer_date")
                    .table(Visit::Table)
                    .col(Visit::VolunteerId)
                    .col(Visit::Date)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_visit_structure_date")
                    .table(Visit::Table)
                    .col(Visit::StructureId)
                    .col(Visit::Date)
                    .to_owned(),
            )
            .await?;
        // The trace of corrections and deletions: no foreign key to the session, so the
        // trace of a deleted session stays.
        manager
            .create_table(
                Table::create()
                    .table(VisitChange::Table)
                    .if_not_exists()
                    .col(pk_auto(VisitChange::Id))
                    .col(integer(VisitChange::VisitId))
                    .col(integer(VisitChange::StructureId))
                    .col(integer_null(VisitChange::StaffId))
                    .col(big_integer(VisitChange::At))
                    .col(boolean(VisitChange::Deleted))
                    .col(text(VisitChange::Changes))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_visit_change_structure_id")
                            .from(VisitChange::Table, VisitChange::StructureId)
                            .to(Structure::Table, Structure::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_visit_change_staff_id")
                            .from(VisitChange::Table, VisitChange::StaffId)
                            .to(Staff::Table, Staff::Id)
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_visit_change_visit")
                    .table(VisitChange::Table)
                    .col(VisitChange::VisitId)
                    .to_owned(),
            )
            .await?;
        for mut column in [
            string_null(LearnerAttributes::AgeBand),
            string_null(LearnerAttributes::Gender),
            string_null(LearnerAttributes::SocialStatus),
            string_null(LearnerAttributes::Commune),
        ] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Learner::Table)
                        .add_column(&mut column)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(VisitChange::Table).to_owned())
            .await?;
        for index in ["ix_visit_volunteer_date", "ix_visit_structure_date"] {
            manager
                .drop_index(Index::drop().name(index).table(Visit::Table).to_owned())
                .await?;
        }
        for column in [
            Visit::SessionType,
            Visit::PlaceType,
            Visit::Commune,
            Visit::Equipment,
            Visit::Themes,
            Visit::Autonomy,
            Visit::Orientation,
            Visit::WorkshopTitle,
            Visit::WorkshopLevel,
            Visit::Anonymous,
            Visit::AnonymousFollowed,
            Visit::UpdatedAt,
        ] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Visit::Table)
                        .drop_column(column)
                        .to_owned(),
                )
                .await?;
        }
        for column in [
            LearnerAttributes::AgeBand,
            LearnerAttributes::Gender,
            LearnerAttributes::SocialStatus,
            LearnerAttributes::Commune,
        ] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Learner::Table)
                        .drop_column(column)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }
}
