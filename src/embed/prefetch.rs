//! The loader's early requests (`prefetchFirstRequests` in `loader/news-widget.js`): which of
//! them this widget will really send, and aborting the others.

use crate::api::client::Adopted;
use crate::embed::config::{Part, WidgetConfig};
use crate::state::carousel::PAGE_LIMIT;

/// The GETs a widget with `config` sends first, as the loader predicts them: the article,
/// the reader's rating (with `voter`) and the first page of the first list.
pub fn first_requests(config: &WidgetConfig, voter: Option<&str>) -> Vec<String> {
    let (endpoint, article) = (&config.endpoint, config.article.as_str());
    let mut urls = Vec::new();
    if config.shows(Part::Article) {
        urls.push(endpoint.article_url(article));
    }
    if let (true, Some(voter)) = (config.shows(Part::Rating), voter) {
        urls.push(endpoint.rating_url(article, Some(voter)));
    }
    if let (true, Some(list)) = (config.shows(Part::Recommendations), config.lists.first()) {
        urls.push(endpoint.recommendations_url(article, list.name(), PAGE_LIMIT, None));
    }
    urls
}

/// Aborts the adopted requests the widget will not send (all of them when the configuration
/// is invalid); the others wait for the widget's first requests.
pub fn keep_wanted(adopted: &Adopted, config: Option<&WidgetConfig>) {
    let voter = config
        .filter(|c| c.shows(Part::Rating))
        .and_then(|_| crate::voter::voter_id());
    let wanted = config
        .map(|c| first_requests(c, voter.as_deref()))
        .unwrap_or_default();
    let unwanted: Vec<String> = adopted
        .urls
        .iter()
        .filter(|url| !wanted.contains(url))
        .cloned()
        .collect();
    adopted.discard(&unwanted);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::embed::config::{parse, EmbedForm, RawOptions};

    fn config(pairs: &[(&str, &str)]) -> WidgetConfig {
        let mut raw = RawOptions::new(EmbedForm::DataAttributes);
        for (name, value) in pairs {
            raw.set(name, (*value).to_owned());
        }
        parse(&raw).expect("valid configuration")
    }

    #[test]
    fn predicts_the_first_request_of_every_part() {
        let all = config(&[
            ("endpoint", "https://api.example.com/v1/"),
            ("article", "a-1"),
        ]);
        assert_eq!(
            first_requests(&all, Some("v_123")),
            [
                "https://api.example.com/v1/articles/a-1",
                "https://api.example.com/v1/articles/a-1/rating?voter=v_123",
                "https://api.example.com/v1/articles/a-1/recommendations?list=related&limit=12",
            ]
        );
    }

    #[test]
    fn follows_parts_lists_and_a_missing_voter() {
        let some = config(&[
            ("endpoint", "/api/v1"),
            ("article", "b"),
            ("parts", "recommendations, rating"),
            ("lists", "Popular,related"),
        ]);
        assert_eq!(
            first_requests(&some, None),
            ["/api/v1/articles/b/recommendations?list=popular&limit=12"]
        );
    }
}
