"""Bounds on what a reader will take in, so no single input can stop or hang a batch.

Each helper answers "is this input within bounds?" before the expensive or
dangerous step (parsing, reading into memory, opening a file that never
ends), and the readers turn a "no" into a coded rejection for that one input.
"""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path
from typing import Protocol

# Deeper than any real article record; CPython's json recursion would fail near 1,000.
MAX_JSON_DEPTH = 64

# A JSON string (skipped whole, so brackets inside text do not count) or one bracket.
_JSON_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|[\[\]{}]', re.S)
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def json_too_deep(text: str, limit: int = MAX_JSON_DEPTH) -> bool:
    """True when brackets nest deeper than `limit` (checked before json.loads, which recurses)."""
    if text.count("[") + text.count("{") <= limit:
        return False  # cannot be deeper than the number of openers: the common case costs two counts
    depth = 0
    for m in _JSON_TOKEN.finditer(text):
        tok = m.group()
        if tok in "[{":
            depth += 1
            if depth > limit:
                return True
        elif tok in "]}":
            depth -= 1
    return False


def without_surrogates(text: str) -> str:
    """Lone surrogates (valid in JSON escapes, invalid in UTF-8) become U+FFFD."""
    return _LONE_SURROGATE.sub("\ufffd", text) if _LONE_SURROGATE.search(text) else text


def shown_name(name: str) -> str:
    """A file name fit for UTF-8 output and the store.

    The OS hands undecodable name bytes to Python as surrogate escapes; they
    would make printing and SQLite fail, so they are shown as U+FFFD.
    """
    return os.fsencode(name).decode("utf-8", "replace")


def special_file(path: Path) -> str | None:
    """What a path is when it is neither a regular file nor a directory, else None.

    Reading a FIFO blocks until a writer comes and /dev/zero never ends, so
    such paths are refused before they are opened (stat does not block).
    """
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return None  # missing or unreadable: the reader reports that itself
    if stat.S_ISREG(mode) or stat.S_ISDIR(mode):
        return None
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


class _Lines(Protocol):
    def readline(self, size: int = -1, /) -> bytes: ...


class LineTooLong(Exception):
    """A line over the record limit; the reader has already skipped past it."""

    def __init__(self, size: int):
        super().__init__(size)
        self.size = size


def read_line(fh: _Lines, limit: int) -> bytes:
    """The next line of at most `limit` bytes; b"" at the end.

    A longer line is read through to its end in bounded pieces (memory stays
    at `limit`) and reported as LineTooLong, so the next line still reads.
    """
    line = fh.readline(limit + 1)
    if len(line) <= limit or line.endswith(b"\n"):
        return line
    size = len(line)
    while True:
        more = fh.readline(1 << 20)
        size += len(more)
        if not more or more.endswith(b"\n"):
            raise LineTooLong(size)


class Budget:
    """Bytes taken from one archive, against `max_archive_bytes` (a gzip bomb stops here)."""

    def __init__(self, limit: int):
        self.limit, self.used = limit, 0

    def take(self, n: int) -> bool:
        """Count n more bytes; False once the total is over the limit."""
        self.used += n
        return self.used <= self.limit
