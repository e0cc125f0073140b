"""Product names the tagger cuts short or misses, and names it runs together.

Repairs to spaCy's entity spans before the entities stage reads them:

* a product's model is part of its name: "iPhone 4", "iOS 5", "iPod nano",
  "Boeing 787", "iPod Software 1.1.1" name one model, not the product line or
  the maker, so the number, version or model word joins the span;
* a camel-case word with a lower-case start ("iPhone", "iOS", "eBay") is a
  name even when the tagger left it out, and it starts the name it stands
  before ("iTunes" + "Music Store");
* "X and X Pro" in one span is two names, and a possessive between two names ("the Beatles' Apple Corps", "Apple
  Computer's Mac OS X") is an owner and what it owns: two names (the entities
  stage already cuts an organisation noun's possessive, "Alphabet Inc's Google");
* a name used again in the article where the tagger did not tag it ("Jobs"
  after "Steve Jobs", "Beatles" after "the Beatles' Apple Corps") is a mention.

The model words are data (newsgraph/data/product_names.json).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from functools import cache
from typing import Any

from newsgraph.analyse.entities.lexicon import gender_of_first_name
from newsgraph.analyse.text.data import load_json

# "iPhone", "iOS", "eBay", "macOS": a lower-case start, then a capitalised word or "OS"-like pair
# (not "mRNA", "pH" or "kWh", which are terms and units)
CAMEL = re.compile(r"^[a-z]{1,3}([A-Z][a-z]{2,}[A-Za-z]*|[A-Z]{2})$")
# a model designation: "4", "3GS", "787", "A380", "1.1.1", "7e7"
MODEL = re.compile(r"^(\d+[A-Za-z]{0,3}\d*|[A-Z]{1,2}\d+[A-Za-z]{0,3}|\d+(\.\d+)+)$")
# the kb_id of a span that repeats a name tagged elsewhere (see _repeats)
REPEAT = "repeat"
YEAR = re.compile(r"^(19|20)\d\d$")
# what follows a number when it counts something, so is no model ("Apple 3 times", "Airbus 10 percent")
COUNTED = {"million", "billion", "trillion", "percent", "%", "per", "times", "years", "months", "days", "of"}


@cache
def model_words() -> frozenset[str]:
    return frozenset(load_json("product_names.json")["model_words"])


# a model designation in a lookup key (lower case): "4", "3gs", "787", "a380", "1.1.1"
_MODEL_KEY = re.compile(r"^(\d[\w.]*|[a-z]{1,2}\d+[a-z]{0,3})$")


def is_model_key(key: str, line: str) -> bool:
    """Does the lower-case `key` name a model of the product line `line` ("iphone 4", "ipod nano"
    of "iphone", "ipod")? A model is another thing than its line: the two never join on the line's name."""
    if not key.startswith(line + " "):
        return False
    rest = key[len(line) + 1:].split()
    return bool(rest) and all(w in model_words() or _MODEL_KEY.match(w) for w in rest)


def is_model_number(text: str) -> bool:
    """A model number that names the model on its own ("787", "A380", "777-200LR"; not "4", not a year)."""
    head = text.split("-")[0]
    return (len(head) >= 3 and any(c.isdigit() for c in head) and bool(MODEL.match(head))
            and not YEAR.match(head))


def is_model(token_text: str) -> bool:
    """Does the word designate a model ("4", "A380", "nano")? Years and counts are not models."""
    if token_text.lower() in model_words():
        return True
    return bool(MODEL.match(token_text)) and not YEAR.match(token_text)


def _model_end(doc: Any, end: int, numbers: bool) -> int:
    """Where the span ending at `end` ends once the model after it is taken in ("iPhone" + "4")."""
    j = end
    while j < len(doc) and j - end < 2:
        t = doc[j]
        if t.text.lower() in model_words() and (t.is_lower or t.is_title):
            j += 1
            continue
        if not (numbers and MODEL.match(t.text) and not YEAR.match(t.text)):
            break
        nxt = doc[j + 1] if j + 1 < len(doc) else None
        if nxt is not None and (nxt.lower_ in COUNTED or nxt.like_num):
            break
        j += 1
        # "737-800": a hyphen without spaces continues the model
        if (j + 1 < len(doc) and doc[j].text == "-" and not doc[j - 1].whitespace_
                and not doc[j].whitespace_ and MODEL.match(doc[j + 1].text)):
            j += 2
    return j


def _is_product(doc: Any, e: Any) -> bool:
    return e.label_ == "PRODUCT" or any(CAMEL.match(t.text) for t in doc[e.start:e.end])


def _split_possessive(doc: Any, e: Any, alone: set[str], k: Any) -> list[tuple[int, int, str]]:
    """"Beatles' Apple Corps" -> "Beatles" and "Apple Corps": an owner name, then a name of two or more
    words that the article also uses without the owner (or a camel-case product name). One word after
    a possessive stays with it ("Levi's Stadium"), and so does a name the article never splits
    ("Moody's Investors Service" alone)."""
    for i in range(e.start + 1, e.end - 2):
        owner, owned = doc[i - 1], doc[i + 1]
        if doc[i].tag_ != "POS" or owner.pos_ != "PROPN" or owner.lower_ in k.title_words:
            continue
        seen = doc[e.start:i].text in alone or doc[i + 1:e.end].text in alone
        if (seen and owned.text[:1].isupper() and owned.lower_ not in k.org_nouns) or CAMEL.match(owned.text):
            return [(e.start, i, e.label_), (i + 1, e.end, e.label_)]
    return [(e.start, e.end, e.label_)]


def _split_pair(doc: Any, s: int, e: int, label: str) -> list[tuple[int, int, str]]:
    """"Macbook and Macbook Pro" is two names: "and" inside a span, the same first word on both sides
    ("Bosnia and Herzegovina" and "Procter & Gamble" stay whole)."""
    first = s
    while first < e and doc[first].lower_ in ("the", "a", "an"):
        first += 1
    for i in range(first + 1, e - 1):
        if doc[i].lower_ == "and" and doc[i + 1].text == doc[first].text:
            return [(s, i, label), (i + 1, e, label)]
    return [(s, e, label)]


def repair(doc: Any, spans: list[Any], k: Any) -> list[Any]:
    """spaCy's spans with products, possessives and repeated names repaired (see the module doc).

    `k` is the entities stage's Knowledge (organisation nouns, title words)."""
    from spacy.tokens import Span

    alone = {e.text for e in spans} | {doc[e.start + 1:e.end].text for e in spans if doc[e.start].lower_ == "the"}
    parts: list[tuple[int, int, str]] = []
    for e in spans:
        for s, end, label in _split_possessive(doc, e, alone, k):
            parts.extend(_split_pair(doc, s, end, label))
    # a lower-case-initial brand is no people or person ("iTunes" tagged NORP); a place keeps the
    # tagger's reading ("eSwatini")
    parts = [(s, e, "PRODUCT" if e - s == 1 and label in ("NORP", "PERSON") and CAMEL.match(doc[s].text)
              else label) for s, e, label in parts]
    taken = {t for s, e, _ in parts for t in range(s, e)}
    starts = {s: n for n, (s, _, _) in enumerate(parts)}
    # camel-case words the tagger missed; one right before a span starts it
    for t in doc:
        if t.i in taken or not CAMEL.match(t.text):
            continue
        n = starts.get(t.i + 1)
        # ("iTunes" + "Music Store" tagged PERSON is one product; a first name after it is a person's,
        # and a place or nationality after it is no part of the brand: "eBay Germany")
        if n is not None and parts[n][2] not in ("GPE", "LOC", "NORP") and not gender_of_first_name(doc[t.i + 1].text):
            parts[n] = (t.i, parts[n][1], "PRODUCT" if parts[n][2] == "PERSON" else parts[n][2])
        else:
            parts.append((t.i, t.i + 1, "PRODUCT"))
        taken.add(t.i)
    parts.sort()
    out: list[tuple[int, int, str]] = []
    for s, e, label in parts:
        if out and label == "PRODUCT" and out[-1][1] == s and out[-1][2] == "ORG" and MODEL.match(doc[s].text):
            # "Boeing" + "787": the maker's name and a model number are the model's name
            out[-1] = (out[-1][0], e, "PRODUCT")
            continue
        if label not in ("PERSON", "GPE", "LOC", "NORP"):
            product = label == "PRODUCT" or any(CAMEL.match(t.text) for t in doc[s:e])
            end = _model_end(doc, e, numbers=product or label == "ORG")
            # a maker's name takes a model number of three characters or more ("Boeing 787", not "Arsenal 2")
            maker = MODEL.match(doc[e].text) and len(doc[e].text) >= 3 if e < len(doc) else False
            if end > e and not any(t in taken for t in range(e, end)) and (product or maker):
                e, label = end, "PRODUCT"
        out.append((s, e, label))
    repeats = _repeats(doc, out, k)
    return sorted([Span(doc, s, e, label=label) for s, e, label in out]
                  + [Span(doc, s, e, label=label, kb_id=REPEAT) for s, e, label in repeats], key=lambda x: x.start)


def _repeats(doc: Any, parts: list[tuple[int, int, str]], k: Any) -> list[tuple[int, int, str]]:
    """Untagged uses of a name tagged elsewhere in the article, and of a person's surname.

    A repeat takes the label the tagger gave that name most often (a
    person's surname: person); it is marked REPEAT so that the entities stage
    gives it no type vote: it adds a mention, not evidence of the type."""
    taken = {t for s, e, _ in parts for t in range(s, e)}
    votes: dict[tuple[str, ...], Counter[str]] = defaultdict(Counter)
    surnames: set[tuple[str, ...]] = set()
    for s, e, label in parts:
        words = tuple(t.text for t in doc[s:e])
        if not any(w[:1].isupper() or CAMEL.match(w) for w in words) or all(w.lower() in k.title_words for w in words):
            continue  # "State" of "Secretary of State" is part of a title, not a name to find again
        votes[words][label] += 1
        if label == "PERSON" and len(words) >= 2 and words[-1][:1].isupper() and len(words[-1]) > 2:
            surnames.add(words[-1:])
    forms = {w: c.most_common(1)[0][0] for w, c in votes.items()} | {w: "PERSON" for w in surnames}
    for words, label in list(forms.items()):
        if label == "PRODUCT" and len(words) >= 2 and is_model_number(words[-1]):
            forms.setdefault(words[-1:], label)  # "the A380" after "Airbus A380"
    # The forms a token can start, in the order above: the token is their first word, or the
    # plural of a one-word model number. Looked up per token, not tried all (this runs per document).
    starting: dict[str, list[tuple[tuple[str, ...], str]]] = defaultdict(list)
    for words, label in forms.items():
        starting[words[0]].append((words, label))
        if len(words) == 1 and is_model_number(words[0]):
            starting[words[0] + "s"].append((words, label))
    out: list[tuple[int, int, str]] = []
    for t in doc:
        if t.i in taken or t.ent_iob_ not in ("O", "") and t.ent_type_ != "PRODUCT" \
                or not (t.text[:1].isupper() or CAMEL.match(t.text) or t.text[:1].isdigit()):
            continue
        for words, label in starting.get(t.text, ()):
            end = t.i + len(words)
            found = tuple(x.text for x in doc[t.i:end])
            # "A380s": the plural of a model number is the model
            plural = len(words) == 1 and is_model_number(words[0]) and found == (words[0] + "s",)
            if end <= len(doc) and (found == words or plural) and not any(i in taken for i in range(t.i, end)) \
                    and (doc[end - 1].pos_ == "PROPN" or is_model_number(words[-1])):
                out.append((t.i, end, label))
                taken.update(range(t.i, end))
                break
    return out
