//! Opaque paging cursors: base64url (no padding) of a small versioned text that
//! names where the next page starts. Decoding is strict: only cursors this server
//! could have produced are accepted; anything else is a 400 `invalid_cursor`.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;

use crate::error::ApiError;
use crate::store::{ArticleKey, ListKind};
use crate::validate::is_article_id;

/// Longest cursor accepted (the longest one we produce is well below).
const MAX_CURSOR_LEN: usize = 256;

/// The cursor of `article`'s recommendation `list` continuing after 1-based `position`.
pub fn encode_position(list: ListKind, article: &str, position: u32) -> String {
    URL_SAFE_NO_PAD.encode(format!("r2|{}|{article}|{position}", list.as_str()))
}

/// The position a recommendation cursor continues after; it must belong to `article`'s
/// `list` (the caller also checks it against the list's length).
pub fn decode_position(cursor: &str, list: ListKind, article: &str) -> Result<u32, ApiError> {
    let text = decode_text(cursor)?;
    let mut fields = text.split('|');
    let (Some("r2"), Some(name), Some(owner), Some(position), None) = (
        fields.next(),
        fields.next(),
        fields.next(),
        fields.next(),
        fields.next(),
    ) else {
        return Err(malformed());
    };
    if name != list.as_str() {
        return Err(ApiError::InvalidCursor(format!(
            "cursor belongs to the {name:?} list, not {:?}",
            list.as_str()
        )));
    }
    if owner != article {
        return Err(ApiError::InvalidCursor(
            "cursor belongs to another article's list".into(),
        ));
    }
    parse_canonical_u32(position)
        .filter(|&position| position >= 1)
        .ok_or_else(malformed)
}

/// A cursor at or past the end of its list: never produced (the last page has no
/// `next_cursor`), so forged, or stale after the list shrank.
pub fn past_the_end(total: u64) -> ApiError {
    ApiError::InvalidCursor(format!(
        "cursor is past the end of the list ({total} items); start again without a cursor"
    ))
}

/// The cursor of the article index continuing after `key`.
pub fn encode_article_key(key: &ArticleKey) -> String {
    URL_SAFE_NO_PAD.encode(format!("a1|{}|{}", key.published_at, key.id))
}

/// The article-index position a cursor continues after.
pub fn decode_article_key(cursor: &str) -> Result<ArticleKey, ApiError> {
    let text = decode_text(cursor)?;
    let mut fields = text.split('|');
    let (Some("a1"), Some(published_at), Some(id), None) =
        (fields.next(), fields.next(), fields.next(), fields.next())
    else {
        return Err(malformed());
    };
    let timestamp_like = published_at.len() <= 40
        && published_at
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, 'T' | 'Z' | ':' | '.' | '+' | '-'));
    if !timestamp_like || !is_article_id(id) {
        return Err(malformed());
    }
    Ok(ArticleKey {
        published_at: published_at.to_string(),
        id: id.to_string(),
    })
}

fn decode_text(cursor: &str) -> Result<String, ApiError> {
    if cursor.is_empty() || cursor.len() > MAX_CURSOR_LEN {
        return Err(malformed());
    }
    let bytes = URL_SAFE_NO_PAD.decode(cursor).map_err(|_| malformed())?;
    // Re-encoding must give the same text: rejects non-canonical trailing bits.
    if URL_SAFE_NO_PAD.encode(&bytes) != cursor {
        return Err(malformed());
    }
    String::from_utf8(bytes).map_err(|_| malformed())
}

/// Digits only, no sign, no leading zero.
fn parse_canonical_u32(text: &str) -> Option<u32> {
    let canonical = !text.is_empty()
        && text.bytes().all(|b| b.is_ascii_digit())
        && (text == "0" || !text.starts_with('0'));
    canonical.then(|| text.parse().ok()).flatten()
}

fn malformed() -> ApiError {
    ApiError::InvalidCursor("cursor is malformed; use next_cursor from a previous page".into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_round_trip_and_stay_in_their_list() {
        let cursor = encode_position(ListKind::Popular, "a-1", 40);
        assert_eq!(
            decode_position(&cursor, ListKind::Popular, "a-1").ok(),
            Some(40)
        );
        assert!(decode_position(&cursor, ListKind::Related, "a-1").is_err());
        assert!(decode_position(&cursor, ListKind::Popular, "a-2").is_err());
    }

    #[test]
    fn article_keys_round_trip() {
        let key = ArticleKey {
            published_at: "2026-05-11T07:30:00Z".into(),
            id: "ferry-batteries".into(),
        };
        assert_eq!(
            decode_article_key(&encode_article_key(&key)).ok(),
            Some(key)
        );
    }

    #[test]
    fn malformed_cursors_are_refused() {
        for bad in [
            "",
            "!!!",
            "cjF8cmVsYXRlZHwxMA==",                    // padded
            &URL_SAFE_NO_PAD.encode("r2|related|a|0"), // position 0 is never produced
            &URL_SAFE_NO_PAD.encode("r2|related|a|-1"),
            &URL_SAFE_NO_PAD.encode("r2|related|a|010"),
            &URL_SAFE_NO_PAD.encode("r2|related|a|10|x"),
            &URL_SAFE_NO_PAD.encode("r1|related|10"), // the version before articles
            &URL_SAFE_NO_PAD.encode("r3|related|a|10"),
            &"A".repeat(300),
        ] {
            assert!(
                decode_position(bad, ListKind::Related, "a").is_err(),
                "accepted {bad:?}"
            );
        }
        assert!(decode_article_key(&URL_SAFE_NO_PAD.encode("a1|x y|id")).is_err());
        assert!(decode_article_key(&URL_SAFE_NO_PAD.encode("a1|2026|bad id")).is_err());
    }
}
