//! Public share links for a funder (issue 21, item 6). A coordinator makes a link for a
//! period of their structure's statistics; the link's random token is shown once, only its
//! SHA-256 is stored. Anyone with the link sees the aggregated figures of that period,
//! computed live ([`stats::figures`], [`outcomes::report`]) and made safe to publish by
//! [`SharedReport`] (no names, no group of fewer than 5 people), until a coordinator of the
//! structure revokes it.

use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder,
    Set,
};

use super::stats::{self, Period};
use super::{follow_up, outcomes};
use crate::model::share::{
    MAX_LABEL, ShareLinkRow, ShareRefused, SharedFigures, SharedOutcomes, SharedReport,
};
use crate::ssr::auth::{new_session_token, token_hash};
use crate::ssr::content::Catalog;
use crate::ssr::db::entities::{share_link, staff, structure};

/// Makes a link to the figures of `from`–`to` for `me`'s structure (the caller checked `me`
/// is a coordinator): answers its token, to be shown once.
pub async fn create(
    db: &impl ConnectionTrait,
    me: &staff::Model,
    from: &str,
    to: &str,
    label: &str,
    now: i64,
) -> Result<Result<String, ShareRefused>, DbErr> {
    let Some(period) = Period::new(from, to) else {
        return Ok(Err(ShareRefused::BadPeriod));
    };
    let label = label.trim();
    if label.chars().count() > MAX_LABEL {
        return Ok(Err(ShareRefused::LabelTooLong));
    }
    let token = new_session_token();
    share_link::ActiveModel {
        structure_id: Set(me.structure_id),
        token_hash: Set(token_hash(&token)),
        label: Set((!label.is_empty()).then(|| label.to_string())),
        period_from: Set(period.from),
        period_to: Set(period.to),
        created_by: Set(Some(me.id)),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(Ok(token))
}

/// The links of `me`'s structure, newest first.
pub async fn list(
    db: &impl ConnectionTrait,
    me: &staff::Model,
) -> Result<Vec<ShareLinkRow>, DbErr> {
    let rows = share_link::Entity::find()
        .filter(share_link::Column::StructureId.eq(me.structure_id))
        .order_by_desc(share_link::Column::CreatedAt)
        .order_by_desc(share_link::Column::Id)
        .all(db)
        .await?;
    let names = follow_up::staff_names(db, rows.iter().filter_map(|r| r.created_by)).await?;
    Ok(rows
        .into_iter()
        .map(|r| ShareLinkRow {
            id: r.id,
            label: r.label,
            from: r.period_from,
            to: r.period_to,
            made_by: r.created_by.and_then(|id| names.get(&id).cloned()),
            made_at: r.created_at,
            revoked_at: r.revoked_at,
        })
        .collect())
}

/// Revokes link `id` of `me`'s structure (`false`: no such link there). Revoking twice
/// changes nothing: the first revocation's time and author stay.
pub async fn revoke(
    db: &impl ConnectionTrait,
    me: &staff::Model,
    id: i32,
    now: i64,
) -> Result<bool, DbErr> {
    let mine = share_link::Entity::find_by_id(id)
        .filter(share_link::Column::StructureId.eq(me.structure_id))
        .one(db)
        .await?;
    if mine.is_none() {
        return Ok(false);
    }
    share_link::Entity::update_many()
        .col_expr(share_link::Column::RevokedAt, Expr::value(now))
        .col_expr(share_link::Column::RevokedBy, Expr::value(me.id))
        .filter(share_link::Column::Id.eq(id))
        .filter(share_link::Column::StructureId.eq(me.structure_id))
        .filter(share_link::Column::RevokedAt.is_null())
        .exec(db)
        .await?;
    Ok(true)
}

/// What the link `token` shows (`None`: no such link, or revoked): the structure's figures
/// for the link's period, computed now, `today` being `YYYY-MM-DD`.
pub async fn report(
    db: &impl ConnectionTrait,
    catalog: &Catalog,
    token: &str,
    today: &str,
) -> Result<Option<SharedReport>, DbErr> {
    let Some(link) = share_link::Entity::find()
        .filter(share_link::Column::TokenHash.eq(token_hash(token)))
        .filter(share_link::Column::RevokedAt.is_null())
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    let Some(period) = Period::new(&link.period_from, &link.period_to) else {
        return Ok(None);
    };
    let structure = structure::Entity::find_by_id(link.structure_id)
        .one(db)
        .await?
        .map(|s| s.name)
        .unwrap_or_default();
    let figures = stats::figures(db, link.structure_id, &period).await?;
    let days = (
        outcomes::parse_day(&period.from),
        outcomes::parse_day(&period.to),
        outcomes::parse_day(today),
    );
    let said = match days {
        (Some(from), Some(to), Some(today)) => SharedOutcomes::new(
            &outcomes::report(db, catalog, link.structure_id, from, to, today).await?,
        ),
        _ => SharedOutcomes::default(),
    };
    Ok(Some(SharedReport {
        structure,
        from: period.from,
        to: period.to,
        figures: SharedFigures::new(&figures),
        outcomes: said,
    }))
}
