//! The recommendations part: related, most read (numbered) and recommended lists as an
//! accessible carousel (WAI-ARIA carousel + tabs patterns). Only the visible page of cards
//! is in the DOM, whatever the list's total.

use std::rc::Rc;

use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::api::types::Card;
use crate::api::Endpoint;
use crate::components::error_state::ErrorState;
use crate::components::picture::picture;
use crate::embed::config::ListKind;
use crate::embed::host_events::HostEvents;
use crate::format;
use crate::hooks::{use_carousel, use_clock};
use crate::i18n::{fill, Locale, Messages};
use crate::sanitize::http_url;
use crate::state::carousel::CarouselAction;

#[derive(Properties, PartialEq)]
pub struct RecommendationCarouselProps {
    pub endpoint: Endpoint,
    pub article: String,
    pub lists: Vec<ListKind>,
    pub timeout_ms: u32,
    pub locale: Rc<Locale>,
    pub events: HostEvents,
    /// Called once the first list has its first page (or is known to be empty).
    pub on_ready: Callback<()>,
}

/// Horizontal travel, in px, that makes a swipe.
const SWIPE_THRESHOLD_PX: i32 = 40;
/// A pause this long (ms) between wheel events ends a trackpad gesture.
const WHEEL_GESTURE_GAP_MS: f64 = 250.0;

fn list_title(kind: ListKind, messages: &Messages) -> &'static str {
    match kind {
        ListKind::Related => messages.list_related,
        ListKind::Popular => messages.list_popular,
        ListKind::Recommended => messages.list_recommended,
    }
}

/// The carousel with its list tabs, total, Previous/Next buttons and visible cards.
#[function_component]
pub fn RecommendationCarousel(props: &RecommendationCarouselProps) -> Html {
    let container = use_node_ref();
    let carousel = use_carousel(
        &props.endpoint,
        &props.article,
        &props.lists,
        props.timeout_ms,
        container.clone(),
    );
    let state = carousel.state();
    let times: Vec<f64> = state
        .visible()
        .iter()
        .filter_map(|(_, card)| format::parse_timestamp(card.as_ref()?.published_at.as_deref()?))
        .collect();
    let now = use_clock(&times);
    let locale = &props.locale;
    let messages = locale.messages();
    let tag = locale.tag.as_str();
    let Some(list) = state.current() else {
        return Html::default();
    };

    {
        let on_ready = props.on_ready.clone();
        let first_loaded = state.lists.first().is_some_and(|l| l.loaded());
        use_effect_with(first_loaded, move |loaded| {
            if *loaded {
                on_ready.emit(());
            }
        });
    }
    {
        let events = props.events.clone();
        // Once per failed request, as the article and the rating do.
        use_effect_with((list.error.clone(), list.failures), move |(error, _)| {
            if let Some(error) = error {
                events.error(error.kind(), &error.to_string());
            }
        });
    }

    let rtl = locale.dir() == "rtl";
    let tab_count = state.lists.len();
    let on_tab_key = {
        let active = state.active;
        let select = carousel.select();
        Callback::from(move |event: KeyboardEvent| {
            let (forward, backward) = if rtl {
                ("ArrowLeft", "ArrowRight")
            } else {
                ("ArrowRight", "ArrowLeft")
            };
            let key = event.key();
            let target = if key == forward {
                (active + 1) % tab_count
            } else if key == backward {
                (active + tab_count - 1) % tab_count
            } else if key == "Home" {
                0
            } else if key == "End" {
                tab_count - 1
            } else {
                return;
            };
            event.prevent_default();
            select.emit(target);
            focus_sibling_tab(&event, target);
        })
    };

    let tabs = if tab_count > 1 {
        html! {
            <div class="nw-tabs" role="tablist" aria-label={messages.recommendations}>
                { for state.lists.iter().enumerate().map(|(index, l)| {
                    let selected = index == state.active;
                    html! {
                        <button type="button" role="tab" class="nw-tab" part="tab"
                                id={format!("nw-tab-{}", l.kind.name())}
                                aria-selected={if selected { "true" } else { "false" }}
                                aria-controls="nw-carousel-panel"
                                tabindex={if selected { "0" } else { "-1" }}
                                onclick={carousel.select().reform(move |_: MouseEvent| index)}
                                onkeydown={on_tab_key.clone()}>
                            { list_title(l.kind, messages) }
                        </button>
                    }
                }) }
            </div>
        }
    } else {
        html! { <h3 class="nw-carousel-title" id={format!("nw-tab-{}", list.kind.name())}>{ list_title(list.kind, messages) }</h3> }
    };

    let total = list.loaded().then(|| {
        html! {
            <span class="nw-total" part="total">
                { fill(messages.total, &[("total", &format::exact_number(tag, list.known_total()))]) }
            </span>
        }
    });

    let visible = state.visible();
    let empty = list.loaded() && visible.is_empty();
    let slides = if let (Some(error), true) =
        (&list.error, visible.iter().all(|(_, c)| c.is_none()))
    {
        html! {
            <ErrorState error={error.clone()} {messages}
                        on_retry={carousel.on::<MouseEvent>(|| CarouselAction::Retry)}
                        retrying={state.retry_due_in_ms().is_some()} />
        }
    } else if empty {
        html! { <p class="nw-carousel-empty">{ messages.no_recommendations }</p> }
    } else {
        let known = list.known_total();
        html! {
            { for visible.iter().map(|(index, card)| {
                let label = list.loaded().then(|| fill(messages.slide_of, &[
                    ("n", &format::exact_number(tag, *index as u64 + 1)),
                    ("total", &format::exact_number(tag, known)),
                ]));
                match card {
                    Some(card) => render_card(card, *index, label, list.kind, props, now),
                    None => html! {
                        <div key={*index} class="nw-card nw-card-loading" role="group" aria-roledescription="slide"
                             aria-label={label} aria-busy="true">
                            <div class="nw-card-media nw-skeleton-image" aria-hidden="true"></div>
                            <div class="nw-skeleton-line" aria-hidden="true"></div>
                            <div class="nw-skeleton-line nw-skeleton-short" aria-hidden="true"></div>
                        </div>
                    },
                }
            }) }
        }
    };

    // Touch and pen swipes page the carousel (mouse drags are left to text selection).
    let swipe_start = use_mut_ref(|| None::<i32>);
    let on_pointer_down = {
        let swipe_start = swipe_start.clone();
        Callback::from(move |event: PointerEvent| {
            if event.pointer_type() != "mouse" {
                *swipe_start.borrow_mut() = Some(event.client_x());
            }
        })
    };
    let on_pointer_up = {
        let next = carousel.on::<()>(|| CarouselAction::Next);
        let previous = carousel.on::<()>(|| CarouselAction::Previous);
        Callback::from(move |event: PointerEvent| {
            let Some(start) = swipe_start.borrow_mut().take() else {
                return;
            };
            let delta = event.client_x() - start;
            let towards_next = if rtl { delta > 0 } else { delta < 0 };
            if delta.abs() >= SWIPE_THRESHOLD_PX {
                if towards_next {
                    next.emit(())
                } else {
                    previous.emit(())
                }
            }
        })
    };

    // Trackpad swipes arrive as horizontal wheel events: one page per gesture (the
    // gesture's remaining events are ignored until it pauses).
    let wheel = use_mut_ref(|| (0.0_f64, 0.0_f64)); // (accumulated dx, time of last page)
    let on_wheel = {
        let next = carousel.on::<()>(|| CarouselAction::Next);
        let previous = carousel.on::<()>(|| CarouselAction::Previous);
        Callback::from(move |event: WheelEvent| {
            let (dx, dy) = (event.delta_x(), event.delta_y());
            if dx.abs() <= dy.abs() {
                return;
            }
            let now = format::now_ms();
            let mut state = wheel.borrow_mut();
            if now - state.1 < WHEEL_GESTURE_GAP_MS {
                state.1 = now;
                return;
            }
            state.0 += dx;
            if state.0.abs() >= f64::from(SWIPE_THRESHOLD_PX) {
                let towards_next = if rtl { state.0 < 0.0 } else { state.0 > 0.0 };
                *state = (0.0, now);
                if towards_next {
                    next.emit(())
                } else {
                    previous.emit(())
                }
            }
        })
    };

    let announcement = state.announcement().map(|(index, first, last, total)| {
        let range = format!(
            "{}–{}",
            format::exact_number(tag, first),
            format::exact_number(tag, last)
        );
        let title = state
            .lists
            .get(index)
            .map_or("", |l| list_title(l.kind, messages));
        let position = fill(
            messages.slide_of,
            &[("n", &range), ("total", &format::exact_number(tag, total))],
        );
        format!("{title}: {position}")
    });
    let can_back = state.can_go_back();
    let can_forward = state.can_go_forward();
    // Not swapped for right-to-left: ‹ and › are bidi-mirrored characters, so in an rtl
    // widget the browser already draws Previous (on the right) as › and Next as ‹.
    let (previous_glyph, next_glyph) = ("‹", "›");
    html! {
        <section class="nw-carousel" part="carousel" ref={container}
                 aria-roledescription="carousel" aria-label={messages.recommendations}>
            <div class="nw-carousel-header">{ tabs }</div>
            <div id="nw-carousel-panel" class="nw-slides"
                 role={(tab_count > 1).then_some("tabpanel")}
                 // A tab panel with nothing focusable in it (an empty list) is itself a
                 // Tab stop, so Tab from the tabs reaches what they show (APG tabs).
                 tabindex={(tab_count > 1 && empty).then_some("0")}
                 aria-labelledby={(tab_count > 1).then(|| format!("nw-tab-{}", list.kind.name()))}
                 onpointerdown={on_pointer_down} onpointerup={on_pointer_up} onwheel={on_wheel}>
                { slides }
            </div>
            // Where the reader has moved to, said once ("Related: 5–8 of 40"): the panel
            // itself is no live region, which read every card on load, on each page and
            // on each tick of their relative times.
            <p class="nw-visually-hidden" aria-live="polite" aria-atomic="true">{ announcement }</p>
            <div class="nw-carousel-footer">
                { total }
                <div class="nw-carousel-controls">
                    <button type="button" class="nw-carousel-button nw-previous" part="previous"
                            aria-label={messages.previous} aria-controls="nw-carousel-panel"
                            aria-disabled={(!can_back).then_some("true")}
                            onclick={carousel.on::<MouseEvent>(|| CarouselAction::Previous)}>
                        <span aria-hidden="true">{ previous_glyph }</span>
                    </button>
                    <button type="button" class="nw-carousel-button nw-next" part="next"
                            aria-label={messages.next} aria-controls="nw-carousel-panel"
                            aria-disabled={(!can_forward).then_some("true")}
                            onclick={carousel.on::<MouseEvent>(|| CarouselAction::Next)}>
                        <span aria-hidden="true">{ next_glyph }</span>
                    </button>
                </div>
            </div>
        </section>
    }
}

/// Moves focus to the tab at `index` (keyboard tab navigation keeps focus on the tabs).
fn focus_sibling_tab(event: &KeyboardEvent, index: usize) {
    let tab = event
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .and_then(|t| t.parent_element())
        .and_then(|list| list.children().item(index as u32))
        .and_then(|t| t.dyn_into::<web_sys::HtmlElement>().ok());
    if let Some(tab) = tab {
        let _ = tab.focus();
    }
}

fn render_card(
    card: &Card,
    index: usize,
    label: Option<String>,
    kind: ListKind,
    props: &RecommendationCarouselProps,
    now: f64,
) -> Html {
    let tag = props.locale.tag.as_str();
    let url = http_url(&card.url);
    let position = index as u32 + 1;
    let on_open = {
        let events = props.events.clone();
        let article = props.article.clone();
        let id = card.id.clone();
        let url = url.clone().unwrap_or_default();
        Callback::from(move |event: MouseEvent| {
            // Left and middle clicks open the link normally; the host page is told.
            if event.button() <= 1 {
                events.recommendation_click(&article, kind.name(), &id, &url, position);
            }
        })
    };
    let media = match card
        .image
        .as_ref()
        .and_then(|image| Some((image, http_url(&image.url)?)))
    {
        Some((image, src)) => html! {
            // Decorative: the card's title, right beside it in the same link, names it
            // (its alt text as well read the title twice to a screen reader, or the
            // picture's description before every title).
            { picture(src, String::new(), (image.width, image.height), "nw-card-image") }
        },
        None => {
            let initial: String = card
                .source
                .as_ref()
                .map(|s| s.name.as_str())
                .unwrap_or(&card.title)
                .chars()
                .find(|c| c.is_alphanumeric())
                .map(|c| c.to_uppercase().collect())
                .unwrap_or_default();
            html! { <span class="nw-card-placeholder" aria-hidden="true">{ initial }</span> }
        }
    };
    let rank = card.rank.filter(|_| kind == ListKind::Popular).map(|rank| {
        html! { <span class="nw-rank" part="rank">{ format::exact_number(tag, rank as u64) }</span> }
    });
    let inner = html! {
        <>
            <span class="nw-card-media">{ media }{ rank }</span>
            <span class="nw-card-title" dir="auto">{ &card.title }</span>
        </>
    };
    let published = card
        .published_at
        .as_deref()
        .and_then(|raw| Some((raw, format::parse_timestamp(raw)?)))
        .map(|(raw, epoch)| {
            html! {
                <time datetime={raw.to_owned()} title={format::absolute_date(tag, epoch)}>
                    { format::relative_time(tag, epoch, now) }
                </time>
            }
        });
    html! {
        // Keyed by list position: a placeholder and the card that replaces it are the same
        // element, so nothing moves when cards arrive (Yew matches unkeyed lists from the end).
        <div key={index} class={classes!("nw-card", (kind == ListKind::Popular).then_some("nw-card-ranked"))}
             part="card" role="group" aria-roledescription="slide" aria-label={label}>
            if let Some(url) = url {
                <a class="nw-card-link" href={url} rel="noopener noreferrer"
                   onclick={on_open.clone()} onauxclick={on_open}>{ inner }</a>
            } else {
                <span class="nw-card-link">{ inner }</span>
            }
            <p class="nw-card-meta">
                if let Some(source) = &card.source {
                    <span class="nw-card-source" dir="auto">{ &source.name }</span>
                }
                { published }
            </p>
        </div>
    }
}
