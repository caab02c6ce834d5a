//! Custom hooks: each returns a small handle with methods.

pub mod rating_peers;
pub mod use_carousel;
pub mod use_clock;
pub mod use_rating;
pub mod use_remote;
pub mod use_retry_timer;
pub mod use_window_event;

pub use use_carousel::{use_carousel, CarouselHandle};
pub use use_clock::use_clock;
pub use use_rating::{use_rating, RatingHandle};
pub use use_remote::{use_remote, RemoteHandle};
pub use use_retry_timer::use_retry_timer;
pub use use_window_event::use_window_event;
