//! `use_retry_timer`: runs a scheduled background retry (see `state/retry.rs`) when it is
//! due. The timer is dropped, and so cancelled, when the schedule or its `epoch` changes
//! or the component goes away.

use gloo_timers::callback::Timeout;
use yew::prelude::*;

/// Calls `due` once, `delay_ms` after the render that scheduled it. `epoch` names the
/// request the schedule belongs to, so a new failure after a new request re-arms the timer
/// even when its delay equals the previous one.
#[hook]
pub fn use_retry_timer<E, F>(delay_ms: Option<u32>, epoch: E, due: F)
where
    E: PartialEq + 'static,
    F: FnOnce() + 'static,
{
    use_effect_with((delay_ms, epoch), move |(delay, _)| {
        let timer = delay.map(|ms| Timeout::new(ms, due));
        move || drop(timer)
    });
}
