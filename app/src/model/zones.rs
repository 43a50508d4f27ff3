//! What the zones and places page shows (`/benevole/equipe/zones`), and the outcomes of
//! its forms (the page says them in words).

use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ZonesView {
    pub structure: String,
    pub zones: Vec<ZoneView>,
    pub places: Vec<PlaceView>,
    /// The structure's active volunteers, to say who covers each zone.
    pub volunteers: Vec<(i32, String)>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ZoneView {
    pub id: i32,
    pub name: String,
    pub communes: Vec<CommuneView>,
    /// The ids of the volunteers who cover it.
    pub volunteers: Vec<i32>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CommuneView {
    pub id: i32,
    pub postcode: String,
    pub name: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlaceView {
    pub id: i32,
    pub name: String,
    pub address: String,
    /// The zone's name, if it has one.
    pub zone: Option<String>,
}

/// What a form of the page did or why it did nothing.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ZoneOutcome {
    ZoneAdded,
    ZoneRemoved,
    CommuneAdded,
    CommuneRemoved,
    VolunteersSaved,
    PlaceAdded,
    PlaceRemoved,
    /// A zone or place needs a name (at most 80 characters).
    NoName,
    /// Another zone of the structure has this name.
    ZoneExists,
    /// A postcode is five digits.
    BadPostcode,
    /// A commune needs its name.
    NoCommune,
    /// The commune is already in a zone of the structure (its name is shown).
    CommuneTaken,
    /// A place needs its address.
    NoAddress,
    /// Another place of the structure has this name.
    PlaceExists,
}

impl ZoneOutcome {
    /// Its code in the page's address (`?fait=…` or `?erreur=…`).
    pub fn code(self) -> &'static str {
        match self {
            Self::ZoneAdded => "zone-ajoutee",
            Self::ZoneRemoved => "zone-retiree",
            Self::CommuneAdded => "commune-ajoutee",
            Self::CommuneRemoved => "commune-retiree",
            Self::VolunteersSaved => "benevoles",
            Self::PlaceAdded => "lieu-ajoute",
            Self::PlaceRemoved => "lieu-retire",
            Self::NoName => "nom",
            Self::ZoneExists => "zone-existe",
            Self::BadPostcode => "code-postal",
            Self::NoCommune => "commune",
            Self::CommuneTaken => "commune-prise",
            Self::NoAddress => "adresse",
            Self::PlaceExists => "lieu-existe",
        }
    }

    pub const ALL: [Self; 14] = [
        Self::ZoneAdded,
        Self::ZoneRemoved,
        Self::CommuneAdded,
        Self::CommuneRemoved,
        Self::VolunteersSaved,
        Self::PlaceAdded,
        Self::PlaceRemoved,
        Self::NoName,
        Self::ZoneExists,
        Self::BadPostcode,
        Self::NoCommune,
        Self::CommuneTaken,
        Self::NoAddress,
        Self::PlaceExists,
    ];

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|o| o.code() == code)
    }

    /// Whether it is a refusal (shown as an error, the form's values kept).
    pub fn is_error(self) -> bool {
        !matches!(
            self,
            Self::ZoneAdded
                | Self::ZoneRemoved
                | Self::CommuneAdded
                | Self::CommuneRemoved
                | Self::VolunteersSaved
                | Self::PlaceAdded
                | Self::PlaceRemoved
        )
    }
}
