"""What counts as an acronym: the one test every layer uses."""

from __future__ import annotations

import re

# Capital letters, maybe with dots ("U.S."), digits ("G7") or one inner hyphen or
# ampersand ("B-52", "AT&T"); it starts with a letter.
_ACRONYM = re.compile(r"[A-Z](?:[A-Z0-9]|[-&](?=[A-Z0-9]))*")


def is_acronym(text: str) -> bool:
    """A name written in capitals: "UN", "U.S.", "NATO", "G7", "B-52", "AT&T"; not "I", "Iran" or "ISIS-K's".

    Two to eight characters once dots are dropped. An acronym matches only as
    written in capitals ("US" is not "us", "WHO" is not "who"), and is never a
    full name of its own when a spelled-out form of it exists.
    """
    letters = text.replace(".", "")
    return 2 <= len(letters) <= 8 and _ACRONYM.fullmatch(letters) is not None and any(c.isalpha() for c in letters)
