"""Extraction quality on ../shared/data/extraction, ours beside trafilatura's.

Sets:
- ``aeb``: the Scrapinghub Article Extraction Benchmark. Body only, scored with
  its own metric: ``\\w+`` tokens, 4-gram shingles as multisets, TP/FP/FN per
  document normalised to sum to 1, precision and recall the means over
  documents, F1 the harmonic mean of the two means.
- ``aeb-text``: the same pages as full-page text dumps (the upstream
  ``html-text`` output) run through our text-dump cleaner, same metric.
- ``naeb``: the Newspaper Article Extraction Benchmark. Title exact match,
  date exact match and author-set F1 (plus body F1 with the AEB metric).
- ``filters``: what each news filter of extract/boilerplate.py is worth: body
  F1 on the AEB pages, the NAEB pages and the WCXB article pages with all
  filters, with each one left out, and with none.
- ``wcxb``: the WCXB development split. On its 711 article pages: body
  precision, recall and F1 with the AEB metric (and the upstream word-level
  F1), author-set F1, and how many we reject; on its 240 pages of other types
  (listings, products, forums ...): how many we reject as not an article.

trafilatura's scores come from running ``trafilatura.extract`` on the same
decoded pages in the same run: with comments off, as the AEB runs every
extractor (the "trafilatura 2.3.1 scores 0.960" reference), and, for AEB,
also with all its defaults (comments on).
"""

from __future__ import annotations

import gzip
import json
import re
import time
import unicodedata
from collections import Counter
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

_TOKEN = re.compile(r"\w+", re.UNICODE)


def tokens(text: str | None) -> list[str]:
    return _TOKEN.findall(text or "")


def _shingles(text: str | None, n: int = 4) -> Counter[tuple[str, ...]]:
    toks = tokens(text)
    # A text shorter than n still has one (short) shingle, as upstream counts it.
    return Counter(tuple(toks[i : i + n]) for i in range(max(1, len(toks) - n + 1)) if toks[i : i + n])


def shingle_match(true: str | None, pred: str | None) -> tuple[float, float, float]:
    """(tp, fp, fn) of 4-gram shingle multisets, normalised to sum to 1."""
    t, p = _shingles(true), _shingles(pred)
    tp = sum((t & p).values())
    fp = sum((p - t).values())
    fn = sum((t - p).values())
    s = tp + fp + fn
    return (tp / s, fp / s, fn / s) if s else (0.0, 0.0, 0.0)


def body_scores(pairs: Sequence[tuple[str, str | None]]) -> dict[str, float]:
    """AEB precision, recall, F1 and accuracy over (truth, prediction) pairs."""
    if not pairs:
        return {"precision": 0.0, "recall": 0.0, "f1": 0.0, "accuracy": 0.0, "n": 0}
    precs, recs, acc = [], [], 0
    for true, pred in pairs:
        tp, fp, fn = shingle_match(true, pred)
        precs.append(tp / (tp + fp) if tp + fp else 0.0)
        recs.append(tp / (tp + fn) if tp + fn else 0.0)
        acc += tokens(true) == tokens(pred)
    p, r = sum(precs) / len(precs), sum(recs) / len(recs)
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f1, 4),
            "accuracy": round(acc / len(pairs), 4), "n": len(pairs)}


# ---- our side and trafilatura's side -------------------------------------------------------


def _ours_html(html: bytes, url: str | None) -> Any:
    """Our Article for one page, or None when we reject it."""
    from newsgraph.errors import NewsgraphError
    from newsgraph.extract import extract
    from newsgraph.ingest.files import sha256
    from newsgraph.model import RawDocument, SourceRef
    from newsgraph.settings import Settings

    raw = RawDocument(source=SourceRef(id="eval", uri="eval:", sha256=sha256(html), format="html"),
                      data=html, kind="html", url=url)
    try:
        # Main-text extraction is scored on every page whatever its language (the benchmarks
        # hold some non-English pages); the English-only check belongs to analysis.
        return extract(raw, Settings(languages=()))
    except NewsgraphError:
        return None


def _theirs_body(html: str, url: str | None, comments: bool = False) -> str:
    """trafilatura 2.3.1 as the AEB runs it (comments off), or with all its defaults."""
    import trafilatura

    return trafilatura.extract(html, url=url, include_comments=comments) or ""


def _theirs_meta(html: str, url: str | None) -> tuple[str | None, str | None, str | None]:
    """(title, date, author) from trafilatura's metadata, default options."""
    import trafilatura

    doc = trafilatura.bare_extraction(html, url=url, with_metadata=True, include_comments=False)
    if doc is None or isinstance(doc, dict):
        return None, None, None
    return doc.title, doc.date, doc.author


# ---- matching rules for NAEB ----------------------------------------------------------------

_QUOTES = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'", "–": "-", "—": "-", "\xa0": " "})


def norm_title(title: str | None) -> str:
    """Exact match modulo Unicode form, quote/dash style, spacing and case."""
    t = unicodedata.normalize("NFKC", title or "").translate(_QUOTES)
    return " ".join(t.split()).casefold()


def _person_key(name: str) -> str:
    t = unicodedata.normalize("NFKD", name)
    t = "".join(c for c in t if not unicodedata.combining(c))
    return " ".join(re.sub(r"[^\w\s-]", " ", t).split()).casefold()


def author_set(value: str | list[str] | tuple[str, ...] | None) -> set[str]:
    """A set of comparable names; strings are split on commas, semicolons and 'and'."""
    if not value:
        return set()
    parts = re.split(r"\s*(?:;|,|&|\band\b)\s*", value) if isinstance(value, str) else list(value)
    return {k for k in (_person_key(p) for p in parts) if k}


def set_f1(true: set[str], pred: set[str]) -> float:
    if not true and not pred:
        return 1.0
    if not true or not pred:
        return 0.0
    tp = len(true & pred)
    if not tp:
        return 0.0
    p, r = tp / len(pred), tp / len(true)
    return 2 * p * r / (p + r)


# ---- data -----------------------------------------------------------------------------------


def _read_gz(path: Path) -> bytes:
    with gzip.open(path, "rb") as fh:
        return fh.read()


def aeb_pages(data: Path, limit: int | None = None) -> Iterator[tuple[str, bytes, str, str]]:
    """(id, html bytes, url, true body) for each AEB page."""
    root = Path(data) / "scrapinghub_aeb"
    truth = json.loads((root / "ground-truth.json").read_text("utf-8"))
    for n, (key, rec) in enumerate(sorted(truth.items())):
        if limit is not None and n >= limit:
            return
        yield key, _read_gz(root / "html" / f"{key}.html.gz"), rec.get("url"), rec.get("articleBody") or ""


def naeb_pages(data: Path, limit: int | None = None) -> Iterator[tuple[str, bytes, dict[str, Any]]]:
    """(id, html bytes, gold record) for each NAEB page that has its HTML."""
    root = Path(data) / "naeb"
    gold = json.loads((root / "articles.json").read_text("utf-8"))
    n = 0
    for key, rec in sorted(gold.items(), key=lambda kv: kv[1].get("id", 0)):
        path = root / "html" / f"{key}.html.gz"
        if not path.exists():
            continue
        if limit is not None and n >= limit:
            return
        n += 1
        yield key, _read_gz(path), rec


def wcxb_pages(data: Path, limit: int | None = None) -> Iterator[tuple[str, str, bytes, dict[str, Any]]]:
    """(id, page type, html bytes, gold record) for each WCXB dev page."""
    root = Path(data) / "wcxb_dev"
    index = json.loads((root / "index.json").read_text("utf-8"))["pages"]
    for n, key in enumerate(sorted(index)):
        if limit is not None and n >= limit:
            return
        gold = json.loads((root / "ground-truth" / f"{key}.json").read_text("utf-8"))
        yield key, index[key]["page_type"], _read_gz(root / "html" / f"{key}.html.gz"), gold


def _unwrap(obj: dict[str, Any]) -> dict[str, Any]:
    return obj["output"] if "output" in obj and isinstance(obj["output"], dict) else obj


# ---- the runs -------------------------------------------------------------------------------


def run_aeb(data: Path, limit: int | None = None, reference: bool = True) -> dict[str, Any]:
    """Our body scores; with `reference`, trafilatura's on the same pages too."""
    ours: list[tuple[str, str | None]] = []
    theirs: list[tuple[str, str | None]] = []
    default: list[tuple[str, str | None]] = []
    rejected = []
    t_ours = t_theirs = 0.0
    for key, html, url, true in aeb_pages(data, limit):
        t0 = time.perf_counter()
        art = _ours_html(html, url)
        t1 = time.perf_counter()
        t_ours += t1 - t0
        if art is None:
            rejected.append(key)
        ours.append((true, art.text if art else ""))
        if reference:
            text = html.decode("utf-8", "replace")
            pred = _theirs_body(text, url)
            t_theirs += time.perf_counter() - t1
            theirs.append((true, pred))
            default.append((true, _theirs_body(text, url, comments=True)))
    seconds = {"ours": round(t_ours, 2)}
    out: dict[str, Any] = {"set": "aeb", "pages": len(ours), "ours": body_scores(ours), "ours_rejected": rejected,
                           "seconds": seconds}
    if reference:
        out.update(trafilatura=body_scores(theirs), trafilatura_default=body_scores(default))
        seconds["trafilatura"] = round(t_theirs, 2)
    return out


def run_aeb_text(data: Path, limit: int | None = None) -> dict[str, Any]:
    """The html-text dumps of the AEB pages through the text-dump cleaner."""
    from newsgraph.extract.textdump import clean_text

    root = Path(data) / "scrapinghub_aeb"
    truth = json.loads((root / "ground-truth.json").read_text("utf-8"))
    dumps = _unwrap(json.loads((root / "output" / "html-text.json").read_text("utf-8")))
    raw_pairs, clean_pairs = [], []
    for n, (key, rec) in enumerate(sorted(truth.items())):
        if limit is not None and n >= limit:
            break
        dump = (dumps.get(key) or {}).get("articleBody") or ""
        raw_pairs.append((rec.get("articleBody") or "", dump))
        clean_pairs.append((rec.get("articleBody") or "", "\n\n".join(clean_text(dump).paragraphs)))
    return {"set": "aeb-text", "pages": len(clean_pairs), "ours": body_scores(clean_pairs),
            "uncleaned_dump": body_scores(raw_pairs)}


def run_naeb(data: Path, limit: int | None = None, reference: bool = True) -> dict[str, Any]:
    from newsgraph.extract.metadata import iso_date

    rows: dict[str, dict[str, list[float]]] = {"ours": {}, "trafilatura": {}}
    bodies: dict[str, list[tuple[str, str | None]]] = {"ours": [], "trafilatura": []}
    rejected = []
    pages = 0
    for key, html, rec in naeb_pages(data, limit):
        pages += 1
        url = rec.get("url")
        art = _ours_html(html, url)
        if art is None:
            rejected.append(key)
        gold_title, gold_date, gold_auth = norm_title(rec.get("title")), rec.get("date"), author_set(rec.get("authors"))
        preds: dict[str, tuple[Any, Any, Any]] = {
            "ours": (art.title if art else None, art.published if art else None, art.authors if art else ()),
        }
        if reference:
            text = html.decode("utf-8", "replace")
            t_title, t_date, t_author = _theirs_meta(text, url)
            preds["trafilatura"] = (t_title, iso_date(t_date), t_author)
            bodies["trafilatura"].append((rec.get("articleBody") or "", _theirs_body(text, url)))
        for side, (title, date, authors) in preds.items():
            r = rows[side]
            r.setdefault("title", []).append(float(norm_title(title) == gold_title))
            r.setdefault("date", []).append(float(bool(date) and date == gold_date))
            r.setdefault("authors", []).append(set_f1(gold_auth, author_set(authors)))
        bodies["ours"].append((rec.get("articleBody") or "", art.text if art else ""))
    out: dict[str, Any] = {"set": "naeb", "pages": pages, "ours_rejected": rejected}
    for side in ("ours", "trafilatura") if reference else ("ours",):
        out[side] = {k: round(sum(v) / len(v), 4) if v else 0.0 for k, v in rows[side].items()}
        out[side]["body_f1"] = body_scores(bodies[side])["f1"]
    return out


def word_f1(true: str | None, pred: str | None) -> float:
    """WCXB's own page score: F1 of lower-cased ``\\w+`` bags of words."""
    t, p = Counter(w.lower() for w in tokens(true)), Counter(w.lower() for w in tokens(pred))
    tp = sum((t & p).values())
    if not tp:
        return 1.0 if not t and not p else 0.0
    prec, rec = tp / sum(p.values()), tp / sum(t.values())
    return 2 * prec * rec / (prec + rec)


def _gold_str(value: Any) -> str | None:
    return value if isinstance(value, str) and value.strip() and value != "None" else None


def _theirs_wcxb(html: str, url: str | None) -> tuple[str, str | None]:
    """trafilatura's body (comments off) and author, from one call: the reference is computed once per page."""
    import trafilatura

    doc = trafilatura.bare_extraction(html, url=url, with_metadata=True, include_comments=False)
    if doc is None or isinstance(doc, dict):
        return "", None
    return doc.text or "", doc.author


def run_wcxb(data: Path, limit: int | None = None, reference: bool = True) -> dict[str, Any]:
    """Body and author scores on the article pages, rejections on all pages."""
    bodies: dict[str, list[tuple[str, str | None]]] = {"ours": [], "trafilatura": []}
    words: dict[str, list[float]] = {"ours": [], "trafilatura": []}
    authors: dict[str, list[float]] = {"ours": [], "trafilatura": []}
    rejected: dict[str, list[str]] = {}
    types: Counter[str] = Counter()
    for key, page_type, html, gold in wcxb_pages(data, limit):
        types[page_type] += 1
        url = gold.get("url")
        art = _ours_html(html, url)
        if art is None:
            rejected.setdefault(page_type, []).append(key)
        if page_type != "article":
            continue
        truth = gold["ground_truth"]
        true_body, true_auth = truth.get("main_content") or "", author_set(_gold_str(truth.get("author")))
        preds = {"ours": (art.text if art else "", art.authors if art else ())}
        if reference:
            preds["trafilatura"] = _theirs_wcxb(html.decode("utf-8", "replace"), url)
        for side, (body, auth) in preds.items():
            bodies[side].append((true_body, body))
            words[side].append(word_f1(true_body, body))
            authors[side].append(set_f1(true_auth, author_set(auth)))
    articles = types.pop("article", 0)
    others = sum(types.values())
    out: dict[str, Any] = {
        "set": "wcxb", "pages": articles + others, "articles": articles, "non_articles": others,
        "ours_rejected": rejected.get("article", []),
        "non_articles_rejected": {t: len(rejected.get(t, [])) for t in sorted(types)},
        "non_article_reject_rate": round(sum(len(rejected.get(t, [])) for t in types) / others, 4) if others else 0.0,
        "article_reject_rate": round(len(rejected.get("article", [])) / articles, 4) if articles else 0.0,
    }
    for side in ("ours", "trafilatura") if reference else ("ours",):
        out[side] = body_scores(bodies[side])
        out[side]["word_f1"] = round(sum(words[side]) / len(words[side]), 4) if words[side] else 0.0
        out[side]["authors"] = round(sum(authors[side]) / len(authors[side]), 4) if authors[side] else 0.0
    return out


def _filter_pages(data: Path, limit: int | None) -> Iterator[tuple[str, bytes, str | None, str]]:
    """(set, html, url, true body) of every article page of the three sets."""
    for _key, html, url, true in aeb_pages(data, limit):
        yield "aeb", html, url, true
    for _key, html, rec in naeb_pages(data, limit):
        yield "naeb", html, rec.get("url"), rec.get("articleBody") or ""
    for _key, page_type, html, gold in wcxb_pages(data, limit):
        if page_type == "article":
            yield "wcxb", html, gold.get("url"), gold["ground_truth"].get("main_content") or ""


def run_filters(data: Path, limit: int | None = None) -> dict[str, Any]:
    """Body F1 per set with all filters, without each one, and with none (the gate left aside)."""
    from functools import cache

    from trafilatura.utils import load_html

    from newsgraph.extract.boilerplate import REASONS
    from newsgraph.extract.html import _trafilatura_lines, clean_main_text, page_prose
    from newsgraph.extract.metadata import read_metadata
    from newsgraph.ingest.encoding import decode

    configs = {"all": frozenset(), **{f"without {r}": frozenset({r}) for r in REASONS}, "none": frozenset(REASONS)}
    pairs: dict[str, dict[str, list[tuple[str, str | None]]]] = {c: {} for c in configs}
    for set_name, html, url, true in _filter_pages(data, limit):
        tree = load_html(decode(html, declared=None, html=True)[0])
        if tree is None:
            continue
        title = read_metadata(tree, url, use_htmldate=False).title
        read = cache(lambda fast, tree=tree, url=url: _trafilatura_lines(tree, url, False, fast))
        prose = page_prose(tree)

        def known(prose: int = prose) -> int:
            return prose

        for name, skip in configs.items():
            kept = clean_main_text(read, title, skip, page_prose=known)[0]
            pairs[name].setdefault(set_name, []).append((true, "\n\n".join(kept)))
    table = {name: {s: body_scores(p)["f1"] for s, p in by_set.items()} for name, by_set in pairs.items()}
    return {"set": "filters", "pages": sum(len(p) for p in pairs["all"].values()), "f1": table}


def _report_filters(fig: dict[str, Any]) -> list[str]:
    sets = list(fig["f1"]["all"])
    lines = [f"{'body F1':24}" + "".join(f"{s:>20}" for s in sets)]
    base = fig["f1"]["all"]
    for name, row in fig["f1"].items():
        cells = [f"{row[s]:.4f}" + (f" ({row[s] - base[s]:+.4f})" if name != "all" else "") for s in sets]
        lines.append(f"{name:24}" + "".join(f"{c:>20}" for c in cells))
    return lines


def run(set_name: str = "aeb", data: Path | str = Path("../shared/data/extraction"), limit: int | None = None) -> dict[str, Any]:
    data = Path(data)
    if not data.is_dir():
        raise SystemExit(f"E006: {data} is not a folder; pass --data with the extraction data folder")
    runs = {"aeb": run_aeb, "aeb-text": run_aeb_text, "naeb": run_naeb, "wcxb": run_wcxb, "filters": run_filters}
    if set_name not in runs:
        raise SystemExit(f"E006: --set must be one of {', '.join(runs)}, got {set_name!r}")
    return runs[set_name](data, limit)


def _report_wcxb(fig: dict[str, Any]) -> list[str]:
    lines = [f"{fig['articles']} article pages:",
             f"{'':24}{'precision':>10}{'recall':>10}{'F1':>10}{'word F1':>10}{'authors':>10}"]
    for side, name in (("ours", "newsgraph"), ("trafilatura", "trafilatura (same run)")):
        if side in fig:
            s = fig[side]
            lines.append(f"{name:24}{s['precision']:>10.4f}{s['recall']:>10.4f}{s['f1']:>10.4f}"
                         f"{s['word_f1']:>10.4f}{s['authors']:>10.4f}")
    by_type = ", ".join(f"{t} {n}" for t, n in fig["non_articles_rejected"].items())
    lines.append(f"{fig['non_articles']} other pages: {fig['non_article_reject_rate']:.1%} rejected as not an article"
                 f" ({by_type})")
    lines.append(f"article pages rejected: {len(fig['ours_rejected'])} ({fig['article_reject_rate']:.1%})"
                 + (f": {' '.join(fig['ours_rejected'])}" if fig["ours_rejected"] else ""))
    return lines


def report(fig: dict[str, Any]) -> str:
    lines = [f"Extraction on {fig['set']} ({fig['pages']} pages)"]
    if fig["set"] == "wcxb":
        return "\n".join(lines + _report_wcxb(fig))
    if fig["set"] == "filters":
        return "\n".join(lines + _report_filters(fig))
    if fig["set"] in ("aeb", "aeb-text"):
        others = tuple(k for k in ("trafilatura", "trafilatura_default", "uncleaned_dump") if k in fig)
        lines.append(f"{'':34}{'precision':>10}{'recall':>10}{'F1':>10}{'accuracy':>10}")
        for side in ("ours", *others):
            s = fig[side]
            name = {"ours": "newsgraph", "trafilatura": "trafilatura, comments off (AEB)",
                    "trafilatura_default": "trafilatura, all defaults",
                    "uncleaned_dump": "html-text dump as is"}[side]
            lines.append(f"{name:34}{s['precision']:>10.4f}{s['recall']:>10.4f}{s['f1']:>10.4f}{s['accuracy']:>10.4f}")
    else:
        lines.append(f"{'':24}{'title':>10}{'date':>10}{'authors':>10}{'body F1':>10}")
        for side, name in (("ours", "newsgraph"), ("trafilatura", "trafilatura (same run)")):
            if side not in fig:
                continue
            s = fig[side]
            lines.append(f"{name:24}{s['title']:>10.4f}{s['date']:>10.4f}{s['authors']:>10.4f}{s['body_f1']:>10.4f}")
    if fig.get("ours_rejected"):
        lines.append(f"newsgraph rejected {len(fig['ours_rejected'])} page(s) (scored as empty)")
    if "seconds" in fig:
        lines.append("time: " + ", ".join(f"{k} {v}s" for k, v in fig["seconds"].items()))
    return "\n".join(lines)
