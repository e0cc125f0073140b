"""Run the whole pipeline on the real-news pages, as a user would, and score them.

Each page is read the way `newsgraph analyze PAGE.html.gz` reads it (ingest's
`iter_inputs`: gunzip, size and HTML checks), with the page's URL added as a
fetch would give it (extraction uses it for the date and the publisher), then
analysed by the same pipeline `newsgraph analyze` runs, all stages, in batches,
and turned into the newsgraph/1 JSON object the command prints. The scorer
reads only that object, so what is scored is what a user gets.
"""

from __future__ import annotations

import dataclasses
import json
import time
from pathlib import Path
from typing import Any

from newsgraph.errors import Code, NewsgraphError
from newsgraph.evaluate.realnews.scoring import HEADLINE, LAYERS, LayerScore, score_page, totals
from newsgraph.model import RawDocument, Rejected


def load(path: Path, limit: int | None = None) -> list[dict[str, Any]]:
    if not Path(path).is_file():
        raise NewsgraphError(Code.READ_FAILED, f"no gold file at {path}: the real-news data lives in "
                             "../shared/data/realnews next to the project checkout (or pass --data)")
    records = []
    with open(path, encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                records.append(json.loads(line))
            except json.JSONDecodeError as exc:
                raise NewsgraphError(Code.BAD_JSONL, f"{path} line {lineno} is not valid JSON: {exc.msg}") from None
    return records[:limit] if limit else records


def html_path(html_dir: Path, page_id: str) -> Path:
    return Path(html_dir) / f"{page_id}.html.gz"


def raw_page(rec: dict[str, Any], html_dir: Path, settings: Any) -> RawDocument | Rejected:
    """The page as the pipeline's input (a RawDocument, or ingest's coded Rejected)."""
    from newsgraph.ingest import iter_inputs

    item = next(iter(iter_inputs([str(html_path(html_dir, rec["id"]))], settings)))
    source = dataclasses.replace(item.source, id=rec["id"])
    if isinstance(item, RawDocument):
        return dataclasses.replace(item, source=source, url=rec.get("url"))
    return dataclasses.replace(item, source=source)


def analyse(records: list[dict[str, Any]], html_dir: Path) -> list[dict[str, Any]]:
    """The newsgraph/1 object of every page, in order (an error line for a page that failed)."""
    from newsgraph.model.serialize import to_json
    from newsgraph.pipeline import get_pipeline
    from newsgraph.settings import load_settings

    settings = load_settings()
    pipeline = get_pipeline(settings)
    return [to_json(doc) for doc in pipeline.run(raw_page(rec, html_dir, settings) for rec in records)]


def _check_html_dir(html_dir: Path) -> None:
    if not Path(html_dir).is_dir():
        raise NewsgraphError(Code.READ_FAILED, f"no HTML folder at {html_dir}: the pages live in "
                             "../shared/data/extraction/naeb/html (or pass --html-dir)")


def run(data: Path, html_dir: Path, limit: int | None = None, show: bool = False, **_: Any) -> dict[str, Any]:
    records = load(Path(data), limit)
    _check_html_dir(html_dir)
    t0 = time.perf_counter()
    outputs = analyse(records, Path(html_dir))
    seconds = time.perf_counter() - t0
    pages = [score_page(rec, out) for rec, out in zip(records, outputs)]
    return summarise(records, outputs, pages, show) | {"data": str(data), "html_dir": str(html_dir),
                                                       "seconds": round(seconds, 1)}


def summarise(records: list[dict[str, Any]], outputs: list[dict[str, Any]], pages: list[dict[str, LayerScore]],
              show: bool = False) -> dict[str, Any]:
    """Micro P/R/F1 per layer and metric; with `show`, every page's unmatched items."""
    counts = totals(pages)
    figures: dict[str, Any] = {
        "pages": len(records),
        "rejected": [{"id": rec["id"], **out["error"]} for rec, out in zip(records, outputs) if "error" in out],
        "headline": HEADLINE,
        "layers": {layer: {m: counts[layer][m].figures() for m in metrics} for layer, metrics in LAYERS.items()},
    }
    if show:
        figures["per_page"] = [
            {"id": rec["id"], "url": rec.get("url"), "layers": {name: score.shown() for name, score in page.items()}}
            for rec, page in zip(records, pages)
        ]
    return figures
