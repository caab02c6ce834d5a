//! The reader's anonymous voter id and remembered votes, kept in localStorage.
//!
//! The id is 32 characters of `[A-Za-z0-9_-]` from the browser's cryptographic random
//! source. Where storage is unavailable (private mode, blocked by the host), the id and
//! votes live in memory for the session, so voting still works.

use std::cell::RefCell;

const VOTER_KEY: &str = "news-widget:voter";
const VOTE_KEY_PREFIX: &str = "news-widget:vote:";

thread_local! {
    static SESSION_VOTER: RefCell<Option<String>> = const { RefCell::new(None) };
    // A list, not a map: a reader votes on a handful of articles a session, and a
    // HashMap<String, bool> of its own costs ~0.5 KB brotli of wasm.
    static SESSION_VOTES: RefCell<Vec<(String, bool)>> = const { RefCell::new(Vec::new()) };
}

/// Whether `id` has the contract's voter format (22-64 chars of `[A-Za-z0-9_-]`).
pub fn is_valid_voter(id: &str) -> bool {
    (22..=64).contains(&id.len())
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// Base64url (no padding) of `bytes`: 24 random bytes give a 32-character id.
pub fn encode_voter(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let mut out = String::with_capacity(bytes.len() * 4 / 3 + 2);
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, b)| n | (*b as u32) << (16 - 8 * i));
        for i in 0..=chunk.len() {
            out.push(ALPHABET[(n >> (18 - 6 * i) & 63) as usize] as char);
        }
    }
    out
}

fn storage() -> Option<web_sys::Storage> {
    // Reading `localStorage` itself throws when storage is blocked.
    web_sys::window()?.local_storage().ok().flatten()
}

fn random_voter() -> Option<String> {
    let crypto = web_sys::window()?.crypto().ok()?;
    let mut bytes = [0u8; 24];
    crypto.get_random_values_with_u8_array(&mut bytes).ok()?;
    Some(encode_voter(&bytes))
}

/// This browser's voter id, created on first use.
pub fn voter_id() -> Option<String> {
    if let Some(id) = SESSION_VOTER.with(|v| v.borrow().clone()) {
        return Some(id);
    }
    let stored = storage()
        .and_then(|s| s.get_item(VOTER_KEY).ok().flatten())
        .filter(|id| is_valid_voter(id));
    let id = match stored {
        Some(id) => id,
        None => {
            let id = random_voter()?;
            if let Some(storage) = storage() {
                let _ = storage.set_item(VOTER_KEY, &id);
            }
            id
        }
    };
    SESSION_VOTER.with(|v| *v.borrow_mut() = Some(id.clone()));
    Some(id)
}

fn vote_key(endpoint: &str, article: &str) -> String {
    format!("{VOTE_KEY_PREFIX}{endpoint}|{article}")
}

/// The vote this browser last had confirmed for `article`, if remembered.
pub fn remembered_vote(endpoint: &str, article: &str) -> Option<bool> {
    let key = vote_key(endpoint, article);
    let session = SESSION_VOTES.with(|votes| {
        let votes = votes.borrow();
        votes
            .iter()
            .find(|(k, _)| *k == key)
            .map(|(_, voted)| *voted)
    });
    if let Some(voted) = session {
        return Some(voted);
    }
    storage()
        .and_then(|s| s.get_item(&key).ok().flatten())
        .map(|value| value == "1")
}

/// Remembers a confirmed vote (or its withdrawal) so a reload shows it at once.
pub fn remember_vote(endpoint: &str, article: &str, voted: bool) {
    let key = vote_key(endpoint, article);
    SESSION_VOTES.with(|votes| {
        let mut votes = votes.borrow_mut();
        match votes.iter_mut().find(|(k, _)| *k == key) {
            Some((_, remembered)) => *remembered = voted,
            None => votes.push((key.clone(), voted)),
        }
    });
    if let Some(storage) = storage() {
        let _ = if voted {
            storage.set_item(&key, "1")
        } else {
            storage.remove_item(&key)
        };
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encoded_ids_have_the_contract_format() {
        let id = encode_voter(&[0xff; 24]);
        assert_eq!(id.len(), 32);
        assert_eq!(id, "_".repeat(32));
        assert!(is_valid_voter(&encode_voter(&[
            0, 1, 2, 250, 251, 252, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22,
            23, 24
        ])));
        assert_eq!(encode_voter(b"Man"), "TWFu");
        assert_eq!(encode_voter(b"Ma"), "TWE");
    }

    #[test]
    fn validates_voter_ids() {
        assert!(is_valid_voter(&"a".repeat(22)));
        assert!(is_valid_voter(&"Z9_-".repeat(16)));
        assert!(!is_valid_voter(&"a".repeat(21)));
        assert!(!is_valid_voter(&"a".repeat(65)));
        assert!(!is_valid_voter(&format!("{}!", "a".repeat(30))));
    }
}
