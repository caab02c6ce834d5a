//! Storage: the contract's models and the `Store` trait the handlers talk to.
//!
//! The trait is synchronous on purpose: handlers call it through
//! `tokio::task::spawn_blocking` (see `AppState::store`), so an implementation may
//! block on its database without stalling the async runtime. SQLite is the embedded
//! default (`sqlite::SqliteStore`); a PostgreSQL implementation only has to provide
//! the same methods. All durable state lives behind this trait.

pub mod sqlite;

use serde::{Deserialize, Serialize};

/// One article, exactly the JSON shape of `GET /api/v1/articles/{id}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Article {
    pub id: String,
    pub url: String,
    pub title: String,
    #[serde(default)]
    pub section: Vec<String>,
    pub source: Option<Source>,
    pub published_at: Option<String>,
    pub updated_at: Option<String>,
    pub byline: Option<String>,
    pub dateline: Option<String>,
    pub image: Option<Image>,
    #[serde(default)]
    pub body: Vec<Block>,
    pub rating: Option<Rating>,
}

/// The publication an article comes from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Source {
    pub name: String,
    pub url: Option<String>,
}

/// An image with its intrinsic size, so the widget can reserve its aspect ratio.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Image {
    pub url: String,
    pub alt: String,
    pub width: u32,
    pub height: u32,
}

/// One typed body block; the `type` tag names the variant.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Block {
    Paragraph {
        text: String,
    },
    Heading {
        text: String,
    },
    Quote {
        text: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        cite: Option<String>,
    },
    Image {
        url: String,
        alt: String,
        width: u32,
        height: u32,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        caption: Option<String>,
    },
    /// CMS output; the widget sanitizes it, the server only stores it.
    Html {
        html: String,
    },
}

/// The public reaction shown on an article ("veryGood! 6348").
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Rating {
    pub label: String,
    pub count: u64,
}

/// A rating as seen by one voter: `{label, count, voted}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RatingState {
    pub label: String,
    pub count: u64,
    pub voted: bool,
}

/// An article card in a list: the article index and the recommendation lists.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Card {
    pub id: String,
    pub url: String,
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub image: Option<Image>,
    pub source: Option<CardSource>,
    pub published_at: Option<String>,
    /// 1-based position; only the `popular` list carries it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rank: Option<u32>,
}

/// A card's source: its name only.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CardSource {
    pub name: String,
}

/// The three recommendation lists an article carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ListKind {
    Related,
    Popular,
    Recommended,
}

impl ListKind {
    /// Every list, in the order the widget shows them.
    pub const ALL: [ListKind; 3] = [ListKind::Related, ListKind::Popular, ListKind::Recommended];

    /// The name used in URLs, JSON and the database.
    pub fn as_str(self) -> &'static str {
        match self {
            ListKind::Related => "related",
            ListKind::Popular => "popular",
            ListKind::Recommended => "recommended",
        }
    }

    /// Parses the name used in URLs; `None` for anything else.
    pub fn parse(name: &str) -> Option<ListKind> {
        ListKind::ALL.into_iter().find(|kind| kind.as_str() == name)
    }

    /// Whether cards of this list carry their `rank`.
    pub fn is_ranked(self) -> bool {
        self == ListKind::Popular
    }
}

/// Where the newest-first article index continues: the last key of a page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArticleKey {
    pub published_at: String,
    pub id: String,
}

/// One page of a list, with the total length of the whole list and where the next
/// page starts (`None` on the last page).
#[derive(Debug, Clone, PartialEq)]
pub struct Page<K> {
    pub items: Vec<Card>,
    pub total: u64,
    pub next: Option<K>,
}

/// Content written in one transaction: articles, the cards that lists point to, and
/// the lists themselves (card ids in order; positions are 1-based).
#[derive(Debug, Clone, Default)]
pub struct ImportBatch {
    pub articles: Vec<Article>,
    pub cards: Vec<Card>,
    pub lists: Vec<ListImport>,
}

/// One recommendation list of one article, as card ids in order.
#[derive(Debug, Clone)]
pub struct ListImport {
    pub article_id: String,
    pub list: ListKind,
    pub card_ids: Vec<String>,
}

/// Result of a rating read or a vote.
#[derive(Debug, Clone, PartialEq)]
pub enum RatingLookup {
    Found(RatingState),
    /// The article exists but has no rating (its `rating` is null).
    NoRating,
    NoArticle,
}

/// What a vote request wants: the voter's vote present or absent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VoteIntent {
    Cast,
    Withdraw,
}

/// A storage failure; the handlers turn it into a 500 or 503.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The database stayed locked past the busy timeout.
    #[error("the database is busy")]
    Busy,
    #[error("database error: {0}")]
    Database(String),
    #[error("stored data is malformed: {0}")]
    Corrupt(String),
    #[error("cannot open the database: {0}")]
    Open(String),
}

/// The storage the API needs. Implementations must make `vote` exact under
/// concurrency: each (article, voter) pair counts at most once.
pub trait Store: Send + Sync + 'static {
    /// One article with its current rating count, or `None` if unknown.
    fn article(&self, id: &str) -> Result<Option<Article>, StoreError>;

    /// Articles as cards, newest first, starting after `after`.
    fn list_articles(
        &self,
        after: Option<&ArticleKey>,
        limit: u32,
    ) -> Result<Page<ArticleKey>, StoreError>;

    /// One page of a recommendation list after 1-based position `after`
    /// (0 = from the start); `None` if the article is unknown.
    fn recommendations(
        &self,
        article_id: &str,
        list: ListKind,
        after: u32,
        limit: u32,
    ) -> Result<Option<Page<u32>>, StoreError>;

    /// The rating as seen by `voter` (not voted when `None`), changing nothing.
    fn rating(&self, article_id: &str, voter: Option<&str>) -> Result<RatingLookup, StoreError>;

    /// Records or withdraws `voter`'s vote; idempotent, durable once it returns.
    fn vote(
        &self,
        article_id: &str,
        voter: &str,
        intent: VoteIntent,
    ) -> Result<RatingLookup, StoreError>;

    /// Writes `batch` in one transaction if the database holds no article yet;
    /// returns whether it did.
    fn seed_if_empty(&self, batch: &ImportBatch) -> Result<bool, StoreError>;

    /// Writes `batch` in one transaction unless an article with `marker_id` exists;
    /// returns whether it did.
    fn import_unless_present(
        &self,
        marker_id: &str,
        batch: &ImportBatch,
    ) -> Result<bool, StoreError>;
}
