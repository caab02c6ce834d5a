//! The static folder a test's server serves at `/`: a copy of the release bundle
//! (`dist/`) next to the host pages of `e2e/pages/`, with `{{NAME}}` placeholders in the
//! pages replaced by this test's values (server URLs, article ids).
//!
//! The bundle is also copied to `vendor/news-widget/`, so a page can include the widget
//! from a sub-folder the way a CDN path would.

use std::path::{Path, PathBuf};

/// Sub-folder holding a second copy of the bundle.
pub const VENDOR_DIR: &str = "vendor/news-widget";

/// Sub-folder holding only the loader and the head stylesheet: a CDN folder whose runtime
/// files are missing (or blocked), so the runtime cannot load.
pub const NO_RUNTIME_DIR: &str = "no-runtime/news-widget";

/// The workspace root (parent of `e2e/`).
pub fn workspace_root() -> PathBuf {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    manifest.parent().unwrap_or(manifest).to_path_buf()
}

/// The built bundle: `NEWS_WIDGET_DIST` or `<workspace>/dist`. Panics with what to do
/// when it has not been built.
pub fn dist_dir() -> PathBuf {
    let dist = std::env::var_os("NEWS_WIDGET_DIST")
        .map(PathBuf::from)
        .unwrap_or_else(|| workspace_root().join("dist"));
    let entry = dist.join("news-widget.js");
    assert!(
        entry.is_file(),
        "{} is missing: run `make dist` first (the end-to-end tests drive the release bundle)",
        entry.display()
    );
    dist
}

/// The test host pages (`e2e/pages/`).
pub fn pages_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("pages")
}

/// Fills `target` with the bundle, its vendor copy and the templated pages.
pub fn populate(target: &Path, vars: &[(String, String)]) {
    let dist = dist_dir();
    copy_tree(&dist, target, &[]);
    copy_tree(&dist, &target.join(VENDOR_DIR), &[]);
    let no_runtime = target.join(NO_RUNTIME_DIR);
    std::fs::create_dir_all(&no_runtime)
        .unwrap_or_else(|err| panic!("cannot create {}: {err}", no_runtime.display()));
    for file in ["news-widget.js", "news-widget.css"] {
        std::fs::copy(dist.join(file), no_runtime.join(file))
            .unwrap_or_else(|err| panic!("cannot copy {file}: {err}"));
    }
    copy_tree(&pages_dir(), target, vars);
}

/// Copies `from` into `to` recursively, skipping dot files (e.g. trunk's lock file);
/// text files get `{{NAME}}` replaced from `vars`.
fn copy_tree(from: &Path, to: &Path, vars: &[(String, String)]) {
    std::fs::create_dir_all(to)
        .unwrap_or_else(|err| panic!("cannot create {}: {err}", to.display()));
    let entries = std::fs::read_dir(from)
        .unwrap_or_else(|err| panic!("cannot read {}: {err}", from.display()));
    for entry in entries {
        let entry = entry.unwrap_or_else(|err| panic!("cannot read {}: {err}", from.display()));
        let name = entry.file_name();
        if name.to_string_lossy().starts_with('.') {
            continue;
        }
        let source = entry.path();
        let destination = to.join(&name);
        if source.is_dir() {
            copy_tree(&source, &destination, vars);
        } else if !vars.is_empty() && is_template(&source) {
            let text = std::fs::read_to_string(&source)
                .unwrap_or_else(|err| panic!("cannot read {}: {err}", source.display()));
            std::fs::write(&destination, fill(&text, vars))
                .unwrap_or_else(|err| panic!("cannot write {}: {err}", destination.display()));
        } else {
            std::fs::copy(&source, &destination).unwrap_or_else(|err| {
                panic!(
                    "cannot copy {} to {}: {err}",
                    source.display(),
                    destination.display()
                )
            });
        }
    }
}

fn is_template(path: &Path) -> bool {
    matches!(
        path.extension().and_then(|ext| ext.to_str()),
        Some("html" | "js" | "css")
    )
}

/// Replaces every `{{NAME}}` of `vars` in `text`; panics on a placeholder left over (a
/// typo in a page would otherwise fail in a confusing way).
pub fn fill(text: &str, vars: &[(String, String)]) -> String {
    let mut filled = text.to_string();
    for (name, value) in vars {
        filled = filled.replace(&format!("{{{{{name}}}}}"), value);
    }
    if let Some(start) = filled.find("{{") {
        let rest = &filled[start..];
        let end = rest.find("}}").map_or(rest.len().min(40), |end| end + 2);
        panic!("unknown page placeholder {}", &rest[..end]);
    }
    filled
}
