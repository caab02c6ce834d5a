//! Dates, relative times and numbers, always through the browser's `Intl`.

use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = Intl, js_name = DateTimeFormat)]
    type DateTimeFormat;
    #[wasm_bindgen(constructor, js_namespace = Intl, js_class = "DateTimeFormat", catch)]
    fn new(locale: &str, options: &JsValue) -> Result<DateTimeFormat, JsValue>;
    #[wasm_bindgen(method, js_class = "DateTimeFormat")]
    fn format(this: &DateTimeFormat, epoch_ms: f64) -> String;

    #[wasm_bindgen(js_namespace = Intl, js_name = RelativeTimeFormat)]
    type RelativeTimeFormat;
    #[wasm_bindgen(constructor, js_namespace = Intl, js_class = "RelativeTimeFormat", catch)]
    fn new(locale: &str, options: &JsValue) -> Result<RelativeTimeFormat, JsValue>;
    #[wasm_bindgen(method, js_class = "RelativeTimeFormat")]
    fn format(this: &RelativeTimeFormat, value: f64, unit: &str) -> String;

    #[wasm_bindgen(js_namespace = Intl, js_name = NumberFormat)]
    type NumberFormat;
    #[wasm_bindgen(constructor, js_namespace = Intl, js_class = "NumberFormat", catch)]
    fn new(locale: &str, options: &JsValue) -> Result<NumberFormat, JsValue>;
    #[wasm_bindgen(method, js_class = "NumberFormat")]
    fn format(this: &NumberFormat, value: f64) -> String;
}

fn options(pairs: &[(&str, &str)]) -> JsValue {
    let object = js_sys::Object::new();
    for (key, value) in pairs {
        let _ = js_sys::Reflect::set(&object, &JsValue::from_str(key), &JsValue::from_str(value));
    }
    object.into()
}

/// Milliseconds since the epoch of an RFC 3339 timestamp, or `None` if the browser cannot
/// read it.
pub fn parse_timestamp(text: &str) -> Option<f64> {
    let time = js_sys::Date::parse(text);
    time.is_finite().then_some(time)
}

/// Current time in milliseconds since the epoch.
pub fn now_ms() -> f64 {
    js_sys::Date::now()
}

/// "28 Apr 2025, 08:42" in the reader's locale.
pub fn absolute_date(locale: &str, epoch_ms: f64) -> String {
    DateTimeFormat::new(
        locale,
        &options(&[("dateStyle", "medium"), ("timeStyle", "short")]),
    )
    .or_else(|_| DateTimeFormat::new("en", &JsValue::UNDEFINED))
    .map(|format| format.format(epoch_ms))
    .unwrap_or_default()
}

/// "3 hours ago" in the reader's locale.
pub fn relative_time(locale: &str, epoch_ms: f64, now_ms: f64) -> String {
    let (value, unit) = relative_unit(epoch_ms - now_ms);
    RelativeTimeFormat::new(locale, &options(&[("numeric", "auto")]))
        .or_else(|_| RelativeTimeFormat::new("en", &JsValue::UNDEFINED))
        .map(|format| format.format(value, unit))
        .unwrap_or_default()
}

/// The exact number with grouping: "6,349".
pub fn exact_number(locale: &str, value: u64) -> String {
    NumberFormat::new(locale, &JsValue::UNDEFINED)
        .map(|format| format.format(value as f64))
        .unwrap_or_else(|_| value.to_string())
}

/// Picks the largest unit that keeps the value readable, rounding toward zero.
pub fn relative_unit(delta_ms: f64) -> (f64, &'static str) {
    const UNITS: [(&str, f64); 6] = [
        ("year", 365.0 * 86_400_000.0),
        ("month", 30.0 * 86_400_000.0),
        ("week", 7.0 * 86_400_000.0),
        ("day", 86_400_000.0),
        ("hour", 3_600_000.0),
        ("minute", 60_000.0),
    ];
    for (unit, size) in UNITS {
        if delta_ms.abs() >= size {
            return ((delta_ms / size).trunc(), unit);
        }
    }
    ((delta_ms / 1000.0).trunc(), "second")
}

#[cfg(test)]
mod tests {
    use super::relative_unit;

    #[test]
    fn relative_units() {
        assert_eq!(relative_unit(-3.5 * 3_600_000.0), (-3.0, "hour"));
        assert_eq!(relative_unit(-30_000.0), (-30.0, "second"));
        assert_eq!(relative_unit(-2.0 * 86_400_000.0), (-2.0, "day"));
        assert_eq!(relative_unit(-400.0 * 86_400_000.0), (-1.0, "year"));
        assert_eq!(relative_unit(90_000.0), (1.0, "minute"));
    }
}
