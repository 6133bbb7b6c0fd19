"""``apply-review``: a reviewer's decisions rewrite the clean texts and tables of OUTDIR, deterministically.

The decisions are merged into ``OUTDIR/review/decisions.csv`` (a later decision on the same thing wins) and the
whole set is applied to the tables; applying it again changes nothing, so a later ``run`` into the same OUTDIR
(``--resume`` included) re-applies it and keeps every decision. A ``reviewed`` column names what a person
decided on each row (``accept``, ``reject``, ``label;canonical`` ...); rows stay in their tables (a rejected
entity or a wrong date is marked, not deleted), and entity_index counts only mentions not rejected.
"""
from __future__ import annotations

import os
from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace
from pathlib import Path

import pandas as pd

from pipeline.export.schema import TABLES
from pipeline.export.entity_index import EntityIndex
from pipeline.review.decisions import Decision, merge, read_decisions, stored_decisions, write_decisions
from pipeline.review.outdir import FALSE, TRUE, RunOutput, read_text
from pipeline.review.textmap import Replacement, TextMap

REVIEWED = "reviewed"
SURFACE = {"corrections": "original", "entities": "text", "dates": "text"}


@dataclass
class ReviewSummary:
    n_decisions: int = 0
    n_applied: int = 0
    stale: list[str] = field(default_factory=list)
    rewritten: list[str] = field(default_factory=list)

    def line(self) -> str:
        return (f"review: {self.n_applied} of {self.n_decisions} decisions applied, {len(self.stale)} stale | "
                f"{len(self.rewritten)} clean texts rewritten")


def apply_review(outdir: str | os.PathLike, decisions_path: str | os.PathLike | None = None) -> ReviewSummary:
    """Merge ``decisions_path`` (if given) into OUTDIR's stored decisions and apply them all."""
    out = RunOutput(outdir)
    stored = stored_decisions(out.path)
    decisions = merge(read_decisions(stored) if stored.is_file() else [],
                      read_decisions(decisions_path) if decisions_path else [])
    summary = ReviewSummary(n_decisions=len(decisions))
    review = _Review(out, summary)
    review.apply(decisions)
    write_decisions(stored, [review.with_surface(d) for d in decisions])
    return summary


def _with_reviewed(frame: pd.DataFrame) -> pd.DataFrame:
    frame = frame.copy()
    frame[REVIEWED] = ""
    return frame


class _Review:
    """One application of a decision set to one OUTDIR."""

    def __init__(self, out: RunOutput, summary: ReviewSummary):
        self.out, self.summary = out, summary
        self.frames = {name: _with_reviewed(out.table(name)) for name in SURFACE}
        self.maps: dict[str, TextMap] = {}
        self.verdicts: dict[str, dict[tuple[int, int], tuple[str, str]]] = {}
        self.marks: dict[tuple[str, int], list[str]] = defaultdict(list)

    def with_surface(self, decision: Decision) -> Decision:
        """The decision with the raw surface it was applied to, so that a later change of the text shows."""
        if decision.surface is not None or decision.doc_id not in self.maps:
            return decision
        raw = self.maps[decision.doc_id].raw
        return replace(decision, surface=raw[decision.start:decision.end]) if decision.end <= len(raw) else decision

    def text_map(self, doc_id: str) -> TextMap:
        """The document as it is before this application (the verdicts help when a re-run reset the tables)."""
        if doc_id not in self.maps:
            self.maps[doc_id] = self.out.text_map(doc_id, self.verdicts.get(doc_id))
        return self.maps[doc_id]

    def apply(self, decisions: list[Decision]) -> None:
        ok = set(self.out.doc_ids())
        for d in decisions:
            if d.table == "corrections":
                self.verdicts.setdefault(d.doc_id, {})[(d.start, d.end)] = (d.decision, d.value)
        index = {name: self._index(frame) for name, frame in self.frames.items()}
        for decision in decisions:
            if decision.doc_id not in ok:
                self._stale(decision, "no such document in this run")
                continue
            self.text_map(decision.doc_id)  # the raw text as it is before any change
            rows = index[decision.table].get(decision.span, [])
            if decision.table == "corrections" and decision.value:  # which proposal, when a span has several
                rows = [i for i in rows if self.frames["corrections"].at[i, "corrected"] == decision.value]
            if decision.decision == "add" and not rows:
                self._add_entity(decision)
            elif not rows:
                self._stale(decision, "no row at these offsets")
            elif decision.surface is not None and decision.surface != \
                    self.frames[decision.table].at[rows[0], SURFACE[decision.table]]:
                self._stale(decision, "the text there has changed")
            else:
                self._decide(decision, rows[0])
        self._rewrite_clean_texts({d.doc_id for d in decisions if d.table == "corrections"} & ok)
        self._unify_canonicals()
        self._write()

    @staticmethod
    def _index(frame: pd.DataFrame) -> dict[tuple[str, int, int], list[int]]:
        index: dict[tuple[str, int, int], list[int]] = defaultdict(list)
        for i, doc_id, start, end in zip(frame.index, frame["doc_id"], frame["start"], frame["end"]):
            index[(doc_id, int(start), int(end))].append(i)
        return index

    def _stale(self, decision: Decision, reason: str) -> None:
        self.summary.stale.append(f"{decision.doc_id} {decision.table} {decision.start}-{decision.end} "
                                  f"{decision.decision}: {reason}")

    def _decide(self, decision: Decision, i: int) -> None:
        frame = self.frames[decision.table]
        if decision.table == "corrections":
            applied = decision.decision == "accept"
            if applied and self._overlaps_applied(decision):
                self._stale(decision, "overlaps another applied correction")
                return
            if applied:  # a proposal made on top of another at the same span (a tone normalization) replaces it
                same = (frame["doc_id"] == decision.doc_id) & (frame["start"] == str(decision.start)) \
                    & (frame["end"] == str(decision.end))
                frame.loc[same, "applied"] = FALSE
            frame.at[i, "applied"] = TRUE if applied else FALSE
        elif decision.decision in ("label", "add"):
            frame.at[i, "label"] = decision.value
        elif decision.decision in ("canonical", "value"):
            frame.at[i, decision.decision] = decision.value
        self._mark(decision.table, i, decision.decision)

    def _mark(self, table: str, i: int, what: str) -> None:
        marks = self.marks[(table, i)]
        marks.append(what)
        self.frames[table].at[i, REVIEWED] = ";".join(sorted(set(marks)))
        self.summary.n_applied += 1

    def _overlaps_applied(self, decision: Decision) -> bool:
        """Another applied correction crosses this span (one at exactly this span is replaced instead)."""
        frame = self.frames["corrections"]
        same = frame[(frame["doc_id"] == decision.doc_id) & (frame["applied"] == TRUE)]
        starts, ends = same["start"].astype(int), same["end"].astype(int)
        crossing = (starts < decision.end) & (ends > decision.start)
        return bool((crossing & ~((starts == decision.start) & (ends == decision.end))).any())

    def _add_entity(self, decision: Decision) -> None:
        from pipeline.entities import entity_key
        text_map = self.text_map(decision.doc_id)
        if decision.end > len(text_map.raw) or decision.start == decision.end:
            self._stale(decision, "not a span of the text")
            return
        surface = text_map.raw[decision.start:decision.end]
        if decision.surface is not None and decision.surface != surface:
            self._stale(decision, "the text there has changed")
            return
        clean = text_map.clean_of(decision.start, decision.end)
        row = {"doc_id": decision.doc_id, "sent_id": self._sentence_of(decision.doc_id, decision.start),
               "start": str(decision.start), "end": str(decision.end), "text": surface, "text_clean": clean,
               "label": decision.value, "canonical": clean, "entity_id": entity_key(clean, decision.value),
               "score": "1.0", "source": "review", REVIEWED: ""}
        frame = self.frames["entities"]
        i = int(frame.index.max()) + 1 if len(frame) else 0
        frame.loc[i] = {column: row.get(column, "") for column in frame.columns}
        self._mark("entities", i, "add")

    def _sentence_of(self, doc_id: str, start: int) -> str:
        sentences = self.out.rows_of("sentences", doc_id)
        before = sentences[sentences["start"].astype(int) <= start]
        return before["sent_id"].iloc[-1] if len(before) else "0"

    def _rewrite_clean_texts(self, doc_ids: set[str]) -> None:
        """New clean text of every document whose corrections were decided, and the text_clean columns."""
        from pipeline.export.tables import write_clean_text
        corrections = self.frames["corrections"]
        sentences = self.out.table("sentences").copy()
        for doc_id in sorted(doc_ids):
            rows = corrections[(corrections["doc_id"] == doc_id) & (corrections["applied"] == TRUE)]
            text_map = TextMap(self.text_map(doc_id).raw, [Replacement(int(s), int(e), t) for s, e, t in
                                                             zip(rows["start"], rows["end"], rows["corrected"])])
            if text_map.clean != read_text(self.out.clean_path(doc_id)):
                write_clean_text(self.out.path, doc_id, text_map.clean)
                self.summary.rewritten.append(doc_id)
            for frame in (sentences, self.frames["entities"]):
                mine = frame.index[frame["doc_id"] == doc_id]
                frame.loc[mine, "text_clean"] = [text_map.clean_of(int(s), int(e)) for s, e in
                                                 zip(frame.loc[mine, "start"], frame.loc[mine, "end"])]
        if doc_ids:
            self.out.write_table("sentences", sentences)

    def _unify_canonicals(self) -> None:
        """One canonical name and a matching id per entity: a reviewer's name wins, then the most frequent."""
        from pipeline.entities import entity_key
        frame = self.frames["entities"]
        touched = [i for (table, i), marks in self.marks.items() if table == "entities"
                   and {"label", "canonical", "add"} & set(marks)]
        for i in touched:
            frame.at[i, "entity_id"] = entity_key(frame.at[i, "canonical"], frame.at[i, "label"])
        for entity_id in sorted({frame.at[i, "entity_id"] for i in touched}):
            members = frame.index[frame["entity_id"] == entity_id]
            chosen = [frame.at[i, "canonical"] for i in members if "canonical" in self.marks.get(("entities", i), [])]
            names = Counter(chosen or list(frame.loc[members, "canonical"]))
            frame.loc[members, "canonical"] = names.most_common(1)[0][0]

    def _write(self) -> None:
        for name, frame in self.frames.items():
            frame = frame.assign(_start=frame["start"].astype(int)).sort_values(["doc_id", "_start"], kind="stable")
            self.out.write_table(name, frame.drop(columns="_start"))
        entities = self.out.table("entities")
        self.out.write_table("entity_index", entity_index(entities))
        documents = self.out.table("documents").copy()
        counts = entities.groupby("doc_id").size()
        ok = documents["status"] == "ok"
        documents.loc[ok, "n_entities"] = [str(counts.get(d, 0)) for d in documents.loc[ok, "doc_id"]]
        self.out.write_table("documents", documents)


def entity_index(entities: pd.DataFrame) -> pd.DataFrame:
    """entity_index rebuilt from the entities table by the run's own ``EntityIndex``, leaving out mentions a
    reviewer rejected; each entity keeps the canonical name its mentions carry (a reviewer may have changed it)."""
    if REVIEWED in entities:
        entities = entities[~entities[REVIEWED].str.contains("reject")]
    index = EntityIndex()
    rows = entities.to_dict("records")
    for row in rows:
        row["start"] = int(row["start"])
    index.add(rows)
    canonical: dict[str, str] = {}
    for row in rows:
        canonical.setdefault(row["entity_id"], row["canonical"])
    return pd.DataFrame(index.rows(canonical), columns=TABLES["entity_index"]).astype(str)
