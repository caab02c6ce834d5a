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
