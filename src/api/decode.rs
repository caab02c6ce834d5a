//! Decoding the contract from parsed JSON, by hand.
//!
//! The widget decodes what the browser's `JSON.parse` produced (a `JsValue`) directly, with
//! no serde in the bundle: that keeps the wasm small and every error names the field
//! (`body[2].text: expected a string, found a number`). The same code runs natively in tests
//! through any other [`JsonValue`] (serde_json's, wrapped).
//!
//! Rules: unknown fields are ignored; optional fields may be absent or null; a present
//! field of the wrong type is an error; unknown body block types are skipped.

use std::fmt;

use super::error::ApiError;
use super::types::{
    Article, Block, Card, ErrorBody, ErrorDetail, Image, Rating, RatingState, RecommendationPage,
    Source,
};

/// The JSON types, as far as decoding cares.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// Absent (JavaScript `undefined`).
    Missing,
    Null,
    Bool,
    Number,
    String,
    Array,
    Object,
}

impl Kind {
    fn described(self) -> &'static str {
        match self {
            Kind::Missing => "nothing",
            Kind::Null => "null",
            Kind::Bool => "a boolean",
            Kind::Number => "a number",
            Kind::String => "a string",
            Kind::Array => "a list",
            Kind::Object => "an object",
        }
    }
}

/// A parsed JSON value the decoder can read.
pub trait JsonValue: Sized {
    /// Its type.
    fn kind(&self) -> Kind;
    /// The member `name` of an object (`Kind::Missing` when absent).
    fn member(&self, name: &str) -> Self;
    /// The text of a string.
    fn text(&self) -> Option<String>;
    /// The value of a number.
    fn number(&self) -> Option<f64>;
    /// The value of a boolean.
    fn boolean(&self) -> Option<bool>;
    /// The elements of a list.
    fn elements(&self) -> Option<Vec<Self>>;
}

impl JsonValue for wasm_bindgen::JsValue {
    fn kind(&self) -> Kind {
        if self.is_undefined() {
            Kind::Missing
        } else if self.is_null() {
            Kind::Null
        } else if self.as_bool().is_some() {
            Kind::Bool
        } else if self.as_f64().is_some() {
            Kind::Number
        } else if self.is_string() {
            Kind::String
        } else if js_sys::Array::is_array(self) {
            Kind::Array
        } else if self.is_object() {
            Kind::Object
        } else {
            // Symbols, functions, bigints: JSON.parse never makes them.
            Kind::Null
        }
    }

    fn member(&self, name: &str) -> Self {
        js_sys::Reflect::get(self, &wasm_bindgen::JsValue::from_str(name))
            .unwrap_or(wasm_bindgen::JsValue::UNDEFINED)
    }

    fn text(&self) -> Option<String> {
        self.as_string()
    }

    fn number(&self) -> Option<f64> {
        self.as_f64()
    }

    fn boolean(&self) -> Option<bool> {
        self.as_bool()
    }

    fn elements(&self) -> Option<Vec<Self>> {
        js_sys::Array::is_array(self).then(|| js_sys::Array::from(self).iter().collect())
    }
}

/// Where in the document a value sits; formatted only when an error is reported.
#[derive(Clone, Copy)]
enum Path<'a> {
    Root,
    Field(&'a Path<'a>, &'a str),
    Index(&'a Path<'a>, usize),
}

impl fmt::Display for Path<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Path::Root => f.write_str("(document)"),
            Path::Field(Path::Root, name) => f.write_str(name),
            Path::Field(parent, name) => write!(f, "{parent}.{name}"),
            Path::Index(Path::Root, index) => write!(f, "[{index}]"),
            Path::Index(parent, index) => write!(f, "{parent}[{index}]"),
        }
    }
}

type Decoded<T> = Result<T, ApiError>;

fn fail<T>(path: &Path<'_>, detail: impl Into<String>) -> Decoded<T> {
    Err(ApiError::Invalid {
        path: path.to_string(),
        detail: detail.into(),
    })
}

fn wrong_type<T>(path: &Path<'_>, expected: &str, found: Kind) -> Decoded<T> {
    if found == Kind::Missing {
        fail(path, "is missing")
    } else {
        fail(
            path,
            format!("expected {expected}, found {}", found.described()),
        )
    }
}

/// Reads a value at `path`; `None` means absent or null (for optional fields).
fn optional<V: JsonValue, T>(
    value: &V,
    path: &Path<'_>,
    read: impl FnOnce(&V, &Path<'_>) -> Decoded<T>,
) -> Decoded<Option<T>> {
    match value.kind() {
        Kind::Missing | Kind::Null => Ok(None),
        _ => read(value, path).map(Some),
    }
}

fn string<V: JsonValue>(value: &V, path: &Path<'_>) -> Decoded<String> {
    match value.text() {
        Some(text) => Ok(text),
        None => wrong_type(path, "a string", value.kind()),
    }
}

fn boolean<V: JsonValue>(value: &V, path: &Path<'_>) -> Decoded<bool> {
    match value.boolean() {
        Some(flag) => Ok(flag),
        None => wrong_type(path, "true or false", value.kind()),
    }
}

/// A whole number of 0 or more, held at `max` (the contract sets no upper limit; JSON
/// numbers are doubles, exact up to 2^53).
fn whole<V: JsonValue>(value: &V, path: &Path<'_>, max: u64) -> Decoded<u64> {
    match value.number() {
        // `as` saturates: 1e300 becomes u64::MAX, then `max`.
        Some(n) if n.fract() == 0.0 && n >= 0.0 => Ok((n as u64).min(max)),
        Some(_) => fail(path, "expected a whole number of 0 or more"),
        None => wrong_type(path, "a number", value.kind()),
    }
}

const MAX_SAFE: u64 = 9_007_199_254_740_991;

fn count<V: JsonValue>(value: &V, path: &Path<'_>) -> Decoded<u64> {
    whole(value, path, MAX_SAFE)
}

fn dimension<V: JsonValue>(value: &V, path: &Path<'_>) -> Decoded<u32> {
    whole(value, path, u64::from(u32::MAX)).map(|n| n as u32)
}

fn list<V: JsonValue, T>(
    value: &V,
    path: &Path<'_>,
    mut read: impl FnMut(&V, &Path<'_>) -> Decoded<Option<T>>,
) -> Decoded<Vec<T>> {
    let Some(elements) = value.elements() else {
        return wrong_type(path, "a list", value.kind());
    };
    let mut out = Vec::with_capacity(elements.len());
    for (index, element) in elements.iter().enumerate() {
        if let Some(item) = read(element, &Path::Index(path, index))? {
            out.push(item);
        }
    }
    Ok(out)
}

fn object<V: JsonValue>(value: &V, path: &Path<'_>) -> Decoded<()> {
    match value.kind() {
        Kind::Object => Ok(()),
        other => wrong_type(path, "an object", other),
    }
}

/// Shorthands over one object's members.
struct Fields<'a, V> {
    value: &'a V,
    path: &'a Path<'a>,
}

impl<'a, V: JsonValue> Fields<'a, V> {
    fn of(value: &'a V, path: &'a Path<'a>) -> Decoded<Self> {
        object(value, path)?;
        Ok(Fields { value, path })
    }

    fn get<T>(&self, name: &str, read: impl FnOnce(&V, &Path<'_>) -> Decoded<T>) -> Decoded<T> {
        read(&self.value.member(name), &Path::Field(self.path, name))
    }

    fn optional<T>(
        &self,
        name: &str,
        read: impl FnOnce(&V, &Path<'_>) -> Decoded<T>,
    ) -> Decoded<Option<T>> {
        optional(
            &self.value.member(name),
            &Path::Field(self.path, name),
            read,
        )
    }

    fn string(&self, name: &str) -> Decoded<String> {
        self.get(name, string)
    }

    fn optional_string(&self, name: &str) -> Decoded<Option<String>> {
        self.optional(name, string)
    }
}

// Optional parts whose own essential field is absent or null are left out whole (a source
// without a name, an image without a URL, a rating without its label or count, a block
// without its text): the brief's "optional fields may be absent or null, and their part
// of the view is simply left out". A present field of the wrong type is still an error.

fn source<V: JsonValue>(value: &V, path: &Path<'_>) -> Decoded<Option<Source>> {
    let fields = Fields::of(value, path)?;
    let url = fields.optional_string("url")?;
    Ok(fields
        .optional_string("name")?
        .map(|name| Source { name, url }))
}

fn image<V: JsonValue>(value: &V, path: &Path<'_>) -> Decoded<Option<Image>> {
    let fields = Fields::of(value, path)?;
    let alt = fields.optional_string("alt")?;
    let width = fields.optional("width", dimension)?;
    let height = fields.optional("height", dimension)?;
    Ok(fields.optional_string("url")?.map(|url| Image {
        url,
        alt,
        width,
        height,
    }))
}

fn rating<V: JsonValue>(value: &V, path: &Path<'_>) -> Decoded<Option<Rating>> {
    let fields = Fields::of(value, path)?;
    let label = fields.optional_string("label")?;
    let count = fields.optional("count", count)?;
    Ok(label
        .zip(count)
        .map(|(label, count)| Rating { label, count }))
}

/// One body block; `None` for a type this version does not know, or a block whose text
/// (or URL, or markup) is absent or null: skipped.
fn block<V: JsonValue>(value: &V, path: &Path<'_>) -> Decoded<Option<Block>> {
    let fields = Fields::of(value, path)?;
    let Some(kind) = fields.optional_string("type")? else {
        return Ok(None);
    };
    let text = |name| fields.optional_string(name);
    Ok(match kind.as_str() {
        "paragraph" => text("text")?.map(|text| Block::Paragraph { text }),
        "heading" => text("text")?.map(|text| Block::Heading { text }),
        "quote" => {
            let cite = text("cite")?;
            text("text")?.map(|text| Block::Quote { text, cite })
        }
        "image" => {
            let caption = text("caption")?;
            image(value, path)?.map(|image| Block::Image {
                url: image.url,
                alt: image.alt,
                width: image.width,
                height: image.height,
                caption,
            })
        }
        "html" => text("html")?.map(|html| Block::Html { html }),
        _ => None,
    })
}

fn article_at<V: JsonValue>(value: &V, path: &Path<'_>) -> Decoded<Article> {
    let fields = Fields::of(value, path)?;
    Ok(Article {
        id: fields.string("id")?,
        url: fields.optional_string("url")?,
        title: fields.string("title")?,
        section: fields
            .optional("section", |v, p| list(v, p, |e, p| string(e, p).map(Some)))?
            .unwrap_or_default(),
        source: fields.optional("source", source)?.flatten(),
        published_at: fields.optional_string("published_at")?,
        updated_at: fields.optional_string("updated_at")?,
        byline: fields.optional_string("byline")?,
        dateline: fields.optional_string("dateline")?,
        image: fields.optional("image", image)?.flatten(),
        body: fields.get("body", |v, p| list(v, p, block))?,
        rating: fields.optional("rating", rating)?.flatten(),
    })
}

fn card_at<V: JsonValue>(value: &V, path: &Path<'_>) -> Decoded<Card> {
    let fields = Fields::of(value, path)?;
    Ok(Card {
        id: fields.string("id")?,
        url: fields.string("url")?,
        title: fields.string("title")?,
        image: fields.optional("image", image)?.flatten(),
        source: fields.optional("source", source)?.flatten(),
        published_at: fields.optional_string("published_at")?,
        rank: fields.optional("rank", dimension)?,
    })
}

/// `GET {endpoint}/articles/{id}`
pub fn article<V: JsonValue>(value: &V) -> Decoded<Article> {
    article_at(value, &Path::Root)
}

/// A recommendation card on its own.
pub fn card<V: JsonValue>(value: &V) -> Decoded<Card> {
    card_at(value, &Path::Root)
}

/// `GET {endpoint}/articles/{id}/recommendations`
pub fn recommendation_page<V: JsonValue>(value: &V) -> Decoded<RecommendationPage> {
    let fields = Fields::of(value, &Path::Root)?;
    Ok(RecommendationPage {
        list: fields.optional_string("list")?,
        items: fields.get("items", |v, p| list(v, p, |e, p| card_at(e, p).map(Some)))?,
        total: fields.optional("total", count)?,
        next_cursor: fields.optional_string("next_cursor")?,
    })
}

/// The rating endpoints' answer.
pub fn rating_state<V: JsonValue>(value: &V) -> Decoded<RatingState> {
    let fields = Fields::of(value, &Path::Root)?;
    Ok(RatingState {
        label: fields.string("label")?,
        count: fields.get("count", count)?,
        voted: fields.get("voted", boolean)?,
    })
}

/// An error body; lenient: anything unreadable is simply left out.
pub fn error_body<V: JsonValue>(value: &V) -> Option<ErrorBody> {
    let error = value.member("error");
    (error.kind() == Kind::Object).then(|| ErrorBody {
        error: ErrorDetail {
            code: error.member("code").text(),
            message: error.member("message").text(),
        },
    })
}

/// serde_json's values, for native tests (the widget itself never links serde).
#[cfg(test)]
pub mod native {
    use super::{JsonValue, Kind};

    /// A borrowed `serde_json::Value` (or nothing, for an absent member).
    #[derive(Clone, Copy)]
    pub struct Json<'a>(pub Option<&'a serde_json::Value>);

    impl JsonValue for Json<'_> {
        fn kind(&self) -> Kind {
            match self.0 {
                None => Kind::Missing,
                Some(serde_json::Value::Null) => Kind::Null,
                Some(serde_json::Value::Bool(_)) => Kind::Bool,
                Some(serde_json::Value::Number(_)) => Kind::Number,
                Some(serde_json::Value::String(_)) => Kind::String,
                Some(serde_json::Value::Array(_)) => Kind::Array,
                Some(serde_json::Value::Object(_)) => Kind::Object,
            }
        }

        fn member(&self, name: &str) -> Self {
            Json(self.0.and_then(|v| v.as_object()).and_then(|o| o.get(name)))
        }

        fn text(&self) -> Option<String> {
            self.0.and_then(|v| v.as_str()).map(str::to_owned)
        }

        fn number(&self) -> Option<f64> {
            self.0.and_then(|v| v.as_f64())
        }

        fn boolean(&self) -> Option<bool> {
            self.0.and_then(|v| v.as_bool())
        }

        fn elements(&self) -> Option<Vec<Self>> {
            self.0
                .and_then(|v| v.as_array())
                .map(|items| items.iter().map(|item| Json(Some(item))).collect())
        }
    }
}
