// Thin glue between the calculator's form and the calc engine running in a worker.
// Every number shown comes from Python (margin_view.form.respond.respond); this file only moves text around.

function readJSON(root, selector) {
  const node = root.querySelector(selector);
  return node ? JSON.parse(node.textContent) : {};
}

export class Calculator {
  constructor(root, engine) {
    this.root = root;
    this.engine = engine;
    this.form = root.querySelector("form");
    this.strings = readJSON(root, "script[data-calc-strings]");
    this.status = root.querySelector("[data-calc-status]");
    this.explain = root.querySelector("[data-calc-explain]");
    this.retry = root.querySelector("[data-action=retry]");
    this.dragging = false;
    this.fromLink = new Set();
    this.lastSource = null;
    this.moved = new Set(); // controls changed since the last request was sent
    this.sent = 0;
    this.applied = 0;
    this.inFlight = false;
    this.queued = false;
    // The longest text a field and a link take: Python's limits, written into the page.
    this.textMax = Number(root.dataset.textMax);
    this.linkMax = Number(root.dataset.linkMax);
    // Which request this calculator sends (Python's margin_view.service operations), and the tab its links name on
    // a page with several calculators ("" for the liquidation calculator, whose links name none).
    this.op = root.dataset.op ?? "calculator";
    this.tab = root.dataset.tab ?? "";
  }

  start() {
    const params = new URLSearchParams(window.location.search);
    if (this.ownsLink(params)) {
      this.applyLink(params);
      if (this.tab) this.showTab();
    }
    this.followTab();
    // On the whole calculator, not the form: the wick's depth sits in its explainer (a field of the form held
    // outside it).
    this.root.addEventListener("input", (event) => this.changed(event.target, event.type));
    this.root.addEventListener("change", (event) => this.changed(event.target, event.type));
    // An explainer opened after the inputs changed shows figures of older inputs: bring it up to date. (toggle
    // does not bubble: listened to on the way down.)
    this.root.addEventListener("toggle", (event) => {
      if (event.target.open && this.explain?.dataset.current === "false" && this.root.dataset.state === "ready") {
        this.compute();
      }
    }, true);
    this.form.addEventListener("submit", (event) => event.preventDefault());
    this.root.querySelector("[data-action=copy-link]")?.addEventListener("click", () => this.copyLink());
    this.retry?.addEventListener("click", () => this.engine.restart());
    this.engine.onState((state, detail) => this.engineState(state, detail));
  }

  // A link belongs to the calculator whose tab it names (Python writes "tab" first in the planner's links).
  ownsLink(params) {
    return (params.get("tab") ?? "") === this.tab;
  }

  // Material's content tabs are radio buttons, one per tab, in the order of the tabs' blocks: the one of the block
  // this calculator sits in (none outside tabs).
  tabRadio() {
    const block = this.root.closest(".tabbed-block");
    const set = block?.closest(".tabbed-set");
    if (!set) return null;
    const index = [...block.parentElement.children].indexOf(block);
    return set.querySelectorAll(":scope > input[type=radio]")[index] ?? null;
  }

  // A link to this calculator opens its tab.
  showTab() {
    const radio = this.tabRadio();
    if (radio && !radio.checked) {
      radio.checked = true;
      radio.dispatchEvent(new Event("change", { bubbles: true }));
    }
  }

  // When the reader opens this calculator's tab, the address takes its inputs (once the address holds any), so that
  // a link copied from the address bar opens what is on screen.
  followTab() {
    const radio = this.tabRadio();
    radio?.addEventListener("change", () => {
      if (radio.checked && this.query && window.location.search) this.followInAddress(this.query);
    });
  }

  // Values from a shared link go into the fields as typed; Python checks them like anything else.
  applyLink(params) {
    const known = new Set(Array.from(this.form.elements, (element) => element.name).filter(Boolean));
    const unknown = [];
    for (const [name, value] of params) {
      if (name === "tab") continue;
      if (!known.has(name)) {
        unknown.push(name);
      } else if (!this.fromLink.has(name)) {
        this.setField(name, value.slice(0, this.textMax));
        this.fromLink.add(name);
      }
    }
    this.linkQuery = window.location.search.slice(0, this.linkMax);
    if (this.fromLink.size || unknown.length) this.markStale("pending");
  }

  setField(name, value, { evenIfFocused = false } = {}) {
    const field = this.form.elements.namedItem(name);
    if (!field) return;
    if (field instanceof RadioNodeList) {
      // A value no option offers (an edited link) leaves the choice as it is; the reply says it was not used.
      if (![...field].some((radio) => radio.value === value)) return;
      for (const radio of field) radio.checked = radio.value === value;
    } else if (evenIfFocused || document.activeElement !== field) {
      // Never rewrite the control the reader is using: replies arrive after newer keystrokes and drags.
      field.value = value;
    }
  }

  // Which fields (and groups of them) matter for these inputs is Python's rule (margin_view.form.schema): each
  // reply lists those that do not, and the page hides them.
  showFields(hiddenFields, hiddenGroups) {
    const kinds = [
      ["data-field", "field", new Set(hiddenFields)],
      ["data-field-group", "fieldGroup", new Set(hiddenGroups)],
    ];
    for (const [attribute, key, names] of kinds) {
      for (const element of this.root.querySelectorAll(`[${attribute}]`)) {
        const hide = names.has(element.dataset[key]);
        if (element.hidden !== hide) element.hidden = hide;
      }
    }
  }

  formValues() {
    const values = {};
    for (const element of this.form.elements) {
      if (!element.name || (element.type === "radio" && !element.checked)) continue;
      values[element.name] = element.value;
    }
    return values;
  }

  changed(target, type) {
    if (!target.name) return;
    // A choice (radio button, menu) fires "input" and then "change" for one pick: count it once, since a pick can
    // rewrite other fields (a contract switch converts the margin into the other unit).
    if (type === "change" && (target.type === "radio" || target.type === "select-one")) return;
    // While the price or leverage slider is dragged, the figures follow each step and the explainers (three times
    // the work) wait for the drag to end: its "change" event asks for them. An explainer's own slider (the wick's
    // depth) moves that explainer's figure, so it is no such drag.
    this.dragging = type === "input" && target.type === "range" && !this.explain?.contains(target);
    this.lastSource = target.name;
    this.moved.add(target.name);
    this.fromLink.delete(target.name);
    if (this.root.dataset.state !== "ready") {
      // Still loading: the change is computed once ready. Stopped: the status keeps saying so (the retry
      // button is beside it, and a changed sentence would move it under the reader's pointer).
      this.markStale(this.root.dataset.state === "error" ? "error" : "pending");
      return;
    }
    // The figures are now for older inputs until the reply comes: said at once (a test or a script waits on it),
    // shown only if the reply is slow (calculator.css dims stale figures after a moment).
    this.root.dataset.stale = "true";
    this.compute();
  }

  // One request in flight at a time; moves made meanwhile collapse into the next request.
  compute() {
    if (this.inFlight) {
      this.queued = true;
      return;
    }
    this.inFlight = true;
    const request = {
      op: this.op,
      values: this.formValues(),
      sources: Array.from(this.moved),
      from_link: Array.from(this.fromLink),
      link_query: this.linkQuery,
      // The explainers are written only while one is open (they cost more than the rest of a reply).
      explain: !this.dragging && Boolean(this.explain?.querySelector("details[open]")),
      // A question tab names itself: one operation serves every such tab.
      tab: this.tab,
    };
    this.linkQuery = null;
    this.moved.clear();
    const id = ++this.sent;
    this.engine
      .call(request)
      .then((response) => this.render(id, response))
      .catch((error) => {
        // Not computed: keep what the request carried for the next attempt (after a retry, say).
        for (const name of request.sources) this.moved.add(name);
        this.linkQuery ??= request.link_query;
        this.failed(error);
      })
      .finally(() => {
        this.inFlight = false;
        if (this.queued) {
          this.queued = false;
          this.compute();
        }
      });
  }

  render(id, response) {
    if (id < this.applied) return;
    this.applied = id;
    // The sliders' ranges first, so that the value written next is not clamped to the old ones.
    if (response.view) {
      for (const [name, range] of Object.entries(response.sliders)) {
        const slider = this.form.elements.namedItem(name);
        if (slider) Object.assign(slider, range);
      }
    }
    // Controls changed since this request left hold newer input than the reply: leave them for the next one.
    for (const [name, value] of Object.entries(response.values)) {
      if (!this.moved.has(name)) this.setField(name, value);
    }
    // A link's unusable value is replaced even in a focused field: the figures are for the default.
    for (const [name, value] of Object.entries(response.replace)) {
      this.setField(name, value, { evenIfFocused: true });
      this.fromLink.delete(name);
    }
    if (response.hidden) this.showFields(response.hidden, response.hidden_groups);
    for (const [name, text] of Object.entries(response.labels ?? {})) {
      const label = this.root.querySelector(`label[for="${this.root.id}-${name}"]`);
      if (label && label.textContent !== text) label.textContent = text;
    }
    this.showErrors(response.errors, response.normalised);
    this.showNotices(response.notices);
    this.describeSliders(response.slider_text);
    if (response.view) {
      this.showView(response.view, response.query);
      // The address follows the inputs once the reader changes one (or came with a link), ready to share.
      this.query = response.query;
      // Another calculator's link in the address stays until the reader changes this one.
      if (this.lastSource || (window.location.search && this.ownsLink(new URLSearchParams(window.location.search)))) {
        this.followInAddress(response.query);
      }
      // Still stale while newer input waits for its own reply.
      const newer = this.queued || this.moved.size > 0;
      this.root.dataset.stale = Object.keys(response.errors).length || newer ? "true" : "false";
    } else {
      this.root.dataset.stale = "true";
    }
    this.say(this.root.dataset.stale === "true" ? "stale" : null);
    this.root.dispatchEvent(new CustomEvent("margin:computed", { bubbles: true }));
  }

  // Browsers throttle history updates (a slider drag makes hundreds), so the address catches up after a pause.
  followInAddress(query) {
    clearTimeout(this.addressTimer);
    this.addressTimer = setTimeout(() => {
      history.replaceState(null, "", `${window.location.pathname}?${query}${window.location.hash}`);
    }, 250);
  }

  showView(view, query) {
    this.root.dataset.mode = view.mode;
    // Figures every mode shares (the planner's size), shown once above the modes' panels.
    for (const node of this.root.querySelectorAll("[data-common] [data-result]")) {
      const text = view.figures?.[node.dataset.result];
      node.closest("[data-figure]").hidden = text === undefined;
      if (text !== undefined) node.textContent = text;
    }
    for (const [mode, outcome] of Object.entries(view.modes)) {
      const panel = this.root.querySelector(`[data-mode="${mode}"]`);
      if (!panel) continue;
      panel.hidden = !outcome.shown;
      panel.dataset.liquidated = String(outcome.liquidated);
      const glance = this.root.querySelector(`[data-glance="${mode}"]`);
      if (glance) glance.hidden = !outcome.shown;
      for (const node of [panel, glance].flatMap((scope) => (scope ? [...scope.querySelectorAll("[data-result]")] : []))) {
        const text = outcome.figures[node.dataset.result];
        node.closest("[data-figure]").hidden = text === undefined;
        if (text !== undefined) node.textContent = text;
      }
      const gauge = panel.querySelector("meter");
      if (gauge) {
        gauge.value = Number(outcome.gauge);
        gauge.setAttribute("aria-valuetext", outcome.gauge_text);
      }
      const note = panel.querySelector("[data-calc-note]");
      if (note) note.textContent = outcome.note;
    }
    this.showExplainers(view.modes, query);
    const chart = this.root.querySelector("[data-calc-chart]");
    if (chart) chart.innerHTML = view.chart;
    const summary = this.root.querySelector("[data-calc-summary]");
    if (summary) summary.textContent = view.summary;
  }

  // The explainers are current when written for the inputs shown: now, or earlier for the same inputs (the build
  // wrote them for the query in data-query).
  showExplainers(modes, query) {
    if (!this.explain) return;
    let current = true;
    for (const [mode, outcome] of Object.entries(modes)) {
      for (const block of this.explain.querySelectorAll(`[data-explain-mode="${mode}"]`)) {
        if (block.hidden !== !outcome.shown) block.hidden = !outcome.shown;
        if (!outcome.shown) continue;
        if (!outcome.explain) {
          current &&= query === this.explain.dataset.query;
          continue;
        }
        const body = block.querySelector("[data-explain]");
        body.innerHTML = outcome.explain[body.dataset.explain];
      }
    }
    if (Object.values(modes).some((outcome) => outcome.explain)) this.explain.dataset.query = query;
    // Written only when it changes: a slider drag renders many times a second, and each attribute write makes the
    // browser look at the explainers' styles again.
    if (this.explain.dataset.current !== String(current)) this.explain.dataset.current = String(current);
  }

  showErrors(errors, normalised) {
    for (const element of this.form.elements) {
      if (!element.name || element.type === "range") continue;
      const message = this.root.querySelector(`[data-message-for="${element.name}"]`);
      if (!message) continue;
      const error = errors[element.name];
      if (error) {
        element.setAttribute("aria-invalid", "true");
        message.textContent = error;
        message.dataset.kind = "error";
      } else {
        element.removeAttribute("aria-invalid");
        message.textContent = normalised[element.name] ?? "";
        message.dataset.kind = normalised[element.name] ? "info" : "";
      }
    }
  }

  showNotices(notices) {
    const list = this.root.querySelector("[data-calc-notices]");
    if (!list) return;
    list.replaceChildren(
      ...notices.map((text) => {
        const item = document.createElement("li");
        item.textContent = text;
        return item;
      }),
    );
    list.hidden = notices.length === 0;
  }

  describeSliders(texts) {
    for (const [name, text] of Object.entries(texts)) {
      const slider = this.form.elements.namedItem(name);
      if (slider) slider.setAttribute("aria-valuetext", text);
      const output = this.root.querySelector(`[data-output-for="${name}"]`);
      if (output) output.textContent = text;
    }
  }

  markStale(reason) {
    this.root.dataset.stale = "true";
    this.say(reason);
  }

  say(key) {
    const status = this.strings.status ?? {};
    const state = this.root.dataset.state;
    if (key) this.status.textContent = status[key] ?? "";
    else this.status.textContent = state === "ready" ? status.ready ?? "" : status[state] ?? "";
  }

  engineState(state, detail) {
    this.root.dataset.state = state;
    if (this.retry) this.retry.hidden = state !== "error";
    if (state === "error") {
      // A warning, not an error: the page stays fully readable with its pre-rendered figures.
      console.warn(`Calculator engine failed: ${detail}`);
      this.say("error");
    } else if (state === "ready") {
      this.say(null);
      this.compute();
    } else {
      this.say(this.root.dataset.stale === "true" ? "pending" : "loading");
    }
  }

  failed(error) {
    console.warn(`Calculator request failed: ${error.message ?? error}`);
    this.markStale(this.engine.state === "error" ? "error" : "stale");
  }

  async copyLink() {
    const status = this.strings.status ?? {};
    clearTimeout(this.addressTimer);
    if (this.query) history.replaceState(null, "", `${window.location.pathname}?${this.query}${window.location.hash}`);
    try {
      await navigator.clipboard.writeText(window.location.href);
      this.status.textContent = status.copied ?? "";
    } catch {
      this.status.textContent = status.copy_failed ?? "";
    }
  }
}
