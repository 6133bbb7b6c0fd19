/* Review decisions kept in localStorage (one key per run), saved as decisions.csv; and the document page:
   the text drawn one page at a time with its corrections, entities and dates, filters, keys and review. */
"use strict";
(function () {
  const DOC = window.REPORT_DOC, INDEX = window.REPORT_INDEX;
  const RUN = (DOC || INDEX || {}).run || "run";
  const KEY = "vnhp-review:" + RUN;
  const SLOTS = {accept: "verdict", reject: "verdict", wrong: "verdict", label: "label", canonical: "canonical",
                 value: "value"};

  /* --- the decision store -------------------------------------------------------------------------------- */
  let cache = null, bySpan = null;  // the parsed store, and its decisions by table and span (this document)
  function load() {
    if (!cache) {
      try { cache = JSON.parse(localStorage.getItem(KEY) || "{}"); } catch (e) { cache = {}; }
      bySpan = null;
    }
    return cache;
  }
  function decisionsAt(table, s, e) {
    if (!bySpan) {
      bySpan = new Map();
      for (const d of Object.values(load())) {
        const k = [d.doc_id, d.table, d.start, d.end].join("|");
        bySpan.set(k, [...(bySpan.get(k) || []), d]);
      }
    }
    return bySpan.get([DOC.doc_id, table, s, e].join("|")) || [];
  }
  function store(all) { localStorage.setItem(KEY, JSON.stringify(all)); cache = all; bySpan = null; showCount(); }
  window.addEventListener("storage", e => { if (e.key === KEY) { cache = null; bySpan = null; showCount(); } });
  function slotKey(d) { return [d.doc_id, d.table, d.start, d.end, SLOTS[d.decision]].join("|"); }
  function decide(d) { const all = load(); all[slotKey(d)] = d; store(all); }
  function undecide(item) {
    const all = load();
    for (const k of Object.keys(all)) {
      const d = all[k];
      if (d.doc_id === DOC.doc_id && d.table === item.table && d.start === item.s && d.end === item.e) delete all[k];
    }
    store(all);
  }
  function csvField(v) { v = String(v); return /[",\n\r]/.test(v) ? '"' + v.replace(/"/g, '""') + '"' : v; }
  function decisionsCSV() {
    const rows = [["doc_id", "table", "start", "end", "decision", "value", "surface"]];
    const all = Object.values(load()).sort((a, b) => a.doc_id < b.doc_id ? -1 : a.doc_id > b.doc_id ? 1 :
                                           a.start - b.start || a.end - b.end);
    for (const d of all) rows.push([d.doc_id, d.table, d.start, d.end, d.decision, d.value || "", d.surface || ""]);
    return rows.map(r => r.map(csvField).join(",")).join("\n") + "\n";
  }
  function save() {
    const blob = new Blob([decisionsCSV()], {type: "text/csv;charset=utf-8"});
    const a = document.createElement("a");
    a.href = URL.createObjectURL(blob);
    a.download = "decisions.csv";
    document.body.appendChild(a);
    a.click();
    setTimeout(() => { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
  }
  function showCount() {
    const n = document.getElementById("n-decisions");
    if (n) n.textContent = Object.keys(load()).length;
  }
  window.reviewDecisionsCSV = decisionsCSV;
  document.addEventListener("DOMContentLoaded", () => {
    showCount();
    const button = document.getElementById("save");
    if (button) button.addEventListener("click", save);
    const clear = document.getElementById("clear");
    if (clear) clear.addEventListener("click", () => { if (confirm("Forget every decision of this run?")) store({}); });
    if (DOC) { window.reviewDoc = new DocumentView(DOC); window.reviewDoc.start(); }
  });

  /* --- the document page --------------------------------------------------------------------------------- */
  const esc = s => String(s).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

  function items(doc) {
    const list = [];
    doc.corrections.forEach(([s, e, original, corrected, kind, score, applied, reviewed]) => list.push(
      {t: "c", table: "corrections", s, e, original, corrected, kind, score, applied: applied === "true", reviewed}));
    doc.entities.forEach(([s, e, label, canonical, id, score, source, clean, reviewed]) => list.push(
      {t: "e", table: "entities", s, e, label, canonical, id, score, source, clean, reviewed}));
    doc.dates.forEach(([s, e, value, granularity, mod, calendar, inferred, gregorian, reviewed]) => list.push(
      {t: "d", table: "dates", s, e, value, granularity, mod, calendar, inferred, gregorian, reviewed}));
    const seen = new Map();  // several corrections may share a span (a proposal on top of a tone normalization)
    list.forEach(it => {
      const span = it.table + ":" + it.s + ":" + it.e, n = (seen.get(span) || 0) + 1;
      seen.set(span, n);
      it.key = n === 1 ? span : span + ":" + n;
      it.first = n === 1;
    });
    return list;
  }

  function DocumentView(doc) {
    this.doc = doc;
    this.items = items(doc);
    this.byKey = new Map(this.items.map(it => [it.key, it]));
    this.page = 0;
    this.filter = "all";
    this.text = document.getElementById("text");
    this.details = document.getElementById("details");
  }

  const meant = (d, it) => it.t !== "c" || (d.value ? d.value === it.corrected : it.first);
  DocumentView.prototype.decisionsOf = function (it) {
    const mine = {};
    for (const d of decisionsAt(it.table, it.s, it.e)) if (meant(d, it)) mine[SLOTS[d.decision]] = d;
    return mine;
  };
  DocumentView.prototype.sameSpan = function (it) {
    return this.items.filter(o => o !== it && o.t === it.t && o.s === it.s && o.e === it.e);
  };

  DocumentView.prototype.visible = function (it) {
    const f = this.filter;
    if (f === "all") return true;
    if (f === "suggestions") return it.t === "c" && !it.applied;
    if (f === "corrections") return it.t === "c";
    if (f === "entities") return it.t === "e";
    if (f === "dates") return it.t === "d";
    return it.t === "e" && this.effectiveLabel(it) === f;
  };
  DocumentView.prototype.effectiveLabel = function (it) {
    const d = this.decisionsOf(it).label;
    return d ? d.value : it.label;
  };
  DocumentView.prototype.effectiveApplied = function (it) {
    const d = this.decisionsOf(it).verdict;
    if (d) return d.decision === "accept";
    const replaced = this.sameSpan(it).some(o => { const v = this.decisionsOf(o).verdict; return v && v.decision === "accept"; });
    return replaced ? false : it.applied;
  };

  DocumentView.prototype.pageOf = function (pos) {
    const pages = this.doc.pages;
    for (let i = 0; i < pages.length; i++) if (pos < pages[i][1]) return i;
    return pages.length - 1;
  };

  DocumentView.prototype.classes = function (it) {
    const dec = this.decisionsOf(it), out = ["m", it.t];
    if (it.t === "c") out.push(this.effectiveApplied(it) ? "applied" : "sugg");
    if (it.t === "e") out.push(this.effectiveLabel(it));
    if (dec.verdict) out.push("dec-" + dec.verdict.decision);
    else if (dec.label || dec.canonical || dec.value) out.push("dec-edit");
    if (it.reviewed) out.push("reviewed");
    return out.join(" ");
  };

  DocumentView.prototype.title = function (it) {
    if (it.t === "c") return `${it.original} → ${it.corrected} · ${it.kind} · score ${it.score} · ` +
                             (it.applied ? "applied" : "suggested");
    if (it.t === "e") return `${this.effectiveLabel(it)} · ${it.canonical} · ${it.id} · score ${it.score} · ${it.source}`;
    return `${it.value} · ${it.granularity}${it.mod ? " " + it.mod : ""} · ${it.calendar}` +
           (it.inferred === "true" ? " · year inferred" : "");
  };

  /* The HTML of raw[ps:pe]: corrections are leaves drawn whole; entities and dates wrap text and leaves, and
     one that crosses another is split into fragments (the first carries the id, the label and tabindex). */
  DocumentView.prototype.pageHTML = function (ps, pe) {
    const raw = this.doc.raw, inPage = it => it.s < pe && it.e > ps || (it.s === it.e && it.s >= ps && it.s < pe);
    const shown = this.items.filter(it => inPage(it) && this.visible(it));
    const leaves = [];  // one per span: the correction in effect there, else the first proposal
    for (const it of shown.filter(it => it.t === "c").sort((a, b) => a.s - b.s || a.e - b.e)) {
      const last = leaves[leaves.length - 1];
      if (last && last.s === it.s && last.e === it.e) {
        if (!this.effectiveApplied(last) && this.effectiveApplied(it)) leaves[leaves.length - 1] = it;
      } else if (!last || it.s >= last.e) leaves.push(it);
    }
    const snap = (pos, end) => {
      for (const l of leaves) if (l.s < pos && pos < l.e) return end ? l.e : l.s;
      return Math.min(pe, Math.max(ps, pos));
    };
    const wraps = shown.filter(it => it.t !== "c").map(it => ({it, s: snap(it.s, false), e: snap(it.e, true)}))
      .filter(w => w.s < w.e).sort((a, b) => a.s - b.s || b.e - a.e);
    const cuts = new Set([ps, pe]);
    leaves.forEach(l => { cuts.add(l.s); cuts.add(l.e); });
    wraps.forEach(w => { cuts.add(w.s); cuts.add(w.e); });
    const positions = [...cuts].filter(p => p >= ps && p <= pe).sort((a, b) => a - b);
    const html = [], stack = [];
    let wi = 0, li = 0;
    const open = (w, first) => {
      const it = w.it;
      html.push(`<span class="${this.classes(it)}${first ? "" : " cont"}" data-k="${esc(it.key)}"` +
        (first ? ` id="${esc(it.key)}" tabindex="0" data-s="${it.s}" data-e="${it.e}" title="${esc(this.title(it))}"` : "") + ">");
      if (first && it.t === "e") html.push(`<span class="lab">${esc(this.effectiveLabel(it))}</span>`);
    };
    const close = (w, last) => {
      if (last && w.it.t === "d") {
        const v = this.decisionsOf(w.it).value;
        html.push(`<span class="lab">= ${esc(v ? v.value : w.it.value)}</span>`);
      }
      html.push("</span>");
    };
    for (let k = 0; k < positions.length; k++) {
      const p = positions[k];
      if (stack.some(w => w.e === p)) {
        const reopen = [];
        while (stack.some(w => w.e === p)) {
          const w = stack.pop();
          close(w, w.e === p);
          if (w.e !== p) reopen.unshift(w);
        }
        reopen.forEach(w => { open(w, false); stack.push(w); });
      }
      while (wi < wraps.length && wraps[wi].s === p) { open(wraps[wi], true); stack.push(wraps[wi]); wi++; }
      if (k + 1 === positions.length) break;
      const q = positions[k + 1];
      let from = p;
      while (li < leaves.length && leaves[li].s === p) {
        const l = leaves[li++];
        const shownText = this.effectiveApplied(l) ? l.corrected : l.original;
        const alts = this.sameSpan(l).map(o => o.key).join(" ");
        html.push(`<span class="${this.classes(l)}${shownText ? "" : " empty"}" id="${esc(l.key)}" data-k="${esc(l.key)}"` +
          ` tabindex="0" data-s="${l.s}" data-e="${l.e}"${alts ? ` data-alt="${esc(alts)}"` : ""}` +
          ` title="${esc([l, ...this.sameSpan(l)].map(o => this.title(o)).join("\n"))}">${esc(shownText)}</span>`);
        from = l.e;
      }
      if (from < q) html.push(esc(raw.slice(from, q)));
    }
    while (stack.length) close(stack.pop(), true);
    return html.join("");
  };

  DocumentView.prototype.render = function (focusKey) {
    const [ps, pe] = this.doc.pages[this.page];
    this.text.innerHTML = this.pageHTML(ps, pe);
    document.getElementById("page-no").textContent =
      `page ${this.page + 1} of ${this.doc.pages.length} (characters ${ps}–${pe})`;
    if (focusKey) {
      const el = document.getElementById(focusKey);
      if (el) el.focus();
    }
  };

  DocumentView.prototype.focusables = function () { return [...this.text.querySelectorAll("[tabindex]")]; };

  DocumentView.prototype.move = function (step) {
    const list = this.focusables(), current = list.indexOf(document.activeElement);
    const next = current === -1 ? (step > 0 ? 0 : list.length - 1) : current + step;
    if (next >= 0 && next < list.length) { list[next].focus(); return; }
    const page = this.page + step;
    if (page < 0 || page >= this.doc.pages.length) return;
    this.page = page;
    this.render();
    const again = this.focusables();
    if (again.length) again[step > 0 ? 0 : again.length - 1].focus();
  };

  DocumentView.prototype.record = function (it, decision, value) {
    if (it.t === "c") value = it.corrected;  // names the proposal meant when a span has several
    decide({doc_id: this.doc.doc_id, table: it.table, start: it.s, end: it.e, decision, value: value || "",
            surface: this.doc.raw.slice(it.s, it.e)});
    const shown = [it, ...this.sameSpan(it)].find(o => this.effectiveApplied(o)) || it;
    this.render(it.t === "c" ? this.leafKey(it) : it.key);
    this.show(it.t === "c" ? shown : it);
  };
  DocumentView.prototype.leafKey = function (it) {
    const group = [it, ...this.sameSpan(it)].sort((a, b) => (a.first ? 0 : 1) - (b.first ? 0 : 1));
    return (group.find(o => this.effectiveApplied(o)) || group[0]).key;
  };

  DocumentView.prototype.show = function (it) {
    this.selected = it;
    const dec = this.decisionsOf(it), parts = [`<h2>${{c: "Correction", e: "Entity", d: "Date"}[it.t]}</h2><dl>`];
    const row = (k, v) => parts.push(`<dt>${esc(k)}</dt><dd>${esc(v)}</dd>`);
    row("raw text", this.doc.raw.slice(it.s, it.e));
    row("offsets", `${it.s}–${it.e}`);
    if (it.t === "c") {
      row("original", it.original); row("proposal", it.corrected); row("kind", it.kind); row("score", it.score);
      row("state", it.applied ? "applied" : "suggested");
      for (const o of this.sameSpan(it))
        parts.push(`<dt>also proposed</dt><dd>${esc(o.corrected)} (${esc(o.kind)}, ${esc(o.score)}, ` +
                   `${o.applied ? "applied" : "suggested"}) <button type="button" data-other="${esc(o.key)}">` +
                   `decide on it</button></dd>`);
    } else if (it.t === "e") {
      row("label", it.label); row("canonical", it.canonical); row("entity id", it.id); row("clean text", it.clean);
      row("score", it.score); row("source", it.source);
    } else {
      row("value", it.value); row("granularity", it.granularity + (it.mod ? " " + it.mod : ""));
      row("calendar", it.calendar); row("year inferred", it.inferred);
      if (it.gregorian) row("Gregorian", it.gregorian);
    }
    if (it.reviewed) row("already reviewed", it.reviewed);
    parts.push("</dl><div class=\"decide\">");
    const verdicts = it.t === "d" ? [["accept", "Accept (a)"], ["wrong", "Wrong (w)"]]
                                  : [["accept", "Accept (a)"], ["reject", "Reject (r)"]];
    for (const [d, text] of verdicts)
      parts.push(`<button type="button" data-decide="${d}" aria-pressed="${dec.verdict && dec.verdict.decision === d}">${text}</button>`);
    if (it.t === "e") {
      const current = this.effectiveLabel(it);
      parts.push(`<label>label <select data-field="label">` + this.doc.labels.map(l =>
        `<option${l === current ? " selected" : ""}>${l}</option>`).join("") + "</select></label>");
      parts.push(`<label>canonical <input data-field="canonical" value="${esc(dec.canonical ? dec.canonical.value : it.canonical)}"></label>`);
    }
    if (it.t === "d")
      parts.push(`<label>value <input data-field="value" value="${esc(dec.value ? dec.value.value : it.value)}"></label>`);
    parts.push(`<button type="button" data-decide="undo">Undo my decisions</button></div>`);
    const decided = Object.values(dec).map(d => d.decision + (d.value ? " " + d.value : "")).join(", ");
    parts.push(`<p class="mine">My decision: <strong>${esc(decided || "none")}</strong></p>`);
    this.details.innerHTML = parts.join("");
    this.details.querySelectorAll("[data-decide]").forEach(b => b.addEventListener("click", () => {
      if (b.dataset.decide === "undo") { undecide(it); this.render(it.key); this.show(it); }
      else this.record(it, b.dataset.decide);
    }));
    this.details.querySelectorAll("[data-other]").forEach(b => b.addEventListener("click", () =>
      this.show(this.byKey.get(b.dataset.other))));
    this.details.querySelectorAll("[data-field]").forEach(input => input.addEventListener("change", () => {
      const field = input.dataset.field, original = field === "label" ? it.label : field === "value" ? it.value : it.canonical;
      if (input.value && input.value !== original) this.record(it, field, input.value);
    }));
  };

  /* The item the keys act on: the focused one, or the proposal of its span picked in the details panel. */
  DocumentView.prototype.current = function () {
    const el = document.activeElement, it = el && el.dataset && el.dataset.k ? this.byKey.get(el.dataset.k) : null;
    const picked = this.selected;
    return it && picked && picked.t === it.t && picked.s === it.s && picked.e === it.e ? picked : it;
  };

  DocumentView.prototype.start = function () {
    document.getElementById("filter").addEventListener("change", e => { this.filter = e.target.value; this.render(); });
    document.getElementById("prev-page").addEventListener("click", () => this.goPage(this.page - 1));
    document.getElementById("next-page").addEventListener("click", () => this.goPage(this.page + 1));
    this.text.addEventListener("focusin", e => {
      const it = e.target.dataset && this.byKey.get(e.target.dataset.k);
      if (it) this.show(it);
    });
    document.addEventListener("keydown", e => {
      if (e.target.matches("input, select, textarea") || e.ctrlKey || e.metaKey || e.altKey) return;
      const it = this.current();
      const key = e.key;
      if (key === "n" || key === "j") this.move(1);
      else if (key === "p" || key === "k") this.move(-1);
      else if (it && key === "a") this.record(it, "accept");
      else if (it && key === "r" && it.t !== "d") this.record(it, "reject");
      else if (it && key === "w" && it.t === "d") this.record(it, "wrong");
      else if (it && it.t === "e" && "1234".includes(key) && key.length === 1) this.record(it, "label", this.doc.labels[+key - 1]);
      else return;
      e.preventDefault();
    });
    window.addEventListener("hashchange", () => this.fromHash());
    this.fromHash();
  };

  DocumentView.prototype.goPage = function (page) {
    if (page < 0 || page >= this.doc.pages.length) return;
    this.page = page;
    this.render();
    window.scrollTo(0, 0);
  };

  DocumentView.prototype.fromHash = function () {
    const m = /at=(\d+)/.exec(location.hash);
    const at = m ? +m[1] : 0;
    this.page = this.pageOf(at);
    this.render();
    if (m) {
      const el = this.focusables().find(el => +el.dataset.s >= at);
      if (el) { el.focus(); el.scrollIntoView({block: "center"}); }
    }
  };
})();
