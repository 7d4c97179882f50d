// The few behaviours a page needs, without inline scripts (the Content-Security-Policy forbids them).
document.addEventListener("DOMContentLoaded", () => {
  // A "select all" box ticks or clears every box named in its data-select-all.
  for (const box of document.querySelectorAll("input[data-select-all]")) {
    box.addEventListener("change", () => {
      for (const other of document.querySelectorAll(`input[name="${box.dataset.selectAll}"]`)) {
        other.checked = box.checked;
      }
    });
  }

  // What-if: ticking a task asks the API for the figures at once; nothing is saved. Without
  // JavaScript the form's Recalculate button does the same through the page.
  const whatIf = document.querySelector("form#what-if[data-api]");
  if (whatIf) {
    const token = document.querySelector("input[name=csrf_token]");
    const number = new Intl.NumberFormat(document.documentElement.lang || "vi", {maximumFractionDigits: 2});
    let latest = 0;  // quick ticks: only the answer to the last one is shown
    whatIf.addEventListener("change", async (event) => {
      if (event.target.name !== "assume") return;
      const asked = ++latest;
      const ids = [...whatIf.querySelectorAll("input[name=assume]:checked")].map((box) => Number(box.value));
      const response = await fetch(whatIf.dataset.api, {
        method: "POST", credentials: "same-origin",
        headers: {"Content-Type": "application/json", "X-CSRFToken": token ? token.value : ""},
        body: JSON.stringify({assume_done: ids}),
      });
      if (!response.ok || asked !== latest) return;
      const figures = await response.json();
      if (asked !== latest) return;
      for (const element of document.querySelectorAll("[data-figure]")) {
        const value = figures[element.dataset.figure];
        const isScore = typeof value === "number" && element.dataset.figure !== "projected_rank";
        element.textContent = isScore ? number.format(value) : (value ?? "—");
      }
      document.body.dataset.whatIf = ids.join(",");  // what was last computed (for the tests)
    });
  }
});
