//! Validation of what clients send: article ids, voter ids and page sizes.

use crate::error::ApiError;

/// Page size when `limit` is absent.
pub const DEFAULT_LIMIT: u32 = 10;
/// Largest page size; larger requests are clamped to it.
pub const MAX_LIMIT: u32 = 50;
/// Voter ids are 22 to 64 characters of `[A-Za-z0-9_-]`.
pub const VOTER_MIN_LEN: usize = 22;
/// See `VOTER_MIN_LEN`.
pub const VOTER_MAX_LEN: usize = 64;
/// Article ids are 1 to 64 characters of `[A-Za-z0-9_-]`.
pub const ARTICLE_ID_MAX_LEN: usize = 64;

fn is_id_char(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'_' || c == b'-'
}

/// Whether `id` is a well-formed article id.
pub fn is_article_id(id: &str) -> bool {
    (1..=ARTICLE_ID_MAX_LEN).contains(&id.len()) && id.bytes().all(is_id_char)
}

/// Checks an article id.
pub fn article_id(id: &str) -> Result<(), ApiError> {
    if is_article_id(id) {
        Ok(())
    } else {
        Err(ApiError::InvalidArticleId)
    }
}

/// Checks a voter id, saying what is wrong with it.
pub fn voter(voter: &str) -> Result<(), ApiError> {
    let len = voter.chars().count();
    if len < VOTER_MIN_LEN {
        return Err(ApiError::InvalidVoter(format!(
            "voter must be at least {VOTER_MIN_LEN} characters (got {len})"
        )));
    }
    if len > VOTER_MAX_LEN {
        return Err(ApiError::InvalidVoter(format!(
            "voter must be at most {VOTER_MAX_LEN} characters (got {len})"
        )));
    }
    if !voter.bytes().all(is_id_char) {
        return Err(ApiError::InvalidVoter(
            "voter may only contain A-Z, a-z, 0-9, '_' and '-'".into(),
        ));
    }
    Ok(())
}

/// Parses `limit`: absent → default, larger than the maximum → the maximum;
/// anything but a positive decimal integer → 400.
pub fn limit(raw: Option<&str>) -> Result<u32, ApiError> {
    let Some(raw) = raw else {
        return Ok(DEFAULT_LIMIT);
    };
    if raw.is_empty() || !raw.bytes().all(|b| b.is_ascii_digit()) {
        return Err(ApiError::InvalidLimit(format!(
            "limit must be a positive whole number (got {raw:?}); default {DEFAULT_LIMIT}, maximum {MAX_LIMIT}"
        )));
    }
    let digits = raw.trim_start_matches('0');
    if digits.is_empty() {
        return Err(ApiError::InvalidLimit(format!(
            "limit must be at least 1; default {DEFAULT_LIMIT}, maximum {MAX_LIMIT}"
        )));
    }
    // Any value with more digits than the maximum is simply clamped.
    Ok(digits
        .parse::<u32>()
        .map_or(MAX_LIMIT, |n| n.min(MAX_LIMIT)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limits() {
        assert_eq!(limit(None).ok(), Some(DEFAULT_LIMIT));
        assert_eq!(limit(Some("7")).ok(), Some(7));
        assert_eq!(limit(Some("50")).ok(), Some(50));
        assert_eq!(limit(Some("51")).ok(), Some(50));
        assert_eq!(limit(Some("99999999999999999999")).ok(), Some(50));
        for bad in ["", "0", "00", "-1", "+5", "1.5", "abc", " 5", "5 "] {
            assert!(limit(Some(bad)).is_err(), "accepted {bad:?}");
        }
    }

    #[test]
    fn voters() {
        assert!(voter(&"a".repeat(22)).is_ok());
        assert!(voter(&"Z9_-".repeat(16)).is_ok());
        assert!(voter(&"a".repeat(21)).is_err());
        assert!(voter(&"a".repeat(65)).is_err());
        assert!(voter(&format!("{}!", "a".repeat(30))).is_err());
        assert!(voter(&format!("{}é", "a".repeat(30))).is_err());
    }

    #[test]
    fn article_ids() {
        assert!(is_article_id("a-123"));
        assert!(is_article_id(&"x".repeat(64)));
        assert!(!is_article_id(""));
        assert!(!is_article_id(&"x".repeat(65)));
        assert!(!is_article_id("a.b"));
        assert!(!is_article_id("a b"));
    }
}
