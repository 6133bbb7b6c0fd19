"""Write the prose8 gold files from src/*.mk with prose4's builder, whose docstring describes the mark-up and checks.

Only the folders differ from prose4: the mark-up is read from this folder and the gold is written one level up.
Run: python3 src/build.py [NAME ...]
"""
import importlib.util
from pathlib import Path

if __name__ == "__main__":
    src = Path(__file__).resolve().parent
    spec = importlib.util.spec_from_file_location("prose4_build", src.parents[1] / "prose4" / "src" / "build.py")
    prose4 = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(prose4)
    prose4.HERE, prose4.OUT = src, src.parent
    prose4.main()
