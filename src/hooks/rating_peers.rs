//! Rating buttons for the same article on one page stay in step: every widget on a page
//! runs in the same wasm instance, so a click on one button (the reader's latest intent)
//! and a vote it confirms are handed to the others (an article widget's button and a
//! rating-only widget in the sidebar, say) through this registry, without a request.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use crate::api::types::RatingState;

/// What one button tells the others.
#[derive(Clone, Debug, PartialEq)]
pub enum News {
    /// The server confirmed this state.
    Confirmed(RatingState),
    /// The reader clicked: this is now the vote they want (optimistic, not sent by them).
    Intent(bool),
}

type Listener = Rc<dyn Fn(News)>;

thread_local! {
    static PEERS: RefCell<Vec<(u32, String, Listener)>> = const { RefCell::new(Vec::new()) };
    static NEXT_ID: Cell<u32> = const { Cell::new(0) };
}

/// The registry key of an article at an endpoint.
pub fn key(endpoint: &str, article: &str) -> String {
    format!("{endpoint}\n{article}")
}

/// Registers `listener` for the news of `key`; returns the id to leave with.
pub fn join(key: String, listener: impl Fn(News) + 'static) -> u32 {
    let id = NEXT_ID.with(|next| {
        let id = next.get().wrapping_add(1);
        next.set(id);
        id
    });
    PEERS.with(|peers| peers.borrow_mut().push((id, key, Rc::new(listener))));
    id
}

/// Unregisters the listener `id`.
pub fn leave(id: u32) {
    PEERS.with(|peers| peers.borrow_mut().retain(|(peer, _, _)| *peer != id));
}

/// Hands `news` to every other listener of the key `from` joined with.
pub fn tell(from: u32, news: &News) {
    // Collected first: a listener may join or leave while it runs.
    let listeners: Vec<Listener> = PEERS.with(|peers| {
        let peers = peers.borrow();
        let Some((_, key, _)) = peers.iter().find(|(id, _, _)| *id == from) else {
            return Vec::new();
        };
        peers
            .iter()
            .filter(|(id, peer_key, _)| *id != from && peer_key == key)
            .map(|(_, _, listener)| listener.clone())
            .collect()
    });
    for listener in listeners {
        listener(news.clone());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_other_peers_of_the_same_article_hear_a_vote() {
        let heard = Rc::new(RefCell::new(Vec::new()));
        let listen = |name: &'static str| {
            let heard = heard.clone();
            move |news: News| {
                if let News::Confirmed(state) = news {
                    heard.borrow_mut().push((name, state.count, state.voted));
                }
            }
        };
        let a = key("https://api.example/v1", "a-1");
        let voter = join(a.clone(), listen("voter"));
        let sidebar = join(a.clone(), listen("sidebar"));
        let other = join(key("https://api.example/v1", "a-2"), listen("other"));
        let elsewhere = join(key("https://other.example/v1", "a-1"), listen("elsewhere"));
        let state = RatingState {
            label: "veryGood!".into(),
            count: 7,
            voted: true,
        };
        tell(voter, &News::Confirmed(state.clone()));
        assert_eq!(*heard.borrow(), [("sidebar", 7, true)]);
        leave(sidebar);
        tell(voter, &News::Confirmed(state));
        assert_eq!(heard.borrow().len(), 1, "a peer that left hears nothing");
        for id in [voter, other, elsewhere] {
            leave(id);
        }
    }
}
