//! The JSON contract v1 (see `contract/openapi.yaml`): what an endpoint sends us, as
//! decoded by `decode.rs` (unknown fields ignored, unknown body block types skipped, wrong
//! types and missing required fields reported with the field's path).

/// One article, as served by `GET {endpoint}/articles/{id}`.
#[derive(Clone, Debug, PartialEq)]
pub struct Article {
    pub id: String,
    pub url: Option<String>,
    pub title: String,
    pub section: Vec<String>,
    pub source: Option<Source>,
    pub published_at: Option<String>,
    pub updated_at: Option<String>,
    pub byline: Option<String>,
    pub dateline: Option<String>,
    pub image: Option<Image>,
    pub body: Vec<Block>,
    pub rating: Option<Rating>,
}

/// Where a story comes from.
#[derive(Clone, Debug, PartialEq)]
pub struct Source {
    pub name: String,
    pub url: Option<String>,
}

/// An image with its intrinsic size, so the layout reserves its box before it loads.
#[derive(Clone, Debug, PartialEq)]
pub struct Image {
    pub url: String,
    pub alt: Option<String>,
    pub width: Option<u32>,
    pub height: Option<u32>,
}

/// The public reaction shown on the rating button.
#[derive(Clone, Debug, PartialEq)]
pub struct Rating {
    pub label: String,
    pub count: u64,
}

/// One block of an article body.
#[derive(Clone, Debug, PartialEq)]
pub enum Block {
    Paragraph {
        text: String,
    },
    Heading {
        text: String,
    },
    Quote {
        text: String,
        cite: Option<String>,
    },
    Image {
        url: String,
        alt: Option<String>,
        width: Option<u32>,
        height: Option<u32>,
        caption: Option<String>,
    },
    /// CMS output: rendered only through the sanitizer, never as raw HTML.
    Html {
        html: String,
    },
}

/// A recommendation card, as listed by the recommendations and articles endpoints.
#[derive(Clone, Debug, PartialEq)]
pub struct Card {
    pub id: String,
    pub url: String,
    pub title: String,
    pub image: Option<Image>,
    pub source: Option<Source>,
    pub published_at: Option<String>,
    pub rank: Option<u32>,
}

/// One page of a recommendation list.
#[derive(Clone, Debug, PartialEq)]
pub struct RecommendationPage {
    pub list: Option<String>,
    pub items: Vec<Card>,
    pub total: Option<u64>,
    pub next_cursor: Option<String>,
}

/// The rating endpoints' answer.
#[derive(Clone, Debug, PartialEq)]
pub struct RatingState {
    pub label: String,
    pub count: u64,
    pub voted: bool,
}

/// The error body every non-2xx response may carry.
#[derive(Clone, Debug, PartialEq)]
pub struct ErrorBody {
    pub error: ErrorDetail,
}

/// Machine code and human message of an endpoint error.
#[derive(Clone, Debug, PartialEq)]
pub struct ErrorDetail {
    pub code: Option<String>,
    pub message: Option<String>,
}
