//! The article part: breadcrumb, source, headline, times, byline, dateline, lead image, body.

use std::rc::Rc;

use yew::prelude::*;

use crate::api::types::{Article, Block, Image};
use crate::api::{fetch_article, prefetched_article, Endpoint};
use crate::components::error_state::ErrorState;
use crate::components::picture::picture;
use crate::components::skeleton::ArticleSkeleton;
use crate::embed::host_events::HostEvents;
use crate::format;
use crate::hooks::{use_clock, use_remote};
use crate::i18n::Locale;
use crate::sanitize::{html_block_within, http_url};
use crate::state::remote::Phase;

#[derive(Properties, PartialEq)]
pub struct ArticleViewProps {
    pub endpoint: Endpoint,
    pub article: String,
    pub timeout_ms: u32,
    pub locale: Rc<Locale>,
    pub events: HostEvents,
    /// Called once the article has rendered (for the `ready` event).
    pub on_ready: Callback<()>,
    /// Called with whether the rendered article has a rating (none: no rating button).
    #[prop_or_default]
    pub on_rating: Callback<bool>,
}

/// Fetches the article and renders it, its skeleton, or its error state.
#[function_component]
pub fn ArticleView(props: &ArticleViewProps) -> Html {
    let key = (
        props.endpoint.clone(),
        props.article.clone(),
        props.timeout_ms,
    );
    let remote = use_remote(
        key,
        |(endpoint, article, _)| prefetched_article(endpoint, article),
        |(endpoint, article, timeout_ms)| fetch_article(endpoint, article, *timeout_ms),
    );
    let messages = props.locale.messages();
    let times: Vec<f64> = match remote.phase() {
        Phase::Loaded(article) => [&article.published_at, &article.updated_at]
            .into_iter()
            .filter_map(|raw| format::parse_timestamp(raw.as_deref()?))
            .collect(),
        _ => Vec::new(),
    };
    let now = use_clock(&times);

    {
        let phase = remote.phase().clone();
        let events = props.events.clone();
        let on_ready = props.on_ready.clone();
        let on_rating = props.on_rating.clone();
        use_effect_with((remote.answers(), phase), move |(_, phase)| match phase {
            Phase::Loaded(article) => {
                on_rating.emit(article.rating.is_some());
                on_ready.emit(());
            }
            Phase::Failed(error) => events.error(error.kind(), &error.to_string()),
            Phase::Loading => {}
        });
    }

    let content = match remote.phase() {
        Phase::Loading => html! { <ArticleSkeleton label={messages.loading_article} /> },
        Phase::Failed(error) => html! {
            <ErrorState error={error.clone()} {messages} on_retry={remote.retry()}
                        retrying={remote.retrying()} />
        },
        Phase::Loaded(article) => render_article(article, &props.locale, now),
    };
    let busy = matches!(remote.phase(), Phase::Loading).then_some("true");
    html! {
        <article class="nw-article" part="article" aria-busy={busy}>{ content }</article>
    }
}

fn render_article(article: &Rc<Article>, locale: &Locale, now: f64) -> Html {
    let messages = locale.messages();
    let source = article.source.as_ref().map(|source| {
        let name = html! { <span class="nw-source-name" dir="auto">{ &source.name }</span> };
        match source.url.as_deref().and_then(http_url) {
            Some(url) => html! {
                <a class="nw-source" part="source" href={url} rel="noopener noreferrer">{ name }</a>
            },
            None => html! { <span class="nw-source" part="source">{ name }</span> },
        }
    });
    let breadcrumb = (!article.section.is_empty()).then(|| {
        html! {
            <nav class="nw-breadcrumb" part="breadcrumb" aria-label={messages.breadcrumb}>
                <ol>{ for article.section.iter().map(|crumb| html! { <li><bdi>{ crumb }</bdi></li> }) }</ol>
            </nav>
        }
    });
    let headline = match article.url.as_deref().and_then(http_url) {
        Some(url) => html! { <a href={url} rel="noopener noreferrer">{ &article.title }</a> },
        None => html! { &article.title },
    };
    html! {
        <>
            <header class="nw-article-header">
                { breadcrumb }
                { source }
                <h2 class="nw-headline" part="headline" dir="auto">{ headline }</h2>
                <p class="nw-meta">
                    if let Some(byline) = &article.byline {
                        <span class="nw-byline" dir="auto">{ byline }</span>
                    }
                    { timestamp(article.published_at.as_deref(), messages.published, "nw-published", locale, now) }
                    { timestamp(article.updated_at.as_deref(), messages.updated, "nw-updated", locale, now) }
                </p>
            </header>
            if let Some(image) = &article.image {
                { figure(image, None, "nw-lead", "lead-image") }
            }
            <ArticleBody article={article.clone()} locale={locale.clone()} />
        </>
    }
}

/// `<time datetime>` with the absolute date and the relative time; nothing if unreadable.
fn timestamp(
    raw: Option<&str>,
    label: &'static str,
    class: &'static str,
    locale: &Locale,
    now: f64,
) -> Html {
    let Some((raw, epoch_ms)) = raw.and_then(|raw| Some((raw, format::parse_timestamp(raw)?)))
    else {
        return Html::default();
    };
    let absolute = format::absolute_date(&locale.tag, epoch_ms);
    html! {
        <span class={classes!("nw-time", class)}>
            <span class="nw-time-label">{ label }{ " " }</span>
            <time datetime={raw.to_owned()} title={absolute.clone()}>{ absolute }</time>
            <span class="nw-relative">{ " · " }{ format::relative_time(&locale.tag, epoch_ms, now) }</span>
        </span>
    }
}

fn figure(image: &Image, caption: Option<&str>, class: &'static str, part: &'static str) -> Html {
    let Some(src) = http_url(&image.url) else {
        return Html::default();
    };
    let sized = image.width.is_some_and(|w| w > 0) && image.height.is_some_and(|h| h > 0);
    html! {
        <figure class={classes!("nw-figure", class, (!sized).then_some("nw-figure-unsized"))} part={part}>
            { picture(src, image.alt.clone().unwrap_or_default(), (image.width, image.height), "") }
            if let Some(caption) = caption {
                <figcaption dir="auto">{ caption }</figcaption>
            }
        </figure>
    }
}

/// How much of a body is rendered: a budget in source nodes, shared by all blocks in
/// order. A paragraph, heading or quote costs 2 plus 1 per 256 bytes of text, an image 4,
/// an `html` block 8 (a parse of its own, even when empty: 80,000 empty blocks cost
/// nothing before and froze the page 2 s) plus the nodes its sanitizer visits plus 1 per
/// 32 bytes of markup (parsing is paid for by size, even where deep nesting leaves few
/// nodes to visit). Real articles
/// use a few thousand; a hostile one under the 2 MiB limit (99 `html` blocks of 5,000
/// `<br>`: half a million elements) froze the host page for 16 s. What does not fit is
/// left out, and the reader is told where the whole article is.
pub const BODY_BUDGET: usize = 10_000;
const HTML_BLOCK_COST: usize = 8;

#[derive(Properties)]
struct ArticleBodyProps {
    article: Rc<Article>,
    locale: Locale,
}

// By identity: a new answer is a new `Rc`, and comparing bodies of up to 2 MiB on every
// render of the article (its clock ticks) would cost more than rendering them.
impl PartialEq for ArticleBodyProps {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.article, &other.article) && self.locale == other.locale
    }
}

/// The body blocks in order; renders again only for a new answer (or locale), so `html`
/// blocks are sanitized once per article, not on every tick of its relative times.
#[function_component]
fn ArticleBody(props: &ArticleBodyProps) -> Html {
    let article = &props.article;
    let messages = props.locale.messages();
    let left_out = html! {
        <p class="nw-left-out" part="left-out">
            { messages.article_left_out }
            if let Some(url) = article.url.as_deref().and_then(http_url) {
                { " " }
                <a href={url} rel="noopener noreferrer">{ messages.read_full_article }</a>
            }
        </p>
    };
    html! {
        <div class="nw-body" part="body">
            { render_body(&article.body, article.dateline.as_deref(), &left_out) }
        </div>
    }
}

/// Body blocks in order, within [`BODY_BUDGET`]; the dateline opens the first paragraph,
/// as in print. `left_out` follows an `html` block cut short (past [`MAX_NODES`] or the
/// budget) and ends a body whose last blocks did not fit.
///
/// [`MAX_NODES`]: crate::sanitize::MAX_NODES
fn render_body(blocks: &[Block], dateline: Option<&str>, left_out: &Html) -> Html {
    let first_paragraph = blocks
        .iter()
        .position(|b| matches!(b, Block::Paragraph { .. }));
    let dateline_html = |dateline: &str| html! { <span class="nw-dateline"><bdi>{ dateline }</bdi>{ " — " }</span> };
    let standalone_dateline = match (dateline, first_paragraph) {
        (Some(dateline), None) => {
            Some(html! { <p class="nw-paragraph" dir="auto">{ dateline_html(dateline) }</p> })
        }
        _ => None,
    };
    let mut left = BODY_BUDGET;
    let mut rendered = Vec::new();
    let mut said = false; // the last item is `left_out`
    for (index, block) in blocks.iter().enumerate() {
        let text_cost = |text: &str| 2 + text.len() / 256;
        let cost = match block {
            Block::Paragraph { text } | Block::Heading { text } => text_cost(text),
            Block::Quote { text, cite } => text_cost(text) + cite.as_deref().map_or(0, text_cost),
            Block::Image { .. } => 4,
            Block::Html { html } => HTML_BLOCK_COST + html.len() / 32,
        };
        if cost >= left {
            if !said {
                rendered.push(left_out.clone());
            }
            break;
        }
        left -= cost;
        said = false;
        rendered.push(match block {
            Block::Paragraph { text } => html! {
                <p class="nw-paragraph" dir="auto">
                    if Some(index) == first_paragraph {
                        if let Some(dateline) = dateline { { dateline_html(dateline) } }
                    }
                    { text }
                </p>
            },
            Block::Heading { text } => html! { <h3 class="nw-subheading" dir="auto">{ text }</h3> },
            Block::Quote { text, cite } => html! {
                <figure class="nw-quote">
                    <blockquote><p dir="auto">{ text }</p></blockquote>
                    if let Some(cite) = cite {
                        <figcaption><cite dir="auto">{ cite }</cite></figcaption>
                    }
                </figure>
            },
            Block::Image {
                url,
                alt,
                width,
                height,
                caption,
            } => figure(
                &Image {
                    url: url.clone(),
                    alt: alt.clone(),
                    width: *width,
                    height: *height,
                },
                caption.as_deref(),
                "nw-inline-image",
                "body-image",
            ),
            Block::Html { html } => {
                let sanitized = html_block_within(html, left);
                left -= sanitized.visited;
                said = sanitized.cut;
                html! {
                    <>
                        <div class="nw-html" dir="auto">{ sanitized.html }</div>
                        if sanitized.cut { { left_out.clone() } }
                    </>
                }
            }
        });
    }
    html! { <>{ standalone_dateline }{ for rendered }</> }
}
