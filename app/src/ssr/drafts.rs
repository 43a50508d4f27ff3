//! Forms kept as typed while the learner or volunteer fixes what was wrong: a form that
//! fails validation is stored here under a random key, and the page shows it again.
//! Drafts live one hour, in memory. A draft may belong to someone (a staff member): then
//! only they get it back, whoever else has its key.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// The owner of a staff member's drafts: only they get them back.
pub fn owner(staff: &crate::ssr::db::entities::staff::Model) -> String {
    format!("staff:{}:{}", staff.structure_id, staff.id)
}

const LIFETIME: Duration = Duration::from_secs(3600);

#[derive(Debug)]
pub struct Drafts<T> {
    /// Key → (kept at, owner, value); the owner is empty for a draft of nobody in particular.
    entries: Mutex<HashMap<String, (Instant, String, T)>>,
}

impl<T> Default for Drafts<T> {
    fn default() -> Self {
        Self {
            entries: Mutex::new(HashMap::new()),
        }
    }
}

impl<T: Clone> Drafts<T> {
    /// Keeps `value`; returns its key.
    pub fn keep(&self, value: T) -> String {
        self.keep_for("", value)
    }

    /// Keeps `value` for `owner` only (e.g. `staff:12`); returns its key.
    pub fn keep_for(&self, owner: &str, value: T) -> String {
        let key = crate::ssr::auth::new_session_token();
        let mut entries = self.entries.lock().unwrap_or_else(|e| e.into_inner());
        entries.retain(|_, (at, _, _)| at.elapsed() < LIFETIME);
        entries.insert(key.clone(), (Instant::now(), owner.to_string(), value));
        key
    }

    /// A draft kept with [`Drafts::keep`] (of nobody in particular).
    pub fn get(&self, key: &str) -> Option<T> {
        self.get_for("", key)
    }

    /// The draft under `key` if it belongs to `owner`.
    pub fn get_for(&self, owner: &str, key: &str) -> Option<T> {
        let entries = self.entries.lock().unwrap_or_else(|e| e.into_inner());
        entries
            .get(key)
            .filter(|(at, o, _)| at.elapsed() < LIFETIME && o == owner)
            .map(|(_, _, v)| v.clone())
    }
}

/// One-time form tokens: the first request with a token does the work, the others get
/// what it made (e.g. a session form posted twice without JavaScript saves one session).
#[derive(Debug, Default)]
pub struct OnceTokens {
    /// Token → (claimed at, what the first request made, once it is done).
    entries: Mutex<HashMap<String, (Instant, Option<i32>)>>,
}

/// What a request with a one-time token must do.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Once {
    /// The first: do the work, then [`OnceTokens::done`] or [`OnceTokens::release`].
    First,
    /// Already done: this is what was made.
    Done(i32),
    /// Another request with this token is still at work.
    Busy,
}

impl OnceTokens {
    pub fn claim(&self, token: &str) -> Once {
        let mut entries = self.entries.lock().unwrap_or_else(|e| e.into_inner());
        entries.retain(|_, (at, _)| at.elapsed() < LIFETIME);
        match entries.get(token) {
            Some((_, Some(id))) => Once::Done(*id),
            Some((_, None)) => Once::Busy,
            None => {
                entries.insert(token.to_string(), (Instant::now(), None));
                Once::First
            }
        }
    }

    pub fn done(&self, token: &str, made: i32) {
        let mut entries = self.entries.lock().unwrap_or_else(|e| e.into_inner());
        entries.insert(token.to_string(), (Instant::now(), Some(made)));
    }

    /// The work failed or was refused: the token may be used again.
    pub fn release(&self, token: &str) {
        let mut entries = self.entries.lock().unwrap_or_else(|e| e.into_inner());
        entries.remove(token);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_and_returns_a_draft() {
        let drafts = Drafts::default();
        let key = drafts.keep(String::from("texte tapé"));
        assert_eq!(drafts.get(&key).as_deref(), Some("texte tapé"));
        assert_eq!(drafts.get("autre"), None);
    }

    #[test]
    fn a_draft_of_someone_is_for_them_only() {
        let drafts = Drafts::default();
        let key = drafts.keep_for("staff:1", String::from("note"));
        assert_eq!(drafts.get_for("staff:1", &key).as_deref(), Some("note"));
        assert_eq!(drafts.get_for("staff:2", &key), None);
        assert_eq!(drafts.get(&key), None);
    }
}
