//! A structure's territory (issue 20, item 1): its zones, the communes each covers, the
//! volunteers who cover them, and its places. Only a coordinator of the structure changes
//! them; every id is looked up within the coordinator's structure (another structure's
//! ids are "not found"). A commune is in one zone of a structure, and names are unique
//! per structure: the database's unique keys decide, never a read before the insert.

use std::collections::BTreeMap;

use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait, QueryFilter, QueryOrder,
    Set,
};

use crate::model::zones::{CommuneView, PlaceView, ZoneOutcome, ZoneView, ZonesView};
use crate::ssr::content::slug;
use crate::ssr::db::WriteTransaction as _;
use crate::ssr::db::entities::{place, staff, structure, zone, zone_commune, zone_volunteer};
use crate::ssr::db::now;

/// The longest name of a zone, place or commune, and the longest address.
pub const MAX_NAME_CHARS: usize = 80;
pub const MAX_ADDRESS_CHARS: usize = 200;

/// A name as typed, trimmed, with its key (compared without case, accents, punctuation);
/// `None` when empty or too long.
fn name_and_key(name: &str, max: usize) -> Option<(String, String)> {
    let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
    let key = slug::slugify(&name);
    (!key.is_empty() && name.chars().count() <= max).then_some((name, key))
}

/// A French postcode: five digits (spaces ignored).
pub fn postcode(typed: &str) -> Option<String> {
    let digits: String = typed.chars().filter(|c| !c.is_whitespace()).collect();
    (digits.len() == 5 && digits.chars().all(|c| c.is_ascii_digit())).then_some(digits)
}

/// The structure's zones (id, name), by name.
pub async fn names(
    db: &impl ConnectionTrait,
    structure_id: i32,
) -> Result<Vec<(i32, String)>, DbErr> {
    Ok(zone::Entity::find()
        .filter(zone::Column::StructureId.eq(structure_id))
        .order_by_asc(zone::Column::NameKey)
        .all(db)
        .await?
        .into_iter()
        .map(|z| (z.id, z.name))
        .collect())
}

/// The page: every zone with its communes and volunteers, every place, the volunteers.
pub async fn view(db: &DatabaseConnection, me: &staff::Model) -> Result<ZonesView, DbErr> {
    let structure = structure::Entity::find_by_id(me.structure_id)
        .one(db)
        .await?
        .map(|s| s.name)
        .unwrap_or_default();
    let zones = zone::Entity::find()
        .filter(zone::Column::StructureId.eq(me.structure_id))
        .order_by_asc(zone::Column::NameKey)
        .all(db)
        .await?;
    let mut communes: BTreeMap<i32, Vec<CommuneView>> = BTreeMap::new();
    for c in zone_commune::Entity::find()
        .filter(zone_commune::Column::StructureId.eq(me.structure_id))
        .order_by_asc(zone_commune::Column::NameKey)
        .all(db)
        .await?
    {
        communes.entry(c.zone_id).or_default().push(CommuneView {
            id: c.id,
            postcode: c.postcode,
            name: c.name,
        });
    }
    let ids: Vec<i32> = zones.iter().map(|z| z.id).collect();
    let mut covering: BTreeMap<i32, Vec<i32>> = BTreeMap::new();
    for v in zone_volunteer::Entity::find()
        .filter(zone_volunteer::Column::ZoneId.is_in(ids))
        .all(db)
        .await?
    {
        covering.entry(v.zone_id).or_default().push(v.staff_id);
    }
    let names: BTreeMap<i32, String> = zones.iter().map(|z| (z.id, z.name.clone())).collect();
    let places = place::Entity::find()
        .filter(place::Column::StructureId.eq(me.structure_id))
        .order_by_asc(place::Column::NameKey)
        .all(db)
        .await?
        .into_iter()
        .map(|p| PlaceView {
            id: p.id,
            zone: p.zone_id.and_then(|z| names.get(&z).cloned()),
            name: p.name,
            address: p.address,
        })
        .collect();
    let volunteers = staff::Entity::find()
        .filter(staff::Column::StructureId.eq(me.structure_id))
        .filter(staff::Column::IsVolunteer.eq(true))
        .filter(staff::Column::DisabledAt.is_null())
        .order_by_asc(staff::Column::DisplayName)
        .all(db)
        .await?
        .into_iter()
        .map(|s| (s.id, s.display_name))
        .collect();
    Ok(ZonesView {
        structure,
        zones: zones
            .into_iter()
            .map(|z| ZoneView {
                communes: communes.remove(&z.id).unwrap_or_default(),
                volunteers: covering.remove(&z.id).unwrap_or_default(),
                id: z.id,
                name: z.name,
            })
            .collect(),
        places,
        volunteers,
    })
}

/// A zone of my structure, by id.
async fn my_zone(
    db: &impl ConnectionTrait,
    me: &staff::Model,
    id: i32,
) -> Result<Option<zone::Model>, DbErr> {
    Ok(zone::Entity::find_by_id(id)
        .one(db)
        .await?
        .filter(|z| z.structure_id == me.structure_id))
}

pub async fn add_zone(
    db: &DatabaseConnection,
    me: &staff::Model,
    name: &str,
) -> Result<ZoneOutcome, DbErr> {
    let Some((name, key)) = name_and_key(name, MAX_NAME_CHARS) else {
        return Ok(ZoneOutcome::NoName);
    };
    let row = zone::ActiveModel {
        structure_id: Set(me.structure_id),
        name: Set(name),
        name_key: Set(key),
        created_at: Set(now()),
        ..Default::default()
    };
    match zone::Entity::insert(row).exec(db).await {
        Ok(_) => Ok(ZoneOutcome::ZoneAdded),
        Err(e) if crate::ssr::db::is_unique_violation(&e) => Ok(ZoneOutcome::ZoneExists),
        Err(e) => Err(e),
    }
}

/// Removes a zone: its communes and volunteers with it; its places stay, without a zone.
/// `None`: no such zone in my structure.
pub async fn remove_zone(
    db: &DatabaseConnection,
    me: &staff::Model,
    id: i32,
) -> Result<Option<ZoneOutcome>, DbErr> {
    let txn = db.begin_write().await?;
    if my_zone(&txn, me, id).await?.is_none() {
        return Ok(None);
    }
    // Said here too, whatever the database's foreign keys do (SQLite needs them enabled).
    zone_commune::Entity::delete_many()
        .filter(zone_commune::Column::ZoneId.eq(id))
        .exec(&txn)
        .await?;
    zone_volunteer::Entity::delete_many()
        .filter(zone_volunteer::Column::ZoneId.eq(id))
        .exec(&txn)
        .await?;
    place::Entity::update_many()
        .col_expr(
            place::Column::ZoneId,
            sea_orm::sea_query::Expr::value(None::<i32>),
        )
        .filter(place::Column::ZoneId.eq(id))
        .exec(&txn)
        .await?;
    zone::Entity::delete_by_id(id).exec(&txn).await?;
    txn.commit().await?;
    Ok(Some(ZoneOutcome::ZoneRemoved))
}

/// What adding a commune did; with the zone that already has it when it is taken.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CommuneAdded {
    pub outcome: ZoneOutcome,
    pub taken_by: Option<String>,
}

pub async fn add_commune(
    db: &DatabaseConnection,
    me: &staff::Model,
    zone_id: i32,
    typed_postcode: &str,
    name: &str,
) -> Result<Option<CommuneAdded>, DbErr> {
    let said = |outcome| {
        Ok(Some(CommuneAdded {
            outcome,
            taken_by: None,
        }))
    };
    if my_zone(db, me, zone_id).await?.is_none() {
        return Ok(None);
    }
    let Some(code) = postcode(typed_postcode) else {
        return said(ZoneOutcome::BadPostcode);
    };
    let Some((name, key)) = name_and_key(name, MAX_NAME_CHARS) else {
        return said(ZoneOutcome::NoCommune);
    };
    let row = zone_commune::ActiveModel {
        structure_id: Set(me.structure_id),
        zone_id: Set(zone_id),
        postcode: Set(code.clone()),
        name: Set(name),
        name_key: Set(key.clone()),
        ..Default::default()
    };
    match zone_commune::Entity::insert(row).exec(db).await {
        Ok(_) => said(ZoneOutcome::CommuneAdded),
        Err(e) if crate::ssr::db::is_unique_violation(&e) => {
            // Refused by the unique key: say which zone has it.
            let taken_by = zone_of(db, me.structure_id, &code, &key)
                .await?
                .map(|(_, name)| name);
            Ok(Some(CommuneAdded {
                outcome: ZoneOutcome::CommuneTaken,
                taken_by,
            }))
        }
        Err(e) => Err(e),
    }
}

/// The zone of a structure that covers a commune (by postcode and name, compared without
/// case, accents or punctuation): its id and name.
pub async fn zone_of(
    db: &impl ConnectionTrait,
    structure_id: i32,
    postcode: &str,
    commune: &str,
) -> Result<Option<(i32, String)>, DbErr> {
    let key = slug::slugify(commune);
    let Some(found) = zone_commune::Entity::find()
        .filter(zone_commune::Column::StructureId.eq(structure_id))
        .filter(zone_commune::Column::Postcode.eq(postcode))
        .filter(zone_commune::Column::NameKey.eq(key))
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    Ok(zone::Entity::find_by_id(found.zone_id)
        .one(db)
        .await?
        .map(|z| (z.id, z.name)))
}

pub async fn remove_commune(
    db: &DatabaseConnection,
    me: &staff::Model,
    id: i32,
) -> Result<Option<ZoneOutcome>, DbErr> {
    let removed = zone_commune::Entity::delete_many()
        .filter(zone_commune::Column::Id.eq(id))
        .filter(zone_commune::Column::StructureId.eq(me.structure_id))
        .exec(db)
        .await?;
    Ok((removed.rows_affected > 0).then_some(ZoneOutcome::CommuneRemoved))
}

/// Says who covers a zone: exactly `volunteers` (active volunteers of my structure; other
/// ids are left out).
pub async fn set_volunteers(
    db: &DatabaseConnection,
    me: &staff::Model,
    zone_id: i32,
    volunteers: &[i32],
) -> Result<Option<ZoneOutcome>, DbErr> {
    let txn = db.begin_write().await?;
    if my_zone(&txn, me, zone_id).await?.is_none() {
        return Ok(None);
    }
    let allowed: Vec<i32> = staff::Entity::find()
        .filter(staff::Column::StructureId.eq(me.structure_id))
        .filter(staff::Column::IsVolunteer.eq(true))
        .filter(staff::Column::DisabledAt.is_null())
        .filter(staff::Column::Id.is_in(volunteers.to_vec()))
        .all(&txn)
        .await?
        .into_iter()
        .map(|s| s.id)
        .collect();
    zone_volunteer::Entity::delete_many()
        .filter(zone_volunteer::Column::ZoneId.eq(zone_id))
        .exec(&txn)
        .await?;
    if !allowed.is_empty() {
        zone_volunteer::Entity::insert_many(allowed.into_iter().map(|staff_id| {
            zone_volunteer::ActiveModel {
                zone_id: Set(zone_id),
                staff_id: Set(staff_id),
            }
        }))
        .exec_without_returning(&txn)
        .await?;
    }
    txn.commit().await?;
    Ok(Some(ZoneOutcome::VolunteersSaved))
}

/// Adds a place; `zone`, if given, must be a zone of my structure (`None`: not found).
pub async fn add_place(
    db: &DatabaseConnection,
    me: &staff::Model,
    name: &str,
    address: &str,
    zone_id: Option<i32>,
) -> Result<Option<ZoneOutcome>, DbErr> {
    if let Some(z) = zone_id
        && my_zone(db, me, z).await?.is_none()
    {
        return Ok(None);
    }
    let Some((name, key)) = name_and_key(name, MAX_NAME_CHARS) else {
        return Ok(Some(ZoneOutcome::NoName));
    };
    let Some((address, _)) = name_and_key(address, MAX_ADDRESS_CHARS) else {
        return Ok(Some(ZoneOutcome::NoAddress));
    };
    let row = place::ActiveModel {
        structure_id: Set(me.structure_id),
        zone_id: Set(zone_id),
        name: Set(name),
        name_key: Set(key),
        address: Set(address),
        created_at: Set(now()),
        ..Default::default()
    };
    match place::Entity::insert(row).exec(db).await {
        Ok(_) => Ok(Some(ZoneOutcome::PlaceAdded)),
        Err(e) if crate::ssr::db::is_unique_violation(&e) => Ok(Some(ZoneOutcome::PlaceExists)),
        Err(e) => Err(e),
    }
}

pub async fn remove_place(
    db: &DatabaseConnection,
    me: &staff::Model,
    id: i32,
) -> Result<Option<ZoneOutcome>, DbErr> {
    let removed = place::Entity::delete_many()
        .filter(place::Column::Id.eq(id))
        .filter(place::Column::StructureId.eq(me.structure_id))
        .exec(db)
        .await?;
    Ok((removed.rows_affected > 0).then_some(ZoneOutcome::PlaceRemoved))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn postcodes_are_five_digits() {
        assert_eq!(postcode("64 160").as_deref(), Some("64160"));
        assert_eq!(postcode("64160").as_deref(), Some("64160"));
        assert_eq!(postcode("6416"), None);
        assert_eq!(postcode("2A004"), None);
        assert_eq!(postcode(""), None);
    }

    #[test]
    fn names_are_compared_without_case_accents_or_punctuation() {
        let (name, key) = name_and_key("  Saint-Jean   de   Luz ", 80).unwrap();
        assert_eq!(name, "Saint-Jean de Luz");
        assert_eq!(key, name_and_key("saint jean de luz", 80).unwrap().1);
        assert_eq!(
            name_and_key("Morlaàs", 80).unwrap().1,
            name_and_key("MORLAAS", 80).unwrap().1
        );
        assert_eq!(name_and_key("  ", 80), None);
        assert_eq!(name_and_key(&"a".repeat(81), 80), None);
    }
}
