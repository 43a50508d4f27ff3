//! Secrets: learners' personal codes, staff passwords (argon2id) and session tokens.

use argon2::Argon2;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use base64::Engine;
use rand::Rng;
use sha2::{Digest, Sha256};

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

/// Hashes a password with argon2id (the crate's default algorithm and parameters).
/// CPU-heavy: call it from a blocking task.
pub fn hash_password(password: &str) -> Result<String, argon2::password_hash::Error> {
    let salt = SaltString::generate(&mut argon2::password_hash::rand_core::OsRng);
    Ok(Argon2::default()
        .hash_password(password.as_bytes(), &salt)?
        .to_string())
}

/// Checks a password against a stored argon2 hash. CPU-heavy: call it from a blocking task.
pub fn verify_password(hash: &str, password: &str) -> bool {
    PasswordHash::new(hash).is_ok_and(|h| {
        Argon2::default()
            .verify_password(password.as_bytes(), &h)
            .is_ok()
    })
}

/// A hash to check against when the identifier is unknown, so that the answer takes as
/// long as for a known one.
pub fn dummy_password_hash() -> &'static str {
    static HASH: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    HASH.get_or_init(|| hash_password("pas-a-pas-dummy").unwrap_or_default())
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

    #[test]
    fn passwords_are_hashed_with_argon2id() {
        let hash = hash_password("demo-pas-a-pas").unwrap();
        assert!(hash.starts_with("$argon2id$"), "{hash}");
        assert!(verify_password(&hash, "demo-pas-a-pas"));
        assert!(!verify_password(&hash, "demo-pas-a-pa"));
        assert!(!verify_password("not a hash", "x"));
    }

    #[test]
    fn tokens_are_random_and_hashed() {
        let (a, b) = (new_session_token(), new_session_token());
        assert_ne!(a, b);
        assert_eq!(token_hash(&a).len(), 64);
        assert_eq!(token_hash(&a), token_hash(&a));
    }
}
