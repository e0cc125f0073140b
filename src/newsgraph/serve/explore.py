"""The quote explorer and the events page: filters from the query string, a true total with pages,
sortable columns, facets with counts, and downloads that hold exactly the rows of the view."""

from __future__ import annotations

import calendar
import csv
import io
import re
from dataclasses import asdict, dataclass, replace
from typing import Any
from urllib.parse import urlencode

from markupsafe import Markup, escape

from newsgraph.serve import humanize
from newsgraph.serve.errors import ApiError

PER_PAGE = 50
DOWNLOAD_MAX = 100_000  # rows in one CSV/JSON download: a whole store's quotes, not an unbounded answer
KINDS = ("direct", "mixed", "indirect")


def _date(value: str, field: str) -> str:
    import datetime as dt

    if value:
        try:
            dt.date.fromisoformat(value)
        except ValueError:
            raise ApiError(422, "E006", f"{field}: dates are YYYY-MM-DD, got {value!r}") from None
    return value


@dataclass(frozen=True)
class QuoteFilters:
    """What a view of the quote explorer shows; every field is a query-string parameter."""

    speaker: str = ""
    q: str = ""
    since: str = ""
    until: str = ""
    kind: str = ""
    outlet: str = ""
    like: bool = False
    copies: bool = False
    sort: str = "-date"
    page: int = 1

    def check(self) -> dict[str, str]:
        """Errors by field name (the form ties each message to its input); {} when all is well."""
        errors = {}
        for field in ("since", "until"):
            try:
                _date(getattr(self, field), field)
            except ApiError as exc:
                errors[field] = f"Write the date as YYYY-MM-DD (got “{getattr(self, field)}”)."
                del exc
        if self.kind and self.kind not in KINDS:
            errors["kind"] = "Choose direct, mixed or paraphrase."
        return errors

    def query(self, **changes: Any) -> str:
        """This view's query string, with `changes`; defaults left out so URLs stay short."""
        values = asdict(replace(self, **changes))
        defaults = asdict(QuoteFilters())
        kept = {k: ("true" if v is True else v) for k, v in values.items() if v != defaults[k]}
        return urlencode(kept)

    def store_args(self) -> dict[str, Any]:
        return {"speaker": self.speaker or None, "about": self.q or None, "since": self.since or None,
                "until": self.until or None, "kind": self.kind or None, "outlet": self.outlet or None,
                "like": self.like}


def month_range(month: str) -> tuple[str, str]:
    """'2024-03' as the filter since 2024-03-01 until 2024-03-31; no filter for anything else."""
    if not re.fullmatch(r"\d{4}-(0[1-9]|1[0-2])", month or ""):
        return "", ""
    year, mon = int(month[:4]), int(month[5:7])
    return f"{month}-01", f"{month}-{calendar.monthrange(year, mon)[1]:02d}"


def pages(total: int, page: int, per: int = PER_PAGE) -> list[int | None]:
    """Page numbers to offer: the first, the last and two either side of this one; None is a gap."""
    last = max(1, -(-total // per))
    wanted = sorted({1, last, *range(max(1, page - 2), min(last, page + 2) + 1)})
    out: list[int | None] = []
    for n in wanted:
        if out and n - (out[-1] or 0) > 1:
            out.append(None)
        out.append(n)
    return out


def highlight(text: str, words: str) -> Markup:
    """`text` with the topic's words marked (whole words, any case), the rest escaped."""
    terms = [re.escape(t) for t in re.findall(r"\w+", words) if len(t) > 1]
    if not terms:
        return Markup(escape(text))
    pattern = re.compile(r"\b(" + "|".join(terms) + r")\w*", re.IGNORECASE)
    out, pos = [], 0
    for m in pattern.finditer(text):
        out.append(str(escape(text[pos:m.start()])))
        out.append(f'<mark class="hit">{escape(m.group(0))}</mark>')
        pos = m.end()
    out.append(str(escape(text[pos:])))
    return Markup("".join(out))


def suggestions(f: QuoteFilters) -> list[tuple[str, str]]:
    """For an empty result: what to change, each with the URL of the view without that filter."""
    out = []
    if f.q:
        out.append((f"drop the topic “{f.q}”", f.query(q="", page=1)))
    if f.speaker and not f.like:
        out.append((f"match “{f.speaker}” as part of a name", f.query(like=True, page=1)))
    elif f.speaker:
        out.append((f"drop the speaker “{f.speaker}”", f.query(speaker="", like=False, page=1)))
    if f.since or f.until:
        out.append(("widen the dates", f.query(since="", until="", page=1)))
    if f.kind:
        out.append((f"show every kind, not only {humanize.kind(f.kind).lower()}", f.query(kind="", page=1)))
    if f.outlet:
        out.append((f"show every outlet, not only {f.outlet}", f.query(outlet="", page=1)))
    return out


CSV_COLUMNS = ("published", "speaker", "speaker_corpus_id", "kind", "quote", "cue", "outlet", "title", "url", "doc",
               "attribution_id", "articles", "first_seen", "copies", "also_published_by", "copy_of")


def quotes_csv(rows: list[dict[str, Any]]) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(CSV_COLUMNS)
    for r in rows:
        w.writerow(["; ".join(v) if isinstance(v := r.get(c), list) else ("" if v is None else v)
                    for c in CSV_COLUMNS])
    return buf.getvalue()


SORTABLE = {"date": "Date", "speaker": "Speaker", "kind": "Kind", "outlet": "Outlet"}


def columns(f: QuoteFilters) -> list[dict[str, Any]]:
    """The table's headers: each sortable one links to its order (and flips it when it is the current one)."""
    out = []
    for key, label in SORTABLE.items():
        current = f.sort.lstrip("-") == key
        descending = f.sort.startswith("-")
        if current:
            target = key if descending else "-" + key
        else:
            target = "-date" if key == "date" else key
        out.append({"key": key, "label": label, "href": "?" + f.query(sort=target, page=1),
                    "aria_sort": ("descending" if descending else "ascending") if current else None})
    return out
