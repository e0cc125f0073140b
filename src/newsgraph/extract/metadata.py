"""Title, authors, publication date, publisher, canonical URL and language of a news page.

Sources, most trusted first: the page's JSON-LD article object, its <meta>
tags (Open Graph, Dublin Core, parsely, sailthru ...), the visible headline
and byline elements, the URL, and a visible dateline (htmldate, as the last
resort). `published_from` records where the date came from: "html-meta"
(JSON-LD or meta tags), "url", or "dateline" (a visible date on the page).

Authors are people only: organisations, desks and the publisher's own name
are dropped even when the page lists them as its author.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from email.utils import parsedate_to_datetime
from typing import Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from lxml import etree
from lxml.html import HtmlElement

from newsgraph.extract.credits import parse_credit, split_authors

ARTICLE_TYPES = {
    "article", "newsarticle", "reportagenewsarticle", "blogposting", "analysisnewsarticle", "opinionnewsarticle",
    "backgroundnewsarticle", "reviewnewsarticle", "liveblogposting", "report", "scholarlyarticle", "techarticle",
    "socialmediaposting", "posting", "review", "webpage", "creativework",
}

_TITLE_KEYS = ("og:title", "twitter:title", "parsely-title", "sailthru.title", "dc.title", "headline", "title")
_DATE_KEYS = (
    "article:published_time", "og:article:published_time", "article.published", "published_time", "og:published_time",
    "datepublished", "parsely-pub-date", "sailthru.date", "pubdate", "publishdate", "publish-date", "publish_date",
    "dc.date.issued", "dcterms.issued", "dc.date", "dcterms.date", "dc.date.created", "dcterms.created", "date",
    "article_date_original", "original-publish-date", "cxenseparse:recs:publishtime", "datecreated", "article:published",
    "og:pubdate", "pdate", "displaydate", "rnews:datepublished", "article.created", "created",
)
_AUTHOR_KEYS = ("author", "article:author", "parsely-author", "sailthru.author", "dc.creator", "dcterms.creator", "byl",
                "byline", "og:article:author", "citation_author", "cxenseparse:author")
_SITE_KEYS = ("og:site_name", "application-name", "publisher", "al:android:app_name", "twitter:site", "cre")

_ISO = re.compile(r"((?:19|20)\d\d)-([01]\d)-([0-3]\d)")
_SLASHED = re.compile(r"((?:19|20)\d\d)/([01]?\d)/([0-3]?\d)\b")
_COMPACT = re.compile(r"^((?:19|20)\d\d)([01]\d)([0-3]\d)(?:\D|$)")
_URL_DATE = re.compile(r"/((?:19|20)\d\d)[/_-]?([01]\d)[/_-]?([0-3]\d)(?:/|[_-]|\.|$)")
_URL_WORDY = re.compile(r"/((?:19|20)\d\d)/(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*/([0-3]?\d)/", re.I)
_MONTHS = {m: i for i, ms in enumerate(
    ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1) for m in (ms,)}
_WORDY = re.compile(
    r"\b(?:(?P<d1>[0-3]?\d)(?:st|nd|rd|th)?\s+(?P<m1>[A-Za-z]{3,9})\.?,?\s+(?P<y1>(?:19|20)\d\d)"
    r"|(?P<m2>[A-Za-z]{3,9})\.?\s+(?P<d2>[0-3]?\d)(?:st|nd|rd|th)?,?\s+(?P<y2>(?:19|20)\d\d))\b"
)
_SPLIT_SUFFIX = re.compile(r"\s+(?:\||-|–|—|::|·|•|»|:)\s+")
_BYLINE_PREFIX = re.compile(r"^\s*(?:by|written by|posted by|story by|words by|von|por|par|di)\s*[:\-]?\s+", re.I)


@dataclass(frozen=True)
class Metadata:
    title: str | None
    authors: tuple[str, ...]
    published: str | None
    published_from: str | None
    publisher: str | None
    url: str | None
    language: str | None
    description: str | None = None


def iso_date(value: Any) -> str | None:
    """YYYY-MM-DD from the common ways pages write a date, or None."""
    if value is None:
        return None
    if isinstance(value, (int, float)):
        return None
    text = str(value).strip()
    if not text:
        return None
    for pat in (_ISO, _SLASHED, _COMPACT):
        m = pat.search(text)
        if m:
            return _valid(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    m = _WORDY.search(text)
    if m:
        month = _MONTHS.get((m.group("m1") or m.group("m2"))[:3].lower())
        day, year = m.group("d1") or m.group("d2"), m.group("y1") or m.group("y2")
        if month:
            return _valid(int(year), month, int(day))
    try:
        return parsedate_to_datetime(text).date().isoformat()
    except (TypeError, ValueError, IndexError):
        return None


# Publication dates are local to the publisher. A UTC timestamp (…Z) of an
# evening story in New York is already "tomorrow", so it is moved to the
# time zone the site's country suggests before its date is taken.
_TLD_ZONES = {
    "uk": "Europe/London", "ie": "Europe/Dublin", "au": "Australia/Sydney", "nz": "Pacific/Auckland",
    "in": "Asia/Kolkata", "ca": "America/Toronto", "jp": "Asia/Tokyo", "kr": "Asia/Seoul", "br": "America/Sao_Paulo",
    "de": "Europe/Berlin", "fr": "Europe/Paris", "it": "Europe/Rome", "es": "Europe/Madrid", "nl": "Europe/Amsterdam",
    "za": "Africa/Johannesburg", "sg": "Asia/Singapore", "ph": "Asia/Manila", "ng": "Africa/Lagos", "ru": "Europe/Moscow",
}
_DEFAULT_ZONE = "America/New_York"


def site_zone(url: str | None) -> str:
    host = urlsplit(url or "").hostname or ""
    return _TLD_ZONES.get(host.rsplit(".", 1)[-1], _DEFAULT_ZONE)


def _iso_instant(value: Any) -> datetime | None:
    """The datetime of an ISO timestamp with a time of day (not a bare date), or None."""
    text = str(value or "").strip()
    if not _ISO.match(text) or len(text) <= 10:
        return None
    try:
        return datetime.fromisoformat(text.replace(" ", "T", 1).replace("Z", "+00:00"))
    except ValueError:
        return None


def _utc_stamp(value: Any) -> datetime | None:
    """The instant of an ISO timestamp written in UTC (Z or +00:00), or None."""
    stamp = _iso_instant(value)
    if stamp is None or stamp.utcoffset() != timedelta(0):
        return None
    # Midnight UTC to the second is how date pickers store a bare day, not
    # the instant of a story published at 7 p.m. in New York.
    if (stamp.hour, stamp.minute, stamp.second, stamp.microsecond) == (0, 0, 0, 0):
        return None
    return stamp


def local_date(value: Any, zone: str) -> str | None:
    """The date of a timestamp in the publisher's zone; dates without a UTC time stay as written."""
    stamp = _utc_stamp(value)
    if stamp is not None:
        try:
            return _valid(*stamp.astimezone(ZoneInfo(zone)).timetuple()[:3])
        except (ValueError, KeyError, OSError):
            pass
    return iso_date(value)


def _valid(y: int, m: int, d: int) -> str | None:
    try:
        day = date(y, m, d)
    except ValueError:
        return None
    return day.isoformat() if 1995 <= y <= date.today().year + 1 else None


def _clean(text: Any) -> str:
    # Some pages escape entities twice, so "&#39;" survives the HTML parser.
    return " ".join(html.unescape(str(text)).split()) if text is not None else ""


# ---- reading the page ------------------------------------------------------------------------


def meta_tags(tree: HtmlElement) -> dict[str, str]:
    """First non-empty content of each <meta> name/property/itemprop, keys lowercased."""
    out: dict[str, str] = {}
    for el in tree.iter("meta"):
        content = el.get("content")
        if not content or not content.strip():
            continue
        for attr in ("property", "name", "itemprop", "http-equiv"):
            key = el.get(attr)
            if key:
                out.setdefault(key.strip().lower(), _clean(content))
    return out


def _json_objects(tree: HtmlElement) -> Iterator[dict[str, Any]]:
    for script in tree.iter("script"):
        if (script.get("type") or "").strip().lower() != "application/ld+json" or not script.text:
            continue
        raw = script.text.strip().removeprefix("<![CDATA[").removesuffix("]]>").strip().rstrip(";")
        try:
            data = json.loads(raw)
        except ValueError:
            try:
                data = json.loads(re.sub(r",\s*([}\]])", r"\1", raw.replace("\n", " ")))
            except ValueError:
                continue
        yield from _walk(data)


def _walk(node: Any, depth: int = 0) -> Iterator[dict[str, Any]]:
    if depth > 6:
        return
    if isinstance(node, list):
        for item in node:
            yield from _walk(item, depth + 1)
    elif isinstance(node, dict):
        yield node
        for key in ("@graph", "mainEntity", "itemListElement"):
            if key in node:
                yield from _walk(node[key], depth + 1)


def _types(obj: dict[str, Any]) -> set[str]:
    t = obj.get("@type")
    vals = t if isinstance(t, list) else [t]
    return {str(v).lower() for v in vals if v}


def json_ld_types(tree: HtmlElement) -> set[str]:
    """Every @type (lower-cased) of the page's JSON-LD objects: what the page says it is."""
    out: set[str] = set()
    for obj in _json_objects(tree):
        out |= _types(obj)
    return out


def article_ld(tree: HtmlElement) -> dict[str, Any] | None:
    """The JSON-LD object that describes the article itself."""
    best, best_rank = None, 99
    for obj in _json_objects(tree):
        types = _types(obj)
        if not types & ARTICLE_TYPES:
            continue
        # a news article beats a generic page; the first of equals wins
        rank = 0 if types & {"newsarticle", "reportagenewsarticle", "analysisnewsarticle", "opinionnewsarticle"} else (
            1 if types & {"article", "blogposting", "liveblogposting", "reviewnewsarticle", "backgroundnewsarticle"} else 2)
        if obj.get("headline") or obj.get("datePublished"):
            rank -= 0.5  # type: ignore[assignment]
        if rank < best_rank:
            best, best_rank = obj, rank
    return best


def article_body(tree: HtmlElement) -> str | None:
    """The article's own text as its JSON-LD declares it (`articleBody`), as plain text with its line breaks."""
    ld = article_ld(tree)
    body = ld.get("articleBody") if ld else None
    if not isinstance(body, str) or not body.strip():
        return None
    body = html.unescape(body)
    if "<" in body:  # some sites put the HTML of the body there
        body = re.sub(r"<(?:p|br|div|h\d|li)\b[^>]*>", "\n", body)
        body = re.sub(r"<[^>]+>", "", body)
    return body


def _ld_names(value: Any, people_only: bool) -> list[str]:
    out: list[str] = []
    for item in value if isinstance(value, list) else [value]:
        if isinstance(item, str):
            out.append(item)
        elif isinstance(item, dict):
            types = _types(item)
            if people_only and types and "person" not in types:
                continue
            name = item.get("name")
            if isinstance(name, list):
                name = " ".join(str(n) for n in name)
            if isinstance(name, str):
                out.append(name)
    return [_clean(n) for n in out if n and _clean(n)]


def _ld_text(value: Any) -> str | None:
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, dict):
        value = value.get("name") or value.get("@id") or value.get("url")
    return _clean(value) or None if isinstance(value, str) else None


def _h1s(tree: HtmlElement) -> list[str]:
    out = []
    for el in tree.iter("h1"):
        text = _clean(el.text_content())
        if 2 <= len(text) <= 300:
            out.append(text)
    return out


def _norm(text: str | None) -> str:
    return " ".join(re.findall(r"\w+", (text or "").casefold()))


# ---- title -----------------------------------------------------------------------------------


def strip_site(title: str, site: str | None) -> str:
    """Cut " | Site Name" (or "Site - ") from a page title."""
    parts = _SPLIT_SUFFIX.split(title)
    if len(parts) == 1:
        return title
    site_key = _norm(site)
    # Drop edge parts that name the site or read as a section label.
    while len(parts) > 1 and (_norm(parts[-1]) == site_key or _is_label(parts[-1], site_key)):
        parts.pop()
    while len(parts) > 1 and (_norm(parts[0]) == site_key or (site_key and _norm(parts[0]) in site_key)):
        parts.pop(0)
    if len(parts) > 1:
        # keep the longest run; the headline is the long part
        longest = max(parts, key=len)
        if len(longest.split()) >= 4 and len(longest) > 0.6 * len(" ".join(parts)):
            return longest
    return " - ".join(parts) if len(parts) > 1 else parts[0]


def _is_label(part: str, site_key: str) -> bool:
    key = _norm(part)
    if not key:
        return True
    if site_key and (key in site_key or site_key in key):
        return True
    words = part.split()
    return len(words) <= 4 and bool(re.search(r"\.(?:com|org|net|co|uk|de|news|tv)\b", part, re.I)) or (
        len(words) <= 3 and all(w[:1].isupper() or not w[:1].isalpha() for w in words)
    )


def choose_title(meta: dict[str, str], ld: dict[str, Any] | None, h1s: list[str], page_title: str | None,
                 site: str | None) -> str | None:
    candidates: list[str] = []
    if ld and isinstance(ld.get("headline"), str):
        candidates.append(_clean(ld["headline"]))
    for key in _TITLE_KEYS:
        if meta.get(key):
            candidates.append(meta[key])
    if page_title:
        candidates.append(page_title)
    keys = [_norm(c) for c in candidates]
    # The visible headline, when the page's metadata agrees with it.
    for h in h1s:
        hk = _norm(h)
        if len(hk) >= 10 and any(hk == k or (hk in k and len(hk) > 0.5 * len(k)) for k in keys):
            return h
    for c in candidates:
        stripped = strip_site(c, site)
        if len(stripped) >= 10:
            return stripped
    if h1s:
        return h1s[0]
    return strip_site(candidates[0], site) if candidates else None


# ---- date ------------------------------------------------------------------------------------


def _header_time(tree: HtmlElement) -> str | None:
    """The stamp of the first <time> after the headline: the article's own, where
    the page's first <time> elements often belong to a sidebar of other stories."""
    seen_h1 = False
    for el in tree.iter("h1", "time"):
        if el.tag == "h1":
            seen_h1 = seen_h1 or bool(_clean(el.text_content()))
        elif seen_h1 and (el.get("datetime") or el.get("content")):
            return el.get("datetime") or el.get("content")
    return None


def _time_elements(tree: HtmlElement) -> Iterator[str]:
    header = _header_time(tree)
    if header:
        yield header
    for el in tree.iter("time"):
        value = el.get("datetime") or el.get("content")
        if value:
            yield value
    for el in tree.xpath('//*[@itemprop="datePublished" or @itemprop="dateCreated"][not(self::meta)]'):
        value = el.get("datetime") or el.get("content") or el.text_content()
        if value:
            yield value


_DATELINE_XPATH = (
    "//*[contains(@class, 'date') or contains(@id, 'date') or contains(@class, 'posted')"
    " or contains(@class, 'timestamp') or contains(@class, 'dateline') or contains(@class, 'published')]"
)
_UPDATE_TEXT = re.compile(r"^\W*(?:last\s+)?(?:updated|modified|edited)\b", re.I)


def _is_update(el: HtmlElement, text: str) -> bool:
    marks = f"{el.get('class', '')} {el.get('id', '')}".lower()
    return "update" in marks or "modif" in marks or bool(_UPDATE_TEXT.match(text))


def _visible_dateline(tree: HtmlElement) -> str | None:
    """The first written date in an element the page marks as a date ("Posted December 18, 2023")."""
    for el in tree.xpath(_DATELINE_XPATH)[:30]:
        if not isinstance(el.tag, str) or el.tag in ("meta", "script", "style", "link", "body", "html"):
            continue
        text = _clean(el.text_content())
        if 6 <= len(text) <= 80 and not _is_update(el, text):
            d = iso_date(text)
            if d:
                return d
    return None


def _same_instant(value: str | None, stamp: datetime) -> bool:
    """Whether a <time datetime> names the same moment as the metadata stamp (to a few minutes)."""
    other = _iso_instant(value)
    return other is not None and other.tzinfo is not None and abs((other - stamp).total_seconds()) < 300


def _shown_dates(tree: HtmlElement, stamp: datetime) -> set[str]:
    """The dates the page shows the reader for the moment `stamp`: the text of a
    <time> element for that moment, and of date-marked elements that hold no
    other moment's <time>; update stamps are left out."""
    out: set[str] = set()
    for el in [*tree.iter("time"), *tree.xpath(_DATELINE_XPATH)[:30]]:
        if not isinstance(el.tag, str) or el.tag in ("meta", "script", "style", "link", "body", "html"):
            continue
        stamps = [t.get("datetime") for t in el.iter("time") if t.get("datetime")]
        if (stamps or el.tag == "time") and not any(_same_instant(v, stamp) for v in stamps):
            continue
        text = _clean(el.text_content())
        if 6 <= len(text) <= 80 and not _is_update(el, text):
            d = iso_date(text)
            if d:
                out.add(d)
    return out


def _meta_date(value: Any, zone: str, tree: HtmlElement) -> str | None:
    """The publisher's day of a metadata date.

    A UTC stamp is an instant; which day it falls on depends on the zone, and
    the zone from the site's country is a guess. When the page itself shows
    the date (the byline's "Dec 23, 2023") and it is one of the two readings,
    the page's own reading wins.
    """
    d = local_date(value, zone)
    stamp = _utc_stamp(value)
    if d is None or stamp is None:
        return d
    utc = _valid(stamp.year, stamp.month, stamp.day)
    if utc is None or utc == d:
        return d
    shown = _shown_dates(tree, stamp)
    return utc if utc in shown and d not in shown else d


def _url_date(url: str) -> str | None:
    m = _URL_DATE.search(url)
    d = _valid(int(m.group(1)), int(m.group(2)), int(m.group(3))) if m else None
    w = _URL_WORDY.search(url)
    if d is None and w:
        d = _valid(int(w.group(1)), _MONTHS[w.group(2).lower()], int(w.group(3)))
    return d


def _next_day(a: str, b: str) -> bool:
    return abs((date.fromisoformat(a) - date.fromisoformat(b)).days) == 1


def choose_date(meta: dict[str, str], ld: dict[str, Any] | None, url: str | None, tree: HtmlElement,
                use_htmldate: bool = True) -> tuple[str | None, str | None]:
    zone = site_zone(url)
    values = [ld.get(key) for key in ("datePublished", "dateCreated")] if ld else []
    values += [meta.get(key) for key in _DATE_KEYS]
    for value in values:
        d = _meta_date(value, zone, tree)
        if d:
            return d, "html-meta"
    d = _url_date(url) if url else None
    if d:
        # A URL carries the day its slug was made (often the day a story was
        # filed, or a UTC day); the time stamp under the headline says when
        # it went out. Within a day of each other, the stamp is the date.
        header = local_date(_header_time(tree), zone)
        if header and _next_day(header, d):
            return header, "dateline"
        return d, "url"
    for value in _time_elements(tree):
        d = local_date(value, zone)
        if d:
            return d, "dateline"
    d = _visible_dateline(tree)
    if d:
        return d, "dateline"
    if use_htmldate:
        try:
            from htmldate import find_date

            found = find_date(tree, extensive_search=True, original_date=True, url=url)
        except Exception:  # htmldate is a heuristic last resort; a failure there means no date
            found = None
        if found:
            return found[:10], "dateline"
    return None, None


# ---- authors ---------------------------------------------------------------------------------

# Selecting attribute nodes and stepping to their element is several times
# faster in libxml2 than testing every element's attributes.
_BYLINE_XPATH = etree.XPath(
    '//@class[contains(., "byline") or contains(., "author") or contains(., "Author")]/..'
    ' | //@rel[. = "author"]/.. | //@itemprop[. = "author"]/..'
    ' | //@id[contains(., "byline")]/.. | //@data-testid[contains(., "byline")]/..'
    ' | //a/@href[contains(., "/author/") or contains(., "/authors/") or contains(., "/writer/")'
    ' or contains(., "/staff/") or contains(., "/people/") or contains(., "/contributor/")'
    ' or contains(., "/journalist/") or contains(., "/reporter/") or contains(., "/profile/")]/..'
)
_SKIP_TAGS = {"meta", "link", "script", "style", "noscript", "nav", "footer"}


def _byline_pieces(el: HtmlElement) -> list[str]:
    """The text pieces of a byline element, kept apart so "Jane Roe" and a desk name in
    separate tags do not run together into one long "name"."""
    name = el.xpath('.//*[@itemprop="name"]')
    if name:
        return [_clean(name[0].text_content())]
    pieces = [_clean(t) for t in el.itertext()]
    pieces = [p for p in pieces if p and len(p) <= 120]
    return pieces if len(pieces) > 1 else [_clean(el.text_content())]


_CREDIT_MARK = re.compile(r"credit|caption|photo|image|picture", re.I)


def _is_photo_credit(el: HtmlElement) -> bool:
    """A photographer's credit: inside a figure or caption, or marked as one ("photo-author")."""
    if el.tag in ("figure", "figcaption") or any(a.tag in ("figure", "figcaption") for a in el.iterancestors()):
        return True
    return bool(_CREDIT_MARK.search(f"{el.get('class', '')} {el.get('id', '')}"))


def _byline_people(tree: HtmlElement, publisher: str | None) -> tuple[str, ...]:
    """People in the first byline element of the page that names any."""
    for el in _BYLINE_XPATH(tree)[:40]:
        if not isinstance(el.tag, str) or el.tag in _SKIP_TAGS:
            continue
        if any(a.tag in ("footer", "nav", "aside") for a in el.iterancestors()) or _is_photo_credit(el):
            continue
        text = _clean(el.text_content())
        if not 3 <= len(text) <= 160 or parse_credit(text) is not None:
            continue
        found = people(_byline_pieces(el), publisher)
        if found:
            return found
    return ()


def people(raw: list[str], publisher: str | None) -> tuple[str, ...]:
    """Person names from byline strings; the publisher's own name is never an author."""
    pub = _norm(publisher)
    out: list[str] = []
    for text in raw:
        if text.startswith(("http://", "https://", "@")):
            continue
        text = _BYLINE_PREFIX.sub("", text)
        text = re.split(r"\s+(?:\||—|–|-)\s+|\s+(?:for|of)\s+(?=[A-Z])|,\s*(?=(?:staff|senior|chief|reporter|correspondent|editor|contributor)\b)",
                        text, maxsplit=1, flags=re.I)[0]
        for name in split_authors(text):
            key = _norm(name)
            if pub and (key == pub or key in pub.split(" ") or pub in key):
                continue
            if name not in out:
                out.append(name)
    return tuple(out)


def choose_authors(meta: dict[str, str], ld: dict[str, Any] | None, tree: HtmlElement,
                   publisher: str | None) -> tuple[str, ...]:
    lds = [ld] if ld else []
    lds += [o for o in _json_objects(tree) if o is not ld and _types(o) & ARTICLE_TYPES and o.get("author")]
    for obj in lds:
        if obj.get("author"):
            found = people(_ld_names(obj["author"], people_only=True), publisher)
            if found:
                return found
    for key in _AUTHOR_KEYS:
        value = meta.get(key)
        if value and not value.startswith("http"):
            found = people([value], publisher)
            if found:
                return found
    return _byline_people(tree, publisher)


# ---- the rest --------------------------------------------------------------------------------


def choose_publisher(meta: dict[str, str], ld: dict[str, Any] | None) -> str | None:
    if ld:
        pub = _ld_text(ld.get("publisher"))
        if pub and not pub.startswith("http"):
            return pub
    for key in _SITE_KEYS:
        value = meta.get(key)
        if value and not value.startswith("http"):
            return value.lstrip("@") if key == "twitter:site" else value
    return None


def choose_url(tree: HtmlElement, meta: dict[str, str], ld: dict[str, Any] | None, url: str | None) -> str | None:
    for el in tree.iter("link"):
        if (el.get("rel") or "").strip().lower() == "canonical" and (el.get("href") or "").startswith("http"):
            return el.get("href").strip()
    if meta.get("og:url", "").startswith("http"):
        return meta["og:url"]
    if ld:
        for key in ("url", "mainEntityOfPage"):
            value = _ld_text(ld.get(key))
            if value and value.startswith("http"):
                return value
    return url


def choose_language(tree: HtmlElement, meta: dict[str, str], ld: dict[str, Any] | None) -> str | None:
    for value in (
        tree.get("lang"), tree.get("xml:lang"), meta.get("content-language"), meta.get("og:locale"),
        meta.get("language"), meta.get("dc.language"), _ld_text(ld.get("inLanguage")) if ld else None,
    ):
        if value:
            code = re.split(r"[-_,;\s]", value.strip().lower())[0]
            if re.fullmatch(r"[a-z]{2,3}", code):
                return code
    return None


def read_metadata(tree: HtmlElement, url: str | None = None, use_htmldate: bool = True) -> Metadata:
    meta = meta_tags(tree)
    ld = article_ld(tree)
    title_el = tree.find(".//title")
    page_title = _clean(title_el.text_content()) if title_el is not None else None
    publisher = choose_publisher(meta, ld)
    title = choose_title(meta, ld, _h1s(tree), page_title or None, publisher)
    published, source = choose_date(meta, ld, url, tree, use_htmldate)
    description = meta.get("og:description") or meta.get("description")
    return Metadata(
        title=title,
        authors=choose_authors(meta, ld, tree, publisher),
        published=published,
        published_from=source,
        publisher=publisher,
        url=choose_url(tree, meta, ld, url),
        language=choose_language(tree, meta, ld),
        description=description,
    )
