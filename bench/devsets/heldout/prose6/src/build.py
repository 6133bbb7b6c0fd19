"""Write the prose6 gold files from the inline mark-up in src/*.mk with prose4's builder (no pipeline code involved).

Mark-up and checks are those of `../../prose4/src/build.py` (`[surface|LABEL|canonical]`, `{surface|value|flags}`,
`text[start:end] == surface` on every row, no overlapping spans); only the folders differ. Run: python3 src/build.py
"""
from __future__ import annotations

import importlib.util
from pathlib import Path

HERE = Path(__file__).resolve().parent
PROSE4_BUILD = HERE.parents[1] / "prose4" / "src" / "build.py"


def main() -> None:
    spec = importlib.util.spec_from_file_location("prose4_build", PROSE4_BUILD)
    builder = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(builder)
    builder.HERE, builder.OUT = HERE, HERE.parent
    builder.main()


if __name__ == "__main__":
    main()
