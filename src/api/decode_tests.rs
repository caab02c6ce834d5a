//! Native tests of the contract decoder: the contract's own examples, error paths, and a
//! property test that no input (arbitrary bytes, arbitrary JSON, mutated valid documents)
//! makes decoding panic: every input decodes or yields `ApiError::Invalid` with a path.

use proptest::prelude::*;
use serde_json::Value;

use super::decode::{self, native::Json};
use super::types::{Block, Rating};
use super::ApiError;

fn parse(text: &str) -> Value {
    serde_json::from_str(text).expect("test JSON parses")
}

fn invalid_at<T: std::fmt::Debug>(result: Result<T, ApiError>) -> (String, String) {
    match result {
        Err(ApiError::Invalid { path, detail }) => (path, detail),
        other => panic!("expected a decode error, got {other:?}"),
    }
}

fn article_error(text: &str) -> (String, String) {
    invalid_at(decode::article(&Json(Some(&parse(text)))))
}

const FULL: &str = include_str!("../../tests/fixtures/article-full.json");
const MINIMAL: &str = include_str!("../../tests/fixtures/article-minimal.json");
const PAGE: &str = include_str!("../../tests/fixtures/recommendations.json");

#[test]
fn decodes_the_contract_example() {
    let article = decode::article(&Json(Some(&parse(FULL)))).unwrap();
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
fn optional_fields_may_be_absent_or_null() {
    let article = decode::article(&Json(Some(&parse(MINIMAL)))).unwrap();
    assert_eq!(article.title, "Only the required fields");
    assert!(article.body.is_empty() && article.section.is_empty());
    assert_eq!(
        (article.source, article.rating, article.image),
        (None, None, None)
    );
    let nulls = parse(
        r#"{"id":"a","title":"t","body":[],"section":null,"source":null,"image":null,"rating":null,"byline":null}"#,
    );
    assert!(decode::article(&Json(Some(&nulls)))
        .unwrap()
        .section
        .is_empty());
}

/// An optional part whose essential field is absent or null is left out whole, like the
/// part itself being null (was: the whole article an `invalid_data` error for a null
/// `source.name`, `image.url`, `rating.label`/`count` or block text).
#[test]
fn optional_parts_without_their_essential_field_are_left_out() {
    let article = parse(
        r#"{"id":"a","title":"t",
            "source":{"name":null,"url":"https://x.example"},
            "image":{"url":null,"alt":"gone","width":10,"height":10},
            "rating":{"label":null,"count":5},
            "body":[{"type":"paragraph","text":null},{"type":"html","html":null},
                    {"type":"quote","cite":"Someone"},{"type":"image","url":null,"caption":"c"},
                    {"type":null,"text":"untyped"},{"text":"untyped"},
                    {"type":"paragraph","text":"kept"}]}"#,
    );
    let article = decode::article(&Json(Some(&article))).unwrap();
    assert_eq!(
        (article.source, article.image, article.rating),
        (None, None, None)
    );
    assert_eq!(
        article.body,
        vec![Block::Paragraph {
            text: "kept".into()
        }]
    );
    let no_count = parse(r#"{"id":"a","title":"t","body":[],"rating":{"label":"x"}}"#);
    assert_eq!(
        decode::article(&Json(Some(&no_count))).unwrap().rating,
        None
    );
    let card = parse(
        r#"{"id":"b","url":"https://x.example/b","title":"t","image":{"url":null},"source":{}}"#,
    );
    let card = decode::card(&Json(Some(&card))).unwrap();
    assert_eq!((card.image, card.source), (None, None));
}

#[test]
fn errors_name_the_field_and_the_problem() {
    assert_eq!(
        article_error(r#"{"id":"a","title":42,"body":[]}"#),
        ("title".into(), "expected a string, found a number".into())
    );
    assert_eq!(
        article_error(r#"{"id":"a","body":[]}"#),
        ("title".into(), "is missing".into())
    );
    assert_eq!(
        article_error(r#"{"id":"a","title":"t","body":[{"type":"paragraph","text":5}]}"#),
        (
            "body[0].text".into(),
            "expected a string, found a number".into()
        )
    );
    assert_eq!(
        article_error(r#"{"id":"a","title":"t","body":[],"rating":{"label":"x","count":-1}}"#).0,
        "rating.count"
    );
    assert_eq!(
        article_error(r#"{"id":"a","title":"t","body":[],"image":{"url":"u","width":1.5}}"#).0,
        "image.width"
    );
    assert_eq!(
        article_error(r#"{"id":"a","title":"t","body":{}}"#),
        ("body".into(), "expected a list, found an object".into())
    );
    assert_eq!(
        article_error(r#"{"id":"a","title":"t","body":[{"type":7}]}"#),
        (
            "body[0].type".into(),
            "expected a string, found a number".into()
        )
    );
    assert_eq!(
        article_error(r#"{"id":"a","title":"t","body":[],"source":{"name":5}}"#).0,
        "source.name"
    );
    assert_eq!(
        article_error(r#""just a string""#),
        (
            "(document)".into(),
            "expected an object, found a string".into()
        )
    );
    assert_eq!(article_error("[1,2]").0, "(document)");
}

/// The contract sets no upper limit on counts, sizes and ranks: a whole number past what
/// the widget keeps (2^53 - 1 for counts, 2^32 - 1 for the rest) is held at that limit,
/// not an invalid article (an outside fuzz audit: `"width": 4294967296` failed the whole
/// article).
#[test]
fn whole_numbers_past_the_widgets_limits_are_held_at_them() {
    let article = decode::article(&Json(Some(&parse(
        r#"{"id":"a","title":"t","body":[{"type":"image","url":"https://x.example/i","width":1e300,"height":2}],
            "image":{"url":"https://x.example/l","width":4294967296,"height":675},
            "rating":{"label":"x","count":9007199254740993}}"#,
    ))))
    .unwrap();
    let lead = article.image.unwrap();
    assert_eq!((lead.width, lead.height), (Some(u32::MAX), Some(675)));
    assert_eq!(article.rating.unwrap().count, 9_007_199_254_740_991);
    assert!(matches!(
        article.body[0],
        Block::Image {
            width: Some(u32::MAX),
            ..
        }
    ));
    let card = decode::card(&Json(Some(&parse(
        r#"{"id":"b","url":"https://x.example/b","title":"t","rank":1e12}"#,
    ))))
    .unwrap();
    assert_eq!(card.rank, Some(u32::MAX));
}

#[test]
fn decodes_recommendations_and_rating() {
    let page = decode::recommendation_page(&Json(Some(&parse(PAGE)))).unwrap();
    assert_eq!(page.total, Some(12));
    assert_eq!(page.items[0].rank, Some(1));
    assert_eq!(page.next_cursor.as_deref(), Some("opaque"));
    let rating = decode::rating_state(&Json(Some(&parse(
        r#"{"label":"veryGood!","count":6349,"voted":true,"extra":1}"#,
    ))))
    .unwrap();
    assert!(rating.voted);
    let (path, _) = invalid_at(decode::rating_state(&Json(Some(&parse(
        r#"{"label":"veryGood!","count":1,"voted":"yes"}"#,
    )))));
    assert_eq!(path, "voted");
    let (path, _) = invalid_at(decode::card(&Json(Some(&parse(
        r#"{"id":"b","title":"t"}"#,
    )))));
    assert_eq!(path, "url");
    let (path, _) = invalid_at(decode::recommendation_page(&Json(Some(&parse(
        r#"{"items":[{"id":"b","url":"u","title":7}]}"#,
    )))));
    assert_eq!(path, "items[0].title");
}

#[test]
fn error_bodies_decode_leniently() {
    let body = decode::error_body(&Json(Some(&parse(
        r#"{"error":{"code":"not_found","message":"No such article"}}"#,
    ))))
    .unwrap();
    assert_eq!(body.error.message.as_deref(), Some("No such article"));
    let odd = decode::error_body(&Json(Some(&parse(r#"{"error":{"message":5}}"#)))).unwrap();
    assert_eq!(odd.error.message, None);
    assert!(decode::error_body(&Json(Some(&parse(r#"{"error":"boom"}"#)))).is_none());
}

fn decode_all(value: &Value) {
    let json = Json(Some(value));
    for result in [
        decode::article(&json).map(|_| ()),
        decode::recommendation_page(&json).map(|_| ()),
        decode::card(&json).map(|_| ()),
        decode::rating_state(&json).map(|_| ()),
    ] {
        if let Err(error) = result {
            assert!(matches!(error, ApiError::Invalid { .. }), "{error:?}");
        }
    }
    let _ = decode::error_body(&json);
}

fn any_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<f64>()
            .prop_filter("finite", |f| f.is_finite())
            .prop_map(Value::from),
        ".{0,20}".prop_map(Value::String),
        prop_oneof![
            Just("paragraph"),
            Just("heading"),
            Just("quote"),
            Just("image"),
            Just("html"),
            Just("video")
        ]
        .prop_map(|s| Value::String(s.into())),
    ];
    leaf.prop_recursive(4, 64, 8, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::btree_map(
                prop_oneof![
                    Just("id".to_owned()),
                    Just("title".to_owned()),
                    Just("body".to_owned()),
                    Just("type".to_owned()),
                    Just("text".to_owned()),
                    Just("image".to_owned()),
                    Just("url".to_owned()),
                    Just("items".to_owned()),
                    Just("rating".to_owned()),
                    Just("count".to_owned()),
                    ".{0,8}",
                ],
                inner,
                0..8
            )
            .prop_map(|map| Value::Object(map.into_iter().collect())),
        ]
    })
}

/// Every JSON pointer to a value inside `value`.
fn pointers(value: &Value, prefix: String, out: &mut Vec<String>) {
    out.push(prefix.clone());
    match value {
        Value::Object(map) => {
            for (key, child) in map {
                pointers(child, format!("{prefix}/{key}"), out);
            }
        }
        Value::Array(items) => {
            for (index, child) in items.iter().enumerate() {
                pointers(child, format!("{prefix}/{index}"), out);
            }
        }
        _ => {}
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..256)) {
        if let Ok(value) = serde_json::from_slice::<Value>(&bytes) {
            decode_all(&value);
        }
    }

    #[test]
    fn arbitrary_json_never_panics(value in any_json()) {
        decode_all(&value);
    }

    #[test]
    fn mutated_documents_never_panic(
        fixture in 0..3usize,
        pick in any::<prop::sample::Index>(),
        replacement in any_json(),
        remove in any::<bool>(),
    ) {
        let mut document = parse([FULL, MINIMAL, PAGE][fixture]);
        let mut all = Vec::new();
        pointers(&document, String::new(), &mut all);
        let target = pick.get(&all).clone();
        if target.is_empty() {
            document = replacement;
        } else if remove {
            let (parent, key) = target.rsplit_once('/').unwrap_or_default();
            if let Some(Value::Object(map)) = document.pointer_mut(parent) {
                map.remove(key);
            }
        } else if let Some(slot) = document.pointer_mut(&target) {
            *slot = replacement;
        }
        decode_all(&document);
    }
}
