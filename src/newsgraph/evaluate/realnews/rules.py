"""The matching rules of ../shared/data/realnews/README.md ("How an output is scored").

Pure functions over strings and plain JSON objects: no spaCy, no pipeline, so
every rule is tested on its own (tests/evaluate/test_realnews_rules.py).
Where the README leaves a choice open ("titles such as", "normalised", what a
duration's time unit is), the choice is written down here, next to its rule.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from typing import Any

# ---- tokens and dice ------------------------------------------------------------------------

_STRAIGHT = str.maketrans({"“": '"', "”": '"', "„": '"', "‟": '"', "‘": "'", "’": "'", "‚": "'", "‛": "'"})
_TOKEN = re.compile(r"\w+")


def tokens(text: str | None) -> list[str]:
    """Lower-cased \\w+ tokens after curly quotes become straight ones.

    \\w+ drops the quotation marks themselves either way; straightening first
    keeps the rule literal, so "Trump’s" and "Trump's" give the same tokens.
    """
    return _TOKEN.findall((text or "").translate(_STRAIGHT).lower())


def bag(text: str | None) -> Counter[str]:
    """The token multiset of a text (made once per item when it meets many others)."""
    return Counter(tokens(text))


def bag_dice(a: Counter[str], b: Counter[str]) -> float:
    """2·|A∩B| / (|A|+|B|) over token multisets; 0.0 when both are empty (nothing to agree on)."""
    total = a.total() + b.total()
    return 2 * (a & b).total() / total if total else 0.0


def dice(a: str | None, b: str | None) -> float:
    return bag_dice(bag(a), bag(b))


# ---- names ----------------------------------------------------------------------------------

# Left out of both names before the subset test. The README lists President,
# Sen., Secretary, Minister, Dr, the, of "such as"; the rest are the same kind of
# word: honorifics, offices and ranks written before a name ("Gov. Ron DeSantis",
# "Rep.", "Prime Minister", "Former President"), so that "President Biden" and
# "Joe Biden" agree. Words that also name organisations on their own (Council,
# Ministry, Police, Army, General) are not here: leaving them out would let
# different organisations agree; nor Justice or Attorney ("Justice Department").
TITLES = frozenset("""
    the of a an
    president vice former prime minister secretary sen senator rep representative
    gov governor mayor chancellor ambassador premier speaker
    dr doctor prof professor mr mrs ms miss mx sir dame lord lady
    judge
    gen col lt sgt capt cmdr maj adm det lieut
    rev reverend father pope king queen prince princess sheikh
    chief deputy acting
""".split())

# A name made only of these is a pronoun: it never agrees, whatever it stands for.
PRONOUNS = frozenset("""
    i me my mine myself we us our ours ourselves you your yours yourself yourselves
    he him his himself she her hers herself it its itself they them their theirs themselves
    who whom whose which that this these those
""".split())


def is_pronoun(name: str | None) -> bool:
    """Every word a pronoun. A word in capitals is an acronym, not a pronoun:
    "WHO" and "US" are names ("I" is one letter and stays a pronoun)."""
    words = _TOKEN.findall((name or "").translate(_STRAIGHT))
    return bool(words) and all(w.lower() in PRONOUNS and not (len(w) > 1 and w.isupper()) for w in words)


# Words that are no part of a name even when a name is made only of titles.
ARTICLES = frozenset({"the", "of", "a", "an"})


def _one_within(a: str, b: str) -> bool:
    """The README's test in one direction: a's tokens, titles left out, are a subset of b's tokens.

    A name made only of titles ("the pope", "the minister") would leave the empty set,
    a subset of every name, and "the president" would agree with any person at all: such a
    name keeps its title words (less articles), and they must be among b's words
    ("the pope" agrees with "Pope Francis", not with "Ada Quill").
    """
    toks, other = set(tokens(a)), set(tokens(b))
    own = (toks - TITLES) or (toks - ARTICLES) or toks
    return own <= other


def names_agree(gold: str | None, pred: str | None) -> bool:
    """The README's rule: neither empty nor a pronoun, and one's tokens (titles left
    out) a subset of the other's. Gold "" agrees only with no name; a predicted
    pronoun is a name (one that never agrees), not "no name"."""
    g_empty, p_empty = not tokens(gold), not tokens(pred)
    if g_empty or p_empty:
        return g_empty and p_empty
    if is_pronoun(gold) or is_pronoun(pred):
        return False
    return _one_within(gold or "", pred or "") or _one_within(pred or "", gold or "")


def predicted_name(ref: Mapping[str, Any] | None, entity_names: Mapping[str, str], written: str = "name") -> str | None:
    """The name a prediction gives: its resolved entity's name, else the words it carries
    (`written`: "text" for a speaker, the speaker as written; "name" for actors and sources)."""
    if not ref:
        return None
    eid = ref.get("entity_id")
    if eid and eid in entity_names:
        return entity_names[eid]
    return ref.get(written) or ref.get("name") or None


# ---- confidence -----------------------------------------------------------------------------

MIN_CONFIDENCE = 0.5


def confident(item: Mapping[str, Any]) -> bool:
    """False for an item the output itself marks unsure (provenance.confidence < 0.5);
    an item with no confidence counts."""
    conf = (item.get("provenance") or {}).get("confidence")
    return conf is None or conf >= MIN_CONFIDENCE


# ---- figures --------------------------------------------------------------------------------

# Units of time. A figure whose unit is one of these, or whose text has one among
# its last two words, is a duration: a timex, left out on both sides. Plural and
# abbreviated forms are listed because units and texts are written both ways
# (not "Sec.", "Min.", "Mo.": they end names and states as often as durations).
# The rule is applied as written, so a rate ending in a time unit ("$3 million a
# day", "0.2 degrees per decade") is left out too, on both sides alike.
TIME_UNITS = frozenset("""
    second seconds secs minute minutes mins hour hours hr hrs
    day days night nights week weeks wk wks fortnight fortnights month months
    quarter quarters year years yr yrs decade decades century centuries millennium millennia
""".split())


def is_duration(text: str | None, unit: str | None) -> bool:
    unit_toks = tokens(unit)
    if unit_toks and " ".join(unit_toks) in TIME_UNITS:
        return True
    return any(t in TIME_UNITS for t in tokens(text)[-2:])


VALUE_TOLERANCE = 0.01


def figure_value(claim: Mapping[str, Any]) -> float | None:
    """A predicted figure's number: its value, else its magnitude ("millions" -> 1e6)."""
    value = claim.get("value")
    return value if value is not None else claim.get("magnitude")


def values_agree(gold: float | None, pred: float | None) -> bool:
    """Within 1% of the gold value (a gold 0 needs a predicted 0)."""
    if gold is None or pred is None:
        return False
    return abs(gold - pred) <= VALUE_TOLERANCE * abs(gold)


# ---- places ---------------------------------------------------------------------------------

MAX_KM = 161.0
_EARTH_KM = 6371.0088  # mean Earth radius


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * _EARTH_KM * math.asin(min(1.0, math.sqrt(h)))


_LEADING_THE = re.compile(r"^the\s+")


def place_form(text: str | None) -> str:
    """A place's surface form, normalised for the "equals" test: straight quotes,
    lower case, a leading "the" dropped, then only word characters kept, so
    "U.S." = "US", "Khan-Yunis" = "Khan Yunis" and "the Gaza Strip" = "Gaza Strip"."""
    t = (text or "").translate(_STRAIGHT).lower().strip()
    t = _LEADING_THE.sub("", t)
    return "".join(_TOKEN.findall(t))


# ---- one-to-one matching --------------------------------------------------------------------

Key = Callable[[int, int], "tuple[float, ...] | None"]


def greedy(n_gold: int, n_pred: int, key: Key, threshold: float) -> list[tuple[int, int]]:
    """One-to-one (gold index, predicted index) pairs, best first.

    `key(gi, pi)` is None when the pair may not match at all, else a tuple whose
    first element is the similarity the threshold applies to; later elements only
    break ties, and remaining ties go to text order (gold first, then predicted).
    """
    candidates = []
    for gi in range(n_gold):
        for pi in range(n_pred):
            k = key(gi, pi)
            if k is not None and k[0] >= threshold:
                candidates.append((tuple(-x for x in k), gi, pi))
    candidates.sort()
    used_g: set[int] = set()
    used_p: set[int] = set()
    pairs = []
    for _, gi, pi in candidates:
        if gi not in used_g and pi not in used_p:
            used_g.add(gi)
            used_p.add(pi)
            pairs.append((gi, pi))
    return sorted(pairs)


def unmatched(n: int, taken: Iterable[int]) -> list[int]:
    done = set(taken)
    return [i for i in range(n) if i not in done]
