//! The follow-up questionnaire (issue 21, part 2, item 5): about 3 and 12 months after a
//! learner's first session, five short questions (`follow_up_answer`: one answer set per
//! learner and wave, unique, so that a double submit records once; who answered how), and
//! "Pas maintenant" (`follow_up_postponed`: when to ask again, one row per learner and wave).

use sea_orm_migration::{prelude::*, schema::*};

use super::{Learner, Staff};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum FollowUpAnswer {
    Table,
    Id,
    LearnerId,
    Wave,
    AnsweredHow,
    StaffId,
    Learned,
    LessApprehensive,
    DidAlone,
    Recommend,
    WhatChanged,
    AnsweredAt,
}

#[derive(DeriveIden)]
enum FollowUpPostponed {
    Table,
    LearnerId,
    Wave,
    AskAgainAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(FollowUpAnswer::Table)
                    .if_not_exists()
                    .col(pk_auto(FollowUpAnswer::Id))
                    .col(integer(FollowUpAnswer::LearnerId))
                    .col(string(FollowUpAnswer::Wave))
                    .col(string(FollowUpAnswer::AnsweredHow))
                    .col(integer_null(FollowUpAnswer::StaffId))
                    .col(string_null(FollowUpAnswer::Learned))
                    .col(string_null(FollowUpAnswer::LessApprehensive))
                    .col(string_null(FollowUpAnswer::DidAlone))
                    .col(string_null(FollowUpAnswer::Recommend))
                    .col(text(FollowUpAnswer::WhatChanged))
                    .col(big_integer(FollowUpAnswer::AnsweredAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_follow_up_answer_learner_id")
                            .from(FollowUpAnswer::Table, FollowUpAnswer::LearnerId)
                            .to(Learner::Table, Learner::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_follow_up_answer_staff_id")
                            .from(FollowUpAnswer::Table, FollowUpAnswer::StaffId)
                            .to(Staff::Table, Staff::Id)
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .to_owned(),
            )
            .await?;
        // One answer set per learner and wave: a second submit records nothing.
        manager
            .create_index(
                Index::create()
                    .name("ux_follow_up_answer_learner_wave")
                    .table(FollowUpAnswer::Table)
                    .col(FollowUpAnswer::LearnerId)
                    .col(FollowUpAnswer::Wave)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(FollowUpPostponed::Table)
                    .if_not_exists()
                    .col(integer(FollowUpPostponed::LearnerId))
                    .col(string(FollowUpPostponed::Wave))
                    .col(big_integer(FollowUpPostponed::AskAgainAt))
                    .primary_key(
                        Index::create()
                            .col(FollowUpPostponed::LearnerId)
                            .col(FollowUpPostponed::Wave),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_follow_up_postponed_learner_id")
                            .from(FollowUpPostponed::Table, FollowUpPostponed::LearnerId)
                            .to(Learner::Table, Learner::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            FollowUpPostponed::Table.into_iden(),
            FollowUpAnswer::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}
