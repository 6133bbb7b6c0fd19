"""Do two versions of the code give the same outputs? For speed work: every table and every correction proposal.

    python bench/same_output.py --save DIR    # write this version's outputs under DIR
    python bench/same_output.py --check DIR   # write them again and compare with DIR (exit 1 on any difference)

What is written (development data only; the held-out sets are never read):
- pipeline.csv.txt: ``python -m pipeline run`` on the seed book, bench/texts, the dev2/dev3 texts and two
  generated documents with OCR-like damage (bench/speed.py's make_corpus), one worker: every CSV (documents.csv
  without its ``seconds`` column) and every clean text;
- the Corrector's proposals (edit and calibration features, written with repr so floats compare exactly) and its
  ``correct()`` edits on: the clean chronicle sentences (the chronicle as batch, as bench/correction.py times
  them), the chronicle-sentence and development chronicle-page real errors, the seed book's lines (its own batch)
  and tesseract pages (per-page batch with tesseract's costs) when bench/_generated/ocr_pairs.jsonl exists.
"""
from __future__ import annotations

import argparse
import csv
import difflib
import io
import shutil
import subprocess
import sys
import tempfile
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

MAX_TESSERACT_PAGES = 40


def pipeline_tables(tmp: Path) -> str:
    """Every table and clean text of one pipeline run over the development documents, as one text."""
    from bench.speed import make_corpus

    inputs = tmp / "in"
    inputs.mkdir()
    sources = [*sorted((ROOT / "corpus").glob("*.txt")), *sorted((ROOT / "bench" / "texts").glob("*.txt")),
               *sorted((ROOT / "bench" / "devsets" / "dev2").glob("*.txt")),
               *sorted((ROOT / "bench" / "devsets" / "dev3").glob("*.txt"))]
    for i, path in enumerate(sources):
        shutil.copy(path, inputs / f"{i:02d}_{path.name}")
    make_corpus(inputs / "generated", 60_000, doc_chars=30_000)
    out = tmp / "out"
    subprocess.run([sys.executable, "-m", "pipeline", "run", str(inputs), "-o", str(out), "--workers", "1",
                    "--no-progress"], check=False, capture_output=True, cwd=ROOT)
    parts = []
    for path in sorted(out.glob("*.csv")) + sorted(p for p in (out / "clean").rglob("*") if p.is_file()):
        text = path.read_text(encoding="utf-8")
        if path.name == "documents.csv":  # its last column is the seconds a document took
            rows = list(csv.reader(io.StringIO(text)))
            column = rows[0].index("seconds")
            buffer = io.StringIO()
            csv.writer(buffer, lineterminator="\n").writerows([r[:column] + r[column + 1:] for r in rows])
            text = buffer.getvalue().replace(str(inputs), "IN")
        parts.append(f"== {path.relative_to(out)}\n{text}")
    return "\n".join(parts)


def _proposals(corrector, texts: list[str], styles: tuple[str, ...] = ("keep",)) -> str:
    lines = []
    for n, text in enumerate(texts):
        for style in styles:
            for edit, features in corrector.proposals(text, style):
                lines.append(f"{n}\t{style}\tP\t{edit!r}\t{features!r}")
            for edit in corrector.correct(text, style):
                lines.append(f"{n}\t{style}\tC\t{edit!r}")
    return "\n".join(lines) + "\n"


def correction_sets() -> dict[str, str]:
    """{file name: proposals text} of the development correction sets."""
    from bench import correction as bc
    from bench.normalized_input import normalized
    from pipeline.correct import CorpusStats, Corrector
    from pipeline.correct.confusion import tesseract_table

    out = {}
    alignment = bc.read_jsonl(bc.ALIGNMENT)
    rows = {r["id"]: r for r in alignment}
    chronicle = bc.CHRONICLE.read_text(encoding="utf-8")
    stats = CorpusStats.from_text(normalized(chronicle))
    corrector = Corrector(stats)
    clean = [normalized(r["clean"]) for r in rows.values() if r["diff_class"] in bc.CLEAN_CLASSES]
    out["clean_sentences.txt"] = _proposals(corrector, clean, ("keep", "hòa"))
    real = [normalized(p["noisy"]) for p in bc.real_error_pairs(rows)]
    out["chronicle_sentences_dev.txt"] = _proposals(corrector, real)
    pages = [normalized(p["noisy"]) for _, gold, listing in bc.DEV_PAGE_SETS  # never bc.HELDOUT_PAGE_SETS
             for p in bc.heldout_page_pairs(chronicle, gold, listing)]
    out["chronicle_pages_dev.txt"] = _proposals(corrector, pages, ("keep", "hòa"))
    seed = bc.seed_stats()
    seed_lines = [normalized(p["noisy"]) for p in bc.gold_pairs(bc.SEED_DEVSET_TEXT.read_text(encoding="utf-8"),
                                                                 bc.read_jsonl(bc.SEED_DEVSET))]
    out["seed_lines.txt"] = _proposals(Corrector(seed), seed_lines)
    pairs_path = ROOT / "bench" / "_generated" / "ocr_pairs.jsonl"
    if not pairs_path.exists():
        pairs_path = Path("/work/main/bench/_generated/ocr_pairs.jsonl")
    if pairs_path.exists():
        lines = []
        for n, pair in enumerate(bc.read_jsonl(pairs_path)[:MAX_TESSERACT_PAGES]):
            text = unicodedata.normalize("NFC", pair["noisy"])
            page = Corrector(seed.merge(CorpusStats.from_text(text)), confusions=tesseract_table())
            lines.append(f"# page {n}\n" + _proposals(page, [text]))
        out["tesseract_pages.txt"] = "".join(lines)
    return out


def outputs() -> dict[str, str]:
    with tempfile.TemporaryDirectory() as tmp:
        found = {"pipeline.csv.txt": pipeline_tables(Path(tmp))}
    found.update(correction_sets())
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    group = parser.add_mutually_exclusive_group(required=True)
    group.add_argument("--save", type=Path)
    group.add_argument("--check", type=Path)
    args = parser.parse_args()
    found = outputs()
    if args.save:
        args.save.mkdir(parents=True, exist_ok=True)
        for name, text in found.items():
            (args.save / name).write_text(text, encoding="utf-8")
        print(f"saved {len(found)} files to {args.save}: "
              + ", ".join(f"{k} ({v.count(chr(10))} lines)" for k, v in found.items()))
        return
    differ = 0
    for name, text in found.items():
        ref = (args.check / name).read_text(encoding="utf-8")
        if ref == text:
            print(f"same: {name} ({text.count(chr(10))} lines)")
            continue
        differ += 1
        print(f"DIFFERENT: {name}")
        diff = difflib.unified_diff(ref.splitlines(), text.splitlines(), "reference", "now", lineterm="", n=0)
        for line in list(diff)[:20]:
            print("  " + line[:300])
    sys.exit(1 if differ else 0)


if __name__ == "__main__":
    main()
