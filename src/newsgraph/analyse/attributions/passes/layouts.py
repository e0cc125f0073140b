"""Pass 2b, attributions that the page's layout makes, not a cue verb.

- a speaker heading: a line that is only a name, with an optional
  description, and a colon ("Maria Lindqvist, chief economist at Harbor
  Bank:"), then one or more paragraphs that are that person's words, up to
  the next heading (an economists' outlook, a panel of voters);
- a labelled bullet or line with a description ("• Tom Reyes, 52, farmer:
  “…”"): the name is the speaker, the rest of the line the content
  (a bare `NAME: …` line is passes/labels.py's);
- a Q&A transcript: "Q:" lines are the interviewer's questions (not
  attributions: questions the article asks), "A:" lines are the answers,
  spoken by the interviewee (speakers.py resolves the "A" label to the
  person the introduction names);
- a sign-off under a quotation: a paragraph that is one quotation and a
  next line "— Name[, description]".

Every content here is claimed like a quotation's, so the later passes do
not report it again.
"""

from __future__ import annotations

import re

from newsgraph.analyse.attributions.found import Found
from newsgraph.analyse.attributions.ledger import Ledger
from newsgraph.analyse.attributions.passes.record import classify, record
from newsgraph.analyse.attributions.scene import Scene
from newsgraph.analyse.text.cues import lexicon

_NAME = r"[A-Z][\w.'’-]*(?:[ \u00a0](?:[A-Z][\w.'’-]*|de|van|von|der|da|al|bin))*"
_BULLET = r"(?:[•*·▪‣-][ \t\u00a0]*)?"
# "Maria Lindqvist, chief economist at Harbor Bank:" alone on its line
_HEADING = re.compile(rf"^[ \t\u00a0]*{_BULLET}({_NAME})(,[^:\n]{{1,100}})?[ \t\u00a0]*:[ \t\u00a0]*$", re.M)
# "• Tom Reyes, 52, farmer: “…”" / "Tom Reyes, 52, farmer: …" on one line
_LABELLED = re.compile(rf"^[ \t\u00a0]*{_BULLET}({_NAME}),([^:\n“\"]{{1,100}}):[ \t\u00a0]+(\S[^\n]*)$", re.M)
# "Quinn: My plan …" — a bare name label; a transcript when two or more names take turns
_TURN = re.compile(rf"^[ \t\u00a0]*({_NAME})[ \t\u00a0]*:[ \t\u00a0]+(\S[^\n]*)$", re.M)
_ANSWER = re.compile(r"^[ \t\u00a0]*(A|Answer)[ \t\u00a0]*[:.][ \t\u00a0]+(\S[^\n]*)$", re.M)
_SIGN_OFF = re.compile(r"\n[ \t\u00a0]*[―—–-]{1,2}[ \t\u00a0]*(" + _NAME + r")(?:,[^\n]{0,100})?[ \t\u00a0]*$", re.M)
_PARAGRAPHS_PER_HEADING = 4


def layouts(scene: Scene, ledger: Ledger) -> list[Found]:
    first = len(ledger.found)
    taken: list[tuple[int, int]] = []
    _headings(scene, ledger, taken)
    _labelled(scene, ledger, taken)
    _answers(scene, ledger, taken)
    _turns(scene, ledger, taken)
    _sign_offs(scene, ledger, taken)
    return list(ledger.found[first:])


def _name_ok(name: str) -> bool:
    words = name.replace("\u00a0", " ").split()
    stop = lexicon().label_stoplist
    return 1 <= len(words) <= 5 and not any(w.lower().strip(".'’") in stop for w in words)


def _add(scene: Scene, ledger: Ledger, taken: list[tuple[int, int]], name: tuple[int, int],
         content: tuple[int, int] | None, cue: tuple[int, int] | None, method: str) -> None:
    if content is None or any(a < content[1] and content[0] < b for a, b in taken) \
            or any(f.content[0] < content[1] and content[0] < f.content[1] for f in ledger.found):
        return
    kind, span = classify(scene, ledger, content)
    span_doc = scene.doc.char_span(name[0], name[1], alignment_mode="expand")
    head = (span_doc[-1].idx, span_doc[-1].idx + len(span_doc[-1])) if span_doc is not None and len(span_doc) else name
    taken.append(span)
    record(scene, ledger, kind, span, cue, None, method, speaker=name, head=head)


def _trimmed(scene: Scene, s: int, e: int) -> tuple[int, int] | None:
    text = scene.text
    while s < e and text[s] in " \t\u00a0•*·▪‣-":
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return (s, e) if e - s >= 2 else None


def _headings(scene: Scene, ledger: Ledger, taken: list[tuple[int, int]]) -> None:
    text = scene.text
    heads = [m for m in _HEADING.finditer(text) if _name_ok(m.group(1))]
    for n, m in enumerate(heads):
        stop = heads[n + 1].start() if n + 1 < len(heads) else len(text)
        pos = m.end()
        for _ in range(_PARAGRAPHS_PER_HEADING):
            para = re.compile(r"\S[^\n]*").search(text, pos, stop)
            if para is None or _HEADING.match(text, text.rfind("\n", 0, para.start()) + 1):
                break
            # after a blank line, a paragraph not in quotation marks may be the writer's
            # again, unless another heading follows: in a panel ("Name:" blocks one
            # after another) every paragraph up to the next heading is that speaker's
            if pos != m.end() and n + 1 == len(heads) and text[para.start()] not in "“\"'‘" and para.start() > 0 \
                    and text[pos:para.start()].count("\n") >= 2 and not _quoted_paragraph(text, para.start(), para.end()):
                break
            _add(scene, ledger, taken, m.span(1), _trimmed(scene, *para.span()), (m.end(1) + len(m.group(2) or ""), m.end()), "layout-heading")
            pos = para.end()


def _quoted_paragraph(text: str, s: int, e: int) -> bool:
    line = text[s:e].strip()
    return line[:1] in "“\"‘'" and line.rstrip()[-1:] in "”\"’'"


def _labelled(scene: Scene, ledger: Ledger, taken: list[tuple[int, int]]) -> None:
    for m in _LABELLED.finditer(scene.text):
        bullet = scene.text[m.start() : m.start(1)].strip() != ""
        desc = m.group(2).split()
        # "Ah, Ted Cruz endorses Trump, who says …:" is a sentence, not a name and a role:
        # a full name (or a bullet) and a short description with no clause in it
        if not _name_ok(m.group(1)) or not (bullet or len(m.group(1).split()) >= 2) or len(desc) > 10 \
                or any(w.lower().strip(",") in ("who", "which", "says", "said", "that") for w in desc):
            continue
        colon = m.start(3) - 1
        while scene.text[colon] != ":":
            colon -= 1
        _add(scene, ledger, taken, m.span(1), _trimmed(scene, *m.span(3)), (colon, colon + 1), "layout-label")


def _answers(scene: Scene, ledger: Ledger, taken: list[tuple[int, int]]) -> None:
    text = scene.text
    if not re.search(r"^[ \t\u00a0]*(?:Q|Question)[ \t\u00a0]*[:.]", text, re.M):
        return  # an "A:" line is an answer only in a transcript that asks questions
    for m in _ANSWER.finditer(text):
        _add(scene, ledger, taken, m.span(1), _trimmed(scene, *m.span(2)), None, "layout-answer")


def _turns(scene: Scene, ledger: Ledger, taken: list[tuple[int, int]]) -> None:
    """`Quinn: …` / `Harlow: …` lines: two or more different names taking turns at the
    start of paragraphs make a transcript (one such line alone may be a headline)."""
    turns = [m for m in _TURN.finditer(scene.text) if _name_ok(m.group(1)) and len(m.group(1).split()) <= 3]
    if len({m.group(1) for m in turns}) < 2:
        return
    for m in turns:
        colon = scene.text.index(":", m.end(1))
        _add(scene, ledger, taken, m.span(1), _trimmed(scene, *m.span(2)), (colon, colon + 1), "layout-turn")


def _sign_offs(scene: Scene, ledger: Ledger, taken: list[tuple[int, int]]) -> None:
    text = scene.text
    for qi, q in enumerate(scene.quotes):
        if ledger.quote_claimed(qi):
            continue
        m = _SIGN_OFF.match(text, q.end)
        if m is None or not _name_ok(m.group(1)):
            continue
        dash = text.index(m.group(0).strip()[0], q.end)
        _add(scene, ledger, taken, m.span(1), (q.start, q.end), (dash, dash + 1), "layout-sign-off")
