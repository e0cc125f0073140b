"""News-specific filters for the lines a main-text extractor lets through.

trafilatura finds the article container well but keeps what news templates
put inside it: promo and ad labels, "Related:" and "Don't miss" teasers,
share, follow and newsletter prompts, photo captions and credits, copyright
and reprint notices, contributor lines, update stamps, and menus or link
lists at the edges of the text. Each rule here is a general pattern of news
templates; every removed line is kept with its reason (`Article.removed`).

Reasons: promo, related, share, newsletter, credit, rights, contributors,
timestamp, title, navigation, duplicate.
"""

from __future__ import annotations

import re

from newsgraph.extract.credits import parse_credit, parse_rights
from newsgraph.model import Credit, Removed, Rights

_I = re.I

# Lines a page template adds around every article.
_BOILERPLATE = re.compile(
    r"^(?:source link|about the author|scroll to top|back to top|read more|read next|related(?: articles| stories| posts)?:?"
    r"|related:.*|see also:.*|advertisement|sponsored(?: content)?|share(?: this)?(?: article| story)?|share on \w+"
    r"|tweet|email|print|comments?|leave a comment|\d+ comments?|sign up.*newsletter.*|subscribe.*|follow us.*"
    r"|click here.*|tags?:.*|filed under:?.*|more from .*|recommended(?: for you)?|trending(?: now)?|skip to (?:main )?content"
    r"|menu|search|home|log ?in|sign ?in|sign ?up|close|next article|previous article|loading\.*"
    r"|(?:facebook|twitter|linkedin|whatsapp|reddit|pinterest|x)(?:\s*[|/·]\s*\w+)*"
    r"|copy link|link copied|listen to (?:this )?article.*|\d+ min(?:ute)? read|image \d+ of \d+)$",
    re.I,
)

# One-line labels and prompts. Each is anchored on the whole line, so a
# sentence that merely mentions a newsletter stays.
_LINE_RULES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("promo", re.compile(
        r"^(?:advertisement|advertising|ad|ads|sponsored(?: content| post)?|promoted(?: content)?|partner content"
        r"|paid (?:post|content)|story continues below(?: advertisement)?|continue reading(?: below| the main story)?"
        r"|article continues (?:below|after (?:this )?(?:ad|advertisement))|skip (?:this )?ad(?:vertisement)?"
        r"|(?:the )?story continues(?: below)?|scroll (?:down )?to continue(?: reading)?|read (?:the )?full (?:story|article)"
        r"|get .{0,60} (?:delivered|on the go|app)\b.*|download (?:the|our) .{0,40}app.*"
        r"|(?:if you (?:enjoyed|liked) this (?:article|story)).*|join .{0,40} (?:today|now)[.!]?"
        r"|if you buy something (?:through|from) (?:this|our|a link).*|.{0,80}may (?:get|earn|receive) (?:a share|a commission|an affiliate).*"
        r"|this (?:post|article|story) (?:contains|may contain) affiliate links.*|click here\b.{0,120}"
        r"|.{0,120}click to tweet|tempo de leitura:.*|\d+ min(?:ute)?s? (?:read|de leitura)|reading time:?.*)$", _I)),
    ("related", re.compile(
        r"^(?:\[?(?:related|read more|read also|see also|also read|more|also|watch|listen|recommended|more on this|"
        r"see more|don'?t miss|must read|trending|popular|more stories|related (?:stories|articles|posts?|coverage|content|video))"
        r"(?:\s*\]?\s*[:|\-–]\s*.*|\W*)|\(?(?:leggi anche|lesen sie auch|lire aussi|leia também|lea también)\b.*"
        r"|you (?:may|might) (?:also )?(?:like|enjoy|be interested in).*|(?:most|more) (?:read|popular|viewed|shared)\b.{0,40}"
        r"|popular on .{1,40}|what to read next|up next|next up|explore further|in (?:other|related) news:?.*"
        r"|.{3,160}\[(?:insight|video|pictures|photos|news|reaction|latest|poll|watch|live|reveal|warning|analysis|comment)\]\s*\|?"
        r"|.{0,80}full coverage of .{0,80})$", _I)),
    ("share", re.compile(
        r"^(?:share|share this|share (?:this|the) (?:article|story|post|page)|share (?:on|via) .{1,40}|tweet(?: this)?|pin it"
        r"|like this (?:story|article)\??.{0,60}|(?:tell us|let us know) what you think.{0,40}|email this|print(?: this)?(?: article)?"
        r"|(?:follow|like) (?:us|\S+(?: \S+){0,4}) on (?:twitter|facebook|instagram|x|linkedin|youtube|tiktok|social media)\b.*"
        r"|(?:email|contact|reach) (?:the (?:writer|author|reporters?)|\S+(?: \S+){0,3}) at \S+@\S+.*"
        r"|(?:reach|follow) (?:the )?(?:reporters?|writer|author|\S+(?: \S+){0,3}) (?:on|at) (?:twitter|x|https?://)\S*.*"
        r"|have a (?:news )?tip\?.*|got a (?:news )?tip\?.*|send us (?:your|a) (?:tip|story).*|\[button .*|\d+ (?:shares|comments))$", _I)),
    ("newsletter", re.compile(
        r"^(?:.{0,60}\bnewsletters?\b.{0,80}(?:sign(?:ing)? up|subscribe|inbox|delivered|free)\b.*|(?:sign up|subscribe|register)\b.{0,100}"
        r"|thanks? (?:you )?for (?:signing up|subscribing)[.!]?|keep an eye on your inbox.*|check your inbox.*"
        r"|there was an error processing your subscription\.?|sorry!?|.{0,40} newsletter|enter your email.*|get the (?:latest|best) .{0,60}"
        r"(?:inbox|email)\b.*|start your day with .{0,100})$", _I)),
    ("rights", re.compile(
        r"^(?:this (?:copy|material|article) is for your personal,? non-?commercial use only.*"
        r"|this material may not be (?:published|reproduced|broadcast).*|(?:distribution|reproduction) .{0,60}(?:governed|prohibited).*"
        r"|for reprint rights.*|reprints? (?:and|&) permissions.*)$", _I)),
    ("contributors", re.compile(
        r"^\(?(?:(?:additional )?reporting by|editing by|writing by|compiled by|research by|with reporting by"
        r"|(?:\S+ ){1,12}contributed (?:reporting|to this (?:report|story|article))|(?:\S+ ){0,20}contributed to this report"
        r"|source: .{1,40}|sources?: (?:news )?agencies)\b.{0,300}$", _I)),
    ("timestamp", re.compile(
        r"^(?:-\s*)?(?:(?:updated|published|posted|last (?:updated|modified)|atualizado|aktualisiert)\b:?.{0,60}"
        r"|\d{4}-\d\d-\d\d(?:[t ]\d\d:\d\d(?::\d\d)?(?:\.\d+)?(?:z|[+-]\d\d:?\d\d)?)?"
        r"|\d{1,2}:\d\d\s*(?:a\.?m\.?|p\.?m\.?)?\s*(?:[a-z]{2,4}\s*)?\d{1,2}/\d{1,2}/\d{2,4}(?: by .{1,60})?"
        r"|.{0,20}(?:기사입력|입력|수정)\s*:.{0,40}|(?:segunda|terça|quarta|quinta|sexta)-feira, .{5,40}|sábado, .{5,40}|domingo, .{5,40})$", _I)),
)

_URL_OR_MAIL = re.compile(r"^(?:https?://|www\.)\S+$|^\S+@\S+\.\w+$|^(?:twitter|facebook|instagram)\.com/\S+$", _I)
_SENTENCE_END = re.compile(r"[.!?…:;][\"'”’)\]]*$|[\"”’]$")
_WORD = re.compile(r"\w+")


def _words(line: str) -> int:
    return len(line.split())


def _is_prose(line: str) -> bool:
    """Running text, as opposed to a label, a headline or a link."""
    n = _words(line)
    return (n >= 8 and bool(_SENTENCE_END.search(line))) or n >= 25


# A paragraph of running text ends like a sentence (in any script) or is long.
PROSE_END = re.compile(r"[.!?。！？…:;][\"'”’)\]»]*$|[\"”’»]$")


# A paragraph counts as running text, for the repeats below and for `extract/blocks.py`, from this many words.
MIN_WORDS = 12


def running_chars(text: str, *, teasers: bool = True) -> int:
    """len(text) for a paragraph of running text: long enough, ending like a sentence, not cut off.

    A teaser's blurb is cut with an ellipsis ("...the council said…"); a
    column of them is prose-like but is no article. `teasers=False` counts
    such a blurb too (a page's prose as a whole, `html.page_prose`).
    """
    if len(text.split()) < MIN_WORDS or not PROSE_END.search(text) or (teasers and text.endswith(_CUT)):
        return 0
    return len(text)


_CUT = ("...", "…", "…]", "[…]", "...]")


def prose_share(paragraphs: tuple[str, ...]) -> tuple[float, int]:
    """(share of characters in running-text paragraphs, number of such paragraphs)."""
    total = sum(len(p) for p in paragraphs) or 1
    prose = [p for p in paragraphs if PROSE_END.search(p) or len(p.split()) >= 25 or len(p) >= 150]
    return sum(len(p) for p in prose) / total, len(prose)


def _key(line: str) -> str:
    return " ".join(_WORD.findall(line.casefold()))


def classify_line(line: str) -> str | None:
    """The removal reason for one line on its own, or None to keep it."""
    words = _words(line)
    if words > 60:
        return None
    if _URL_OR_MAIL.match(line) or not _WORD.search(line):
        return "navigation"
    for reason, pat in _LINE_RULES:
        if pat.match(line):
            return reason
    if words <= 30 and _BOILERPLATE.match(line):
        return "navigation"
    return None


REASONS = ("promo", "related", "share", "newsletter", "credit", "rights", "contributors", "timestamp", "title",
           "navigation", "duplicate")


def filter_lines(
    lines: list[str], title: str | None = None, skip: frozenset[str] = frozenset()
) -> tuple[tuple[str, ...], tuple[Removed, ...], tuple[Credit, ...], Rights | None]:
    """Keep the body lines; return (kept, removed, credits, rights).

    `skip` names reasons whose rules are left out, so that the evaluation can
    measure what each filter is worth (`newsgraph eval extraction --set filters`).
    """
    lines = [" ".join(raw.split()) for raw in lines]
    lines = [line for line in lines if line]
    reasons: list[str | None] = [None] * len(lines)
    credits: list[Credit] = []
    rights: Rights | None = None
    title_key = _key(title) if title else None
    for i, line in enumerate(lines):
        words = _words(line)
        key = _key(line)
        if title_key and key == title_key:
            reasons[i] = "title"
        elif words <= 40 and (r := parse_rights(line)) is not None and not _is_quote(line):
            rights = rights or r
            reasons[i] = "rights"
        elif words <= 25 and (c := parse_credit(line)) is not None:
            credits.append(c)
            reasons[i] = "credit"
        elif (reason := classify_line(line)) is not None:
            reasons[i] = reason
    _mark_edges(lines, reasons)
    _mark_repeats(lines, reasons)
    reasons = [None if r in skip else r for r in reasons]
    kept = tuple(line for line, r in zip(lines, reasons) if r is None)
    removed = tuple(Removed(line, r) for line, r in zip(lines, reasons) if r is not None)
    return kept, removed, tuple(credits), rights


def _is_quote(line: str) -> bool:
    return line[:1] in "\"“'‘"


def _is_list_link(line: str) -> bool:
    """A bulleted teaser: "- Headline Standfirst" without a closing full stop."""
    return line.startswith(("- ", "• ", "* ")) and not _SENTENCE_END.search(line) and _words(line) <= 30


def _menu_item(line: str) -> bool:
    return len(line) <= 30 and _words(line) <= 4 and not line.startswith(("- ", "• ")) and not _SENTENCE_END.search(line)


def _mark_edges(lines: list[str], reasons: list[str | None]) -> None:
    """Menus (long runs of short labels) and link lists after a "Related" label."""
    n = len(lines)
    # Lists in articles are bulleted or read as phrases; a run of eight or
    # more bare labels is a site menu that leaked into the container.
    i = 0
    while i < n:
        j = i
        while j < n and (reasons[j] == "navigation" or (reasons[j] is None and _menu_item(lines[j]))):
            j += 1
        if j - i >= 8:
            for k in range(i, j):
                reasons[k] = "navigation"
        i = max(j, i + 1)
    # Bulleted teasers right after a "Related" / "Don't miss" label belong to it.
    k = 0
    while k < n:
        if reasons[k] == "related":
            m = k + 1
            while m < n and reasons[m] is None and _is_list_link(lines[m]):
                reasons[m] = "related"
                m += 1
            k = m
        else:
            k += 1


# A run of at least this many lines, and characters of running text, that repeats an earlier
# run word for word is a second copy of the text (a page that ships the
# article twice, for a mobile and a desktop layout, or a "print" copy).
# Single repeated lines are left alone: a pull quote repeats one paragraph,
# and dropping those cost more than it gained on WCXB dev. A repeated run of
# labels and lists stays too: a meal plan or a timetable repeats its slots
# (an AEB page lost half its body to that before the running-text condition).
REPEAT_LINES = 3
REPEAT_CHARS = 200


def _mark_repeats(lines: list[str], reasons: list[str | None]) -> None:
    """Mark as "duplicate" each run of lines that repeats an earlier run of the text."""
    keys = [_key(line) for line in lines]
    first: dict[str, int] = {}
    for i, key in enumerate(keys):
        first.setdefault(key, i)
    i = 0
    while i < len(lines):
        j = first[keys[i]]
        n = 0
        # the repeat runs while it matches the earlier copy and does not reach into itself
        while i + n < len(lines) and j + n < i and keys[i + n] == keys[j + n]:
            n += 1
        if n >= REPEAT_LINES and sum(running_chars(line) for line in lines[i:i + n]) >= REPEAT_CHARS:
            for k in range(i, i + n):
                reasons[k] = reasons[k] or "duplicate"
            i += n
        else:
            i += 1
