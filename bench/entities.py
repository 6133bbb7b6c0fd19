"""Entity benchmark: ours vs underthesea's ner() (aligned to offsets) on the same texts, in the same run.

Sets: the tuning set bench/devsets/entities_tune.jsonl (seed book, corpus/), the development sets dev2 and dev3
(bench/devsets/devN/*.txt with entities_devN.jsonl: original passages written for development) and, when
present, the held-out set bench/devsets/heldout/*.txt with *.entities.jsonl, and the 40 held-out chronicle
sentences (dvsktt_sentences.*, read from ../shared). Prints precision/recall/F1 per
label, exact-span and overlap, and the speed of both systems; then, for ours, the canonical names (the share of
gold mentions written otherwise than their canonical, variants and damaged spellings, that get the gold
canonical) and the links (mentions given a canonical other than their own surface, and how many of them the
gold does not support, part-names joined to a full name counted apart); writes bench/results/entities.json.
``--sets tune,dev2,dev3`` picks sets (the held-out set is the exam: run it last); ``--folder DIR`` adds a set
of DIR/*.txt with DIR/<name>.entities.jsonl beside them; ``--pipeline`` also scores the entities of the
whole pipeline (text normalized, the corrector's repairs reaching the entities), as a run writes them;
``--errors`` lists our misses and false alarms on the development sets.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.paths import TEXTS  # noqa: E402
from pipeline.entities import EntityRecognizer  # noqa: E402
from pipeline.vi.keys import fold  # noqa: E402
from pipeline.process import Options  # noqa: E402
from pipeline.segment.sentences import split_sentences  # noqa: E402

LABELS = ("PER", "LOC", "ORG", "MISC")
CORE = ("PER", "LOC", "ORG")
Span = tuple[int, int, str]
Canonicals = dict[tuple[int, int], str]  # (start, end) of a gold mention -> its canonical name
Doc = tuple[str, list[Span], Canonicals]


def load_gold(path: Path, key: str = "doc") -> dict[str, tuple[list[Span], Canonicals]]:
    """doc name (or sentence id) -> gold spans (start, end, label) and canonicals from a jsonl dev-set file."""
    gold: dict[str, tuple[list[Span], Canonicals]] = defaultdict(lambda: ([], {}))
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            spans, canonicals = gold[row.get(key, "")]  # a file of one document may leave its name out
            spans.append((row["start"], row["end"], row["label"]))
            canonicals[(row["start"], row["end"])] = row.get("canonical") or row["text"]
    return gold


def read_text(path: Path) -> str:
    return path.read_bytes().decode("utf-8-sig")


def underthesea_spans(text: str, sentences: list[tuple[int, int]]) -> list[Span]:
    """underthesea's ner() per sentence, its words mapped back to offsets through its own regex tokens."""
    from underthesea import ner
    from underthesea.pipeline.word_tokenize.regex_tokenize import patterns

    spans: list[Span] = []
    for s, e in sentences:
        toks = [(m.start(), m.end()) for m in patterns.finditer(text, s, e)]
        pos, current = 0, None
        for word, _pos, _chunk, tag in ner(text[s:e]):
            n = len(word.split(" "))
            if pos + n > len(toks):
                break
            ws, we = toks[pos][0], toks[pos + n - 1][1]
            pos += n
            if tag.startswith("I-") and current and current[2] == tag[2:]:
                current = (current[0], we, current[2])
                continue
            if current:
                spans.append(current)
            current = (ws, we, tag[2:]) if tag != "O" else None
        if current:
            spans.append(current)
    return spans


def score(gold: list[Span], pred: list[Span]) -> dict:
    """Per-label and micro (PER/LOC/ORG, and all) precision/recall/F1, exact and overlap (one-to-one)."""
    out = {}
    for mode in ("exact", "overlap"):
        tp: dict[str, int] = defaultdict(int)
        used: set[int] = set()
        for p in pred:
            for k, g in enumerate(gold):
                if k in used or g[2] != p[2]:
                    continue
                if (g[:2] == p[:2]) if mode == "exact" else (g[0] < p[1] and p[0] < g[1]):
                    used.add(k)
                    tp[p[2]] += 1
                    break
        table = {}
        groups = {lab: (lab,) for lab in LABELS} | {"core": CORE, "all": LABELS}
        for name, labs in groups.items():
            t = sum(tp[lab] for lab in labs)
            np_ = sum(1 for p in pred if p[2] in labs)
            ng = sum(1 for g in gold if g[2] in labs)
            prec = t / np_ if np_ else 0.0
            rec = t / ng if ng else 0.0
            f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
            table[name] = {"p": round(prec, 3), "r": round(rec, 3), "f1": round(f1, 3), "gold": ng, "pred": np_}
        out[mode] = table
    return out


def links(text: str, ours: list, gold: list[Span], canonicals: Canonicals) -> Counter:
    """Canonical names of one document against the gold: ``variants`` (gold mentions written otherwise than their
    canonical) and ``variants_right`` (those our overlapping mention of the label names right); ``links`` (our
    mentions given a canonical other than their surface) and ``unsupported`` (links whose gold mention has
    another canonical, or no gold mention), ``part_links`` / ``part_unsupported`` for a part joined to a longer
    name ("Minh" -> "Hồ Chí Minh")."""
    counts: Counter = Counter()
    for s, e, label in gold:
        if fold(canonicals[(s, e)]) != fold(text[s:e]):
            counts["variants"] += 1
            counts["variants_right"] += any(m.start < e and s < m.end and m.label == label
                                            and fold(m.canonical) == fold(canonicals[(s, e)]) for m in ours)
    for m in ours:
        surface = text[m.start:m.end]
        if fold(m.canonical) == fold(surface):
            continue
        part = len(surface.split()) < len(m.canonical.split()) and set(surface.split()) <= set(m.canonical.split())
        wrong = not any(s < m.end and m.start < e and fold(canonicals[(s, e)]) == fold(m.canonical)
                        for s, e, _ in gold)
        counts["links"] += 1
        counts["unsupported"] += wrong
        counts["part_links"] += part
        counts["part_unsupported"] += part and wrong
    return counts


def errors(docs: dict[str, Doc], recognizer: EntityRecognizer) -> list[str]:
    """Lines naming each gold span we miss or mislabel, each prediction with no gold span of its label, each
    link to a canonical name the gold does not give, and each variant or damaged mention whose gold canonical
    we do not give."""
    lines = []
    for name, (text, gold, canonicals) in sorted(docs.items()):
        ours = recognizer(text, split_sentences(text))
        pred = [(m.start, m.end, m.label) for m in ours]
        for s, e, label in gold:
            want = canonicals[(s, e)]
            got = [m.canonical for m in ours if m.start < e and s < m.end and m.label == label]
            if fold(want) != fold(text[s:e]) and not any(fold(c) == fold(want) for c in got):
                lines.append(f"canon {label:4s} {text[s:e]!r:40s} -> {want!r} (ours: {got or 'no mention'})")
        for m in ours:
            if fold(m.canonical) != fold(text[m.start:m.end]) and not any(
                    s < m.end and m.start < e and fold(canonicals[(s, e)]) == fold(m.canonical) for s, e, _ in gold):
                lines.append(f"link  {m.label:4s} {text[m.start:m.end]!r:40s} -> {m.canonical!r} (unsupported)")
        for tag, a, b in (("miss", gold, pred), ("false", pred, gold)):
            for s, e, lab in a:
                if (s, e, lab) in b:
                    continue
                near = [f"{text[bs:be]}/{bl}" for bs, be, bl in b if bs < e and s < be]
                ctx = text[max(0, s - 25):s].replace("\n", " ")
                lines.append(f"{tag:5s} {lab:4s} {text[s:e]!r:40s} near={near} ...{ctx}")
    return lines


def through_pipeline(docs: dict[str, Doc]) -> dict:
    """Scores and canonical counts of the entities the whole pipeline writes (normalization to the default tone
    style, OCR correction and its suggestions, entities), in raw offsets, as a run gives them: the product as
    shipped, where the recognizer alone sees the raw text."""
    from types import SimpleNamespace

    from pipeline.api import process_text
    counts: Counter = Counter()
    gold_all, ours_all = [], []
    for offset_doc, (name, (text, gold, canonicals)) in enumerate(sorted(docs.items())):
        rows = process_text(text, doc_id="bench", options=Options(dates=False))["entities"]
        mentions = [SimpleNamespace(start=r.start, end=r.end, label=r.label, canonical=r.canonical)
                    for r in rows.itertuples()]
        counts += links(text, mentions, gold, canonicals)
        shift = offset_doc * 10_000_000
        gold_all += [(s + shift, e + shift, lab) for s, e, lab in gold]
        ours_all += [(m.start + shift, m.end + shift, m.label) for m in mentions]
    return score(gold_all, ours_all) | {"canonicals": dict(counts)}


def evaluate(docs: dict[str, Doc], groups: dict[str, list[str]] | None = None) -> dict:
    """Run both systems over the documents, timing each, and score them against the gold spans; ``groups`` (name
    -> parts of document names) are also scored apart, each on the documents whose name contains a part."""
    recognizer = EntityRecognizer()
    gold_all, ours_all, base_all = [], [], []
    in_group: dict[str, list[int]] = defaultdict(list)  # group -> the document shifts it holds
    t_ours = t_base = 0.0
    chars = 0
    canonical_counts: Counter = Counter()
    for offset_doc, (name, (text, gold, canonicals)) in enumerate(sorted(docs.items())):
        shift = offset_doc * 10_000_000  # keep documents apart when pooling spans
        sentences = split_sentences(text)
        t0 = time.perf_counter()
        mentions = recognizer(text, sentences)
        t1 = time.perf_counter()
        ours = [(m.start, m.end, m.label) for m in mentions]
        canonical_counts += links(text, mentions, gold, canonicals)
        base = underthesea_spans(text, sentences)
        t2 = time.perf_counter()
        t_ours += t1 - t0
        t_base += t2 - t1
        chars += len(text)
        gold_all += [(s + shift, e + shift, lab) for s, e, lab in gold]
        ours_all += [(s + shift, e + shift, lab) for s, e, lab in ours]
        base_all += [(s + shift, e + shift, lab) for s, e, lab in base]
        for group, parts in (groups or {}).items():
            if any(part in name for part in parts):
                in_group[group].append(shift)

    def subset(spans: list[Span], shifts: list[int]) -> list[Span]:
        return [s for s in spans if s[0] // 10_000_000 * 10_000_000 in shifts]

    return {
        "docs": len(docs), "chars": chars,
        "ours": score(gold_all, ours_all) | {"chars_per_s": round(chars / t_ours),
                                             "canonicals": dict(canonical_counts)},
        "underthesea_ner": score(gold_all, base_all) | {"chars_per_s": round(chars / t_base)},
        "groups": {group: {"docs": len(shifts), "ours": score(subset(gold_all, shifts), subset(ours_all, shifts)),
                           "underthesea_ner": score(subset(gold_all, shifts), subset(base_all, shifts))}
                   for group, shifts in in_group.items()},
    }


def tune_docs() -> dict[str, Doc]:
    path = ROOT / "bench" / "devsets" / "entities_tune.jsonl"
    if not path.exists():
        return {}
    return {doc: (read_text(ROOT / "corpus" / doc), *gold) for doc, gold in load_gold(path).items()
            if (ROOT / "corpus" / doc).exists()}


def dev_docs(name: str) -> dict[str, Doc]:
    """A development set: bench/devsets/<name>/*.txt with their gold in bench/devsets/entities_<name>.jsonl."""
    path = ROOT / "bench" / "devsets" / f"entities_{name}.jsonl"
    folder = ROOT / "bench" / "devsets" / name
    if not path.exists():
        return {}
    return {doc: (read_text(folder / doc), *gold) for doc, gold in load_gold(path).items()
            if (folder / doc).exists()}


def folder_docs(folder: Path) -> dict[str, Doc]:
    """Every folder/<name>.txt that has folder/<name>.entities.jsonl beside it (all its rows are that text's)."""
    docs = {}
    for txt in sorted(folder.glob("*.txt")) if folder.exists() else []:
        gold_file = txt.with_name(txt.stem + ".entities.jsonl")
        if gold_file.exists():
            spans, canonicals = [], {}
            for doc_spans, doc_canonicals in load_gold(gold_file).values():
                spans += doc_spans
                canonicals |= doc_canonicals
            docs[txt.name] = (read_text(txt), spans, canonicals)
    return docs


def heldout_docs() -> dict[str, Doc]:
    return folder_docs(ROOT / "bench" / "devsets" / "heldout")


def _chronicle_sentences(ids_file: Path, gold_file: Path) -> dict[str, Doc]:
    """Chronicle sentences by id (clean side of vhe_alignment.jsonl, read from ../shared at run time: the
    repository keeps only ids and gold offsets) with their gold spans."""
    alignment = TEXTS / "dvsktt" / "vhe_alignment.jsonl"
    if not ids_file.exists() or not gold_file.exists() or not alignment.exists():
        return {}
    ids = set(json.loads(ids_file.read_text(encoding="utf-8")))
    gold = load_gold(gold_file, key="id")
    docs = {}
    for line in alignment.open(encoding="utf-8"):
        row = json.loads(line)
        if row["id"] in ids:
            docs[row["id"]] = (row["clean"], *gold.get(row["id"], ([], {})))
    return docs


def chronicle_docs() -> dict[str, Doc]:
    """The 40 held-out chronicle sentences."""
    folder = ROOT / "bench" / "devsets" / "heldout"
    return _chronicle_sentences(folder / "dvsktt_sentences.ids.json", folder / "dvsktt_sentences.entities.jsonl")


def chronicle_dev_docs() -> dict[str, Doc]:
    """40 development chronicle sentences (dev split, not held out; tuned on)."""
    devsets = ROOT / "bench" / "devsets"
    return _chronicle_sentences(devsets / "chronicle_dev" / "ids.json", devsets / "entities_chronicle_dev.jsonl")


def report(name: str, result: dict) -> None:
    print(f"\n== {name}: {result['docs']} docs, {result['chars']} chars")
    for system in ("ours", "underthesea_ner"):
        r = result[system]
        print(f"  {system:16s} {r['chars_per_s']:>8d} chars/s")
        for mode in ("overlap", "exact"):
            cells = "  ".join(f"{lab} {r[mode][lab]['p']:.2f}/{r[mode][lab]['r']:.2f}/{r[mode][lab]['f1']:.2f}"
                              for lab in (*LABELS, "core"))
            print(f"    {mode:8s} P/R/F1  {cells}")
    for group, r in result.get("groups", {}).items():
        for system in ("ours", "underthesea_ner"):
            cells = "  ".join(f"{lab} {r[system][mode][lab]['f1']:.2f}" for mode in ("overlap", "exact")
                              for lab in ("ORG", "core"))
            print(f"  group {group} ({r['docs']} docs) {system:16s} F1 overlap/exact: {cells}")
    if "pipeline" in result:
        r = result["pipeline"]
        for mode in ("overlap", "exact"):
            cells = "  ".join(f"{lab} {r[mode][lab]['p']:.2f}/{r[mode][lab]['r']:.2f}/{r[mode][lab]['f1']:.2f}"
                              for lab in (*LABELS, "core"))
            print(f"  whole pipeline {mode:8s} P/R/F1  {cells}")
    for where, r in (("entities alone", result["ours"]), ("whole pipeline", result.get("pipeline"))):
        c = r["canonicals"] if r else None
        if c is None:
            continue
        if not c.get("variants"):
            print(f"  canonicals ({where}): the gold gives no canonical other than the surface; "
                  f"{c.get('links', 0)} links not judged")
            continue
        print(f"  canonicals ({where}): {c.get('variants_right', 0)}/{c['variants']} variant or damaged mentions "
              f"get the gold canonical; links {c.get('links', 0)}, unsupported {c.get('unsupported', 0)} "
              f"(part-names: {c.get('part_links', 0)} linked, {c.get('part_unsupported', 0)} unsupported)")


# The sets whose misses may be read: the development sets, and the older held-out prose and prose2, made
# development sets once run (bench/devsets/README.md); never a fresh held-out set (prose8 since 2026-12-04).
DEVELOPMENT = ("tune", "dev2", "dev3", "chronicle_dev", "heldout", "prose2", "prose3", "prose4", "prose5", "prose6", "prose7")
SETS = {"tune": tune_docs, "dev2": lambda: dev_docs("dev2"), "dev3": lambda: dev_docs("dev3"),
        "heldout": heldout_docs, "chronicle": chronicle_docs, "chronicle_dev": chronicle_dev_docs}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sets", default="tune,dev2,dev3,heldout,chronicle",
                        help="comma-separated: tune, dev2, dev3, chronicle_dev (development chronicle sentences), "
                             "heldout, chronicle (held-out chronicle sentences)")
    parser.add_argument("--folder", type=Path, help="also score DIR/*.txt against DIR/<name>.entities.jsonl")
    parser.add_argument("--group", action="append", default=[], metavar="NAME=PART[,PART...]",
                        help="also score the documents whose name contains one of the parts (repeatable)")
    parser.add_argument("--errors", action="store_true",
                        help="list errors on the development sets (" + ", ".join(DEVELOPMENT) + ")")
    parser.add_argument("--pipeline", action="store_true",
                        help="also score the whole pipeline's entities (normalization and OCR correction included)")
    args = parser.parse_args()
    results = {}
    names = [n for n in args.sets.split(",") if n]
    if args.folder:
        SETS[args.folder.name] = lambda: folder_docs(args.folder)
        names.append(args.folder.name)
    for name in names:
        docs = SETS[name]()
        if args.errors and docs and name in DEVELOPMENT:
            print("\n".join(errors(docs, EntityRecognizer())))
        if docs:
            groups = {g.split("=", 1)[0]: g.split("=", 1)[1].split(",") for g in args.group}
            results[name] = evaluate(docs, groups)
            if args.pipeline:
                results[name]["pipeline"] = through_pipeline(docs)
            report(name, results[name])
        else:
            print(f"\n== {name}: no documents")
    out = ROOT / "bench" / "results" / ("entities.json" if names == parser.get_default("sets").split(",")
                                        else f"entities.{'_'.join(names)}.json")
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, indent=2, ensure_ascii=False), encoding="utf-8")
    print(f"\nwrote {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
