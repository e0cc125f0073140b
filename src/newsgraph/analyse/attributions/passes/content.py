"""What a cue verb attributes, from the dependency parse: its complement clause
(`said that …`, `plans to …`), the object it acts on (`criticized the plan`),
or for a speech verb with neither, the words around it (`warned of …`,
`told reporters that …`, `…, X said.`).

Read-only helpers of the reported-speech pass: token ranges in, character
spans out, nothing claimed.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from newsgraph.analyse.attributions.found import _OBJECT_PREPS, _SPEAKER_DEPS, is_quote
from newsgraph.analyse.attributions.scene import Scene
from newsgraph.analyse.text.cues import cue_class, lemma, lexicon, object_particle

CharSpan = tuple[int, int]


def complement(scene: Scene, v: Token, cls: str) -> CharSpan | None:
    """The content cue v of class cls attributes, as a character span; None if none."""
    comp = _clause_of(v, cls)
    if comp is not None:
        return _clause_content(scene, v, cls, comp)
    if _acts_on_object(v, cls):
        charge = _charge(scene, v)
        if charge is not None:
            return charge
        obj = object_content(scene, v)
        if obj is not None or cls != "speech" or _prepositional_content(v) is None:
            return obj
        # "admitted to providing weapons": a speech verb with no object reports
        # the phrase of the preposition it takes for content
    if cls != "speech":
        return None
    return _speech_without_clause(scene, v)


# -------------------------------------------------------- a complement clause
def _clause_of(v: Token, cls: str) -> Token | None:
    """The complement clause of cue v: a ccomp, or for speech and intention the
    `to` infinitive; the first after the cue, else the last before it."""
    comps = [c for c in v.children if c.dep_ == "ccomp"]
    if cls in ("cognition", "evidence", "intention"):
        comps = [c for c in comps if c.i > v.i and any(x.dep_ in ("nsubj", "nsubjpass", "mark", "expl") for x in c.children)]
    # "plans to raise taxes": a plan or wish is held by the subject; the
    # infinitive is what is attributed (not "is expected to", which has no holder)
    intends = lemma(v) in lexicon().intention and not any(c.dep_ in ("auxpass", "nsubjpass", "dobj") for c in v.children)
    if not comps and (cls == "speech" or intends):
        comps = [c for c in v.children if c.dep_ == "xcomp" and (cls == "speech" or c.i > v.i) and any(a.lower_ == "to" for a in c.children)]
    if not comps:
        return None
    right = [c for c in comps if c.i > v.i]
    return right[0] if right else comps[-1]


def _clause_content(scene: Scene, v: Token, cls: str, comp: Token) -> CharSpan | None:
    a, b = _clause_opening(v, cls, comp), comp.right_edge.i
    if comp.i > v.i:
        a = max(a, v.i + 1)
        b = _clause_end(scene, v, a, b)
    elif b >= v.i:
        return None  # a clause before the cue that runs over it is no content of it
    return scene.trim(a, b)


def _clause_opening(v: Token, cls: str, comp: Token) -> int:
    """First token of the content: the clause's left edge, or an object of the
    cue before it that the parser split off the clause."""
    obj = [c for c in v.children if c.dep_ == "dobj" and v.i < c.i < comp.i]
    if comp.dep_ == "xcomp":
        # "urged North Korea to resume talks": the one urged belongs to the content
        if obj and lemma(v) != "ask":
            return obj[0].left_edge.i
    elif cls == "speech" and lemma(v) not in lexicon().addressee_verbs \
            and not any(c.dep_ in _SPEAKER_DEPS for c in comp.children):
        # "said attendance at the schools rose …": the parser made the clause's
        # subject an object of the cue; it is the start of what was said
        if obj:
            return obj[0].left_edge.i
    return comp.left_edge.i


def _clause_end(scene: Scene, v: Token, a: int, b: int) -> int:
    """Last token of a clause after the cue, [a, b] as the parser gives it."""
    doc = scene.doc
    # the parser often cuts the clause short; it runs to the sentence end
    # unless a new clause is joined on (", adding that …", "and …")
    # a cue inside a relative or adverbial clause speaks only within it
    # ("The mayor, who said the budget was balanced, left early.")
    end = v.right_edge.i if v.dep_ in ("relcl", "acl", "advcl") else v.sent.end - 1
    rest = [t for t in doc[b + 1 : end + 1] if scene.in_quote(t.idx) is None]
    if rest and not any(t.text in (";",) or new_speaker(t) for t in rest):
        b = end
    b = drop_trailing_aside(scene, a, b)
    # ", saying that …" / ", adding …" starts the next attribution
    for t in doc[a + 1 : b + 1]:
        if t.tag_ == "VBG" and cue_class(t) == "speech" and doc[t.i - 1].text == "," and scene.in_quote(t.idx) is None:
            b = t.i - 2
            break
    # a coordinated cue ("… and said she would …") starts a new attribution
    for t in doc[a : b + 1]:
        if t.dep_ == "conj" and t.head.i > v.i and cue_class(t) == "speech":
            cc = [x for x in t.head.children if x.dep_ == "cc" and x.i < t.i]
            b = (cc[-1].i if cc else t.left_edge.i) - 1
            break
    return _second_report(doc, v, a, b)


# the pronouns by which the writer goes on about the speaker after the content
_SAME_SPEAKER = frozenset(("he", "she", "they", "it", "we"))


def _second_report(doc: Doc, v: Token, a: int, b: int) -> int:
    """End the content before a clause that is the writer's again: a clause joined
    to the cue itself whose subject is a pronoun ("denied that …, and he pointed
    to …"), or a second report of the same speaker hung on the content ("said he
    is not X as he once again asserted Y")."""
    for t in doc[a + 1 : b + 1]:
        subj = next((c for c in t.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if t.dep_ == "conj" and t.head.i == v.i and (subj is None and t.pos_ == "VERB" and t.tag_ == v.tag_
                                                     or subj is not None and subj.lower_ in _SAME_SPEAKER):
            # "…, and he pointed to …", "announced a plan and named a director"
            # go on about the speaker; "…, but the guards stopped her" may
            # still be what was said
            cc = [x for x in t.head.children if x.dep_ == "cc" and v.i < x.i < t.i]
            end = (cc[-1].i if cc else t.left_edge.i) - 1
        elif subj is not None and t.dep_ == "advcl" and cue_class(t) == "speech":
            mark = [x for x in t.children if x.dep_ == "mark" and x.lower_ in ("as", "while", "when")]
            if not mark:
                continue
            end = mark[0].i - 1
        else:
            continue
        while end > a and doc[end].is_punct and not is_quote(doc[end]):
            end -= 1
        if end - a >= 2:
            return end
    return b


def new_speaker(t: Token) -> bool:
    """A cue with a subject of its own after the clause starts another
    attribution; a cue word inside the reported events ("told her to
    leave") does not."""
    return cue_class(t) is not None and any(c.dep_ in _SPEAKER_DEPS for c in t.children)


def drop_trailing_aside(scene: Scene, a: int, b: int) -> int:
    """End the content before a closing aside set off by a comma: a
    non-restrictive relative clause (", which …"), a participle phrase
    (", forcing them …") or an appositive (", the presumed favourite")
    that runs to the end. These are the writer's words, not the speaker's."""
    doc = scene.doc
    for k in range(a + 1, b):
        if doc[k].text not in (",", "—", "–") or scene.in_quote(doc[k].idx) is not None:
            continue
        phrase = _aside_phrase(doc[k + 1])
        if phrase is not None and phrase.right_edge.i >= b - 1:
            return k - 1
    return b


def _aside_phrase(t: Token) -> Token | None:
    """The head of the aside that t opens after a comma or dash, if it opens one."""
    if t.lower_ in ("which", "who", "whose", "whom") and t.head.i > t.i - 1:
        return t.head
    if t.tag_ == "VBG" and t.dep_ in ("advcl", "acl", "xcomp", "conj"):
        return t
    if t.dep_ in ("det", "amod", "compound", "poss") and t.head.dep_ == "appos":
        return t.head
    if t.dep_ == "appos":
        return t
    if t.lower_ in ("though", "although", "whereas", "while") and t.dep_ == "mark":
        return t.head
    if t.lower_ == "as" and t.dep_ == "mark" and any(x.dep_ == "nsubj" for x in t.head.children):
        return t.head  # ", as aid groups warn of a famine"
    return None


# ------------------------------------------- the rule for verbs that take an object
# A journalist reads "Osei accused Norland of moving the goalposts" as Osei
# saying that Norland moved the goalposts: the charge is what she said, the
# accused and the preposition belong to the cue ("accused Norland of"). "Nand
# questioned the cost" or "praised the plan" says she took a stance on a thing,
# not what she said: not reported speech (the events layer records the act),
# unless the object holds her words (a quotation: "called the plan “reckless”")
# or a clause ("questioned why the delay had not been reported"). Such a stance
# is kept as method "parse-stance" with a confidence under 0.5, so default views
# leave it out while corpora that annotate stances (PolNeAR does) still see it.
# See docs/attributions.md.
_CLAUSE_WORDS = {"why", "how", "what", "whether", "who", "whom", "when", "where", "that", "if"}


def _charge(scene: Scene, v: Token) -> CharSpan | None:
    """"accused Norland of moving the goalposts": the charge after the verb's preposition."""
    preps = (lexicon().charge_verbs or {}).get(lemma(v), ())
    for c in v.rights:
        if c.dep_ == "prep" and c.lower_ in preps and c.i > v.i:
            objs = [x for x in c.children if x.dep_ in ("pobj", "pcomp")]
            if objs:
                return scene.trim(objs[0].left_edge.i, objs[0].right_edge.i)
    return None


def charge_cue_end(v: Token, content: CharSpan) -> int | None:
    """End of the cue "accused Norland of": the preposition right before the charge."""
    if lemma(v) not in (lexicon().charge_verbs or {}):
        return None
    doc = v.doc
    for t in doc[v.i + 1 : v.i + 12]:
        if t.idx + len(t) <= content[0] and t.lower_ in (lexicon().charge_verbs or {})[lemma(v)] \
                and not doc.text[t.idx + len(t) : content[0]].strip():
            return t.idx + len(t)
    return None


def mere_stance(scene: Scene, v: Token, span: CharSpan) -> bool:
    """A stance verb whose object is only a noun phrase: no words of the speaker's."""
    if lemma(v) not in lexicon().stance_verbs:
        return False
    if any(span[0] <= q.start < span[1] for q in scene.quotes):
        return False
    first = scene.doc[scene.tok_at(span[0])]
    if first.lower_ in _CLAUSE_WORDS:
        return False
    toks = scene.doc[scene.tok_at(span[0]) : scene.tok_at(span[1])]
    # "urged X to resume talks", "praised officials for acting fast": a clause inside speaks
    return not any(t.pos_ in ("VERB", "AUX") and t.dep_ in ("xcomp", "ccomp", "pcomp", "advcl") for t in toks)


# --------------------------------------------------------- an object acted on
def _acts_on_object(v: Token, cls: str) -> bool:
    """Whether what cue v attributes is its object rather than a clause."""
    lex = lexicon()
    if cls == "object" or lemma(v) in lex.object:
        return True
    # "Democrats want policies that …", "offered no proof": a wish or offer of a
    # named holder attributes its object too (not "decide", "refuse", which take an act)
    if cls == "intention" and lemma(v) in ("want", "offer", "prefer", "seek") and any(c.dep_ == "dobj" and c.i > v.i for c in v.children):
        return True
    # "Polls show a close contest": what a poll or record shows is attributed to it
    # (not "showed us the way": an addressee is no finding)
    return cls == "evidence" and lemma(v) == "show" and any(c.dep_ == "dobj" and c.i > v.i for c in v.children) \
        and not any(c.dep_ == "dative" for c in v.children)


def object_content(scene: Scene, v: Token) -> CharSpan | None:
    """What "criticized", "urged", "called for" … act on: the object phrase and
    the complements that go with it ("accused the GOP of stoking the issue")."""
    doc = scene.doc
    prep = object_particle(v)
    if prep is not None:
        objs = [c for c in prep.children if c.dep_ in ("pobj", "pcomp")]
        if not objs:
            return None
        a, b = objs[0].left_edge.i, objs[0].right_edge.i
        for c in v.rights:
            if c.i > b and c.dep_ in ("xcomp", "ccomp") and not any(t.text == "," for t in doc[b + 1 : c.left_edge.i]):
                b = c.right_edge.i
        return scene.trim(a, b)
    # a time phrase before the object ("announced on Friday the arrest of …") is no part of it
    rights = [c for c in v.rights if c.dep_ not in ("punct", "prt", "advmod", "npadvmod", "neg")
              and c.ent_type_ not in ("DATE", "TIME")
              and not (c.dep_ == "prep" and any(x.dep_ == "pobj" and x.ent_type_ in ("DATE", "TIME") for x in c.children))]
    if not rights or rights[0].dep_ not in ("dobj", "xcomp", "ccomp", "oprd", "dative"):
        return None
    a, b = rights[0].left_edge.i, rights[0].right_edge.i
    for c in rights[1:]:
        if any(t.text in (",", ";", "—", "–") for t in doc[b + 1 : c.left_edge.i]):
            break
        if c.dep_ in ("xcomp", "ccomp", "oprd", "dobj") or (c.dep_ == "prep" and c.lower_ in _OBJECT_PREPS):
            b = c.right_edge.i
        else:
            break
    return scene.trim(a, drop_trailing_aside(scene, a, b))


# ------------------------------------------------ a speech verb with no clause
def _speech_without_clause(scene: Scene, v: Token) -> CharSpan | None:
    """Content of a speech cue the parse gave no complement clause or object rule,
    by the first of these rules that applies."""
    doc, lex = scene.doc, lexicon()
    rng = _opening_phrase_clause(doc, v)
    if rng is None:
        rng = _prepositional_content(v)
    if rng is not None:
        return scene.trim(*rng)
    quoted = _quoted_object(scene, v)
    if quoted is not None:
        return quoted
    that = _that_clause(doc, v)
    if that is not None:
        return scene.trim(that, v.sent.end - 1)
    as_clause = _as_clause_content(scene, v)
    if as_clause is not None:
        return as_clause
    # "…, X said." / "…, said X.": content is what precedes the cue phrase
    if v.dep_ in ("advcl", "relcl", "acl") or any(c.dep_ == "mark" for c in v.children):
        return None
    before = _content_before_cue(doc, v)
    if before is not None:
        return scene.trim(v.sent.start, before)
    # "noted Bill Clinton's comments", "said as much": with no clause, what a
    # speech verb acts on is what was said (the one told is not)
    if lemma(v) not in lex.addressee_verbs and any(c.dep_ == "dobj" and c.i > v.i for c in v.children):
        return object_content(scene, v)
    return None


def _as_clause_content(scene: Scene, v: Token) -> CharSpan | None:
    """"As the Axios report suggested, two of the three could merge": a cue in an
    "as" clause that opens or closes the sentence, set off by a comma, reports the
    clause it hangs on."""
    doc = scene.doc
    mark = [c for c in v.children if c.dep_ == "mark" and c.lower_ == "as" and c.i == v.left_edge.i]
    if v.dep_ != "advcl" or not mark or any(c.dep_ in ("ccomp", "dobj", "xcomp") for c in v.children):
        return None
    if not any(c.dep_ in _SPEAKER_DEPS and c.i < v.i for c in v.children):
        return None
    head, end = v.head, v.right_edge.i + 1
    opens = mark[0].i == v.sent.start or doc[mark[0].i - 1].dep_ == "cc" and mark[0].i - 1 == v.sent.start
    if opens and end < len(doc) and doc[end].text == "," and head.right_edge.i > end + 3:
        # "As X said, …" (not "…, not, as X maintains, in …", where X may say the opposite)
        return scene.trim(end + 1, head.right_edge.i)
    start = mark[0].i - 1
    tail = [t for t in doc[v.i + 1 : v.right_edge.i + 1] if not t.is_punct]
    if start > head.left_edge.i + 3 and doc[start].text == "," and v.right_edge.i + 1 >= head.right_edge.i \
            and all(t.dep_ in ("advmod", "npadvmod") for t in tail):
        return scene.trim(head.left_edge.i, start - 1)  # "…, as X said."
    return None


def _opening_phrase_clause(doc: Doc, v: Token) -> tuple[int, int] | None:
    """"said after the convention he would not accept …": the parser made the
    clause an adverbial of its own opening phrase; it starts at its subject."""
    for c in v.rights:
        subj = [x for x in c.children if x.dep_ in _SPEAKER_DEPS and x.i < c.i]
        if c.dep_ == "advcl" and subj and not any(x.dep_ == "mark" for x in c.children) and c.tag_ != "VBG" \
                and doc[c.left_edge.i].dep_ == "prep" and c.left_edge.head.i == c.i:
            return subj[0].left_edge.i, c.right_edge.i
    return None


def _prepositional_content(v: Token) -> tuple[int, int] | None:
    """"warned of a famine": the object of the preposition the verb takes for content."""
    for c in v.rights:
        if c.dep_ == "prep" and c.lower_ in lexicon().prepositional_content.get(lemma(v), ()):
            # "admitted to providing weapons" reports; "admitted to hospital" does not
            deps = ("pcomp",) if c.lower_ == "to" else ("pobj", "pcomp")
            pobj = [x for x in c.children if x.dep_ in deps]
            if pobj:
                return pobj[0].left_edge.i, pobj[0].right_edge.i
    return None


def _quoted_object(scene: Scene, v: Token) -> CharSpan | None:
    """"emphasized his “bone-deep commitment”": an object that quotes someone."""
    for c in v.rights:
        if c.dep_ == "dobj" and lemma(v) not in lexicon().addressee_verbs:
            span = scene.trim(c.left_edge.i, c.right_edge.i)
            if span and any(span[0] <= q.start and q.end <= span[1] + 1 for q in scene.quotes):
                return span
    return None


def _that_clause(doc: Doc, v: Token) -> int | None:
    """Where "that …" starts after the cue and what stands between (the one
    told, a time, a place phrase) when the parse missed the clause."""
    addressee_verbs = lexicon().addressee_verbs
    nxt = v.i + 1
    if lemma(v) in addressee_verbs:
        obj = [c for c in v.rights if c.dep_ in ("dobj", "dative")]
        if obj:
            nxt = obj[0].right_edge.i + 1
            told = _told_clause(obj[0])
            if told is not None:
                return told
    # "X said that …" with a parse that missed the clause
    while nxt < v.sent.end and (doc[nxt].ent_type_ in ("DATE", "TIME") or doc[nxt].dep_ in ("dobj", "npadvmod")
                                and lemma(v) in addressee_verbs | {"say"}):
        nxt += 1
    # "tweeted in the early morning hours that …": a time or place phrase may stand between
    while nxt < v.sent.end and doc[nxt].dep_ == "prep" and doc[nxt].head.i == v.i and doc[nxt].right_edge.i + 1 < v.sent.end \
            and doc[doc[nxt].right_edge.i + 1].lower_ == "that" and not any(t.text == "," for t in doc[nxt : doc[nxt].right_edge.i + 1]):
        nxt = doc[nxt].right_edge.i + 1
    if nxt < v.sent.end and doc[nxt].lower_ == "that":
        return nxt
    return None


def _told_clause(obj: Token) -> int | None:
    """"told a meeting of leaders that few people understood …": a clause with
    "that" and a subject of its own is what was told, not a relative clause on
    the addressee obj. Where its "that" is."""
    for x in obj.subtree:
        that = [c for c in x.children if c.dep_ == "mark" and c.lower_ == "that" and c.i < x.i]
        if x.dep_ == "relcl" and that and any(c.dep_ in _SPEAKER_DEPS for c in x.children):
            return that[0].i
    return None


def _content_before_cue(doc: Doc, v: Token) -> int | None:
    """"…, X said." / "…, said X.": when only the speaker, a time or an adverbial
    follows the cue, the content is what precedes the comma before the cue
    phrase; the last token of it."""
    tail = doc[v.i + 1 : v.sent.end]
    if not all(t.is_punct or t.dep_ in _SPEAKER_DEPS or t.ent_type_ in ("DATE", "TIME") or t.head.i != v.i and t.head.dep_ in _SPEAKER_DEPS
               or t.dep_ in ("npadvmod", "prep", "pobj", "det", "compound", "amod", "dobj") for t in tail):
        return None
    left = v.left_edge.i
    subj = [c for c in v.children if c.dep_ in _SPEAKER_DEPS and c.i < v.i]
    if subj:
        left = min(left, subj[0].left_edge.i)
    k = left - 1
    if k > v.sent.start and doc[k].text in (",", "—", "–"):
        return k - 1
    return None
