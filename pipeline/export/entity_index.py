"""The entity index: every entity of the run with one canonical name, its variants, and its first and last
mention. The canonical name is chosen by the entity stage's own rule (``pipeline.entities.choose_canonicals``)."""
from __future__ import annotations

from collections import Counter, defaultdict


class EntityIndex:
    """Counts mentions per entity across the run; gives each entity one canonical name, its variants, and its
    first and last mention (doc_id, start) so that a reader can jump to the source."""

    def __init__(self) -> None:
        self.labels: dict[str, Counter] = defaultdict(Counter)
        self.canonicals: dict[str, Counter] = defaultdict(Counter)
        self.variants: dict[str, Counter] = defaultdict(Counter)
        self.documents: dict[str, set[str]] = defaultdict(set)
        self.first: dict[str, tuple[str, int]] = {}
        self.last: dict[str, tuple[str, int]] = {}

    def add(self, rows: list[dict]) -> None:
        for row in rows:
            key = row["entity_id"]
            self.labels[key][row["label"]] += 1
            self.canonicals[key][row["canonical"]] += 1
            self.variants[key][row["text"]] += 1
            self.documents[key].add(row["doc_id"])
            where = (row["doc_id"], row["start"])
            self.first[key] = min(self.first.get(key, where), where)
            self.last[key] = max(self.last.get(key, where), where)

    def canonical_names(self) -> dict[str, str]:
        from pipeline.entities import choose_canonicals
        return choose_canonicals(dict(self.canonicals))

    def rows(self, canonical: dict[str, str]) -> list[dict]:
        return [{"entity_id": key, "canonical": canonical.get(key, ""), "label": self.labels[key].most_common(1)[0][0],
                 "n_mentions": sum(self.variants[key].values()), "n_documents": len(self.documents[key]),
                 "variants": "|".join(f"{v}:{n}" for v, n in self.variants[key].most_common()),
                 "first_doc_id": self.first[key][0], "first_start": self.first[key][1],
                 "last_doc_id": self.last[key][0], "last_start": self.last[key][1]}
                for key in sorted(self.variants)]
