//! Placeholder that reserves the article's space while it loads.

use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ArticleSkeletonProps {
    /// Announced to assistive technology.
    pub label: &'static str,
}

/// Grey bars in the shape of an article: headline, meta line, lead image, paragraphs.
#[function_component]
pub fn ArticleSkeleton(props: &ArticleSkeletonProps) -> Html {
    html! {
        <div class="nw-skeleton" part="skeleton" role="status">
            <span class="nw-visually-hidden">{ props.label }</span>
            <div class="nw-skeleton-line nw-skeleton-crumb" aria-hidden="true"></div>
            <div class="nw-skeleton-line nw-skeleton-title" aria-hidden="true"></div>
            <div class="nw-skeleton-line nw-skeleton-title nw-skeleton-short" aria-hidden="true"></div>
            <div class="nw-skeleton-line nw-skeleton-meta" aria-hidden="true"></div>
            <div class="nw-skeleton-image" aria-hidden="true"></div>
            <div class="nw-skeleton-line" aria-hidden="true"></div>
            <div class="nw-skeleton-line" aria-hidden="true"></div>
            <div class="nw-skeleton-line nw-skeleton-short" aria-hidden="true"></div>
        </div>
    }
}
