//! A structure's team: staff, invitations, learners and who follows them.

use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TeamMember {
    pub id: i32,
    /// The account was disabled (the person left).
    pub disabled: bool,
    /// Can follow learners (a volunteer or a coordinator, not disabled).
    pub follows: bool,
    pub name: String,
    pub username: String,
    /// "bénévole, formateur"
    pub roles: String,
    pub is_me: bool,
}

/// The coordinator's page: the structure's staff.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Team {
    pub structure: String,
    /// The structure's phone number, printed on hand-off sheets.
    pub phone: Option<String>,
    pub members: Vec<TeamMember>,
    /// The structure's learners, to give one to another volunteer.
    pub learners: Vec<TeamLearner>,
    /// Invitation and reset links not used yet and not expired.
    pub invitations: Vec<PendingInvitation>,
}

/// A link sent and not used yet, which a coordinator may cancel.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PendingInvitation {
    pub id: i32,
    pub for_name: String,
    /// "1er décembre 2026"
    pub expires: String,
}

/// A learner of the structure on the team page, with who follows them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TeamLearner {
    pub id: i32,
    pub first_name: String,
    /// The volunteer's id, if followed by an active one.
    pub volunteer: Option<i32>,
}

/// An invitation link, shown once to the coordinator who made it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvitationLink {
    pub url: String,
    pub for_name: String,
    pub expires: String,
    pub reset: bool,
}

/// The page an invitation link opens.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvitationView {
    pub display_name: String,
    pub structure: String,
    /// A password reset (no identifier to choose).
    pub reset: bool,
    pub username: Option<String>,
    /// The account was disabled: the link does not let anyone in.
    pub disabled: bool,
}

/// A structure a learner may move to: another structure of the programme.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MoveChoice {
    pub id: i32,
    pub name: String,
    /// Its territory's name, if it has one.
    pub territory: Option<String>,
}

/// `/benevole/apprenants/{id}/demenagement`: a coordinator moves a learner who moves house
/// to another structure, with the learner's consent.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MoveView {
    pub learner_id: i32,
    pub first_name: String,
    /// The coordinator's structure.
    pub structure: String,
    pub choices: Vec<MoveChoice>,
    /// The structure chosen when the form came back refused.
    pub chosen: Option<i32>,
    /// The form came back because the consent box was not ticked.
    pub no_consent: bool,
    /// The form's one-time token.
    pub once: String,
}
