// Starts the calculator's engine from the page's <head> (an async module: it runs as soon as it arrives, before
// the page has finished loading), so that Python boots while the page's own scripts and styles are still loading.
// index.js, at the end of the page, wires the calculators and cards to the same engine.
import { pageEngine } from "./engine.js";

pageEngine();
