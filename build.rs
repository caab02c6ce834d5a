//! Minifies `styles/widget.css` into `$OUT_DIR/widget.css` for `src/embed/shadow.rs`
//! (the runtime carries it as a string: ~0.6 KB brotli less than the commented source).

#[path = "build/css_min.rs"]
mod css_min;

fn main() {
    let source = "styles/widget.css";
    println!("cargo:rerun-if-changed={source}");
    println!("cargo:rerun-if-changed=build/css_min.rs");
    let css = std::fs::read_to_string(source).expect("styles/widget.css is readable");
    let out = std::path::Path::new(&std::env::var("OUT_DIR").expect("cargo sets OUT_DIR"))
        .join("widget.css");
    std::fs::write(out, css_min::minify(&css)).expect("OUT_DIR is writable");
}
