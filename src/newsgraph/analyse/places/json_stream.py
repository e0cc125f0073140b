"""The members of a big top-level JSON object, one at a time, from a file.

`json.load` holds the whole text and the whole parse at once: for GeoNames'
80 MB cities500.json that is 300 MB. Reading a chunk at a time and decoding one
member value at a time keeps only a chunk and one value in memory.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

_SPACE = " \t\n\r"


def iter_members(path: Path, object_pairs_hook: Callable[[list[tuple[str, Any]]], Any] | None = None,
                 chunk_chars: int = 1 << 20) -> Iterator[tuple[str, Any]]:
    """(key, value) of each member of the object the file holds, in file order."""
    decoder = json.JSONDecoder(object_pairs_hook=object_pairs_hook)
    with open(path, encoding="utf-8") as fh:
        buf, pos, eof = "", 0, False

        def skip(p: int) -> int:
            while p < len(buf) and buf[p] in _SPACE:
                p += 1
            return p

        def more() -> bool:
            nonlocal buf, pos, eof
            if eof:
                return False
            data = fh.read(chunk_chars)
            eof = not data
            buf, pos = buf[pos:] + data, 0
            return not eof

        more()
        pos = skip(pos)
        while pos >= len(buf) and more():
            pos = skip(pos)
        if buf[pos:pos + 1] != "{":
            raise ValueError(f"{path}: not a JSON object")
        pos += 1
        first = True
        while True:
            try:
                p = skip(pos)
                if p >= len(buf):
                    raise _Cut
                if buf[p] == "}":
                    return
                if not first:
                    if buf[p] != ",":
                        raise ValueError(f"{path}: expected ',' or '}}'")
                    p = skip(p + 1)
                key, p = decoder.raw_decode(buf, p)
                p = skip(p)
                if p >= len(buf):
                    raise _Cut
                if buf[p] != ":":
                    raise ValueError(f"{path}: expected ':' after {key!r}")
                value, p = decoder.raw_decode(buf, skip(p + 1))
                if skip(p) >= len(buf):
                    raise _Cut  # a number cut at the chunk's end would decode short
            except (_Cut, json.JSONDecodeError):
                # The member runs past the chunk: read on and decode it again.
                if more():
                    continue
                raise ValueError(f"{path}: the JSON object is cut short or malformed") from None
            first = False
            pos = p
            yield key, value


class _Cut(Exception):
    """The chunk ends inside a member."""
