"""Tell HTML from text from binary by looking at the bytes, not the name."""

from __future__ import annotations

import re

_MAGIC = {
    b"%PDF": "PDF document",
    b"\x89PNG": "PNG image",
    b"\xff\xd8\xff": "JPEG image",
    b"GIF8": "GIF image",
    b"PK\x03\x04": "ZIP archive",
    b"\x1f\x8b": "gzip data",
    b"RIFF": "RIFF media",
    b"\x7fELF": "executable",
    b"OggS": "Ogg media",
    b"ID3": "MP3 audio",
    b"\x00\x00\x00": "binary container",
}
_HTML_RE = re.compile(
    rb"<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]|<meta\s|<title>|<div[\s>]|<p[\s>]|<article[\s>]",
    re.I,
)
_BOMS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")


def _zero_share(data: bytes, phase: int, step: int) -> float:
    picked = data[phase::step]
    return picked.count(0) / len(picked) if picked else 0.0


def unicode_without_bom(head: bytes) -> str | None:
    """"utf-16-le", "utf-16-be", "utf-32-le" or "utf-32-be" for BOM-less text in that form, else None.

    Text that is mostly Latin script puts a NUL in the same place of every
    2 or 4 bytes; binary data does not, and the sample must also decode strictly.
    """
    if len(head) < 8:
        return None
    guesses = []
    if min(_zero_share(head, k, 4) for k in (2, 3)) > 0.95 and _zero_share(head, 0, 4) < 0.05:
        guesses.append(("utf-32-le", 4))
    if min(_zero_share(head, k, 4) for k in (0, 1)) > 0.95 and _zero_share(head, 3, 4) < 0.05:
        guesses.append(("utf-32-be", 4))
    if _zero_share(head, 1, 2) > 0.3 and _zero_share(head, 0, 2) < 0.02:
        guesses.append(("utf-16-le", 2))
    if _zero_share(head, 0, 2) > 0.3 and _zero_share(head, 1, 2) < 0.02:
        guesses.append(("utf-16-be", 2))
    for codec, width in guesses:
        try:
            text = head[: len(head) - len(head) % width].decode(codec)
        except UnicodeDecodeError:
            continue
        controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\t\n\r\f")
        if controls <= len(text) // 100:
            return codec
    return None


def binary_kind(data: bytes) -> str | None:
    """A name for binary content, or None when the bytes look like text."""
    head = data[:4096]
    if unicode_without_bom(head):
        return None  # checked before the magic numbers: UTF-32-BE text starts with three NULs
    for magic, name in _MAGIC.items():
        if data.startswith(magic):
            return name
    if head.startswith(_BOMS):
        return None  # UTF-16 and UTF-32 text has NULs but is text
    if not head:
        return None
    if head.count(0) > 0:
        return "binary data (NUL bytes)"
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13, 27))
    return "binary data (control bytes)" if controls / len(head) > 0.05 else None


def looks_like_html(data: bytes) -> bool:
    head = data[:8192]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        head = head.decode("utf-16", "ignore").encode("ascii", "ignore")
    elif codec := unicode_without_bom(head[:4096]):
        head = head[: len(head) - len(head) % 4].decode(codec, "ignore").encode("ascii", "ignore")
    return bool(_HTML_RE.search(head))
