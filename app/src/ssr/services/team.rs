//! Staff accounts of a structure, managed by its coordinators: invitations that expire,
//! password resets, and the password policy.

use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait,
    QueryFilter, QueryOrder, Set, TransactionTrait,
};

use super::accounts;
use crate::model::{
    FieldError, FieldProblem, InvitationView, PasswordProblem, PendingInvitation, Team,
    TeamLearner, TeamMember,
};
use crate::ssr::auth;
use crate::ssr::db::WriteTransaction as _;
use crate::ssr::db::entities::{auth_session, invitation, learner, staff, structure};
use crate::ssr::db::now;
use crate::ssr::user_cache::{Stale, UsersChanged};
use crate::text::staff as words;

/// How long an invitation link works.
pub const INVITATION_DAYS: i64 = 7;
pub const MIN_PASSWORD_CHARS: usize = 8;

/// Passwords found at the top of every leaked-password list (and French favourites):
/// refused whatever their length.
const COMMON_PASSWORDS: &[&str] = &[
    "123456",
    "12345678",
    "123456789",
    "1234567890",
    "12345",
    "1234567",
    "111111",
    "000000",
    "11111111",
    "00000000",
    "123123",
    "123123123",
    "654321",
    "987654321",
    "121212",
    "112233",
    "666666",
    "888888",
    "999999",
    "555555",
    "777777",
    "131313",
    "123321",
    "159753",
    "147258369",
    "password",
    "password1",
    "password123",
    "passw0rd",
    "motdepasse",
    "mot2passe",
    "motdepasse1",
    "azerty",
    "azertyuiop",
    "azerty123",
    "azerty1",
    "qwerty",
    "qwertyuiop",
    "qwerty123",
    "abc123",
    "abcdef",
    "abcdefgh",
    "abcd1234",
    "aaaaaaaa",
    "iloveyou",
    "jetaime",
    "jetaime1",
    "soleil",
    "soleil123",
    "doudou",
    "doudou123",
    "chouchou",
    "loulou",
    "nicolas",
    "camille",
    "marseille",
    "olympique",
    "paris",
    "parisien",
    "france",
    "france123",
    "bonjour",
    "bonjour1",
    "coucou",
    "coucou123",
    "princesse",
    "chocolat",
    "football",
    "dragon",
    "monkey",
    "sunshine",
    "letmein",
    "welcome",
    "welcome1",
    "admin",
    "admin123",
    "administrateur",
    "root",
    "toor",
    "secret",
    "secret123",
    "master",
    "superman",
    "batman",
    "starwars",
    "pokemon",
    "nounours",
    "amour",
    "amour123",
    "bienvenue",
    "bienvenue1",
    "utilisateur",
    "benevole",
    "benevole1",
    "association",
    "pasapas",
    "pas-a-pas",
    "demo-pas-a-pas",
    "changeme",
    "0123456789",
    "1q2w3e4r",
    "1qaz2wsx",
    "zaq12wsx",
    "qazwsx",
    "trustno1",
    "baseball",
    "michael",
    "liverpool",
    "arsenal",
    "charlie",
    "jordan23",
    "hello123",
    "freedom",
    "whatever",
];

/// Words every guesser of a French association's passwords tries first, given to the
/// strength estimator beside the person's own identifier, name and structure.
const FRENCH_GUESSES: &[&str] = &[
    "motdepasse",
    "mot",
    "passe",
    "azerty",
    "azertyuiop",
    "qsdfghjklm",
    "wxcvbn",
    "pasapas",
    "pas",
    "benevole",
    "formateur",
    "coordination",
    "association",
    "bonjour",
    "soleil",
    "doudou",
    "chouchou",
    "loulou",
    "coucou",
    "marseille",
    "paris",
    "france",
    "amour",
    "chocolat",
];

/// The lowest strength score (zxcvbn, 0 to 4) a new password needs: 3 means about a
/// hundred million guesses, out of reach of an online attacker slowed down by the
/// sign-in throttle, and of an offline one slowed down by argon2id.
pub const MIN_PASSWORD_SCORE: u8 = 3;

/// What is wrong with a new password; `None` if it is fine. Paste is allowed:
/// a password manager is welcome. `context` holds other words the person is known by
/// (their name, their structure's name): a password built on them is easy to guess.
pub fn password_problem(
    password: &str,
    username: &str,
    context: &[&str],
) -> Option<PasswordProblem> {
    let lower = password.to_lowercase();
    if password.trim().is_empty() && !password.is_empty() {
        return Some(PasswordProblem::OnlySpaces);
    }
    if password.chars().count() < MIN_PASSWORD_CHARS {
        return Some(PasswordProblem::TooShort {
            min: MIN_PASSWORD_CHARS,
        });
    }
    if COMMON_PASSWORDS.contains(&lower.as_str()) {
        return Some(PasswordProblem::Common);
    }
    if !username.is_empty() && lower == username.to_lowercase() {
        return Some(PasswordProblem::IsUsername);
    }
    let mut inputs: Vec<String> = FRENCH_GUESSES.iter().map(|w| w.to_string()).collect();
    for text in std::iter::once(&username).chain(context) {
        let text = text.to_lowercase();
        inputs.extend(
            text.split(|c: char| !c.is_alphanumeric())
                .filter(|w| w.chars().count() >= 3)
                .map(str::to_string),
        );
        inputs.push(text.chars().filter(|c| c.is_alphanumeric()).collect());
        inputs.push(text);
    }
    let inputs: Vec<&str> = inputs.iter().map(String::as_str).collect();
    // Spaces and punctuation between guessable words add little: judge without them too.
    let squeezed: String = password.chars().filter(|c| c.is_alphanumeric()).collect();
    let score = u8::from(zxcvbn::zxcvbn(password, &inputs).score())
        .min(u8::from(zxcvbn::zxcvbn(&squeezed, &inputs).score()));
    if score < MIN_PASSWORD_SCORE {
        return Some(PasswordProblem::Guessable);
    }
    None
}

/// Whether an identifier is fine: 3 to 40 lower-case letters without accents, digits,
/// points, dashes or underscores.
pub fn username_is_valid(username: &str) -> bool {
    let ok_chars = username
        .chars()
        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '.' | '-' | '_'));
    (3..=40).contains(&username.chars().count()) && ok_chars
}

pub async fn team(db: &impl ConnectionTrait, coordinator: &staff::Model) -> Result<Team, DbErr> {
    let members = staff::Entity::find()
        .filter(staff::Column::StructureId.eq(coordinator.structure_id))
        .order_by_asc(staff::Column::DisplayName)
        .all(db)
        .await?;
    let (structure, phone) = structure::Entity::find_by_id(coordinator.structure_id)
        .one(db)
        .await?
        .map(|s| (s.name, s.phone))
        .unwrap_or_default();
    let learners = learner::Entity::find()
        .filter(learner::Column::StructureId.eq(coordinator.structure_id))
        .order_by_asc(learner::Column::FirstName)
        .all(db)
        .await?;
    let active: Vec<i32> = members
        .iter()
        .filter(|s| s.disabled_at.is_none())
        .map(|s| s.id)
        .collect();
    let invitations = invitation::Entity::find()
        .filter(invitation::Column::StructureId.eq(coordinator.structure_id))
        .filter(invitation::Column::UsedAt.is_null())
        .filter(invitation::Column::ExpiresAt.gt(now()))
        .order_by_asc(invitation::Column::ExpiresAt)
        .all(db)
        .await?
        .into_iter()
        .map(|i| PendingInvitation {
            id: i.id,
            for_name: i.display_name,
            expires: crate::text::dates::date_fr(i.expires_at),
        })
        .collect();
    Ok(Team {
        structure,
        phone,
        invitations,
        learners: learners
            .into_iter()
            .map(|l| TeamLearner {
                id: l.id,
                first_name: l.first_name,
                volunteer: l.volunteer_id.filter(|v| active.contains(v)),
            })
            .collect(),
        members: members
            .iter()
            .map(|s| TeamMember {
                id: s.id,
                disabled: s.disabled_at.is_some(),
                follows: s.disabled_at.is_none() && (s.is_volunteer || s.is_coordinator),
                name: s.display_name.clone(),
                username: s.username.clone(),
                roles: words::roles(s.is_volunteer, s.is_trainer, s.is_coordinator),
                is_me: s.id == coordinator.id,
            })
            .collect(),
    })
}

/// A French phone number as typed (spaces, dots, dashes allowed; `+33` or `0033` for the
/// leading 0), written `01 23 45 67 89`; `None` if it is not one.
pub fn normalize_phone(typed: &str) -> Option<String> {
    let kept: String = typed
        .chars()
        .filter(|c| !matches!(c, ' ' | '.' | '-' | '\u{a0}' | '(' | ')'))
        .collect();
    let national = if let Some(rest) = kept.strip_prefix("+33").or(kept.strip_prefix("0033")) {
        format!("0{}", rest.strip_prefix('0').unwrap_or(rest))
    } else {
        kept
    };
    let ok = national.len() == 10
        && national.starts_with('0')
        && !national.starts_with("00")
        && national.bytes().all(|b| b.is_ascii_digit());
    ok.then(|| {
        national
            .as_bytes()
            .chunks(2)
            .map(|pair| String::from_utf8_lossy(pair).into_owned())
            .collect::<Vec<_>>()
            .join(" ")
    })
}

/// What setting the structure's phone number gives.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PhoneSet {
    Saved,
    Removed,
    Invalid,
}

/// Sets (or, empty, removes) the phone number of the coordinator's structure.
pub async fn set_phone(
    db: &impl ConnectionTrait,
    coordinator: &staff::Model,
    typed: &str,
) -> Result<PhoneSet, DbErr> {
    let (phone, outcome) = if typed.trim().is_empty() {
        (None, PhoneSet::Removed)
    } else {
        match normalize_phone(typed) {
            Some(p) => (Some(p), PhoneSet::Saved),
            None => return Ok(PhoneSet::Invalid),
        }
    };
    structure::Entity::update_many()
        .col_expr(structure::Column::Phone, Expr::value(phone))
        .filter(structure::Column::Id.eq(coordinator.structure_id))
        .exec(db)
        .await?;
    Ok(outcome)
}

/// A new invitation (or a password reset link); returns the token for the link.
pub async fn invite(
    db: &impl ConnectionTrait,
    coordinator: &staff::Model,
    display_name: &str,
    roles: accounts::Roles,
    reset_of: Option<&staff::Model>,
) -> Result<String, DbErr> {
    invite_to(
        db,
        coordinator.structure_id,
        coordinator.id,
        display_name,
        roles,
        reset_of,
    )
    .await
}

/// A new invitation to structure `structure_id` made by `by` (its coordinator, or an
/// administrator of the programme naming its coordinator); returns the token for the link.
pub async fn invite_to(
    db: &impl ConnectionTrait,
    structure_id: i32,
    by: i32,
    display_name: &str,
    roles: accounts::Roles,
    reset_of: Option<&staff::Model>,
) -> Result<String, DbErr> {
    let token = auth::new_session_token();
    let at = now();
    invitation::ActiveModel {
        structure_id: Set(structure_id),
        token_hash: Set(auth::token_hash(&token)),
        staff_id: Set(reset_of.map(|s| s.id)),
        display_name: Set(display_name.trim().to_string()),
        is_volunteer: Set(roles.volunteer),
        is_trainer: Set(roles.trainer),
        is_coordinator: Set(roles.coordinator),
        created_by: Set(Some(by)),
        created_at: Set(at),
        expires_at: Set(at + INVITATION_DAYS * 86400),
        used_at: Set(None),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(token)
}

/// A member of the coordinator's structure.
pub async fn member(
    db: &impl ConnectionTrait,
    coordinator: &staff::Model,
    staff_id: i32,
) -> Result<Option<staff::Model>, DbErr> {
    staff::Entity::find_by_id(staff_id)
        .filter(staff::Column::StructureId.eq(coordinator.structure_id))
        .one(db)
        .await
}

/// Disables the account of a member of the coordinator's structure who left: their
/// sessions end at once, their open links (a password reset, an invitation) stop working,
/// and they can no longer sign in; their learners stay in the structure, to be given to
/// another volunteer. `None` if there is no such member (another
/// structure's id) or it is the coordinator themself.
pub async fn disable_member(
    db: &DatabaseConnection,
    coordinator: &staff::Model,
    staff_id: i32,
) -> Result<Option<UsersChanged<()>>, DbErr> {
    let Some(member) = member(db, coordinator, staff_id).await? else {
        return Ok(None);
    };
    if member.id == coordinator.id {
        return Ok(None);
    }
    let txn = db.begin_write().await?;
    staff::Entity::update_many()
        .col_expr(staff::Column::DisabledAt, Expr::value(now()))
        .filter(staff::Column::Id.eq(member.id))
        .filter(staff::Column::DisabledAt.is_null())
        .exec(&txn)
        .await?;
    auth_session::Entity::delete_many()
        .filter(auth_session::Column::StaffId.eq(member.id))
        .exec(&txn)
        .await?;
    // A link issued before would let them choose a new password and come back in.
    invitation::Entity::update_many()
        .col_expr(invitation::Column::UsedAt, Expr::value(now()))
        .filter(invitation::Column::StaffId.eq(member.id))
        .filter(invitation::Column::UsedAt.is_null())
        .exec(&txn)
        .await?;
    let changed = UsersChanged::new(&txn, (), Stale::Staff(member.id)).await?;
    txn.commit().await?;
    Ok(Some(changed))
}

/// Re-enables the account of a member of the coordinator's structure who was disabled:
/// they can sign in again with their password (or a new link from the coordinator). `None`
/// if there is no such member (another structure's id) or it is the coordinator themself;
/// an account already active is left as it is.
pub async fn enable_member(
    db: &DatabaseConnection,
    coordinator: &staff::Model,
    staff_id: i32,
) -> Result<Option<UsersChanged<()>>, DbErr> {
    let Some(member) = member(db, coordinator, staff_id).await? else {
        return Ok(None);
    };
    if member.id == coordinator.id {
        return Ok(None);
    }
    let txn = db.begin_write().await?;
    staff::Entity::update_many()
        .col_expr(staff::Column::DisabledAt, Expr::value(Option::<i64>::None))
        .filter(staff::Column::Id.eq(member.id))
        .filter(staff::Column::DisabledAt.is_not_null())
        .exec(&txn)
        .await?;
    let changed = UsersChanged::new(&txn, (), Stale::Staff(member.id)).await?;
    txn.commit().await?;
    Ok(Some(changed))
}

/// An active volunteer (or coordinator) of the coordinator's structure, who can follow
/// learners.
async fn follower(
    db: &impl ConnectionTrait,
    coordinator: &staff::Model,
    volunteer_id: i32,
) -> Result<Option<staff::Model>, DbErr> {
    Ok(member(db, coordinator, volunteer_id)
        .await?
        .filter(|v| v.disabled_at.is_none() && (v.is_volunteer || v.is_coordinator)))
}

/// Gives a learner of the coordinator's structure to another active volunteer of the same
/// structure. `false` if either is not of the structure (or the volunteer is disabled).
pub async fn move_learner(
    db: &impl ConnectionTrait,
    coordinator: &staff::Model,
    learner_id: i32,
    volunteer_id: i32,
) -> Result<bool, DbErr> {
    let Some(to) = follower(db, coordinator, volunteer_id).await? else {
        return Ok(false);
    };
    let moved = learner::Entity::update_many()
        .col_expr(learner::Column::VolunteerId, Expr::value(to.id))
        .col_expr(learner::Column::VolunteerSince, Expr::value(Some(now())))
        .filter(learner::Column::Id.eq(learner_id))
        .filter(learner::Column::StructureId.eq(coordinator.structure_id))
        .exec(db)
        .await?;
    Ok(moved.rows_affected == 1)
}

/// What handing all of a volunteer's learners to another did.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct HandedOver {
    /// Learners who follow the new volunteer now.
    pub learners: u64,
    /// Appointments to come now with the new volunteer.
    pub appointments: u64,
    /// Appointments to come the new volunteer already had a booking at the same time for:
    /// cancelled, so that their learner is on the "à rappeler" list.
    pub to_recall: u64,
}

/// When a volunteer's mission ends: every learner they follow goes to `to_id` (an active
/// volunteer of the structure), with their history, advised lessons and open help requests
/// (which are the learner's), and the volunteer's appointments to come go with them, in
/// one transaction. The learners' home page says who follows them since when. `None` if
/// either is not of the coordinator's structure, `to_id` is disabled or is `from_id`.
pub async fn hand_over(
    db: &DatabaseConnection,
    coordinator: &staff::Model,
    from_id: i32,
    to_id: i32,
) -> Result<Option<HandedOver>, DbErr> {
    use crate::model::agenda::Status;
    use crate::ssr::db::entities::appointment;
    if from_id == to_id {
        return Ok(None);
    }
    let (Some(from), Some(to)) = (
        member(db, coordinator, from_id).await?,
        follower(db, coordinator, to_id).await?,
    ) else {
        return Ok(None);
    };
    let at = now();
    let txn = db.begin_write().await?;
    let learners = learner::Entity::update_many()
        .col_expr(learner::Column::VolunteerId, Expr::value(to.id))
        .col_expr(learner::Column::VolunteerSince, Expr::value(Some(at)))
        .filter(learner::Column::VolunteerId.eq(from.id))
        .filter(learner::Column::StructureId.eq(coordinator.structure_id))
        .exec(&txn)
        .await?
        .rows_affected;
    let today = crate::text::dates::today_iso(at);
    let coming = appointment::Entity::find()
        .filter(appointment::Column::StructureId.eq(coordinator.structure_id))
        .filter(appointment::Column::StaffId.eq(from.id))
        .filter(appointment::Column::Status.eq(Status::Upcoming.code()))
        .filter(appointment::Column::Day.gte(today))
        .all(&txn)
        .await?;
    let mut done = HandedOver {
        learners,
        ..HandedOver::default()
    };
    for a in coming {
        // Each in its own (nested) transaction: a refused one must not spoil the others
        // (PostgreSQL). The unique key `ux_appointment_slot` refuses a time already booked.
        let attempt = txn.begin().await?;
        let moved = appointment::Entity::update_many()
            .col_expr(appointment::Column::StaffId, Expr::value(to.id))
            .filter(appointment::Column::Id.eq(a.id))
            .exec(&attempt)
            .await;
        match moved {
            Ok(_) => {
                attempt.commit().await?;
                done.appointments += 1;
            }
            Err(e) if crate::ssr::db::is_unique_violation(&e) => {
                attempt.rollback().await?;
                appointment::Entity::update_many()
                    .col_expr(
                        appointment::Column::Status,
                        Expr::value(Status::Cancelled.code()),
                    )
                    .col_expr(
                        appointment::Column::HoldsSlot,
                        Expr::value(Option::<bool>::None),
                    )
                    .filter(appointment::Column::Id.eq(a.id))
                    .exec(&txn)
                    .await?;
                done.to_recall += 1;
            }
            Err(e) => return Err(e),
        }
    }
    txn.commit().await?;
    Ok(Some(done))
}

/// Cancels a link of the coordinator's structure not used yet; `false` if there is none.
pub async fn cancel_invitation(
    db: &impl ConnectionTrait,
    coordinator: &staff::Model,
    invitation_id: i32,
) -> Result<bool, DbErr> {
    let done = invitation::Entity::update_many()
        .col_expr(invitation::Column::UsedAt, Expr::value(now()))
        .filter(invitation::Column::Id.eq(invitation_id))
        .filter(invitation::Column::StructureId.eq(coordinator.structure_id))
        .filter(invitation::Column::UsedAt.is_null())
        .exec(db)
        .await?;
    Ok(done.rows_affected == 1)
}

/// A usable invitation: not used, not expired.
pub async fn find(
    db: &impl ConnectionTrait,
    token: &str,
) -> Result<Option<invitation::Model>, DbErr> {
    invitation::Entity::find()
        .filter(invitation::Column::TokenHash.eq(auth::token_hash(token)))
        .filter(invitation::Column::UsedAt.is_null())
        .filter(invitation::Column::ExpiresAt.gt(now()))
        .one(db)
        .await
}

/// What the page of a link shows: `None` if it expired, was used or never existed. A
/// link for an account that was disabled says so (whether or not it was used up by the
/// disabling), with no form.
pub async fn page(db: &impl ConnectionTrait, token: &str) -> Result<Option<InvitationView>, DbErr> {
    let Some(inv) = invitation::Entity::find()
        .filter(invitation::Column::TokenHash.eq(auth::token_hash(token)))
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    let account = match inv.staff_id {
        Some(id) => staff::Entity::find_by_id(id).one(db).await?,
        None => None,
    };
    let disabled = account.as_ref().is_some_and(|s| s.disabled_at.is_some());
    if !disabled && (inv.used_at.is_some() || inv.expires_at <= now()) {
        return Ok(None);
    }
    let structure = structure::Entity::find_by_id(inv.structure_id)
        .one(db)
        .await?
        .map(|s| s.name)
        .unwrap_or_default();
    Ok(Some(InvitationView {
        display_name: inv.display_name,
        structure,
        reset: inv.staff_id.is_some(),
        username: account.map(|s| s.username),
        disabled,
    }))
}

/// What accepting an invitation gives.
#[derive(Debug)]
pub enum Accepted {
    Done(Box<staff::Model>),
    Invalid(Vec<FieldError>),
    /// Expired, used, or never existed.
    Gone,
    /// A link for an account that was disabled: it does not let anyone in.
    Disabled,
}

/// Creates the account (or sets the new password) and uses up the invitation; the password
/// is hashed with a turn at the password gate.
pub async fn accept(
    db: &DatabaseConnection,
    permit: auth::PasswordPermit,
    token: &str,
    username: &str,
    password: &str,
) -> Result<UsersChanged<Accepted>, DbErr> {
    let unchanged = |accepted| Ok(UsersChanged::unchanged(accepted));
    let Some(inv) = find(db, token).await? else {
        return unchanged(Accepted::Gone);
    };
    let existing = match inv.staff_id {
        Some(id) => staff::Entity::find_by_id(id).one(db).await?,
        None => None,
    };
    if existing.as_ref().is_some_and(|s| s.disabled_at.is_some()) {
        return unchanged(Accepted::Disabled);
    }
    let username = match &existing {
        Some(s) => s.username.clone(),
        None => username.trim().to_lowercase(),
    };
    let mut errors = Vec::new();
    if existing.is_none() {
        if !username_is_valid(&username) {
            errors.push(FieldError {
                field: "username".into(),
                problem: FieldProblem::BadUsername,
            });
        } else if accounts::find_staff_by_username(db, &username)
            .await?
            .is_some()
        {
            errors.push(FieldError {
                field: "username".into(),
                problem: FieldProblem::UsernameTaken,
            });
        }
    }
    let structure_name = structure::Entity::find_by_id(inv.structure_id)
        .one(db)
        .await?
        .map(|s| s.name)
        .unwrap_or_default();
    if let Some(problem) = password_problem(
        password,
        &username,
        &[inv.display_name.as_str(), structure_name.as_str()],
    ) {
        errors.push(FieldError {
            field: "password".into(),
            problem: FieldProblem::Password(problem),
        });
    }
    if !errors.is_empty() {
        return unchanged(Accepted::Invalid(errors));
    }
    let password = password.to_string();
    let hash = tokio::task::spawn_blocking(move || auth::hash_password(permit, &password))
        .await
        .map_err(|e| DbErr::Custom(format!("hashing task failed: {e}")))?
        .map_err(|e| DbErr::Custom(format!("cannot hash password: {e}")))?;
    let txn = db.begin_write().await?;
    // Use the invitation up first: two tabs accepting it at once cannot both succeed.
    let used = invitation::Entity::update_many()
        .col_expr(invitation::Column::UsedAt, Expr::value(now()))
        .filter(invitation::Column::Id.eq(inv.id))
        .filter(invitation::Column::UsedAt.is_null())
        .exec(&txn)
        .await?;
    if used.rows_affected == 0 {
        return unchanged(Accepted::Gone);
    }
    // A new password ends the member's other sessions.
    let stale = existing
        .as_ref()
        .map_or(Stale::Nobody, |s| Stale::Staff(s.id));
    let account = match existing {
        Some(mut s) => {
            // Only while the account is active: disabled meanwhile, nothing changes.
            let updated = staff::Entity::update_many()
                .col_expr(staff::Column::PasswordHash, Expr::value(hash.clone()))
                .filter(staff::Column::Id.eq(s.id))
                .filter(staff::Column::DisabledAt.is_null())
                .exec(&txn)
                .await?;
            if updated.rows_affected == 0 {
                txn.rollback().await?;
                return unchanged(Accepted::Disabled);
            }
            auth_session::Entity::delete_many()
                .filter(auth_session::Column::StaffId.eq(s.id))
                .exec(&txn)
                .await?;
            s.password_hash = hash;
            s
        }
        None => {
            staff::ActiveModel {
                structure_id: Set(inv.structure_id),
                username: Set(username),
                display_name: Set(inv.display_name.clone()),
                password_hash: Set(hash),
                is_volunteer: Set(inv.is_volunteer),
                is_trainer: Set(inv.is_trainer),
                is_coordinator: Set(inv.is_coordinator),
                created_at: Set(now()),
                ..Default::default()
            }
            .insert(&txn)
            .await?
        }
    };
    let changed = UsersChanged::new(&txn, Accepted::Done(Box::new(account)), stale).await?;
    txn.commit().await?;
    Ok(changed)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The problem as the page says it.
    fn password_problem(password: &str, username: &str, context: &[&str]) -> Option<String> {
        super::password_problem(password, username, context).map(words::password_problem)
    }

    fn username_problem(username: &str) -> Option<String> {
        (!username_is_valid(username)).then(|| words::field_problem(&FieldProblem::BadUsername))
    }

    #[test]
    fn password_policy() {
        assert!(
            password_problem("court", "x", &[])
                .unwrap()
                .contains("trop court")
        );
        assert!(
            password_problem("azertyuiop", "x", &[])
                .unwrap()
                .contains("trop courant")
        );
        assert!(
            password_problem("MotDePasse", "x", &[])
                .unwrap()
                .contains("trop courant")
        );
        assert!(
            password_problem("marie.dupont", "marie.dupont", &[])
                .unwrap()
                .contains("identifiant")
        );
        assert_eq!(password_problem("trois mots faciles", "marie", &[]), None);
    }

    #[test]
    fn weak_passwords_are_refused_with_what_to_do_next() {
        for weak in [
            "        ",
            "12341234",
            "azerty12",
            "qwertyui",
            "princess",
            "aaaaaaaaa",
            "01234567",
            "motdepasse123",
            "Azerty123!",
            "MarieDupont2024",
            "Entraide Nord 2026",
        ] {
            let problem =
                password_problem(weak, "marie.dupont", &["Marie Dupont", "Entraide Nord"])
                    .unwrap_or_else(|| panic!("{weak:?} accepted"));
            assert!(problem.contains("Choisissez"), "{weak:?}: {problem}");
        }
        for strong in ["cheval pomme lundi vélo", "la tortue boit du thé vert"] {
            assert_eq!(
                password_problem(strong, "marie.dupont", &["Marie Dupont"]),
                None
            );
        }
    }

    #[test]
    fn french_phone_numbers() {
        for (typed, stored) in [
            ("0123456789", "01 23 45 67 89"),
            ("01 23 45 67 89", "01 23 45 67 89"),
            ("01.23.45.67.89", "01 23 45 67 89"),
            ("06-12-34-56-78", "06 12 34 56 78"),
            ("+33 1 23 45 67 89", "01 23 45 67 89"),
            ("+33 (0)1 23 45 67 89", "01 23 45 67 89"),
            ("0033 6 12 34 56 78", "06 12 34 56 78"),
        ] {
            assert_eq!(normalize_phone(typed).as_deref(), Some(stored), "{typed}");
        }
        for wrong in [
            "123",
            "01234567890",
            "0123 45 67 8x",
            "1123456789",
            "appelez-nous",
        ] {
            assert_eq!(normalize_phone(wrong), None, "{wrong}");
        }
    }

    #[test]
    fn username_policy() {
        assert_eq!(username_problem("marie.dupont"), None);
        assert!(username_problem("Marie").is_some());
        assert!(username_problem("ma").is_some());
        assert!(username_problem("marie dupont").is_some());
    }
}
