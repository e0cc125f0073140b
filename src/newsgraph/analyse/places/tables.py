"""Compact tables behind the gazetteer: 290,000 names in about 25 MB instead of 160 MB.

A dict of Python tuples spends some 500 bytes per entry on object headers,
boxed floats and repeated country-code strings. Here every candidate is one
row of typed arrays (codes stored once in a small table), and names are sorted
UTF-8 keys in one bytes object, found by binary search. Arrays and bytes also
pickle and load as flat copies, so the cache file loads fast.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable, Sequence
from typing import Any

_NONE_ID = -1  # geonameid None; GeoNames ids are positive
_NAN = float("nan")  # lat/lon None; no real coordinate is NaN


class Rows:
    """Candidates as columns; `get(i)` gives row i back as a plain tuple in Candidate's field order."""

    def __init__(self) -> None:
        self.ids = array("q")
        self.lats = array("d")
        self.lons = array("d")
        self.pops = array("q")
        self.countries = array("H")
        self.admin1s = array("H")
        self.kinds = array("H")
        self.aliases = array("B")
        self.name_ends = array("I")
        self._names = bytearray()
        self.names = b""
        # index 0 is None, so one table serves every optional code field
        self.codes: list[str | None] = [None]
        self._code_ids: dict[str | None, int] = {None: 0}

    def __len__(self) -> int:
        return len(self.ids)

    def _code(self, value: str | None) -> int:
        i = self._code_ids.get(value)
        if i is None:
            i = self._code_ids[value] = len(self.codes)
            self.codes.append(value)
        return i

    def add(self, cand: Sequence[Any]) -> int:
        gid, name, lat, lon, country, admin1, population, kind, alias = cand
        self.ids.append(_NONE_ID if gid is None else gid)
        self.lats.append(_NAN if lat is None else lat)
        self.lons.append(_NAN if lon is None else lon)
        self.pops.append(population)
        self.countries.append(self._code(country))
        self.admin1s.append(self._code(admin1))
        self.kinds.append(self._code(kind))
        self.aliases.append(1 if alias else 0)
        self._names += name.encode("utf-8", "surrogatepass")
        self.name_ends.append(len(self._names))
        return len(self.ids) - 1

    def freeze(self) -> None:
        """Done adding: keep the names as bytes and drop the builder's lookup table."""
        self.names = bytes(self._names)
        self._names = bytearray()
        self._code_ids = {}

    def name(self, i: int) -> str:
        names = self.names or self._names  # still building: the names are not frozen yet
        return names[self.name_ends[i - 1] if i else 0:self.name_ends[i]].decode("utf-8", "surrogatepass")

    def get(self, i: int) -> tuple[Any, ...]:
        gid, lat, lon = self.ids[i], self.lats[i], self.lons[i]
        codes = self.codes
        return (None if gid == _NONE_ID else gid, self.name(i),
                None if lat != lat else lat, None if lon != lon else lon,
                codes[self.countries[i]], codes[self.admin1s[i]], self.pops[i], codes[self.kinds[i]],
                bool(self.aliases[i]))

    def __getstate__(self) -> dict[str, Any]:
        state = dict(self.__dict__)
        state.pop("_names", None)
        state.pop("_code_ids", None)
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)
        self._names = bytearray()
        self._code_ids = {}


class KeyIndex:
    """Sorted distinct string keys, each with a run of row numbers, in one bytes object and two arrays."""

    def __init__(self, entries: Iterable[tuple[str, Sequence[int]]]):
        encoded = sorted((key.encode("utf-8", "surrogatepass"), rows) for key, rows in entries)
        self.key_ends = array("I")
        self.row_ends = array("I")
        self.rows = array("I")
        keys = bytearray()
        for key, rows in encoded:
            keys += key
            self.key_ends.append(len(keys))
            self.rows.extend(rows)
            self.row_ends.append(len(self.rows))
        self.keys = bytes(keys)

    def __len__(self) -> int:
        return len(self.key_ends)

    def _key(self, i: int) -> bytes:
        return self.keys[self.key_ends[i - 1] if i else 0:self.key_ends[i]]

    def find(self, key: str) -> array | None:
        """The row numbers under `key`, in the order they were given, or None."""
        want = key.encode("utf-8", "surrogatepass")
        lo, hi = 0, len(self.key_ends)
        while lo < hi:
            mid = (lo + hi) // 2
            if self._key(mid) < want:
                lo = mid + 1
            else:
                hi = mid
        if lo == len(self.key_ends) or self._key(lo) != want:
            return None
        return self.rows[self.row_ends[lo - 1] if lo else 0:self.row_ends[lo]]
