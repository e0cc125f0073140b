"""Bytes to str without mojibake: BOM, then declared charset, then a detector."""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

from newsgraph.errors import Code, NewsgraphError
from newsgraph.ingest.sniff import unicode_without_bom

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_BOMS = ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
         (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
# Browsers read latin-1 labels as windows-1252; so must we, or curly quotes turn into controls.
_ALIASES = {"iso-8859-1": "cp1252", "latin-1": "cp1252", "latin1": "cp1252", "us-ascii": "cp1252", "ascii": "cp1252"}


def _norm(label: str) -> str | None:
    label = _ALIASES.get(label.strip().lower(), label.strip().lower())
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


REPAIRED = "utf-8 (repaired)"


def _damaged_utf8(data: bytes) -> tuple[str, str] | None:
    """UTF-8 with a few invalid bytes, kept as UTF-8 with U+FFFD in their place.

    Read as a legacy code page instead, every valid multi-byte character of
    the document would turn into mojibake (an em dash into "â€”") to save a
    byte or two. It counts as UTF-8 when its valid multi-byte characters are
    at least as many as its bad sequences, and those are few.
    """
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd") - data.count("\ufffd".encode())
    multibyte = sum(1 for ch in text if ord(ch) > 0x7F) - text.count("\ufffd")
    if 0 < bad <= max(3, len(text) // 1000) and multibyte >= bad:
        return text, f"{REPAIRED}: {bad} invalid byte sequence(s) replaced with U+FFFD"
    return None


def decode(data: bytes, declared: str | None = None, html: bool = False) -> tuple[str, str]:
    """Return (text, encoding used). Raises NewsgraphError(UNDECODABLE)."""
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                # utf-16/utf-32 codecs read and drop their own BOM
                return (data[3:].decode(enc) if enc == "utf-8" else data.decode(enc)), enc
            except UnicodeDecodeError:
                break
    wide = unicode_without_bom(data[:4096])
    if wide:
        return data.decode(wide, errors="replace"), wide
    candidates: list[str | None] = []
    if declared and _norm(declared):
        candidates.append(_norm(declared))
    if html:
        m = _META_CHARSET.search(data[:16384])
        if m and _norm(m.group(1).decode("ascii", "ignore")):
            candidates.append(_norm(m.group(1).decode("ascii", "ignore")))
    # UTF-8 that decodes cleanly is almost never anything else, and it is what
    # most pages are whatever they declare.
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    repaired = _damaged_utf8(data)
    if repaired is not None:
        return repaired
    for cand in candidates:
        if cand and cand != "utf-8":
            try:
                return data.decode(cand), cand
            except UnicodeDecodeError:
                continue
    best = from_bytes(data[:200_000]).best()
    if best is not None and best.encoding:
        try:
            return data.decode(best.encoding), best.encoding
        except UnicodeDecodeError:
            pass
    # Mostly-UTF-8 with a few bad bytes: keep it when the damage is small.
    text = data.decode("utf-8", errors="replace")
    if text.count("\ufffd") <= max(3, len(text) // 1000):
        return text, f"{REPAIRED}: invalid byte sequences replaced with U+FFFD"
    raise NewsgraphError(Code.UNDECODABLE, "the bytes decode in no known text encoding")
