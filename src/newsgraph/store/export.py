"""Export a store, or any stream of documents, as JSONL, CSV, Parquet or JSON-LD.

Parquet and CSV hold one file per table of `serialize.TABLES`, with the typed
columns of `typed_tables.export_columns(table)` (ISO days beside every TIMEX
value, list<string> columns, `newsgraph/1` in the Arrow metadata): the same
tables the Spark job writes, so DuckDB, pandas and Spark read all of them
alike. For Spark:

    from newsgraph.store.export import arrow_schema, rows_to_arrow, docs_to_arrow
    tables = docs_to_arrow(docs)            # {"articles": pa.Table, "entities": ..., ...}

`read_parquet(dir)` turns the files back into AnalyzedDocuments (via
`serialize.from_rows`), which is how the round trip is tested.

pyarrow is the `parquet` extra: JSONL, CSV and JSON-LD work without it, and
Parquet without it is the coded error E018 saying how to get it.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from newsgraph.errors import missing_dependency
from newsgraph.model import AnalyzedDocument, Rejected
from newsgraph.model.serialize import TABLES, from_rows, to_json, to_rows
from newsgraph.store.typed_tables import (
    arrow_schema,
    csv_row,
    export_columns,
    rows_to_arrow,
    untyped_row,
)

FORMATS = ("jsonl", "csv", "parquet", "jsonld")
__all__ = ["FORMATS", "arrow_schema", "docs_to_arrow", "export_store", "read_parquet", "rows_to_arrow",
           "to_jsonld", "write_jsonl", "write_jsonld", "write_tables"]


def parquet_module() -> Any:
    """pyarrow.parquet, or E018 naming the extra that brings it."""
    try:
        import pyarrow.parquet as pq
    except ImportError as exc:
        raise missing_dependency(exc, "Parquet") from None
    return pq


def docs_to_rows(docs: Iterable[AnalyzedDocument]) -> dict[str, list[dict[str, Any]]]:
    out: dict[str, list[dict[str, Any]]] = {t: [] for t in TABLES}
    for doc in docs:
        for table, rows in to_rows(doc).items():
            out[table].extend(rows)
    return out


def docs_to_arrow(docs: Iterable[AnalyzedDocument]) -> dict[str, Any]:
    return {t: rows_to_arrow(t, rows) for t, rows in docs_to_rows(docs).items()}


class _TableWriters:
    """Append documents a chunk at a time, so exporting a big store stays in bounded memory."""

    def __init__(self, outdir: Path, fmt: str, bom: bool = False):
        self.outdir, self.fmt = outdir, fmt
        # Excel reads a CSV without a byte order mark as the local code page, garbling “curly quotes”.
        self.encoding = "utf-8-sig" if bom else "utf-8"
        self.pq = parquet_module() if fmt == "parquet" else None
        outdir.mkdir(parents=True, exist_ok=True)
        self.writers: dict[str, Any] = {}
        self.files: dict[str, Any] = {}

    def write(self, rows_by_table: dict[str, list[dict[str, Any]]]) -> None:
        for table in TABLES:
            rows = rows_by_table.get(table, [])
            if self.pq is not None:
                if table not in self.writers:
                    self.writers[table] = self.pq.ParquetWriter(self.outdir / f"{table}.parquet", arrow_schema(table))
                if rows:
                    self.writers[table].write_table(rows_to_arrow(table, rows))
            else:
                if table not in self.writers:
                    fh = open(self.outdir / f"{table}.csv", "w", newline="", encoding=self.encoding)
                    self.files[table] = fh
                    w = csv.DictWriter(fh, fieldnames=[c for c, _ in export_columns(table)], extrasaction="ignore")
                    w.writeheader()
                    self.writers[table] = w
                self.writers[table].writerows(csv_row(table, r) for r in rows)

    def close(self) -> list[Path]:
        for w in self.writers.values():
            if self.fmt == "parquet":
                w.close()
        for fh in self.files.values():
            fh.close()
        return [self.outdir / f"{t}.{self.fmt}" for t in TABLES]


def write_tables(docs: Iterable[AnalyzedDocument], outdir: str | Path, fmt: str = "parquet",
                 chunk: int = 500, bom: bool = False) -> list[Path]:
    """One Parquet (or CSV) file per table under outdir; returns the paths written.

    `bom` starts each CSV file with a UTF-8 byte order mark, for Excel.
    """
    if fmt not in ("parquet", "csv"):
        raise ValueError(f"table export is parquet or csv, not {fmt!r}")
    writers = _TableWriters(Path(outdir), fmt, bom=bom)
    batch: list[AnalyzedDocument] = []
    for doc in docs:
        batch.append(doc)
        if len(batch) >= chunk:
            writers.write(docs_to_rows(batch))
            batch = []
    writers.write(docs_to_rows(batch))
    return writers.close()


def read_parquet(outdir: str | Path) -> Iterator[AnalyzedDocument]:
    """Documents back from a Parquet export (every table read whole: for tests and small sets)."""
    pq = parquet_module()
    outdir = Path(outdir)
    by_doc: dict[str, dict[str, list[dict[str, Any]]]] = {}
    order: list[str] = []
    for table in TABLES:
        path = outdir / f"{table}.parquet"
        if not path.exists():
            path = outdir / table  # the Spark job writes a folder of part files per table
        if not path.exists():
            continue
        for typed in pq.read_table(path).to_pylist():
            row = untyped_row(table, typed)
            if row["doc"] not in by_doc:
                by_doc[row["doc"]] = {t: [] for t in TABLES}
                order.append(row["doc"])
            by_doc[row["doc"]][table].append(row)
    for doc in order:
        yield from_rows(by_doc[doc])


def write_jsonl(items: Iterable[AnalyzedDocument | Rejected], out: Any) -> int:
    """Contract JSON lines (error lines included) to a text file object."""
    n = 0
    for item in items:
        out.write(json.dumps(to_json(item), ensure_ascii=False) + "\n")
        n += 1
    return n


# ------------------------------------------------------------------ JSON-LD
_LD_TYPE = {"PERSON": "Person", "ORG": "Organization", "GPE": "Place", "LOC": "Place", "FAC": "Place",
            "NORP": "Thing", "EVENT": "Event"}


def _agent(name: str | None, etype: str | None = None) -> dict[str, Any] | None:
    if not name:
        return None
    return {"@type": _LD_TYPE.get(etype or "", "Person" if etype is None else "Thing"), "name": name}


def to_jsonld(doc: AnalyzedDocument) -> dict[str, Any]:
    """A schema.org NewsArticle with its quotations (schema.org/Quotation) and mentions."""
    art = doc.article
    types = {e.id: e.type for e in doc.entities}
    node: dict[str, Any] = {
        "@type": "NewsArticle",
        "@id": f"urn:sha256:{doc.source.sha256}",
        "identifier": doc.source.sha256,
        "headline": art.title,
        "articleBody": art.text,
        "inLanguage": art.language,
        "datePublished": art.published,
        "url": art.url or (doc.source.uri if doc.source.uri.startswith("http") else None),
        "author": [{"@type": "Person", "name": a} for a in art.authors],
        "publisher": {"@type": "Organization", "name": art.publisher} if art.publisher else None,
        "wordCount": len(art.text.split()),
    }
    if art.rights:
        node["copyrightHolder"] = {"@type": "Organization", "name": art.rights.holder} if art.rights.holder else None
        node["copyrightYear"] = art.rights.year
        node["copyrightNotice"] = art.rights.notice
    quotes = []
    for a in doc.attributions:
        q: dict[str, Any] = {"@type": "Quotation", "text": a.content.text, "additionalType": a.kind}
        speaker = _agent(a.speaker.name or a.speaker.text, types.get(a.speaker.entity_id or ""))
        if speaker:
            q["spokenByCharacter"] = speaker
            q["creator"] = speaker
        quotes.append(q)
    node["hasPart"] = quotes
    node["mentions"] = [{"@type": _LD_TYPE.get(e.type, "Thing"), "name": e.name} for e in doc.entities]
    node["contentLocation"] = _places(doc)
    return {k: v for k, v in node.items() if v not in (None, [])}


def _places(doc: AnalyzedDocument) -> list[dict[str, Any]]:
    """Each place once: the layer has one row per mention, and "Gaza" named 12 times is one place."""
    seen: set[tuple[Any, ...]] = set()
    out = []
    for p in doc.places:
        key = (p.geonameid, p.name) if p.geonameid is not None else (p.name, p.lat, p.lon)
        if key in seen:
            continue
        seen.add(key)
        geo = {"geo": {"@type": "GeoCoordinates", "latitude": p.lat, "longitude": p.lon}} if p.lat is not None else {}
        out.append({"@type": "Place", "name": p.name, **geo})
    return out


def write_jsonld(docs: Iterable[AnalyzedDocument], out: Any) -> int:
    """One JSON-LD document with an @graph of NewsArticles."""
    graph = [to_jsonld(d) for d in docs]
    json.dump({"@context": "https://schema.org", "@graph": graph}, out, ensure_ascii=False, indent=1)
    out.write("\n")
    return len(graph)


def export_store(store: Any, fmt: str, out: str | Path | None, bom: bool = False) -> str:
    """Export everything in a store; returns a line saying what was written where."""
    import sys

    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}; formats: {', '.join(FORMATS)}")
    if fmt in ("parquet", "csv"):
        outdir = Path(out or f"newsgraph-{fmt}")
        paths = write_tables(store.documents(), outdir, fmt, bom=bom)
        return f"wrote {len(paths)} {fmt} tables to {outdir}/"
    fh = open(out, "w", encoding="utf-8") if out and out != "-" else sys.stdout
    try:
        if fmt == "jsonl":
            n = write_jsonl(_chain(store.documents(), store.rejected()), fh)
        else:
            n = write_jsonld(store.documents(), fh)
    finally:
        if fh is not sys.stdout:
            fh.close()
    return f"wrote {n} {fmt} records to {out or 'stdout'}"


def _chain(*its: Iterable[Any]) -> Iterator[Any]:
    for it in its:
        yield from it
