// Entry point of the site's calculator glue: one engine (a module worker running Pyodide and calc) per page,
// shared by every calculator and every example card on it. Pages with neither load nothing more, but every page
// registers the service worker that keeps the site for offline use.

import { Calculator } from "./calculator.js";
import { pageEngine } from "./engine.js";
import { verifyExamples } from "./examples.js";
import { keepFiguresInView } from "./glance.js";

// The site's service worker (written by the build with Workbox) precaches every file, so the next visit works
// offline. Installing it is real work (tens of files into the Cache Storage), and on a phone's two cores it makes
// slider moves stutter: it is registered once the page has started and the reader has paused for a moment.
const QUIET_MS = 3000;
const ACTIVITY = ["input", "pointerdown", "keydown", "wheel", "touchstart"];

function whenQuiet(then) {
  let timer;
  const done = () => {
    for (const type of ACTIVITY) window.removeEventListener(type, wait, true);
    then();
  };
  const wait = () => {
    clearTimeout(timer);
    timer = setTimeout(done, QUIET_MS);
  };
  for (const type of ACTIVITY) window.addEventListener(type, wait, { capture: true, passive: true });
  wait();
}

function keepForOffline(engine) {
  const url = document.querySelector('meta[name="margin:offline"]')?.content;
  if (!url || !("serviceWorker" in navigator)) return;
  let asked = false;
  const register = () => {
    if (asked) return;
    asked = true;
    whenQuiet(() => {
      navigator.serviceWorker.register(new URL(url, document.baseURI)).catch((error) => {
        console.warn(`Offline copy not available: ${error.message ?? error}`);
      });
    });
  };
  if (engine) {
    engine.onState((state) => {
      if (state === "ready" || state === "error") register();
    });
  } else if (document.readyState === "complete") {
    register();
  } else {
    window.addEventListener("load", register, { once: true });
  }
}

function main() {
  const calculators = document.querySelectorAll("[data-margin-calculator]");
  const cards = document.querySelectorAll("[data-margin-example]");
  if (!calculators.length && !cards.length) {
    keepForOffline(null);
    return;
  }
  // Usually started already by start.js from the page's head; the same engine either way.
  const engine = pageEngine();
  for (const root of calculators) {
    new Calculator(root, engine).start();
    keepFiguresInView(root);
  }
  if (cards.length) verifyExamples(cards, engine);
  keepForOffline(engine);
}

main();
