"""How model values read to people, shared by the CLI tables and the web pages."""

from __future__ import annotations


def format_number(value: float | int | None) -> str | None:
    """31000.0 -> "31,000"; 3500000.0 -> "3,500,000"; 0.3333 -> "0.333"."""
    if value is None:
        return None
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.3f}".rstrip("0").rstrip(".")
