"""Numbers as written in news text: find them in plain text and read their value.

This module knows nothing of spaCy: it works on the article string with a few
compiled regular expressions, so the claims stage only pays for token checks
near the numbers it finds here.

- `find_amounts(text)` yields every `Amount` (digits, spelled-out numbers,
  fractions, ratios, vague amounts such as "millions"), each with its value,
  currency and percent sign when they are written next to it.
- `find_non_figures(text)` yields the spans that look numeric but are not
  figures (times, phone numbers, decades, ordinals, dates written with a
  month, ages, identifiers such as "Route 9", scores such as "98-91").
- `qualifier_before(text, start)` reads a qualifier ("more than", "roughly")
  that ends just before a number and maps it onto the contract's set.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from newsgraph.analyse.text.numbers import ONES, SCALES, TENS, month_alternation, parse_words

# --------------------------------------------------------------- vocabularies

# Written after digits: "3.1 billion", "£45m", "$3bn", "Rs 500 crore".
MAGNITUDES = {
    "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12,
    "mln": 1e6, "mn": 1e6, "bln": 1e9, "bn": 1e9, "tn": 1e12, "trn": 1e12,
    "crore": 1e7, "lakh": 1e5, "dozen": 12,
}
# Single letters are only magnitudes right after a currency amount ("£45m", "$50k"),
# elsewhere "45m" is metres.
MONEY_SUFFIXES = {"k": 1e3, "m": 1e6, "b": 1e9}
FRACTIONS = {
    "half": 2, "halves": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4, "fifth": 5,
    "fifths": 5, "sixth": 6, "sixths": 6, "eighth": 8, "eighths": 8, "tenth": 10, "tenths": 10,
}
# Vague amounts carry no value, only an order of magnitude.
VAGUE = {
    "dozens": 12, "scores": 20, "hundreds": 100, "thousands": 1e3, "millions": 1e6,
    "billions": 1e9, "trillions": 1e12,
}

# Measurement units written glued to the digits ("12km"); case matters: "5G" is a name.
GLUED_UNITS = {
    "km": "km", "cm": "cm", "mm": "mm", "m": "m", "kg": "kg", "g": "g", "mg": "mg", "lb": "lb",
    "lbs": "lb", "ft": "ft", "mph": "mph", "kph": "km/h", "km/h": "km/h", "kW": "kW", "MW": "MW",
    "GW": "GW", "kWh": "kWh", "MWh": "MWh", "GWh": "GWh", "ha": "ha", "t": "t", "mi": "mi",
}

_PLURAL_AFTER_RE = re.compile(r"\s+(?:[a-z]+[^s\W]*s|people|children|men|women)\b")

# Qualifiers as written -> the contract's set. "over"/"above" and the like read
# as "more than"; "some"/"an estimated"/"maybe" read as "about"; "as many as"
# caps the amount so it is "up to"; "under"/"below"/"less than" are "fewer than".
QUALIFIERS = {
    "more than": "more than", "over": "more than", "above": "more than", "just over": "more than",
    "in excess of": "more than", "upwards of": "more than", "greater than": "more than",
    "exceeding": "more than", "well over": "more than", "nearly": "nearly", "almost": "nearly",
    "close to": "nearly", "just under": "nearly", "just shy of": "nearly", "about": "about",
    "around": "about", "roughly": "about", "approximately": "about", "some": "about",
    "an estimated": "about", "estimated": "about", "maybe": "about", "perhaps": "about",
    "at least": "at least", "no fewer than": "at least", "no less than": "at least",
    "a minimum of": "at least", "up to": "up to", "as many as": "up to", "as much as": "up to",
    "as high as": "up to", "at most": "up to", "a maximum of": "up to", "no more than": "up to",
    "fewer than": "fewer than", "less than": "fewer than", "under": "fewer than",
    "below": "fewer than",
}

# Currency written before the number, longest first so "US$" wins over "$".
CURRENCY_PREFIX = {
    "US$": "USD", "U.S.$": "USD", "C$": "CAD", "CA$": "CAD", "A$": "AUD", "AU$": "AUD",
    "NZ$": "NZD", "HK$": "HKD", "S$": "SGD", "R$": "BRL", "$": "USD", "€": "EUR", "£": "GBP",
    "¥": "JPY", "₹": "INR", "₽": "RUB", "₩": "KRW", "₪": "ILS", "₺": "TRY", "Rs.": "INR",
    "Rs": "INR", "₱": "PHP", "Php": "PHP",
}
# "P3,249.16": the Philippine peso written with a plain P, recognised only before a
# number with thousands separators or centavos, so "P5" (a grade, a size) stays a name.
PESO_P_RE = r"P(?=\d{1,3}(?:,\d{3})+(?:\.\d+)?(?![\w,])|\d+\.\d{2}(?![\w,]))"
ISO_CODES = (
    "USD", "EUR", "GBP", "JPY", "CNY", "INR", "CHF", "CAD", "AUD", "NZD", "HKD", "SGD", "SEK",
    "NOK", "DKK", "RUB", "BRL", "ZAR", "MXN", "KRW", "TRY", "ILS", "SAR", "AED", "EGP", "NGN",
    "PHP", "RMB", "PKR", "IDR", "VND", "THB", "MYR", "KES",
)
# Currency words written after the number; an adjective before "dollars" picks the dollar.
DOLLAR_KINDS = {
    "u.s.": "USD", "us": "USD", "american": "USD", "canadian": "CAD", "australian": "AUD",
    "new zealand": "NZD", "hong kong": "HKD", "singapore": "SGD", "taiwan": "TWD",
}
# An adjective before "peso(s)" picks the peso; a bare "pesos" stays MXN.
PESO_KINDS = {"philippine": "PHP", "mexican": "MXN", "argentine": "ARS", "chilean": "CLP",
              "colombian": "COP", "dominican": "DOP", "cuban": "CUP", "uruguayan": "UYU"}
CURRENCY_WORDS = {
    "dollar": "USD", "dollars": "USD", "euro": "EUR", "euros": "EUR", "pound": "GBP",
    "pounds": "GBP", "sterling": "GBP", "yen": "JPY", "yuan": "CNY", "renminbi": "CNY",
    "rupee": "INR", "rupees": "INR", "franc": "CHF", "francs": "CHF", "ruble": "RUB",
    "rubles": "RUB", "rouble": "RUB", "roubles": "RUB", "shekel": "ILS", "shekels": "ILS",
    "peso": "MXN", "pesos": "MXN", "lira": "TRY", "naira": "NGN", "rand": "ZAR", "won": "KRW",
    "krona": "SEK", "kronor": "SEK", "cent": "USD", "cents": "USD", "pence": "GBP",
    "penny": "GBP",
}
# Words that are currencies only after a magnitude ("500 billion won"), since
# "won" and "rand" are also ordinary words.
AMBIGUOUS_CURRENCY = {"won", "rand"}
HUNDREDTHS = {"cent", "cents", "pence", "penny"}

MONTHS = month_alternation()
# A capitalised label before a number makes it a name, not an amount.
LABELS = (
    "Route|Highway|Interstate|District|Ward|Precinct|Article|Section|Chapter|Clause|Paragraph|"
    "Resolution|Bill|Act|Amendment|Title|Rule|Flight|Gate|Terminal|Platform|Room|Suite|Apt|"
    "Apartment|Unit|Building|Block|Lot|Exit|Pier|Berth|Page|Episode|Season|Series|Volume|Vol|"
    "Phase|Level|Category|Class|Division|Group|Round|Game|Match|Week|Day|Stage|Item|"
    "Proposition|Prop|Measure|Question|Lane|Street|Avenue|Road|Channel|Model|Version|Mark|"
    "Track|Lap|Hole|Court|Camp|Zone|Sector|Area|Region|Line|Bus|Train|Car|Number|No|Nos|"
    "Figure|Fig|Table|Grade|Year|Form|Schedule|Pillar|Chapter|Part|Point"
)

# Last words of a street address after its number.
STREETS = ("St|Street|Ave|Avenue|Rd|Road|Blvd|Boulevard|Ln|Lane|Dr|Drive|Way|Pl|Place|Ct|Court|Ter|Terrace|"
           "Pkwy|Parkway|Hwy|Sq|Square|Cir|Circle|Plaza")
# Second halves of compound adjectives whose number names a kind, not an amount.
COMPOUND_HEADS = r"[a-z]+ed|state|states|way|fold|loss|win|time|star|party|tier|track|step|part|nation|sided|" \
                 r"handed|headed|legged|pronged|engined|sided|seater|wheeler|horse|dimensional"

# --------------------------------------------------------------- patterns

_WORD = "|".join(sorted([*ONES, *TENS], key=len, reverse=True))
_SCALE = "hundred|thousand|million|billion|trillion|dozen"
# "twenty-five", "one hundred and fifty", "two dozen", "Fifty-two", "a million"
_WORDNUM = (
    rf"(?:(?:{_WORD})(?:-(?:{_WORD}))?\b|a(?=\s+(?:{_SCALE})\b))"
    rf"(?:(?:\s+|-)(?:and\s+)?(?:(?:{_WORD})(?:-(?:{_WORD}))?|{_SCALE})\b)*"
)
_DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+"
_CURPRE = "|".join(re.escape(c) for c in sorted(CURRENCY_PREFIX, key=len, reverse=True)) + "|" + PESO_P_RE
_ISO = "|".join(ISO_CODES)
_MAG = "|".join(sorted(MAGNITUDES, key=len, reverse=True))
_PCT = r"%|\s*(?i:percent|per\s+cent|pct)\b"

AMOUNT_RE = re.compile(
    rf"(?<![\w$€£¥₹.,])"
    rf"(?:(?P<cur>{_CURPRE})\s?|(?P<iso>{_ISO})\s)?"
    rf"(?P<num>{_DIGITS}|(?i:{_WORDNUM}))"
    rf"(?:(?P<suf>(?:km/h|[A-Za-z]{{1,3}}))(?![\w/])|\s*-?\s*(?P<mag>(?i:{_MAG}))(?![\w]))?"
    rf"(?P<pct>{_PCT})?"
    rf"(?:\s(?P<isoafter>{_ISO})\b)?",
)
FRACTION_RE = re.compile(
    r"(?i)(?<![\w-])(?P<num>a|an|one|two|three|four|five|seven|nine)[\s-]"
    r"(?P<den>half|halves|thirds?|quarters?|fifths?|sixths?|eighths?|tenths?)"
    r"(?:\s+of\s+an?\s+(?P<scale>thousand|million|billion|trillion)\b|(?=\s+of\b))"
    r"|(?<![\w-])(?P<half>half)(?:\s+an?\s+(?P<hscale>thousand|million|billion|trillion|dozen)\b|(?=\s+of\b))",
)
RATIO_RE = re.compile(
    rf"(?i)(?<![\w,.])(?P<a>\d{{1,2}}|{_WORD})\s+(?:in|out\s+of|of\s+every)\s+(?P<b>\d{{1,3}}|{_WORD})(?![\w,])",
)
VAGUE_RE = re.compile(
    r"(?i)\b(?:(?P<tens>tens|hundreds)\s+of\s+(?P<big>thousands|millions|billions)"
    r"|(?:several|a\s+few)\s+(?P<sev>dozen|hundred|thousand|million|billion)"
    r"|(?P<word>dozens|scores|hundreds|thousands|millions|billions|trillions)(?=\s+(?:of|more|upon)\b|[\s,.;]))",
)
RANGE_JOIN_RE = re.compile(r"\s*(?:-|–|—|to|and)\s*")

NON_FIGURE_RES = [
    # clock times and time-of-day: "4:17 a.m.", "10 p.m.", "9 o'clock"
    re.compile(r"(?i)\b\d{1,2}(?::\d{2}){1,2}(?:\s*[ap]\.?m\.?)?|\b\d{1,2}\s*(?:[ap]\.m\.|[ap]m\b|o['’]clock)"),
    re.compile(rf"(?i)\b(?:{_WORD})(?:-(?:{_WORD}))?\s+o['’]clock\b"),
    # phone numbers
    re.compile(r"(?:\(\d{3}\)\s*|\b\d{3}[-.\s])?\b\d{3}[-.]\d{4}\b|\+\d[\d\s-]{7,}\d"),
    # decades "the 1990s", "the '90s"; digit ordinals "14th"
    re.compile(r"(?i)(?:\b\d{4}|['’]\d{2})s\b|\b\d+(?:st|nd|rd|th)\b"),
    # dates with a month: "Oct. 7", "March 19, 2024", "7 October 2023"
    re.compile(rf"\b(?:{MONTHS})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?\b(?:,?\s+\d{{4}}\b)?"),
    re.compile(rf"\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:{MONTHS})\b\.?(?:,?\s+\d{{4}}\b)?"),
    re.compile(rf"\b(?:{MONTHS})\.?,?\s+\d{{4}}\b"),
    # numeric dates 3/19/2024, 2024-03-19, and short ones: "9/11", "24/7"
    re.compile(r"\b\d{1,4}[/.-]\d{1,2}[/.-]\d{2,4}\b|\b\d{1,2}/\d{1,2}\b"),
    # ages: "34-year-old", "aged 50 to 74", "ages 18-29", "34 years old"
    re.compile(rf"(?i)\b(?:\d+|{_WORD})(?:-|\s)(?:years?|months?|weeks?)(?:-|\s)old\b"),
    re.compile(rf"(?i)\b(?:aged?|ages)\s+(?:\d+|{_WORD})(?:\s*(?:-|–|to|and)\s*(?:\d+|{_WORD}))?"),
    # identifiers: "Route 9", "Resolution 2728", "No. 3", "COVID-19", "F-16", "G7"
    re.compile(rf"\b(?:{LABELS})\.?\s+#?\d+[A-Za-z]?\b"),
    re.compile(rf"\b(?!{PESO_P_RE})[A-Za-z]+-?\d+[A-Za-z]*\b|#\d+"),
    # "5Wise", "3M": digits glued to a capitalised word make a name
    re.compile(r"\b\d+[A-Z][a-z]+[A-Za-z]*\b"),
    # street addresses: "3524 W. National Ave", "99 Pleasant St."
    re.compile(rf"\b\d{{1,5}}(?:-\d{{1,5}})?\s+(?:[NSEW]\.?\s+)?(?:[A-Z][\w'’.-]*\s+){{1,3}}(?:{STREETS})\b\.?"),
    # emergency numbers: "a 911 call", "called 999"
    re.compile(r"(?i)\b(?:911|999|112)(?=\s+(?:call|calls|caller|callers|dispatch\w*|operators?|cent(?:er|re)s?|lines?)\b)"
               r"|\b(?:call(?:ed|ing|s)?|dial(?:l?ed|l?ing|s)?|to)\s+(?:911|999)\b"),
    # a number in a compound adjective: "two-state", "three-legged", "one-loss", "two-pronged"
    re.compile(rf"(?i)\b(?:\d+|{_WORD})-(?:{COMPOUND_HEADS})\b"),
    # "per 50-kilo bag", "per 100,000 residents": the denominator of a rate is not a figure of its own
    re.compile(r"(?i)\bper\s+\d[\d,.]*"),
]
# Votes and margins: "voted 4 to 1", "passed 31-9", "by a 5-4 vote", "a 2-to-1 margin".
VOTE_RE = re.compile(
    rf"(?i)\b(?:vot(?:ed|es?|ing)|passed|approved|rejected|adopted|split|ruled|decided|confirmed)"
    rf"\s+(?:(?:by|of)\s+)?(?:an?\s+)?(?:\d+|{_WORD})\s*(?:-|–|to)\s*(?:\d+|{_WORD})\b(?!\s*%|\s+(?:percent|per\s+cent))"
    r"|\b\d+-to-\d+\b"
)
# "98-91", "31-9", "3-1": a tally with the larger number first is a score, not a range.
TALLY_RE = re.compile(r"(?<![\w.,])(\d+)\s*[-–]\s*(\d+)(?![\w%]|[.,]\d)")
YEAR_RE = re.compile(r"(?<![\w$€£¥,.])(1[5-9]\d\d|20\d\d|2100)(?![\w,.%]|\.\d)")


@dataclass(frozen=True)
class Amount:
    """One number found in the text, before any token checks."""

    start: int
    end: int
    value: float | None
    magnitude: float | None = None  # vague amounts: "millions" -> 1e6, value None
    currency: str | None = None
    percent: bool = False
    kind: str = "number"  # number | words | fraction | ratio | vague
    has_scale: bool = False  # a magnitude word was written ("1.2 million")
    unit: str | None = None  # a unit glued to the digits: "45m", "12km", "300MW"


# --------------------------------------------------------------- values


def parse_digits(s: str) -> float:
    return float(s.replace(",", ""))


def _num_value(s: str) -> float | None:
    if s[0].isdigit() or s[0] == ".":
        return parse_digits(s)
    return parse_words(s)


def qualifier_before(text: str, start: int) -> tuple[str | None, int]:
    """The contract qualifier ending just before `start`, and where its words begin."""
    window = text[max(0, start - 24):start]
    m = _QUAL_RE.search(window)
    if not m:
        return None, start
    return QUALIFIERS[" ".join(m.group(1).lower().split())], start - (len(window) - m.start(1))


_QUAL_RE = re.compile(
    r"(?i)(?<![\w])(" + "|".join(re.escape(q).replace(r"\ ", r"\s+") for q in sorted(QUALIFIERS, key=len, reverse=True))
    + r")\s+$"
)


# --------------------------------------------------------------- scanning


# Every figure holds a digit or one of these words. The detailed patterns run only in
# windows around them, which keeps the stage cheap on long articles with few numbers.
_ANCHOR_WORDS = frozenset([
    *ONES, *TENS, *SCALES, *FRACTIONS, *VAGUE, "dozen", "tens",
])
_RUN_RE = re.compile(r"\d+|[A-Za-z]+")  # one pass over the words beats a long alternation
_MARGIN = 60


def anchor_segments(text: str) -> list[tuple[int, int]]:
    """Merged windows of text around every digit run and number word."""
    segs: list[tuple[int, int]] = []
    n = len(text)
    for m in _RUN_RE.finditer(text):
        w = m.group()
        if not w[0].isdigit() and w.lower() not in _ANCHOR_WORDS:
            continue
        a, b = max(0, m.start() - _MARGIN), min(n, m.end() + _MARGIN)
        if segs and a <= segs[-1][1]:
            segs[-1] = (segs[-1][0], max(segs[-1][1], b))
        else:
            segs.append((a, b))
    return segs


def _scan(rx: re.Pattern[str], text: str, segs: list[tuple[int, int]] | None) -> Iterator[re.Match[str]]:
    if segs is None:
        yield from rx.finditer(text)
        return
    for a, b in segs:
        yield from rx.finditer(text, a, b)


def find_non_figures(text: str, segs: list[tuple[int, int]] | None = None) -> list[tuple[int, int]]:
    spans = [m.span() for rx in (*NON_FIGURE_RES, VOTE_RE) for m in _scan(rx, text, segs)]
    for m in _scan(TALLY_RE, text, segs):
        if int(m.group(1)) >= int(m.group(2)):
            spans.append(m.span())
    return spans


def find_amounts(text: str, skip: list[tuple[int, int]],
                 segs: list[tuple[int, int]] | None = None) -> Iterator[Amount]:
    """Every amount in `text` whose number does not overlap a `skip` span, in text order.

    `segs` (from `anchor_segments`) limits the search to windows around numbers.
    """
    taken = sorted(skip)
    found: list[Amount] = []

    def free(a: int, b: int) -> bool:
        return not any(s < b and a < e for s, e in taken)

    for m in _scan(FRACTION_RE, text, segs):
        fraction = _fraction_amount(m)
        if free(*m.span()):
            found.append(fraction)
            taken.append(m.span())
    for m in _scan(RATIO_RE, text, segs):
        a, b = _num_value(m.group("a")), _num_value(m.group("b"))
        if a is not None and b and a < b and free(*m.span()):
            found.append(Amount(m.start(), m.end(), a / b, kind="ratio"))
            taken.append(m.span())
    for m in _scan(VAGUE_RE, text, segs):
        mag = _vague_magnitude(m)
        if free(*m.span()):
            found.append(Amount(m.start(), m.end(), None, magnitude=mag, kind="vague"))
            taken.append(m.span())
    for m in _scan(AMOUNT_RE, text, segs):
        if not free(m.start("num"), m.end("num")):
            head = _free_head(m, free)
            if head is not None:  # "two one-loss teams": "two" counts, "one-loss" names a kind
                found.append(head)
            continue
        amount = _number_amount(text, m)
        if amount is not None:
            found.append(amount)
    found.sort(key=lambda a: a.start)
    return iter(found)


def _free_head(m: re.Match[str], free: Any) -> Amount | None:
    """The leading words of a spelled number whose tail runs into a non-figure, as an amount of their own."""
    num = m.group("num")
    if num[0].isdigit() or m.group("cur") or " " not in num:
        return None
    start = m.start("num")
    words = [(start + w.start(), start + w.end()) for w in re.finditer(r"\S+", num)]
    keep = []
    for a, b in words:
        if not free(a, b):
            break
        keep.append((a, b))
    if not keep:
        return None
    value = parse_words(m.string[keep[0][0]:keep[-1][1]])
    return None if value is None else Amount(keep[0][0], keep[-1][1], value, kind="words")


def _fraction_amount(m: re.Match[str]) -> Amount:
    """A fraction match: a share ("two thirds"), or an amount when a magnitude follows ("half a billion")."""
    if m.group("half"):
        val = 0.5
    else:
        numer = 1 if m.group("num").lower() in ("a", "an") else ONES[m.group("num").lower()]
        val = numer / FRACTIONS[m.group("den").lower()]
    scale = m.group("scale") or m.group("hscale")
    if scale:  # "a quarter of a million", "half a billion": an amount, not a share
        return Amount(m.start(), m.end(), val * MAGNITUDES[scale.lower()], kind="words", has_scale=True)
    return Amount(m.start(), m.end(), val, kind="fraction")


def _vague_magnitude(m: re.Match[str]) -> float:
    """The order of magnitude of a vague amount: "tens of thousands" -> 1e4, "several million" -> 1e6."""
    if m.group("tens"):
        return (10 if m.group("tens").lower() == "tens" else 100) * VAGUE[m.group("big").lower()]
    if m.group("sev"):
        return MAGNITUDES.get(m.group("sev").lower(), 100)
    return VAGUE[m.group("word").lower()]


def _number_amount(text: str, m: re.Match[str]) -> Amount | None:
    """A number in digits or words with its currency, percent sign, suffix and magnitude; None when it is no amount."""
    num = m.group("num")
    value = _num_value(num)
    if value is None:
        return None
    if not num[0].isdigit() and m.start() >= 2 and text[m.start() - 1] == "-" and text[m.start() - 2].isalpha():
        return None  # "high-five": a spelled number glued to the word before it
    currency = None
    if m.group("cur"):
        currency = CURRENCY_PREFIX.get(m.group("cur"), "PHP")  # a bare "P" is the peso (PESO_P_RE)
    elif m.group("iso") or m.group("isoafter"):
        currency = m.group("iso") or m.group("isoafter")
    end = m.end()
    has_scale = bool(re.search(rf"(?i)\b(?:{_SCALE})\b", num)) and not num[0].isdigit()
    percent = bool(m.group("pct"))
    glued = None
    suf = m.group("suf")
    if suf:
        suffix = _suffix_reading(text, m, suf, currency)
        if suffix is None:
            return None  # "5G", "3D": a name, not an amount
        factor, suffix_percent, glued = suffix
        if factor is not None:
            value *= factor
            has_scale = True
        percent = percent or suffix_percent
    if m.group("mag"):
        value *= MAGNITUDES[m.group("mag").lower()]
        has_scale = True
    return Amount(m.start(), end, value, currency=currency, percent=percent,
                  kind="number" if num[0].isdigit() or num[0] == "." else "words",
                  has_scale=has_scale, unit=glued)


def _suffix_reading(text: str, m: re.Match[str], suf: str,
                    currency: str | None) -> tuple[float | None, bool, str | None] | None:
    """What letters glued to the digits mean: (scale factor, percent, unit), None when they make a name."""
    if currency and suf.lower() in MONEY_SUFFIXES:  # "£45m", "$50k"
        return MONEY_SUFFIXES[suf.lower()], False, None
    if suf.lower() in MAGNITUDES:  # "3bn", "1.2mn"
        return MAGNITUDES[suf.lower()], False, None
    if suf == "m" and _PLURAL_AFTER_RE.match(text, m.end()):  # "1m people", not "a 45m yacht"
        return 1e6, False, None
    if suf.lower() == "pc":  # "3.9pc"
        return None, True, None
    if suf in GLUED_UNITS:  # "45m", "12km", "300MW"
        return None, False, GLUED_UNITS[suf]
    return None  # "5G", "3D"


def is_year(text: str, amount: Amount) -> bool:
    """A bare four-digit number from 1500 to 2100, with nothing that makes it an amount."""
    if amount.currency or amount.percent or amount.has_scale or amount.kind != "number":
        return False
    return YEAR_RE.fullmatch(text[amount.start:amount.end]) is not None


def range_tail(text: str, first: Amount, nxt: Amount) -> bool:
    """Whether `nxt` closes a range opened by `first`: "20-30", "4,000 to 5,000", "between 20 and 30"."""
    gap = text[first.end:nxt.start]
    m = RANGE_JOIN_RE.fullmatch(gap)
    if not m or first.value is None or nxt.value is None or first.value >= nxt.value:
        return False
    joiner = gap.strip().lower()
    before = text[max(0, first.start - 40):first.start].lower()
    if joiner == "and":
        return re.search(r"\bbetween\s+(?:\S+\s+)?$", before) is not None
    if joiner == "to" and _CHANGE_BEFORE_RE.search(before):
        return False  # "grew by 1.3% to 874,000", "rose 5% to 20%": a change and its new level
    # Both ends measure the same thing, or the first is bare ("4,000 to 5,000 people").
    same = (first.currency, first.percent) == (nxt.currency, nxt.percent)
    return same or (first.currency is None and not first.percent)


RISE = {
    "rise", "increase", "grow", "climb", "jump", "surge", "soar", "gain", "rally", "advance",
    "expand", "swell", "spike", "rebound", "widen", "accelerate", "double", "triple", "boost",
    "raise", "hike", "lift", "add",
}
FALL = {
    "fall", "drop", "decline", "decrease", "slide", "slip", "plunge", "plummet", "tumble", "sink",
    "shrink", "ease", "dip", "slump", "contract", "cut", "slash", "reduce", "lower", "narrow",
    "retreat", "sag", "crash", "halve", "trim", "shed", "slow", "lose",
}
# Transitive verbs whose object is a thing, not a change ("raised £45m", "added 3 stores"):
# the figure is a change only when a "by/to/from" phrase introduces it.
CHANGE_ONLY_VIA_PREP = {"raise", "add", "boost", "lift", "lose", "shed", "gain"}
_CHANGE_BEFORE_RE = re.compile(
    r"(?:\bby|\bup|\bdown|(?:rose|risen|rise[sn]?|fell|fall(?:en|s)?|drop(?:ped|s)?|climb(?:ed|s)?|"
    r"jump(?:ed|s)?|gain(?:ed|s)?|slipp?(?:ed|s)?|grew|grow[ns]?|increased?|decreased?|declined?|"
    r"plunged?|surged?|soared?|tumbled?|eased?|dipped|dips?))"
    r"(?:\s+(?:\S+\s+){0,2})?$"
)
