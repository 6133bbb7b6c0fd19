"""Entity benchmark: ours vs underthesea's ner() (aligned to offsets) on the same texts, in the same run.

Sets: the tuning set bench/devsets/entities_tune.jsonl (seed book, corpus/), the development sets dev2 and dev3
(bench/devsets/devN/*.txt with entities_devN.jsonl: original passages written for development) and, when
present, the held-out set bench/devsets/heldout/*.txt with *.entities.jsonl, and the 40 held-out chronicle
sentences (dvsktt_sentences.*, read from ../shared). Prints precision/recall/F1 per
label, exact-span and overlap, and the speed of both systems; writes bench/results/entities.json.
``--sets tune,dev2,dev3`` picks sets (the held-out set is the exam: run it last); ``--errors`` lists our misses
and false alarms on the development sets.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.paths import TEXTS  # noqa: E402
from pipeline.entities import EntityRecognizer  # noqa: E402
from pipeline.segment.sentences import split_sentences  # noqa: E402

LABELS = ("PER", "LOC", "ORG", "MISC")
CORE = ("PER", "LOC", "ORG")
Span = tuple[int, int, str]


def load_gold(path: Path) -> dict[str, list[Span]]:
    """doc name -> gold spans (start, end, label) from a jsonl dev-set file."""
    gold: dict[str, list[Span]] = defaultdict(list)
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            gold[row["doc"]].append((row["start"], row["end"], row["label"]))
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


def errors(docs: dict[str, tuple[str, list[Span]]], recognizer: EntityRecognizer) -> list[str]:
    """Lines naming each gold span we miss or mislabel and each prediction with no gold span of its label."""
    lines = []
    for name, (text, gold) in sorted(docs.items()):
        pred = [(m.start, m.end, m.label) for m in recognizer(text, split_sentences(text))]
        for tag, a, b in (("miss", gold, pred), ("false", pred, gold)):
            for s, e, lab in a:
                if (s, e, lab) in b:
                    continue
                near = [f"{text[bs:be]}/{bl}" for bs, be, bl in b if bs < e and s < be]
                ctx = text[max(0, s - 25):s].replace("\n", " ")
                lines.append(f"{tag:5s} {lab:4s} {text[s:e]!r:40s} near={near} ...{ctx}")
    return lines


def evaluate(docs: dict[str, tuple[str, list[Span]]]) -> dict:
    """Run both systems over the documents, timing each, and score them against the gold spans."""
    recognizer = EntityRecognizer()
    gold_all, ours_all, base_all = [], [], []
    t_ours = t_base = 0.0
    chars = 0
    for offset_doc, (name, (text, gold)) in enumerate(sorted(docs.items())):
        shift = offset_doc * 10_000_000  # keep documents apart when pooling spans
        sentences = split_sentences(text)
        t0 = time.perf_counter()
        ours = [(m.start, m.end, m.label) for m in recognizer(text, sentences)]
        t1 = time.perf_counter()
        base = underthesea_spans(text, sentences)
        t2 = time.perf_counter()
        t_ours += t1 - t0
        t_base += t2 - t1
        chars += len(text)
        gold_all += [(s + shift, e + shift, lab) for s, e, lab in gold]
        ours_all += [(s + shift, e + shift, lab) for s, e, lab in ours]
        base_all += [(s + shift, e + shift, lab) for s, e, lab in base]
    return {
        "docs": len(docs), "chars": chars,
        "ours": score(gold_all, ours_all) | {"chars_per_s": round(chars / t_ours)},
        "underthesea_ner": score(gold_all, base_all) | {"chars_per_s": round(chars / t_base)},
    }


def tune_docs() -> dict[str, tuple[str, list[Span]]]:
    path = ROOT / "bench" / "devsets" / "entities_tune.jsonl"
    if not path.exists():
        return {}
    return {doc: (read_text(ROOT / "corpus" / doc), spans) for doc, spans in load_gold(path).items()
            if (ROOT / "corpus" / doc).exists()}


def dev_docs(name: str) -> dict[str, tuple[str, list[Span]]]:
    """A development set: bench/devsets/<name>/*.txt with their gold in bench/devsets/entities_<name>.jsonl."""
    path = ROOT / "bench" / "devsets" / f"entities_{name}.jsonl"
    folder = ROOT / "bench" / "devsets" / name
    if not path.exists():
        return {}
    return {doc: (read_text(folder / doc), spans) for doc, spans in load_gold(path).items()
            if (folder / doc).exists()}


def heldout_docs() -> dict[str, tuple[str, list[Span]]]:
    folder = ROOT / "bench" / "devsets" / "heldout"
    docs = {}
    for txt in sorted(folder.glob("*.txt")) if folder.exists() else []:
        gold_file = txt.with_name(txt.stem + ".entities.jsonl")
        if gold_file.exists():
            spans = [s for spans in load_gold(gold_file).values() for s in spans]
            docs[txt.name] = (read_text(txt), spans)
    return docs


def _chronicle_sentences(ids_file: Path, gold_file: Path) -> dict[str, tuple[str, list[Span]]]:
    """Chronicle sentences by id (clean side of vhe_alignment.jsonl, read from ../shared at run time: the
    repository keeps only ids and gold offsets) with their gold spans."""
    alignment = TEXTS / "dvsktt" / "vhe_alignment.jsonl"
    if not ids_file.exists() or not gold_file.exists() or not alignment.exists():
        return {}
    ids = set(json.loads(ids_file.read_text(encoding="utf-8")))
    gold: dict[str, list[Span]] = defaultdict(list)
    for line in gold_file.open(encoding="utf-8"):
        row = json.loads(line)
        gold[row["id"]].append((row["start"], row["end"], row["label"]))
    docs = {}
    for line in alignment.open(encoding="utf-8"):
        row = json.loads(line)
        if row["id"] in ids:
            docs[row["id"]] = (row["clean"], gold.get(row["id"], []))
    return docs


def chronicle_docs() -> dict[str, tuple[str, list[Span]]]:
    """The 40 held-out chronicle sentences."""
    folder = ROOT / "bench" / "devsets" / "heldout"
    return _chronicle_sentences(folder / "dvsktt_sentences.ids.json", folder / "dvsktt_sentences.entities.jsonl")


def chronicle_dev_docs() -> dict[str, tuple[str, list[Span]]]:
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


SETS = {"tune": tune_docs, "dev2": lambda: dev_docs("dev2"), "dev3": lambda: dev_docs("dev3"),
        "heldout": heldout_docs, "chronicle": chronicle_docs, "chronicle_dev": chronicle_dev_docs}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sets", default="tune,dev2,dev3,heldout,chronicle",
                        help="comma-separated: tune, dev2, dev3, chronicle_dev (development chronicle sentences), "
                             "heldout, chronicle (held-out chronicle sentences)")
    parser.add_argument("--errors", action="store_true", help="list errors on the development sets")
    args = parser.parse_args()
    results = {}
    for name in args.sets.split(","):
        docs = SETS[name]()
        if args.errors and docs and name not in ("heldout", "chronicle"):
            print("\n".join(errors(docs, EntityRecognizer())))
        if docs:
            results[name] = evaluate(docs)
            report(name, results[name])
        else:
            print(f"\n== {name}: no documents")
    out = ROOT / "bench" / "results" / ("entities.json" if args.sets == parser.get_default("sets")
                                        else f"entities.{args.sets.replace(',', '_')}.json")
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, indent=2, ensure_ascii=False), encoding="utf-8")
    print(f"\nwrote {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
