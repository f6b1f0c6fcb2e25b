"""Passwords: how they are hashed (argon2id with bounded memory) and which ones are refused.

Why these argon2 parameters: ``PasswordHasher()``'s defaults take 64 MiB per verification, and
the web server verifies up to one password per worker thread at once; 20 people signing in
after a meeting took 630 MB. OWASP's password-storage guidance for argon2id on a web server is
m = 19 MiB, t = 2, p = 1, and a semaphore lets only :data:`CONCURRENT_HASHES` hashes run at
once in a process (the others wait their turn), so sign-in memory stays bounded whatever the
traffic. Hashes made with other parameters keep verifying and are re-hashed at the next
sign-in (:func:`needs_rehash`).

The common passwords are the 10,000 most common of the list Django ships
(``django/contrib/auth/common-passwords.txt.gz``, BSD-3-Clause, from Royce Williams'
compilation of leaked passwords), lower-cased, one a line.
"""

from __future__ import annotations

import ctypes
import gzip
import os
import re
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from enum import Enum
from functools import cache
from pathlib import Path

from argon2 import PasswordHasher, Type
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

MIN_LENGTH = 12
#: OWASP password storage cheat sheet, argon2id: 19 MiB, 2 iterations, 1 lane.
MEMORY_KIB = 19 * 1024
TIME_COST = 2
PARALLELISM = 1
#: Hashes computed at the same time in one process (each takes MEMORY_KIB while it runs).
CONCURRENT_HASHES = max(1, min(4, os.cpu_count() or 1))
#: Seconds a sign-in waits for a free hashing slot before the server answers "busy".
HASH_WAIT_S = 20.0

COMMON_FILE = Path(__file__).with_name("common-passwords.txt.gz")

hasher = PasswordHasher(time_cost=TIME_COST, memory_cost=MEMORY_KIB, parallelism=PARALLELISM,
                        hash_len=32, salt_len=16, type=Type.ID)
_slots = threading.BoundedSemaphore(CONCURRENT_HASHES)


#: Blocks at least this large are mapped from the system and given back when freed (glibc).
_MMAP_THRESHOLD = 8 * 1024 * 1024


def return_hash_memory_to_the_system() -> bool:
    """Make glibc give each hash's memory back to the system when the hash is done.

    Why: glibc raises its mmap threshold after the first large block is freed, so later
    19 MiB blocks come from each worker thread's heap arena and stay there: 8 threads that
    each hashed once keep 8 x 19 MiB although at most :data:`CONCURRENT_HASHES` hashes run at
    once. A fixed threshold keeps blocks this large out of the arenas. Called by the web app;
    returns False where it does not apply (not glibc).
    """
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(None)
        return bool(libc.mallopt(-3, _MMAP_THRESHOLD))  # M_MMAP_THRESHOLD
    except (OSError, AttributeError):
        return False


class HasherBusy(Exception):
    """No hashing slot became free within :data:`HASH_WAIT_S` (the server is overloaded)."""


@contextmanager
def _slot() -> Iterator[None]:
    if not _slots.acquire(timeout=HASH_WAIT_S):
        raise HasherBusy
    try:
        yield
    finally:
        _slots.release()


def hash_password(password: str) -> str:
    """An argon2id hash of ``password`` with this module's parameters."""
    with _slot():
        return hasher.hash(password)


def verify(stored: str, password: str) -> bool:
    """Whether ``password`` matches the ``stored`` hash (any argon2 parameters)."""
    with _slot():
        try:
            return hasher.verify(stored, password)
        except (VerifyMismatchError, VerificationError, InvalidHashError):
            return False


def needs_rehash(stored: str) -> bool:
    """Whether ``stored`` was made with other parameters than today's (e.g. the old 64 MiB
    defaults), so that it is replaced at the next successful sign-in."""
    try:
        return hasher.check_needs_rehash(stored)
    except InvalidHashError:
        return True


class Weakness(Enum):
    """Why a new password is refused (the web form words each in the person's language)."""

    SHORT = "short"
    COMMON = "common"
    PERSONAL = "personal"


@cache
def common_passwords() -> frozenset[str]:
    """The shipped list of common passwords, lower-cased."""
    with gzip.open(COMMON_FILE, "rt", encoding="utf-8") as lines:
        return frozenset(line.strip() for line in lines if line.strip())


_EDGES = re.compile(r"^[\W\d_]+|[\W\d_]+$")


def weakness(password: str, personal: tuple[str, ...] = ()) -> Weakness | None:
    """Why ``password`` may not be used, or None when it may.

    Refused: fewer than :data:`MIN_LENGTH` characters; a common password, also with digits or
    symbols added before or after it, or one short piece repeated (``qwertyqwerty``); the
    person's own user name, name or e-mail (``personal``) with or without such additions.
    """
    if len(password) < MIN_LENGTH:
        return Weakness.SHORT
    lowered = password.lower()
    core = _EDGES.sub("", lowered)
    common = common_passwords()
    if (lowered in common or core in common or _repeats(lowered, common)
            or _sequence(lowered)):
        return Weakness.COMMON
    for word in personal:
        word = word.lower().strip()
        if len(word) >= 3 and (core == word or lowered == word or
                               (len(core) < len(word) + 4 and word in core)):
            return Weakness.PERSONAL
    return None


def _repeats(text: str, common: frozenset[str]) -> bool:
    """Whether ``text`` is one piece repeated, a piece that is short or common itself."""
    for size in range(1, len(text) // 2 + 1):
        if len(text) % size == 0 and text[:size] * (len(text) // size) == text:
            return size <= 4 or text[:size] in common
    return False


def _sequence(text: str) -> bool:
    """Whether ``text`` is a run of neighbouring characters (``123456789012``, ``abcdefghijkl``),
    up or down."""
    steps = {(ord(b) - ord(a)) for a, b in zip(text, text[1:], strict=False)}
    return steps <= {1, -9} or steps <= {-1, 9}
