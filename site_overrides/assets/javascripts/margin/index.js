// Entry point of the site's calculator glue: one engine (a module worker running Pyodide and calc) per page,
// shared by every calculator and every example card on it. Pages with neither load nothing more, but every page
// registers the service worker that keeps the site for offline use.

import { Calculator } from "./calculator.js";
import { Engine } from "./engine.js";
import { verifyExamples } from "./examples.js";

function runtimeURLs() {
  const meta = (name) => document.querySelector(`meta[name="${name}"]`)?.content;
  const pyodide = meta("margin:pyodide");
  const calc = meta("margin:calc");
  const snapshot = meta("margin:snapshot");
  if (!pyodide || !calc) return null;
  const absolute = (url) => (url ? new URL(url, document.baseURI).href : null);
  return { pyodide: absolute(pyodide), calc: absolute(calc), snapshot: absolute(snapshot) };
}

// The site's service worker (written by the build with Workbox) precaches every file, so the next visit works
// offline. It is registered once this page has started, so its downloads never hold up the calculator.
function keepForOffline(engine) {
  const url = document.querySelector('meta[name="margin:offline"]')?.content;
  if (!url || !("serviceWorker" in navigator)) return;
  let asked = false;
  const register = () => {
    if (asked) return;
    asked = true;
    navigator.serviceWorker.register(new URL(url, document.baseURI)).catch((error) => {
      console.warn(`Offline copy not available: ${error.message ?? error}`);
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
  const engine = new Engine(runtimeURLs());
  for (const root of calculators) new Calculator(root, engine).start();
  if (cards.length) verifyExamples(cards, engine);
  keepForOffline(engine);
  engine.start();
}

main();
