//! Accessibility audits with [axe-core](https://github.com/dequelabs/axe-core), the npm
//! package pinned in `e2e/package.json` (installed by `npm ci --prefix e2e`, which
//! `make e2e` runs when it is missing).
//!
//! The test reads `e2e/node_modules/axe-core/axe.min.js`, injects it into the page with a
//! WebDriver script, and runs `axe.run(document, ...)` on the WCAG 2.0/2.1 A and AA rules.
//! axe walks open shadow roots, so the widget's inside is audited with the host page.
//! The audit runs in the page without blocking the WebDriver script call: the result is
//! stored on `window` and polled with a deadline.

use std::path::PathBuf;
use std::time::Duration;

use serde_json::{json, Value};

use crate::browser::Browser;
use crate::wait::wait_for;

/// The WCAG tags an audit runs (axe's rule tags).
pub const WCAG_TAGS: [&str; 4] = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

/// How long one audit may take: axe checks colour contrast of every text node, and the
/// machine's two cores are shared with builds.
pub const AUDIT_PATIENCE: Duration = Duration::from_secs(120);

/// `e2e/node_modules/axe-core/axe.min.js`.
pub fn axe_path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("node_modules/axe-core/axe.min.js")
}

/// The axe-core script; panics with what to do when the npm package is not installed.
pub fn axe_source() -> String {
    let path = axe_path();
    std::fs::read_to_string(&path).unwrap_or_else(|err| {
        panic!(
            "{} is missing ({err}): run `npm ci --prefix e2e` (or `make e2e`, which does it) \
             to install the axe-core version pinned in e2e/package-lock.json",
            path.display()
        )
    })
}

/// One axe rule that failed, with the nodes that failed it.
#[derive(Debug, Clone, PartialEq)]
pub struct Violation {
    pub id: String,
    pub impact: String,
    pub help: String,
    pub help_url: String,
    pub nodes: Vec<ViolationNode>,
}

/// A node failing a rule: its axe target (selectors through shadow roots), its markup
/// and axe's summary of what to fix.
#[derive(Debug, Clone, PartialEq)]
pub struct ViolationNode {
    pub target: String,
    pub html: String,
    pub summary: String,
}

impl std::fmt::Display for Violation {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        writeln!(
            f,
            "- {} [{}]: {} ({})",
            self.id, self.impact, self.help, self.help_url
        )?;
        for node in &self.nodes {
            writeln!(f, "    target {}", node.target)?;
            writeln!(f, "      html {}", node.html)?;
            for line in node.summary.lines() {
                writeln!(f, "      {line}")?;
            }
        }
        Ok(())
    }
}

/// Every violation, one block each (for failure messages and logs).
pub fn describe(violations: &[Violation]) -> String {
    violations.iter().map(ToString::to_string).collect()
}

const RUN_AXE_JS: &str = r#"
const tags = arguments[0];
window.__axeResult = null;
if (typeof window.axe === "undefined") {
  window.__axeResult = { error: "axe-core is not loaded in this page" };
  return false;
}
window.axe
  .run(document, { runOnly: { type: "tag", values: tags }, resultTypes: ["violations"] })
  .then(
    (results) => {
      window.__axeResult = {
        violations: results.violations.map((v) => ({
          id: v.id,
          impact: v.impact || "",
          help: v.help,
          helpUrl: v.helpUrl,
          nodes: v.nodes.map((n) => ({
            target: JSON.stringify(n.target),
            html: n.html,
            summary: n.failureSummary || "",
          })),
        })),
      };
    },
    (error) => {
      window.__axeResult = { error: String((error && error.stack) || error) };
    },
  );
return true;
"#;

/// Finite animations and transitions still running in the document or any open shadow
/// root (a colour caught half-way through a transition is not what the reader sees at
/// rest, so an audit waits for them; endless ones such as a skeleton shimmer are ignored).
const RUNNING_ANIMATIONS_JS: &str = r#"
const roots = [document];
for (let i = 0; i < roots.length; i++) {
  for (const element of roots[i].querySelectorAll("*")) {
    if (element.shadowRoot) roots.push(element.shadowRoot);
  }
}
const running = new Set();
for (const root of roots) {
  for (const animation of root.getAnimations()) {
    const end = animation.effect ? animation.effect.getComputedTiming().endTime : 0;
    if (animation.playState === "running" && Number.isFinite(end)) running.add(animation);
  }
}
return Array.from(running, (a) =>
  (a.transitionProperty || a.animationName || a.constructor.name) + " on " +
  ((a.effect && a.effect.target && (a.effect.target.getAttribute("class") || a.effect.target.localName)) || "?"));
"#;

impl Browser {
    /// Waits until no finite animation or transition runs in the page (shadow roots
    /// included).
    pub async fn wait_animations_settled(&self) {
        wait_for(
            "animations and transitions to finish",
            crate::wait::PATIENCE,
            async || {
                let running = self.execute(RUNNING_ANIMATIONS_JS, vec![]).await;
                match running.as_array() {
                    Some(list) if !list.is_empty() => Err(format!("running: {running}")),
                    _ => Ok(()),
                }
            },
        )
        .await;
    }

    /// Injects axe-core into the current page (once per page load).
    pub async fn inject_axe(&self) {
        let loaded = self
            .execute("return typeof window.axe !== 'undefined';", vec![])
            .await;
        if loaded == json!(true) {
            return;
        }
        let source = axe_source();
        self.execute(&format!("{source}\n;return true;"), vec![])
            .await;
        let loaded = self
            .execute(
                "return typeof window.axe !== 'undefined' && axe.version;",
                vec![],
            )
            .await;
        assert!(
            loaded.is_string(),
            "axe-core did not load into the page (axe.version = {loaded})"
        );
    }

    /// Runs axe-core's WCAG 2.0/2.1 A and AA rules on the whole document (shadow roots
    /// included), once running transitions have finished, and returns the violations.
    pub async fn axe_violations(&self) -> Vec<Violation> {
        self.inject_axe().await;
        self.wait_animations_settled().await;
        self.execute(RUN_AXE_JS, vec![json!(WCAG_TAGS)]).await;
        let result = wait_for("axe.run to finish", AUDIT_PATIENCE, async || {
            let result = self
                .execute("return window.__axeResult || null;", vec![])
                .await;
            if result.is_null() {
                Err("still running".to_string())
            } else {
                Ok(result)
            }
        })
        .await;
        if let Some(error) = result.get("error") {
            panic!("axe.run failed: {}", error.as_str().unwrap_or_default());
        }
        result["violations"]
            .as_array()
            .map(|violations| violations.iter().map(violation_from_json).collect())
            .unwrap_or_default()
    }
}

fn text(value: &Value, name: &str) -> String {
    value
        .get(name)
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_string()
}

fn violation_from_json(value: &Value) -> Violation {
    Violation {
        id: text(value, "id"),
        impact: text(value, "impact"),
        help: text(value, "help"),
        help_url: text(value, "helpUrl"),
        nodes: value["nodes"]
            .as_array()
            .map(|nodes| {
                nodes
                    .iter()
                    .map(|node| ViolationNode {
                        target: text(node, "target"),
                        html: text(node, "html"),
                        summary: text(node, "summary"),
                    })
                    .collect()
            })
            .unwrap_or_default(),
    }
}
