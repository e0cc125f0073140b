"""Pass 3b, statements the article attributes to unnamed reports.

"The weapons reportedly included two dozen handguns", "It was reported this
week that court filings reveal …", "RedBird has been reported as a potential
buyer": a careful reader sees attributed information whose source the
article does not name. Each is an attribution with no speaker (the contract's
"unresolved": no speaker phrase, no entity), the adverb or the passive verb as
its cue (data/attribution_hearsay.json).

Left alone: a clause inside someone's reported words or a quotation (it is
theirs), a passive with an agent ("reported by Bloomberg": the parse pass
names that source) and a passive with neither a clause nor a subject of its
own to report.
"""

from __future__ import annotations

import re
from functools import lru_cache

from spacy.tokens import Token

from newsgraph.analyse.attributions.found import Found
from newsgraph.analyse.attributions.ledger import Ledger
from newsgraph.analyse.attributions.passes.record import classify, record
from newsgraph.analyse.attributions.scene import Scene
from newsgraph.analyse.text.data import load_json


@lru_cache(maxsize=1)
def _words() -> tuple[frozenset[str], frozenset[str]]:
    raw = load_json("attribution_hearsay.json")
    return frozenset(raw["adverbs"]), frozenset(raw["passives"])


@lru_cache(maxsize=1)
def _hint() -> re.Pattern[str]:
    """Any word of the lists in the text at all (most documents have none: the token loop is skipped)."""
    adverbs, passives = _words()
    return re.compile("|".join(re.escape(w[:5]) for w in sorted(adverbs | passives)), re.I)


def hearsay(scene: Scene, ledger: Ledger) -> list[Found]:
    first = len(ledger.found)
    if not _hint().search(scene.text):
        return []
    adverbs, passives = _words()
    for t in scene.doc:
        adverb = t.lower_ in adverbs and t.dep_ == "advmod"
        if not adverb and not (t.tag_ == "VBN" and t.lemma_.lower() in passives and _agentless_passive(t)):
            continue  # (the cheap tests first: this runs on every token)
        if ledger.cue_claimed(t.i) or scene.in_quote(t.idx) is not None:
            continue
        span = _clause(scene, t.head) if adverb else _reported_clause(scene, t)
        if span is None or any(f.content[0] < span[1] and span[0] < f.content[1]
                               and not (span[0] <= f.content[0] and f.content[1] <= span[1]) for f in ledger.found):
            continue  # inside (or across) what someone is already reported to have said
        kind, content = classify(scene, ledger, span)
        ledger.claim_cue(t.i)
        record(scene, ledger, kind, content, (t.idx, t.idx + len(t)), None, "hearsay")
    return list(ledger.found[first:])


def _agentless_passive(verb: Token) -> bool:
    deps = {c.dep_ for c in verb.children}
    return "auxpass" in deps and "agent" not in deps


def _clause(scene: Scene, verb: Token) -> tuple[int, int] | None:
    """The clause the verb heads, as reported content (at least four words)."""
    if verb.i - verb.left_edge.i + verb.right_edge.i - verb.i < 3:
        return None
    return scene.trim(verb.left_edge.i, verb.right_edge.i)


def _reported_clause(scene: Scene, verb: Token) -> tuple[int, int] | None:
    """"It was reported that …": the that-clause; "X has been reported as a buyer":
    the whole clause, X included (what is reported is about X)."""
    comp = next((c for c in verb.children if c.dep_ == "ccomp"), None)
    if comp is not None:
        return scene.trim(comp.left_edge.i, comp.right_edge.i)
    subj = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
    if subj is None or subj.lower_ in ("it", "this", "that") or not any(c.dep_ == "prep" for c in verb.children):
        return None
    return _clause(scene, verb)
