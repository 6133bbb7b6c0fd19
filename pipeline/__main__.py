"""``python -m pipeline``: see pipeline/cli.py."""
import os
import sys

from pipeline.cli import main

code = main()
if code in (130, 143):  # interrupted: the run has cleaned up; exit now rather than wait at interpreter exit for a
    sys.stdout.flush()  # worker pool's threads that the interruption may have left stuck
    sys.stderr.flush()
    os._exit(code)
sys.exit(code)
