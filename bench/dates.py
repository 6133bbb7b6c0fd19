"""Benchmark of the date stage against dateparser's search_dates, run on the same texts in the same run.

1. Dev sets (tune: bench/devsets/dates_tune.jsonl; held-out: bench/devsets/heldout/*.dates.jsonl when present):
   detection P/R/F1 (exact span and overlap), value accuracy of the matched mentions, and (separately) how often
   the granularity agrees on exact matches ("range" is this project's granularity of ranges and lists).
2. VHE dev temporal spans (chronicle sentences; gold is incomplete): recall only, exact and overlap.
3. The 914 annal-year headers of the chronicle: CE year from the sexagenary name + reign era / context,
   with every header's printed bracket year masked ("blind"), and with the text as printed ("sighted");
   the 22 headers whose printed year contradicts their sexagenary name are listed as source errors.
4. Forms (bench/devsets/dates_forms.jsonl): absolute date expressions in the forms other projects' Vietnamese
   rules and test corpora cover, one per sentence: share right (a mention overlapping the expression with the
   gold value) and share with the exact span.
Writes bench/results/dates.json. Usage: python bench/dates.py [--no-baseline] [--no-heldout] [--heldout-dir DIR]
(--misses DIR lists the misses of a development folder and exits)
(--no-heldout while developing: the held-out gold is read once, for the final figures; --heldout-dir scores
another folder of *.txt + *.dates.jsonl the same way, reported as "heldout_dir").
"""
from __future__ import annotations

import argparse
import json
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.paths import TEXTS as SHARED  # noqa: E402
from pipeline.dates import DateExtractor  # noqa: E402

CORPUS = ROOT / "corpus"
DEVSETS = ROOT / "bench" / "devsets"
RESULTS = ROOT / "bench" / "results" / "dates.json"
_BRACKET_YEAR = re.compile(r"\[\s*\d+\s*(?:TCN)?\s*\]")


def prf(tp: int, n_pred: int, n_gold: int) -> dict:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(2 * p * r / (p + r) if p + r else 0.0, 4)}


def match(gold: list[dict], pred: list[dict], exact: bool) -> list[tuple[dict, dict]]:
    """One-to-one pairs of gold and predicted spans (same span, or overlapping when not exact)."""
    pairs, used = [], set()
    for g in gold:
        for i, p in enumerate(pred):
            if i in used:
                continue
            same = (p["start"], p["end"]) == (g["start"], g["end"])
            if same or (not exact and p["start"] < g["end"] and g["start"] < p["end"]):
                pairs.append((g, p))
                used.add(i)
                break
    return pairs


def ours(extractor: DateExtractor, text: str) -> list[dict]:
    return [{"start": m.start, "end": m.end, "value": m.value, "granularity": m.granularity}
            for m in extractor(text, [])]


def dateparser_spans(text: str) -> list[dict]:
    """search_dates (languages=vi) mapped back to offsets; its value is written at day granularity."""
    from dateparser.search import search_dates
    found = search_dates(text, languages=["vi"]) or []
    out, pos = [], 0
    for surface, when in found:
        i = text.find(surface, pos)
        if i < 0:
            continue
        out.append({"start": i, "end": i + len(surface), "value": when.strftime("%Y-%m-%d"), "dp": True})
        pos = i + len(surface)
    return out


def value_ok(gold: str, pred: dict) -> bool:
    """Exact TIMEX value; for dateparser (always a full date) the gold's own granularity is compared."""
    if not pred.get("dp"):
        return pred["value"] == gold
    if not re.fullmatch(r"\d{4}(-\d\d){0,2}", gold):
        return False
    return pred["value"][:len(gold)] == gold


def score(gold: list[dict], pred: list[dict]) -> dict:
    out = {"gold": len(gold), "predicted": len(pred)}
    for kind, exact in (("exact", True), ("overlap", False)):
        pairs = match(gold, pred, exact)
        out[kind] = prf(len(pairs), len(pred), len(gold))
        correct = sum(value_ok(g["value"], p) for g, p in pairs)
        out[kind]["value_accuracy_matched"] = round(correct / len(pairs), 4) if pairs else 0.0
        out[kind]["value_accuracy_all_gold"] = round(correct / len(gold), 4) if gold else 0.0
    typed = [(g, p) for g, p in match(gold, pred, True) if "granularity" in p and "granularity" in g]
    out["granularity_agreement_exact"] = (round(sum(g["granularity"] == p["granularity"] for g, p in typed)
                                               / len(typed), 4) if typed else None)
    return out


def devset(extractor: DateExtractor, gold_rows: list[dict], texts: dict[str, str], baseline: bool) -> dict:
    gold_by_doc: dict[str, list[dict]] = {}
    for row in gold_rows:
        gold_by_doc.setdefault(row["doc"], []).append(row)
    systems = {"ours": lambda t: ours(extractor, t)}
    if baseline:
        systems["dateparser"] = dateparser_spans
    result = {}
    for name, system in systems.items():
        gold, pred = [], []
        for doc, rows in gold_by_doc.items():
            doc_pred = system(texts[doc])
            gold += [dict(r, start=(doc, r["start"]), end=(doc, r["end"])) for r in rows]
            pred += [dict(p, start=(doc, p["start"]), end=(doc, p["end"])) for p in doc_pred]
        result[name] = score(gold, pred)
    return result


def forms(extractor: DateExtractor, baseline: bool) -> dict:
    """Share of the forms set right: a mention overlapping the expression with the gold value; and exact spans."""
    rows = [json.loads(line) for line in (DEVSETS / "dates_forms.jsonl").open(encoding="utf-8")]
    systems = {"ours": lambda t: ours(extractor, t)}
    if baseline:
        systems["dateparser"] = dateparser_spans
    out = {}
    for name, system in systems.items():
        right, exact, wrong = 0, 0, []
        for row in rows:
            pred = [p for p in system(row["text"]) if p["start"] < row["end"] and row["start"] < p["end"]]
            ok = any(value_ok(row["value"], p) for p in pred)
            right += ok
            exact += any((p["start"], p["end"]) == (row["start"], row["end"]) for p in pred)
            if not ok:
                wrong.append({"surface": row["surface"], "gold": row["value"], "got": [p["value"] for p in pred],
                              "source": row["source"]})
        out[name] = {"n": len(rows), "right": right, "share_right": round(right / len(rows), 4),
                     "share_exact_span": round(exact / len(rows), 4), "wrong": wrong}
    return out


def read_gold_dir(folder: Path) -> tuple[list[dict], dict[str, str]]:
    """Gold rows and texts of a folder of <name>.txt + <name>.dates.jsonl."""
    rows, texts = [], {}
    for gold_file in sorted(folder.glob("*.dates.jsonl")):
        name = gold_file.name[: -len(".dates.jsonl")] + ".txt"
        texts[name] = (folder / name).read_text(encoding="utf-8").removeprefix("\ufeff")
        rows += [dict(json.loads(line), doc=name) for line in gold_file.open(encoding="utf-8") if line.strip()]
    return rows, texts


def vhe_recall(extractor: DateExtractor, baseline: bool) -> dict | None:
    path = SHARED / "vhe" / "dev.spans.jsonl"
    if not path.exists():
        return None
    rows = [json.loads(line) for line in path.open(encoding="utf-8")]
    systems = {"ours": lambda t: ours(extractor, t)}
    if baseline:
        systems["dateparser"] = dateparser_spans
    out = {}
    for name, system in systems.items():
        n_gold = hit_exact = hit_overlap = 0
        for row in rows:
            gold = row["temporal_spans"]
            if not gold:
                continue
            pred = system(row["text"])
            n_gold += len(gold)
            hit_exact += len(match(gold, pred, True))
            hit_overlap += len(match(gold, pred, False))
        out[name] = {"gold": n_gold, "recall_exact": round(hit_exact / n_gold, 4),
                     "recall_overlap": round(hit_overlap / n_gold, 4)}
    return out


def ce_value(year: int) -> str:
    return f"BC{-year:04d}" if year < 0 else f"{year:04d}"


def year_headers(extractor: DateExtractor) -> dict | None:
    chron, headers_path = SHARED / "dvsktt" / "chinh-hoa-18.txt", SHARED / "dvsktt" / "year_headers.jsonl"
    if not chron.exists() or not headers_path.exists():
        return None
    text = chron.read_text(encoding="utf-8")
    headers = [json.loads(line) for line in headers_path.open(encoding="utf-8")]
    blind = list(text)
    for h in headers:  # mask each header's own printed year, keeping offsets
        for m in _BRACKET_YEAR.finditer(text, h["raw_start"], h["raw_end"]):
            blind[m.start():m.end()] = " " * (m.end() - m.start())
    out: dict = {}
    values: dict[str, list[str | None]] = {}
    for mode, t in (("blind", "".join(blind)), ("sighted", text)):
        t0 = time.perf_counter()
        mentions = extractor(t, [])
        seconds = time.perf_counter() - t0
        starts = sorted((m.start, m.end, m.value) for m in mentions)
        values[mode] = [_value_at(starts, h["raw_start"]) for h in headers]
        consistent = [(h, v) for h, v in zip(headers, values[mode]) if h["cyclical_consistent"]]
        right = sum(_year_of(v) == ce_value(h["ce_year"]) for h, v in consistent)
        out[mode] = {"consistent": len(consistent), "right": right, "accuracy": round(right / len(consistent), 4),
                     "extract_seconds": round(seconds, 2), "chars_per_second": int(len(t) / seconds)}
    out["source_errors"] = [
        {"text": h["text"], "printed": h["ce_year"], "expected_can_chi": h["expected_can_chi_for_ce_year"],
         "ours_blind": vb, "ours_sighted": vs}
        for h, vb, vs in zip(headers, values["blind"], values["sighted"]) if not h["cyclical_consistent"]]
    out["wrong_blind"] = [{"text": h["text"], "printed": h["ce_year"], "ours": v}
                          for h, v in zip(headers, values["blind"])
                          if h["cyclical_consistent"] and _year_of(v) != ce_value(h["ce_year"])]
    return out


def _value_at(spans: list[tuple[int, int, str]], offset: int) -> str | None:
    """Value of the mention that covers the header's first character (or starts within 2 characters); for a
    range whose end the header is ("từ năm Mậu Tý [1528] đến năm Nhâm Thìn [1532]"), the end's value."""
    for start, end, value in spans:
        if start <= offset < end or 0 <= start - offset <= 2:
            return value.split("/")[-1] if offset - start > 2 else value.split("/")[0]
    return None


def _year_of(value: str | None) -> str | None:
    """The year part of a TIMEX3 value: "1138-09" -> "1138", "BC0257" -> "BC0257"."""
    return None if value is None else value.split("-")[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-baseline", action="store_true", help="skip dateparser")
    parser.add_argument("--no-heldout", action="store_true", help="skip the held-out gold (while developing)")
    parser.add_argument("--heldout-dir", type=Path, help="also score this folder of *.txt + *.dates.jsonl")
    parser.add_argument("--misses", type=Path, metavar="DIR",
                        help="only list the misses on a development folder of *.txt + *.dates.jsonl and exit")
    args = parser.parse_args()
    if args.misses:
        print_misses(DateExtractor(), *read_gold_dir(args.misses))
        return
    baseline = not args.no_baseline
    if baseline:
        try:
            import dateparser  # noqa: F401
        except ImportError:
            print("dateparser is not installed: pip install dateparser (baseline skipped)")
            baseline = False
    extractor = DateExtractor()
    results: dict = {}
    tune_path = DEVSETS / "dates_tune.jsonl"
    tune = [json.loads(line) for line in tune_path.open(encoding="utf-8")]
    tune_texts = {d: (CORPUS / d).read_text(encoding="utf-8") for d in {r["doc"] for r in tune}}
    results["tune"] = devset(extractor, tune, tune_texts, baseline)
    heldout_dir = DEVSETS / "heldout"
    if heldout_dir.exists() and not args.no_heldout:
        rows, texts = read_gold_dir(heldout_dir)
        if rows:
            results["heldout"] = devset(extractor, rows, texts, baseline)
    if args.heldout_dir:
        rows, texts = read_gold_dir(args.heldout_dir)
        results["heldout_dir"] = dict(devset(extractor, rows, texts, baseline), folder=str(args.heldout_dir))
    results["forms"] = forms(extractor, baseline)
    results["vhe_dev_temporal_recall"] = vhe_recall(extractor, baseline)
    results["year_headers"] = year_headers(extractor)
    results["dateparser_version"] = __import__("dateparser").__version__ if baseline else None
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(results, ensure_ascii=False, indent=1), encoding="utf-8")
    print_summary(results)


def print_misses(extractor: DateExtractor, gold_rows: list[dict], texts: dict[str, str]) -> None:
    """Every gold date without a predicted mention of the same span and value, and every prediction that overlaps
    no gold date, with its context (for a development folder: never run it on a held-out one)."""
    for doc, text in texts.items():
        gold = [g for g in gold_rows if g["doc"] == doc]
        pred = [{"start": m.start, "end": m.end, "value": m.value} for m in extractor(text, [])]
        print(f"== {doc}")
        for g in gold:
            near = [p for p in pred if p["start"] < g["end"] and g["start"] < p["end"]]
            if not any((p["start"], p["end"], p["value"]) == (g["start"], g["end"], g["value"]) for p in near):
                got = [(text[p["start"]:p["end"]], p["value"]) for p in near]
                print(f"  miss {g['text']!r} {g['value']}  got {got}  | {_context(text, g['start'], g['end'])}")
        for p in pred:
            if not any(p["start"] < g["end"] and g["start"] < p["end"] for g in gold):
                print(f"  extra {text[p['start']:p['end']]!r} {p['value']}  | {_context(text, p['start'], p['end'])}")


def _context(text: str, start: int, end: int) -> str:
    return " ".join(text[max(0, start - 40):end + 20].split())


def print_summary(results: dict) -> None:
    for split in ("tune", "heldout", "heldout_dir"):
        for system, s in results.get(split, {}).items():
            if system == "folder":
                continue
            e, o = s["exact"], s["overlap"]
            print(f"{split:8s} {system:10s} gold={s['gold']:4d} pred={s['predicted']:4d} "
                  f"exact P/R/F1={e['precision']:.3f}/{e['recall']:.3f}/{e['f1']:.3f} "
                  f"overlap F1={o['f1']:.3f} value acc (matched)={o['value_accuracy_matched']:.3f}"
                  + (f" granularity agreement={s['granularity_agreement_exact']:.3f}"
                     if s.get("granularity_agreement_exact") is not None else ""))
    for system, s in results.get("forms", {}).items():
        print(f"forms    {system:10s} n={s['n']} right={s['right']} share={s['share_right']:.3f} "
              f"exact span={s['share_exact_span']:.3f}")
    for system, s in (results.get("vhe_dev_temporal_recall") or {}).items():
        print(f"vhe-dev  {system:10s} gold={s['gold']} recall exact={s['recall_exact']:.3f} "
              f"overlap={s['recall_overlap']:.3f}")
    yh = results.get("year_headers")
    if yh:
        for mode in ("blind", "sighted"):
            r = yh[mode]
            print(f"headers  {mode:8s} {r['right']}/{r['consistent']} = {r['accuracy']:.3f} "
                  f"({r['chars_per_second']} chars/s)")
        print(f"headers  source errors listed: {len(yh['source_errors'])}; wrong (blind): {len(yh['wrong_blind'])}")


if __name__ == "__main__":
    main()
