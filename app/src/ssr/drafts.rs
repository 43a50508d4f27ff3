//! What must outlive a request, kept in the database so that any instance of the server
//! finds it (several instances may serve one site, one request each):
//!
//! - [`Drafts`]: values kept for an hour under a random key that travels in the next
//!   page's address: a form kept as typed while its errors are fixed, an invitation link
//!   shown once, a text typed in the editor, the state of a practice exercise. A draft may
//!   belong to someone (a member of staff, a learner): then only they get it back, whoever
//!   else has its key.
//! - [`FormTokens`]: one-time form tokens. The first request with a token inserts it (the
//!   primary key refuses a second row), does the work and records what it made, all in one
//!   transaction; a second request with the same token (a double click, a reload, another
//!   instance) waits for the first to finish and gets what it made.
//!
//! Both expire; [`purge_expired`] removes what did (the server runs it every hour).

use std::marker::PhantomData;

use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection, DatabaseTransaction, DbErr,
    EntityTrait, QueryFilter, TryInsertResult,
};
use serde::Serialize;
use serde::de::DeserializeOwned;

use super::db::entities::{form_token, kept_draft};
use super::db::now;
use crate::ssr::db::WriteTransaction as _;

/// The owner of a staff member's drafts: only they get them back.
pub fn owner(staff: &crate::ssr::db::entities::staff::Model) -> String {
    format!("staff:{}:{}", staff.structure_id, staff.id)
}

/// The owner of a learner's drafts (`None`: nobody is signed in).
pub fn learner_owner(learner_id: Option<i32>) -> String {
    learner_id.map_or_else(String::new, |id| format!("learner:{id}"))
}

/// How long a draft is kept, in seconds.
pub const DRAFT_SECONDS: i64 = 3600;
/// How long a one-time token is remembered, in seconds: a form left open for a day and
/// sent again still makes nothing twice.
pub const TOKEN_SECONDS: i64 = 24 * 3600;

/// Drafts of one kind: a key of one kind never finds another kind's value.
#[derive(Debug)]
pub struct Drafts<T> {
    kind: &'static str,
    of: PhantomData<fn() -> T>,
}

impl<T> Clone for Drafts<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T> Copy for Drafts<T> {}

impl<T: Serialize + DeserializeOwned> Drafts<T> {
    pub const fn new(kind: &'static str) -> Self {
        Self {
            kind,
            of: PhantomData,
        }
    }

    /// A new random key (for a caller that must put it in an address before keeping).
    pub fn new_key() -> String {
        crate::ssr::auth::new_session_token()
    }

    /// Keeps `value` (of nobody in particular); returns its key.
    pub async fn keep(&self, db: &impl ConnectionTrait, value: &T) -> Result<String, DbErr> {
        self.keep_for(db, "", value).await
    }

    /// Keeps `value` for `owner` only; returns its key.
    pub async fn keep_for(
        &self,
        db: &impl ConnectionTrait,
        owner: &str,
        value: &T,
    ) -> Result<String, DbErr> {
        let key = Self::new_key();
        self.keep_under(db, &key, owner, value).await?;
        Ok(key)
    }

    /// Keeps `value` for `owner` under `key` (from [`Drafts::new_key`]).
    pub async fn keep_under(
        &self,
        db: &impl ConnectionTrait,
        key: &str,
        owner: &str,
        value: &T,
    ) -> Result<(), DbErr> {
        let value = serde_json::to_string(value).map_err(|e| DbErr::Json(e.to_string()))?;
        kept_draft::Entity::insert(kept_draft::ActiveModel {
            key: Set(key.to_string()),
            kind: Set(self.kind.to_string()),
            owner: Set(owner.to_string()),
            value: Set(value),
            expires_at: Set(now() + DRAFT_SECONDS),
        })
        .exec_without_returning(db)
        .await?;
        Ok(())
    }

    /// A draft kept with [`Drafts::keep`] (of nobody in particular).
    pub async fn get(&self, db: &impl ConnectionTrait, key: &str) -> Result<Option<T>, DbErr> {
        self.get_for(db, "", key).await
    }

    /// The draft under `key` if it belongs to `owner` and has not expired, removed: it is
    /// given once (a secret shown once).
    pub async fn take_for(
        &self,
        db: &impl ConnectionTrait,
        owner: &str,
        key: &str,
    ) -> Result<Option<T>, DbErr> {
        let value = self.get_for(db, owner, key).await?;
        if value.is_some() {
            kept_draft::Entity::delete_by_id(key.to_string())
                .exec(db)
                .await?;
        }
        Ok(value)
    }

    /// The draft under `key` if it belongs to `owner` and has not expired.
    pub async fn get_for(
        &self,
        db: &impl ConnectionTrait,
        owner: &str,
        key: &str,
    ) -> Result<Option<T>, DbErr> {
        let Some(row) = kept_draft::Entity::find_by_id(key.to_string())
            .filter(kept_draft::Column::Kind.eq(self.kind))
            .filter(kept_draft::Column::Owner.eq(owner))
            .filter(kept_draft::Column::ExpiresAt.gt(now()))
            .one(db)
            .await?
        else {
            return Ok(None);
        };
        match serde_json::from_str(&row.value) {
            Ok(value) => Ok(Some(value)),
            Err(e) => {
                // Kept by another version of the server: as if it had expired.
                tracing::warn!(kind = self.kind, error = %e, "a kept draft cannot be read");
                Ok(None)
            }
        }
    }
}

/// One-time tokens of one kind of form.
#[derive(Clone, Copy, Debug)]
pub struct FormTokens {
    kind: &'static str,
}

/// What a request with a one-time token must do.
#[derive(Debug)]
pub enum Claim {
    /// The first: do the work in [`FirstClaim::db`], then [`FirstClaim::done`].
    First(FirstClaim),
    /// Already done by an earlier request: this is what it made.
    Done(String),
    /// Another request with the same token is still at work and did not end in time (the
    /// database kept it locked): the form can be sent again (a `409` page says so).
    Busy,
}

/// The token of the first request, in a transaction: the work done in [`FirstClaim::db`]
/// and the token are committed together by [`FirstClaim::done`]. Dropped (the form was
/// refused, an error), both are rolled back and the token may be used again.
#[derive(Debug)]
pub struct FirstClaim {
    txn: DatabaseTransaction,
    key: (String, String, String),
}

impl FormTokens {
    pub const fn new(kind: &'static str) -> Self {
        Self { kind }
    }

    /// Claims `token` for `owner` (a member of staff: two people's tokens never meet). A
    /// request with the same token still at work makes this one wait for its end.
    pub async fn claim(
        &self,
        db: &DatabaseConnection,
        owner: &str,
        token: &str,
    ) -> Result<Claim, DbErr> {
        let key = (self.kind.to_string(), owner.to_string(), token.to_string());
        // Twice at most: the other request may have rolled back between our insert and
        // our read.
        for _ in 0..3 {
            // With the write lock taken at the start (`BEGIN IMMEDIATE`), a request still
            // at work with the same token makes this one wait here.
            let txn = match db.begin_write().await {
                Ok(txn) => txn,
                Err(e) if super::db::is_lock_conflict(&e) => continue,
                Err(e) => return Err(e),
            };
            let inserted = match form_token::Entity::insert(form_token::ActiveModel {
                kind: Set(key.0.clone()),
                owner: Set(key.1.clone()),
                token: Set(key.2.clone()),
                made: Set(String::new()),
                expires_at: Set(now() + TOKEN_SECONDS),
            })
            .on_conflict_do_nothing_on([
                form_token::Column::Kind,
                form_token::Column::Owner,
                form_token::Column::Token,
            ])
            .exec_without_returning(&txn)
            .await
            {
                Ok(inserted) => inserted,
                // Dropped, the transaction rolls back.
                Err(e) if super::db::is_lock_conflict(&e) => continue,
                Err(e) => return Err(e),
            };
            if matches!(inserted, TryInsertResult::Inserted(n) if n > 0) {
                return Ok(Claim::First(FirstClaim { txn, key }));
            }
            let made = form_token::Entity::find_by_id(key.clone())
                .one(&txn)
                .await?
                .map(|row| row.made);
            txn.rollback().await?;
            if let Some(made) = made.filter(|m| !m.is_empty()) {
                return Ok(Claim::Done(made));
            }
        }
        tracing::warn!(kind = self.kind, "a one-time form token stays busy");
        Ok(Claim::Busy)
    }
}

impl FirstClaim {
    /// Where the work is done: in the token's transaction.
    pub fn db(&self) -> &DatabaseTransaction {
        &self.txn
    }

    /// Records what the work made and commits it with the token.
    pub async fn done(self, made: &str) -> Result<(), DbErr> {
        let (kind, owner, token) = self.key;
        form_token::Entity::update_many()
            .col_expr(
                form_token::Column::Made,
                sea_orm::sea_query::Expr::value(made),
            )
            .filter(form_token::Column::Kind.eq(kind))
            .filter(form_token::Column::Owner.eq(owner))
            .filter(form_token::Column::Token.eq(token))
            .exec(&self.txn)
            .await?;
        self.txn.commit().await
    }

    /// The work made nothing (a refused form): the token may be used again.
    pub async fn release(self) -> Result<(), DbErr> {
        self.txn.rollback().await
    }
}

/// Removes expired drafts and tokens.
pub async fn purge_expired(db: &impl ConnectionTrait) -> Result<u64, DbErr> {
    let at = now();
    let drafts = kept_draft::Entity::delete_many()
        .filter(kept_draft::Column::ExpiresAt.lte(at))
        .exec(db)
        .await?
        .rows_affected;
    let tokens = form_token::Entity::delete_many()
        .filter(form_token::Column::ExpiresAt.lte(at))
        .exec(db)
        .await?
        .rows_affected;
    Ok(drafts + tokens)
}

#[cfg(test)]
mod tests {
    use super::*;
    use sea_orm::{ActiveModelTrait, IntoActiveModel};

    /// A fresh SQLite file (an in-memory database would be one per pooled connection).
    async fn db() -> DatabaseConnection {
        static NEXT: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
        let path = std::env::temp_dir().join(format!(
            "pap-drafts-{}-{}.db",
            std::process::id(),
            NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
        ));
        let _ = std::fs::remove_file(&path);
        crate::ssr::db::connect_and_migrate(&format!("sqlite://{}", path.display()))
            .await
            .unwrap()
    }

    const NOTES: Drafts<String> = Drafts::new("note");

    #[tokio::test]
    async fn keeps_and_returns_a_draft_of_its_kind() {
        let db = db().await;
        let key = NOTES.keep(&db, &"texte tapé".to_string()).await.unwrap();
        assert_eq!(
            NOTES.get(&db, &key).await.unwrap().as_deref(),
            Some("texte tapé")
        );
        assert_eq!(NOTES.get(&db, "autre").await.unwrap(), None);
        let other: Drafts<String> = Drafts::new("autre");
        assert_eq!(other.get(&db, &key).await.unwrap(), None);
    }

    #[tokio::test]
    async fn a_draft_of_someone_is_for_them_only() {
        let db = db().await;
        let key = NOTES
            .keep_for(&db, "staff:1:1", &"note".to_string())
            .await
            .unwrap();
        assert_eq!(
            NOTES
                .get_for(&db, "staff:1:1", &key)
                .await
                .unwrap()
                .as_deref(),
            Some("note")
        );
        assert_eq!(NOTES.get_for(&db, "staff:1:2", &key).await.unwrap(), None);
        assert_eq!(NOTES.get(&db, &key).await.unwrap(), None);
    }

    #[tokio::test]
    async fn an_expired_draft_is_gone_and_purged() {
        let db = db().await;
        let key = NOTES.keep(&db, &"vieux".to_string()).await.unwrap();
        let mut row = kept_draft::Entity::find_by_id(key.clone())
            .one(&db)
            .await
            .unwrap()
            .unwrap()
            .into_active_model();
        row.expires_at = Set(now() - 1);
        row.update(&db).await.unwrap();
        assert_eq!(NOTES.get(&db, &key).await.unwrap(), None);
        assert_eq!(purge_expired(&db).await.unwrap(), 1);
    }

    /// A request whose token another request holds for longer than the database waits for
    /// a lock (three times 5 s on SQLite) is told so (`Busy`, a 409 page), not a 500.
    #[tokio::test]
    async fn a_token_held_too_long_by_another_request_is_busy_not_an_error() {
        let db = db().await;
        let tokens = FormTokens::new("essai");
        let Claim::First(held) = tokens.claim(&db, "staff:1:1", "t").await.unwrap() else {
            panic!("first")
        };
        assert!(matches!(
            tokens.claim(&db, "staff:1:1", "t").await,
            Ok(Claim::Busy)
        ));
        held.done("42").await.unwrap();
        assert!(matches!(
            tokens.claim(&db, "staff:1:1", "t").await.unwrap(),
            Claim::Done(made) if made == "42"
        ));
    }

    #[tokio::test]
    async fn a_token_does_the_work_once_and_gives_what_it_made() {
        let db = db().await;
        let tokens = FormTokens::new("essai");
        let Claim::First(first) = tokens.claim(&db, "staff:1:1", "t").await.unwrap() else {
            panic!("first")
        };
        first.done("42").await.unwrap();
        assert!(matches!(
            tokens.claim(&db, "staff:1:1", "t").await.unwrap(),
            Claim::Done(made) if made == "42"
        ));
        // Someone else's token, or another kind of form: not the same.
        assert!(matches!(
            tokens.claim(&db, "staff:1:2", "t").await.unwrap(),
            Claim::First(_)
        ));
        assert!(matches!(
            FormTokens::new("autre")
                .claim(&db, "staff:1:1", "t")
                .await
                .unwrap(),
            Claim::First(_)
        ));
        // A refused form releases its token.
        let Claim::First(refused) = tokens.claim(&db, "staff:1:1", "u").await.unwrap() else {
            panic!()
        };
        refused.release().await.unwrap();
        assert!(matches!(
            tokens.claim(&db, "staff:1:1", "u").await.unwrap(),
            Claim::First(_)
        ));
    }
}
