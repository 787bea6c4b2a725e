// Entry point of the site's calculator glue: one engine (a module worker running Pyodide and calc) per page,
// shared by every calculator and every example card on it. Pages with neither load nothing more.

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

function main() {
  const calculators = document.querySelectorAll("[data-margin-calculator]");
  const cards = document.querySelectorAll("[data-margin-example]");
  const urls = runtimeURLs();
  if (!calculators.length && !cards.length) return;
  const engine = new Engine(urls);
  for (const root of calculators) new Calculator(root, engine).start();
  if (cards.length) verifyExamples(cards, engine);
  engine.start();
}

main();
