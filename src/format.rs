//! Dates, relative times and numbers, always through the browser's `Intl`.

use std::cell::RefCell;

use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = Intl, js_name = DateTimeFormat)]
    #[derive(Clone)]
    type DateTimeFormat;
    #[wasm_bindgen(constructor, js_namespace = Intl, js_class = "DateTimeFormat", catch)]
    fn new(locale: &str, options: &JsValue) -> Result<DateTimeFormat, JsValue>;
    #[wasm_bindgen(method, js_class = "DateTimeFormat")]
    fn format(this: &DateTimeFormat, epoch_ms: f64) -> String;

    #[wasm_bindgen(js_namespace = Intl, js_name = RelativeTimeFormat)]
    #[derive(Clone)]
    type RelativeTimeFormat;
    #[wasm_bindgen(constructor, js_namespace = Intl, js_class = "RelativeTimeFormat", catch)]
    fn new(locale: &str, options: &JsValue) -> Result<RelativeTimeFormat, JsValue>;
    #[wasm_bindgen(method, js_class = "RelativeTimeFormat")]
    fn format(this: &RelativeTimeFormat, value: f64, unit: &str) -> String;

    #[wasm_bindgen(js_namespace = Intl, js_name = NumberFormat)]
    #[derive(Clone)]
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

// Building an `Intl` formatter costs about a millisecond (measured: 30 DateTimeFormats in
// 26 ms); formatting with a built one costs microseconds. Every view renders several dates
// and numbers, so formatters are built once per locale and kept.
thread_local! {
    static DATE_FORMATS: RefCell<Vec<(String, DateTimeFormat)>> = const { RefCell::new(Vec::new()) };
    static RELATIVE_FORMATS: RefCell<Vec<(String, RelativeTimeFormat)>> = const { RefCell::new(Vec::new()) };
    static NUMBER_FORMATS: RefCell<Vec<(String, NumberFormat)>> = const { RefCell::new(Vec::new()) };
}

/// The cached formatter for `locale`, built with `build` (falling back to English) once.
fn with_cached<F: Clone, R>(
    cache: &'static std::thread::LocalKey<RefCell<Vec<(String, F)>>>,
    locale: &str,
    build: impl Fn(&str) -> Result<F, JsValue>,
    use_it: impl FnOnce(&F) -> R,
) -> Option<R> {
    let cached = cache.with(|cache| {
        cache
            .borrow()
            .iter()
            .find(|(tag, _)| tag == locale)
            .map(|(_, formatter)| formatter.clone())
    });
    let formatter = match cached {
        Some(formatter) => formatter,
        None => {
            let formatter = build(locale).or_else(|_| build("en")).ok()?;
            cache.with(|cache| {
                cache
                    .borrow_mut()
                    .push((locale.to_owned(), formatter.clone()))
            });
            formatter
        }
    };
    Some(use_it(&formatter))
}

/// "28 Apr 2025, 08:42" in the reader's locale.
pub fn absolute_date(locale: &str, epoch_ms: f64) -> String {
    with_cached(
        &DATE_FORMATS,
        locale,
        |tag| {
            DateTimeFormat::new(
                tag,
                &options(&[("dateStyle", "medium"), ("timeStyle", "short")]),
            )
        },
        |format| format.format(epoch_ms),
    )
    .unwrap_or_default()
}

/// "3 hours ago" in the reader's locale. What is published is in the past: a time less than
/// an hour ahead of the reader's clock (a device clock running slow) reads "now", not "in 2
/// minutes"; one further ahead is no clock's fault and says so ("in 4 years", not "now").
pub fn relative_time(locale: &str, epoch_ms: f64, now_ms: f64) -> String {
    let epoch_ms = if epoch_ms > now_ms && epoch_ms - now_ms < CLOCK_SKEW_MS {
        now_ms
    } else {
        epoch_ms
    };
    let calendar_days = local_day(epoch_ms) - local_day(now_ms);
    let (value, unit) = relative_unit(epoch_ms - now_ms, calendar_days);
    with_cached(
        &RELATIVE_FORMATS,
        locale,
        |tag| RelativeTimeFormat::new(tag, &options(&[("numeric", "auto")])),
        |format| format.format(value, unit),
    )
    .unwrap_or_default()
}

/// How far ahead of the reader's clock a time may be and still read "now".
const CLOCK_SKEW_MS: f64 = 3_600_000.0;

/// The exact number with grouping: "6,349".
pub fn exact_number(locale: &str, value: u64) -> String {
    with_cached(
        &NUMBER_FORMATS,
        locale,
        |tag| NumberFormat::new(tag, &JsValue::UNDEFINED),
        |format| format.format(value as f64),
    )
    .unwrap_or_else(|| value.to_string())
}

/// The number of the calendar day `epoch_ms` falls on in the reader's time zone.
fn local_day(epoch_ms: f64) -> f64 {
    let offset_minutes = js_sys::Date::new(&JsValue::from_f64(epoch_ms)).get_timezone_offset();
    ((epoch_ms - offset_minutes * 60_000.0) / 86_400_000.0).floor()
}

/// Picks the largest unit that keeps the value readable, rounding toward zero. Days are
/// calendar days in the reader's time zone (`calendar_days`: the time's date minus today's),
/// so something from two dates ago is "2 days ago", not "yesterday", however few hours ago.
pub fn relative_unit(delta_ms: f64, calendar_days: f64) -> (f64, &'static str) {
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
            if unit == "day" {
                // At least one: a 25-hour day (clocks going back) can hold 24 hours.
                return (calendar_days.abs().max(1.0).copysign(delta_ms), unit);
            }
            return ((delta_ms / size).trunc(), unit);
        }
    }
    ((delta_ms / 1000.0).trunc(), "second")
}

/// How long "3 minutes ago" for a time `delta_ms` from now (negative: past) stays true:
/// until its number changes for minutes and hours, in steps of 10 s under a minute (a
/// render per second would re-render the whole article for a minute), for days and longer
/// a quarter of an hour (a date turns at local midnight, which this does not compute).
pub fn refresh_in_ms(delta_ms: f64) -> u32 {
    const QUARTER_HOUR: f64 = 900_000.0;
    let size = match delta_ms.abs() {
        d if d < 60_000.0 => 10_000.0,
        d if d < 3_600_000.0 => 60_000.0,
        d if d < 86_400_000.0 => 3_600_000.0,
        _ => return QUARTER_HOUR as u32,
    };
    // The past grows away from zero, the future shrinks towards it.
    let into = delta_ms.abs() % size;
    let wait = if delta_ms <= 0.0 {
        size - into
    } else {
        into.max(1.0)
    };
    // A few ms past the change, so the new render sees the new number.
    (wait + 5.0).min(QUARTER_HOUR) as u32
}

#[cfg(test)]
mod tests {
    use super::{refresh_in_ms, relative_unit};

    const HOUR: f64 = 3_600_000.0;
    const DAY: f64 = 86_400_000.0;

    #[test]
    fn relative_units() {
        assert_eq!(relative_unit(-3.5 * HOUR, 0.0), (-3.0, "hour"));
        assert_eq!(relative_unit(-30_000.0, 0.0), (-30.0, "second"));
        assert_eq!(relative_unit(-2.0 * DAY, -2.0), (-2.0, "day"));
        assert_eq!(relative_unit(-400.0 * DAY, -400.0), (-1.0, "year"));
        assert_eq!(relative_unit(90_000.0, 0.0), (1.0, "minute"));
    }

    #[test]
    fn relative_times_refresh_when_their_number_changes() {
        // 3 min 20 s ago: "3 minutes ago" until 4 minutes.
        assert_eq!(refresh_in_ms(-200_000.0), 40_005);
        // 32 s ago: "32 seconds ago" until 40 s, in steps of 10 s.
        assert_eq!(refresh_in_ms(-32_000.0), 8_005);
        // 2 h 59 min ago: one minute to "3 hours ago".
        assert_eq!(refresh_in_ms(-(3.0 * HOUR - 60_000.0)), 60_005);
        // 5 h 10 min ago: 50 minutes to "6 hours ago", capped at a quarter of an hour.
        assert_eq!(refresh_in_ms(-5.17 * HOUR), 900_000);
        // In 90 s: 30 s to the next minute.
        assert_eq!(refresh_in_ms(90_000.0), 30_005);
        // Days and longer: a quarter of an hour.
        assert_eq!(refresh_in_ms(-3.0 * DAY), 900_000);
        assert_eq!(refresh_in_ms(-400.0 * DAY), 900_000);
    }

    #[test]
    fn days_count_calendar_dates_not_24_hour_blocks() {
        // 45 hours before 05:00 is 08:00 two dates back: "2 days ago", not "yesterday".
        assert_eq!(relative_unit(-45.0 * HOUR, -2.0), (-2.0, "day"));
        // 30 hours before 23:00 is 17:00 the date before: "yesterday".
        assert_eq!(relative_unit(-30.0 * HOUR, -1.0), (-1.0, "day"));
        // Under a day stays in hours, even across midnight.
        assert_eq!(relative_unit(-20.0 * HOUR, -1.0), (-20.0, "hour"));
        // 24 hours within one 25-hour date (clocks going back) is still a day ago.
        assert_eq!(relative_unit(-24.0 * HOUR, 0.0), (-1.0, "day"));
        // The future works the same way: "in 2 days".
        assert_eq!(relative_unit(40.0 * HOUR, 2.0), (2.0, "day"));
        // Six and a half days across seven dates says so, before weeks take over.
        assert_eq!(relative_unit(-6.5 * DAY, -7.0), (-7.0, "day"));
    }
}
