//! The shared agenda (issue 20, items 2 to 4): volunteers' availability, the free slots it
//! makes, appointments and their statuses, taking a call and booking it, the "à rappeler"
//! list, group sessions, the learner's slip and each volunteer's calendar feed.
//!
//! Everything is the signed-in person's structure's: an id of another structure is "not
//! found" (`None`). A slot is booked by inserting the appointment: the unique key
//! `ux_appointment_slot` (volunteer, day, start, holds the slot) refuses the second of two
//! bookings made at once, never a read before the insert.

use std::collections::{BTreeMap, BTreeSet};

use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait,
    QueryFilter, QueryOrder, QuerySelect, Set, TransactionTrait,
};
use time::{Date, Duration, Month};

use crate::model::agenda::{
    AgendaDay, AgendaOutcome, AgendaWeekView, AppointmentItem, AppointmentView, AvailabilityView,
    CallDraft, CallProblem, Kind, MyAgendaView, NEEDS, Reach, RecallItem, RecallReason,
    SLOT_MINUTES, SlipView, SlotKey, SlotView, Status,
};
use crate::ssr::content::slug;
use crate::ssr::db::WriteTransaction as _;
use crate::ssr::db::entities::{
    appointment, appointment_seat, availability, availability_zone, calendar_feed, help_call,
    learner, place, staff, structure, zone_commune,
};
use crate::ssr::db::now;
use crate::ssr::services::{accounts, zones};
use crate::text::dates;

/// How far ahead the call form looks for free slots, in days.
pub const LOOK_AHEAD_DAYS: i64 = 42;
/// How many free slots the call form proposes.
pub const PROPOSED_SLOTS: usize = 6;
/// The largest group session.
pub const MAX_CAPACITY: i32 = 99;

// ---------------------------------------------------------------- days and times

/// `YYYY-MM-DD` → a date.
pub fn parse_day(iso: &str) -> Option<Date> {
    let mut parts = iso.trim().splitn(3, '-');
    let y = parts.next()?.parse::<i32>().ok()?;
    let m = parts.next()?.parse::<u8>().ok()?;
    let d = parts.next()?.parse::<u8>().ok()?;
    Date::from_calendar_date(y, Month::try_from(m).ok()?, d).ok()
}

pub fn iso(d: Date) -> String {
    format!("{:04}-{:02}-{:02}", d.year(), u8::from(d.month()), d.day())
}

/// The Monday of the week of `d`.
pub fn monday_of(d: Date) -> Date {
    d - Duration::days(i64::from(d.weekday().number_days_from_monday()))
}

/// `HH:MM` → minutes after midnight.
pub fn parse_time(hhmm: &str) -> Option<i32> {
    let (h, m) = hhmm.trim().split_once(':')?;
    let (h, m) = (h.parse::<i32>().ok()?, m.parse::<i32>().ok()?);
    ((0..24).contains(&h) && (0..60).contains(&m)).then_some(h * 60 + m)
}

/// Today in France and the minute of the day.
fn today() -> (Date, i32) {
    let (day, minute) = dates::paris_now(now());
    (parse_day(&day).unwrap_or(Date::MIN), minute)
}

// ---------------------------------------------------------------- what the structure has

/// The structure's names: volunteers, zones, places (id → name, place → zone).
struct Names {
    volunteers: BTreeMap<i32, String>,
    zones: BTreeMap<i32, String>,
    places: BTreeMap<i32, place::Model>,
}

impl Names {
    async fn of(db: &impl ConnectionTrait, structure_id: i32) -> Result<Self, DbErr> {
        let volunteers = staff::Entity::find()
            .filter(staff::Column::StructureId.eq(structure_id))
            .filter(staff::Column::IsVolunteer.eq(true))
            .filter(staff::Column::DisabledAt.is_null())
            .order_by_asc(staff::Column::DisplayName)
            .all(db)
            .await?
            .into_iter()
            .map(|s| (s.id, s.display_name))
            .collect();
        let zones = zones::names(db, structure_id).await?.into_iter().collect();
        let places = place::Entity::find()
            .filter(place::Column::StructureId.eq(structure_id))
            .all(db)
            .await?
            .into_iter()
            .map(|p| (p.id, p))
            .collect();
        Ok(Self {
            volunteers,
            zones,
            places,
        })
    }

    fn sorted(map: &BTreeMap<i32, String>) -> Vec<(i32, String)> {
        let mut v: Vec<(i32, String)> = map.iter().map(|(k, v)| (*k, v.clone())).collect();
        v.sort_by_key(|a| a.1.to_lowercase());
        v
    }

    fn place_name(&self, id: Option<i32>) -> Option<String> {
        id.and_then(|id| self.places.get(&id))
            .map(|p| p.name.clone())
    }
}

/// An availability with its zones (a home visit's, or its place's).
struct Window {
    row: availability::Model,
    zones: Vec<i32>,
}

impl Window {
    fn on(&self, day: Date) -> bool {
        match (&self.row.day, self.row.weekday) {
            (Some(d), _) => parse_day(d) == Some(day),
            (None, Some(w)) => i32::from(day.weekday().number_from_monday()) == w,
            (None, None) => false,
        }
    }

    fn starts(&self) -> impl Iterator<Item = i32> + '_ {
        (self.row.start_minute..=self.row.end_minute - SLOT_MINUTES).step_by(SLOT_MINUTES as usize)
    }
}

/// The active volunteers' availability of a structure, with the zones each applies to.
async fn windows(
    db: &impl ConnectionTrait,
    structure_id: i32,
    names: &Names,
) -> Result<Vec<Window>, DbErr> {
    let rows = availability::Entity::find()
        .filter(availability::Column::StructureId.eq(structure_id))
        .order_by_asc(availability::Column::StartMinute)
        .all(db)
        .await?;
    let ids: Vec<i32> = rows.iter().map(|r| r.id).collect();
    let mut zones: BTreeMap<i32, Vec<i32>> = BTreeMap::new();
    for z in availability_zone::Entity::find()
        .filter(availability_zone::Column::AvailabilityId.is_in(ids))
        .all(db)
        .await?
    {
        zones.entry(z.availability_id).or_default().push(z.zone_id);
    }
    Ok(rows
        .into_iter()
        .filter(|r| names.volunteers.contains_key(&r.staff_id))
        .map(|row| {
            let zones = match row.place_id {
                Some(p) => names
                    .places
                    .get(&p)
                    .and_then(|p| p.zone_id)
                    .into_iter()
                    .collect(),
                None => zones.remove(&row.id).unwrap_or_default(),
            };
            Window { row, zones }
        })
        .collect())
}

/// The slots booked between two days: (volunteer, day) → the minutes taken.
async fn booked(
    db: &impl ConnectionTrait,
    structure_id: i32,
    from: Date,
    to: Date,
) -> Result<BTreeMap<(i32, String), Vec<(i32, i32)>>, DbErr> {
    let mut taken: BTreeMap<(i32, String), Vec<(i32, i32)>> = BTreeMap::new();
    // Only the four columns a slot needs: a busy territory books thousands of slots.
    let rows: Vec<(i32, String, i32, i32)> = appointment::Entity::find()
        .select_only()
        .column(appointment::Column::StaffId)
        .column(appointment::Column::Day)
        .column(appointment::Column::StartMinute)
        .column(appointment::Column::EndMinute)
        .filter(appointment::Column::StructureId.eq(structure_id))
        .filter(appointment::Column::Day.gte(iso(from)))
        .filter(appointment::Column::Day.lte(iso(to)))
        .filter(appointment::Column::HoldsSlot.eq(true))
        .into_tuple()
        .all(db)
        .await?;
    for (staff_id, day, start, end) in rows {
        taken.entry((staff_id, day)).or_default().push((start, end));
    }
    Ok(taken)
}

/// What a free slot must be: the kind wanted and the zone.
#[derive(Clone, Copy, Debug, Default)]
struct Wanted {
    zone: Option<i32>,
    volunteer: Option<i32>,
    /// `Some(true)`: home visits only; `Some(false)`: places only.
    home: Option<bool>,
}

impl Wanted {
    /// A slot of the kind `mode` (see [`CallDraft::mode`]: `domicile`, `lieu`,
    /// `telephone`, or anything else for either at home or at a place) in `zone`. A phone
    /// appointment may be with anyone, wherever they are.
    fn for_mode(zone: Option<i32>, mode: &str) -> Self {
        match mode {
            "telephone" => Wanted::default(),
            "domicile" => Wanted {
                zone,
                home: Some(true),
                ..Wanted::default()
            },
            "lieu" => Wanted {
                zone,
                home: Some(false),
                ..Wanted::default()
            },
            _ => Wanted {
                zone,
                ..Wanted::default()
            },
        }
    }

    /// The kind of appointment a slot found for `mode` makes.
    fn kind(mode: &str, slot: &SlotView) -> Kind {
        match (mode, &slot.place) {
            ("telephone", _) => Kind::Phone,
            (_, Some(_)) => Kind::Place,
            (_, None) => Kind::Home,
        }
    }
}

/// The free slots of `days`, for what is wanted, after `after` (a day and minute).
fn free_slots(
    windows: &[Window],
    taken: &BTreeMap<(i32, String), Vec<(i32, i32)>>,
    names: &Names,
    days: impl Iterator<Item = Date>,
    wanted: Wanted,
    after: (Date, i32),
) -> Vec<SlotView> {
    let mut out = Vec::new();
    for day in days {
        let day_iso = iso(day);
        let mut of_day: Vec<SlotView> = Vec::new();
        for w in windows.iter().filter(|w| w.on(day)) {
            if wanted.volunteer.is_some_and(|v| v != w.row.staff_id)
                || wanted.zone.is_some_and(|z| !w.zones.contains(&z))
                || wanted.home.is_some_and(|h| h != w.row.place_id.is_none())
            {
                continue;
            }
            let busy = taken.get(&(w.row.staff_id, day_iso.clone()));
            for start in w.starts() {
                let end = start + SLOT_MINUTES;
                if (day, start) <= after
                    || busy.is_some_and(|b| b.iter().any(|(s, e)| *s < end && start < *e))
                    || of_day
                        .iter()
                        .any(|s| s.staff_id == w.row.staff_id && s.start == start)
                {
                    continue;
                }
                of_day.push(SlotView {
                    staff_id: w.row.staff_id,
                    volunteer: names
                        .volunteers
                        .get(&w.row.staff_id)
                        .cloned()
                        .unwrap_or_default(),
                    day: day_iso.clone(),
                    start,
                    end,
                    place: w
                        .row
                        .place_id
                        .and_then(|p| names.places.get(&p).map(|pl| (p, pl.name.clone()))),
                    zones: w
                        .zones
                        .iter()
                        .filter_map(|z| names.zones.get(z).cloned())
                        .collect(),
                });
            }
        }
        of_day.sort_by(|a, b| (a.start, &a.volunteer).cmp(&(b.start, &b.volunteer)));
        out.extend(of_day);
    }
    out
}

/// Appointments as the agenda lists them (two queries whatever their number).
async fn items(
    db: &impl ConnectionTrait,
    names: &Names,
    rows: Vec<appointment::Model>,
) -> Result<Vec<AppointmentItem>, DbErr> {
    let learner_ids: Vec<i32> = rows.iter().filter_map(|a| a.learner_id).collect();
    let first_names: BTreeMap<i32, String> = learner::Entity::find()
        .filter(learner::Column::Id.is_in(learner_ids))
        .all(db)
        .await?
        .into_iter()
        .map(|l| (l.id, l.first_name))
        .collect();
    let groups: Vec<i32> = rows
        .iter()
        .filter(|a| a.capacity.is_some())
        .map(|a| a.id)
        .collect();
    let mut seats: BTreeMap<i32, i32> = BTreeMap::new();
    for s in appointment_seat::Entity::find()
        .filter(appointment_seat::Column::AppointmentId.is_in(groups))
        .all(db)
        .await?
    {
        *seats.entry(s.appointment_id).or_default() += 1;
    }
    Ok(rows
        .into_iter()
        .map(|a| AppointmentItem {
            id: a.id,
            volunteer: names
                .volunteers
                .get(&a.staff_id)
                .cloned()
                .unwrap_or_default(),
            kind: Kind::from_code(&a.kind).unwrap_or(Kind::Place),
            day: a.day,
            start: a.start_minute,
            end: a.end_minute,
            place: names.place_name(a.place_id),
            commune: a.commune,
            first_name: a.learner_id.and_then(|l| first_names.get(&l).cloned()),
            status: Status::from_code(&a.status).unwrap_or(Status::Upcoming),
            capacity: a.capacity,
            seats_taken: seats.get(&a.id).copied().unwrap_or(0),
        })
        .collect())
}

// ---------------------------------------------------------------- the week

/// A week of the structure's agenda (`monday`: any day of it; `None`: this week), filtered
/// by zone and volunteer (another structure's ids match nothing).
pub async fn week(
    db: &DatabaseConnection,
    me: &staff::Model,
    day: Option<&str>,
    zone_filter: Option<i32>,
    volunteer_filter: Option<i32>,
) -> Result<AgendaWeekView, DbErr> {
    let names = Names::of(db, me.structure_id).await?;
    let zone_filter = zone_filter.filter(|z| names.zones.contains_key(z));
    let volunteer_filter = volunteer_filter.filter(|v| names.volunteers.contains_key(v));
    let (today, minute) = today();
    let monday = monday_of(day.and_then(parse_day).unwrap_or(today));
    let sunday = monday + Duration::days(6);
    let windows = windows(db, me.structure_id, &names).await?;
    let taken = booked(db, me.structure_id, monday, sunday).await?;
    let wanted = Wanted {
        zone: zone_filter,
        volunteer: volunteer_filter,
        home: None,
    };
    let free = free_slots(
        &windows,
        &taken,
        &names,
        (0..7).map(|i| monday + Duration::days(i)),
        wanted,
        (today, minute),
    );
    let mut query = appointment::Entity::find()
        .filter(appointment::Column::StructureId.eq(me.structure_id))
        .filter(appointment::Column::Day.gte(iso(monday)))
        .filter(appointment::Column::Day.lte(iso(sunday)))
        .order_by_asc(appointment::Column::Day)
        .order_by_asc(appointment::Column::StartMinute);
    if let Some(v) = volunteer_filter {
        query = query.filter(appointment::Column::StaffId.eq(v));
    }
    if let Some(z) = zone_filter {
        query = query.filter(appointment::Column::ZoneId.eq(z));
    }
    let appointments = items(db, &names, query.all(db).await?).await?;
    let days = (0..7)
        .map(|i| {
            let day = iso(monday + Duration::days(i));
            AgendaDay {
                appointments: appointments
                    .iter()
                    .filter(|a| a.day == day)
                    .cloned()
                    .collect(),
                free: free.iter().filter(|s| s.day == day).cloned().collect(),
                day,
            }
        })
        .collect();
    Ok(AgendaWeekView {
        monday: iso(monday),
        previous: iso(monday - Duration::days(7)),
        next: iso(monday + Duration::days(7)),
        days,
        zones: Names::sorted(&names.zones),
        volunteers: Names::sorted(&names.volunteers),
        zone: zone_filter,
        volunteer: volunteer_filter,
    })
}

// ---------------------------------------------------------------- my availability

/// My availability and my calendar link; `fresh_token`: the link's token just made, shown
/// this once (only its hash is stored).
pub async fn mine(
    db: &DatabaseConnection,
    me: &staff::Model,
    public_origin: &str,
    fresh_token: Option<&str>,
) -> Result<MyAgendaView, DbErr> {
    let names = Names::of(db, me.structure_id).await?;
    let availability = windows(db, me.structure_id, &names)
        .await?
        .into_iter()
        .filter(|w| w.row.staff_id == me.id)
        .map(|w| AvailabilityView {
            id: w.row.id,
            weekday: w.row.weekday,
            day: w.row.day.clone(),
            start: w.row.start_minute,
            end: w.row.end_minute,
            place: names.place_name(w.row.place_id),
            zones: w
                .zones
                .iter()
                .filter_map(|z| names.zones.get(z).cloned())
                .collect(),
            place_id: w.row.place_id,
            zone_ids: w.zones.to_vec(),
        })
        .collect();
    let feed_since = calendar_feed::Entity::find_by_id(me.id)
        .one(db)
        .await?
        .map(|f| dates::today_iso(f.created_at));
    let feed_link =
        fresh_token.map(|t| format!("{public_origin}{}", crate::paths::calendar_feed(t)));
    let mut places: Vec<(i32, String)> = names
        .places
        .values()
        .map(|p| (p.id, p.name.clone()))
        .collect();
    places.sort_by(|a, b| a.1.cmp(&b.1));
    Ok(MyAgendaView {
        availability,
        places,
        zones: Names::sorted(&names.zones),
        feed_link: feed_since.as_ref().and(feed_link),
        feed_since,
    })
}

/// An availability as its form gives it: `weekday` 1–7 or `day`; at `place_id`, or at
/// home in `zone_ids`.
#[derive(Clone, Copy, Debug)]
pub struct AvailabilityForm<'a> {
    pub weekday: Option<i32>,
    pub day: Option<&'a str>,
    pub start: &'a str,
    pub end: &'a str,
    pub place_id: Option<i32>,
    pub zone_ids: &'a [i32],
}

/// Saves an availability of mine: a new one, or (`editing`) one of mine changed —
/// appointments already booked in it stay as they were. `None`: a place, a zone or an
/// availability of someone else.
pub async fn save_availability(
    db: &DatabaseConnection,
    me: &staff::Model,
    editing: Option<i32>,
    form: AvailabilityForm<'_>,
) -> Result<Option<AgendaOutcome>, DbErr> {
    // Mine, or nothing is said about it (whoever asks).
    let created_at = match editing {
        None => now(),
        Some(id) => {
            let mine = availability::Entity::find_by_id(id)
                .filter(availability::Column::StaffId.eq(me.id))
                .filter(availability::Column::StructureId.eq(me.structure_id))
                .one(db)
                .await?;
            match mine {
                Some(a) => a.created_at,
                None => return Ok(None),
            }
        }
    };
    let names = Names::of(db, me.structure_id).await?;
    if form
        .place_id
        .is_some_and(|p| !names.places.contains_key(&p))
        || form.zone_ids.iter().any(|z| !names.zones.contains_key(z))
    {
        return Ok(None);
    }
    let day = match (form.weekday, form.day.filter(|d| !d.trim().is_empty())) {
        (_, Some(d)) => match parse_day(d) {
            Some(d) => Some(iso(d)),
            None => return Ok(Some(AgendaOutcome::BadDay)),
        },
        (Some(1..=7), None) => None,
        _ => return Ok(Some(AgendaOutcome::BadDay)),
    };
    let (Some(start), Some(end)) = (parse_time(form.start), parse_time(form.end)) else {
        return Ok(Some(AgendaOutcome::BadTimes));
    };
    if end - start < SLOT_MINUTES {
        return Ok(Some(AgendaOutcome::BadTimes));
    }
    if form.place_id.is_none() && form.zone_ids.is_empty() {
        return Ok(Some(AgendaOutcome::NoZone));
    }
    let txn = db.begin_write().await?;
    let mut row = availability::ActiveModel {
        structure_id: Set(me.structure_id),
        staff_id: Set(me.id),
        weekday: Set(if day.is_some() { None } else { form.weekday }),
        day: Set(day),
        start_minute: Set(start),
        end_minute: Set(end),
        place_id: Set(form.place_id),
        created_at: Set(created_at),
        ..Default::default()
    };
    let (id, outcome) = match editing {
        None => (row.insert(&txn).await?.id, AgendaOutcome::AvailabilityAdded),
        Some(id) => {
            row.id = Set(id);
            match row.update(&txn).await {
                Ok(_) => {}
                // Removed meanwhile (in another tab).
                Err(DbErr::RecordNotUpdated) => return Ok(None),
                Err(e) => return Err(e),
            }
            availability_zone::Entity::delete_many()
                .filter(availability_zone::Column::AvailabilityId.eq(id))
                .exec(&txn)
                .await?;
            (id, AgendaOutcome::AvailabilityChanged)
        }
    };
    if form.place_id.is_none() {
        let zone_ids: BTreeSet<i32> = form.zone_ids.iter().copied().collect();
        availability_zone::Entity::insert_many(zone_ids.into_iter().map(|zone_id| {
            availability_zone::ActiveModel {
                availability_id: Set(id),
                zone_id: Set(zone_id),
            }
        }))
        .exec_without_returning(&txn)
        .await?;
    }
    txn.commit().await?;
    Ok(Some(outcome))
}

pub async fn remove_availability(
    db: &DatabaseConnection,
    me: &staff::Model,
    id: i32,
) -> Result<Option<AgendaOutcome>, DbErr> {
    let txn = db.begin_write().await?;
    let mine = availability::Entity::find_by_id(id)
        .one(&txn)
        .await?
        .filter(|a| a.staff_id == me.id && a.structure_id == me.structure_id);
    if mine.is_none() {
        return Ok(None);
    }
    availability_zone::Entity::delete_many()
        .filter(availability_zone::Column::AvailabilityId.eq(id))
        .exec(&txn)
        .await?;
    availability::Entity::delete_by_id(id).exec(&txn).await?;
    txn.commit().await?;
    Ok(Some(AgendaOutcome::AvailabilityRemoved))
}

// ---------------------------------------------------------------- taking a call

/// A call's form checked: the problems, the zone found (id, name) and close communes.
pub struct Checked {
    pub problems: Vec<CallProblem>,
    pub zone: Option<(i32, String)>,
    pub suggestions: Vec<(String, String)>,
}

/// Checks what the call form says (the slot aside).
pub async fn check_call(
    db: &impl ConnectionTrait,
    structure_id: i32,
    draft: &CallDraft,
) -> Result<Checked, DbErr> {
    let mut problems = Vec::new();
    let name = draft.first_name.trim();
    if name.is_empty() || name.chars().count() > 60 {
        problems.push(CallProblem::NoFirstName);
    }
    match Reach::from_code(&draft.reach) {
        None => problems.push(CallProblem::NoReach),
        Some(Reach::Phone | Reach::Relative) if phone(&draft.phone).is_none() => {
            problems.push(CallProblem::NoPhone)
        }
        _ => {}
    }
    let mut zone = None;
    let mut suggestions = Vec::new();
    match zones::postcode(&draft.postcode) {
        None => problems.push(CallProblem::BadPostcode),
        Some(code) => {
            zone = zones::zone_of(db, structure_id, &code, &draft.commune).await?;
            if zone.is_none() {
                problems.push(CallProblem::UnknownCommune);
                suggestions = close_communes(db, structure_id, &code, &draft.commune).await?;
            }
        }
    }
    Ok(Checked {
        problems,
        zone,
        suggestions,
    })
}

/// A phone number: 10 digits (spaces, dots and dashes ignored) or an international one.
pub fn phone(typed: &str) -> Option<String> {
    let kept: String = typed
        .chars()
        .filter(|c| !matches!(c, ' ' | '.' | '-'))
        .collect();
    let digits = kept.trim_start_matches('+');
    (digits.len() >= 10 && digits.len() <= 15 && digits.chars().all(|c| c.is_ascii_digit()))
        .then_some(typed.trim().to_string())
}

/// The structure's communes with the same postcode, or whose name starts like the one
/// typed: at most 5.
async fn close_communes(
    db: &impl ConnectionTrait,
    structure_id: i32,
    postcode: &str,
    name: &str,
) -> Result<Vec<(String, String)>, DbErr> {
    let key = slug::slugify(name);
    let prefix: String = key.chars().take(3).collect();
    let all = zone_commune::Entity::find()
        .filter(zone_commune::Column::StructureId.eq(structure_id))
        .order_by_asc(zone_commune::Column::NameKey)
        .all(db)
        .await?;
    Ok(all
        .into_iter()
        .filter(|c| {
            c.postcode == postcode || (!prefix.is_empty() && c.name_key.starts_with(&prefix))
        })
        .take(5)
        .map(|c| (c.postcode, c.name))
        .collect())
}

/// The next free slots in a zone for the kind wanted (`mode`, see [`CallDraft::mode`]).
pub async fn next_slots(
    db: &impl ConnectionTrait,
    structure_id: i32,
    zone_id: Option<i32>,
    mode: &str,
    count: usize,
) -> Result<Vec<SlotView>, DbErr> {
    let wanted = Wanted::for_mode(zone_id, mode);
    if wanted.zone.is_none() && mode != "telephone" {
        return Ok(Vec::new());
    }
    first_free(db, structure_id, wanted, count).await
}

/// The first `count` free slots of the look-ahead for what is `wanted`: one query for the
/// booked slots (four columns each), then day after day until there are enough.
async fn first_free(
    db: &impl ConnectionTrait,
    structure_id: i32,
    wanted: Wanted,
    count: usize,
) -> Result<Vec<SlotView>, DbErr> {
    let names = Names::of(db, structure_id).await?;
    let (today, minute) = today();
    let windows = windows(db, structure_id, &names).await?;
    let taken = booked(
        db,
        structure_id,
        today,
        today + Duration::days(LOOK_AHEAD_DAYS),
    )
    .await?;
    let mut slots = Vec::new();
    for i in 0..=LOOK_AHEAD_DAYS {
        if slots.len() >= count {
            break;
        }
        let day = today + Duration::days(i);
        slots.extend(free_slots(
            &windows,
            &taken,
            &names,
            std::iter::once(day),
            wanted,
            (today, minute),
        ));
    }
    slots.truncate(count);
    Ok(slots)
}

/// What booking a call did.
#[derive(Debug, PartialEq, Eq)]
pub enum Booking {
    /// The appointment made.
    Booked(i32),
    /// No slot: the call is kept, waiting for one (its learner's id).
    Waiting(i32),
    /// Someone booked the slot meanwhile, or it is no longer free: nothing is saved.
    Taken,
}

/// Records a call: its learner account, the call, and (with `slot`) the appointment, all
/// in `db` (the form token's transaction: nothing is kept if the slot is taken). The
/// draft must have passed [`check_call`] (`zone` is what it found).
pub async fn book_call(
    db: &(impl ConnectionTrait + TransactionTrait),
    me: &staff::Model,
    draft: &CallDraft,
    zone_id: Option<i32>,
    slot: Option<&SlotKey>,
) -> Result<Booking, DbErr> {
    let names = Names::of(db, me.structure_id).await?;
    let chosen = match slot {
        None => None,
        Some(key) => {
            let wanted = Wanted::for_mode(zone_id, &draft.mode);
            match offered(db, me.structure_id, &names, key, wanted).await? {
                Some(s) => Some(s),
                None => return Ok(Booking::Taken),
            }
        }
    };
    let referent = chosen.as_ref().map_or(me.id, |s| s.staff_id);
    let learner =
        accounts::create_learner(db, me.structure_id, Some(referent), &draft.first_name, None)
            .await?;
    let call = help_call::ActiveModel {
        structure_id: Set(me.structure_id),
        learner_id: Set(learner.id),
        first_name: Set(draft.first_name.trim().to_string()),
        reach: Set(draft.reach.clone()),
        phone: Set(if draft.reach == Reach::Nothing.code() {
            String::new()
        } else {
            draft.phone.trim().to_string()
        }),
        postcode: Set(zones::postcode(&draft.postcode).unwrap_or_default()),
        commune: Set(draft
            .commune
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")),
        zone_id: Set(zone_id),
        needs: Set(draft
            .needs
            .iter()
            .filter(|n| NEEDS.contains(&n.as_str()))
            .cloned()
            .collect::<Vec<_>>()
            .join(",")),
        note: Set(draft.note.trim().to_string()),
        availability: Set(draft.availability.trim().to_string()),
        waiting: Set(chosen.is_none()),
        created_by: Set(me.id),
        created_at: Set(now()),
        ..Default::default()
    }
    .insert(db)
    .await?;
    let Some(slot) = chosen else {
        return Ok(Booking::Waiting(learner.id));
    };
    let kind = Wanted::kind(&draft.mode, &slot);
    let booked = NewBooking {
        slot: &slot,
        kind,
        zone_id,
        learner_id: learner.id,
        call_id: Some(call.id),
        commune: call.commune.clone(),
    };
    Ok(match insert_booking(db, me, &names, booked).await? {
        Some(id) => Booking::Booked(id),
        None => Booking::Taken,
    })
}

/// The slot `key` if the agenda offers it now (an availability of an active volunteer of
/// the structure, of the kind and zone `wanted`, still free and to come): a read that only
/// refuses; the unique key `ux_appointment_slot` decides between two bookings.
async fn offered(
    db: &impl ConnectionTrait,
    structure_id: i32,
    names: &Names,
    key: &SlotKey,
    wanted: Wanted,
) -> Result<Option<SlotView>, DbErr> {
    let Some(day) = parse_day(&key.day) else {
        return Ok(None);
    };
    let windows = windows(db, structure_id, names).await?;
    let taken = booked(db, structure_id, day, day).await?;
    Ok(free_slots(
        &windows,
        &taken,
        names,
        std::iter::once(day),
        Wanted {
            volunteer: Some(key.staff_id),
            ..wanted
        },
        today(),
    )
    .into_iter()
    .find(|s| s.start == key.start && s.place.as_ref().map(|p| p.0) == key.place_id))
}

/// An appointment to insert for a slot [`offered`] found.
struct NewBooking<'a> {
    slot: &'a SlotView,
    kind: Kind,
    /// The learner's zone (a place's own zone wins).
    zone_id: Option<i32>,
    learner_id: i32,
    call_id: Option<i32>,
    commune: String,
}

/// Inserts a booked slot's appointment; `None`: the unique key `ux_appointment_slot`
/// refused it (someone booked it meanwhile), nothing inserted.
async fn insert_booking(
    db: &impl ConnectionTrait,
    me: &staff::Model,
    names: &Names,
    b: NewBooking<'_>,
) -> Result<Option<i32>, DbErr> {
    let place_id = b.slot.place.as_ref().map(|p| p.0);
    let appointment_zone = place_id
        .and_then(|p| names.places.get(&p))
        .and_then(|p| p.zone_id)
        .or(b.zone_id);
    let inserted = appointment::Entity::insert(appointment::ActiveModel {
        structure_id: Set(me.structure_id),
        staff_id: Set(b.slot.staff_id),
        kind: Set(b.kind.code().to_string()),
        place_id: Set(if b.kind == Kind::Place {
            place_id
        } else {
            None
        }),
        zone_id: Set(appointment_zone),
        day: Set(b.slot.day.clone()),
        start_minute: Set(b.slot.start),
        end_minute: Set(b.slot.end),
        holds_slot: Set(Some(true)),
        capacity: Set(None),
        learner_id: Set(Some(b.learner_id)),
        call_id: Set(b.call_id),
        commune: Set(b.commune),
        status: Set(Status::Upcoming.code().to_string()),
        recalled_at: Set(None),
        created_by: Set(me.id),
        created_at: Set(now()),
        ..Default::default()
    })
    .exec(db)
    .await;
    match inserted {
        Ok(done) => Ok(Some(done.last_insert_id)),
        Err(e) if crate::ssr::db::is_unique_violation(&e) => Ok(None),
        Err(e) => Err(e),
    }
}

/// The next free slots of a zone of the kind `mode` (see [`Wanted::for_mode`]; `None`: the
/// whole structure's), for a session's "prochaine visite" or a learner's new appointment.
pub async fn slots_in_zone(
    db: &impl ConnectionTrait,
    structure_id: i32,
    zone_id: Option<i32>,
    mode: &str,
    count: usize,
) -> Result<Vec<SlotView>, DbErr> {
    first_free(db, structure_id, Wanted::for_mode(zone_id, mode), count).await
}

/// Books the slot `key` of the kind `mode` for a learner of my structure (a session's
/// "prochaine visite", or a new appointment from the agenda), in `db` (the caller's
/// transaction). The slot must be one [`slots_in_zone`] offers now (a read that only
/// refuses); the unique key `ux_appointment_slot` decides between two bookings. `None`:
/// taken meanwhile, or no longer free (nothing is inserted).
pub async fn book_for_learner(
    db: &impl ConnectionTrait,
    me: &staff::Model,
    learner: &learner::Model,
    zone_id: Option<i32>,
    mode: &str,
    key: &SlotKey,
) -> Result<Option<i32>, DbErr> {
    let names = Names::of(db, me.structure_id).await?;
    let wanted = Wanted::for_mode(zone_id, mode);
    let Some(slot) = offered(db, me.structure_id, &names, key, wanted).await? else {
        return Ok(None);
    };
    let kind = Wanted::kind(mode, &slot);
    // Their commune: their profile's, or the one of the call that brought them.
    let commune = match learner.commune.clone().filter(|c| !c.trim().is_empty()) {
        Some(c) => c,
        None => help_call::Entity::find()
            .filter(help_call::Column::StructureId.eq(me.structure_id))
            .filter(help_call::Column::LearnerId.eq(learner.id))
            .order_by_desc(help_call::Column::Id)
            .one(db)
            .await?
            .map(|c| c.commune)
            .unwrap_or_default(),
    };
    let booked = NewBooking {
        slot: &slot,
        kind,
        zone_id,
        learner_id: learner.id,
        call_id: None,
        commune,
    };
    insert_booking(db, me, &names, booked).await
}

// ---------------------------------------------------------------- one appointment

async fn my_appointment(
    db: &impl ConnectionTrait,
    me: &staff::Model,
    id: i32,
) -> Result<Option<appointment::Model>, DbErr> {
    Ok(appointment::Entity::find_by_id(id)
        .one(db)
        .await?
        .filter(|a| a.structure_id == me.structure_id))
}

pub async fn appointment(
    db: &DatabaseConnection,
    me: &staff::Model,
    id: i32,
) -> Result<Option<AppointmentView>, DbErr> {
    let Some(row) = my_appointment(db, me, id).await? else {
        return Ok(None);
    };
    let names = Names::of(db, me.structure_id).await?;
    let call = match row.call_id {
        Some(c) => help_call::Entity::find_by_id(c).one(db).await?,
        None => None,
    };
    let address = row
        .place_id
        .and_then(|p| names.places.get(&p))
        .map(|p| p.address.clone());
    let learner_id = row.learner_id;
    let is_group = row.capacity.is_some();
    let (coming, learners) = if is_group {
        let seats = appointment_seat::Entity::find()
            .filter(appointment_seat::Column::AppointmentId.eq(id))
            .order_by_asc(appointment_seat::Column::Seat)
            .all(db)
            .await?;
        let all: Vec<(i32, String)> = learner::Entity::find()
            .filter(learner::Column::StructureId.eq(me.structure_id))
            .order_by_asc(learner::Column::FirstName)
            .all(db)
            .await?
            .into_iter()
            .map(|l| (l.id, l.first_name))
            .collect();
        let coming: Vec<(i32, String)> = seats
            .iter()
            .filter_map(|s| all.iter().find(|(id, _)| *id == s.learner_id).cloned())
            .collect();
        let others = all
            .into_iter()
            .filter(|(id, _)| !seats.iter().any(|s| s.learner_id == *id))
            .collect();
        (coming, others)
    } else {
        (Vec::new(), Vec::new())
    };
    let item = items(db, &names, vec![row]).await?.remove(0);
    Ok(Some(AppointmentView {
        item,
        learner_id,
        address,
        reach: call.as_ref().and_then(|c| Reach::from_code(&c.reach)),
        phone: call.as_ref().map(|c| c.phone.clone()).unwrap_or_default(),
        needs: call
            .as_ref()
            .map(|c| {
                c.needs
                    .split(',')
                    .filter(|n| !n.is_empty())
                    .map(str::to_string)
                    .collect()
            })
            .unwrap_or_default(),
        note: call.map(|c| c.note).unwrap_or_default(),
        coming,
        learners,
    }))
}

/// Sets an appointment's status. Excused or cancelled frees its slot; back to "à venir"
/// takes it again unless someone booked it meanwhile ([`AgendaOutcome::SlotTaken`]).
pub async fn set_status(
    db: &DatabaseConnection,
    me: &staff::Model,
    id: i32,
    status: Status,
) -> Result<Option<AgendaOutcome>, DbErr> {
    let Some(row) = my_appointment(db, me, id).await? else {
        return Ok(None);
    };
    let mut row: appointment::ActiveModel = row.into();
    row.status = Set(status.code().to_string());
    row.holds_slot = Set(status.holds_slot().then_some(true));
    // Off the "à rappeler" list until it is absent or cancelled again.
    row.recalled_at = Set(None);
    match row.update(db).await {
        Ok(_) => Ok(Some(AgendaOutcome::StatusSaved)),
        Err(e) if crate::ssr::db::is_unique_violation(&e) => Ok(Some(AgendaOutcome::SlotTaken)),
        Err(e) => Err(e),
    }
}

/// A group session of mine at a place: `capacity` seats.
pub async fn create_group(
    db: &DatabaseConnection,
    me: &staff::Model,
    place_id: i32,
    day: &str,
    start: &str,
    end: &str,
    capacity: &str,
) -> Result<Option<(AgendaOutcome, Option<i32>)>, DbErr> {
    let names = Names::of(db, me.structure_id).await?;
    let Some(place) = names.places.get(&place_id) else {
        return Ok(None);
    };
    let Some(day) = parse_day(day) else {
        return Ok(Some((AgendaOutcome::BadDay, None)));
    };
    let (Some(start), Some(end)) = (parse_time(start), parse_time(end)) else {
        return Ok(Some((AgendaOutcome::BadTimes, None)));
    };
    if end <= start {
        return Ok(Some((AgendaOutcome::BadTimes, None)));
    }
    let Some(capacity) = capacity
        .trim()
        .parse::<i32>()
        .ok()
        .filter(|c| (1..=MAX_CAPACITY).contains(c))
    else {
        return Ok(Some((AgendaOutcome::BadCapacity, None)));
    };
    let inserted = appointment::Entity::insert(appointment::ActiveModel {
        structure_id: Set(me.structure_id),
        staff_id: Set(me.id),
        kind: Set(Kind::Group.code().to_string()),
        place_id: Set(Some(place_id)),
        zone_id: Set(place.zone_id),
        day: Set(iso(day)),
        start_minute: Set(start),
        end_minute: Set(end),
        holds_slot: Set(Some(true)),
        capacity: Set(Some(capacity)),
        learner_id: Set(None),
        call_id: Set(None),
        commune: Set(String::new()),
        status: Set(Status::Upcoming.code().to_string()),
        recalled_at: Set(None),
        created_by: Set(me.id),
        created_at: Set(now()),
        ..Default::default()
    })
    .exec(db)
    .await;
    match inserted {
        Ok(done) => Ok(Some((
            AgendaOutcome::GroupCreated,
            Some(done.last_insert_id),
        ))),
        Err(e) if crate::ssr::db::is_unique_violation(&e) => {
            Ok(Some((AgendaOutcome::SlotTaken, None)))
        }
        Err(e) => Err(e),
    }
}

/// A learner of the structure joins a group session: the first free seat, each seat a
/// primary key (two joining at once never share one, nor pass the capacity).
pub async fn join_group(
    db: &DatabaseConnection,
    me: &staff::Model,
    id: i32,
    learner_id: i32,
) -> Result<Option<AgendaOutcome>, DbErr> {
    let Some(group) = my_appointment(db, me, id).await? else {
        return Ok(None);
    };
    let Some(capacity) = group.capacity else {
        return Ok(None);
    };
    if accounts::learner_for_staff(db, me, learner_id)
        .await?
        .is_none()
    {
        return Ok(None);
    }
    for seat in 1..=capacity {
        let row = appointment_seat::ActiveModel {
            appointment_id: Set(id),
            seat: Set(seat),
            learner_id: Set(learner_id),
        };
        match appointment_seat::Entity::insert(row)
            .exec_without_returning(db)
            .await
        {
            Ok(_) => return Ok(Some(AgendaOutcome::SeatTaken)),
            Err(e) if crate::ssr::db::is_unique_violation(&e) => {
                // This seat is someone's, or the learner is already coming.
                let already = appointment_seat::Entity::find()
                    .filter(appointment_seat::Column::AppointmentId.eq(id))
                    .filter(appointment_seat::Column::LearnerId.eq(learner_id))
                    .one(db)
                    .await?;
                if already.is_some() {
                    return Ok(Some(AgendaOutcome::AlreadyComing));
                }
            }
            Err(e) => return Err(e),
        }
    }
    Ok(Some(AgendaOutcome::Full))
}

pub async fn leave_group(
    db: &DatabaseConnection,
    me: &staff::Model,
    id: i32,
    learner_id: i32,
) -> Result<Option<AgendaOutcome>, DbErr> {
    if my_appointment(db, me, id).await?.is_none() {
        return Ok(None);
    }
    appointment_seat::Entity::delete_many()
        .filter(appointment_seat::Column::AppointmentId.eq(id))
        .filter(appointment_seat::Column::LearnerId.eq(learner_id))
        .exec(db)
        .await?;
    Ok(Some(AgendaOutcome::SeatFreed))
}

/// The learner's slip of a one-to-one appointment (`None` for a group session, whose
/// slips are its learners', or another structure's).
pub async fn slip(
    db: &DatabaseConnection,
    me: &staff::Model,
    id: i32,
    learner_id: Option<i32>,
) -> Result<Option<SlipView>, DbErr> {
    let Some(row) = my_appointment(db, me, id).await? else {
        return Ok(None);
    };
    let who = match (row.learner_id, learner_id) {
        (Some(l), _) => l,
        (None, Some(l))
            if appointment_seat::Entity::find()
                .filter(appointment_seat::Column::AppointmentId.eq(id))
                .filter(appointment_seat::Column::LearnerId.eq(l))
                .one(db)
                .await?
                .is_some() =>
        {
            l
        }
        _ => return Ok(None),
    };
    let Some(learner) = learner::Entity::find_by_id(who).one(db).await? else {
        return Ok(None);
    };
    let structure = structure::Entity::find_by_id(me.structure_id)
        .one(db)
        .await?;
    let volunteer = staff::Entity::find_by_id(row.staff_id)
        .one(db)
        .await?
        .map(|s| s.display_name)
        .unwrap_or_default();
    let place = match row.place_id {
        Some(p) => place::Entity::find_by_id(p)
            .one(db)
            .await?
            .map(|p| (p.name, p.address)),
        None => None,
    };
    Ok(Some(SlipView {
        first_name: learner.first_name,
        day: row.day,
        start: row.start_minute,
        kind: Kind::from_code(&row.kind).unwrap_or(Kind::Place),
        place,
        volunteer,
        structure: structure
            .as_ref()
            .map(|s| s.name.clone())
            .unwrap_or_default(),
        phone: structure.and_then(|s| s.phone),
    }))
}

// ---------------------------------------------------------------- à rappeler

/// The appointments of a learner, as a condition: theirs alone, and the group sessions
/// they have a seat in (one query for the seats).
pub async fn of_learner(
    db: &impl ConnectionTrait,
    learner_id: i32,
) -> Result<sea_orm::Condition, DbErr> {
    let seats: Vec<i32> = appointment_seat::Entity::find()
        .filter(appointment_seat::Column::LearnerId.eq(learner_id))
        .all(db)
        .await?
        .into_iter()
        .map(|s| s.appointment_id)
        .collect();
    Ok(sea_orm::Condition::any()
        .add(appointment::Column::LearnerId.eq(learner_id))
        .add(appointment::Column::Id.is_in(seats)))
}

/// Why a missed appointment calls for a call back (absent or cancelled), if it does.
pub fn recall_reason(status: &str) -> Option<RecallReason> {
    match Status::from_code(status)? {
        Status::Absent => Some(RecallReason::Absent),
        Status::Cancelled => Some(RecallReason::Cancelled),
        _ => None,
    }
}

/// Whether an appointment is still to come on `today` (ISO) or later: its learner needs
/// no call back.
pub fn is_coming(a: &appointment::Model, today: &str) -> bool {
    a.status == Status::Upcoming.code() && a.day.as_str() >= today
}

/// The learners of a structure with an appointment still to come ([`is_coming`]).
pub async fn coming_learners(
    db: &impl ConnectionTrait,
    structure_id: i32,
) -> Result<BTreeSet<i32>, DbErr> {
    let (today, _) = today();
    Ok(appointment::Entity::find()
        .filter(appointment::Column::StructureId.eq(structure_id))
        .filter(appointment::Column::Status.eq(Status::Upcoming.code()))
        .filter(appointment::Column::Day.gte(iso(today)))
        .filter(appointment::Column::LearnerId.is_not_null())
        .all(db)
        .await?
        .into_iter()
        .filter_map(|a| a.learner_id)
        .collect())
}

/// Who to call back: absent or cancelled appointments not marked called back of learners
/// not in `coming` ([`coming_learners`]), and calls waiting for a slot.
pub async fn to_recall(
    db: &impl ConnectionTrait,
    me: &staff::Model,
    coming: &BTreeSet<i32>,
) -> Result<Vec<RecallItem>, DbErr> {
    let missed = appointment::Entity::find()
        .filter(appointment::Column::StructureId.eq(me.structure_id))
        .filter(
            appointment::Column::Status.is_in([Status::Absent.code(), Status::Cancelled.code()]),
        )
        .filter(appointment::Column::RecalledAt.is_null())
        .filter(appointment::Column::LearnerId.is_not_null())
        .order_by_asc(appointment::Column::Day)
        .all(db)
        .await?;
    let waiting = help_call::Entity::find()
        .filter(help_call::Column::StructureId.eq(me.structure_id))
        .filter(help_call::Column::Waiting.eq(true))
        .order_by_asc(help_call::Column::CreatedAt)
        .all(db)
        .await?;
    let call_ids: Vec<i32> = missed.iter().filter_map(|a| a.call_id).collect();
    let calls: BTreeMap<i32, help_call::Model> = help_call::Entity::find()
        .filter(help_call::Column::Id.is_in(call_ids))
        .all(db)
        .await?
        .into_iter()
        .map(|c| (c.id, c))
        .collect();
    let learner_ids: Vec<i32> = missed.iter().filter_map(|a| a.learner_id).collect();
    let first_names: BTreeMap<i32, String> = learner::Entity::find()
        .filter(learner::Column::Id.is_in(learner_ids))
        .all(db)
        .await?
        .into_iter()
        .map(|l| (l.id, l.first_name))
        .collect();
    let mut out: Vec<RecallItem> = missed
        .into_iter()
        .filter(|a| a.learner_id.is_some_and(|l| !coming.contains(&l)))
        .filter_map(|a| {
            let call = a.call_id.and_then(|c| calls.get(&c));
            Some(RecallItem {
                reason: recall_reason(&a.status)?,
                appointment: Some(a.id),
                recontact: None,
                call: None,
                learner: a.learner_id,
                first_name: a
                    .learner_id
                    .and_then(|l| first_names.get(&l).cloned())
                    .unwrap_or_default(),
                reach: call.and_then(|c| Reach::from_code(&c.reach)),
                phone: call.map(|c| c.phone.clone()).unwrap_or_default(),
                commune: a.commune,
                day: a.day,
            })
        })
        .collect();
    out.extend(waiting.into_iter().map(|c| RecallItem {
        reason: RecallReason::Waiting,
        appointment: None,
        recontact: None,
        call: Some(c.id),
        learner: Some(c.learner_id),
        first_name: c.first_name,
        reach: Reach::from_code(&c.reach),
        phone: c.phone,
        commune: c.commune,
        day: dates::today_iso(c.created_at),
    }));
    Ok(out)
}

/// Someone was called back: off the list (`appointment` or `call`, of my structure).
pub async fn recalled(
    db: &DatabaseConnection,
    me: &staff::Model,
    appointment_id: Option<i32>,
    call_id: Option<i32>,
) -> Result<Option<AgendaOutcome>, DbErr> {
    let changed = if let Some(id) = appointment_id {
        appointment::Entity::update_many()
            .col_expr(
                appointment::Column::RecalledAt,
                sea_orm::sea_query::Expr::value(Some(now())),
            )
            .filter(appointment::Column::Id.eq(id))
            .filter(appointment::Column::StructureId.eq(me.structure_id))
            .exec(db)
            .await?
            .rows_affected
    } else if let Some(id) = call_id {
        help_call::Entity::update_many()
            .col_expr(
                help_call::Column::Waiting,
                sea_orm::sea_query::Expr::value(false),
            )
            .filter(help_call::Column::Id.eq(id))
            .filter(help_call::Column::StructureId.eq(me.structure_id))
            .exec(db)
            .await?
            .rows_affected
    } else {
        0
    };
    Ok((changed > 0).then_some(AgendaOutcome::Recalled))
}

// ---------------------------------------------------------------- calendar feed

/// A new secret calendar link for me (the old one stops working): answers its token,
/// to be shown once; only its hash is stored.
pub async fn renew_feed(db: &DatabaseConnection, me: &staff::Model) -> Result<String, DbErr> {
    let token = crate::ssr::auth::new_session_token();
    let txn = db.begin_write().await?;
    calendar_feed::Entity::delete_by_id(me.id)
        .exec(&txn)
        .await?;
    calendar_feed::ActiveModel {
        staff_id: Set(me.id),
        token: Set(crate::ssr::auth::token_hash(&token)),
        created_at: Set(now()),
    }
    .insert(&txn)
    .await?;
    txn.commit().await?;
    Ok(token)
}

pub async fn revoke_feed(db: &DatabaseConnection, me: &staff::Model) -> Result<(), DbErr> {
    calendar_feed::Entity::delete_by_id(me.id).exec(db).await?;
    Ok(())
}

/// The iCalendar of the volunteer whose secret link `token` is (`None`: no such link, or
/// revoked, or the account disabled): their appointments from 30 days ago, not cancelled
/// nor excused, with first names and communes only.
pub async fn feed(db: &DatabaseConnection, token: &str) -> Result<Option<String>, DbErr> {
    let Some(link) = calendar_feed::Entity::find()
        .filter(calendar_feed::Column::Token.eq(crate::ssr::auth::token_hash(token)))
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    let Some(me) = staff::Entity::find_by_id(link.staff_id)
        .one(db)
        .await?
        .filter(|s| s.disabled_at.is_none())
    else {
        return Ok(None);
    };
    let names = Names::of(db, me.structure_id).await?;
    let (today, _) = today();
    let rows = appointment::Entity::find()
        .filter(appointment::Column::StaffId.eq(me.id))
        .filter(appointment::Column::Day.gte(iso(today - Duration::days(30))))
        .filter(appointment::Column::HoldsSlot.eq(true))
        .order_by_asc(appointment::Column::Day)
        .order_by_asc(appointment::Column::StartMinute)
        .all(db)
        .await?;
    let items = items(db, &names, rows).await?;
    Ok(Some(crate::ssr::services::calendar::ics(&items)))
}
