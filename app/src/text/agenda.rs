//! The words of the shared agenda (`/benevole/agenda`), taking a call (`/benevole/appel`),
//! the "à rappeler" list, an appointment, its slip and the calendar feed.

use super::dates;
use crate::model::agenda::{
    AgendaOutcome, AppointmentItem, CallProblem, Kind, Reach, RecallReason, SlotView, Status,
};

pub const TITLE: &str = "Agenda partagé";
pub const NAV: &str = "Agenda";
pub const INTRO: &str =
    "Les rendez-vous et les créneaux libres de toute l'équipe, semaine par semaine.";
pub const PREVIOUS_WEEK: &str = "Semaine précédente";
pub const NEXT_WEEK: &str = "Semaine suivante";
pub const THIS_WEEK: &str = "Cette semaine";
pub const FILTER: &str = "Afficher";
pub const FILTER_ZONE: &str = "Zone";
pub const FILTER_VOLUNTEER: &str = "Bénévole";
pub const ALL_ZONES: &str = "Toutes les zones";
pub const ALL_VOLUNTEERS: &str = "Toute l'équipe";
pub const APPOINTMENTS: &str = "Rendez-vous";
pub const FREE: &str = "Créneaux libres";
pub const NOTHING_THIS_DAY: &str = "Rien ce jour-là.";
pub const PRINT: &str = "Imprimer la semaine";
pub const TAKE_CALL: &str = "Prendre un appel";
pub const TO_RECALL_LINK: &str = "À rappeler";
pub const MY_AVAILABILITY_LINK: &str = "Mes disponibilités";
pub const OPEN: &str = "Ouvrir";

pub const MINE_TITLE: &str = "Mes disponibilités";
pub const MINE_INTRO: &str = "Dites quand vous pouvez recevoir ou rendre visite. Les créneaux libres apparaissent dans l'agenda partagé et sont proposés quand quelqu'un appelle.";
pub const NO_AVAILABILITY: &str = "Aucune disponibilité pour l'instant.";
pub const ADD_AVAILABILITY: &str = "Ajouter une disponibilité";
pub const EVERY_WEEK: &str = "Chaque semaine, le";
pub const OR_ONE_DAY: &str = "Ou un seul jour";
pub const ONE_DAY_HINT: &str = "Laissez vide pour une disponibilité de chaque semaine.";
pub const FROM: &str = "De";
pub const TO: &str = "À";
pub const WHERE: &str = "Où ?";
pub const AT_HOME: &str = "Visites à domicile";
pub const HOME_ZONES: &str = "Dans les zones (visites à domicile)";
pub const ADD_AVAILABILITY_SUBMIT: &str = "Ajouter";
pub const REMOVE: &str = "Retirer";
pub const NO_WEEKDAY: &str = "Choisir un jour";
pub const GROUP_TITLE: &str = "Créer un atelier collectif";
pub const GROUP_DAY: &str = "Jour";
pub const GROUP_PLACE: &str = "Lieu";
pub const GROUP_CAPACITY: &str = "Nombre de places";
pub const GROUP_SUBMIT: &str = "Créer l'atelier";
pub const NO_PLACE: &str =
    "Ajoutez d'abord un lieu (page « Zones et lieux », réservée à la coordination).";
pub const CHANGE: &str = "Modifier";
pub const CHANGE_AVAILABILITY: &str = "Modifier cette disponibilité";
pub const CHANGE_AVAILABILITY_HINT: &str =
    "Les rendez-vous déjà pris ne changent pas : s'il le faut, prévenez les personnes concernées.";
pub const CHANGE_AVAILABILITY_SUBMIT: &str = "Enregistrer les changements";
pub const CHANGE_CANCEL: &str = "Annuler";

/// The name of the link that changes an availability: "Modifier : chaque mardi, 14 h – 16 h".
pub fn change_availability(when: &str) -> String {
    format!("{CHANGE} : {when}")
}
pub const FEED_TITLE: &str = "Mon agenda sur mon téléphone";
pub const FEED_INTRO: &str = "Ajoutez ce lien secret à l'agenda de votre téléphone (« s'abonner à un calendrier ») : vos rendez-vous y apparaissent, avec les prénoms et les communes seulement. Ne le donnez à personne.";
pub const FEED_MAKE: &str = "Créer mon lien";
pub const FEED_RENEW: &str = "Changer de lien (l'ancien ne marchera plus)";
pub const FEED_REVOKE: &str = "Supprimer mon lien";
pub const FEED_SHOWN_ONCE: &str = "Copiez ce lien maintenant dans l'agenda de votre téléphone : pour votre sécurité, il ne sera plus affiché. Si vous le perdez, changez de lien.";

/// "Votre lien secret marche depuis le 3 décembre 2026. …"
pub fn feed_active_since(day: &str) -> String {
    format!(
        "Votre lien secret marche depuis le {}. Pour votre sécurité, il n'est plus affiché : pour l'ajouter à un autre téléphone, changez de lien.",
        dates::iso_date_fr(day)
    )
}
pub const FEED_NAME: &str = "Pas à Pas — mes rendez-vous";

pub const CALL_TITLE: &str = "Prendre un appel";
pub const CALL_INTRO: &str = "Notez la demande pendant l'appel, puis choisissez un créneau avec la personne. Un compte est créé pour elle à la réservation.";
pub const FIRST_NAME: &str = "Prénom";
pub const REACH: &str = "Comment la joindre ?";
pub const PHONE: &str = "Numéro de téléphone";
pub const PHONE_HINT: &str = "Le sien, ou celui du proche.";
pub const POSTCODE: &str = "Code postal";
pub const COMMUNE: &str = "Commune";
pub const NEEDS: &str = "Ce dont elle a besoin";
pub const NOTE: &str = "En quelques mots";
pub const AVAILABILITY: &str = "Quand est-elle disponible ?";
pub const AVAILABILITY_HINT: &str = "Par exemple : le matin, pas le mercredi.";
pub const MODE: &str = "Type de rendez-vous";
pub const MODE_ANY: &str = "À domicile ou dans un lieu proche";
pub const SEARCH: &str = "Voir les créneaux libres";
pub const SLOTS: &str = "Prochains créneaux libres";
pub const NO_SLOT: &str = "Aucun créneau libre dans les six semaines. Mettez la demande en attente : elle ira dans la liste « à rappeler ».";
pub const BOOK: &str = "Réserver ce créneau";
pub const WAIT: &str = "Mettre en attente (à rappeler)";
pub const SUGGESTIONS: &str = "Communes connues qui ressemblent :";

pub const APPOINTMENT_TITLE: &str = "Rendez-vous";
pub const STATUS: &str = "Statut";
pub const SAVE_STATUS: &str = "Enregistrer le statut";
pub const SLIP_LINK: &str = "Imprimer le papier du rendez-vous";
pub const COMING: &str = "Qui vient";
pub const NOBODY_COMING: &str = "Personne d'inscrit pour l'instant.";
pub const ADD_LEARNER: &str = "Inscrire";
pub const LEARNER: &str = "Apprenant";
pub const UNREGISTER: &str = "Désinscrire";
pub const BACK_TO_AGENDA: &str = "Retour à l'agenda";

pub const SLIP_TITLE: &str = "Votre rendez-vous";
pub const SLIP_PRINT: &str = "Imprimer";
pub const SLIP_KEEP: &str = "Gardez ce papier près du téléphone.";

pub const RECALL_TITLE: &str = "À rappeler";
pub const RECALL_INTRO: &str = "Les personnes absentes, celles dont le rendez-vous est annulé, et celles qui attendent un créneau. Personne n'est oublié.";
pub const RECALL_EMPTY: &str = "Personne à rappeler.";
pub const RECALL_DONE: &str = "C'est fait, je l'ai rappelée";

/// "Visite à domicile", "Au lieu", "Par téléphone", "Atelier collectif".
pub fn kind(k: Kind) -> &'static str {
    match k {
        Kind::Place => "Rendez-vous dans un lieu",
        Kind::Home => "Visite à domicile",
        Kind::Phone => "Par téléphone",
        Kind::Group => "Atelier collectif",
    }
}

pub fn status(s: Status) -> &'static str {
    match s {
        Status::Upcoming => "à venir",
        Status::Came => "venu",
        Status::Excused => "excusé",
        Status::Cancelled => "annulé",
        Status::Absent => "absent",
    }
}

pub fn reach(r: Reach) -> &'static str {
    match r {
        Reach::Phone => "Par téléphone",
        Reach::Relative => "Par un proche",
        Reach::Nothing => "Pas de téléphone",
    }
}

/// The words of a short need (`NEEDS` codes).
pub fn need(code: &str) -> &'static str {
    match code {
        "ordinateur" => "Se servir d'un ordinateur",
        "telephone" => "Se servir d'un téléphone ou d'une tablette",
        "email" => "Les e-mails",
        "demarches" => "Les démarches en ligne",
        "arnaques" => "Éviter les arnaques",
        "photos" => "Les photos, la famille",
        _ => "",
    }
}

pub fn mode(code: &str) -> &'static str {
    match code {
        "domicile" => "À domicile",
        "lieu" => "Dans un lieu",
        "telephone" => "Par téléphone",
        _ => MODE_ANY,
    }
}

/// "9 h – 10 h".
pub fn hours(start: i32, end: i32) -> String {
    format!("{} – {}", dates::time_fr(start), dates::time_fr(end))
}

/// "Semaine du lundi 7 décembre 2026".
pub fn week_of(monday: &str) -> String {
    format!("Semaine du {}", dates::day_with_weekday_fr(monday))
}

/// Where an appointment is: the place, or the commune for a home visit.
pub fn where_(a: &AppointmentItem) -> String {
    match (a.kind, &a.place) {
        (Kind::Phone, _) => "par téléphone".into(),
        (_, Some(p)) => p.clone(),
        (Kind::Home, None) if !a.commune.is_empty() => format!("à domicile, {}", a.commune),
        _ => "à domicile".into(),
    }
}

/// One line of the agenda: "Camille · Visite à domicile · Jeanne (à domicile, Morlaàs)".
pub fn appointment_line(a: &AppointmentItem) -> String {
    let who = match (a.kind, a.capacity, &a.first_name) {
        (Kind::Group, Some(c), _) => seats(a.seats_taken, c),
        (_, _, Some(name)) => name.clone(),
        _ => String::new(),
    };
    format!("{} · {} · {who} ({})", a.volunteer, kind(a.kind), where_(a))
}

/// "3 inscrits sur 8 places".
pub fn seats(taken: i32, capacity: i32) -> String {
    format!(
        "{taken} inscrit{} sur {capacity} place{}",
        if taken > 1 { "s" } else { "" },
        if capacity > 1 { "s" } else { "" }
    )
}

/// A free slot: "Camille · à domicile (Nord)" or "Camille · Médiathèque".
pub fn slot_line(s: &SlotView) -> String {
    match &s.place {
        Some((_, name)) => format!("{} · {name}", s.volunteer),
        None if s.zones.is_empty() => format!("{} · à domicile", s.volunteer),
        None => format!("{} · à domicile ({})", s.volunteer, s.zones.join(", ")),
    }
}

/// A proposed slot in the call form: "mardi 8 décembre 2026, 10 h – 11 h : Camille · …".
pub fn slot_choice(s: &SlotView) -> String {
    format!(
        "{}, {} : {}",
        dates::day_with_weekday_fr(&s.day),
        hours(s.start, s.end),
        slot_line(s)
    )
}

/// An availability: "chaque mardi, 9 h – 12 h" or "le mardi 8 décembre 2026, 9 h – 12 h".
pub fn availability_when(weekday: Option<i32>, day: Option<&str>, start: i32, end: i32) -> String {
    match (day, weekday) {
        (Some(d), _) => format!(
            "le {}, {}",
            dates::day_with_weekday_fr(d),
            hours(start, end)
        ),
        (None, Some(w)) => format!("chaque {}, {}", dates::weekday_fr(w), hours(start, end)),
        _ => hours(start, end),
    }
}

pub fn availability_where(place: Option<&str>, zones: &[String]) -> String {
    match place {
        Some(p) => p.to_string(),
        None => format!("{} : {}", AT_HOME, zones.join(", ")),
    }
}

/// The feed's event title: "Visite à domicile — Jeanne (Morlaàs)".
pub fn feed_summary(a: &AppointmentItem) -> String {
    match (&a.first_name, a.commune.is_empty()) {
        (Some(name), false) => format!("{} — {name} ({})", kind(a.kind), a.commune),
        (Some(name), true) => format!("{} — {name}", kind(a.kind)),
        (None, _) => kind(a.kind).to_string(),
    }
}

pub fn feed_location(a: &AppointmentItem) -> Option<String> {
    match (a.kind, &a.place) {
        (_, Some(p)) => Some(p.clone()),
        (Kind::Home, None) if !a.commune.is_empty() => Some(a.commune.clone()),
        _ => None,
    }
}

pub fn problem(p: CallProblem) -> &'static str {
    match p {
        CallProblem::NoFirstName => "Écrivez le prénom de la personne (60 caractères au plus).",
        CallProblem::NoReach => "Dites comment joindre la personne.",
        CallProblem::NoPhone => {
            "Écrivez un numéro de téléphone à 10 chiffres, par exemple 05 59 00 00 00."
        }
        CallProblem::BadPostcode => "Le code postal a 5 chiffres, par exemple 64160.",
        CallProblem::UnknownCommune => {
            "Cette commune n'est dans aucune zone de la structure. Vérifiez l'orthographe, ou choisissez une commune proche."
        }
        CallProblem::NoSlotChosen => "Choisissez un créneau, ou mettez la demande en attente.",
        CallProblem::SlotTaken => {
            "Ce créneau vient d'être pris par un autre bénévole. Voici les prochains créneaux libres : choisissez-en un autre."
        }
    }
}

/// "Zone : Nord" once the commune is known.
pub fn zone_found(zone: &str) -> String {
    format!("Zone : {zone}")
}

pub fn recall_reason(r: RecallReason) -> &'static str {
    match r {
        RecallReason::Absent => "Absent au rendez-vous",
        RecallReason::Cancelled => "Rendez-vous annulé",
        RecallReason::Waiting => "Attend un créneau",
        RecallReason::Recontact => "À recontacter",
    }
}

/// Why and since when someone is on the list: "Absent au rendez-vous · 8 décembre 2026",
/// "À recontacter à partir du 15 décembre 2026".
pub fn recall_line(reason: RecallReason, day: &str) -> String {
    match reason {
        RecallReason::Recontact => format!(
            "{} à partir du {}",
            recall_reason(reason),
            dates::iso_date_fr(day)
        ),
        _ => format!("{} · {}", recall_reason(reason), dates::iso_date_fr(day)),
    }
}

/// How to reach someone on the list: "Par un proche : 06 …".
pub fn recall_reach(r: Option<Reach>, phone: &str) -> String {
    match r {
        Some(Reach::Nothing) | None => reach(Reach::Nothing).to_string(),
        Some(r) => format!("{} : {phone}", reach(r)),
    }
}

/// The slip's sentences.
pub fn slip_when(day: &str, start: i32) -> String {
    format!(
        "Le {}, à {}",
        dates::day_with_weekday_fr(day),
        dates::time_fr(start)
    )
}

pub fn slip_where(kind: Kind, place: Option<&(String, String)>) -> String {
    match (kind, place) {
        (Kind::Phone, _) => "Par téléphone : on vous appelle.".into(),
        (_, Some((name, address))) => format!("À : {name}, {address}"),
        _ => "À domicile : on vient chez vous.".into(),
    }
}

pub fn slip_who(volunteer: &str) -> String {
    format!("Avec : {volunteer}")
}

pub fn slip_phone(structure: &str, phone: Option<&str>) -> String {
    match phone {
        Some(p) => format!("Un empêchement ? Appelez {structure} au {p}."),
        None => format!("Un empêchement ? Prévenez {structure}."),
    }
}

pub fn outcome(o: AgendaOutcome) -> &'static str {
    match o {
        AgendaOutcome::AvailabilityAdded => "La disponibilité est ajoutée.",
        AgendaOutcome::AvailabilityChanged => {
            "La disponibilité est modifiée. Les rendez-vous déjà pris restent comme ils étaient."
        }
        AgendaOutcome::AvailabilityRemoved => "La disponibilité est retirée.",
        AgendaOutcome::GroupCreated => "L'atelier est créé.",
        AgendaOutcome::StatusSaved => "Le statut est enregistré.",
        AgendaOutcome::SeatTaken => "La personne est inscrite.",
        AgendaOutcome::SeatFreed => "La personne est désinscrite.",
        AgendaOutcome::Recalled => "C'est noté : la personne a été rappelée.",
        AgendaOutcome::FeedMade => "Votre lien est prêt.",
        AgendaOutcome::FeedRevoked => "Votre lien est supprimé : il ne marche plus.",
        AgendaOutcome::Booked => "Le rendez-vous est réservé.",
        AgendaOutcome::Waiting => {
            "La demande est enregistrée, en attente d'un créneau : elle est dans la liste « à rappeler »."
        }
        AgendaOutcome::BadTimes => {
            "Les heures ne vont pas : l'heure de fin vient après celle du début, au moins une heure après."
        }
        AgendaOutcome::BadDay => "Choisissez un jour de la semaine, ou une date.",
        AgendaOutcome::NoZone => "Pour des visites à domicile, cochez au moins une zone.",
        AgendaOutcome::BadCapacity => "Le nombre de places va de 1 à 99.",
        AgendaOutcome::Full => "L'atelier est complet.",
        AgendaOutcome::AlreadyComing => "Cette personne est déjà inscrite.",
        AgendaOutcome::SlotTaken => "Ce créneau vient d'être pris : il n'est plus libre.",
        AgendaOutcome::NoSlotChosen => "Choisissez un créneau.",
    }
}

pub const BOOK_TITLE: &str = "Rendez-vous pour une personne déjà suivie";
pub const BOOK_LINK: &str = "Rendez-vous pour une personne suivie";
/// On a learner's page.
pub const BOOK_APPOINTMENT: &str = "Prendre rendez-vous";
pub const BOOK_INTRO: &str = "Une personne déjà suivie rappelle, ou elle est dans la liste « à rappeler » : cherchez-la par son prénom, puis choisissez un créneau avec elle.";
pub const BOOK_SEARCH: &str = "Prénom de la personne";
pub const BOOK_SEARCH_HINT: &str = "Quelques lettres suffisent.";
pub const BOOK_SEARCH_SUBMIT: &str = "Chercher";
pub const BOOK_FOUND: &str = "Personnes trouvées";
pub const BOOK_NEW_PERSON: &str = "Pour une personne qui appelle pour la première fois, prenez un appel : un compte est créé pour elle à la réservation.";
pub const BOOK_OTHER_PERSON: &str = "Chercher une autre personne";
pub const BOOK_ZONE: &str = "Zone";
pub const BOOK_NO_SLOT: &str = "Aucun créneau libre dans les six semaines pour ce choix. Essayez un autre type de rendez-vous, ou toutes les zones.";
pub const BOOK_ALREADY: &str = "Déjà prévu";
pub const BOOK_UNKNOWN_ZONE: &str =
    "Sa zone n'est pas encore connue : les créneaux de toutes les zones sont proposés.";
pub const BOOK_CALLED_BACK: &str = "En réservant, la personne sort de la liste « à rappeler ».";

/// "Rendez-vous pour Yvette".
pub fn book_for(first_name: &str) -> String {
    format!("Rendez-vous pour {first_name}")
}

/// "Prendre rendez-vous pour Yvette" (a link, read by screen readers with the name).
pub fn book_link(first_name: &str) -> String {
    format!("Prendre rendez-vous pour {first_name}")
}

/// A person found: "Yvette — Morlaàs", or the first name alone.
pub fn found_person(first_name: &str, commune: &str) -> String {
    if commune.is_empty() {
        first_name.to_string()
    } else {
        format!("{first_name} — {commune}")
    }
}

/// Nobody found: "Personne ne s'appelle « Yvette » dans la structure."
pub fn nobody_found(search: &str) -> String {
    format!("Personne ne s'appelle « {search} » dans la structure.")
}

/// Their zone as the agenda knows it: "Sa zone : Nord".
pub fn own_zone(zone: &str) -> String {
    format!("Sa zone : {zone}")
}

/// What the booking page says after a refusal: a slot taken comes with the next free ones.
pub fn booking_outcome(o: AgendaOutcome) -> &'static str {
    match o {
        AgendaOutcome::SlotTaken => problem(CallProblem::SlotTaken),
        other => outcome(other),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_outcome_and_problem_has_words() {
        for o in AgendaOutcome::ALL {
            assert!(!outcome(o).is_empty());
        }
        for p in CallProblem::ALL {
            assert!(!problem(p).is_empty());
        }
        for n in crate::model::agenda::NEEDS {
            assert!(!need(n).is_empty(), "{n}");
        }
        assert_eq!(seats(1, 1), "1 inscrit sur 1 place");
        assert_eq!(seats(3, 8), "3 inscrits sur 8 places");
        assert_eq!(
            availability_when(Some(2), None, 540, 720),
            "chaque mardi, 9 h – 12 h"
        );
    }
}
