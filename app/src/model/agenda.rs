//! What the shared agenda shows (`/benevole/agenda`, issue 20 items 2 to 4): volunteers'
//! availability, free slots, appointments and their statuses, taking a call, the list of
//! people to call back, a learner's appointment slip. Services give codes and numbers; the
//! text module says them in French.

use serde::{Deserialize, Serialize};

/// How long one appointment slot lasts, in minutes.
pub const SLOT_MINUTES: i32 = 60;

/// The kind of an appointment.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Kind {
    /// At one of the structure's places.
    Place,
    /// At the person's home.
    Home,
    /// By phone.
    Phone,
    /// A group session at a place, with a capacity.
    Group,
}

impl Kind {
    pub const ALL: [Self; 4] = [Self::Place, Self::Home, Self::Phone, Self::Group];

    pub fn code(self) -> &'static str {
        match self {
            Self::Place => "lieu",
            Self::Home => "domicile",
            Self::Phone => "telephone",
            Self::Group => "groupe",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.code() == code)
    }
}

/// Where an appointment stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Status {
    Upcoming,
    Came,
    Excused,
    Cancelled,
    Absent,
}

impl Status {
    pub const ALL: [Self; 5] = [
        Self::Upcoming,
        Self::Came,
        Self::Excused,
        Self::Cancelled,
        Self::Absent,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Self::Upcoming => "a-venir",
            Self::Came => "venu",
            Self::Excused => "excuse",
            Self::Cancelled => "annule",
            Self::Absent => "absent",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.code() == code)
    }

    /// Whether the appointment keeps its slot (an excused or cancelled one frees it).
    pub fn holds_slot(self) -> bool {
        !matches!(self, Self::Excused | Self::Cancelled)
    }
}

/// How to reach the person who called.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Reach {
    Phone,
    /// Through a relative, whose phone is given.
    Relative,
    /// No phone: the slip is printed or read out.
    Nothing,
}

impl Reach {
    pub const ALL: [Self; 3] = [Self::Phone, Self::Relative, Self::Nothing];

    pub fn code(self) -> &'static str {
        match self {
            Self::Phone => "telephone",
            Self::Relative => "proche",
            Self::Nothing => "aucun",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|r| r.code() == code)
    }
}

/// The short choices of what a caller needs (the free text says the rest).
pub const NEEDS: [&str; 6] = [
    "ordinateur",
    "telephone",
    "email",
    "demarches",
    "arnaques",
    "photos",
];

/// A slot a volunteer is free at (one [`SLOT_MINUTES`] long).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SlotView {
    pub staff_id: i32,
    pub volunteer: String,
    /// `YYYY-MM-DD`.
    pub day: String,
    pub start: i32,
    pub end: i32,
    /// The place (id, name), or `None` for home visits.
    pub place: Option<(i32, String)>,
    /// The zones of a home visit slot, or the place's zone.
    pub zones: Vec<String>,
}

impl SlotView {
    /// The slot as a form sends it: `staff.day.start.place` (`d`: at home).
    pub fn key(&self) -> String {
        let place = self
            .place
            .as_ref()
            .map_or_else(|| "d".to_string(), |(id, _)| id.to_string());
        format!("{}.{}.{}.{place}", self.staff_id, self.day, self.start)
    }
}

/// A slot chosen in a form (see [`SlotView::key`]).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SlotKey {
    pub staff_id: i32,
    pub day: String,
    pub start: i32,
    pub place_id: Option<i32>,
}

impl SlotKey {
    pub fn parse(key: &str) -> Option<Self> {
        let mut parts = key.split('.');
        let staff_id = parts.next()?.parse().ok()?;
        let day = parts.next()?.to_string();
        let start = parts.next()?.parse().ok()?;
        let place_id = match parts.next()? {
            "d" => None,
            id => Some(id.parse().ok()?),
        };
        parts.next().is_none().then_some(Self {
            staff_id,
            day,
            start,
            place_id,
        })
    }
}

/// An appointment as the agenda lists it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AppointmentItem {
    pub id: i32,
    pub volunteer: String,
    pub kind: Kind,
    pub day: String,
    pub start: i32,
    pub end: i32,
    /// The place's name, if at a place.
    pub place: Option<String>,
    pub commune: String,
    /// The learner's first name (one-to-one appointments).
    pub first_name: Option<String>,
    pub status: Status,
    /// A group session: its capacity and how many are coming.
    pub capacity: Option<i32>,
    pub seats_taken: i32,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgendaDay {
    /// `YYYY-MM-DD`.
    pub day: String,
    pub appointments: Vec<AppointmentItem>,
    pub free: Vec<SlotView>,
}

/// `/benevole/agenda`: a week of the structure's agenda.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgendaWeekView {
    /// The week's Monday, the previous and next ones (`YYYY-MM-DD`).
    pub monday: String,
    pub previous: String,
    pub next: String,
    pub days: Vec<AgendaDay>,
    pub zones: Vec<(i32, String)>,
    pub volunteers: Vec<(i32, String)>,
    /// The filters in force.
    pub zone: Option<i32>,
    pub volunteer: Option<i32>,
}

/// One availability of the signed-in volunteer.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AvailabilityView {
    pub id: i32,
    /// 1 (Monday) to 7, or a day.
    pub weekday: Option<i32>,
    pub day: Option<String>,
    pub start: i32,
    pub end: i32,
    /// The place's name, or `None` for home visits.
    pub place: Option<String>,
    pub zones: Vec<String>,
    /// For the form that changes it: the place and the zones, by id.
    #[serde(default)]
    pub place_id: Option<i32>,
    #[serde(default)]
    pub zone_ids: Vec<i32>,
}

/// `/benevole/agenda/disponibilites`: my availability, my group sessions, my calendar link.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MyAgendaView {
    pub availability: Vec<AvailabilityView>,
    pub places: Vec<(i32, String)>,
    pub zones: Vec<(i32, String)>,
    /// The day (ISO) my secret calendar link was made, if I have one.
    pub feed_since: Option<String>,
    /// The secret link's address, only on the page shown just after making it (only its
    /// hash is stored).
    pub feed_link: Option<String>,
}

/// What the call form was given (kept as typed while it is fixed or a slot is chosen).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CallDraft {
    pub first_name: String,
    pub reach: String,
    pub phone: String,
    pub postcode: String,
    pub commune: String,
    pub needs: Vec<String>,
    pub note: String,
    pub availability: String,
    /// The kind of appointment wanted: empty (home or place), `domicile`, `lieu`,
    /// `telephone`.
    pub mode: String,
}

/// Why the call form came back.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum CallProblem {
    NoFirstName,
    NoReach,
    NoPhone,
    BadPostcode,
    /// The commune is in no zone of the structure (suggestions are shown).
    UnknownCommune,
    NoSlotChosen,
    /// Another volunteer booked the slot meanwhile.
    SlotTaken,
}

impl CallProblem {
    pub const ALL: [Self; 7] = [
        Self::NoFirstName,
        Self::NoReach,
        Self::NoPhone,
        Self::BadPostcode,
        Self::UnknownCommune,
        Self::NoSlotChosen,
        Self::SlotTaken,
    ];
}

/// `/benevole/appel`: the form, as typed, with its problems, the zone found and the next
/// free slots there.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CallView {
    pub draft: CallDraft,
    pub problems: Vec<CallProblem>,
    /// The zone of the commune, if found.
    pub zone: Option<String>,
    /// Communes of the structure close to the one typed (postcode, name).
    pub suggestions: Vec<(String, String)>,
    pub slots: Vec<SlotView>,
    /// Whether slots were looked for (the form was sent once).
    pub searched: bool,
    /// The form's one-time token.
    pub once: String,
}

/// `/benevole/agenda/rdv/{id}`: one appointment.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AppointmentView {
    pub item: AppointmentItem,
    pub learner_id: Option<i32>,
    /// The address of the place, if at a place.
    pub address: Option<String>,
    /// How to reach the person (from the call), if known.
    pub reach: Option<Reach>,
    pub phone: String,
    pub needs: Vec<String>,
    pub note: String,
    /// A group session: who is coming (learner id, first name).
    pub coming: Vec<(i32, String)>,
    /// Learners of the structure who could join a group session.
    pub learners: Vec<(i32, String)>,
}

/// The printable slip for the learner.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SlipView {
    pub first_name: String,
    pub day: String,
    pub start: i32,
    pub kind: Kind,
    /// The place's name and address (at a place or a group session).
    pub place: Option<(String, String)>,
    pub volunteer: String,
    pub structure: String,
    pub phone: Option<String>,
}

/// Why someone is on the "à rappeler" list.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum RecallReason {
    Absent,
    Cancelled,
    /// No slot suited when they called.
    Waiting,
    /// A session ended with "à recontacter" on this day.
    Recontact,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecallItem {
    pub reason: RecallReason,
    /// `appointment` or `call` and its id (what "rappelé" closes).
    pub appointment: Option<i32>,
    pub call: Option<i32>,
    /// Or the "à recontacter" said at the end of a session.
    #[serde(default)]
    pub recontact: Option<i32>,
    /// The learner, to book them a new appointment (a call waiting for a slot has one too).
    #[serde(default)]
    pub learner: Option<i32>,
    pub first_name: String,
    pub reach: Option<Reach>,
    pub phone: String,
    pub commune: String,
    /// The appointment's day, or the call's date (`YYYY-MM-DD`).
    pub day: String,
}

/// A person already followed, found by their first name.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LearnerChoice {
    pub id: i32,
    pub first_name: String,
    /// Their commune, as their profile or the call that brought them says (may be empty).
    pub commune: String,
}

/// `/benevole/agenda/reserver`: an appointment for someone already followed. Without a
/// learner chosen, the search by first name and who it found.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BookingView {
    pub search: String,
    pub found: Vec<LearnerChoice>,
    pub learner: Option<BookingFor>,
}

/// The slots proposed to one learner.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BookingFor {
    pub id: i32,
    pub first_name: String,
    /// What is already planned: their next appointment, or the day to call them back.
    pub planned: Option<crate::model::NextAppointment>,
    pub recontact: Option<String>,
    /// The kind wanted (see [`CallDraft::mode`]).
    pub mode: String,
    /// The zone the slots are in (`None`: every zone of the structure).
    pub zone: Option<i32>,
    /// Their own zone, as the agenda knows it.
    pub own_zone: Option<String>,
    /// The structure's zones (id, name), to look elsewhere.
    pub zones: Vec<(i32, String)>,
    pub slots: Vec<SlotView>,
    /// The form's one-time token.
    pub once: String,
}

/// What an agenda form did, or why it did nothing.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum AgendaOutcome {
    AvailabilityAdded,
    /// Changed; appointments already booked stay as they were.
    AvailabilityChanged,
    AvailabilityRemoved,
    GroupCreated,
    StatusSaved,
    SeatTaken,
    SeatFreed,
    Recalled,
    FeedMade,
    FeedRevoked,
    Booked,
    Waiting,
    /// The times are not a valid range (start before end, within a day).
    BadTimes,
    /// Neither a weekday nor a valid day.
    BadDay,
    /// A home-visit availability needs at least one zone.
    NoZone,
    /// A group session needs a capacity from 1 to 99.
    BadCapacity,
    /// The group session is full.
    Full,
    /// The learner is already coming.
    AlreadyComing,
    /// Back to "à venir", but the slot was booked meanwhile.
    SlotTaken,
    /// "Réserver" without a slot ticked.
    NoSlotChosen,
}

impl AgendaOutcome {
    pub const ALL: [Self; 20] = [
        Self::AvailabilityAdded,
        Self::AvailabilityChanged,
        Self::AvailabilityRemoved,
        Self::GroupCreated,
        Self::StatusSaved,
        Self::SeatTaken,
        Self::SeatFreed,
        Self::Recalled,
        Self::FeedMade,
        Self::FeedRevoked,
        Self::Booked,
        Self::Waiting,
        Self::BadTimes,
        Self::BadDay,
        Self::NoZone,
        Self::BadCapacity,
        Self::Full,
        Self::AlreadyComing,
        Self::SlotTaken,
        Self::NoSlotChosen,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Self::AvailabilityAdded => "disponibilite-ajoutee",
            Self::AvailabilityChanged => "disponibilite-modifiee",
            Self::AvailabilityRemoved => "disponibilite-retiree",
            Self::GroupCreated => "atelier-cree",
            Self::StatusSaved => "statut",
            Self::SeatTaken => "inscrit",
            Self::SeatFreed => "desinscrit",
            Self::Recalled => "rappele",
            Self::FeedMade => "lien-cree",
            Self::FeedRevoked => "lien-supprime",
            Self::Booked => "reserve",
            Self::Waiting => "en-attente",
            Self::BadTimes => "heures",
            Self::BadDay => "jour",
            Self::NoZone => "zone",
            Self::BadCapacity => "places",
            Self::Full => "complet",
            Self::AlreadyComing => "deja-inscrit",
            Self::SlotTaken => "creneau-pris",
            Self::NoSlotChosen => "choisir-creneau",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|o| o.code() == code)
    }

    pub fn is_error(self) -> bool {
        matches!(
            self,
            Self::BadTimes
                | Self::BadDay
                | Self::NoZone
                | Self::BadCapacity
                | Self::Full
                | Self::AlreadyComing
                | Self::SlotTaken
                | Self::NoSlotChosen
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_slot_key_comes_back_as_it_went() {
        let slot = SlotView {
            staff_id: 4,
            volunteer: "Camille".into(),
            day: "2026-12-08".into(),
            start: 600,
            end: 660,
            place: Some((3, "Médiathèque".into())),
            zones: vec![],
        };
        assert_eq!(
            SlotKey::parse(&slot.key()),
            Some(SlotKey {
                staff_id: 4,
                day: "2026-12-08".into(),
                start: 600,
                place_id: Some(3)
            })
        );
        assert_eq!(SlotKey::parse("4.2026-12-08.600.d").unwrap().place_id, None);
        assert_eq!(SlotKey::parse("4.2026-12-08.600"), None);
        assert_eq!(SlotKey::parse("x.2026-12-08.600.d"), None);
        for s in Status::ALL {
            assert_eq!(Status::from_code(s.code()), Some(s));
        }
        for o in AgendaOutcome::ALL {
            assert_eq!(AgendaOutcome::from_code(o.code()), Some(o));
        }
    }
}
