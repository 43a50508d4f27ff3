//! Every step read aloud by the server, so that a learner can listen without JavaScript
//! and without a French voice in their browser.
//!
//! After the content is loaded (at start-up, and whenever it changes: a file, a browser
//! edit on any instance), [`follow`] makes in the background the audio each published step
//! lacks: its text as a learner sees it ([`reading::step_text`]) read by [`voice::Voice`].
//! An audio is keyed by a hash of that text and of the voice's settings, and kept in the
//! database (table `step_audio`): each text is made once for every instance, an unchanged
//! step keeps its audio across edits of the others, and two instances making the same one
//! at once insert it once. One audio is made at a time, on a blocking thread, so serving is
//! never held up; until a step's audio is there, its page simply has no player.
//!
//! The audio of a text no longer in any published lesson (a step edited, a lesson removed)
//! is kept [`UNUSED_KEPT_SECS`] more (an instance still on the old catalogue, or a page
//! open in a learner's browser, may still ask for it), then removed: every run refreshes
//! `seen_at` of the current texts' audio and removes the audio unseen for that long.
//!
//! Each instance remembers which keys are in the database ([`StepAudio::href`] answers
//! from memory, no query); a cached step page keeps the readiness of its own step's audio,
//! and is rendered again with its player when that changes ([`StepAudio::is_ready`]).

pub mod reading;
pub mod voice;

use std::collections::HashSet;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

use sea_orm::sea_query::{Expr, OnConflict};
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QuerySelect, Set};
use sha2::{Digest, Sha256};

use crate::paths::{self, StepRef};
use crate::ssr::content::{Catalog, ContentStore, Step};
use crate::ssr::db::entities::step_audio;
use crate::ssr::db::now;
use voice::Voice;

/// How long the audio of a text no longer in any published lesson is kept (seven days).
pub const UNUSED_KEPT_SECS: i64 = 7 * 24 * 3600;

/// `seen_at` is refreshed when older than this, so that a run writes rarely.
const SEEN_REFRESH_SECS: i64 = 3600;

/// The audio of steps: which are ready, and how to make the others.
#[derive(Debug, Default)]
pub struct StepAudio {
    voice: Voice,
    /// Keys known to be in the database.
    ready: RwLock<HashSet<String>>,
    /// One run at a time (a run started meanwhile waits, then finds the work done).
    running: tokio::sync::Mutex<()>,
    /// The missing programs were reported once.
    warned: AtomicBool,
}

/// What a run did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Generated {
    /// Distinct texts of the published steps.
    pub texts: usize,
    /// Already in the database.
    pub found: usize,
    /// Made by this run.
    pub made: usize,
    /// That could not be made (logged).
    pub failed: usize,
    /// The programs are missing: nothing was made.
    pub unavailable: bool,
    /// A newer catalogue arrived: this run stopped (the next one goes on).
    pub interrupted: bool,
    /// Audio of texts in no published lesson for [`UNUSED_KEPT_SECS`], removed by this run.
    pub purged: u64,
}

impl StepAudio {
    pub fn new(voice: Voice) -> Self {
        Self {
            voice,
            ..Self::default()
        }
    }

    /// The key of `text` read by this voice: a hex SHA-256.
    pub fn key(&self, text: &str) -> String {
        let mut hash = Sha256::new();
        hash.update(self.voice.settings().as_bytes());
        hash.update([0]);
        hash.update(text.as_bytes());
        hex::encode(hash.finalize())
    }

    /// The key of a step's audio; `None` if there is nothing to read.
    pub fn key_of(&self, step: &Step) -> Option<String> {
        let text = reading::step_text(step);
        (!text.is_empty()).then(|| self.key(&text))
    }

    /// Where the audio of `step` is served, if it is ready.
    pub fn href(&self, catalog: &Catalog, step: &StepRef) -> Option<String> {
        let step = catalog.step(&step.module, &step.lesson, &step.step)?;
        let key = self.key_of(step)?;
        self.is_ready(&key).then(|| paths::audio(&key))
    }

    pub fn is_ready(&self, key: &str) -> bool {
        self.ready
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .contains(key)
    }

    /// The keys ready are exactly `keys` (those of the current catalogue found in the
    /// database): a key removed meanwhile is no longer offered.
    fn set_ready(&self, keys: HashSet<String>) {
        *self.ready.write().unwrap_or_else(|e| e.into_inner()) = keys;
    }

    fn mark_ready(&self, keys: impl IntoIterator<Item = String>) {
        self.ready
            .write()
            .unwrap_or_else(|e| e.into_inner())
            .extend(keys);
    }

    /// Makes the audio the published steps of the current catalogue lack, one at a time;
    /// stops early if the content changes meanwhile.
    pub async fn generate(
        &self,
        db: &impl ConnectionTrait,
        content: &ContentStore,
    ) -> Result<Generated, DbErr> {
        let _one_run = self.running.lock().await;
        let catalog = content.get();
        let mut texts: Vec<(String, String)> = Vec::new();
        let mut seen = HashSet::new();
        for module in catalog.with_history() {
            for lesson in &module.lessons {
                for step in &lesson.steps {
                    let text = reading::step_text(step);
                    if text.is_empty() {
                        continue;
                    }
                    let key = self.key(&text);
                    if seen.insert(key.clone()) {
                        texts.push((key, text));
                    }
                }
            }
        }
        let mut done = Generated {
            texts: texts.len(),
            ..Generated::default()
        };
        let mut present = HashSet::new();
        let now = now();
        for chunk in texts.chunks(200) {
            let keys: Vec<String> = chunk.iter().map(|(k, _)| k.clone()).collect();
            let found: Vec<String> = step_audio::Entity::find()
                .select_only()
                .column(step_audio::Column::Key)
                .filter(step_audio::Column::Key.is_in(keys.clone()))
                .into_tuple()
                .all(db)
                .await?;
            present.extend(found);
            step_audio::Entity::update_many()
                .col_expr(step_audio::Column::SeenAt, Expr::value(now))
                .filter(step_audio::Column::Key.is_in(keys))
                .filter(step_audio::Column::SeenAt.lt(now - SEEN_REFRESH_SECS))
                .exec(db)
                .await?;
        }
        done.found = present.len();
        done.purged = step_audio::Entity::delete_many()
            .filter(step_audio::Column::SeenAt.lt(now - UNUSED_KEPT_SECS))
            .exec(db)
            .await?
            .rows_affected;
        if done.purged > 0 {
            tracing::info!(
                removed = done.purged,
                "audio of texts in no published lesson for seven days removed"
            );
        }
        self.set_ready(present.clone());
        let missing: Vec<(String, String)> = texts
            .into_iter()
            .filter(|(k, _)| !present.contains(k))
            .collect();
        if missing.is_empty() {
            return Ok(done);
        }
        let voice = self.voice.clone();
        let check = match tokio::task::spawn_blocking(move || voice.available()).await {
            Ok(checked) => checked,
            Err(e) => Err(voice::SpeechError::Io(std::io::Error::other(e))),
        };
        if let Err(e) = check {
            if !self.warned.swap(true, Ordering::Relaxed) {
                tracing::warn!(error = %e, "no audio for the steps: install espeak-ng and lame");
            }
            done.unavailable = true;
            return Ok(done);
        }
        let started = Instant::now();
        for (key, text) in missing {
            if !Arc::ptr_eq(&catalog, &content.get()) {
                done.interrupted = true;
                break;
            }
            let voice = self.voice.clone();
            let made = tokio::task::spawn_blocking(move || voice.speak(&text)).await;
            let audio = match made {
                Ok(Ok(audio)) => audio,
                Ok(Err(e)) => {
                    tracing::warn!(error = %e, key, "cannot make a step's audio");
                    done.failed += 1;
                    continue;
                }
                Err(e) => {
                    tracing::warn!(error = %e, key, "the speech task failed");
                    done.failed += 1;
                    continue;
                }
            };
            store(db, &key, &audio).await?;
            self.mark_ready([key]);
            done.made += 1;
        }
        if done.made > 0 {
            tracing::info!(
                made = done.made,
                found = done.found,
                failed = done.failed,
                seconds = started.elapsed().as_secs_f64(),
                "steps' audio made"
            );
        }
        Ok(done)
    }
}

/// Keeps `audio` under `key`; if another instance kept it first, nothing changes.
async fn store(db: &impl ConnectionTrait, key: &str, audio: &voice::Audio) -> Result<(), DbErr> {
    step_audio::Entity::insert(step_audio::ActiveModel {
        key: Set(key.to_string()),
        bytes: Set(audio.bytes.clone()),
        content_type: Set(voice::CONTENT_TYPE.to_string()),
        duration_ms: Set(i64::try_from(audio.duration_ms).unwrap_or(i64::MAX)),
        created_at: Set(now()),
        seen_at: Set(now()),
    })
    .on_conflict(
        OnConflict::column(step_audio::Column::Key)
            .do_nothing()
            .to_owned(),
    )
    .exec_without_returning(db)
    .await?;
    Ok(())
}

/// The audio kept under `key`: its bytes and media type.
pub async fn stored(
    db: &impl ConnectionTrait,
    key: &str,
) -> Result<Option<(Vec<u8>, String)>, DbErr> {
    Ok(step_audio::Entity::find_by_id(key.to_string())
        .one(db)
        .await?
        .map(|a| (a.bytes, a.content_type)))
}

/// Is `key` the shape of an audio's key (64 lowercase hex digits)?
pub fn is_key(key: &str) -> bool {
    key.len() == 64 && key.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
}

/// Runs for as long as the server: makes the steps' audio after the content is loaded, and
/// again a moment after each change of the catalogue (however it came: a file, a browser
/// edit here or on another instance).
pub async fn follow(audio: Arc<StepAudio>, db: sea_orm::DatabaseConnection, content: ContentStore) {
    let mut done: Option<Arc<Catalog>> = None;
    let mut every_second = tokio::time::interval(Duration::from_secs(1));
    every_second.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        every_second.tick().await;
        let current = content.get();
        if done.as_ref().is_some_and(|d| Arc::ptr_eq(d, &current)) {
            continue;
        }
        match audio.generate(&db, &content).await {
            Ok(g) if g.interrupted => {}
            Ok(_) => done = Some(current),
            Err(e) => {
                // The database is away: try again in a minute.
                tracing::warn!(error = %e, "cannot make the steps' audio");
                tokio::time::sleep(Duration::from_secs(60)).await;
            }
        }
    }
}
