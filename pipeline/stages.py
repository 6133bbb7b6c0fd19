"""The built-in stages, registered in the order they run: normalize, correct, segment, entities, dates.

Each one is declared in its own folder (``pipeline/<name>/stage.py``): what it requires and assigns on the
``Record``, its table, its corpus pass. The declarations load their models lazily, so that reading the registry
(the CLI, the table schema) loads no model. A new stage is one folder and one line here (see ``pipeline.stage``).
"""
from __future__ import annotations

from pipeline.correct.stage import Correct
from pipeline.dates.stage import Dates
from pipeline.entities.stage import Entities
from pipeline.normalize.stage import Normalize
from pipeline.segment.stage import Segment
from pipeline.stage import Registry

REGISTRY = Registry()
register = REGISTRY.register

for _stage in (Normalize(), Correct(), Segment(), Entities(), Dates()):
    register(_stage)
