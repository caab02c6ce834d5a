//! `use_clock`: the time relative times ("3 minutes ago") are rendered against, and a new
//! render of the calling component when the words of any of them change, so that they
//! stay true on a page left open.

use gloo_timers::callback::Timeout;
use yew::prelude::*;

use crate::format;

/// Returns now (ms since the epoch) for rendering `times` (ms since the epoch) as relative
/// times; the component renders again at the first moment one of their words changes.
#[hook]
pub fn use_clock(times: &[f64]) -> f64 {
    let refresh = use_force_update();
    let now = format::now_ms();
    let delay = times
        .iter()
        .map(|time| format::refresh_in_ms(time - now))
        .min();
    // After every render: the previous timer is dropped first.
    use_effect(move || {
        let timer = delay.map(|delay| Timeout::new(delay, move || refresh.force_update()));
        move || drop(timer)
    });
    now
}
