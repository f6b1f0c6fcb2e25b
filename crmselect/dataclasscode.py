"""The methods :mod:`dataclasses` writes for each dataclass, compiled once and kept in the cache
folder (:mod:`crmselect.bundlecache`) from one run of a command to the next.

Why: for every dataclass, Python 3.11 and 3.12 write the source text of its ``__init__``,
``__repr__``, ``__eq__``… and compile it (``exec`` of the text) each time the class is made,
in every process. ``score`` makes about 90 dataclasses (annotated_types', pydantic's and
crmselect's own) and compiled 314 such texts, about 21 ms of its 0.24 s in-process; the
import floor it is measured against makes none. A text depends only on the class's fields and
options, so its compiled code can be kept, as Python keeps a module's in a ``.pyc``.

How: ``dataclasses`` calls ``exec`` by its global name, so :func:`install` puts :func:`_exec`
in that module's namespace. It compiles a text it has not seen exactly as ``exec`` would
(file name ``<string>``, no ``__future__`` flags inherited) and keeps the code under the whole
text; a text seen before runs the kept code. The same text always compiles to the same code, so
a class made either way is the same. The codes are written with :mod:`marshal` when the
process ends if any is new, and read at the first ``exec`` of the next run. The file starts
with the Python build (``sys.version``): codes of another build are not read. It lives in the
bundled-data cache folder, private to the user, for the same reason as the pickles there: a
code object runs when a class is made. ``CRMSELECT_CACHE_DIR=off`` turns it off with that
cache. At most :data:`MAX_CODES` codes are kept: beyond that, only those this run used.
"""

from __future__ import annotations

import atexit
import builtins
import dataclasses
import marshal
import sys
from pathlib import Path
from types import CodeType
from typing import Any

#: First bytes of the file; the Python build follows, since code objects are per build.
MAGIC = b"crmselect-dataclass-code-1\n"
#: The most codes the file keeps (crmselect's commands use about 600; each is about 1 KB).
MAX_CODES = 5000
_FILE = "dataclass-code.marshal"

_codes: dict[str, CodeType] | None = None
_used: set[str] = set()
_new = False


def install() -> None:
    """From now on, dataclasses made in this process use (and add to) the kept codes."""
    if dataclasses.__dict__.get("exec") is not _exec:
        dataclasses.exec = _exec  # type: ignore[attr-defined]
        atexit.register(save)


def _exec(source: Any, globals: dict | None = None, locals: dict | None = None) -> None:
    """``exec`` as ``dataclasses`` calls it, with the code of a text compiled at most once."""
    if globals is None:  # exec's own default: the calling function's globals
        globals = sys._getframe(1).f_globals
    if isinstance(source, str):
        codes = _loaded()
        code = codes.get(source)
        if code is None:
            global _new
            code = codes[source] = compile(source, "<string>", "exec", dont_inherit=True)
            _new = True
        _used.add(source)
        source = code
    builtins.exec(source, globals, locals)


def _head() -> bytes:
    return MAGIC + f"{sys.version}\n{sys.implementation.cache_tag}\n".encode()


def _path() -> Path | None:
    from crmselect.bundlecache import private_dir

    folder = private_dir()
    return None if folder is None else folder / _FILE


def _loaded() -> dict[str, CodeType]:
    global _codes
    if _codes is None:
        _codes = _read()
    return _codes


def _read() -> dict[str, CodeType]:
    """The kept codes; none when the file is missing, of another build, cut short or damaged."""
    try:
        path = _path()
        if path is None:
            return {}
        data = path.read_bytes()
        head = _head()
        if not data.startswith(head):
            return {}
        found = marshal.loads(memoryview(data)[len(head):])
    except (OSError, EOFError, ValueError, TypeError):
        return {}
    if not isinstance(found, dict) or not all(
            type(text) is str and type(code) is CodeType for text, code in found.items()):
        return {}
    return found


def save() -> None:
    """Write the codes when this process compiled any (run when the process ends)."""
    if not _new or _codes is None:
        return
    codes = _codes if len(_codes) <= MAX_CODES else {t: _codes[t] for t in _used}
    path = _path()
    if path is not None:
        from crmselect.bundlecache import write_entry

        write_entry(path, (_head(), marshal.dumps(codes)))
