"""Command line: ``python -m pipeline run INPUT... -o OUTDIR`` and ``python -m pipeline build-resources``.

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
    run.add_argument("--no-correct", action="store_true", help="skip OCR correction")
    run.add_argument("--no-entities", action="store_true", help="skip named entities")
    run.add_argument("--no-dates", action="store_true", help="skip dates")
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
    commands.add_parser("build-resources", help="build lexicons and tables derived from installed packages")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command == "build-resources":
        from pipeline.resources import build_all
        for path in build_all():
            print(f"built {path}")
        return EXIT_OK
    from pipeline.engine import UsageError, run_batch
    from pipeline.process import Options
    options = Options(tone_style=args.tone_style, correct=not args.no_correct, entities=not args.no_entities,
                      dates=not args.no_dates, declared_calendar=args.calendar)
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
    return EXIT_FAILED if summary.n_failed else EXIT_OK
