"""The review loop: a person's decisions (decisions.csv) applied to a run's OUTDIR, and exchange formats."""
from .apply import ReviewSummary, apply_review, stored_decisions
from .decisions import Decision, DecisionsError, read_decisions, write_decisions
from .outdir import OutdirError, RunOutput

__all__ = ["Decision", "DecisionsError", "OutdirError", "ReviewSummary", "RunOutput", "apply_review",
           "read_decisions", "stored_decisions", "write_decisions"]
