//! `use_window_event`: a listener for one kind of event on the window, added while the
//! component wants it and removed when it no longer does or goes away.

use std::rc::Rc;

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// Calls `on_event` for every `name` event the window receives while `listening` is true.
/// The callback of the render that started listening is the one called (callers pass
/// closures over stable reducer dispatchers).
#[hook]
pub fn use_window_event(name: &'static str, listening: bool, on_event: Rc<dyn Fn(web_sys::Event)>) {
    use_effect_with(listening, move |listening| {
        let listener = (*listening).then(|| {
            let closure = Closure::<dyn Fn(web_sys::Event)>::new(move |event| on_event(event));
            web_sys::window().map(|window| {
                let _ =
                    window.add_event_listener_with_callback(name, closure.as_ref().unchecked_ref());
                (window, closure)
            })
        });
        move || {
            if let Some((window, closure)) = listener.flatten() {
                let _ = window
                    .remove_event_listener_with_callback(name, closure.as_ref().unchecked_ref());
            }
        }
    });
}
