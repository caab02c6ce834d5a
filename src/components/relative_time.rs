//! A relative time ("3 minutes ago") that stays true while the page stays open: it renders
//! itself again when its words change, and nothing else does.

use std::rc::Rc;

use gloo_timers::callback::Timeout;
use yew::prelude::*;

use crate::format;
use crate::i18n::Locale;

#[derive(Properties, PartialEq)]
pub struct RelativeTimeProps {
    pub locale: Rc<Locale>,
    /// The time, in ms since the epoch.
    pub epoch_ms: f64,
}

/// The text "3 minutes ago" (a text node; the caller wraps it).
#[function_component]
pub fn RelativeTime(props: &RelativeTimeProps) -> Html {
    let now = format::now_ms();
    // After every render, a timer for the moment the words change (the previous one is
    // dropped first); it renders this text again, and nothing else.
    let refresh = use_force_update();
    let delay = format::refresh_in_ms(props.epoch_ms - now);
    use_effect(move || {
        let timer = Timeout::new(delay, move || refresh.force_update());
        move || drop(timer)
    });
    html! { { format::relative_time(&props.locale.tag, props.epoch_ms, now) } }
}
