// Test-only helper: records layout shifts (not caused by input) so the test can sum the
// cumulative layout shift of the page while the widgets arrive.
window.__layoutShifts = [];
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    if (entry.hadRecentInput) continue;
    window.__layoutShifts.push({
      value: entry.value,
      at: Math.round(entry.startTime),
      sources: (entry.sources || []).map((source) => ({
        node: source.node ? source.node.id || source.node.nodeName : null,
        from: [source.previousRect.x, source.previousRect.y, source.previousRect.width, source.previousRect.height],
        to: [source.currentRect.x, source.currentRect.y, source.currentRect.width, source.currentRect.height],
      })),
    });
  }
}).observe({ type: "layout-shift", buffered: true });
