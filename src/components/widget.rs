//! The root component: one per mount point. Shows the configured parts, or the
//! configuration error, inside the themed, localized container.

use std::rc::Rc;

use yew::prelude::*;

use crate::components::article_view::ArticleView;
use crate::components::config_error::ConfigErrorView;
use crate::components::focus::use_focus_across_articles;
use crate::components::rating_button::RatingButton;
use crate::components::recommendation_carousel::RecommendationCarousel;
use crate::embed::config::{ConfigError, Part, Theme, WidgetConfig};
use crate::embed::host_events::HostEvents;
use crate::i18n::Locale;

#[derive(Properties, PartialEq)]
pub struct WidgetProps {
    pub config: Rc<Result<WidgetConfig, Vec<ConfigError>>>,
    pub locale: Rc<Locale>,
    /// The configured theme (also for a configuration error, when its own option is valid).
    pub theme: Theme,
    pub events: HostEvents,
}

/// Renders the parts and fires `news-widget:ready` once all of them have content.
#[function_component]
pub fn Widget(props: &WidgetProps) -> Html {
    let locale = &props.locale;
    let ready_parts = use_mut_ref(Vec::<Part>::new);
    let announced = use_mut_ref(|| None::<String>);
    // Whether the article on screen has a rating, per article id (no rating: no button).
    let article_rating = use_state_eq(|| None::<(String, bool)>);
    let root = use_node_ref();
    use_focus_across_articles(&root, props.config.as_ref().as_ref().ok());

    let theme = props.theme;
    let content = match props.config.as_ref() {
        Err(errors) => html! {
            <ConfigErrorView errors={errors.clone()} messages={locale.messages()} />
        },
        Ok(config) => {
            let on_ready = |part: Part| {
                let config = config.clone();
                let events = props.events.clone();
                let ready_parts = ready_parts.clone();
                let announced = announced.clone();
                Callback::from(move |()| {
                    let mut ready = ready_parts.borrow_mut();
                    if announced.borrow().as_deref() != Some(config.article.as_str()) {
                        ready.clear();
                        *announced.borrow_mut() = Some(config.article.clone());
                    }
                    let first_time = !ready.contains(&part);
                    if first_time {
                        ready.push(part);
                    }
                    if first_time && config.parts.iter().all(|p| ready.contains(p)) {
                        events.ready(&config.article, &config.parts);
                    }
                })
            };
            let on_rating = {
                let article_rating = article_rating.setter();
                let article = config.article.clone();
                Callback::from(move |has: bool| article_rating.set(Some((article.clone(), has))))
            };
            let rating_hidden = config.shows(Part::Article)
                && article_rating
                    .as_ref()
                    .is_some_and(|(article, has)| *article == config.article && !has);
            html! {
                <>
                    if config.shows(Part::Article) {
                        <ArticleView endpoint={config.endpoint.clone()} article={config.article.clone()}
                                     timeout_ms={config.timeout_ms} locale={locale.clone()}
                                     events={props.events.clone()} on_ready={on_ready(Part::Article)}
                                     {on_rating} />
                    }
                    if config.shows(Part::Rating) {
                        <RatingButton key={format!("{}|{}", config.endpoint.as_str(), config.article)} endpoint={config.endpoint.clone()}
                                      article={config.article.clone()} timeout_ms={config.timeout_ms}
                                      locale={locale.clone()} events={props.events.clone()}
                                      on_ready={on_ready(Part::Rating)} hidden={rating_hidden} />
                    }
                    if config.shows(Part::Recommendations) {
                        <RecommendationCarousel key={carousel_key(config)}
                                      endpoint={config.endpoint.clone()} article={config.article.clone()}
                                      lists={config.lists.clone()} timeout_ms={config.timeout_ms}
                                      locale={locale.clone()} events={props.events.clone()}
                                      on_ready={on_ready(Part::Recommendations)} />
                    }
                </>
            }
        }
    };
    html! {
        <div class={classes!("nw-root", theme.class())} lang={locale.tag.clone()} dir={locale.dir()} part="widget" ref={root}>
            { content }
        </div>
    }
}

/// A new carousel (fresh paging state) for another endpoint, article or choice of lists.
fn carousel_key(config: &WidgetConfig) -> String {
    let lists: Vec<&str> = config.lists.iter().map(|list| list.name()).collect();
    format!(
        "{}|{}|{}",
        config.endpoint.as_str(),
        config.article,
        lists.join(",")
    )
}
