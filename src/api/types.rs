//! The JSON contract v1 (see `contract/openapi.yaml`): what an endpoint sends us.
//!
//! Unknown fields are ignored and unknown body block types are skipped, so endpoints can
//! grow without breaking deployed widgets. Wrong types and missing required fields are
//! decode errors that name the offending field.

use serde::{Deserialize, Deserializer};

/// One article, as served by `GET {endpoint}/articles/{id}`.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct Article {
    pub id: String,
    #[serde(default)]
    pub url: Option<String>,
    pub title: String,
    #[serde(default, deserialize_with = "null_as_empty")]
    pub section: Vec<String>,
    #[serde(default)]
    pub source: Option<Source>,
    #[serde(default)]
    pub published_at: Option<String>,
    #[serde(default)]
    pub updated_at: Option<String>,
    #[serde(default)]
    pub byline: Option<String>,
    #[serde(default)]
    pub dateline: Option<String>,
    #[serde(default)]
    pub image: Option<Image>,
    #[serde(deserialize_with = "known_blocks")]
    pub body: Vec<Block>,
    #[serde(default)]
    pub rating: Option<Rating>,
}

/// Where a story comes from.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct Source {
    pub name: String,
    #[serde(default)]
    pub url: Option<String>,
}

/// An image with its intrinsic size, so the layout reserves its box before it loads.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct Image {
    pub url: String,
    #[serde(default)]
    pub alt: Option<String>,
    #[serde(default)]
    pub width: Option<u32>,
    #[serde(default)]
    pub height: Option<u32>,
}

/// The public reaction shown on the rating button.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct Rating {
    pub label: String,
    pub count: u64,
}

/// One block of an article body.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(tag = "type", rename_all = "lowercase")]
pub enum Block {
    Paragraph {
        text: String,
    },
    Heading {
        text: String,
    },
    Quote {
        text: String,
        #[serde(default)]
        cite: Option<String>,
    },
    Image {
        url: String,
        #[serde(default)]
        alt: Option<String>,
        #[serde(default)]
        width: Option<u32>,
        #[serde(default)]
        height: Option<u32>,
        #[serde(default)]
        caption: Option<String>,
    },
    /// CMS output: rendered only through the sanitizer, never as raw HTML.
    Html {
        html: String,
    },
    /// A block type this version does not know: skipped (forward compatible).
    #[serde(other)]
    Unknown,
}

/// A recommendation card, as listed by the recommendations and articles endpoints.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct Card {
    pub id: String,
    pub url: String,
    pub title: String,
    #[serde(default)]
    pub image: Option<Image>,
    #[serde(default)]
    pub source: Option<Source>,
    #[serde(default)]
    pub published_at: Option<String>,
    #[serde(default)]
    pub rank: Option<u32>,
}

/// One page of a recommendation list.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct RecommendationPage {
    #[serde(default)]
    pub list: Option<String>,
    pub items: Vec<Card>,
    #[serde(default)]
    pub total: Option<u64>,
    #[serde(default)]
    pub next_cursor: Option<String>,
}

/// The rating endpoints' answer.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct RatingState {
    pub label: String,
    pub count: u64,
    pub voted: bool,
}

/// The error body every non-2xx response may carry.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct ErrorBody {
    pub error: ErrorDetail,
}

/// Machine code and human message of an endpoint error.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct ErrorDetail {
    #[serde(default)]
    pub code: Option<String>,
    #[serde(default)]
    pub message: Option<String>,
}

fn null_as_empty<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Vec<String>, D::Error> {
    Ok(Option::<Vec<String>>::deserialize(deserializer)?.unwrap_or_default())
}

fn known_blocks<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Vec<Block>, D::Error> {
    let blocks = Vec::<Block>::deserialize(deserializer)?;
    Ok(blocks
        .into_iter()
        .filter(|block| *block != Block::Unknown)
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::client::invalid;
    use crate::api::ApiError;

    /// Native twin of `client::decode_value`: same deserializer path tracking, from text.
    fn decode<T: serde::de::DeserializeOwned>(text: &str) -> Result<T, ApiError> {
        let mut json = serde_json::Deserializer::from_str(text);
        serde_path_to_error::deserialize(&mut json)
            .map_err(|error| invalid(error.path().to_string(), error.inner().to_string()))
    }

    fn invalid_path<T: serde::de::DeserializeOwned + std::fmt::Debug>(text: &str) -> String {
        match decode::<T>(text) {
            Err(ApiError::Invalid { path, .. }) => path,
            other => panic!("expected a decode error, got {other:?}"),
        }
    }

    #[test]
    fn decodes_the_contract_example() {
        let article: Article =
            decode(include_str!("../../tests/fixtures/article-full.json")).unwrap();
        assert_eq!(article.section, vec!["Home", "News"]);
        assert_eq!(
            article.rating,
            Some(Rating {
                label: "veryGood!".into(),
                count: 6348
            })
        );
        assert_eq!(article.updated_at, None);
        assert_eq!(article.image.as_ref().and_then(|i| i.width), Some(1200));
        // The unknown "video" block is skipped, the five known ones kept in order.
        assert_eq!(article.body.len(), 5);
        assert!(matches!(&article.body[2], Block::Quote { cite: Some(c), .. } if c == "Name"));
        assert!(matches!(&article.body[4], Block::Html { .. }));
    }

    #[test]
    fn optional_fields_may_be_absent() {
        let article: Article =
            decode(include_str!("../../tests/fixtures/article-minimal.json")).unwrap();
        assert_eq!(article.title, "Only the required fields");
        assert!(article.body.is_empty() && article.section.is_empty());
        assert_eq!(
            (article.source, article.rating, article.image),
            (None, None, None)
        );
    }

    #[test]
    fn optional_fields_may_be_null() {
        let article: Article = decode(
            r#"{"id":"a","title":"t","body":[],"section":null,"source":null,"image":null,"rating":null,"byline":null}"#,
        )
        .unwrap();
        assert!(article.section.is_empty());
    }

    #[test]
    fn decode_errors_name_the_field() {
        assert_eq!(
            invalid_path::<Article>(r#"{"id":"a","title":42,"body":[]}"#),
            "title"
        );
        assert_eq!(
            invalid_path::<Article>(r#"{"id":"a","body":[]}"#),
            "(document)"
        );
        assert_eq!(
            invalid_path::<Article>(r#"{"id":"a","title":"t","body":[{"type":"paragraph"}]}"#),
            "body[0]"
        );
        assert_eq!(
            invalid_path::<Article>(
                r#"{"id":"a","title":"t","body":[],"rating":{"label":"x","count":-1}}"#
            ),
            "rating.count"
        );
        assert_eq!(invalid_path::<Article>(r#""just a string""#), "(document)");
    }

    #[test]
    fn missing_required_field_is_reported_by_name() {
        let Err(ApiError::Invalid { detail, .. }) = decode::<Article>(r#"{"id":"a","body":[]}"#)
        else {
            panic!("expected an error")
        };
        assert!(detail.contains("missing field `title`"), "{detail}");
    }

    #[test]
    fn decodes_recommendations_and_rating() {
        let page: RecommendationPage =
            decode(include_str!("../../tests/fixtures/recommendations.json")).unwrap();
        assert_eq!(page.total, Some(12));
        assert_eq!(page.items[0].rank, Some(1));
        assert_eq!(page.next_cursor.as_deref(), Some("opaque"));
        let rating: RatingState =
            decode(r#"{"label":"veryGood!","count":6349,"voted":true,"extra":1}"#).unwrap();
        assert!(rating.voted);
        assert_eq!(
            invalid_path::<Card>(r#"{"id":"b","title":"t"}"#),
            "(document)"
        );
    }

    #[test]
    fn error_bodies_decode_leniently() {
        let body: ErrorBody =
            decode(r#"{"error":{"code":"not_found","message":"No such article"}}"#).unwrap();
        assert_eq!(body.error.message.as_deref(), Some("No such article"));
    }
}
