// Test-only helper: records Content-Security-Policy violations so the strict-CSP test
// can assert there are none. Same-origin file, allowed by script-src 'self'.
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push({
    directive: event.effectiveDirective || event.violatedDirective,
    blocked: String(event.blockedURI || ""),
    sample: String(event.sample || ""),
    source: String(event.sourceFile || "") + ":" + event.lineNumber,
  });
});
