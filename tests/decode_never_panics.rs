//! Property test: decoding the contract never panics, whatever the endpoint sends —
//! arbitrary bytes, arbitrary JSON, and valid documents with fields mutated or removed.
//! Every input either decodes or yields `ApiError::Invalid` with a field path.

#![cfg(not(target_arch = "wasm32"))]

use news_widget::api::client::invalid;
use news_widget::api::types::{Article, Card, RatingState, RecommendationPage};
use news_widget::api::ApiError;
use proptest::prelude::*;
use serde_json::Value;

fn decode<T: serde::de::DeserializeOwned>(value: &Value) -> Result<T, ApiError> {
    serde_path_to_error::deserialize(value)
        .map_err(|error| invalid(error.path().to_string(), error.inner().to_string()))
}

fn decode_all(value: &Value) {
    for result in [
        decode::<Article>(value).map(|_| ()),
        decode::<RecommendationPage>(value).map(|_| ()),
        decode::<Card>(value).map(|_| ()),
        decode::<RatingState>(value).map(|_| ()),
    ] {
        if let Err(error) = result {
            assert!(matches!(error, ApiError::Invalid { .. }), "{error:?}");
        }
    }
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
                    ".{0,8}".prop_map(|s| s),
                ],
                inner,
                0..8
            )
            .prop_map(|map| Value::Object(map.into_iter().collect())),
        ]
    })
}

/// Every path to a value inside `value`, as a list of keys / indices.
fn paths(value: &Value, prefix: Vec<String>, out: &mut Vec<Vec<String>>) {
    out.push(prefix.clone());
    match value {
        Value::Object(map) => {
            for (key, child) in map {
                let mut path = prefix.clone();
                path.push(key.clone());
                paths(child, path, out);
            }
        }
        Value::Array(items) => {
            for (index, child) in items.iter().enumerate() {
                let mut path = prefix.clone();
                path.push(index.to_string());
                paths(child, path, out);
            }
        }
        _ => {}
    }
}

fn pointer(path: &[String]) -> String {
    path.iter().map(|p| format!("/{p}")).collect()
}

const FIXTURES: [&str; 3] = [
    include_str!("fixtures/article-full.json"),
    include_str!("fixtures/article-minimal.json"),
    include_str!("fixtures/recommendations.json"),
];

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
        fixture in 0..FIXTURES.len(),
        pick in any::<prop::sample::Index>(),
        replacement in any_json(),
        remove in any::<bool>(),
    ) {
        let mut document: Value = serde_json::from_str(FIXTURES[fixture]).unwrap();
        let mut all = Vec::new();
        paths(&document, Vec::new(), &mut all);
        let path = pick.get(&all).clone();
        if path.is_empty() {
            document = replacement;
        } else if remove {
            let (last, parent) = path.split_last().unwrap();
            if let Some(Value::Object(map)) = document.pointer_mut(&pointer(parent)) {
                map.remove(last);
            }
        } else if let Some(slot) = document.pointer_mut(&pointer(&path)) {
            *slot = replacement;
        }
        decode_all(&document);
    }
}
