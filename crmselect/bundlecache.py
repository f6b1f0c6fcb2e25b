"""A cache of the validated data that ships with crmselect (catalog and vendor profiles).

Why: reading and validating the bundled YAML (about 40 files, 1.3 MB) is most of the time of a
command such as ``score``; the result only changes when the files or crmselect change. Each
validated object is kept as a pickle in the user's cache folder, named by a key made of:

- the code that built it: size and modification time (ns) of every top-level module of the
  ``crmselect`` package (any install, upgrade or edit changes them), the pydantic and Python
  versions; a caller in a sub-package names its own module among the sources;
- the data files it was built from: their paths, sizes and modification times (ns).

A stat of each file is enough: an edit, a checkout or an install changes the modification time
(measured on a busy 2-core machine: reading and hashing the bundled YAML takes about 10 ms on
every start, about a quarter of loading the cached catalog).

A project's own files are different: a user edits them by hand, and two quick edits can keep a
file's size and time. They are read on every run, and what reading and validating a file gave
is kept (:func:`cached_reading`) under its whole text: the same text comes back without being
parsed again, any other text is read and checked anew, a file with a problem is never kept,
and the cross-file checks of a project always run.

The key is kept whole at the head of the entry and compared byte for byte with the one
worked out for this run: no digest of it is made (a digest would only shorten the key;
pydantic imports ``hashlib`` anyway, so leaving it out saves no start-up time). An entry
is used only when its key is exactly this one, so no two sets of files or of code can share an
entry. The entry's file name is a checksum of its kind (``zlib``'s CRC-32 and Adler-32): two
kinds with the same name only take each other's place, the key at the head tells them apart.

Safety: the folder is ``$CRMSELECT_CACHE_DIR``, else ``$XDG_CACHE_HOME/crmselect``, else
``~/.cache/crmselect`` (``%LOCALAPPDATA%\\crmselect\\cache`` on Windows); it is created private
(0700) and not used at all when it belongs to another user or others may write to it (a pickle
runs code when read). ``CRMSELECT_CACHE_DIR=off`` turns the cache off. An entry is written to
a temporary file and renamed into place, so two processes racing both end with a whole entry;
an entry that cannot be read (cut short, damaged, of another version) is ignored and written
again. The pickle follows its CRC-32: a changed byte in a text of the catalog unpickled into
the wrong text (checking 1.4 MB, about the sample's entries, measured 0.8 ms). Any failure to
use the cache falls back to reading the files: the cache never changes what a command does,
only how fast.
"""

from __future__ import annotations

import gc
import os
import pickle
import stat
import sys
import zlib
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")

#: First bytes of every entry: a file without them (or of an older layout) is not an entry.
MAGIC = b"crmselect-bundle-cache-4\n"
_PACKAGE = Path(__file__).resolve().parent
_code_key: str | None = None


def cache_dir() -> Path | None:
    """The cache folder, or None when the cache is turned off."""
    explicit = os.environ.get("CRMSELECT_CACHE_DIR")
    if explicit is not None:
        return None if explicit.strip().lower() in ("", "off", "0", "no") else Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or ""
    if os.path.isabs(base):
        return Path(base) / "crmselect"
    if sys.platform == "win32" and os.path.isabs(os.environ.get("LOCALAPPDATA") or ""):
        return Path(os.environ["LOCALAPPDATA"]) / "crmselect" / "cache"
    try:
        home = Path.home()
    except RuntimeError:  # no home folder known
        return None
    return home / ".cache" / "crmselect" if home.is_absolute() else None


def private_dir() -> Path | None:
    """The cache folder, created if needed, if it is safe to read pickles from it."""
    folder = cache_dir()
    if folder is None:
        return None
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        info = folder.stat()
    except OSError:
        return None
    if not stat.S_ISDIR(info.st_mode) or info.st_mode & 0o022:
        return None
    if hasattr(os, "getuid") and info.st_uid != os.getuid():
        return None
    return folder


def _fingerprint(paths: Iterable[Path]) -> list[tuple[str, int, int]]:
    rows = []
    for path in paths:
        info = path.stat()
        rows.append((str(path), info.st_size, info.st_mtime_ns))
    return rows


def code_key() -> str:
    """What the cached objects depend on besides the data files: crmselect's own modules, the
    pydantic and Python versions and where the package is (the text itself, not a digest)."""
    global _code_key
    if _code_key is None:
        import pydantic

        modules = sorted(_PACKAGE.glob("*.py"))
        parts = [repr(_fingerprint(modules)), pydantic.VERSION, sys.version, str(_PACKAGE)]
        _code_key = "\n".join(parts)
    return _code_key


def _header(key: str) -> bytes:
    """The head of an entry: the magic line, the key's length in bytes, the key and a newline
    (the length makes the end of the key unambiguous whatever the key holds)."""
    data = key.encode("utf-8", "surrogatepass")
    return b"%s%d\n%s\n" % (MAGIC, len(data), data)


def _entry_name(kind: str) -> str:
    """The file name of ``kind``'s entry: 16 hexadecimal digits, the same in every process."""
    data = kind.encode("utf-8", "surrogatepass")
    return f"{zlib.crc32(data):08x}{zlib.adler32(data):08x}.pickle"


def cached(kind: str, sources: list[Path], build: Callable[[], T],
           check: Callable[[object], bool]) -> T:
    """The object that ``build()`` makes from the files ``sources``: from the cache when an
    entry for exactly these files (and this code) is there, else built and stored.

    ``kind`` names the entry (one entry per kind is kept); ``check`` tells whether an object
    read back is of the expected type. Errors of ``build`` (a broken file) are raised as they
    are and nothing is stored.
    """
    folder = private_dir()
    if folder is None:
        return build()
    try:
        header = _header(f"{code_key()}\n{kind}\n{_fingerprint(sources)!r}")
    except OSError:
        return build()
    entry = folder / _entry_name(kind)
    found = _read(entry, header)
    if found is not None and check(found):
        return found  # type: ignore[return-value]
    value = build()
    _write(folder, entry, header, value)
    return value


#: The longest text of a project's file whose reading is kept (:func:`cached_reading`): a
#: larger one (a scores file of a big evaluation) is read every time, so that the folder
#: stays small.
MAX_KEPT_TEXT = 4_000_000
#: How many project-file entries the folder holds at most (see :func:`_prune`).
MAX_READINGS = 300
_READING_PREFIX = "read-"


def cached_reading(kind: str, text: str, read: Callable[[], T | None],
                   check: Callable[[object], bool]) -> T | None:
    """What ``read()`` makes of a project's own file whose whole text is ``text``: from the
    cache when that very text was read before (with this code), else read and, unless
    ``read()`` gives ``None`` (a file with a problem), stored.

    The key is the whole text (with the code key), kept at the head of the entry and compared
    byte for byte, not the file's size and time as for the bundled data: a project's files
    are edited by hand, two edits can keep both, and the text has been read anyway. ``kind``
    names the entry (the file's path and what it is read as); one entry per kind is kept, and
    at most :data:`MAX_READINGS` in all.
    """
    folder = private_dir() if len(text) <= MAX_KEPT_TEXT else None
    if folder is None:
        return read()
    header = _header(f"{code_key()}\n{kind}\n{text}")
    entry = folder / (_READING_PREFIX + _entry_name(kind))
    found = _read(entry, header)
    if found is not None and check(found):
        return found  # type: ignore[return-value]
    value = read()
    if value is not None:
        _prune(folder)
        _write(folder, entry, header, value)
    return value


def _prune(folder: Path) -> None:
    """When the folder holds :data:`MAX_READINGS` project-file entries, removes the oldest (by
    the time each was written) down to three quarters of that: projects come and go, their
    entries should not pile up. The names are listed on each new entry, their times read only
    when there are that many."""
    try:
        with os.scandir(folder) as found:
            names = [e.path for e in found
                     if e.name.startswith(_READING_PREFIX) and e.name.endswith(".pickle")]
    except OSError:
        return
    if len(names) < MAX_READINGS:
        return
    entries = []
    for name in names:
        try:
            entries.append((os.stat(name).st_mtime_ns, name))
        except OSError:  # removed meanwhile by another process
            continue
    entries.sort()
    for _time, old in entries[:len(entries) - MAX_READINGS * 3 // 4]:
        try:
            os.unlink(old)
        except OSError:
            pass


def _read(entry: Path, header: bytes) -> object | None:
    collecting = gc.isenabled()
    gc.disable()  # thousands of new objects, none in a cycle: collection passes only cost time
    try:
        with entry.open("rb") as handle:
            if handle.read(len(header)) != header:
                return None
            checksum = handle.read(9)
            data = handle.read()
        if checksum != b"%08x\n" % zlib.crc32(data):  # damaged after it was written
            return None
        return pickle.loads(data)
    except Exception:  # noqa: BLE001 - missing, cut short, damaged: rebuilt and written again
        return None
    finally:
        if collecting:
            gc.enable()


loads = pickle.loads

_new, _set = object.__new__, object.__setattr__


def _model(cls: type, values: dict, fields_set: set) -> object:
    """A pydantic model as read back from an entry: what pydantic's ``__setstate__`` makes of
    a model without extra or private values, in one call instead of a call and four lookups
    of its state (the catalog and four profiles are 6,600 models: 23 → 16 ms of CPU)."""
    model = _new(cls)
    _set(model, "__dict__", values)
    _set(model, "__pydantic_fields_set__", fields_set)
    _set(model, "__pydantic_extra__", None)
    _set(model, "__pydantic_private__", None)
    return model


def dumps(value: object) -> bytes:
    """``value`` pickled as in an entry: each pydantic model without extra or private values
    as a call of :func:`_model` (others, and any other object, as pickle does). A part of an
    entry kept pickled inside it (the catalog's requirements) is made by this and read back
    with :func:`loads`, once the entry itself has been checked."""
    import io

    from pydantic import BaseModel

    class Pickler(pickle.Pickler):
        def reducer_override(self, obj: object) -> object:
            if (isinstance(obj, BaseModel) and obj.__pydantic_extra__ is None
                    and obj.__pydantic_private__ is None):
                return _model, (type(obj), obj.__dict__, obj.__pydantic_fields_set__)
            return NotImplemented

    out = io.BytesIO()
    Pickler(out, protocol=pickle.HIGHEST_PROTOCOL).dump(value)
    return out.getvalue()


def _write(folder: Path, entry: Path, header: bytes, value: object) -> None:
    try:
        data = dumps(value)
    except Exception:  # noqa: BLE001 - an object that cannot be pickled is simply not cached
        return
    write_entry(entry, (header, b"%08x\n" % zlib.crc32(data), data))


def write_entry(target: Path, parts: Iterable[bytes]) -> None:
    """Writes ``parts`` to ``target`` through a new private file beside it (``.tmp-`` and a
    random name), renamed into place when whole: two processes racing both end with a whole
    entry. A failure leaves ``target`` as it was (the cache only saves time). Not
    :mod:`tempfile`: it imports shutil with bz2 and lzma, 3.1–4.1 ms of a command that writes
    an entry after an edit."""
    temporary = target.with_name(f".tmp-{os.getpid()}-{os.urandom(6).hex()}{target.suffix}")
    try:
        handle = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL
                         | getattr(os, "O_BINARY", 0), 0o600)
    except OSError:
        return
    try:
        with os.fdopen(handle, "wb") as out:
            for part in parts:
                out.write(part)
        os.replace(temporary, target)
    except OSError:
        try:
            os.unlink(temporary)
        except OSError:
            pass
