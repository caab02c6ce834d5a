// The JS API form: mount, then switch the article after a click.
await import("./news-widget.js");
const handle = await window.NewsWidget.mount(document.getElementById("scripted"), {
  endpoint: "/api/v1",
  article: "lakeport-ferry-batteries",
  parts: ["article"],
  lazy: false,
});
document.addEventListener("news-widget:ready", (event) => console.info("ready", event.detail));
window.addEventListener("keydown", (event) => {
  if (event.key === "n") handle.update({ article: "westmere-rail-timetable" });
});
