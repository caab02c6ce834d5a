//! `use_carousel`: sends the page requests the pure [`Carousel`] reducer asks for, and keeps
//! the number of cards per view in step with the container's width.

use std::rc::Rc;

use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use crate::api::{fetch_recommendations, Cancel, Endpoint};
use crate::embed::config::ListKind;
use crate::hooks::{use_retry_timer, use_window_event};
use crate::state::carousel::{Carousel, CarouselAction, PAGE_LIMIT};

/// Narrowest card, in px, before a card per view is dropped.
const MIN_CARD_WIDTH: f64 = 200.0;
const CARD_GAP: f64 = 16.0;
const MAX_PER_VIEW: usize = 4;

/// Cards that fit a container `width` px wide.
pub fn cards_per_view(width: f64) -> usize {
    let fit = ((width + CARD_GAP) / (MIN_CARD_WIDTH + CARD_GAP)).floor();
    (fit.max(1.0) as usize).min(MAX_PER_VIEW)
}

/// What the carousel view needs.
pub struct CarouselHandle {
    state: UseReducerHandle<Carousel>,
}

impl CarouselHandle {
    /// The current state.
    pub fn state(&self) -> &Carousel {
        &self.state
    }

    /// Dispatches one action.
    pub fn dispatch(&self, action: CarouselAction) {
        self.state.dispatch(action);
    }

    /// A callback showing the list at the given index.
    pub fn select(&self) -> Callback<usize> {
        let dispatcher = self.state.dispatcher();
        Callback::from(move |index| dispatcher.dispatch(CarouselAction::Select(index)))
    }

    /// A callback dispatching `action()` on every event.
    pub fn on<E>(&self, action: impl Fn() -> CarouselAction + 'static) -> Callback<E> {
        let dispatcher = self.state.dispatcher();
        Callback::from(move |_| dispatcher.dispatch(action()))
    }
}

/// Carousel state for one article's lists; mount it with a `key` per article.
#[hook]
pub fn use_carousel(
    endpoint: &Endpoint,
    article: &str,
    lists: &[ListKind],
    timeout_ms: u32,
    container: NodeRef,
) -> CarouselHandle {
    let lists = lists.to_vec();
    let state = use_reducer(move || Carousel::new(&lists, 3));
    let in_flight = use_mut_ref(|| None::<Cancel>);
    let context = Rc::new((endpoint.clone(), article.to_owned(), timeout_ms));

    {
        let dispatcher = state.dispatcher();
        let kinds: Vec<ListKind> = state.lists.iter().map(|l| l.kind).collect();
        let in_flight = in_flight.clone();
        use_effect_with(state.pending.clone(), move |pending| {
            if let Some(request) = pending {
                let (endpoint, article, timeout_ms) = &*context;
                let list = kinds
                    .get(request.list)
                    .copied()
                    .unwrap_or(ListKind::Related);
                let (cancel, future) = fetch_recommendations(
                    endpoint,
                    article,
                    list.name(),
                    PAGE_LIMIT,
                    request.cursor.as_deref(),
                    *timeout_ms,
                );
                *in_flight.borrow_mut() = Some(cancel);
                let id = request.id;
                spawn_local(async move {
                    let result = future.await;
                    dispatcher.dispatch(CarouselAction::PageLoaded { id, result });
                });
            }
        });
    }

    {
        let dispatcher = state.dispatcher();
        let epoch = (state.active, state.current().map(|list| list.retry.made()));
        use_retry_timer(state.retry_due_in_ms(), epoch, move || {
            dispatcher.dispatch(CarouselAction::RetryDue)
        });
    }

    // Back online: the failed page is asked again without waiting.
    {
        let dispatcher = state.dispatcher();
        use_window_event(
            "online",
            state.failed_transiently(),
            Rc::new(move |_| dispatcher.dispatch(CarouselAction::Online)),
        );
    }

    use_effect_with((), {
        let in_flight = in_flight.clone();
        move |_| {
            move || {
                if let Some(cancel) = in_flight.borrow_mut().take() {
                    cancel.abort();
                }
            }
        }
    });

    {
        let dispatcher = state.dispatcher();
        use_effect_with(container, move |container| {
            let element = container.cast::<web_sys::Element>();
            // Measure once right after the first render, then follow resizes.
            let sent = Rc::new(std::cell::Cell::new(0_usize));
            if let Some(width) = element
                .as_ref()
                .map(|e| e.client_width())
                .filter(|w| *w > 0)
            {
                sent.set(cards_per_view(width as f64));
                dispatcher.dispatch(CarouselAction::SetPerView(sent.get()));
            }
            let observer = element.and_then(|element| {
                let measure =
                    Closure::<dyn Fn(js_sys::Array)>::new(move |entries: js_sys::Array| {
                        let width = entries
                            .get(0)
                            .dyn_into::<web_sys::ResizeObserverEntry>()
                            .map(|entry| entry.content_rect().width())
                            .unwrap_or(0.0);
                        let per_view = cards_per_view(width);
                        if width <= 0.0 || per_view == sent.get() {
                            return;
                        }
                        sent.set(per_view);
                        // In the next frame, not inside the observer's delivery: where the
                        // widget's width follows its content (a flex item, a float), the
                        // new cards change the width again, which the browser reported as
                        // an uncaught "ResizeObserver loop" error on the host page.
                        let dispatcher = dispatcher.clone();
                        let apply = Closure::once_into_js(move || {
                            dispatcher.dispatch(CarouselAction::SetPerView(per_view))
                        });
                        if let Some(window) = web_sys::window() {
                            let _ = window.request_animation_frame(apply.unchecked_ref());
                        }
                    });
                let observer =
                    web_sys::ResizeObserver::new(measure.as_ref().unchecked_ref()).ok()?;
                observer.observe(&element);
                Some((observer, measure))
            });
            move || {
                if let Some((observer, _measure)) = observer {
                    observer.disconnect();
                }
            }
        });
    }

    CarouselHandle { state }
}

#[cfg(test)]
mod tests {
    use super::cards_per_view;

    #[test]
    fn per_view_follows_width() {
        assert_eq!(cards_per_view(0.0), 1);
        assert_eq!(cards_per_view(300.0), 1);
        assert_eq!(cards_per_view(416.0), 2);
        assert_eq!(cards_per_view(700.0), 3);
        assert_eq!(cards_per_view(5000.0), 4);
    }
}
