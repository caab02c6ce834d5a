//! `GET /media/{name}.svg`: deterministic placeholder pictures for the demo data, so
//! the demo looks complete offline. Same name, same picture; any name works.

use axum::extract::Path;
use axum::http::header;
use axum::response::IntoResponse;

use crate::error::ApiError;

/// One 16:9 landscape in colours derived from `name`.
pub async fn svg(Path(file): Path<String>) -> Result<impl IntoResponse, ApiError> {
    let name = file
        .strip_suffix(".svg")
        .filter(|name| {
            (1..=64).contains(&name.len())
                && name
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        })
        .ok_or_else(|| ApiError::RouteNotFound(format!("/media/{file}")))?;
    Ok((
        [
            (header::CONTENT_TYPE, "image/svg+xml"),
            (header::CACHE_CONTROL, "public, max-age=86400"),
        ],
        picture(name),
    ))
}

/// The SVG text for `name`.
pub fn picture(name: &str) -> String {
    let hash = name.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |hash, byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
    });
    let pick = |shift: u32, modulo: u64| (hash >> shift) % modulo;
    let hue = pick(0, 360);
    let accent = (hue + 150 + pick(9, 60)) % 360;
    let sun_hue = 15 + pick(45, 40);
    let sun_x = 180 + pick(17, 840);
    let sun_y = 120 + pick(27, 160);
    let sun_r = 50 + pick(35, 60);
    let crest = |layer: u64| 330 + layer * 90 + pick(40 + layer as u32 * 5, 60);
    let wave = |layer: u64, lightness: u64| {
        let y = crest(layer);
        let swing = 40 + pick(50 + layer as u32 * 3, 50);
        format!(
            r#"<path d="M0 {y} C 300 {a}, 500 {b}, 800 {y} S 1100 {a}, 1200 {y} V 675 H 0 Z" fill="hsl({hue} 45% {lightness}%)"/>"#,
            a = y - swing,
            b = y + swing,
        )
    };
    format!(
        r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1200 675" width="1200" height="675" role="img">
<defs><linearGradient id="sky" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="hsl({hue} 60% 78%)"/><stop offset="1" stop-color="hsl({accent} 55% 88%)"/></linearGradient></defs>
<rect width="1200" height="675" fill="url(#sky)"/>
<circle cx="{sun_x}" cy="{sun_y}" r="{sun_r}" fill="hsl({sun_hue} 85% 62%)" opacity="0.9"/>
{w1}
{w2}
{w3}
</svg>
"##,
        w1 = wave(0, 62),
        w2 = wave(1, 48),
        w3 = wave(2, 34),
    )
}
