"""Name facts for cross-document identity: lookup keys, person name parts, what is no name.

The per-article entity layer has already chosen a canonical name, aliases and
titles for each entity; here they become keys that can meet the keys of
another article's entity. A key is a normalised string: case, accents,
punctuation, a leading "the", a possessive owner and a company designator
("Inc.", "N.V.") are not part of an identity. Countries have one key per
ISO code, so "U.S.", "US" and "United States" meet.
"""

from __future__ import annotations

import json
import re
import unicodedata
from functools import cache, lru_cache
from importlib import resources
from typing import Any

# Company designators: "Apple Inc." and "Apple" are one company, while a
# distinguishing word ("Apple Corps") stays part of the name.
_DESIGNATORS = frozenset({
    "inc", "incorporated", "corp", "corporation", "co", "company", "ltd", "limited", "llc", "plc", "nv", "ag",
    "sa", "gmbh", "spa", "bv", "ab", "asa", "oyj", "holdings",
})
# Pronouns and determiners that are never a name, whatever the entity layer or a speaker slot says.
_NOT_NAMES = frozenset({
    "i", "me", "my", "we", "us", "our", "you", "your", "he", "him", "his", "she", "her", "it", "its", "they",
    "them", "their", "this", "that", "these", "those", "who", "someone", "somebody", "everyone", "anyone",
    "one", "here", "there",
})
_LEADING = ("the ", "a ", "an ")
# Short and long forms of first names that news uses for the same person ("Tony Blinken").
_NICKNAMES = (
    ("tony", "antony", "anthony"), ("joe", "joseph"), ("bob", "robert", "rob", "bobby"),
    ("bill", "william", "will", "billy"), ("mike", "michael"), ("steve", "steven", "stephen"),
    ("jim", "james", "jimmy"), ("tom", "thomas", "tommy"), ("dick", "richard", "rick", "rich"),
    ("dave", "david"), ("chris", "christopher", "christine", "christina"), ("alex", "alexander", "alexandra"),
    ("kate", "katherine", "catherine", "kathy", "cathy"), ("liz", "elizabeth", "beth"), ("sam", "samuel",
    "samantha"), ("ben", "benjamin"), ("dan", "daniel", "danny"), ("ed", "edward", "eddie"),
    ("nick", "nicholas"), ("matt", "matthew"), ("pat", "patrick", "patricia"), ("jon", "jonathan", "john"),
    ("andy", "andrew"), ("greg", "gregory"), ("jeff", "jeffrey"), ("ron", "ronald"), ("don", "donald"),
    ("ken", "kenneth"), ("tim", "timothy"), ("jen", "jennifer"), ("sue", "susan"), ("peggy", "margaret",
    "maggie"), ("vlad", "vladimir"), ("lula", "luiz"),
)
_NICK = {n: i for i, group in enumerate(_NICKNAMES) for n in group}
_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})


def _read(name: str) -> Any:
    return json.loads(resources.files("newsgraph").joinpath("data", name).read_text("utf-8"))


@cache
def _countries() -> dict[str, str]:
    """Every written form of a country (name, alias) -> its ISO alpha-3 code."""
    out: dict[str, str] = {}
    for c in _read("countries.json")["countries"]:
        for form in (c["name"], *c.get("aliases", ())):
            out[_plain(form)] = c["iso3"]
    return out


@cache
def _title_words() -> frozenset[str]:
    """Words that make up titles and roles ("minister", "secretary", "deputy") and honorifics."""
    data = _read("titles.json")
    words: set[str] = set()
    for title in data["titles"]:
        words.update(title.split())
    words.update(data["title_modifiers"])
    words.update(w.rstrip(".") for w in data["honorifics"])
    words.update(data["person_nouns"])
    words.update(data["gendered_nouns"])
    return frozenset(words)


# Names recur across a corpus, and linking runs on every stored article: each of these
# pure functions is memoised (bounded), which makes linking several times cheaper.
_MEMO = 1 << 16


@lru_cache(maxsize=_MEMO)
def _plain(text: str) -> str:
    """Lower case, accents off, dots inside abbreviations gone, other punctuation a space."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    text = text.replace("&", " and ").replace("’", "'")
    text = re.sub(r"(?<=\w)\.(?=\w)|(?<=\b\w)\.", "", text)  # U.S. -> us, N.V. -> nv
    text = re.sub(r"'s\b|s'(?=\s|$)", lambda m: "" if m.group(0) == "'s" else "s", text)
    return " ".join(re.sub(r"[^\w]+", " ", text).split())


@lru_cache(maxsize=_MEMO)
def name_key(name: str) -> str:
    """The lookup key of a name: "The Apple Inc." -> "apple", "U.S." -> "country:USA"."""
    plain = _plain(name)
    for lead in _LEADING:
        if plain.startswith(lead):
            plain = plain[len(lead):]
    country = _countries().get(plain)
    if country:
        return f"country:{country}"
    words = [re.sub(r"(?<=\d)s$", "", w) for w in plain.split()]  # "A380s" is the A380
    while len(words) > 1 and words[-1] in _DESIGNATORS:
        words.pop()
    return " ".join(words)


def keys_of(name: str, aliases: tuple[str, ...] | list[str] = ()) -> tuple[str, list[str]]:
    """The name's key and the keys of its aliases (without the name's, without empties)."""
    main = name_key(name)
    seen = {main}
    out = []
    for a in aliases:
        k = name_key(a)
        if k and k not in seen:
            seen.add(k)
            out.append(k)
        # "Beatles' Apple Corps": the owner is not part of the name.
        if "'" in a:
            owned = name_key(a.rsplit("'", 1)[1].lstrip("s "))
            if owned and owned not in seen and " " in owned:
                seen.add(owned)
                out.append(owned)
    return main, out


@lru_cache(maxsize=_MEMO)
def is_name(name: str) -> bool:
    """False for a pronoun, a bare title ("the minister") or a generic description.

    A name has a word that starts with a capital letter (or a digit, as in "3M")
    and is neither a pronoun nor a title or role word.
    """
    words = re.findall(r"[\w'&.-]+", name)
    if not words:
        return False
    if _plain(name) in _NOT_NAMES and not (len(name) > 1 and name.isupper()):  # "US" is a country, "us" is not
        return False
    if name[:1].islower() and not re.match(r"^[a-z]+[A-Z]", name):  # "iPhone" is a name, "the minister" is not
        return False
    titles = _title_words()
    for w in words:
        low = w.lower().strip(".'")
        if (low in _NOT_NAMES and not (len(w) > 1 and w.isupper())) or low in titles or low in ("the", "of", "and", "a", "an"):
            continue
        if w[:1].isupper() or w[:1].isdigit() or re.match(r"^[a-z]+[A-Z]", w):
            return True
    return False


@lru_cache(maxsize=_MEMO)
def person_parts(name: str) -> tuple[str | None, str]:
    """(first name, surname) of a person's name; first is None for a surname alone."""
    words = [w for w in _plain(name).split() if w not in _title_words()]
    while len(words) > 1 and words[-1] in _SUFFIXES:
        words.pop()
    if not words:
        return None, ""
    if len(words) == 1:
        return None, words[0]
    return words[0], words[-1]


def first_names_agree(a: str | None, b: str | None) -> bool:
    """Two first names can belong to one person: equal, an initial of the other, or a known short form."""
    if a is None or b is None or a == b:
        return True
    if len(a) == 1 or len(b) == 1:
        return a[0] == b[0]
    na, nb = _NICK.get(a), _NICK.get(b)
    return na is not None and na == nb


@lru_cache(maxsize=_MEMO)
def title_words(titles: tuple[str, ...]) -> frozenset[str]:
    """The content words of titles ("Secretary of State" -> secretary, state), for evidence."""
    out: set[str] = set()
    for t in titles:
        out.update(w for w in _plain(t).split() if len(w) > 3 and w not in ("former", "deputy", "acting"))
    return frozenset(out)
