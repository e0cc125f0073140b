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


def binary_kind(data: bytes) -> str | None:
    """A name for binary content, or None when the bytes look like text."""
    for magic, name in _MAGIC.items():
        if data.startswith(magic):
            return name
    head = data[:4096]
    if head.startswith(_BOMS):
        return None  # UTF-16 text has NULs but is text
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
    return bool(_HTML_RE.search(head))
