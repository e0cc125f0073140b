"""The claims layer: numeric facts ("more than 31,000 Palestinians"), each with its source.

How it works, cheaply: analyse/claims/numbers.py scans the article string with
regular expressions for amounts and for numeric things that are not figures;
only then does this stage look at the spaCy tokens next to each amount, to find
the counted noun, a change verb and the sentence.

What a figure is, and what it is not (the conventions the evaluation set
src/newsgraph/data/figures_gold.jsonl is annotated with):

- value: the number in units: "1.2 million" -> 1200000, "$3.1 billion" ->
  3.1e9 with unit "USD", a share "a third of the workers" -> 33.3 with unit
  "%" (as "33% of the workers"; "a quarter of a percentage point" stays 0.25
  of its unit), "one in five" -> 0.2, "two
  dozen" -> 24, "a quarter of a million" -> 250000, "1m people" -> 1e6,
  "minus 5 degrees" -> -5. Vague amounts ("millions", "dozens", "tens of
  thousands") get value null and `magnitude` (1e6, 12, 1e4). Ranges ("between
  20 and 30", "20-30", "from £35 to £120") give value and value_max; "49% to
  42%" (larger first) and "rose 5% to 20%" (a change) are two figures.
- qualifier: mapped onto the contract's set by numbers.QUALIFIERS: over/above
  -> "more than"; around/roughly/some/an estimated -> "about"; almost/close to
  -> "nearly"; as many as/as much as -> "up to"; less than/under/below ->
  "fewer than"; no fewer than -> "at least".
- unit: a currency as an ISO code ("$", "dollars" -> "USD"; "£", "pounds" ->
  "GBP"; "₱", "P3,249.16", "Philippine pesos" -> "PHP"; cents and pence become
  hundredths), a rate with its denominator ("P2,486.28 per 50-kilo bag" ->
  "PHP per 50-kilo bag"), "%" for percent, "percentage
  points", a unit glued to the digits ("12km", "300MW"), else the counted
  noun as written ("Palestinians", "tonnes", "armored vehicles" -> "vehicles";
  compounds are kept: "percentage point"; "a 6.1-magnitude quake" -> "magnitude").
  A bare number takes the counted noun of the previous figure in its sentence
  ("17 soldiers were wounded and four were missing"; "31 of them"); with none,
  unit is null ("a crowd of 61,500").
- change: "rise" or "fall" when a change verb ("rose", "fell", "cut") or
  "up"/"down" governs the figure; both the change and the new level carry it.
- source: the speaker of the innermost attribution whose content contains the
  figure (ctx.layers["attributions"]), else "according to X" in the figure's
  own sentence, else null; the name is made checkable by sources.py (a
  document's owner: "Wolff's decision" -> Wolff, "a Gallup survey" -> Gallup;
  no name for a bare pronoun or a dateline). A figure inside the speaker
  phrase ("The union, which represents 48,000 nurses, said") has no source.
- provenance.confidence: 0.85 with a unit, 0.6 without; 0.3 for a spelled
  count said again with a definite article ("the four officers" after "four
  officers were fired"), a reference back rather than a new figure.
- not figures: dates and years (any span of the timexes layer, except a share
  such as "less than a quarter of the donors"; month-day dates; "9/11"; and
  every bare four-digit number from 1500 to 2100, since counts that size are
  written with a comma), times of day, durations (a time unit as the counted
  noun: "three hours", "four-year"), ages ("34-year-old", "aged 50 to 74",
  "Smith, 34,", "voters under 30"), ordinals, phone numbers, identifiers
  ("Route 9", "Resolution 2728", "No. 3", "COVID-19", "Boeing 737", "5G",
  numbers inside a named entity), numbers with a leading zero, street
  addresses ("3524 W. National Ave"), emergency numbers ("a 911 call"),
  numbers in compound adjectives ("two-state", "three-legged", "one-loss") or
  glued to a name ("5Wise"), a rate's denominator, scores and
  votes ("98-91", "voted 4 to 1", "a 5-4 vote"), a lone "one" ("in one
  interview") and spelled numbers with nothing counted ("the two met"). Ages
  are left out because they describe a person rather than report a quantity.

Hand-offs: reads SPACY_DOC, ATTRIBUTIONS and TIMEXES; assigns CLAIMS.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import replace
from typing import Any

from spacy.attrs import IDX

from newsgraph.analyse.attributions import ATTRIBUTIONS
from newsgraph.analyse.claims import CLAIMS
from newsgraph.analyse.claims.numbers import (
    AMBIGUOUS_CURRENCY,
    CHANGE_ONLY_VIA_PREP,
    CURRENCY_WORDS,
    DOLLAR_KINDS,
    FALL,
    HUNDREDTHS,
    PESO_KINDS,
    RISE,
    Amount,
    anchor_segments,
    find_amounts,
    find_non_figures,
    is_year,
    qualifier_before,
    range_tail,
)
from newsgraph.analyse.claims.sources import (
    according_before,
    according_to,
    claimed_by,
    evidence_after,
    is_document,
    source_name,
)
from newsgraph.analyse.nlp import SPACY_DOC
from newsgraph.analyse.timexes import TIMEXES
from newsgraph.model import Attribution, Claim, ClaimSource, Provenance
from newsgraph.pipeline.registry import register
from newsgraph.pipeline.stage import AnalysisContext, HandOff
from newsgraph.settings import Settings

TIME_UNITS = {
    "second", "seconds", "minute", "minutes", "hour", "hours", "day", "days", "week", "weeks",
    "weekend", "weekends", "month", "months", "year", "years", "decade", "decades", "century",
    "centuries", "night", "nights", "semester", "semesters", "season", "seasons", "term", "terms",
    "weekday", "weekdays", "weeknight", "weeknights", "o'clock", "o’clock",
}
# Counted nouns that name a currency only sometimes ("millions of pounds of coal").
VAGUE_CURRENCY_SKIP = {"pound", "pounds", "won", "rand", "cent", "cents", "pence", "penny"}
# A preposition on the way from a figure to a change verb that makes it a circumstance, not
# the change: "climbed the highest peaks on all seven continents".
NOT_CHANGE_PREPS = {"on", "in", "for", "with", "during", "after", "before", "since", "among", "across",
                    "into", "through", "against", "between", "like", "about"}
# Nouns that stand for the thing counted just before: "three others", "31 of them".
ANAPHORS = {"others", "more", "them", "us", "those", "these", "ones", "each", "all", "it"}
# Named things whose numbers are names: "Boeing 737", "Windows 11", "Resolution 2728".
NAME_ENTS = {"ORG", "PERSON", "PRODUCT", "LAW", "WORK_OF_ART", "FAC", "EVENT", "GPE", "LOC", "NORP"}
# "a magnitude of 6.4": the noun before "of" is the unit.
MEASURE_NOUNS = {"magnitude"}
_DOLLAR_KIND = "|".join(re.escape(k) for k in sorted(DOLLAR_KINDS, key=len, reverse=True))
_CUR_WORD = "|".join(sorted(CURRENCY_WORDS, key=len, reverse=True))
CURRENCY_AFTER_RE = re.compile(
    rf"\s+(?:(?P<kind>(?i:{_DOLLAR_KIND}))\s+|(?P<adj>[A-Z][a-z]+)\s+)?(?P<word>(?i:{_CUR_WORD}))\b"
    r"(?P<sterling>\s+sterling\b)?(?P<of>\s+of\b)?"
)
POINTS_AFTER_RE = re.compile(r"(?i)\s+(?P<unit>percentage\s+points?|basis\s+points?)\b")
MINUS_RE = re.compile(r"(?<!plus or )\bminus\s+$")
LEADING_ZERO_RE = re.compile(r"(?<![\w.,])0\d+")


@register
class ClaimsStage:
    name = "claims"
    version = "1"
    # timexes: a figure inside a date is no figure; attributions: a figure's source
    requires: tuple[HandOff[Any], ...] = (SPACY_DOC, ATTRIBUTIONS, TIMEXES)
    assigns: tuple[HandOff[Any], ...] = (CLAIMS,)

    def __init__(self, settings: Settings):
        self.settings = settings

    def __call__(self, ctx: AnalysisContext) -> None:
        ctx.put(CLAIMS, tuple(extract_claims(
            ctx.text,
            ctx.get(SPACY_DOC, None),
            ctx.get(ATTRIBUTIONS, ()),
            ctx.get(TIMEXES, ()),
            provenance=Provenance(self.name, self.version, "rules"),
        )))


def extract_claims(text: str, doc: Any, attributions: tuple[Attribution, ...] = (),
                   timexes: tuple[Any, ...] = (), provenance: Provenance | None = None) -> list[Claim]:
    """The figures of one text. `doc` is its spaCy Doc (None: text-only rules, no counted nouns)."""
    segs = anchor_segments(text)
    if not segs:
        return []
    skip = find_non_figures(text, segs)
    skip += [m.span() for m in LEADING_ZERO_RE.finditer(text)]
    amounts = list(find_amounts(text, skip, segs))
    # Numbers inside a date, time, duration or set are not figures; a share ("less than a
    # quarter of the donors") is one even when the timexes layer read it as a duration.
    spans = [(t.start, t.end) for t in timexes]
    amounts = [a for a in amounts
               if a.kind == "fraction" or not any(s < a.end and a.start < e for s, e in spans)]
    if not amounts:
        return []
    starts = doc.to_array(IDX).tolist() if doc is not None else []
    read_all: list[tuple[Claim, int, bool]] = []
    last_unit: dict[int, str] = {}  # sentence start -> counted noun of its latest figure
    i = 0
    while i < len(amounts):
        amt = amounts[i]
        value_max = None
        end = amt.end
        if i + 1 < len(amounts) and range_tail(text, amt, amounts[i + 1]):
            nxt = amounts[i + 1]
            value_max, end = nxt.value, nxt.end
            amt = Amount(amt.start, amt.end, amt.value, amt.magnitude, amt.currency or nxt.currency,
                         amt.percent or nxt.percent, amt.kind, amt.has_scale or nxt.has_scale,
                         amt.unit or nxt.unit)
            i += 1
        i += 1
        read = _read(text, doc, starts, amt, end, value_max, last_unit)
        if read is not None:
            read_all.append(read)
    # A lone "one" ("in one tweet") is a determiner; beside other figures it is a count
    # ("14 votes with one abstention").
    per_sentence: dict[int, int] = {}
    for _, key, _weak in read_all:
        per_sentence[key] = per_sentence.get(key, 0) + 1
    claims = [c for c, key, weak in read_all if not weak or per_sentence[key] > 1]
    return _attributed(text, doc, claims, attributions, provenance)


CONFIDENT, NO_UNIT, REPEATED = 0.85, 0.6, 0.3
_DATELINE = re.compile(r"\s*[A-Z][A-Z.'’ -]{2,40}(?:,[^\n—–]{1,30})?\s*(?:\([^)\n]{1,24}\))?\s*[—–―-]\s")
# Determiners that make "the four officers" a reference back to a count already given.
_DEFINITE_RE = re.compile(r"(?i)\b(?:the|these|those|all|both)\s+$")


def _attributed(text: str, doc: Any, claims: list[Claim], attributions: tuple[Attribution, ...],
                provenance: Provenance | None) -> list[Claim]:
    """Number the claims, give each its source and its confidence."""
    sentences = [(s.start_char, s.end_char) for s in doc.sents] if doc is not None and doc.has_annotation("SENT_START") \
        else []
    seen: set[tuple[float, str | None]] = set()
    out = []
    for n, c in enumerate(claims, 1):
        att = _innermost(attributions, c)
        source = _source(_main_clause(att, attributions, text), text) if att is not None else None
        if source is None:
            # a figure with an attribution of its own does not take a previous sentence's document
            name = _source_in_sentences(text, sentences, c.start, previous=att is None)
            source = ClaimSource(name=name, entity_id=None) if name else None
        prov = provenance
        if provenance is not None:
            prov = replace(provenance, confidence=_confidence(text, c, seen))
        if c.value is not None:
            seen.add((c.value, c.unit))
        out.append(Claim(
            id=f"c{n}", text=c.text, start=c.start, end=c.end, value=c.value, qualifier=c.qualifier,
            unit=c.unit, source=source, attribution_id=att.id if att is not None else None,
            magnitude=c.magnitude, value_max=c.value_max, change=c.change, provenance=prov,
        ))
    return out


def _source_in_sentences(text: str, sentences: list[tuple[int, int]], at: int, previous: bool = True) -> str | None:
    """A source the figure's sentence names ("according to X", "..., X showed", "claims by X that"), else
    the document a previous sentence closed with ("..., according to PwC's outlook.")."""
    k = next((i for i, (a, b) in enumerate(sentences) if a <= at < b), None)
    if k is None:
        return None
    a, b = sentences[k]
    sentence = text[a:b]
    name = according_to(sentence, at - a) or evidence_after(sentence, at - a, text[:a]) \
        or claimed_by(sentence, at - a)
    if name is None and previous and k > 0:
        name = according_before(text[sentences[k - 1][0]:sentences[k - 1][1]], sentence)
    return name


# "-ing" cues of a second statement by the same speaker: "WHO pointed out that X, adding that Y".
_PARTICIPLE_CUE = re.compile(r",\s*(?:and\s+)?$")


def _main_clause(att: Attribution, attributions: tuple[Attribution, ...], text: str) -> Attribution:
    """The attribution whose speaker a coordinated participle ("..., adding that ...") shares.

    A participle has no subject of its own; a parser that gives it one takes a phrase of the
    clause before ("the number of workers" in "WHO said that the number of workers fell, adding
    that ..."). When the speaker found lies inside the content of another attribution, the
    statement is that attribution's speaker's second one.
    """
    cue, sp = att.cue, att.speaker
    if cue is None or sp is None or sp.start is None or sp.end is None or not cue.text.lower().endswith("ing") \
            or not _PARTICIPLE_CUE.search(text[max(0, cue.start - 6):cue.start]):
        return att
    for other in attributions:
        if other is not att and other.speaker is not None \
                and other.content.start <= sp.start and sp.end <= other.content.end + 1:
            return other
    return att


def _source(att: Attribution, text: str) -> ClaimSource | None:
    """The attribution's speaker as a source: its entity's name, else the checkable name in its words."""
    sp = att.speaker
    if sp is None:
        return None
    if sp.start is not None and not text[:sp.start].strip() and _DATELINE.match(text):
        return None  # "TALLAHASSEE, Fla. (AP) —": the dateline at the top of the article, taken for a speaker
    document = _document_phrase(str(sp.text or ""))
    if sp.entity_id and sp.name and not document:
        return ClaimSource(name=str(sp.name), entity_id=sp.entity_id)
    written = str(sp.text or "") if document else str(sp.name or sp.text or "")
    name = source_name(written, text[:sp.start] if sp.start is not None else "")
    return ClaimSource(name=name, entity_id=None) if name else None


def _document_phrase(phrase: str) -> bool:
    """ "the lawsuit", "the new report": a document named with no name in it, whose owner sources.py finds
    from the article ("Florida State sued ..."); the entity a resolver linked it to is a guess."""
    phrase = phrase.strip()
    return bool(re.fullmatch(r"(?:the|this|that|its|their)\s+[a-z][\w\s-]*", phrase)) and is_document(phrase)


def _confidence(text: str, c: Claim, seen: set[tuple[float, str | None]]) -> float:
    """How sure a figure is a figure: a definite mention of a count already given ("the four officers") is a
    reference back, not a new figure; a number with nothing counted is less sure than one with a unit.

    Only spelled numbers count as references back: "the 50 weapons" in digits usually re-reports a
    figure (often from another source), "the four officers" names a group already counted.
    """
    if c.value is not None and (c.value, c.unit) in seen and c.qualifier is None and c.text[:1].isalpha() \
            and _DEFINITE_RE.search(text, max(0, c.start - 8), c.start):
        return REPEATED
    return CONFIDENT if c.unit else NO_UNIT


def _innermost(attributions: tuple[Attribution, ...], c: Claim) -> Attribution | None:
    best = None
    for a in attributions:
        if a.content.start <= c.start and c.end <= a.content.end + 1:
            if best is None or a.content.end - a.content.start < best.content.end - best.content.start:
                best = a
    if best is None:  # the span may run past the content ("... 31,000 Palestinians have died"): use the number
        for a in attributions:
            if a.content.start <= c.start < a.content.end:
                if best is None or a.content.end - a.content.start < best.content.end - best.content.start:
                    best = a
    return best


def _tok_at(starts: list[int], pos: int) -> int:
    """Index of the token that contains character `pos`."""
    return max(0, bisect_right(starts, pos) - 1)


def _read(text: str, doc: Any, starts: list[int], amt: Amount, end: int, value_max: float | None,
          last_unit: dict[int, str]) -> tuple[Claim, int, bool] | None:
    """One amount read in its token context: (claim, sentence key, weak), None when it is not a figure."""
    if is_year(text, amt):  # style guides put a comma in counts from 1,000: "2005 levels" is a year
        return None
    value, magnitude, unit = amt.value, amt.magnitude, amt.currency
    if amt.percent:
        unit = "%"
    elif amt.unit:
        unit = amt.unit
    qualifier, qstart = qualifier_before(text, amt.start)
    minus = MINUS_RE.search(text, max(0, qstart - 16), qstart) if value is not None else None
    if minus and value is not None:  # "minus 5 degrees"
        value, qstart = -value, minus.start()
    span_end = end
    if unit is None:
        currency = _currency_after(text, amt, end, value, value_max)
        if currency is not None:
            unit, value, value_max, span_end = currency
    if unit is None:
        points = _points_after(text, end)
        if points is not None:
            unit, span_end = points
    sent_key = 0
    if doc is not None:
        first = doc[_tok_at(starts, amt.start)]
        last = doc[_tok_at(starts, max(amt.start, end - 1))]
        sent_key = first.sent.start
        if _not_a_figure(text, doc, first, last, amt, unit, qstart):
            return None
        if unit is None:
            counted = _counted_unit(doc, starts, amt, end, first, last, qualifier, last_unit.get(sent_key), span_end)
            if counted is None:
                return None
            unit, span_end = counted
        _remember_unit(last_unit, sent_key, unit, amt)
        if unit and unit.lower() in CURRENCY_WORDS and unit.lower() not in VAGUE_CURRENCY_SKIP:
            unit = CURRENCY_WORDS[unit.lower()]  # "millions of dollars"
        change = _change(doc, first, last)
        if unit is None and change and amt.kind in ("number", "words"):
            unit = _changed_subject(doc, last)
        if amt.kind == "vague" and unit is None:
            return None  # "dozens" with nothing counted
        unit, span_end = _rate_or_share(doc, starts, unit, span_end)
    else:
        change = None
    if amt.kind == "fraction" and value is not None and not re.match(r"\s+of\s+an?\s", text[amt.end:amt.end + 8]):
        # a share is a percentage: "about a third of EU citizens" is 33.3 %, as "33% of EU citizens" is;
        # "a quarter of a percentage point" is an amount of a unit and stays 0.25
        value, unit = value * 100, "%"
    start = min(qstart, amt.start)
    span_end = max(span_end, end)
    claim = Claim(id="", text=text[start:span_end], start=start, end=span_end, value=value,
                  qualifier=qualifier, unit=unit, source=None, magnitude=magnitude,
                  value_max=value_max, change=change)
    weak = amt.kind == "words" and text[amt.start:amt.end].lower() == "one" and qualifier is None
    return claim, sent_key, weak


def _rate_or_share(doc: Any, starts: list[int], unit: str | None, span_end: int) -> tuple[str | None, int]:
    """A rate keeps its denominator ("P2,486.28 per 50-kilo bag": unit "PHP per 50-kilo bag"); a
    percentage takes in what it is a share of ("18% of the injured soldiers")."""
    if unit is None or span_end >= len(doc.text):
        return unit, span_end
    i = _tok_at(starts, span_end)
    while i < len(doc) and doc[i].idx < span_end:
        i += 1
    if i >= len(doc) or doc[i].lower_ not in ("per", "of", "a", "an"):
        return unit, span_end
    prep = doc[i]
    obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
    if prep.lower_ in ("a", "an") and unit.isupper():  # "$12 a day", "P50 a kilo"
        obj = prep.head if prep.head.i == i + 1 and prep.head.pos_ == "NOUN" else None
        if obj is not None:
            return f"{unit} per {obj.text}", obj.idx + len(obj.text)
        return unit, span_end
    if obj is None or obj.pos_ not in ("NOUN", "PROPN") or obj.i - i > 6:
        return unit, span_end
    end = obj.idx + len(obj.text)
    if prep.lower_ == "per":
        return f"{unit} per {doc.text[doc[i + 1].idx:end]}", end
    if unit == "%" and prep.lower_ == "of":
        return unit, end
    return unit, span_end


def _currency_after(text: str, amt: Amount, end: int, value: float | None, value_max: float | None
                    ) -> tuple[str, float | None, float | None, int] | None:
    """(unit, value, value_max, span end) for a currency word after the number ("5 million dollars"), else None.

    Pence and cents count in hundredths of the main unit, so the values are scaled with it.
    """
    m = CURRENCY_AFTER_RE.match(text, end)
    if not (m and _currency_word_ok(m, amt)):
        return None
    word = m.group("word").lower()
    unit = CURRENCY_WORDS[word]
    if word in ("dollar", "dollars") and m.group("kind"):
        unit = DOLLAR_KINDS[m.group("kind").lower()]
    elif m.group("adj") and word in ("dollar", "dollars", "franc", "francs"):
        unit = DOLLAR_KINDS.get(m.group("adj").lower(), "CHF" if "franc" in word else "USD")
    elif m.group("adj") and word in ("peso", "pesos"):
        unit = PESO_KINDS.get(m.group("adj").lower(), unit)  # "Philippine pesos" -> PHP
    if word in HUNDREDTHS and value is not None:
        value = round(value / 100, 6)
        value_max = round(value_max / 100, 6) if value_max is not None else None
    span_end = m.end("sterling") if m.group("sterling") else m.end("word")
    return unit, value, value_max, span_end


def _points_after(text: str, end: int) -> tuple[str, int] | None:
    """(plural unit, span end) for "points", "percentage points" and the like after the number, else None."""
    m = POINTS_AFTER_RE.match(text, end)
    if not m:
        return None
    unit = " ".join(m.group("unit").lower().split())
    return (unit if unit.endswith("s") else unit + "s"), m.end()


def _not_a_figure(text: str, doc: Any, first: Any, last: Any, amt: Amount, unit: str | None, qstart: int) -> bool:
    """The tokens say the number is no figure: a name or age, the pronoun 'one', a model number, an age limit."""
    if _is_name_or_age(doc, first, last, amt, unit):
        return True
    if amt.kind == "words" and first.lower_ == "one" and first.i == last.i and first.dep_ != "nummod":
        return True  # "one of the lifeguards", "no one": a pronoun, not a count
    if _after_name(doc, first, amt):
        return True
    return unit is None and text[qstart:amt.start].strip().lower() in ("over", "under", "above", "below") \
        and _age_limit(doc, first, text, qstart)


def _counted_unit(doc: Any, starts: list[int], amt: Amount, end: int, first: Any, last: Any,
                  qualifier: str | None, sentence_unit: str | None, span_end: int) -> tuple[str | None, int] | None:
    """(unit, span end) for a number written without a unit: the noun it counts, else the sentence's last unit.

    None when the number is no figure: a duration, an age, a date, or a spelled number with nothing counted.
    """
    found = _counted_noun(doc, starts, amt, end, first, last)
    if found == "SKIP":
        return None
    if isinstance(found, tuple):
        unit: str | None
        unit, span_end = found
        if unit.lower() in ANAPHORS:  # "them", "those": the unit counted before in the sentence
            unit = sentence_unit
            span_end = max(span_end, end)
        if unit and unit.lower() in TIME_UNITS:
            return None
        return unit, span_end
    if amt.kind in ("number", "words", "ratio"):
        if first.ent_type_ in ("DATE", "TIME") and amt.currency is None and not amt.percent:
            return None
        if sentence_unit is None and amt.kind == "words" and qualifier is None:
            return None  # "the two met", "those two": a spelled number with nothing counted
        return sentence_unit, span_end
    return None, span_end


def _remember_unit(last_unit: dict[int, str], sent_key: int, unit: str | None, amt: Amount) -> None:
    """Keep the sentence's last counted unit, for later bare numbers and anaphors ("5 boats and 3 of them")."""
    if unit and unit != "%" and not unit.isupper() and amt.kind not in ("fraction", "ratio", "vague"):
        last_unit[sent_key] = unit
    elif unit and amt.kind in ("fraction", "ratio", "vague") and unit not in ANAPHORS:
        last_unit[sent_key] = unit


def _currency_word_ok(m: re.Match[str], amt: Amount) -> bool:
    word = m.group("word").lower()
    if m.group("of") and word in ("pound", "pounds"):
        return False  # "10 pounds of rice" is a weight
    if word in AMBIGUOUS_CURRENCY and not amt.has_scale:
        return False
    if m.group("adj") and word not in ("dollar", "dollars", "franc", "francs", "pound", "pounds", "peso", "pesos"):
        return False
    if m.group("adj") and m.group("adj").lower() not in DOLLAR_KINDS and word in ("dollar", "dollars"):
        return False
    if m.group("adj") and m.group("adj").lower() not in PESO_KINDS and word in ("peso", "pesos"):
        return False
    return amt.kind not in ("fraction", "ratio", "vague")


def _after_name(doc: Any, first: Any, amt: Amount) -> bool:
    """ "Boeing 737", "SiriusXM Patriot 125": an integer written right after a proper noun names something."""
    if amt.kind != "number" or amt.currency or amt.percent or amt.has_scale or first.i == 0:
        return False
    prev = doc[first.i - 1]
    if prev.pos_ != "PROPN" or prev.is_sent_start or not prev.text[:1].isupper():
        return False
    word = first.text
    if "," in word or "." in word or len(word) > 4:
        return False
    nxt = doc[first.i + 1] if first.i + 1 < len(doc) else None
    return not (nxt is not None and first.dep_ == "nummod" and nxt.tag_ in ("NNS", "NNPS") and nxt.lower_ not in TIME_UNITS)


def _is_name_or_age(doc: Any, first: Any, last: Any, amt: Amount, unit: str | None) -> bool:
    if amt.kind in ("number", "words") and unit is None and first.ent_type_ in NAME_ENTS:
        return True
    # "Maria Lopez, 34, said", "Crutcher, 40 ― a father": a bare number set off after a name is an age.
    if amt.kind == "number" and unit is None and first.i > 1 and last.i + 1 < len(doc):
        before, after = doc[first.i - 1], doc[last.i + 1]
        name = doc[first.i - 2]
        if before.text == "," and after.text in (",", "—", "―", "–", "-", ")", ";") and \
                (name.ent_type_ == "PERSON" or name.pos_ == "PROPN") and "," not in first.text:
            return True
    if amt.kind == "words" and first.lower_ == "one" and first.i > 0 and doc[first.i - 1].lower_ == "no":
        return True  # "no one single point"
    return False


def _age_limit(doc: Any, first: Any, text: str, qstart: int) -> bool:
    """ "respondents under 30", "children over 5": a bare limit after a plural noun is an age."""
    prev = [t for t in doc[max(0, first.i - 3):first.i] if t.idx + len(t.text) <= qstart]
    return bool(prev) and prev[-1].tag_ in ("NNS", "NNPS")


def _counted_noun(doc: Any, starts: list[int], amt: Amount, end: int, first: Any,
                  last: Any) -> tuple[str, int] | str | None:
    """(counted noun, its end offset), "SKIP" for a duration or age, or None."""
    n = len(doc)
    j = last.i + 1
    while j < n and doc[j].idx < end:  # tokens still inside the amount ("billion", "%")
        j += 1
    if j >= n:
        return _measure_before(doc, first)
    nxt = doc[j]
    if nxt.lower_ in ("more", "others") and not (j + 1 < n and doc[j + 1].pos_ in ("NOUN", "PROPN", "ADJ")):
        return nxt.text, end  # "dozens more", "three others": the noun counted before
    # "6.1-magnitude", "four-year", "10-point": the word after the hyphen is the unit
    if nxt.text in ("-", "–") and nxt.idx == end and j + 1 < n and doc[j + 1].is_alpha:
        word = doc[j + 1]
        if word.lower_ == "plus" and j + 2 < n and doc[j + 2].pos_ == "NOUN":
            word = doc[j + 2]  # "15-plus years"
        if word.lower_ in TIME_UNITS or word.lower_ in ("way", "fold"):
            return "SKIP"  # "four-year", "a two-way race", "three-fold"
        if word.pos_ == "ADJ" and word.i + 1 < n and doc[word.i + 1].pos_ in ("NOUN", "PROPN"):
            noun = doc[word.i + 1]  # "a 5,000-strong crowd": the crowd is counted
            return noun.text, noun.idx + len(noun.text)
        return word.text, word.idx + len(word.text)
    if nxt.lower_ == "of" or (amt.kind == "ratio" and nxt.lower_ == "of"):
        obj = next((c for c in nxt.children if c.dep_ == "pobj"), None)
        if obj is not None and obj.pos_ in ("NOUN", "PROPN", "PRON", "NUM"):
            if obj.pos_ == "NUM":  # "eight of their last 10 games": the noun the 10 counts
                obj = obj.head if obj.head.i > obj.i and obj.head.pos_ in ("NOUN", "PROPN") else None
            if obj is not None:
                return _noun_text(doc, obj, j), obj.idx + len(obj.text)
        if amt.kind in ("fraction", "vague"):
            return None
    head = last.head
    while head.dep_ == "compound" and head.head.i > head.i and head.head.pos_ in ("NOUN", "PROPN"):
        head = head.head  # "23 league matches": the number counts matches
    if (last.dep_ in ("nummod", "quantmod", "compound", "nmod", "amod") and head.i > last.i
            and head.i - last.i <= 5 and head.pos_ in ("NOUN", "PROPN") and head.idx >= end):
        return _noun_text(doc, head, j), _unit_end(doc, head)
    # The parser did not link the number: take a noun right after it, over adjectives.
    k = j
    while k < n and k < j + 4:
        t = doc[k]
        if t.pos_ in ("NOUN", "PROPN") and t.dep_ != "compound":
            if t.lower_ in TIME_UNITS or t.ent_type_ in ("DATE", "TIME"):
                return None  # "874,000 last year": a date after the number, not what it counts
            return _noun_text(doc, t, j), _unit_end(doc, t)
        if t.lower_ in ("last", "next", "this", "previous", "same", "per", "each"):
            break
        if t.pos_ in ("ADJ", "NOUN", "PROPN") or t.tag_ in ("VBG", "VBN") or t.text == "-":
            k += 1
            continue
        break
    return _measure_before(doc, first)


def _measure_before(doc: Any, first: Any) -> tuple[str, int] | None:
    """ "a magnitude of 6.4": the measured noun written before "of"."""
    if first.i >= 2 and doc[first.i - 1].lower_ == "of" and doc[first.i - 2].lower_ in MEASURE_NOUNS:
        return doc[first.i - 2].text, first.idx  # the span stays the number's own
    return None


def _noun_text(doc: Any, head: Any, lo: int) -> str:
    """The counted noun with the compound nouns written before it ("percentage point")."""
    begin = head.i
    while begin - 1 >= lo and doc[begin - 1].dep_ == "compound" and doc[begin - 1].pos_ in ("NOUN", "PROPN") \
            and doc[begin - 1].head.i == head.i:
        if begin - 2 >= 0 and doc[begin - 2].text in ("-", "–"):
            break  # "plain-clothes NYPD officers": the hyphenated adjective is not part of the noun
        begin -= 1
    words = [t.text for t in doc[begin:head.i + 1]]
    if head.i + 1 < len(doc) and doc[head.i + 1].lower_ in ("celsius", "fahrenheit"):
        words.append(doc[head.i + 1].text)
    return " ".join(words)


def _unit_end(doc: Any, head: Any) -> int:
    if head.i + 1 < len(doc) and doc[head.i + 1].lower_ in ("celsius", "fahrenheit"):
        t = doc[head.i + 1]
        return int(t.idx + len(t.text))
    return int(head.idx + len(head.text))


def _change(doc: Any, first: Any, last: Any) -> str | None:
    """rise | fall when a change verb, or "up"/"down", governs the figure."""
    tok = last
    via_prep = False
    for _ in range(6):
        if tok.lower_ in ("up", "down") and tok.pos_ in ("ADV", "ADP", "PART"):
            return "rise" if tok.lower_ == "up" else "fall"
        if tok.pos_ in ("VERB", "AUX") and tok.i != last.i:
            lemma = tok.lemma_.lower()
            if lemma in CHANGE_ONLY_VIA_PREP and not via_prep:
                return None
            if lemma in RISE:
                return "rise"
            if lemma in FALL:
                return "fall"
            # "carried 14.2 million passengers ..., up from 12.9 million"
            for c in tok.children:
                if c.dep_ == "advmod" and c.lower_ in ("up", "down"):
                    return "rise" if c.lower_ == "up" else "fall"
            return None
        if tok.dep_ == "prep" and tok.lower_ in ("by", "to", "from"):
            via_prep = True
        if tok.dep_ == "prep" and tok.lower_ in NOT_CHANGE_PREPS:
            return None
        if tok.head.i == tok.i:
            return None
        tok = tok.head
    return None


def _changed_subject(doc: Any, last: Any) -> str | None:
    """ "Cholera cases have more than doubled to 8,900": a plural subject of the change verb is counted."""
    tok = last
    for _ in range(6):
        if tok.pos_ == "VERB":
            subj = next((c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if subj is not None and subj.tag_ in ("NNS", "NNPS") and subj.lower_ not in ANAPHORS:
                return _noun_text(doc, subj, 0)
            return None
        if tok.head.i == tok.i:
            return None
        tok = tok.head
    return None
