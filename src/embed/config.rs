//! Widget configuration: from the host's attributes or the JS API's options object to a
//! validated [`WidgetConfig`], or to errors that name the attribute and what is wrong.

use std::fmt;

use crate::api::Endpoint;

/// Option names, as used by `NewsWidget.mount` and `<news-widget>` attributes
/// (the placeholder form prefixes each with `data-`).
pub const OPTION_NAMES: [&str; 8] = [
    "endpoint", "article", "parts", "lists", "lang", "theme", "timeout", "lazy",
];

/// Default request timeout in milliseconds.
pub const DEFAULT_TIMEOUT_MS: u32 = 10_000;
const MAX_TIMEOUT_MS: u32 = 120_000;
const MAX_ARTICLE_ID_CHARS: usize = 200;

/// Which embed form the options came from; decides how errors name attributes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EmbedForm {
    /// `<div data-news-widget data-endpoint=...>`
    DataAttributes,
    /// `<news-widget endpoint=...>`
    CustomElement,
    /// `NewsWidget.mount(el, { endpoint })`
    Script,
}

/// Options exactly as the host gave them, as strings, one slot per name in
/// [`OPTION_NAMES`] (unknown names are ignored).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RawOptions {
    pub form: Option<EmbedForm>,
    values: [Option<String>; OPTION_NAMES.len()],
}

fn slot(name: &str) -> Option<usize> {
    OPTION_NAMES.iter().position(|known| *known == name)
}

impl RawOptions {
    /// Options from the given form.
    pub fn new(form: EmbedForm) -> Self {
        RawOptions {
            form: Some(form),
            ..RawOptions::default()
        }
    }

    /// Sets (or replaces) one option; unknown names are ignored.
    pub fn set(&mut self, name: &str, value: impl Into<String>) {
        if let Some(index) = slot(name) {
            self.values[index] = Some(value.into());
        }
    }

    /// Merges `other` into `self` (what `handle.update(options)` does).
    pub fn merge(&mut self, other: &RawOptions) {
        for (mine, theirs) in self.values.iter_mut().zip(&other.values) {
            if theirs.is_some() {
                mine.clone_from(theirs);
            }
        }
    }

    /// Value of one option, if given.
    pub fn get(&self, name: &str) -> Option<&str> {
        slot(name).and_then(|index| self.values[index].as_deref())
    }
}

/// A part of the widget the publisher can show.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Part {
    Article,
    Rating,
    Recommendations,
}

impl Part {
    /// The name used in the `parts` option.
    pub fn name(self) -> &'static str {
        match self {
            Part::Article => "article",
            Part::Rating => "rating",
            Part::Recommendations => "recommendations",
        }
    }
}

/// A recommendation list the carousel can show.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum ListKind {
    Related,
    Popular,
    Recommended,
}

impl ListKind {
    /// The name used in the `lists` option and the `list` query parameter.
    pub fn name(self) -> &'static str {
        match self {
            ListKind::Related => "related",
            ListKind::Popular => "popular",
            ListKind::Recommended => "recommended",
        }
    }
}

/// Colour scheme: fixed, or following the reader's system setting live.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Theme {
    Light,
    Dark,
    Auto,
}

impl Theme {
    /// CSS class the stylesheet keys the palette on.
    pub fn class(self) -> &'static str {
        match self {
            Theme::Light => "theme-light",
            Theme::Dark => "theme-dark",
            Theme::Auto => "theme-auto",
        }
    }
}

/// A validated configuration.
#[derive(Clone, Debug, PartialEq)]
pub struct WidgetConfig {
    pub endpoint: Endpoint,
    pub article: String,
    pub parts: Vec<Part>,
    pub lists: Vec<ListKind>,
    pub lang: Option<String>,
    pub theme: Theme,
    pub timeout_ms: u32,
    pub lazy: bool,
}

impl WidgetConfig {
    /// Whether `part` is shown.
    pub fn shows(&self, part: Part) -> bool {
        self.parts.contains(&part)
    }
}

/// One problem with one option.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConfigError {
    /// The attribute or option as the publisher wrote it (e.g. `data-endpoint`).
    pub attribute: String,
    pub problem: String,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.attribute, self.problem)
    }
}

fn attribute_name(form: Option<EmbedForm>, option: &str) -> String {
    match form {
        Some(EmbedForm::DataAttributes) => format!("data-{option}"),
        Some(EmbedForm::CustomElement) => format!("{option} attribute"),
        Some(EmbedForm::Script) | None => format!("options.{option}"),
    }
}

/// Validates raw options; on failure returns every problem found.
pub fn parse(raw: &RawOptions) -> Result<WidgetConfig, Vec<ConfigError>> {
    let mut errors = Vec::new();
    let mut fail = |option: &str, problem: String| {
        errors.push(ConfigError {
            attribute: attribute_name(raw.form, option),
            problem,
        })
    };

    let endpoint = match raw.get("endpoint").map(str::trim) {
        None | Some("") => {
            fail(
                "endpoint",
                "is missing: set it to your API base URL, e.g. https://api.example.com/v1".into(),
            );
            None
        }
        Some(value) => match Endpoint::parse(value) {
            Ok(endpoint) => Some(endpoint),
            Err(problem) => {
                fail("endpoint", format!("\"{}\" {problem}", shorten(value)));
                None
            }
        },
    };

    let article = match raw.get("article").map(str::trim) {
        None | Some("") => {
            fail(
                "article",
                "is missing: set it to the article id, e.g. a-123".into(),
            );
            None
        }
        Some(id) if id.chars().count() > MAX_ARTICLE_ID_CHARS => {
            fail(
                "article",
                format!("is longer than {MAX_ARTICLE_ID_CHARS} characters"),
            );
            None
        }
        Some(id) if id.chars().any(char::is_control) => {
            fail("article", "contains control characters".into());
            None
        }
        // URLs resolve these as path steps (even percent-encoded): the request would
        // reach another resource than the article.
        Some(id @ ("." | "..")) => {
            fail(
                "article",
                format!("cannot be \"{id}\": it is not an article id"),
            );
            None
        }
        Some(id) => Some(id.to_owned()),
    };

    let parts = parse_list(
        raw.get("parts"),
        &[Part::Article, Part::Rating, Part::Recommendations],
        Part::name,
    )
    .unwrap_or_else(|problem| {
        fail("parts", problem);
        Vec::new()
    });

    let lists = parse_list(
        raw.get("lists"),
        &[ListKind::Related, ListKind::Popular, ListKind::Recommended],
        ListKind::name,
    )
    .unwrap_or_else(|problem| {
        fail("lists", problem);
        Vec::new()
    });

    let lang = read_lang(raw).unwrap_or_else(|problem| {
        fail("lang", problem);
        None
    });

    let theme = read_theme(raw).unwrap_or_else(|problem| {
        fail("theme", problem);
        Theme::Auto
    });

    let timeout_ms = match raw.get("timeout").map(str::trim) {
        None | Some("") => DEFAULT_TIMEOUT_MS,
        Some(value) => match value.parse::<u32>() {
            Ok(ms) if (1..=MAX_TIMEOUT_MS).contains(&ms) => ms,
            _ => {
                fail(
                    "timeout",
                    format!(
                        "\"{}\" is not a number of milliseconds between 1 and {MAX_TIMEOUT_MS}",
                        shorten(value)
                    ),
                );
                DEFAULT_TIMEOUT_MS
            }
        },
    };

    let lazy = match raw
        .get("lazy")
        .map(|v| v.trim().to_ascii_lowercase())
        .as_deref()
    {
        None | Some("") | Some("true") => true,
        Some("false") => false,
        Some(other) => {
            fail(
                "lazy",
                format!("\"{}\" is not true or false", shorten(other)),
            );
            true
        }
    };

    match (endpoint, article) {
        (Some(endpoint), Some(article)) if errors.is_empty() => Ok(WidgetConfig {
            endpoint,
            article,
            parts,
            lists,
            lang,
            theme,
            timeout_ms,
            lazy,
        }),
        _ => Err(errors),
    }
}

/// Parses a comma list of known names; absent means all, duplicates are ignored.
fn parse_list<T: Copy + PartialEq>(
    raw: Option<&str>,
    known: &[T],
    name: fn(T) -> &'static str,
) -> Result<Vec<T>, String> {
    let Some(raw) = raw else {
        return Ok(known.to_vec());
    };
    let mut chosen = Vec::new();
    for item in raw
        .split(',')
        .map(str::trim)
        .filter(|item| !item.is_empty())
    {
        let item_lower = item.to_ascii_lowercase();
        match known.iter().find(|k| name(**k) == item_lower) {
            Some(kind) if !chosen.contains(kind) => chosen.push(*kind),
            Some(_) => {}
            None => {
                let names: Vec<&str> = known.iter().map(|k| name(*k)).collect();
                return Err(format!(
                    "\"{}\" is not one of {}",
                    shorten(item),
                    names.join(", ")
                ));
            }
        }
    }
    if chosen.is_empty() {
        let names: Vec<&str> = known.iter().map(|k| name(*k)).collect();
        return Err(format!(
            "is empty: list one or more of {}",
            names.join(", ")
        ));
    }
    Ok(chosen)
}

/// A loose BCP 47 check: `xx`, `xxx`, `xx-YY`, `zh-Hant-TW`...
/// The `theme` option (absent or empty: auto).
fn read_theme(raw: &RawOptions) -> Result<Theme, String> {
    match raw
        .get("theme")
        .map(|t| t.trim().to_ascii_lowercase())
        .as_deref()
    {
        None | Some("") | Some("auto") => Ok(Theme::Auto),
        Some("light") => Ok(Theme::Light),
        Some("dark") => Ok(Theme::Dark),
        Some(other) => Err(format!(
            "\"{}\" is not one of light, dark, auto",
            shorten(other)
        )),
    }
}

/// The `lang` option (absent or empty: none).
fn read_lang(raw: &RawOptions) -> Result<Option<String>, String> {
    match raw.get("lang").map(str::trim) {
        None | Some("") => Ok(None),
        Some(tag) if is_language_tag(tag) => Ok(Some(tag.to_owned())),
        Some(tag) => Err(format!(
            "\"{}\" is not a language tag such as en or pt-BR",
            shorten(tag)
        )),
    }
}

/// The theme and language a configuration error is shown in: the options' own when they
/// are valid, though others are not (a dark page's widget says what is wrong in dark, in
/// the publisher's language).
pub fn presentation(raw: &RawOptions) -> (Theme, Option<String>) {
    (
        read_theme(raw).unwrap_or(Theme::Auto),
        read_lang(raw).ok().flatten(),
    )
}

fn is_language_tag(tag: &str) -> bool {
    let mut subtags = tag.split(['-', '_']);
    let primary_ok = subtags
        .next()
        .is_some_and(|p| (2..=8).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphabetic()));
    primary_ok
        && subtags
            .all(|s| (1..=8).contains(&s.len()) && s.chars().all(|c| c.is_ascii_alphanumeric()))
}

/// Keeps error messages readable when a value is huge or hostile.
fn shorten(value: &str) -> String {
    const MAX: usize = 80;
    match value.char_indices().nth(MAX) {
        Some((cut, _)) => format!("{}…", &value[..cut]),
        None => value.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn raw(form: EmbedForm, pairs: &[(&str, &str)]) -> RawOptions {
        let mut options = RawOptions::new(form);
        for (name, value) in pairs {
            options.set(name, *value);
        }
        options
    }

    fn minimal() -> Vec<(&'static str, &'static str)> {
        vec![
            ("endpoint", "https://api.example.com/v1"),
            ("article", "a-123"),
        ]
    }

    #[test]
    fn defaults_apply() {
        let config = parse(&raw(EmbedForm::Script, &minimal())).unwrap();
        assert_eq!(config.endpoint.as_str(), "https://api.example.com/v1");
        assert_eq!(
            config.parts,
            vec![Part::Article, Part::Rating, Part::Recommendations]
        );
        assert_eq!(
            config.lists,
            vec![ListKind::Related, ListKind::Popular, ListKind::Recommended]
        );
        assert_eq!(config.theme, Theme::Auto);
        assert_eq!(config.timeout_ms, 10_000);
        assert!(config.lazy);
        assert_eq!(config.lang, None);
    }

    #[test]
    fn every_option_is_read() {
        let mut pairs = minimal();
        pairs.extend([
            ("parts", " Rating , recommendations,rating"),
            ("lists", "popular"),
            ("lang", "pt-BR"),
            ("theme", "DARK"),
            ("timeout", "2500"),
            ("lazy", "false"),
        ]);
        let config = parse(&raw(EmbedForm::CustomElement, &pairs)).unwrap();
        assert_eq!(config.parts, vec![Part::Rating, Part::Recommendations]);
        assert_eq!(config.lists, vec![ListKind::Popular]);
        assert_eq!(config.lang.as_deref(), Some("pt-BR"));
        assert_eq!(config.theme, Theme::Dark);
        assert_eq!(config.timeout_ms, 2500);
        assert!(!config.lazy);
    }

    #[test]
    fn missing_endpoint_names_the_data_attribute() {
        let errors = parse(&raw(EmbedForm::DataAttributes, &[("article", "a-1")])).unwrap_err();
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].attribute, "data-endpoint");
        assert!(errors[0].problem.starts_with("is missing"));
    }

    #[test]
    fn every_problem_is_reported_at_once() {
        let errors = parse(&raw(
            EmbedForm::CustomElement,
            &[
                ("endpoint", "not a url"),
                ("parts", "article,comments"),
                ("theme", "pink"),
                ("timeout", "-5"),
                ("lazy", "maybe"),
                ("lang", "!!"),
            ],
        ))
        .unwrap_err();
        let named: Vec<&str> = errors.iter().map(|e| e.attribute.as_str()).collect();
        assert_eq!(
            named,
            vec![
                "endpoint attribute",
                "article attribute",
                "parts attribute",
                "lang attribute",
                "theme attribute",
                "timeout attribute",
                "lazy attribute"
            ]
        );
        assert!(errors[2]
            .problem
            .contains("\"comments\" is not one of article, rating, recommendations"));
    }

    #[test]
    fn empty_parts_and_zero_timeout_are_errors() {
        let mut pairs = minimal();
        pairs.extend([("parts", " , "), ("timeout", "0")]);
        let errors = parse(&raw(EmbedForm::Script, &pairs)).unwrap_err();
        assert_eq!(errors[0].attribute, "options.parts");
        assert_eq!(errors[1].attribute, "options.timeout");
    }

    #[test]
    fn dot_segments_are_not_article_ids() {
        for id in [".", ".."] {
            let pairs = [("endpoint", "https://api.example.com/v1"), ("article", id)];
            let errors = parse(&raw(EmbedForm::DataAttributes, &pairs)).unwrap_err();
            assert_eq!(errors[0].attribute, "data-article", "{id}");
        }
        let pairs = [
            ("endpoint", "https://api.example.com/v1"),
            ("article", "..."),
        ];
        assert!(parse(&raw(EmbedForm::DataAttributes, &pairs)).is_ok());
    }

    #[test]
    fn hostile_values_are_shortened_in_messages() {
        let long = "x".repeat(10_000);
        let mut pairs = minimal();
        pairs.push(("theme", &long));
        let errors = parse(&raw(EmbedForm::Script, &pairs)).unwrap_err();
        assert!(errors[0].to_string().len() < 200);
    }

    #[test]
    fn merge_replaces_given_options_only() {
        let mut options = raw(EmbedForm::Script, &minimal());
        options.merge(&raw(EmbedForm::Script, &[("article", "a-456")]));
        let config = parse(&options).unwrap();
        assert_eq!(config.article, "a-456");
        assert_eq!(config.endpoint.as_str(), "https://api.example.com/v1");
    }

    #[test]
    fn a_configuration_error_keeps_the_valid_theme_and_language() {
        let options = raw(
            EmbedForm::Script,
            &[("theme", "Dark"), ("lang", "pt"), ("parts", "weather")],
        );
        assert!(parse(&options).is_err());
        assert_eq!(presentation(&options), (Theme::Dark, Some("pt".to_owned())));
        let wrong = raw(EmbedForm::Script, &[("theme", "pink"), ("lang", "!!")]);
        assert_eq!(presentation(&wrong), (Theme::Auto, None));
    }
}
