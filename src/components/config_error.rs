//! What a publisher sees when the embed is misconfigured: which attribute, what is wrong.

use yew::prelude::*;

use crate::embed::config::ConfigError;
use crate::i18n::Messages;

#[derive(Properties, PartialEq)]
pub struct ConfigErrorViewProps {
    pub errors: Vec<ConfigError>,
    pub messages: &'static Messages,
}

/// Lists every configuration problem; rendered instead of the parts.
#[function_component]
pub fn ConfigErrorView(props: &ConfigErrorViewProps) -> Html {
    html! {
        <div class="nw-error nw-config-error" role="alert" part="error" data-error-kind="config">
            <p class="nw-error-title">{ props.messages.config_title }</p>
            // For the publisher, in English (as the console warning) whatever the locale.
            <ul class="nw-error-detail" lang="en" dir="ltr">
                { for props.errors.iter().map(|error| html! {
                    <li><code>{ &error.attribute }</code>{ " " }{ &error.problem }</li>
                }) }
            </ul>
        </div>
    }
}
