// Re-checks each worked-example card with the live engine once it is ready: the build computed the card's
// figures in CPython, the browser recomputes them in Pyodide, and any difference is an error state.

export function verifyExamples(cards, engine) {
  const check = async (card) => {
    const status = card.querySelector("[data-card-check]");
    try {
      // A planned-trade card names its own request (margin_view.service); a worked example is the default.
      const view = await engine.call({ op: card.dataset.op ?? "example", card: JSON.parse(card.dataset.card) });
      const differences = view.figures.filter(
        (figure) => card.querySelector(`[data-result="${CSS.escape(figure.key)}"]`)?.textContent !== figure.text,
      );
      // The worked equation is HTML: compared as the text it reads, which markup serialisation cannot change.
      const worked = card.querySelector("[data-card-worked]");
      if (worked && view.worked !== null) {
        const live = document.createElement("template");
        live.innerHTML = view.worked;
        if (live.content.textContent !== worked.textContent) differences.push({ key: "worked" });
      }
      if (differences.length) {
        card.dataset.state = "mismatch";
        status.textContent = status.dataset.mismatch;
        console.error(`Example "${view.title}" disagrees with the live engine on: ${differences.map((f) => f.key).join(", ")}`);
      } else {
        card.dataset.state = "verified";
        status.textContent = status.dataset.verified;
      }
    } catch (error) {
      // The engine is down (the calculator shows why); the card keeps its build-time figures.
      card.dataset.state = "unchecked";
      console.warn(`Example card could not be re-checked: ${error.message ?? error}`);
    }
  };
  engine.onState((state) => {
    if (state === "ready") for (const card of cards) check(card);
  });
}
