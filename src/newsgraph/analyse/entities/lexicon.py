"""What the entities stage knows beyond spaCy: the data files in newsgraph/data/.

countries.json, titles.json, acronyms.json, first_names.json and cities.txt,
loaded once per process and indexed for lookups. Other stages use the small
public helpers: `country_of("Israeli")`, `title_sector("Prime Minister")`,
`gender_of_first_name("Margaret")`, `known_city("Doha")`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from newsgraph.analyse.text.data import load_json, read_text

APOS = str.maketrans({"’": "'", "‘": "'"})


def _load(name: str) -> Any:
    return load_json(name)


@dataclass(frozen=True)
class Knowledge:
    """The data files, indexed for lookups. Built once per process."""

    country_by_name: dict[str, dict[str, Any]]  # lowercase name or alias -> country
    country_by_demonym: dict[str, dict[str, Any]]  # lowercase demonym -> country
    titles: dict[str, dict[str, Any]]  # lowercase title -> {"sector", "gender"?}
    title_words: frozenset[str]  # every word that may sit inside a title
    title_heads: frozenset[str]  # last words of titles ("minister", "secretary")
    honorifics: dict[str, str | None]
    gendered_nouns: dict[str, str]
    person_nouns: frozenset[str]
    org_nouns: dict[str, str]
    sub_bodies: frozenset[str]  # "Board" in "Florida State Board of Trustees": a body inside the named one
    alias_cues: frozenset[str]  # "aka", "also known as": the next name is another name of the one before
    org_premodifiers: frozenset[str]
    abbreviations: dict[str, str]  # "gov." -> "governor"
    acronyms: dict[str, str]
    male_names: frozenset[str]
    female_names: frozenset[str]


@lru_cache(maxsize=1)
def knowledge() -> Knowledge:
    countries = _load("countries.json")["countries"]
    by_name: dict[str, dict[str, Any]] = {}
    by_demonym: dict[str, dict[str, Any]] = {}
    for c in countries:
        for n in [c["name"], *c["aliases"]]:
            by_name.setdefault(n.lower(), c)
            if n.lower().startswith("the "):
                by_name.setdefault(n.lower()[4:], c)
        for d in c["demonyms"]:
            by_demonym.setdefault(d.lower(), c)
    t = _load("titles.json")
    titles = t["titles"]
    # joining words are handled where a title is read ("Secretary of State")
    words = {w for k in titles for w in re.split(r"[\s-]+", k)} | set(t["title_modifiers"])
    words -= {"and", "of", "the", "for", "in"}
    heads = {re.split(r"[\s-]+", k)[-1] for k in titles}
    names = _load("first_names.json")
    return Knowledge(
        country_by_name=by_name,
        country_by_demonym=by_demonym,
        titles=titles,
        title_words=frozenset(words - {""}),
        title_heads=frozenset(heads),
        honorifics=t["honorifics"],
        gendered_nouns=t["gendered_nouns"],
        person_nouns=frozenset(t["person_nouns"]),
        org_nouns=t["org_nouns"],
        sub_bodies=frozenset(t.get("sub_bodies", ())),
        alias_cues=frozenset(t.get("alias_cues", ())),
        org_premodifiers=frozenset(t["org_premodifiers"]),
        abbreviations=t["abbreviations"],
        acronyms=_load("acronyms.json")["acronyms"],
        male_names=frozenset(names["male"]),
        female_names=frozenset(names["female"]),
    )


def country_of(word: str) -> dict[str, Any] | None:
    """The country a name, alias or demonym names ("Israeli", "U.S.", "Britain"), else None.

    The dict has name, iso2, iso3, demonyms, aliases, capital (countries.json).
    """
    k = knowledge()
    key = " ".join(word.translate(APOS).split()).lower()
    for suffix in ("'s", "'"):
        if key.endswith(suffix) and key[: -len(suffix)] in k.country_by_name:
            key = key[: -len(suffix)]
    return k.country_by_name.get(key) or k.country_by_demonym.get(key)


def title_sector(title: str) -> str | None:
    """CAMEO/PLOVER sector of a title or role ("Prime Minister" -> GOV), else None."""
    k = knowledge()
    words = title.lower().split()
    for i in range(len(words)):  # the longest known suffix decides ("deputy foreign minister")
        hit = k.titles.get(" ".join(words[i:]))
        if hit:
            return str(hit["sector"])
    return None


@lru_cache(maxsize=1)
def either_names() -> frozenset[str]:
    return frozenset(_load("first_names.json")["either"])


def gender_of_first_name(name: str) -> str | None:
    k = knowledge()
    low = name.lower().strip(".")
    if low in k.male_names:
        return "m"
    if low in k.female_names:
        return "f"
    return None


@lru_cache(maxsize=1)
def _cities() -> frozenset[str]:
    text = read_text("cities.txt")
    return frozenset(line for line in text.splitlines() if line and not line.startswith("#"))


def known_city(name: str) -> bool:
    return name in _cities()
