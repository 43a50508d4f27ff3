//! Turns by key: work that many requests may ask for at once (looking up a session,
//! rendering a step) is done by one of them while the others wait, then find it done.
//!
//! A fixed number of turns is shared by all keys (two keys may share one: then one waits
//! for the other), so memory stays bounded whatever keys arrive. Keys are spread by a
//! hasher seeded at random for each process, so that nobody can choose keys that all wait
//! behind someone else's.

use std::hash::{BuildHasher, Hash, RandomState};

use tokio::sync::{Mutex, MutexGuard};

#[derive(Debug)]
pub struct Turns {
    slots: Box<[Mutex<()>]>,
    hasher: RandomState,
}

impl Turns {
    /// `count` turns (at least one).
    pub fn new(count: usize) -> Self {
        Self {
            slots: (0..count.max(1)).map(|_| Mutex::new(())).collect(),
            hasher: RandomState::new(),
        }
    }

    /// Waits for the turn of `key`, held until the guard is dropped.
    pub async fn turn<K: Hash + ?Sized>(&self, key: &K) -> MutexGuard<'_, ()> {
        let slot = self.hasher.hash_one(key) % self.slots.len() as u64;
        self.slots[slot as usize].lock().await
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[tokio::test]
    async fn a_key_s_turn_is_held_once_and_other_turns_stay_free() {
        let turns = Turns::new(64);
        let held = turns.turn("a").await;
        // The same key waits while its turn is held.
        assert!(
            tokio::time::timeout(Duration::from_millis(20), turns.turn("a"))
                .await
                .is_err()
        );
        // With 64 turns, some other key has its own turn free.
        let mut free = 0;
        for key in 0..64 {
            if tokio::time::timeout(Duration::from_millis(1), turns.turn(&key))
                .await
                .is_ok()
            {
                free += 1;
            }
        }
        assert!(free > 0, "every turn waited for one key's");
        drop(held);
        let _again = turns.turn("a").await;
    }

    #[tokio::test]
    async fn one_turn_still_works() {
        let turns = Turns::new(0);
        drop(turns.turn("a").await);
        drop(turns.turn("b").await);
    }
}
