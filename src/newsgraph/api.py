"""The Python API: analyse a string or a file, open a store and query it.

    import newsgraph
    doc = newsgraph.analyze("Smith said the bridge will close on Friday.", published="2026-03-02")
    doc.attributions[0].speaker.name        # 'Smith'
    doc.to_dict()                           # the newsgraph/1 JSON object

Everything goes through the same `process()` as the CLI, the batch ingester,
the web API and the Spark job; this module only builds the input and picks
the settings.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from newsgraph.errors import Code, NewsgraphError
from newsgraph.model import AnalyzedDocument, RawDocument, Rejected, SourceRef
from newsgraph.settings import Settings, load_settings

Input = str | bytes


class RejectedInput(NewsgraphError):
    """`analyze` could not analyse its input; `.rejected` is the coded rejection."""

    def __init__(self, rejected: Rejected):
        super().__init__(Code(rejected.code), rejected.message)
        self.rejected = rejected


def raw_document(content: Input, *, id: str | None = None, uri: str | None = None, url: str | None = None,
                 published: str | None = None, kind: str | None = None, raw: bool = False) -> RawDocument:
    """The pipeline's input for one text or HTML page held in memory.

    `kind` ("text" | "html") is sniffed from the content when not given;
    `raw=True` keeps a text exactly as given (offsets then index the input),
    which the evaluations use for corpora whose gold spans point into it.
    """
    from newsgraph.ingest.sniff import looks_like_html

    data = content.encode("utf-8") if isinstance(content, str) else content
    digest = hashlib.sha256(data).hexdigest()
    if kind is None:
        kind = "html" if not raw and looks_like_html(data) else "text"
    source = SourceRef(id=id or digest[:16], uri=uri or url or f"memory:{digest[:16]}", sha256=digest, format=kind)
    return RawDocument(source=source, data=data, kind=kind, url=url, published=published, raw=raw,
                       charset="utf-8" if isinstance(content, str) else None)


def _settings(settings: Settings | None) -> Settings:
    return settings if settings is not None else load_settings()


def analyze(content: Input, *, url: str | None = None, published: str | None = None,
            settings: Settings | None = None) -> AnalyzedDocument:
    """Analyse one article given as text or HTML; raise `RejectedInput` if it cannot be."""
    from newsgraph.pipeline.runner import process

    raw = raw_document(content, url=url, published=published)
    if not raw.data.strip():  # as ingest says it: empty input, not "no article text found"
        raise RejectedInput(Rejected(raw.source, Code.EMPTY.value, "the input is empty"))
    out = process(raw, _settings(settings))
    if isinstance(out, Rejected):
        raise RejectedInput(out)
    return out


def analyze_many(items: Iterable[Input | RawDocument], *, settings: Settings | None = None,
                 ) -> Iterator[AnalyzedDocument | Rejected]:
    """Analyse many documents in batches, in order; a bad one yields its `Rejected`, never an exception."""
    from newsgraph.pipeline.runner import get_pipeline

    raws = (i if isinstance(i, RawDocument) else raw_document(i) for i in items)
    return get_pipeline(_settings(settings)).run(raws)


def analyze_files(paths: Iterable[str | os.PathLike[str]], *, published: str | None = None, raw: bool = False,
                  settings: Settings | None = None) -> Iterator[AnalyzedDocument | Rejected]:
    """Every document in files or folders (text, HTML, JSONL, WARC, gzip), as the CLI reads them."""
    from newsgraph.ingest.files import iter_inputs
    from newsgraph.pipeline.runner import get_pipeline

    s = _settings(settings)
    return get_pipeline(s).run(iter_inputs([os.fspath(p) for p in paths], s, raw=raw, published=published))


def analyze_file(path: str | os.PathLike[str], *, published: str | None = None,
                 settings: Settings | None = None) -> AnalyzedDocument:
    """The one article in a text or HTML file; a file of many (JSONL, WARC) wants `analyze_files`."""
    docs = list(analyze_files([path], published=published, settings=settings))
    if len(docs) != 1:
        raise NewsgraphError(Code.BAD_ARGUMENT, f"{path} holds {len(docs)} documents; use analyze_files()")
    (doc,) = docs
    if isinstance(doc, Rejected):
        raise RejectedInput(doc)
    return doc


class StoreView:
    """A store with its query functions as methods (the same ones the CLI and web API call)."""

    def __init__(self, store: Any):
        self.store = store

    def __enter__(self) -> StoreView:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.store.close()

    def add(self, docs: Iterable[AnalyzedDocument | Rejected]) -> int:
        """Store analysed documents (and rejections, which are data too); how many were new."""
        return int(self.store.put_many(docs))

    def get(self, sha256: str) -> AnalyzedDocument | None:
        """One stored document by the sha256 of its input."""
        return self.store.get(sha256)  # type: ignore[no-any-return]

    def __getattr__(self, name: str) -> Any:
        """`view.quotes(speaker=...)`, `view.search(...)`, ...: store.queries with this store."""
        from newsgraph.store import queries

        fn = getattr(queries, name, None)
        if name.startswith("_") or not callable(fn):
            raise AttributeError(name)
        return lambda *args, **kwargs: fn(self.store, *args, **kwargs)


def open_store(path: str | os.PathLike[str] | None = None, *, readonly: bool = False) -> StoreView:
    """Open (or create) a newsgraph SQLite store; `readonly` never writes to it."""
    from newsgraph.store.db import open_store as _open

    return StoreView(_open(Path(path) if path is not None else None, readonly=readonly))
