// Shows the calculator's compact summary (each mode's liquidation price and distance, at the bottom of the
// screen) only while a shown panel's liquidation price is out of view: on a phone, from most of the inputs; on a
// wide screen, where the panels stay beside the inputs, only near the calculator's end. Layout only: the summary's
// text is Python's, written by calculator.js with the panels'.

// Material's header covers the top of the window.
const HEADER = "-56px 0px 0px 0px";

export function keepFiguresInView(root) {
  const glance = root.querySelector("[data-calc-glance]");
  // The panels' figure the summary stands in for, marked by Python (the first of its glance figures).
  const rows = root.querySelectorAll(".mdx-calc__mode [data-glance-watch]");
  if (!glance || !rows.length || !("IntersectionObserver" in window)) return;
  const inView = new Map();
  const update = () => {
    // A hidden panel (mode not shown) has no box: it is not "out of view".
    const missing = [...rows].some((row) => row.offsetParent !== null && !inView.get(row));
    const shown = missing ? "on" : "off";
    if (root.dataset.glance === shown) return;
    root.dataset.glance = shown;
    // The field being edited may now be under the summary: lift it above (the page's scroll padding, in
    // calculator.css, sets how far). Only a field the summary covers: one the reader has scrolled away from
    // stays where it is.
    const field = document.activeElement;
    if (shown !== "on" || !root.contains(field)) return;
    const covered = glance.getBoundingClientRect();
    const box = field.getBoundingClientRect();
    if (box.bottom > covered.top && box.top < covered.bottom) field.scrollIntoView({ block: "nearest" });
  };
  const observer = new IntersectionObserver((entries) => {
    for (const entry of entries) inView.set(entry.target, entry.isIntersecting);
    update();
  }, { rootMargin: HEADER });
  for (const row of rows) observer.observe(row);
  // The mode choice shows and hides panels without moving them into or out of view.
  root.addEventListener("margin:computed", update);
}
