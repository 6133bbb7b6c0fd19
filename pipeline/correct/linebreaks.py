"""End-of-line hyphenation: "Pé-\\ntrograd" is one word split by the printer when the batch knows "Pétrograd".

The joined word moves to the next line ("Pé-\\ntrograd" → "\\nPétrograd"), so the clean text keeps its lines.
A hyphen the batch also writes inside a line ("Brest-Litovsk") is the author's and stays.
"""
from __future__ import annotations

import re
from typing import Callable, Mapping

from pipeline.document import CleanEdit

_BROKEN = re.compile(r"(?P<head>\w+)-[ \t]*(?P<newline>\r\n|\n|\r)[ \t]*(?P<tail>\w+)")


def hyphenation_edits(text: str, tokens: Callable[[], Mapping[str, int]]) -> list[CleanEdit]:
    """Joins of words hyphenated at a line end, when the batch's token counts attest the joined form.

    ``tokens`` gives the counts (called only when the text has a candidate). The score grows with the evidence:
    how often the joined form occurs against the hyphenated one within a line of this text.
    """
    edits = []
    counts = None
    for match in _BROKEN.finditer(text):
        counts = tokens() if counts is None else counts
        head, tail = match["head"], match["tail"]
        joined = head + tail
        seen_joined = counts.get(joined, 0)
        seen_hyphenated = text.count(f"{head}-{tail}")
        if seen_joined == 0 or seen_hyphenated >= seen_joined:
            continue
        score = seen_joined / (seen_joined + seen_hyphenated + 1)
        edits.append(CleanEdit(match.start(), match.end(), match["newline"] + joined, "spacing", round(score, 4),
                               applied=score >= 0.5))
    return edits
