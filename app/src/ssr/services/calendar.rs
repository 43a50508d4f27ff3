//! A volunteer's appointments as an iCalendar (RFC 5545), for their phone's calendar: the
//! `icalendar` crate writes it (escaping, line folding). Times are given in UTC (no time
//! zone table needed by the phone); nothing personal but first names and communes.

use icalendar::{Calendar, Component, Event, EventLike};

use crate::model::agenda::AppointmentItem;
use crate::text::{agenda as words, dates};

fn utc(day: &str, minute: i32) -> Option<chrono::DateTime<chrono::Utc>> {
    chrono::DateTime::from_timestamp(dates::paris_to_unix(day, minute)?, 0)
}

/// The calendar of `items` (a volunteer's appointments).
pub fn ics(items: &[AppointmentItem]) -> String {
    let mut calendar = Calendar::new();
    calendar.name(words::FEED_NAME);
    for a in items {
        let (Some(start), Some(end)) = (utc(&a.day, a.start), utc(&a.day, a.end)) else {
            continue;
        };
        let mut event = Event::new();
        event
            .uid(&format!("rdv-{}@pas-a-pas", a.id))
            .summary(&words::feed_summary(a))
            .starts(start)
            .ends(end)
            .timestamp(start);
        if let Some(place) = words::feed_location(a) {
            event.location(&place);
        }
        calendar.push(event.done());
    }
    calendar.done().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::agenda::{Kind, Status};

    #[test]
    fn an_appointment_becomes_an_event_in_utc_with_first_name_and_commune_only() {
        let item = AppointmentItem {
            id: 7,
            volunteer: "Camille".into(),
            kind: Kind::Home,
            day: "2026-12-08".into(),
            start: 600,
            end: 660,
            place: None,
            commune: "Morlaàs".into(),
            first_name: Some("Jeanne".into()),
            status: Status::Upcoming,
            capacity: None,
            seats_taken: 0,
        };
        let ics = ics(&[item]);
        assert!(ics.starts_with("BEGIN:VCALENDAR"), "{ics}");
        assert!(ics.contains("UID:rdv-7@pas-a-pas"), "{ics}");
        assert!(ics.contains("DTSTART:20261208T090000Z"), "{ics}");
        assert!(ics.contains("DTEND:20261208T100000Z"), "{ics}");
        assert!(ics.contains("Jeanne"), "{ics}");
        assert!(ics.contains("Morlaàs"), "{ics}");
    }
}
