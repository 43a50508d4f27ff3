//! The shared agenda (issue 20, items 2 to 4): volunteers' availability (weekly or on one
//! day, at a place or for home visits in given zones), the calls taken (a request for help
//! by phone), appointments with their status, the seats of group sessions, and each
//! volunteer's secret calendar link.
//!
//! Two bookings of one volunteer's slot: the unique key `ux_appointment_slot` refuses the
//! second. An appointment holds its slot while `holds_slot` is 1; a cancelled or excused
//! one sets it to NULL (NULLs never collide in a unique key, on SQLite and PostgreSQL), so
//! the slot is free again. A group session's seats are numbered from 1 to its capacity:
//! the primary key refuses a seat taken twice.

use sea_orm_migration::{prelude::*, schema::*};

use super::{Learner, Staff, Structure};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Availability {
    Table,
    Id,
    StructureId,
    StaffId,
    Weekday,
    Day,
    StartMinute,
    EndMinute,
    PlaceId,
    CreatedAt,
}

#[derive(DeriveIden)]
enum AvailabilityZone {
    Table,
    AvailabilityId,
    ZoneId,
}

#[derive(DeriveIden)]
enum HelpCall {
    Table,
    Id,
    StructureId,
    LearnerId,
    FirstName,
    Reach,
    Phone,
    Postcode,
    Commune,
    ZoneId,
    Needs,
    Note,
    Availability,
    Waiting,
    CreatedBy,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Appointment {
    Table,
    Id,
    StructureId,
    StaffId,
    Kind,
    PlaceId,
    ZoneId,
    Day,
    StartMinute,
    EndMinute,
    HoldsSlot,
    Capacity,
    LearnerId,
    CallId,
    Commune,
    Status,
    RecalledAt,
    CreatedBy,
    CreatedAt,
}

#[derive(DeriveIden)]
enum AppointmentSeat {
    Table,
    AppointmentId,
    Seat,
    LearnerId,
}

#[derive(DeriveIden)]
enum CalendarFeed {
    Table,
    StaffId,
    Token,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Zone {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Place {
    Table,
    Id,
}

fn fk(
    name: &str,
    from: (impl IntoIden, impl IntoIden),
    to: (impl IntoIden, impl IntoIden),
) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .name(name)
        .from(from.0, from.1)
        .to(to.0, to.1)
        .on_delete(ForeignKeyAction::Cascade)
        .to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Availability::Table)
                    .if_not_exists()
                    .col(pk_auto(Availability::Id))
                    .col(integer(Availability::StructureId))
                    .col(integer(Availability::StaffId))
                    // 1 (Monday) to 7 for a weekly slot; or a day, `YYYY-MM-DD`.
                    .col(integer_null(Availability::Weekday))
                    .col(string_null(Availability::Day))
                    .col(integer(Availability::StartMinute))
                    .col(integer(Availability::EndMinute))
                    // None: home visits, in the zones of `availability_zone`.
                    .col(integer_null(Availability::PlaceId))
                    .col(big_integer(Availability::CreatedAt))
                    .foreign_key(&mut fk(
                        "fk_availability_structure_id",
                        (Availability::Table, Availability::StructureId),
                        (Structure::Table, Structure::Id),
                    ))
                    .foreign_key(&mut fk(
                        "fk_availability_staff_id",
                        (Availability::Table, Availability::StaffId),
                        (Staff::Table, Staff::Id),
                    ))
                    .foreign_key(&mut fk(
                        "fk_availability_place_id",
                        (Availability::Table, Availability::PlaceId),
                        (Place::Table, Place::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_availability_structure")
                    .table(Availability::Table)
                    .col(Availability::StructureId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(AvailabilityZone::Table)
                    .if_not_exists()
                    .col(integer(AvailabilityZone::AvailabilityId))
                    .col(integer(AvailabilityZone::ZoneId))
                    .primary_key(
                        Index::create()
                            .col(AvailabilityZone::AvailabilityId)
                            .col(AvailabilityZone::ZoneId),
                    )
                    .foreign_key(&mut fk(
                        "fk_availability_zone_availability_id",
                        (AvailabilityZone::Table, AvailabilityZone::AvailabilityId),
                        (Availability::Table, Availability::Id),
                    ))
                    .foreign_key(&mut fk(
                        "fk_availability_zone_zone_id",
                        (AvailabilityZone::Table, AvailabilityZone::ZoneId),
                        (Zone::Table, Zone::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(HelpCall::Table)
                    .if_not_exists()
                    .col(pk_auto(HelpCall::Id))
                    .col(integer(HelpCall::StructureId))
                    .col(integer(HelpCall::LearnerId))
                    .col(string(HelpCall::FirstName))
                    .col(string(HelpCall::Reach))
                    .col(string(HelpCall::Phone))
                    .col(string(HelpCall::Postcode))
                    .col(string(HelpCall::Commune))
                    .col(integer_null(HelpCall::ZoneId))
                    .col(string(HelpCall::Needs))
                    .col(text(HelpCall::Note))
                    .col(string(HelpCall::Availability))
                    // Still waiting for a slot (nothing suited when the call was taken).
                    .col(boolean(HelpCall::Waiting))
                    .col(integer(HelpCall::CreatedBy))
                    .col(big_integer(HelpCall::CreatedAt))
                    .foreign_key(&mut fk(
                        "fk_help_call_structure_id",
                        (HelpCall::Table, HelpCall::StructureId),
                        (Structure::Table, Structure::Id),
                    ))
                    .foreign_key(&mut fk(
                        "fk_help_call_learner_id",
                        (HelpCall::Table, HelpCall::LearnerId),
                        (Learner::Table, Learner::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Appointment::Table)
                    .if_not_exists()
                    .col(pk_auto(Appointment::Id))
                    .col(integer(Appointment::StructureId))
                    .col(integer(Appointment::StaffId))
                    .col(string(Appointment::Kind))
                    .col(integer_null(Appointment::PlaceId))
                    .col(integer_null(Appointment::ZoneId))
                    .col(string(Appointment::Day))
                    .col(integer(Appointment::StartMinute))
                    .col(integer(Appointment::EndMinute))
                    .col(boolean_null(Appointment::HoldsSlot))
                    .col(integer_null(Appointment::Capacity))
                    .col(integer_null(Appointment::LearnerId))
                    .col(integer_null(Appointment::CallId))
                    .col(string(Appointment::Commune))
                    .col(string(Appointment::Status))
                    .col(big_integer_null(Appointment::RecalledAt))
                    .col(integer(Appointment::CreatedBy))
                    .col(big_integer(Appointment::CreatedAt))
                    .foreign_key(&mut fk(
                        "fk_appointment_structure_id",
                        (Appointment::Table, Appointment::StructureId),
                        (Structure::Table, Structure::Id),
                    ))
                    .foreign_key(&mut fk(
                        "fk_appointment_staff_id",
                        (Appointment::Table, Appointment::StaffId),
                        (Staff::Table, Staff::Id),
                    ))
                    .foreign_key(&mut fk(
                        "fk_appointment_learner_id",
                        (Appointment::Table, Appointment::LearnerId),
                        (Learner::Table, Learner::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        // One booking per volunteer and start: the database decides between two
        // volunteers booking the same slot at once.
        manager
            .create_index(
                Index::create()
                    .name("ux_appointment_slot")
                    .table(Appointment::Table)
                    .col(Appointment::StaffId)
                    .col(Appointment::Day)
                    .col(Appointment::StartMinute)
                    .col(Appointment::HoldsSlot)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_appointment_structure_day")
                    .table(Appointment::Table)
                    .col(Appointment::StructureId)
                    .col(Appointment::Day)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(AppointmentSeat::Table)
                    .if_not_exists()
                    .col(integer(AppointmentSeat::AppointmentId))
                    .col(integer(AppointmentSeat::Seat))
                    .col(integer(AppointmentSeat::LearnerId))
                    .primary_key(
                        Index::create()
                            .col(AppointmentSeat::AppointmentId)
                            .col(AppointmentSeat::Seat),
                    )
                    .foreign_key(&mut fk(
                        "fk_appointment_seat_appointment_id",
                        (AppointmentSeat::Table, AppointmentSeat::AppointmentId),
                        (Appointment::Table, Appointment::Id),
                    ))
                    .foreign_key(&mut fk(
                        "fk_appointment_seat_learner_id",
                        (AppointmentSeat::Table, AppointmentSeat::LearnerId),
                        (Learner::Table, Learner::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_appointment_seat_learner")
                    .table(AppointmentSeat::Table)
                    .col(AppointmentSeat::AppointmentId)
                    .col(AppointmentSeat::LearnerId)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(CalendarFeed::Table)
                    .if_not_exists()
                    .col(integer(CalendarFeed::StaffId).primary_key())
                    .col(string(CalendarFeed::Token).unique_key())
                    .col(big_integer(CalendarFeed::CreatedAt))
                    .foreign_key(&mut fk(
                        "fk_calendar_feed_staff_id",
                        (CalendarFeed::Table, CalendarFeed::StaffId),
                        (Staff::Table, Staff::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            CalendarFeed::Table.into_iden(),
            AppointmentSeat::Table.into_iden(),
            Appointment::Table.into_iden(),
            HelpCall::Table.into_iden(),
            AvailabilityZone::Table.into_iden(),
            Availability::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}
