//! Secrets: learners' personal codes, staff passwords (argon2id) and session tokens.

use argon2::Argon2;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use base64::Engine;
use rand::Rng;
use sha2::{Digest, Sha256};
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::{OwnedSemaphorePermit, Semaphore};

/// The characters of a generated code: no look-alikes (no 0/O, no 1/I/L).
pub const CODE_ALPHABET: &[u8] = b"ABCDEFGHJKMNPQRSTUVWXYZ23456789";
/// Length of a generated code, without its dash: 31^10 ≈ 2^49.5 codes (README,
/// "Security"). Printed as two groups of five, `ABCDE-FGHJK`.
pub const CODE_LEN: usize = 10;
/// Length of the codes of the first cards (until December 2026), which keep working:
/// printed `ABCD-EFGH`.
pub const OLD_CODE_LEN: usize = 8;

/// A new random personal code, normalised (`ABCDEFGH`).
pub fn generate_code() -> String {
    let mut rng = rand::rng();
    (0..CODE_LEN)
        .map(|_| CODE_ALPHABET[rng.random_range(0..CODE_ALPHABET.len())] as char)
        .collect()
}

/// What a learner typed, normalised: case, spaces and dashes do not count.
pub fn normalize_code(input: &str) -> String {
    input
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '-' | '‐' | '‑' | '–' | '—' | '_' | '.'))
        .flat_map(char::to_uppercase)
        .collect()
}

/// A normalised code as printed, in two halves: `ABCDE-FGHJK` (`ABCD-EFGH` for the codes
/// of the first cards).
pub fn format_code(code: &str) -> String {
    let chars: Vec<char> = code.chars().collect();
    if chars.len() == CODE_LEN || chars.len() == OLD_CODE_LEN {
        let (a, b) = chars.split_at(chars.len() / 2);
        format!(
            "{}-{}",
            a.iter().collect::<String>(),
            b.iter().collect::<String>()
        )
    } else {
        code.to_string()
    }
}

/// Each argon2id hash or check holds about 19 MiB of memory for its whole run (the crate's
/// default parameters): unbounded, 63 wrong staff sign-ins at once held 1.1 GiB. The gate
/// lets a few run at once (one per core: more would only wait for a core) and makes the
/// others wait, a bounded time; then they are answered "busy" (a 503 page). One gate per
/// running site, in `AppState`.
#[derive(Clone, Debug)]
pub struct PasswordGate {
    permits: Arc<Semaphore>,
    wait: Duration,
}

/// The right to hash or check one password: only [`PasswordGate::permit`] makes one, and
/// the hashing functions take it (by value: it is given back when the work is done).
#[derive(Debug)]
pub struct PasswordPermit(#[allow(dead_code)] OwnedSemaphorePermit);

/// Too many passwords were being checked for longer than the gate waits.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
#[error("too many password checks at once")]
pub struct Busy;

impl PasswordGate {
    /// How long a request waits for its turn before it is told the site is busy.
    pub const WAIT: Duration = Duration::from_secs(10);

    pub fn new(permits: usize, wait: Duration) -> Self {
        Self {
            permits: Arc::new(Semaphore::new(permits.max(1))),
            wait,
        }
    }

    /// One permit per core (at least one), waiting [`Self::WAIT`] at most: a check keeps a
    /// core busy all along, so more at once only add their 19 MiB each without finishing
    /// sooner (two per core peaked at 110 MiB under 64 parallel wrong sign-ins on 2 cores;
    /// see README "Memory an anonymous visitor can make the server hold").
    pub fn for_this_machine() -> Self {
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        Self::new(cores, Self::WAIT)
    }

    /// Waits for a turn, [`Busy`] after the gate's waiting time.
    pub async fn permit(&self) -> Result<PasswordPermit, Busy> {
        match tokio::time::timeout(self.wait, self.permits.clone().acquire_owned()).await {
            Ok(Ok(permit)) => Ok(PasswordPermit(permit)),
            // Timed out, or the semaphore was closed (never done).
            _ => Err(Busy),
        }
    }

    /// Waits for a turn however long it takes: for the command line and the demo data, never
    /// for a request. (The semaphore is never closed, so acquiring cannot fail.)
    pub async fn permit_unbounded(&self) -> PasswordPermit {
        loop {
            if let Ok(permit) = self.permits.clone().acquire_owned().await {
                return PasswordPermit(permit);
            }
        }
    }

    /// How many checks could start now (for tests).
    pub fn available(&self) -> usize {
        self.permits.available_permits()
    }
}

/// Hashes a password with argon2id (the crate's default algorithm and parameters).
/// CPU-heavy: call it from a blocking task, with the gate's permit.
pub fn hash_password(
    _permit: PasswordPermit,
    password: &str,
) -> Result<String, argon2::password_hash::Error> {
    hash_unchecked(password)
}

fn hash_unchecked(password: &str) -> Result<String, argon2::password_hash::Error> {
    let salt = SaltString::generate(&mut argon2::password_hash::rand_core::OsRng);
    Ok(Argon2::default()
        .hash_password(password.as_bytes(), &salt)?
        .to_string())
}

/// Checks a password against a stored argon2 hash; `None`: against a dummy hash, so that an
/// unknown identifier takes as long as a known one (and is never accepted). CPU-heavy: call
/// it from a blocking task, with the gate's permit.
pub fn verify_password(_permit: PasswordPermit, hash: Option<&str>, password: &str) -> bool {
    let Some(hash) = hash else {
        let _ = check(dummy_password_hash(), password);
        return false;
    };
    check(hash, password)
}

fn check(hash: &str, password: &str) -> bool {
    PasswordHash::new(hash).is_ok_and(|h| {
        Argon2::default()
            .verify_password(password.as_bytes(), &h)
            .is_ok()
    })
}

/// A hash to check against when the identifier is unknown (made once, under the permit of
/// the first check that needs it).
fn dummy_password_hash() -> &'static str {
    static HASH: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    HASH.get_or_init(|| hash_unchecked("pas-a-pas-dummy").unwrap_or_default())
}

/// A new session token for the cookie (256 random bits).
pub fn new_session_token() -> String {
    let mut bytes = [0u8; 32];
    rand::rng().fill(&mut bytes);
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

/// What is stored for a token: its SHA-256, hex.
pub fn token_hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_codes_avoid_look_alikes() {
        for _ in 0..500 {
            let code = generate_code();
            assert_eq!(code.len(), CODE_LEN);
            assert!(!code.contains(['0', 'O', '1', 'I', 'L']), "{code}");
            assert!(code.bytes().all(|b| CODE_ALPHABET.contains(&b)));
        }
    }

    #[test]
    fn typing_ignores_case_spaces_and_dashes() {
        assert_eq!(normalize_code(" bien-venu "), "BIENVENU");
        assert_eq!(normalize_code("Bien Venu"), "BIENVENU");
        assert_eq!(normalize_code("abcd – efgh"), "ABCDEFGH");
        assert_eq!(format_code("ABCDEFGH"), "ABCD-EFGH");
        assert_eq!(format_code("ABCDEFGHJK"), "ABCDE-FGHJK");
        assert_eq!(normalize_code("abcde-fghjk"), "ABCDEFGHJK");
    }

    #[tokio::test]
    async fn passwords_are_hashed_with_argon2id() {
        let gate = PasswordGate::new(1, Duration::from_secs(1));
        let hash = hash_password(gate.permit().await.unwrap(), "demo-pas-a-pas").unwrap();
        assert!(hash.starts_with("$argon2id$"), "{hash}");
        let ok = |h: Option<&'static str>, p| {
            let gate = gate.clone();
            async move { verify_password(gate.permit().await.unwrap(), h, p) }
        };
        let hash: &'static str = Box::leak(hash.into_boxed_str());
        assert!(ok(Some(hash), "demo-pas-a-pas").await);
        assert!(!ok(Some(hash), "demo-pas-a-pa").await);
        assert!(!ok(Some("not a hash"), "x").await);
        assert!(!ok(None, "pas-a-pas-dummy").await);
    }

    #[tokio::test]
    async fn the_gate_lets_a_few_checks_run_and_the_others_wait_a_bounded_time() {
        let gate = PasswordGate::new(2, Duration::from_millis(50));
        let a = gate.permit().await.unwrap();
        let _b = gate.permit().await.unwrap();
        assert_eq!(gate.available(), 0);
        let start = std::time::Instant::now();
        assert_eq!(gate.permit().await.unwrap_err(), Busy);
        assert!(start.elapsed() >= Duration::from_millis(50));
        // A permit given back lets the next one in.
        drop(a);
        assert!(gate.permit().await.is_ok());
        assert!(PasswordGate::for_this_machine().available() >= 2);
    }

    #[test]
    fn tokens_are_random_and_hashed() {
        let (a, b) = (new_session_token(), new_session_token());
        assert_ne!(a, b);
        assert_eq!(token_hash(&a).len(), 64);
        assert_eq!(token_hash(&a), token_hash(&a));
    }
}
