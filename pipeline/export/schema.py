"""The output contract: every table and its columns, in order (documented in README.md)."""
from __future__ import annotations

TABLES: dict[str, list[str]] = {
    "documents": ["doc_id", "path", "sha256", "encoding", "n_chars", "n_sentences", "n_corrections",
                  "n_entities", "n_dates", "status", "error", "warnings", "seconds"],
    "sentences": ["doc_id", "sent_id", "start", "end", "text", "text_clean"],
    "corrections": ["doc_id", "sent_id", "start", "end", "original", "corrected", "kind", "score", "applied"],
    "entities": ["doc_id", "sent_id", "start", "end", "text", "text_clean", "label", "canonical", "entity_id",
                 "score", "source"],
    "dates": ["doc_id", "sent_id", "start", "end", "text", "value", "granularity", "mod", "year_inferred",
              "anchor", "calendar", "value_gregorian"],
    "entity_index": ["entity_id", "canonical", "label", "n_mentions", "n_documents", "variants", "first_doc_id",
                     "first_start", "last_doc_id", "last_start"],
}
# Tables whose rows point into a document's raw text, and the column that must equal raw[start:end].
SURFACE_COLUMN = {"sentences": "text", "corrections": "original", "entities": "text", "dates": "text"}
PER_DOCUMENT_TABLES = ("sentences", "corrections", "entities", "dates")
