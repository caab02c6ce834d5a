//! Views: one component per file, named after what the reader sees. Components are thin;
//! behaviour lives in `state/` reducers and `hooks/`.

pub mod article_view;
pub mod config_error;
pub mod error_state;
pub mod focus;
pub mod picture;
pub mod rating_button;
pub mod recommendation_carousel;
pub mod skeleton;
pub mod widget;
