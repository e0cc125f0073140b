"""Rule-based speaker resolution: who "he", "the prime minister" or "the ministry" is.

`resolve_speaker(scene, start, end, content=None)` takes the char span of a
speaker as the article writes it (and optionally the span of what was said)
and returns the Entity it refers to, or None when the rules are not sure: an
unresolved speaker is better than a wrong one.

How it decides:
- A span that contains a named mention at its head ("Blinken", "Israeli Prime
  Minister Benjamin Netanyahu") is that entity. "U.S. officials" is not the
  United States: the head word "officials" (the parse head, else the last
  word) is not part of the mention; "a meeting in Cairo" is not Cairo.
- "he"/"she": PERSON entities mentioned in the current and two previous
  paragraphs (outside quotation marks), filtered by gender (first names,
  honorifics, gendered titles from the entities stage) and ranked by being an
  earlier speaker, being a grammatical subject (main clause more than
  embedded), and recency. A close second candidate of the same gender means
  None, and so do two people introduced in one sentence when neither has
  spoken yet ("Dunn phoned Hollis. He said ..."), unless the quotation speaks
  of "him"/"her" (then the speaker is the other one, the subject).
- "I" inside a quotation is the speaker of that quotation; "we" is that
  speaker only when it is an organisation or country.
- "they"/"it": the organisation or country that spoke or was the subject last.
- Descriptions: "the prime minister" needs an entity with a matching title
  ("Prime Minister"), found anywhere earlier; "the Israeli leader" must agree
  on affiliation; generic roles ("the official", "the 45-year-old") take a
  recent person; "the ministry" / "the company" take the organisation whose
  name or kind matches. Only definite descriptions point back: plurals
  ("the officials"), indefinites ("a spokesman") and possessives ("his
  aide") stay unresolved.

Contract with the attributions stage (and anyone else calling this):
    Build one `SpeakerContext.of(ctx)` per document and call resolve_speaker in
    document order. After resolving each speaker, append it to `scene.notes`
    as a `SpeakerNote(start, end, entity_id, content_start, content_end)`: the
    speaker span, its resolved entity id (None if unresolved) and the content
    span. A tuple in that order or a finished `Attribution` is accepted too.
    Only notes whose speaker starts before the span being resolved are used.
    (start, end, entity_id) triples work; the content span lets "I" inside a
    quotation find its speaker directly, else the speaker written next to the
    quotation is used.

Hand-offs read (through `SpeakerContext.of`): SPACY_DOC, ENTITY_INDEX (else ENTITIES),
ENTITY_GENDER, ENTITY_SUBJECTS.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import NamedTuple

from spacy.tokens import Doc, Token

from newsgraph.analyse.attributions.owners import document_owner, is_document
from newsgraph.analyse.entities import ENTITIES, ENTITY_GENDER, ENTITY_INDEX, ENTITY_SUBJECTS
from newsgraph.analyse.entities.stage import (
    EntityIndex,
    country_of,
    gender_of_first_name,
    knowledge,
)
from newsgraph.analyse.nlp import SPACY_DOC
from newsgraph.analyse.text.data import load_json
from newsgraph.analyse.text.quotes import quotation_spans
from newsgraph.model import Attribution, Entity
from newsgraph.pipeline.stage import AnalysisContext


class SpeakerNote(NamedTuple):
    start: int
    end: int
    entity_id: str | None
    content_start: int | None = None
    content_end: int | None = None


# possessives too: "his statement", "their lawsuit" speak for the owner (owners.py)
PERSON_PRONOUNS = {"he": "m", "she": "f", "him": "m", "her": "f", "his": "m"}
GROUP_PRONOUNS = {"they", "it", "them", "their", "its"}
RELATIVES = {"who", "which", "that", "whom"}
# only a definite description points back; "a spokesman" is someone new and
# "his spokesman" is someone other than him
DETERMINERS = {"the", "this", "that"}
# words that qualify a description without changing who it can be
QUALIFIERS = {
    "former", "then", "ex", "top", "senior", "new", "longtime", "veteran", "outgoing", "incoming",
    "embattled", "beleaguered", "influential", "powerful", "visiting", "same", "other", "second",
    "first", "current", "acting", "interim", "also", "late", "young", "elderly", "local", "retired",
}
WORD = re.compile(r"[\w][\w.'’-]*")
PARAGRAPHS_BACK = 2
# the person the headline names is the story's protagonist, whom an unmarked
# "he" most often means: worth about as much as one earlier quote
TITLE_BONUS = 1.5
THIRD_PERSON = {"m": {"he", "him", "his", "himself"}, "f": {"she", "her", "hers", "herself"}}
SECURITY = {"MIL", "COP"}  # "the force" may be the police or an army


@dataclass
class SpeakerContext:
    """What speaker resolution reads of one document, gathered once per document.

    `notes` are the speakers resolved so far, in document order: the caller
    appends each one (a `SpeakerNote`, a plain tuple in its field order, or a
    finished `Attribution`) right after resolving it, so the next call can
    prefer the most recent speaker.
    """

    text: str
    doc: Doc | None
    index: EntityIndex
    genders: dict[str, str]
    subjects: dict[tuple[int, int], float]
    quotes: list[tuple[int, int]]
    notes: list[SpeakerNote | tuple[int, int, str | None] | Attribution] = field(default_factory=list)
    title: str = ""  # the headline: who it names is who the story is about

    @classmethod
    def of(cls, ctx: AnalysisContext) -> SpeakerContext:
        """The scene from the hand-offs of the nlp and entities stages."""
        index = ctx.get(ENTITY_INDEX, None) or EntityIndex(ctx.get(ENTITIES, ()))
        return cls(text=ctx.text, doc=ctx.get(SPACY_DOC, None), index=index,
                   genders=ctx.get(ENTITY_GENDER, {}), subjects=ctx.get(ENTITY_SUBJECTS, {}),
                   quotes=quotation_spans(ctx.text), title=getattr(ctx.article, "title", None) or "")


def _in_quote(spans: list[tuple[int, int]], start: int, end: int) -> tuple[int, int] | None:
    i = bisect.bisect_right(spans, (start, 10**12)) - 1
    if i >= 0 and spans[i][0] <= start and end <= spans[i][1]:
        return spans[i]
    return None


def _notes(scene: SpeakerContext, before: int) -> list[SpeakerNote]:
    """Earlier speakers, in document order."""
    notes: list[SpeakerNote] = []
    for item in scene.notes:
        if isinstance(item, Attribution):
            sp = item.speaker
            if sp.start is None or sp.end is None:
                continue
            n = SpeakerNote(sp.start, sp.end, sp.entity_id, item.content.start, item.content.end)
        else:
            n = SpeakerNote(*item)
        if n.start < before:
            notes.append(n)
    notes.sort(key=lambda n: n.start)
    return notes


def _window_start(text: str, pos: int) -> int:
    """Start of the paragraph PARAGRAPHS_BACK paragraphs before the one holding pos."""
    start = pos
    for _ in range(PARAGRAPHS_BACK + 1):
        i = text.rfind("\n\n", 0, start)
        if i < 0:
            return 0
        start = i
    return start + 2


def _words(text: str) -> list[str]:
    return [w.lower().rstrip("'’").removesuffix("'s").removesuffix("’s") for w in WORD.findall(text)]


def resolve_speaker(scene: SpeakerContext, start: int, end: int,
                    content: tuple[int, int] | None = None) -> Entity | None:
    """The entity a speaker span refers to, or None when the rules are not sure.

    `content` (optional) is the char span of what the speaker said; it helps
    with "“He saved us,” he said" when two men were just introduced.
    """
    raw = scene.text[start:end]
    lead = len(raw) - len(raw.lstrip())
    start, end = start + lead, start + len(raw.strip())
    if start >= end:
        return None
    text = scene.text[start:end]
    index = scene.index
    phrase = scene.doc.char_span(start, end, alignment_mode="contract") if scene.doc is not None else None
    if phrase is not None and len(phrase) and is_document(phrase.root):
        # "the lawsuit says": a document speaks for its owner, or for no one we can name
        return document_owner(phrase, index, lambda s, e: resolve_speaker(scene, s, e))
    if text in ("A", "Answer") and scene.text[end : end + 1] in (":", ".") and scene.text[start - 1 : start] in ("", "\n"):
        return _interviewee(scene)
    if phrase is not None and len(phrase) == 1 and phrase.root.lower_ in RELATIVES and not _acronym(phrase.root.text):
        return _relative(scene, phrase.root)
    named = _named(scene, index, start, end, text)
    if named is None or isinstance(named, Entity):
        return named
    words = _words(text)
    if _acronym(text):
        return _by_acronym(index, text)  # "WHO said" is an organisation, not "who"
    if not words:
        return None
    if len(words) == 1 and words[0] in PERSON_PRONOUNS:
        return _person_pronoun(scene, index, start, PERSON_PRONOUNS[words[0]], content)
    if len(words) == 1 and words[0] in ("i", "me", "we", "us"):
        return _first_person(scene, index, start, end, plural=words[0] in ("we", "us"))
    if len(words) == 1 and words[0] in GROUP_PRONOUNS:
        return _group_pronoun(scene, index, start)
    return _description(scene, index, start, words)


def _acronym(word: str) -> bool:
    """An all-capital word of two letters or more ("WHO", "IT" in a name list): a name, not a pronoun."""
    return len(word) >= 2 and word.isalpha() and word.isupper()


def _by_acronym(index: EntityIndex, acronym: str) -> Entity | None:
    """The one organisation whose name's capitalised words spell the acronym
    ("World Health Organization (WHO)" for "WHO"); None if none or several."""
    hits = set()
    for ent in index.by_id.values():
        if ent.type not in ("ORG", "GPE", "NORP"):
            continue
        words = [w.strip("()") for w in ent.name.split()]
        initials = "".join(w[0] for w in words if w[:1].isupper() and w != acronym)
        if initials == acronym or acronym in words or acronym in ent.aliases:
            hits.add(ent.id)
    return index.by_id[hits.pop()] if len(hits) == 1 else None


def _interviewee(scene: SpeakerContext) -> Entity | None:
    """Who answers the "A:" lines of a Q&A: the person the introduction (the text
    before the first question) names most often in the article; None if it names no one."""
    q = re.search(r"^[ \t\u00a0]*(?:Q|Question)[ \t\u00a0]*[:.]", scene.text, re.M)
    if q is None:
        return None
    people = {r[2].id: r[2] for r in scene.index.before(q.start()) if r[2].type == "PERSON"}
    if not people:
        return None
    ranked = sorted(people.values(), key=lambda e: (-len(e.mentions), e.mentions[0].start))
    if len(ranked) >= 2 and len(ranked[0].mentions) == len(ranked[1].mentions):
        return None  # the interviewer and the guest named as often: no way to tell
    return ranked[0]


def _relative(scene: SpeakerContext, who: Token) -> Entity | None:
    """"officials, who said …": a relative pronoun speaks for its antecedent, the
    noun the relative clause hangs on (resolved as that phrase would be)."""
    verb = who.head
    ante = verb.head
    if verb.dep_ != "relcl" or ante.i >= who.i or ante.pos_ not in ("NOUN", "PROPN"):
        return None
    return resolve_speaker(scene, ante.left_edge.idx, ante.idx + len(ante))


# ---------------------------------------------------------------- named speakers


def _named(scene: SpeakerContext, index: EntityIndex, start: int, end: int, text: str) -> Entity | None | bool:
    """The entity named at the head of the span; None to refuse; False when nothing is named."""
    rows = index.overlapping(start, end)
    # the head of an English noun phrase is its last word (before a possessive or punctuation)
    tail = text.rstrip(" ,.;:'’s") if text.endswith(("'s", "’s")) else text.rstrip(" ,.;:")
    head_end = start + len(tail)
    people = {r[2].id: r[2] for r in rows if r[2].type == "PERSON" and r[0] >= start - 1}
    if len(people) >= 2:
        return None  # "Blinken and Netanyahu": several speakers, not one entity
    if ", " in text:
        # "Tobin Marcus, a former adviser to …": a name that is the whole part
        # before the first comma is the speaker, whatever the appositive names
        first = start + text.index(",")
        lead = [r for r in rows if r[0] <= start and r[1] == first]
        if lead:
            return lead[0][2]
    if ", " in text and len(people) == 1 and _appositive_name(text, start, end, rows, next(iter(people))):
        return next(iter(people.values()))  # "the prime minister, Benjamin Netanyahu"
    head = _syntactic_head(scene, start, end)
    if head is not None:  # "a meeting in Cairo" is a meeting, not Cairo
        at_head = [r for r in rows if r[0] <= head[0] and head[1] <= r[1]]
    else:
        at_head = [r for r in rows if r[1] >= head_end]
    if at_head:
        order = ("PERSON", "ORG", "GPE", "NORP", "LOC", "FAC")
        return min(at_head, key=lambda r: order.index(r[2].type) if r[2].type in order else 9)[2]
    if any(r[2].type not in ("GPE", "NORP") for r in rows):
        return None  # "Netanyahu's office": the head is not the named thing
    if rows:
        return False  # "the Polish leader", "U.S. officials": a description with a place modifier
    # a capitalised name the tagger missed here but found elsewhere ("said Blinken")
    words = [w for w in WORD.findall(text) if w[:1].isupper()]
    if words and text[:1].isupper() and words[-1].lower() not in knowledge().title_words:
        name = words[-1].rstrip("'’s") if words[-1].endswith(("'s", "’s")) else words[-1]
        hits = {e.id: e for e in index.by_id.values() if name in e.aliases or name in e.name.split()}
        # "said Musk" in an article naming Elon Musk and the Musk Foundation: a
        # surname with a speech verb is the one person whose name ends with it
        people = {k: e for k, e in hits.items() if e.type == "PERSON" and e.name.split()[-1] == name}
        if len(hits) >= 2 and len(people) == 1:
            hits = people
        if len(hits) == 1:
            return next(iter(hits.values()))
    return False


def _appositive_name(text: str, start: int, end: int, rows: list[tuple[int, int, Entity]], eid: str) -> bool:
    """Whether the one person named in a phrase with commas is the phrase's own
    name: before the first comma ("Tobin Marcus, a former adviser to …") or after
    the last ("the prime minister, Benjamin Netanyahu"). A name inside the
    appositive ("…, a former adviser to Biden") is someone else."""
    first = start + text.index(",")
    last = start + text.rstrip(" ,").rfind(",")
    return any(r[2].id == eid and (r[1] <= first or r[0] > last) for r in rows)


def _syntactic_head(scene: SpeakerContext, start: int, end: int) -> tuple[int, int] | None:
    """Char span of the parse head of the phrase, when the parse has it."""
    doc = scene.doc
    if doc is None:
        return None
    span = doc.char_span(start, end, alignment_mode="contract")
    if span is None or len(span) == 0:
        return None
    root = span.root
    return root.idx, root.idx + len(root.text)


# ---------------------------------------------------------------- pronouns


def _candidates(scene: SpeakerContext, index: EntityIndex, start: int, types: tuple[str, ...],
                window: int | None = None) -> list[tuple[int, int, Entity]]:
    """Mentions of the given types before start (nearest first), outside quotations."""
    lo = _window_start(scene.text, start) if window is None else window
    quotes = scene.quotes
    out = []
    for row in index.before(start):
        if row[0] < lo:
            break
        if row[2].type in types and not _in_quote(quotes, row[0], row[1]):
            out.append(row)
    return out


def _rank(scene: SpeakerContext, rows: list[tuple[int, int, Entity]], notes: list[SpeakerNote],
          bonus: dict[str, float] | None = None) -> list[tuple[float, Entity]]:
    subjects: dict[tuple[int, int], float] = scene.subjects
    recent_speakers = [n.entity_id for n in notes if n.entity_id]
    last_speaker = recent_speakers[-1] if recent_speakers else None
    scores: dict[str, float] = {}
    ents: dict[str, Entity] = {}
    for rank, (s, e, ent) in enumerate(rows):
        # the article's main people are who a pronoun most often means
        score = 2.0 - 0.4 * rank + 0.25 * min(len(ent.mentions) - 1, 4)
        score += 1.5 * subjects.get((s, e), 0.0)
        if ent.type == "PERSON" and _in_title(scene.title, ent):
            score += TITLE_BONUS
        if ent.id == last_speaker:
            score += 2.5
        elif ent.id in recent_speakers:
            score += 1.0
        if bonus:
            score += bonus.get(ent.id, 0.0)
        if score > scores.get(ent.id, -99.0):
            scores[ent.id] = score
            ents[ent.id] = ent
    return sorted(((v, ents[k]) for k, v in scores.items()), key=lambda x: -x[0])


def _in_title(title: str, ent: Entity) -> bool:
    """Whether the headline names this person (by the last word of the name, "Musk" for Elon Musk)."""
    words = ent.name.split()
    return bool(title) and len(words) >= 2 and words[-1] in title \
        and re.search(rf"\b{re.escape(words[-1])}\b", title) is not None


def _decide(ranked: list[tuple[float, Entity]], margin: float = 1.0) -> Entity | None:
    if not ranked:
        return None
    if len(ranked) >= 2 and ranked[0][0] - ranked[1][0] < margin:
        return None
    return ranked[0][1]


def _adjacent_quote(scene: SpeakerContext, start: int) -> tuple[int, int] | None:
    """The quotation right before the speaker (“...,” he said) or right after the cue."""
    for qs, qe in scene.quotes:
        if qe <= start and not scene.text[qe:start].strip(" ,.;:—–-\n"):
            return qs, qe
        if qs > start:
            between = scene.text[start:qs]
            return (qs, qe) if len(between) < 20 and "\n" not in between else None
    return None


def _person_pronoun(scene: SpeakerContext, index: EntityIndex, start: int, gender: str,
                    content: tuple[int, int] | None = None) -> Entity | None:
    genders: dict[str, str] = scene.genders
    owner = _antecedent_person(scene, index, start, gender)
    if owner is not None:
        return owner
    notes = [n for n in _notes(scene, start) if n.start >= _window_start(scene.text, start)]
    rows = [r for r in _candidates(scene, index, start, ("PERSON",)) if genders.get(r[2].id, gender) == gender]
    # "Andrea Goldbarg" tagged as an organisation: a full name opening with a
    # first name of this gender is a person for a pronoun
    rows += [r for r in _candidates(scene, index, start, ("ORG",)) if _named_person_gender(r[2]) == gender]
    # a speaker of an earlier quote counts as mentioned even when written as a pronoun
    for n in notes:
        ent = index.by_id.get(n.entity_id or "")
        if ent and ent.type == "PERSON" and genders.get(ent.id, gender) == gender:
            rows.append((n.start, n.end, ent))
        elif ent and ent.type == "ORG" and _person_name(ent) and gender_of_first_name(ent.name.split()[0]) in (gender, None):
            # "Goldbarg said …" three times, then "she said": a speaker tagged as an
            # organisation whose name is a person's, of no known other gender
            rows.append((n.start, n.end, ent))
    rows.sort(key=lambda r: -r[0])
    known = {r[2].id: 0.75 for r in rows if genders.get(r[2].id) == gender}
    ranked = _rank(scene, rows, notes, known)
    if len(ranked) >= 2 and _same_sentence_newcomers(scene, rows, ranked, notes):
        # a quote that speaks of "him" is by the other one: the subject, ranked first
        quote = content or _adjacent_quote(scene, start)
        words = set(_words(scene.text[quote[0]:quote[1]])) if quote else set()
        if words & THIRD_PERSON[gender] and ranked[0][0] > ranked[1][0]:
            return ranked[0][1]
        return None  # "Dunn phoned Hollis. He said ...": two people met in one sentence, neither has spoken
    return _decide(ranked)


def _person_name(ent: Entity) -> bool:
    """Whether a name reads as a person's: two or three capitalised words, no organisation noun."""
    words = ent.name.split()
    org = knowledge().org_nouns
    return 2 <= len(words) <= 3 and all(w[:1].isupper() and not w.isupper() and w.lower() not in org for w in words)


def _antecedent_person(scene: SpeakerContext, index: EntityIndex, start: int, gender: str) -> Entity | None:
    """"a speech Trump gave in 2019, in which he said …", "Wolff's ruling, in which she
    wrote …": a pronoun in a relative clause is the one person named in the noun
    phrase the clause hangs on (whose speech, whose ruling)."""
    doc = scene.doc
    if doc is None:
        return None
    span = doc.char_span(start, start + 3, alignment_mode="expand")
    if span is None or not len(span):
        return None
    verb = span[0].head
    if verb.dep_ != "relcl" or verb.head.i >= span[0].i:
        return None
    ante = verb.head
    people = {r[2].id: r[2] for t in ante.subtree if t.i < verb.left_edge.i
              for r in index.overlapping(t.idx, t.idx + len(t))
              if r[2].type == "PERSON" and scene.genders.get(r[2].id, gender) == gender}
    return next(iter(people.values())) if len(people) == 1 else None


def _named_person_gender(ent: Entity) -> str | None:
    if not _person_name(ent):
        return None
    return gender_of_first_name(ent.name.split()[0])


def _same_sentence_newcomers(scene: SpeakerContext, rows: list[tuple[int, int, Entity]],
                             ranked: list[tuple[float, Entity]], notes: list[SpeakerNote]) -> bool:
    doc = scene.doc
    if doc is None:
        return False
    a, b = ranked[0][1], ranked[1][1]
    spoke = {n.entity_id for n in notes}
    if a.id in spoke or b.id in spoke:
        return False
    last: dict[str, tuple[int, int]] = {}
    for s, e, ent in rows:  # nearest first
        last.setdefault(ent.id, (s, e))
    spans = []
    for ent in (a, b):
        span = doc.char_span(*last[ent.id], alignment_mode="expand")
        if span is None:
            return False
        spans.append(span)
    if spans[0].sent.start != spans[1].sent.start:
        return False
    # "Richard Carter, head of research at Quilter Cheviot": a name inside the
    # other's description is part of who that one is, not a second newcomer
    return not any(spans[1 - k].root.is_ancestor(spans[k].root) for k in (0, 1))


def _first_person(scene: SpeakerContext, index: EntityIndex, start: int, end: int, plural: bool) -> Entity | None:
    quote = _in_quote(scene.quotes, start, end)
    if quote is None:
        return None  # the reporter, or someone we cannot see
    for n in reversed(_notes(scene, 10**12)):
        if n.content_start is not None and n.content_end is not None and n.content_start <= start < n.content_end:
            ent = index.by_id.get(n.entity_id or "")
            if ent is None:
                return None
            if plural and ent.type == "PERSON":
                return None  # "we" in a minister's quote is a government, not the minister
            return ent
    # without content spans: the speaker written right after or before the quotation
    for n in _notes(scene, 10**12):
        near_after = 0 <= n.start - quote[1] <= 30 and "\n" not in scene.text[quote[1] : n.start]
        near_before = 0 <= quote[0] - n.end <= 30 and "\n" not in scene.text[n.end : quote[0]]
        if near_after or near_before:
            ent = index.by_id.get(n.entity_id or "")
            if ent is None or plural and ent.type == "PERSON":
                return None
            return ent
    return None


def _group_pronoun(scene: SpeakerContext, index: EntityIndex, start: int) -> Entity | None:
    notes = [n for n in _notes(scene, start) if n.start >= _window_start(scene.text, start)]
    rows = _candidates(scene, index, start, ("ORG", "GPE"))
    for n in notes:
        ent = index.by_id.get(n.entity_id or "")
        if ent and ent.type in ("ORG", "GPE"):
            rows.append((n.start, n.end, ent))
    rows.sort(key=lambda r: -r[0])
    # only a group that spoke or was a subject can be "they said" without guessing
    subjects = scene.subjects
    spoke = {index.by_id[n.entity_id].id for n in notes if n.entity_id in index.by_id}
    rows = [r for r in rows if (r[0], r[1]) in subjects or r[2].id in spoke]
    return _decide(_rank(scene, rows, notes), margin=1.0)


# ---------------------------------------------------------------- descriptions


def _description(scene: SpeakerContext, index: EntityIndex, start: int, words: list[str]) -> Entity | None:
    k = knowledge()
    if words[0] not in DETERMINERS:
        return None  # "officials", "a spokesman", "his aide": not one definite, known thing
    words = words[1:]
    affiliation = None
    core: list[str] = []
    for w in words:
        if w in QUALIFIERS or re.fullmatch(r"\d+-year-old", w):
            if w.endswith("year-old"):
                core.append("person")
            continue
        c = country_of(w)
        if c and not core:
            affiliation = c["name"]
            continue
        core.append(w)
    if not core:
        return None
    head = core[-1]
    if head.endswith("s") and head[:-1] in k.person_nouns | set(k.org_nouns) and head not in k.org_nouns:
        return None  # a plural: "the officials"
    phrase = " ".join(core)
    title = next((" ".join(core[i:]) for i in range(len(core)) if " ".join(core[i:]) in k.titles), None)
    if title or head in k.person_nouns or head == "person":
        return _person_description(scene, index, start, title, head, affiliation)
    if head in k.org_nouns or phrase in k.org_nouns or any(
        e.type == "ORG" and head in e.name.lower().split() for e in index.by_id.values()
    ):
        return _org_description(scene, index, start, core, affiliation)
    return None


def _title_head(title: str) -> str:
    """The noun a title is built on: "secretary" for "Secretary of State"."""
    words = title.split(" of ")[0].split(" for ")[0].split()
    return words[-1] if words else title


def _expand(title: str, abbreviations: dict[str, str]) -> str:
    return " ".join(abbreviations.get(w, w) for w in title.lower().split())


def _person_description(scene: SpeakerContext, index: EntityIndex, start: int, title: str | None,
                        head: str, affiliation: str | None) -> Entity | None:
    k = knowledge()
    genders: dict[str, str] = scene.genders
    want_gender = k.gendered_nouns.get(head)
    notes = _notes(scene, start)
    generic = title is None or title in ("official", "leader", "head", "chief", "executive", "source") or head in (
        "person", "man", "woman", "spokesman", "spokeswoman", "spokesperson", "aide", "diplomat")
    # a specific title may point back to the article's start; a generic role only to recent text
    rows = _candidates(scene, index, start, ("PERSON",), window=None if generic else 0)
    bonus: dict[str, float] = {}
    kept = []
    for r in rows:
        ent = r[2]
        g = genders.get(ent.id)
        if want_gender and g and g != want_gender:
            continue
        if affiliation and ent.affiliation and ent.affiliation != affiliation:
            continue
        titles = [_expand(t, k.abbreviations) for t in ent.titles if t]
        exact = title is not None and any(t == title or t.endswith(" " + title) for t in titles)
        match = exact or title is not None and any(_title_head(t) == _title_head(title) for t in titles)
        if not generic and not match:
            continue
        if match:
            bonus[ent.id] = 4.0 if exact else 3.0
        if affiliation and ent.affiliation == affiliation:
            bonus[ent.id] = bonus.get(ent.id, 0.0) + 3.0
        kept.append(r)
    if not kept:
        return None
    best = max(bonus.values(), default=0.0)
    matched = {r[2].id for r in kept if best >= 3.0 and bonus.get(r[2].id, 0) == best}
    spoke = {n.entity_id for n in notes}
    if len(matched) >= 2 and not matched & spoke:
        return None  # two presidents in the story and neither has spoken yet
    if len(matched) == 1:
        return next(r[2] for r in kept if r[2].id in matched)  # the one defense minister
    recent = [n for n in notes if n.start >= _window_start(scene.text, start)]
    return _decide_fresh(scene, kept, _rank(scene, kept, recent, bonus), recent)


def _org_description(scene: SpeakerContext, index: EntityIndex, start: int, core: list[str],
                     affiliation: str | None) -> Entity | None:
    k = knowledge()
    head = core[-1]
    if head in ("government", "administration") and affiliation:
        hits = {e.id: e for e in index.by_id.values() if e.type == "GPE" and e.name == affiliation}
        return next(iter(hits.values())) if len(hits) == 1 else None
    sector = k.org_nouns.get(" ".join(core[-2:])) or k.org_nouns.get(head)
    rows = _candidates(scene, index, start, ("ORG",), window=0)
    bonus: dict[str, float] = {}
    kept = []
    for r in rows:
        ent = r[2]
        name_words = ent.name.lower().split()
        if head in name_words:
            bonus[ent.id] = 4.0
        else:
            kind = k.org_nouns.get(name_words[-1]) if name_words else None
            if head in _generic_org_nouns():
                pass  # "the organization" may be a union, a party or a ministry alike
            elif kind and kind != sector and not {kind, sector} <= SECURITY:
                continue  # "the company" is not the Health Ministry
            if kind is None and sector not in ("BUS", "REB", "NGO"):
                continue  # a bare name ("Hamas", "Apple") can be a company or group, not a ministry
            if kind is None and any(w not in name_words for w in core[:-1]):
                continue  # "the activist organization": nothing in a bare name ("Boeing") says activist
            bonus[ent.id] = 1.0 if kind == sector else 0.0
        kept.append(r)
    if not kept:
        return None
    notes = [n for n in _notes(scene, start) if n.start >= _window_start(scene.text, start)]
    return _decide_fresh(scene, kept, _rank(scene, kept, notes, bonus), notes)


@lru_cache(maxsize=1)
def _generic_org_nouns() -> frozenset[str]:
    return frozenset(load_json("attribution_speakers.json")["generic_org_nouns"])


def _decide_fresh(scene: SpeakerContext, rows: list[tuple[int, int, Entity]], ranked: list[tuple[float, Entity]],
                  notes: list[SpeakerNote]) -> Entity | None:
    """Like _decide, but two candidates named in one sentence, neither yet a speaker, is a tie."""
    if len(ranked) >= 2 and _same_sentence_newcomers(scene, rows, ranked, notes):
        return None
    return _decide(ranked)


