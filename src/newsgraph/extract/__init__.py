"""RawDocument -> Article: decode, find the main text, clean it, read metadata."""

from __future__ import annotations

import dataclasses

from newsgraph.errors import Code, NewsgraphError
from newsgraph.extract.boilerplate import prose_share
from newsgraph.extract.gate import not_article_reason
from newsgraph.extract.html import extract_html
from newsgraph.extract.language import check_language
from newsgraph.extract.textdump import clean_text
from newsgraph.ingest.encoding import REPAIRED, decode
from newsgraph.model import Article, RawDocument
from newsgraph.settings import Settings


def extract(raw: RawDocument, settings: Settings, warnings: list[str] | None = None) -> Article:
    """The clean article of one input, or NewsgraphError with a rejection code.

    What the reader had to repair (bad UTF-8 bytes) is appended to `warnings`,
    which the pipeline puts in the document's provenance.
    """
    text, enc = decode(raw.data, declared=raw.charset, html=raw.kind == "html")
    if warnings is not None and enc.startswith(REPAIRED):
        warnings.append(enc)
    if "\x00" in text:
        raise NewsgraphError(Code.BINARY, "the decoded text holds NUL characters")
    if raw.raw:
        article = _article_raw(text, raw, settings)
    elif raw.kind == "html":
        article = _article_html(text, raw, settings)
    else:
        article = _article_text(text, raw, settings)
    return _with_language(article, settings)


def _with_language(article: Article, settings: Settings) -> Article:
    """The language the text is written in (not what the page template declares), or R009.

    Rejected here, before analysis, because every later stage assumes English.
    """
    found = check_language(article.text, settings.languages)
    if found is not None and found.code != article.language:
        return dataclasses.replace(article, language=found.code)
    return article


def _check_text(body: str, settings: Settings) -> None:
    if not body.strip():
        raise NewsgraphError(Code.NO_TEXT, "no article text was found")
    if len(body) > settings.max_text_chars:
        raise NewsgraphError(
            Code.TOO_LARGE, f"the article text has {len(body)} characters, over max_text_chars={settings.max_text_chars}"
        )


def _given(raw: RawDocument) -> tuple[str | None, str | None]:
    return (raw.published, "given") if raw.published else (None, None)


def _article_raw(text: str, raw: RawDocument, settings: Settings) -> Article:
    _check_text(text, settings)
    published, source = _given(raw)
    return Article(title=None, text=text, published=published, published_from=source, url=raw.url)


def _article_text(text: str, raw: RawDocument, settings: Settings) -> Article:
    clean = clean_text(text)
    body = "\n\n".join(clean.paragraphs)
    _check_text(body, settings)
    published, source = _given(raw)
    if published is None and clean.caption_date:
        published, source = clean.caption_date, "caption"
    return Article(
        title=clean.title,
        text=body,
        published=published,
        published_from=source,
        rights=clean.rights,
        credits=clean.credits,
        removed=clean.removed,
        authors=clean.authors,
        publisher=None,
        url=raw.url,
    )


def _article_html(html: str, raw: RawDocument, settings: Settings) -> Article:
    res = extract_html(html, url=raw.url, favor_precision=settings.favor_precision)
    if res is None or not res.paragraphs:
        raise NewsgraphError(Code.NO_TEXT, "no main text was found in the HTML page")
    body = "\n\n".join(res.paragraphs)
    share, n_prose = prose_share(res.paragraphs)
    # Real articles on the AEB pages never fall below a fifth of running text;
    # a section front or list of links is nearly all headlines. A long text
    # of lists (a guide to equipment, a catalogue of resources) is left to
    # the article gate, which weighs its share of running text with the rest.
    if len(body) < settings.min_body_chars or (share < 0.15 and len(body) < 2000) or n_prose == 0:
        raise NewsgraphError(
            Code.NOT_ARTICLE,
            f"the main text is {len(body)} characters, {share:.0%} of it running text: "
            "a list or index page, not an article",
        )
    reason = not_article_reason(res.evidence)
    if reason is not None:
        raise NewsgraphError(Code.NOT_ARTICLE, reason)
    _check_text(body, settings)
    meta = res.meta
    published, source = _given(raw)
    if published is None and meta.published:
        published, source = meta.published, meta.published_from
    return Article(
        title=res.title,
        text=body,
        language=meta.language or "en",
        published=published,
        published_from=source,
        authors=meta.authors,
        publisher=meta.publisher,
        rights=res.rights,
        credits=res.credits,
        removed=res.removed,
        url=meta.url or raw.url,
    )
