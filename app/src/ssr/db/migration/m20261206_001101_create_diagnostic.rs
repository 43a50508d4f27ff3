//! The first-visit diagnostic (issue 20, item 5): each time a volunteer goes through the
//! questionnaire of `content/diagnostic.toml` with a learner (`diagnostic`), the answers
//! ticked and typed (`diagnostic_answer`: one row per answer; a free text is the answer
//! `""` of its question), and the path the volunteer saved from it (`diagnostic_lesson`,
//! in order). A learner may have several diagnostics: they are compared "before / after".

use sea_orm_migration::{prelude::*, schema::*};

use super::{Learner, Staff, Structure};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Diagnostic {
    Table,
    Id,
    StructureId,
    LearnerId,
    StaffId,
    TakenAt,
    PathSavedAt,
}

#[derive(DeriveIden)]
enum DiagnosticAnswer {
    Table,
    DiagnosticId,
    Question,
    Answer,
    Text,
}

#[derive(DeriveIden)]
enum DiagnosticLesson {
    Table,
    DiagnosticId,
    Position,
    Module,
    Lesson,
    Because,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Diagnostic::Table)
                    .if_not_exists()
                    .col(pk_auto(Diagnostic::Id))
                    .col(integer(Diagnostic::StructureId))
                    .col(integer(Diagnostic::LearnerId))
                    .col(integer_null(Diagnostic::StaffId))
                    .col(big_integer(Diagnostic::TakenAt))
                    .col(big_integer_null(Diagnostic::PathSavedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_diagnostic_structure_id")
                            .from(Diagnostic::Table, Diagnostic::StructureId)
                            .to(Structure::Table, Structure::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_diagnostic_learner_id")
                            .from(Diagnostic::Table, Diagnostic::LearnerId)
                            .to(Learner::Table, Learner::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_diagnostic_staff_id")
                            .from(Diagnostic::Table, Diagnostic::StaffId)
                            .to(Staff::Table, Staff::Id)
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_diagnostic_learner")
                    .table(Diagnostic::Table)
                    .col(Diagnostic::LearnerId)
                    .col(Diagnostic::TakenAt)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(DiagnosticAnswer::Table)
                    .if_not_exists()
                    .col(integer(DiagnosticAnswer::DiagnosticId))
                    .col(string(DiagnosticAnswer::Question))
                    .col(string(DiagnosticAnswer::Answer))
                    .col(text(DiagnosticAnswer::Text))
                    .primary_key(
                        Index::create()
                            .col(DiagnosticAnswer::DiagnosticId)
                            .col(DiagnosticAnswer::Question)
                            .col(DiagnosticAnswer::Answer),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_diagnostic_answer_diagnostic_id")
                            .from(DiagnosticAnswer::Table, DiagnosticAnswer::DiagnosticId)
                            .to(Diagnostic::Table, Diagnostic::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(DiagnosticLesson::Table)
                    .if_not_exists()
                    .col(integer(DiagnosticLesson::DiagnosticId))
                    .col(integer(DiagnosticLesson::Position))
                    .col(string(DiagnosticLesson::Module))
                    .col(string(DiagnosticLesson::Lesson))
                    .col(text(DiagnosticLesson::Because))
                    .primary_key(
                        Index::create()
                            .col(DiagnosticLesson::DiagnosticId)
                            .col(DiagnosticLesson::Position),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_diagnostic_lesson_diagnostic_id")
                            .from(DiagnosticLesson::Table, DiagnosticLesson::DiagnosticId)
                            .to(Diagnostic::Table, Diagnostic::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        // A lesson is once in a path.
        manager
            .create_index(
                Index::create()
                    .name("ux_diagnostic_lesson_lesson")
                    .table(DiagnosticLesson::Table)
                    .col(DiagnosticLesson::DiagnosticId)
                    .col(DiagnosticLesson::Module)
                    .col(DiagnosticLesson::Lesson)
                    .unique()
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            DiagnosticLesson::Table.into_iden(),
            DiagnosticAnswer::Table.into_iden(),
            Diagnostic::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}
