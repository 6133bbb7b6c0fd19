"""Command line: ``python -m pipeline run INPUT... -o OUTDIR``, ``build-resources``, ``build-lm``, ``build-context``,
``build-gazetteer`` and the review commands.

Exit codes: 0 every document succeeded, 1 some failed (the rest is written and the failures are in
documents.csv), 2 usage or output-location error, or no documents to process (one line naming the problem),
130 / 143 interrupted by Ctrl-C / SIGTERM (nothing half-written is left; run again with --resume).
"""
from __future__ import annotations

import argparse
import os
import signal
import sys

from pipeline.export.tables import FORMATS
from pipeline.normalize import TONE_STYLES
from pipeline.review import commands as review_commands
from pipeline.stages import REGISTRY

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


class _Terminated(BaseException):
    """SIGTERM, turned into an exception so that the run cleans up (temporary files, the lock, the workers)."""


def _on_sigterm(signum, frame) -> None:
    raise _Terminated()


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # one line, exit code 2
        print(f"error: {message}", file=sys.stderr)
        sys.exit(EXIT_USAGE)


def _positive_int(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a positive integer, got {value!r}") from None
    if number < 1:
        raise argparse.ArgumentTypeError(f"expected a positive integer, got {value!r}")
    return number


def _positive_seconds(value: str) -> float:
    try:
        number = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a number of seconds, got {value!r}") from None
    if not number > 0 or number == float("inf"):
        raise argparse.ArgumentTypeError(f"expected a positive number of seconds, got {value!r}")
    return number


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="python -m pipeline", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    run = commands.add_parser("run", help="process texts into tables")
    run.add_argument("inputs", nargs="+", metavar="INPUT",
                     help="text files, or folders (every *.txt below, any case)")
    run.add_argument("-o", "--output", required=True, metavar="OUTDIR", help="folder for the tables")
    run.add_argument("--tone-style", choices=TONE_STYLES, default="hòa",
                     help="tone mark placement in oa/oe/uy in the clean text (default: hòa)")
    run.add_argument("--workers", type=_positive_int, default=os.cpu_count() or 1,
                     help="worker processes (default: all cores)")
    for stage in REGISTRY:
        if stage.optional:
            run.add_argument(f"--no-{stage.name}", action="store_true", dest=f"no_{stage.name}", help=stage.help)
    run.add_argument("--calendar", choices=("as_written", "gregorian", "julian"), default="as_written",
                     help="declare the documents' calendar; julian adds Gregorian values before 1918-02-14")
    run.add_argument("--resume", action="store_true",
                     help="reuse rows of documents whose content and options are unchanged since the last run")
    run.add_argument("--engine", choices=("local", "dask"), default="local",
                     help="local process pool (default) or a Dask distributed cluster")
    run.add_argument("--scheduler", metavar="tcp://HOST:PORT", help="the Dask scheduler (with --engine dask)")
    run.add_argument("--doc-timeout", type=_positive_seconds, metavar="SECONDS",
                     help="give up a document still running after SECONDS (it is written as an error)")
    run.add_argument("--format", choices=FORMATS, default="csv",
                     help="table format (default: csv; xlsx for spreadsheets: every text cell a string)")
    run.add_argument("--no-progress", action="store_true", help="no progress bar")
    run.add_argument("--report", action="store_true", help="also write the HTML report (OUTDIR/report/)")
    run.add_argument("--lm", metavar="FILE", help="a language model of your own proofread text (from build-lm), "
                     "mixed with the shipped one for OCR correction")
    run.add_argument("--lm-weight", type=float, default=0.5, metavar="W",
                     help="weight of the --lm model in the mix, between 0 and 1 (default: 0.5)")
    commands.add_parser("build-resources", help="build lexicons and tables derived from installed packages")
    build_lm = commands.add_parser("build-lm", help="build a syllable language model from proofread text")
    build_lm.add_argument("--corpus", nargs="+", required=True, metavar="PATH",
                          help="text files (.txt, .txt.xz, .txt.gz; one paragraph a line) or folders of them")
    build_lm.add_argument("-o", "--output", required=True, metavar="FILE", help="the model file to write (.npz)")
    build_lm.add_argument("--min-bigram", type=_positive_int, default=2, help="prune rarer bigrams (default 2)")
    build_lm.add_argument("--min-trigram", type=_positive_int, default=3, help="prune rarer trigrams (default 3)")
    build_lm.add_argument("--order", type=int, choices=(3, 4), default=3,
                          help="longest n-gram: 3 (trigrams, the default) or 4 (syllable 4-grams)")
    build_lm.add_argument("--min-fourgram", type=_positive_int, default=3,
                          help="prune rarer 4-grams (default 3; at least --min-trigram)")
    build_lm.add_argument("--min-surface", type=_positive_int, default=3,
                          help="keep names and foreign words written at least this often (default 3)")
    build_lm.add_argument("--hold-out", type=int, default=0, metavar="N",
                          help="leave every N-th document (# TITLE lines) out, for evaluation (default: none)")
    build_context = commands.add_parser(
        "build-context", help="train a context model of confusable words on proofread text (measured, not shipped)")
    build_context.add_argument("--corpus", nargs="+", required=True, metavar="PATH",
                               help="text files (.txt, .txt.xz, .txt.gz; one paragraph a line) or folders of them")
    build_context.add_argument("-o", "--output", required=True, metavar="FILE", help="the model file to write (.npz)")
    build_context.add_argument("--bits", type=_positive_int, default=22, help="2**BITS hashed weights (default 22)")
    build_context.add_argument("--epochs", type=_positive_int, default=2, help="passes over the corpus (default 2)")
    build_context.add_argument("--hold-out", type=int, default=0, metavar="N",
                               help="leave every N-th document (# TITLE lines) out, as build-lm does (default: none)")
    review_commands.add_commands(commands)
    gazetteer = commands.add_parser("build-gazetteer", help="build the typed entity gazetteer from an encyclopedia")
    gazetteer.add_argument("--corpus", required=True, help="'# TITLE'-separated articles, plain or .xz")
    gazetteer.add_argument("-o", "--output", default=None, help="default: pipeline/entities/data/gazetteer.tsv.gz")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command == "build-resources":
        import pipeline.correct  # noqa: F401 - these modules register their resource builders
        import pipeline.dates.rules  # noqa: F401
        import pipeline.entities.crf  # noqa: F401
        import pipeline.entities.rules  # noqa: F401
        from pipeline.resources import build_all
        for path in build_all():
            print(f"built {path}")
        return EXIT_OK
    if args.command in review_commands.COMMANDS:
        return review_commands.run_command(args)
    if args.command == "build-lm":
        return _build_lm(args)
    if args.command == "build-context":
        return _build_context(args)
    if args.command == "build-gazetteer":
        from pathlib import Path

        from pipeline.entities.gazetteer import GAZETTEER, build_gazetteer
        if not Path(args.corpus).is_file():
            print(f"error: no such corpus file: {args.corpus}", file=sys.stderr)
            return EXIT_USAGE
        output = Path(args.output or GAZETTEER)
        print(f"built {output}: {build_gazetteer(Path(args.corpus), output)} names")
        return EXIT_OK
    from pipeline.engine import UsageError, run_batch
    from pipeline.process import Options
    if args.lm is not None:
        problem = _lm_problem(args.lm, args.lm_weight)
        if problem:
            print(f"error: --lm {args.lm}: {problem}", file=sys.stderr)
            return EXIT_USAGE
    skipped = [stage.name for stage in REGISTRY if stage.optional and getattr(args, f"no_{stage.name}")]
    options = Options.skipping(skipped, tone_style=args.tone_style, declared_calendar=args.calendar,
                               lm=os.path.abspath(args.lm) if args.lm else None, lm_weight=args.lm_weight,
                               lm_sha256=_file_sha256(args.lm) if args.lm else None)
    previous = signal.signal(signal.SIGTERM, _on_sigterm)
    try:
        summary = run_batch(args.inputs, args.output, options, workers=args.workers, resume=args.resume,
                            fmt=args.format, progress=not args.no_progress, engine=args.engine,
                            scheduler=args.scheduler, doc_timeout=args.doc_timeout)
    except UsageError as err:
        print(f"error: {err}", file=sys.stderr)
        return EXIT_USAGE
    except (KeyboardInterrupt, _Terminated) as err:
        name = "SIGTERM" if isinstance(err, _Terminated) else "Ctrl-C"
        print(f"error: interrupted by {name}; run again with --resume to continue", file=sys.stderr)
        return 128 + (signal.SIGTERM if isinstance(err, _Terminated) else signal.SIGINT)
    finally:
        signal.signal(signal.SIGTERM, previous)
    for doc_id, reason in summary.failures:
        print(f"failed: {doc_id}: {reason}", file=sys.stderr)
    print(summary.line(), file=sys.stderr)
    reviewed = review_commands.after_run(args.output, args.report)
    return EXIT_FAILED if summary.n_failed or reviewed else EXIT_OK


def _corpus_files(sources: list[str]) -> list | None:
    """The corpus files named or found below the folders named, or None after one line saying why there are none."""
    from pipeline.correct.lm import corpus_files
    try:
        files = corpus_files(sources)
    except FileNotFoundError as err:
        print(f"error: {err}", file=sys.stderr)
        return None
    if not files:
        print(f"error: no .txt, .txt.xz or .txt.gz file in {' '.join(sources)}", file=sys.stderr)
        return None
    return files


def _build_lm(args: argparse.Namespace) -> int:
    """``build-lm``: count the corpus, prune, write the model; one line per problem, exit code 2."""
    from pathlib import Path

    from pipeline.correct.lm import build_model, count_corpus, save_model
    files = _corpus_files(args.corpus)
    if files is None:
        return EXIT_USAGE
    if args.order == 4 and args.min_fourgram < args.min_trigram:
        print("error: --min-fourgram must be at least --min-trigram", file=sys.stderr)
        return EXIT_USAGE
    counts = count_corpus(files, progress=False, hold_out=args.hold_out, order=args.order)
    if counts.n_tokens == 0:
        print("error: the corpus holds no Vietnamese line to count", file=sys.stderr)
        return EXIT_USAGE
    model = build_model(counts, args.min_bigram, args.min_trigram, args.min_surface,
                        sources=[p.name for p in files], hold_out=args.hold_out, min_fourgram=args.min_fourgram)
    save_model(model, Path(args.output))
    fourgrams = f", {len(model['quad_keys']):,} 4-grams" if "quad_keys" in model else ""
    print(f"built {args.output}: {len(files)} files, {counts.n_lines:,} lines, {counts.n_tokens:,} syllables, "
          f"{len(model['bi_keys']):,} bigrams, {len(model['tri_keys']):,} trigrams{fourgrams}", file=sys.stderr)
    return EXIT_OK


def _build_context(args: argparse.Namespace) -> int:
    """``build-context``: train the context model of confusable words and write it; exit code 2 on a bad corpus."""
    from pathlib import Path

    from pipeline.correct.context import build_context
    files = _corpus_files(args.corpus)
    if files is None:
        return EXIT_USAGE
    meta = build_context(files, Path(args.output), bits=args.bits, epochs=args.epochs, hold_out=args.hold_out,
                         progress=lambda line: print(line, file=sys.stderr, flush=True))
    print(f"built {args.output}: {len(files)} files, {meta['positions']:,} positions with confusables, "
          f"{args.epochs} epochs", file=sys.stderr)
    return EXIT_OK


def _lm_problem(path: str, weight: float) -> str | None:
    """Why a user language model cannot be used, or None."""
    if not 0.0 <= weight <= 1.0:
        return f"--lm-weight must be between 0 and 1, not {weight}"
    from pipeline.correct.lm import check_model
    try:
        check_model(path)
    except FileNotFoundError:
        return "no such file"
    except Exception as err:  # noqa: BLE001 - any unreadable file is the user's to fix
        return f"not a model written by build-lm ({type(err).__name__})"
    return None


def _file_sha256(path: str) -> str:
    import hashlib

    with open(path, "rb") as fh:
        return hashlib.file_digest(fh, "sha256").hexdigest()
