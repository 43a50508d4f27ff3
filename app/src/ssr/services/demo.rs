//! The demo dataset, created only when asked for (`serve --demo` or `demo`), idempotently.
//! Never created otherwise, so that a real deployment has no known password.

use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, DbErr, EntityTrait, QueryFilter, Set,
};

use crate::model::network::Setting;
use crate::ssr::db::entities::{staff, structure, territory};

use super::accounts::{self, Roles};
use super::network;

pub const DEMO_STRUCTURE: &str = "Association de démonstration";
pub const DEMO_VOLUNTEER: &str = "demo.benevole";
pub const DEMO_TRAINER: &str = "demo.formateur";
pub const DEMO_COORDINATOR: &str = "demo.coordination";
/// An administrator of the programme (`/programme`), who follows no learner.
pub const DEMO_PROGRAMME: &str = "demo.programme";
/// The demo network's territory, holding the demo structure and a second one.
pub const DEMO_TERRITORY: &str = "Territoire de démonstration";
pub const DEMO_SECOND_STRUCTURE: &str = "Médiathèque de démonstration";
pub const DEMO_PHONE: &str = "01 23 45 67 89";
pub const DEMO_PASSWORD: &str = "demo-pas-a-pas";
pub const DEMO_LEARNER_CODE: &str = "BIEN-VENU";
pub const DEMO_LEARNER_NAME: &str = "Jeanne";

/// Creates what is missing of the demo dataset; leaves the rest as it is.
pub async fn seed(db: &DatabaseConnection) -> Result<(), DbErr> {
    // Before the site serves anyone: passwords are hashed one at a time.
    let gate = crate::ssr::auth::PasswordGate::new(1, crate::ssr::auth::PasswordGate::WAIT);
    let structure = accounts::find_or_create_structure(db, DEMO_STRUCTURE).await?;
    if structure.phone.is_none() {
        let mut active: structure::ActiveModel = structure.clone().into();
        active.phone = Set(Some(DEMO_PHONE.to_string()));
        active.update(db).await?;
    }
    if accounts::find_staff_by_username(db, DEMO_COORDINATOR)
        .await?
        .is_none()
    {
        accounts::create_staff(
            db,
            &gate,
            structure.id,
            DEMO_COORDINATOR,
            "Sacha",
            DEMO_PASSWORD,
            Roles {
                volunteer: true,
                coordinator: true,
                ..Roles::default()
            },
        )
        .await?;
    }
    let volunteer = match accounts::find_staff_by_username(db, DEMO_VOLUNTEER).await? {
        Some(v) => v,
        None => {
            accounts::create_staff(
                db,
                &gate,
                structure.id,
                DEMO_VOLUNTEER,
                "Camille",
                DEMO_PASSWORD,
                Roles {
                    volunteer: true,
                    ..Roles::default()
                },
            )
            .await?
        }
    };
    if accounts::find_staff_by_username(db, DEMO_TRAINER)
        .await?
        .is_none()
    {
        accounts::create_staff(
            db,
            &gate,
            structure.id,
            DEMO_TRAINER,
            "Dominique",
            DEMO_PASSWORD,
            Roles {
                trainer: true,
                ..Roles::default()
            },
        )
        .await?;
    }
    if accounts::find_learner_by_code(db, DEMO_LEARNER_CODE)
        .await?
        .is_none()
    {
        accounts::create_learner(
            db,
            structure.id,
            Some(volunteer.id),
            DEMO_LEARNER_NAME,
            Some(DEMO_LEARNER_CODE),
        )
        .await?;
    }
    seed_network(db, &gate, structure).await
}

/// The demo network: a territory holding the demo structure (urban) and a second one
/// (rural), and `demo.programme`, an administrator of the programme (a member of the demo
/// structure who follows no learner there).
async fn seed_network(
    db: &DatabaseConnection,
    gate: &crate::ssr::auth::PasswordGate,
    first: structure::Model,
) -> Result<(), DbErr> {
    // Already there (every start after the first: only read, so that an instance starting
    // beside busy ones does not wait for the write lock), or made now (the unique key
    // keeps two instances starting at once from making two).
    let find = || {
        territory::Entity::find()
            .filter(territory::Column::Name.eq(DEMO_TERRITORY))
            .one(db)
    };
    let t = match find().await? {
        Some(t) => t,
        None => {
            network::create_territory(db, DEMO_TERRITORY).await?;
            find()
                .await?
                .ok_or_else(|| DbErr::Custom("the demo territory is missing".into()))?
        }
    };
    let first_id = first.id;
    let second = accounts::find_or_create_structure(db, DEMO_SECOND_STRUCTURE).await?;
    for (s, setting) in [(first, Setting::Urban), (second, Setting::Rural)] {
        if s.territory_id.is_none() {
            let mut active: structure::ActiveModel = s.into();
            active.territory_id = Set(Some(t.id));
            active.setting = Set(Some(setting.code().to_string()));
            active.update(db).await?;
        }
    }
    let admin = match accounts::find_staff_by_username(db, DEMO_PROGRAMME).await? {
        Some(a) => a,
        // The demo accounts share one password: its hash is taken from the coordinator's
        // account rather than computed once more (every test seeds the demo data).
        None => match accounts::find_staff_by_username(db, DEMO_COORDINATOR).await? {
            Some(sacha) => {
                staff::ActiveModel {
                    structure_id: Set(first_id),
                    username: Set(DEMO_PROGRAMME.to_string()),
                    display_name: Set("Claude".to_string()),
                    password_hash: Set(sacha.password_hash),
                    is_volunteer: Set(false),
                    is_trainer: Set(false),
                    is_coordinator: Set(false),
                    created_at: Set(crate::ssr::db::now()),
                    ..Default::default()
                }
                .insert(db)
                .await?
            }
            None => {
                accounts::create_staff(
                    db,
                    gate,
                    first_id,
                    DEMO_PROGRAMME,
                    "Claude",
                    DEMO_PASSWORD,
                    Roles::default(),
                )
                .await?
            }
        },
    };
    network::make_programme_admin(db, admin.id).await
}
