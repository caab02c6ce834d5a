//! Custom hooks: each returns a small handle with methods.

pub mod use_remote;

pub use use_remote::{use_remote, RemoteHandle};
