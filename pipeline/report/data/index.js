/* The index page: sortable documents table, and the entity index drawn from index-data.js with a filter. */
"use strict";
(function () {
  const esc = s => String(s).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
  const STEP = 200;

  function sortBy(table, column, th) {
    const body = table.tBodies[0], rows = [...body.rows];
    const ascending = th.getAttribute("aria-sort") !== "ascending";
    const value = r => r.cells[column].dataset.v;
    const numeric = rows.every(r => value(r) === "" || !isNaN(+value(r)));
    rows.sort((a, b) => {
      const x = value(a), y = value(b);
      const order = numeric ? (+x) - (+y) : x.localeCompare(y, "vi");
      return ascending ? order : -order;
    });
    table.querySelectorAll("th").forEach(h => h.removeAttribute("aria-sort"));
    th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
    rows.forEach(r => body.appendChild(r));
  }

  function entityRow([id, canonical, label, n, nDocs, variants, links]) {
    const mentions = links.map(([docId, file, start, count]) =>
      `<a href="docs/${file}.html#at=${start}">${esc(docId)}</a> (${count})`).join(", ");
    return `<tr><td><span class="m e ${esc(label)}"><span class="lab">${esc(label)}</span>${esc(canonical)}</span>` +
           `<br><small>${esc(id)}</small></td><td>${esc(label)}</td><td>${n}</td><td>${nDocs}</td>` +
           `<td>${esc(variants.split("|").join(", "))}</td><td>${mentions}</td></tr>`;
  }

  document.addEventListener("DOMContentLoaded", () => {
    document.querySelectorAll("table.sortable th").forEach(th => {
      const table = th.closest("table"), column = +th.dataset.sort;
      th.addEventListener("click", () => sortBy(table, column, th));
      th.addEventListener("keydown", e => { if (e.key === "Enter") sortBy(table, column, th); });
    });
    const all = (window.REPORT_INDEX || {entities: []}).entities;
    const body = document.querySelector("#entities tbody"), filter = document.getElementById("entity-filter");
    const more = document.getElementById("entity-more"), count = document.getElementById("entity-count");
    let shown = STEP, matching = all;
    const draw = () => {
      body.innerHTML = matching.slice(0, shown).map(entityRow).join("");
      count.textContent = `${Math.min(shown, matching.length)} of ${matching.length} entities shown`;
      more.hidden = shown >= matching.length;
    };
    filter.addEventListener("input", () => {
      const q = filter.value.toLowerCase();
      matching = q ? all.filter(r => (r[0] + " " + r[1] + " " + r[2] + " " + r[5]).toLowerCase().includes(q)) : all;
      shown = STEP;
      draw();
    });
    more.addEventListener("click", () => { shown += STEP; draw(); });
    draw();
  });
})();
