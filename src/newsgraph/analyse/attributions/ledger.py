"""The ledger: what the attribution passes have decided so far.

One object holds all the state the passes share, so a pass's effect on the
later ones is visible in one place:
- the quotations claimed (by index in `Scene.quotes`): a claimed quotation is
  reported once, by the first pass that attributes it;
- the cue tokens claimed (by token index), each with the attribution it
  introduced when there is one: a `“A,” he said, “B.”` second fragment takes
  the attribution of the cue it shares;
- the attributions recorded, in the order found: `Found.follows` and the
  cue owners are indices into this list.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from newsgraph.analyse.attributions.found import Found


class Ledger:
    def __init__(self) -> None:
        self._quotes: set[int] = set()
        self._cues: dict[int, int | None] = {}  # cue token → index of the attribution it introduced
        self._found: list[Found] = []

    # ---------------------------------------------------------- quotations
    def claim_quote(self, qi: int) -> None:
        self._quotes.add(qi)

    def quote_claimed(self, qi: int) -> bool:
        return qi in self._quotes

    # ---------------------------------------------------------- cue tokens
    def claim_cue(self, i: int, owner: int | None = None) -> None:
        """Claim cue token i, for the attribution at index `owner` when it introduced one."""
        self._cues[i] = owner

    def cue_claimed(self, i: int) -> bool:
        return i in self._cues

    def owner(self, i: int) -> int | None:
        """Index of the attribution that cue token i introduced (None if unclaimed or none)."""
        return self._cues.get(i)

    # -------------------------------------------------------- attributions
    @property
    def found(self) -> Sequence[Found]:
        return self._found

    def record(self, f: Found) -> int:
        """Record an attribution; its index, for `follows` and cue owners."""
        self._found.append(f)
        return len(self._found) - 1

    def keep(self, keep: Sequence[int]) -> None:
        """Keep only the attributions at these indices, in this order; `follows`
        and cue owners are renumbered (None when what they pointed at is gone)."""
        self._found = kept(self._found, keep)
        new_index = {i: n for n, i in enumerate(keep)}
        self._cues = {c: None if o is None else new_index.get(o) for c, o in self._cues.items()}


def kept(found: Sequence[Found], keep: Sequence[int]) -> list[Found]:
    """found[i] for i in keep, in that order, each `follows` renumbered to the new list
    (None when the attribution it followed was not kept)."""
    new_index = {i: n for n, i in enumerate(keep)}
    return [f if f.follows is None else dataclasses.replace(f, follows=new_index.get(f.follows))
            for f in (found[i] for i in keep)]
