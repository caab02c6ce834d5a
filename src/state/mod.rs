//! Pure state machines (reducers) behind the views; each is unit-tested natively.

pub mod carousel;
pub mod rating;
pub mod remote;
pub mod retry;
