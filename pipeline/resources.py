"""Where resources derived from installed packages (lexicons, frequency tables) are built and found.

They are built once by ``make setup`` (``python -m pipeline build-resources``) into ``pipeline/_built/``,
or on first use when missing; nothing is ever downloaded. ``Derived`` tables (computed from data files and
installed packages at start-up) are kept there too, each with the digest of its sources, and computed again
whenever a source changed.
"""
from __future__ import annotations

import hashlib
import importlib.util
import os
import pickle
import re
import sys
import zlib
from pathlib import Path
from typing import Callable, Generic, Iterable, TypeVar

BUILT_DIR = Path(os.environ.get("PIPELINE_BUILT_DIR", Path(__file__).parent / "_built"))

T = TypeVar("T")

_BUILDERS: dict[str, Callable[[Path], None]] = {}


def register_builder(name: str, builder: Callable[[Path], None]) -> None:
    """Declare how to build the resource file ``name`` (the builder writes to the path it is given)."""
    _BUILDERS[name] = builder


def built_path(name: str) -> Path:
    """Path of the resource ``name``, building it first if it is missing."""
    path = BUILT_DIR / name
    if not path.exists():
        build(name)
    return path


def build(name: str) -> Path:
    """(Re)build one registered resource atomically."""
    return _write_whole(name, _BUILDERS[name])


def _write_whole(name: str, write: Callable[[Path], None]) -> Path:
    """``write`` ``BUILT_DIR/name`` whole or not at all: to a temporary file of this process, renamed into place
    (removed when ``write`` fails)."""
    BUILT_DIR.mkdir(parents=True, exist_ok=True)
    path = BUILT_DIR / name
    tmp = path.with_name(f"{path.name}.tmp{os.getpid()}")
    try:
        write(tmp)
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
    return path


def build_all() -> list[Path]:
    """Build every registered resource (importing a stage registers its builders: the caller imports the stages
    first, as ``build-resources`` does)."""
    return [build(name) for name in sorted(_BUILDERS)]


def _sources_key(version: str, sources: Iterable[Path]) -> str:
    """A digest of ``version`` and the bytes of every source file (name and content): a derived table is valid
    for exactly these bytes."""
    digest = hashlib.sha256(f"{version}\n{sys.version_info[:2]}\n".encode())
    for path in sources:
        data = Path(path).read_bytes()
        digest.update(f"{Path(path).name}\n{len(data)}\n".encode())
        digest.update(data)
    return digest.hexdigest()


class Derived(Generic[T]):
    """A table computed from source files (data files and the code that reads them), kept in ``BUILT_DIR/name``
    so a new process loads it instead of computing it again.

    The file holds the digest of the sources' bytes (``_sources_key``) before the value: a file whose digest is
    not the sources' digest now (a source edited, underthesea upgraded, another ``version``) is never used; the
    value is computed again and the file rewritten (when ``BUILT_DIR`` is writable; otherwise it is only computed).
    ``build-resources`` writes every Derived declared by the modules it imports. ``make`` returns plain data
    (tuples, dicts, sets, strings, numbers), pickled."""

    def __init__(self, name: str, sources: Callable[[], Iterable[Path]], make: Callable[[], T],
                 version: str = "1") -> None:
        self.name, self.sources, self.make, self.version = name, sources, make, version
        register_builder(name, self.write)

    def key(self) -> str:
        return _sources_key(self.version, self.sources())

    def load(self) -> T:
        """The stored value when its digest is the sources' digest; else computed (and stored)."""
        key = self.key()
        value = _read_kept(BUILT_DIR / self.name, key)
        if value is not _NOTHING:
            return value
        value = self.make()
        _keep(self.name, key, value)
        return value

    def write(self, path: Path) -> None:
        """The builder ``build-resources`` runs: compute the value and write it (with its digest) to ``path``."""
        _write_kept(path, self.key(), self.make())


_NOTHING = object()


def _write_kept(path: Path, header: str, value: object) -> None:
    """``header`` (what the value is valid for) with the length and CRC-32 of the value's pickle, then that pickle."""
    payload = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    with open(path, "wb") as handle:
        pickle.dump((header, len(payload), zlib.crc32(payload)), handle, protocol=pickle.HIGHEST_PROTOCOL)
        handle.write(payload)


def _read_kept(path: Path, header: str) -> object:
    """The value ``_write_kept`` wrote to ``path`` for ``header``; ``_NOTHING`` when there is none: no file, one for
    another header, or one damaged in any way (cut short, a byte changed, not a pickle: its length and CRC-32
    differ, or reading it raises whatever it raises)."""
    try:
        with open(path, "rb") as handle:
            head = pickle.load(handle)
            if not (isinstance(head, tuple) and len(head) == 3 and head[0] == header):
                return _NOTHING
            payload = handle.read()
        if len(payload) != head[1] or zlib.crc32(payload) != head[2]:
            return _NOTHING
        return pickle.loads(payload)
    except Exception:
        return _NOTHING


def _keep(name: str, header: str, value: object) -> bool:
    """Write ``BUILT_DIR/name`` whole or not at all (``_write_whole``); False when ``BUILT_DIR`` is not writable."""
    try:
        _write_whole(name, lambda tmp: _write_kept(tmp, header, value))
    except OSError:
        return False
    return True


def package_dir(name: str) -> Path:
    """The folder of an installed package, found without importing it (underthesea's import takes half a second)."""
    spec = importlib.util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        raise ImportError(f"package {name} is not installed")
    return Path(next(iter(spec.submodule_search_locations)))


class CompiledRegexes:
    """Regular expressions compiled once and kept in ``BUILT_DIR/name``: a new process gets them without
    parsing and compiling their text again (the date rules' large alternations take over half a second).

    What is kept is what ``re`` itself hands its C engine for each (pattern, flags): the compiled code, the group
    count and names; ``_sre.compile`` makes the same ``re.Pattern`` from them (patterns compare equal). The file
    is valid for one Python version and one engine (``_sre.MAGIC``); an expression not in it is compiled by
    ``re`` and, by ``save()``, the file rewritten with the expressions this process compiled (their code kept only
    when it is the code of ``re``'s pattern). Without CPython's ``re._parser``/``re._compiler`` (or on any doubt)
    every expression is compiled by ``re.compile``; a damaged file is not used (``_read_kept``)."""

    def __init__(self, name: str, stored: bool = True) -> None:
        self.name = name
        self._stored: dict[tuple[str, int], tuple] = {}
        self._used: dict[tuple[str, int], tuple] = {}
        self._missed = False
        self._header = _regex_engine()
        if self._header is None or not stored:
            return
        stored = _read_kept(BUILT_DIR / name, self._header)
        if isinstance(stored, dict):
            self._stored = stored

    def compile(self, pattern: str, flags: int = 0) -> re.Pattern:
        """``re.compile(pattern, flags)``, from the kept code when there is some."""
        import _sre

        if self._header is None:
            return re.compile(pattern, flags)
        key = (pattern, int(flags))
        args = self._stored.get(key)
        if args is None:
            # Not kept: re compiles it (or raises its error), and the code re's internals give is kept only when
            # it is the code of re's pattern (patterns compare flags, text and code), so a kept code never
            # depends on those internals being what this module expects.
            compiled = re.compile(pattern, flags)
            try:
                args = _compile_args(pattern, int(flags))
                if _sre.compile(*args) != compiled:
                    return compiled
            except Exception:
                return compiled
            self._missed = True
        else:
            try:
                compiled = _sre.compile(*args)
            except Exception:  # not the engine the code was made for: re itself compiles it
                self._header = None
                return re.compile(pattern, flags)
        self._used[key] = args
        return compiled

    def save(self) -> None:
        """Rewrite the file when an expression was not in it (when ``BUILT_DIR`` is writable)."""
        if not self._missed or self._header is None:
            return
        if _keep(self.name, self._header, self._used):
            self._missed = False

    def write(self, path: Path) -> None:
        """Write the expressions this process compiled to ``path`` (``build-resources``)."""
        _write_kept(path, self._header or "", self._used)


def _regex_engine() -> str | None:
    """The Python version and regex engine the kept compiled code is valid for (None: do not keep any)."""
    try:
        import _sre
        from re import _compiler, _parser  # noqa: F401 - CPython 3.11+
    except ImportError:
        return None
    return f"{sys.version}\n{_sre.MAGIC}\n{_sre.CODESIZE}"


def _compile_args(pattern: str, flags: int) -> tuple:
    """What ``re._compiler.compile`` passes ``_sre.compile`` for this expression (the same steps)."""
    from re import _compiler, _parser

    parsed = _parser.parse(pattern, flags)
    code = [int(op) for op in _compiler._code(parsed, flags)]  # plain ints (its opcodes are an int subclass)
    groupindex = parsed.state.groupdict
    indexgroup = [None] * parsed.state.groups
    for name, index in groupindex.items():
        indexgroup[index] = name
    return (pattern, int(flags | parsed.state.flags), code, parsed.state.groups - 1, dict(groupindex),
            tuple(indexgroup))
