//! A learner's optional attributes, for statistics only (issue 21, item 3): age band,
//! gender, situation and commune, each "non communiqué" (`None`) unless the learner says.
//! Set by a volunteer of the learner's structure, with the learner.

use sea_orm::{ActiveModelTrait, ConnectionTrait, DbErr, IntoActiveModel, Set};

use super::accounts;
use crate::model::{AgeBand, Gender, LearnerProfile, SocialStatus};
use crate::ssr::db::entities::{learner, staff};

pub const MAX_COMMUNE: usize = 100;

pub fn view(l: &learner::Model) -> LearnerProfile {
    LearnerProfile {
        id: l.id,
        first_name: l.first_name.clone(),
        age_band: l.age_band.as_deref().and_then(AgeBand::from_code),
        gender: l.gender.as_deref().and_then(Gender::from_code),
        status: l.social_status.as_deref().and_then(SocialStatus::from_code),
        commune: l.commune.clone().unwrap_or_default(),
        saved: false,
        commune_too_long: false,
    }
}

/// What the form sends: codes, or empty (or anything unknown) for "non communiqué".
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ProfileForm {
    pub age_band: String,
    pub gender: String,
    pub status: String,
    pub commune: String,
}

/// What saving gives.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ProfileSaved {
    Saved,
    CommuneTooLong,
    NotFound,
}

pub async fn save(
    db: &impl ConnectionTrait,
    me: &staff::Model,
    learner_id: i32,
    form: &ProfileForm,
) -> Result<ProfileSaved, DbErr> {
    let Some(l) = accounts::learner_for_staff(db, me, learner_id).await? else {
        return Ok(ProfileSaved::NotFound);
    };
    let commune = form.commune.trim();
    if commune.chars().count() > MAX_COMMUNE {
        return Ok(ProfileSaved::CommuneTooLong);
    }
    let mut row = l.into_active_model();
    row.age_band = Set(AgeBand::from_code(&form.age_band).map(|v| v.code().to_string()));
    row.gender = Set(Gender::from_code(&form.gender).map(|v| v.code().to_string()));
    row.social_status = Set(SocialStatus::from_code(&form.status).map(|v| v.code().to_string()));
    row.commune = Set((!commune.is_empty()).then(|| commune.to_string()));
    row.update(db).await?;
    Ok(ProfileSaved::Saved)
}
