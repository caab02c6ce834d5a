// Test-only helper: keeps link clicks on the page (card links point to other sites), so
// the test can read the events the click produced. Runs after the widget's own handlers.
document.addEventListener("click", (event) => {
  if (event.composedPath().some((node) => node.localName === "a")) event.preventDefault();
});
