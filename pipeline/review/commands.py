"""The review commands of ``python -m pipeline``: report, apply-review, export, import-label-studio.

Kept here so that cli.py only registers them; every error is one line on stderr and exit code 2.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

COMMANDS = ("report", "apply-review", "export", "import-label-studio")


def add_commands(commands) -> None:
    """Register the review sub-commands on the CLI's sub-parser set."""
    report = commands.add_parser("report", help="write OUTDIR/report/: static HTML to read and review a run")
    report.add_argument("outdir", metavar="OUTDIR")
    review = commands.add_parser("apply-review", help="apply a decisions file to OUTDIR's clean texts and tables")
    review.add_argument("outdir", metavar="OUTDIR")
    review.add_argument("decisions", metavar="DECISIONS", help="CSV: doc_id,table,start,end,decision,value")
    export = commands.add_parser("export", help="export the clean texts and entities for other tools")
    export.add_argument("outdir", metavar="OUTDIR")
    export.add_argument("--spacy", metavar="FILE", help="spaCy DocBin (.spacy) of the clean texts with entities")
    export.add_argument("--label-studio", metavar="FILE", help="Label Studio tasks with pre-annotations (JSON)")
    back = commands.add_parser("import-label-studio", help="a Label Studio export back as a decisions file")
    back.add_argument("outdir", metavar="OUTDIR")
    back.add_argument("export", metavar="EXPORT", help="the JSON that Label Studio exported")
    back.add_argument("-o", "--output", required=True, metavar="DECISIONS", help="the decisions file to write")


def after_run(outdir: str, report: bool) -> int:
    """After ``run``: re-apply the decisions kept in OUTDIR (so they survive re-runs), then the report (asked
    for, or already there).

    Returns 0, or 1 with a one-line message when either cannot be done (the tables of the run stay written).
    """
    from pipeline.report import has_report
    from pipeline.review.decisions import stored_decisions
    if not (stored_decisions(outdir).is_file() or report or has_report(outdir)):
        return 0  # nothing to apply nor to report (and pandas, which the review imports, not imported)
    from pipeline.review import DecisionsError, OutdirError, apply_review
    try:
        if stored_decisions(outdir).is_file():
            print(apply_review(outdir).line(), file=sys.stderr)
        if report or has_report(outdir):  # a report once written is kept up to date
            _report(outdir, sys.stderr)
    except (OutdirError, DecisionsError) as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    return 0


def _report(outdir: str, stream) -> None:
    """Write the report; a document whose text cannot be rebuilt gets a warning (and a line in the index)."""
    from pipeline.report.builder import ReportBuilder
    builder = ReportBuilder(outdir)
    folder = builder.write()
    for doc_id, reason in builder.skipped.items():
        print(f"warning: no report page for {doc_id}: {reason}", file=sys.stderr)
    print(f"report: {folder / 'index.html'}", file=stream)


def run_command(args: argparse.Namespace) -> int:
    """Run one review command; returns the exit code (2 with a one-line message on bad input)."""
    from pipeline.review import DecisionsError, OutdirError
    from pipeline.review.exchange import ExchangeError
    try:
        return _dispatch(args)
    except (OutdirError, DecisionsError, ExchangeError) as err:
        print(f"error: {err}", file=sys.stderr)
        return 2


def _dispatch(args: argparse.Namespace) -> int:
    if args.command == "report":
        _report(args.outdir, sys.stdout)
    elif args.command == "apply-review":
        from pipeline.report import has_report
        from pipeline.review import apply_review
        summary = apply_review(args.outdir, args.decisions)
        for line in summary.stale:
            print(f"stale: {line}", file=sys.stderr)
        print(summary.line())
        if has_report(args.outdir):  # the report shows the reviewed tables
            _report(args.outdir, sys.stdout)
    elif args.command == "export":
        from pipeline.review.exchange import ExchangeError, to_label_studio, to_spacy
        if not (args.spacy or args.label_studio):
            raise ExchangeError("export needs --spacy FILE and/or --label-studio FILE")
        if args.spacy:
            print(f"spacy: {to_spacy(args.outdir, Path(args.spacy))}")
        if args.label_studio:
            print(f"label-studio: {to_label_studio(args.outdir, Path(args.label_studio))}")
    else:
        from pipeline.review.exchange import from_label_studio
        print(f"decisions: {from_label_studio(args.outdir, Path(args.export), Path(args.output))}")
    return 0
