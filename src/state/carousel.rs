//! The recommendation carousel's paging: a pure state machine.
//!
//! Each list (related, popular, recommended) keeps the cards loaded so far, the server's
//! total and the cursor of its next page. The reader moves by a page of `per_view` cards;
//! the next server page is requested before the reader reaches the end of what is loaded,
//! so advancing rarely waits. Only the visible page is rendered, so the DOM stays bounded
//! whatever the total.

use std::rc::Rc;

use yew::Reducible;

use crate::api::types::{Card, RecommendationPage};
use crate::api::ApiError;
use crate::embed::config::ListKind;
use crate::state::retry::Backoff;

/// Cards asked from the server per request (the contract's maximum is at least 50).
pub const PAGE_LIMIT: u32 = 12;

/// Cards loaded so far, kept as the server's pages: cloning the state (every transition
/// does) copies a few pointers, not thousands of cards.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct LoadedCards {
    pages: Vec<Rc<Vec<Card>>>,
    /// Index of each page's first card.
    starts: Vec<usize>,
    len: usize,
}

impl LoadedCards {
    /// Number of cards loaded.
    pub fn len(&self) -> usize {
        self.len
    }

    /// Whether nothing is loaded.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The card at `index` in list order.
    pub fn get(&self, index: usize) -> Option<&Card> {
        let page = self
            .starts
            .partition_point(|start| *start <= index)
            .checked_sub(1)?;
        self.pages.get(page)?.get(index - self.starts[page])
    }

    /// Appends the cards of a page that are not loaded yet (by id: a server that repeats
    /// itself must not show the same story twice, as a page of its own); returns how many.
    fn push_page(&mut self, cards: Vec<Card>) -> usize {
        let mut fresh: Vec<Card> = Vec::with_capacity(cards.len());
        for card in cards {
            let known = |other: &Card| other.id == card.id;
            if !fresh.iter().any(known) && !self.pages.iter().any(|page| page.iter().any(known)) {
                fresh.push(card);
            }
        }
        let added = fresh.len();
        if added > 0 {
            self.starts.push(self.len);
            self.len += added;
            self.pages.push(Rc::new(fresh));
        }
        added
    }
}

/// One list's loaded cards and paging position.
#[derive(Clone, Debug, PartialEq)]
pub struct ListState {
    pub kind: ListKind,
    /// Cards loaded so far, in list order.
    pub items: LoadedCards,
    /// The server's total, once known.
    pub total: Option<u64>,
    pub next_cursor: Option<String>,
    /// The server said there is nothing after `items`.
    pub exhausted: bool,
    /// Index of the first visible card.
    pub offset: usize,
    pub error: Option<ApiError>,
    /// Failed page requests so far (one `news-widget:error` event each).
    pub failures: u32,
    /// Background retries of the failed page.
    pub retry: Backoff,
}

impl ListState {
    fn new(kind: ListKind) -> Self {
        ListState {
            kind,
            items: LoadedCards::default(),
            total: None,
            next_cursor: None,
            exhausted: false,
            offset: 0,
            error: None,
            failures: 0,
            retry: Backoff::default(),
        }
    }

    /// Number of cards the list has in all (the total, else what is loaded), for display:
    /// a total beyond what a 32-bit `usize` holds is shown as the server sent it.
    pub fn known_total(&self) -> u64 {
        let loaded = self.items.len() as u64;
        self.total.map_or(loaded, |total| total.max(loaded))
    }

    /// [`ListState::known_total`] as an index bound.
    pub fn known_len(&self) -> usize {
        usize::try_from(self.known_total()).unwrap_or(usize::MAX)
    }

    /// Whether the first page has arrived.
    pub fn loaded(&self) -> bool {
        self.total.is_some() || self.exhausted
    }
}

/// A page request the view must send.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PageRequest {
    pub id: u32,
    pub list: usize,
    pub cursor: Option<String>,
}

/// The carousel's state.
#[derive(Clone, Debug, PartialEq)]
pub struct Carousel {
    pub lists: Vec<ListState>,
    pub active: usize,
    pub per_view: usize,
    /// The one page request in flight, if any.
    pub pending: Option<PageRequest>,
    next_request: u32,
    /// The reader paged or chose a list since the carousel (or its width) was new.
    reader_moved: bool,
}

/// Transitions of [`Carousel`].
#[derive(Debug)]
pub enum CarouselAction {
    /// Show list `index` (a tab was chosen).
    Select(usize),
    Next,
    Previous,
    /// The container's width now fits this many cards.
    SetPerView(usize),
    /// The page request `id` answered.
    PageLoaded {
        id: u32,
        result: Result<RecommendationPage, ApiError>,
    },
    /// The reader pressed Retry after a failed page.
    Retry,
    /// The active list's scheduled background retry is due.
    RetryDue,
    /// The browser reports the connection back (`online`).
    Online,
}

impl Carousel {
    /// A carousel over `lists`, showing the first; its first page is requested at once.
    pub fn new(lists: &[ListKind], per_view: usize) -> Carousel {
        let mut carousel = Carousel {
            lists: lists.iter().copied().map(ListState::new).collect(),
            active: 0,
            per_view: per_view.max(1),
            pending: None,
            next_request: 0,
            reader_moved: false,
        };
        carousel.request_if_needed();
        carousel
    }

    /// The list on screen.
    pub fn current(&self) -> Option<&ListState> {
        self.lists.get(self.active)
    }

    /// Whether Previous can move.
    pub fn can_go_back(&self) -> bool {
        self.current().is_some_and(|list| list.offset > 0)
    }

    /// Whether Next can move.
    pub fn can_go_forward(&self) -> bool {
        self.current().is_some_and(|list| {
            // A page that failed to load shows its error and Retry in place of the cards:
            // Next waits for it (else each press moved on unseen, past cards never shown).
            let failed_here = list.error.is_some() && list.offset >= list.items.len();
            let end = list.offset + self.per_view;
            !failed_here && (end < list.items.len() || (!list.exhausted && end < list.known_len()))
        })
    }

    /// The visible slots: loaded cards, or `None` for ones still on their way.
    pub fn visible(&self) -> Vec<(usize, Option<&Card>)> {
        let Some(list) = self.current() else {
            return Vec::new();
        };
        let end = (list.offset + self.per_view).min(if list.loaded() {
            list.known_len()
        } else {
            list.offset + self.per_view
        });
        (list.offset..end)
            .map(|index| (index, list.items.get(index)))
            .collect()
    }

    /// What to tell a screen reader after the reader moved: the list (its index) and
    /// the cards on screen, `first` to `last` (1-based) of `total`, once they have loaded.
    /// None before the reader's first move (the cards are there to read), while a page is
    /// loading, and after a resize.
    pub fn announcement(&self) -> Option<(usize, u64, u64, u64)> {
        let list = self.current().filter(|list| list.loaded())?;
        let visible = self.visible();
        let first = visible.first()?.0 as u64 + 1;
        let loaded = visible.iter().all(|(_, card)| card.is_some());
        (self.reader_moved && loaded).then(|| {
            let last = first + visible.len() as u64 - 1;
            (self.active, first, last, list.known_total())
        })
    }

    /// Pure transition function.
    pub fn apply(&self, action: CarouselAction) -> Carousel {
        let mut next = self.clone();
        match action {
            CarouselAction::Select(index) => {
                if index < next.lists.len() {
                    next.active = index;
                    next.reader_moved = true;
                }
            }
            CarouselAction::Next => {
                if next.can_go_forward() {
                    let per_view = next.per_view;
                    if let Some(list) = next.lists.get_mut(next.active) {
                        list.offset += per_view;
                    }
                    next.reader_moved = true;
                }
            }
            CarouselAction::Previous => {
                let per_view = next.per_view;
                if let Some(list) = next.lists.get_mut(next.active) {
                    if list.offset > 0 {
                        list.offset = list.offset.saturating_sub(per_view);
                        next.reader_moved = true;
                    }
                }
            }
            CarouselAction::SetPerView(per_view) => {
                if per_view.max(1) != next.per_view {
                    next.reader_moved = false;
                }
                next.per_view = per_view.max(1);
                // Keep the first visible card on a page boundary of the new size.
                let per_view = next.per_view;
                for list in &mut next.lists {
                    list.offset -= list.offset % per_view;
                }
            }
            CarouselAction::PageLoaded { id, result } => {
                let Some(request) = self.pending.as_ref().filter(|r| r.id == id) else {
                    return next;
                };
                next.pending = None;
                if let Some(list) = next.lists.get_mut(request.list) {
                    match result {
                        Ok(page) => {
                            // A page with nothing new (empty, or only cards already
                            // shown), or one pointing back at itself, ends the list: a
                            // server that loops must not draw an endless request chain.
                            let added = list.items.push_page(page.items);
                            let ends = added == 0
                                || page.next_cursor.is_none()
                                || page.next_cursor == request.cursor;
                            list.total = page.total.or(list.total);
                            list.exhausted = ends;
                            list.next_cursor = page.next_cursor.filter(|_| !ends);
                            list.error = None;
                            list.retry.reset();
                            if list.exhausted {
                                // The total cannot exceed what the server actually had.
                                list.total = Some(list.items.len() as u64);
                            }
                        }
                        Err(ApiError::Aborted) => {}
                        Err(error) => {
                            list.retry.failed(&error);
                            list.error = Some(error);
                            list.failures = list.failures.wrapping_add(1);
                        }
                    }
                }
            }
            CarouselAction::Retry => {
                if let Some(list) = next.lists.get_mut(next.active) {
                    list.error = None;
                    list.retry.reset();
                }
            }
            CarouselAction::RetryDue => {
                // The error stays on screen while the page is asked again.
                let due = next
                    .lists
                    .get_mut(next.active)
                    .is_some_and(|list| list.retry.fire());
                if due && next.pending.is_none() {
                    next.request_page();
                }
            }
            // The active list's failed page is asked again at once, with a fresh retry
            // schedule, its error on screen until the answer.
            CarouselAction::Online => {
                if self.failed_transiently() && next.pending.is_none() {
                    if let Some(list) = next.lists.get_mut(next.active) {
                        list.retry.reset();
                    }
                    next.request_page();
                }
            }
        }
        next.request_if_needed();
        next
    }

    /// Whether the active list's last page request failed in a way a working connection
    /// may fix.
    pub fn failed_transiently(&self) -> bool {
        self.current()
            .and_then(|list| list.error.as_ref())
            .is_some_and(ApiError::is_transient)
    }

    /// The delay of the active list's scheduled background retry, if any.
    pub fn retry_due_in_ms(&self) -> Option<u32> {
        self.current().and_then(|list| list.retry.due_in_ms())
    }

    /// Asks for the active list's next page when the reader is within a page of the end of
    /// what is loaded (one request at a time; none after a failure until Retry).
    fn request_if_needed(&mut self) {
        if self.pending.is_some() {
            return;
        }
        let per_view = self.per_view;
        let Some(list) = self.lists.get(self.active) else {
            return;
        };
        let wanted_until = list.offset + 2 * per_view;
        let more = !list.exhausted && (list.next_cursor.is_some() || !list.loaded());
        if more && list.error.is_none() && list.items.len() < wanted_until {
            self.request_page();
        }
    }

    /// Asks for the active list's next page.
    fn request_page(&mut self) {
        let cursor = self.current().and_then(|list| list.next_cursor.clone());
        self.next_request = self.next_request.wrapping_add(1);
        self.pending = Some(PageRequest {
            id: self.next_request,
            list: self.active,
            cursor,
        });
    }
}

impl Reducible for Carousel {
    type Action = CarouselAction;

    fn reduce(self: Rc<Self>, action: Self::Action) -> Rc<Self> {
        Rc::new(self.apply(action))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn card(n: usize) -> Card {
        Card {
            id: format!("c-{n}"),
            url: format!("https://example.com/{n}"),
            title: format!("Card {n}"),
            image: None,
            source: None,
            published_at: None,
            rank: None,
        }
    }

    /// A server page of `count` cards starting at `from`, out of `total`.
    fn page(from: usize, count: usize, total: u64) -> RecommendationPage {
        let end = (from + count).min(total as usize);
        RecommendationPage {
            list: None,
            items: (from..end).map(card).collect(),
            total: Some(total),
            next_cursor: (end < total as usize).then(|| format!("after-{end}")),
        }
    }

    fn answer(state: &Carousel, result: Result<RecommendationPage, ApiError>) -> Carousel {
        let id = state.pending.as_ref().expect("a request pending").id;
        state.apply(CarouselAction::PageLoaded { id, result })
    }

    /// Loads pages for the active list until nothing is pending.
    fn settle(mut state: Carousel, total: u64) -> Carousel {
        while let Some(request) = state.pending.clone() {
            let from = state.lists[request.list].items.len();
            state = answer(&state, Ok(page(from, PAGE_LIMIT as usize, total)));
        }
        state
    }

    #[test]
    fn first_page_is_requested_at_once() {
        let state = Carousel::new(&[ListKind::Related, ListKind::Popular], 3);
        assert_eq!(
            state.pending,
            Some(PageRequest {
                id: 1,
                list: 0,
                cursor: None
            })
        );
        assert_eq!(state.visible().len(), 3, "three placeholders while loading");
        assert!(state.visible().iter().all(|(_, card)| card.is_none()));
    }

    #[test]
    fn pages_through_any_total_without_gaps() {
        let total = 1000;
        let mut state = settle(Carousel::new(&[ListKind::Popular], 4), total);
        let mut seen = Vec::new();
        loop {
            let visible = state.visible();
            assert!(visible.len() <= 4, "never more than a page rendered");
            seen.extend(visible.iter().map(|(index, card)| {
                assert_eq!(card.map(|c| c.id.clone()), Some(format!("c-{index}")));
                *index
            }));
            if !state.can_go_forward() {
                break;
            }
            state = settle(state.apply(CarouselAction::Next), total);
        }
        assert_eq!(seen, (0..1000).collect::<Vec<_>>());
        // Pages were fetched lazily: never more than two screens ahead.
        assert_eq!(state.lists[0].items.len(), 1000);
    }

    #[test]
    fn loaded_cards_index_across_pages() {
        let mut cards = LoadedCards::default();
        cards.push_page((0..3).map(card).collect());
        cards.push_page(Vec::new());
        cards.push_page((3..4).map(card).collect());
        cards.push_page((4..9).map(card).collect());
        assert_eq!(cards.len(), 9);
        for index in 0..9 {
            assert_eq!(
                cards.get(index).map(|c| c.id.clone()),
                Some(format!("c-{index}"))
            );
        }
        assert!(cards.get(9).is_none());
    }

    #[test]
    fn prefetches_the_next_page_before_the_end() {
        let state = settle(Carousel::new(&[ListKind::Related], 4), 40);
        assert_eq!(state.lists[0].items.len(), 12);
        let state = state.apply(CarouselAction::Next);
        assert!(state.pending.is_none(), "offset 4 + 8 <= 12 loaded");
        let state = state.apply(CarouselAction::Next);
        assert_eq!(
            state
                .pending
                .as_ref()
                .and_then(|r| r.cursor.clone())
                .as_deref(),
            Some("after-12")
        );
    }

    /// What the carousel says to a screen reader: nothing while it loads and renders its
    /// first page (the cards are there to read), the new position once the reader pages
    /// or switches lists (was: the whole panel a live region, every card read on load, on
    /// each page and on each tick of the relative times), and nothing after a resize.
    #[test]
    fn the_position_is_announced_only_after_the_reader_moves() {
        let state = settle(
            Carousel::new(&[ListKind::Related, ListKind::Popular], 4),
            40,
        );
        assert_eq!(state.announcement(), None);
        let state = state.apply(CarouselAction::Next);
        assert_eq!(state.announcement(), Some((0, 5, 8, 40)));
        let same = state.apply(CarouselAction::SetPerView(4));
        assert_eq!(
            same.announcement(),
            Some((0, 5, 8, 40)),
            "the same width: no change"
        );
        let state = state.apply(CarouselAction::SetPerView(3));
        assert_eq!(
            state.announcement(),
            None,
            "a resize is not the reader's move"
        );
        let state = state.apply(CarouselAction::Select(1));
        assert_eq!(
            state.announcement(),
            None,
            "the list's first page is still loading"
        );
        let state = settle(state, 40);
        assert_eq!(state.announcement(), Some((1, 1, 3, 40)));
        let state = state.apply(CarouselAction::Previous);
        assert_eq!(
            state.announcement(),
            Some((1, 1, 3, 40)),
            "at the start: no move"
        );
    }

    #[test]
    fn buttons_are_bounded() {
        let state = settle(Carousel::new(&[ListKind::Related], 5), 12);
        assert!(!state.can_go_back());
        let state = state.apply(CarouselAction::Previous);
        assert_eq!(state.lists[0].offset, 0);
        let state = state
            .apply(CarouselAction::Next)
            .apply(CarouselAction::Next);
        assert_eq!(state.lists[0].offset, 10);
        assert_eq!(state.visible().len(), 2);
        assert!(!state.can_go_forward());
        assert_eq!(state.apply(CarouselAction::Next).lists[0].offset, 10);
    }

    #[test]
    fn switching_lists_keeps_each_position_and_loads_lazily() {
        let state = settle(
            Carousel::new(&[ListKind::Related, ListKind::Popular], 3),
            30,
        );
        let state = state.apply(CarouselAction::Next);
        let state = state.apply(CarouselAction::Select(1));
        assert_eq!(state.pending.as_ref().map(|r| r.list), Some(1));
        let state = settle(state, 30);
        assert_eq!(state.lists[1].offset, 0);
        let state = state.apply(CarouselAction::Select(0));
        assert_eq!(state.lists[0].offset, 3);
        assert_eq!(state.apply(CarouselAction::Select(7)).active, 0);
    }

    #[test]
    fn a_failed_page_waits_for_retry() {
        let state = Carousel::new(&[ListKind::Related], 3);
        let failed = answer(&state, Err(ApiError::Network));
        assert_eq!(failed.lists[0].error, Some(ApiError::Network));
        assert!(failed.pending.is_none());
        let again = failed.apply(CarouselAction::Retry);
        assert!(again.pending.is_some());
        assert_eq!(again.lists[0].error, None);
    }

    #[test]
    fn next_waits_on_a_page_that_failed_instead_of_skipping_it_unseen() {
        let state = settle(Carousel::new(&[ListKind::Related], 4), 40);
        let state = state
            .apply(CarouselAction::Next)
            .apply(CarouselAction::Next);
        // Cards 8-11 on screen; the page after them (12-23) fails to load.
        let failed = answer(&state, Err(ApiError::Network));
        assert!(
            failed.can_go_forward(),
            "cards 8-11 are shown: Next may go on"
        );
        let failed = failed.apply(CarouselAction::Next);
        assert_eq!(failed.lists[0].offset, 12);
        assert!(failed.visible().iter().all(|(_, card)| card.is_none()));
        // The error and its Retry are shown there: Next stays (was: 16, 20, ... unseen).
        assert!(!failed.can_go_forward());
        assert_eq!(failed.apply(CarouselAction::Next).lists[0].offset, 12);
        let retried = settle(failed.apply(CarouselAction::Retry), 40);
        assert_eq!(retried.visible()[0].1.map(|c| c.id.as_str()), Some("c-12"));
        assert!(retried.can_go_forward());
    }

    #[test]
    fn back_online_asks_for_the_failed_page_again() {
        let mut state = answer(
            &Carousel::new(&[ListKind::Related], 3),
            Err(ApiError::Network),
        );
        while state.retry_due_in_ms().is_some() {
            state = answer(
                &state.apply(CarouselAction::RetryDue),
                Err(ApiError::Network),
            );
        }
        assert!(state.pending.is_none(), "retries spent: nothing asked");
        let online = state.apply(CarouselAction::Online);
        assert!(online.pending.is_some(), "the page is asked again");
        assert!(online.lists[0].error.is_some(), "error kept until it works");
        // A request already out is not doubled.
        assert_eq!(online.apply(CarouselAction::Online).pending, online.pending);
        let done = answer(&online, Ok(page(0, 12, 5)));
        assert_eq!(done.lists[0].items.len(), 5);
        assert_eq!(done.apply(CarouselAction::Online), done, "nothing failed");
    }

    #[test]
    fn a_transient_page_failure_retries_in_the_background() {
        let state = Carousel::new(&[ListKind::Related], 3);
        let failed = answer(&state, Err(ApiError::Timeout { millis: 10 }));
        assert_eq!(failed.retry_due_in_ms(), Some(1_000));
        let retrying = failed.apply(CarouselAction::RetryDue);
        assert!(retrying.pending.is_some(), "the page is asked again");
        assert!(
            retrying.lists[0].error.is_some(),
            "error kept until it works"
        );
        let again = answer(&retrying, Err(ApiError::Network));
        assert_eq!(again.retry_due_in_ms(), Some(2_000));
        assert_eq!(again.lists[0].failures, 2, "one per failed request");
        let done = answer(&again.apply(CarouselAction::RetryDue), Ok(page(0, 12, 5)));
        assert_eq!(done.lists[0].error, None);
        assert_eq!(done.lists[0].items.len(), 5);
        assert_eq!(done.retry_due_in_ms(), None);
        // A 4xx is not retried by itself.
        let not_found = answer(
            &Carousel::new(&[ListKind::Related], 3),
            Err(ApiError::Http {
                status: 404,
                code: None,
                message: None,
            }),
        );
        assert_eq!(not_found.retry_due_in_ms(), None);
        assert!(not_found.apply(CarouselAction::RetryDue).pending.is_none());
    }

    #[test]
    fn a_looping_server_cannot_chain_requests() {
        // Empty pages that still name a next cursor: the list ends at the first.
        let state = answer(
            &Carousel::new(&[ListKind::Related], 3),
            Ok(RecommendationPage {
                list: None,
                items: Vec::new(),
                total: None,
                next_cursor: Some("again".into()),
            }),
        );
        assert!(state.pending.is_none());
        assert!(state.lists[0].exhausted);
        // A page whose next cursor is the one that fetched it.
        let state = answer(&Carousel::new(&[ListKind::Related], 3), Ok(page(0, 2, 50)));
        assert_eq!(
            state.pending.as_ref().and_then(|r| r.cursor.as_deref()),
            Some("after-2")
        );
        let looped = answer(
            &state,
            Ok(RecommendationPage {
                list: None,
                items: vec![card(2)],
                total: Some(50),
                next_cursor: Some("after-2".into()),
            }),
        );
        assert!(looped.pending.is_none());
        assert_eq!(looped.lists[0].total, Some(3));
    }

    #[test]
    fn stale_answers_are_ignored() {
        let state = Carousel::new(&[ListKind::Related], 3);
        let stale = state.apply(CarouselAction::PageLoaded {
            id: 42,
            result: Ok(page(0, 3, 3)),
        });
        assert!(stale.lists[0].items.is_empty());
    }

    #[test]
    fn empty_and_short_lists() {
        let empty = answer(&Carousel::new(&[ListKind::Related], 3), Ok(page(0, 12, 0)));
        assert!(empty.visible().is_empty());
        assert!(!empty.can_go_forward());
        // A server whose total overstates what it has: the total is corrected at the end.
        let liar = answer(
            &Carousel::new(&[ListKind::Related], 3),
            Ok(RecommendationPage {
                list: None,
                items: vec![card(0)],
                total: Some(50),
                next_cursor: None,
            }),
        );
        assert_eq!(liar.lists[0].total, Some(1));
        assert_eq!(liar.visible().len(), 1);
        // A total past 32 bits is shown as sent, not clamped to the wasm `usize`.
        let huge = answer(
            &Carousel::new(&[ListKind::Related], 3),
            Ok(page(0, 12, 10_000_000_000)),
        );
        assert_eq!(huge.lists[0].known_total(), 10_000_000_000);
    }

    #[test]
    fn a_server_repeating_its_cards_shows_each_story_once() {
        let repeating = |items: Vec<Card>| RecommendationPage {
            list: None,
            items,
            total: Some(100),
            next_cursor: Some("same".into()),
        };
        let first = answer(
            &Carousel::new(&[ListKind::Related], 4),
            Ok(repeating(vec![card(0), card(1), card(1), card(2), card(3)])),
        );
        assert_eq!(first.lists[0].items.len(), 4, "a card repeated in its page");
        // Page 2 (cursor "same") repeats page 1: nothing new, so the list ends there
        // (was: the same four stories again as a page of their own, "8" in all).
        let second = answer(
            &first.apply(CarouselAction::Next),
            Ok(repeating((0..4).map(card).collect())),
        );
        assert_eq!(second.lists[0].items.len(), 4);
        assert!(second.lists[0].exhausted && second.pending.is_none());
        assert_eq!(second.lists[0].known_total(), 4);
        // New cards mixed with old ones: only the new ones are added.
        let mixed = answer(
            &first.apply(CarouselAction::Next),
            Ok(RecommendationPage {
                next_cursor: Some("later".into()),
                ..repeating(vec![card(2), card(4), card(0), card(5)])
            }),
        );
        let ids: Vec<&str> = (0..mixed.lists[0].items.len())
            .filter_map(|i| mixed.lists[0].items.get(i).map(|c| c.id.as_str()))
            .collect();
        assert_eq!(ids, ["c-0", "c-1", "c-2", "c-3", "c-4", "c-5"]);
    }

    #[test]
    fn resizing_realigns_to_page_boundaries() {
        let state = settle(Carousel::new(&[ListKind::Related], 4), 40);
        let state = state.apply(CarouselAction::Next);
        let state = state.apply(CarouselAction::SetPerView(3));
        assert_eq!(state.lists[0].offset, 3);
        assert_eq!(state.apply(CarouselAction::SetPerView(0)).per_view, 1);
    }
}
