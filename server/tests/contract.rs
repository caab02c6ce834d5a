//! Every response shape the server sends validates against `contract/openapi.yaml`,
//! with extra fields forbidden, so a renamed or undocumented field fails here.

mod common;

use common::{walk_pages, TestServer, RATED};
use reqwest::Method;
use serde_json::{json, Value};

/// The contract's component schemas, with `additionalProperties: false` added to
/// every object schema that lists its properties (the contract itself allows extra
/// fields for forward compatibility; the reference server must not send any).
fn strict_components() -> Value {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../contract/openapi.yaml");
    let text = std::fs::read_to_string(path).expect("contract/openapi.yaml");
    let document: Value = serde_norway::from_str(&text).expect("valid YAML");
    assert_eq!(document["openapi"], "3.1.0");
    let mut components = document["components"].clone();
    forbid_extra_fields(&mut components);
    components
}

fn forbid_extra_fields(value: &mut Value) {
    match value {
        Value::Object(map) => {
            if map.contains_key("properties") && !map.contains_key("additionalProperties") {
                map.insert("additionalProperties".into(), Value::Bool(false));
            }
            // OpenAPI's discriminator is not a JSON Schema keyword.
            map.remove("discriminator");
            map.values_mut().for_each(forbid_extra_fields);
        }
        Value::Array(items) => items.iter_mut().for_each(forbid_extra_fields),
        _ => {}
    }
}

struct Contract {
    components: Value,
}

impl Contract {
    fn check(&self, schema: &str, instance: &Value) {
        let root = json!({
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "components": self.components,
            "$ref": format!("#/components/schemas/{schema}"),
        });
        let validator = jsonschema::validator_for(&root).expect("schema compiles");
        let errors: Vec<String> = validator
            .iter_errors(instance)
            .map(|error| format!("{} at {}", error, error.instance_path))
            .collect();
        assert!(
            errors.is_empty(),
            "{schema} does not match the contract: {errors:#?}\n{instance}"
        );
    }
}

#[test]
fn the_strict_schemas_reject_renamed_fields() {
    let contract = Contract {
        components: strict_components(),
    };
    let root = |schema: &str| {
        json!({
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "components": contract.components,
            "$ref": format!("#/components/schemas/{schema}"),
        })
    };
    let rating = jsonschema::validator_for(&root("RatingState")).expect("compiles");
    assert!(rating.is_valid(&json!({"label": "veryGood!", "count": 1, "voted": true})));
    assert!(!rating.is_valid(&json!({"label": "veryGood!", "count": 1, "isVoted": true})));
    let block = jsonschema::validator_for(&root("Block")).expect("compiles");
    assert!(block.is_valid(&json!({"type": "quote", "text": "t", "cite": "c"})));
    assert!(!block.is_valid(&json!({"type": "quote", "text": "t", "author": "c"})));
    assert!(!block.is_valid(&json!({"type": "video", "url": "x"})));
}

#[tokio::test]
async fn every_response_matches_the_contract() {
    let contract = Contract {
        components: strict_components(),
    };
    let server = TestServer::start_with(|config| config.seed_synthetic = vec![60]).await;

    let (_, list) = server.get_json("/articles?limit=5").await;
    contract.check("ArticleList", &list);
    let (articles, _) = walk_pages(&server, "/articles?", 50).await;
    for card in &articles {
        contract.check("Card", card);
        let id = card["id"].as_str().expect("id");
        let (_, article) = server.get_json(&format!("/articles/{id}")).await;
        contract.check("Article", &article);
        for list in ["related", "popular", "recommended"] {
            let (_, page) = server
                .get_json(&format!(
                    "/articles/{id}/recommendations?list={list}&limit=50"
                ))
                .await;
            contract.check("RecommendationPage", &page);
        }
    }

    let (_, rating) = server.get_json(&format!("/articles/{RATED}/rating")).await;
    contract.check("RatingState", &rating);
    let (_, voted) = server.vote(Method::POST, RATED, &common::voter(1)).await;
    contract.check("RatingState", &voted);
    contract.check("VoteRequest", &json!({"voter": common::voter(1)}));

    for path in [
        "/articles/no-such-article",
        "/articles/bad.id",
        "/articles/x/recommendations?limit=0",
        "/nowhere",
    ] {
        let (_, error) = server.get_json(path).await;
        contract.check("ErrorBody", &error);
    }
}
