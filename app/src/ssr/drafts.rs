//! Forms kept as typed while the learner or volunteer fixes what was wrong: a form that
//! fails validation is stored here under a random key, and the page shows it again.
//! Drafts live one hour, in memory.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

const LIFETIME: Duration = Duration::from_secs(3600);

#[derive(Debug)]
pub struct Drafts<T> {
    entries: Mutex<HashMap<String, (Instant, T)>>,
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
        let key = crate::ssr::auth::new_session_token();
        let mut entries = self.entries.lock().unwrap_or_else(|e| e.into_inner());
        entries.retain(|_, (at, _)| at.elapsed() < LIFETIME);
        entries.insert(key.clone(), (Instant::now(), value));
        key
    }

    pub fn get(&self, key: &str) -> Option<T> {
        let entries = self.entries.lock().unwrap_or_else(|e| e.into_inner());
        entries
            .get(key)
            .filter(|(at, _)| at.elapsed() < LIFETIME)
            .map(|(_, v)| v.clone())
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
}
