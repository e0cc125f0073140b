"""Build a synthetic syndication set from the ../shared extraction pages (NAEB ground truth).

Each chosen article becomes a group: the original plus copies made the way
syndication and scraping make them:

* boilerplate added: a wire dateline, a rights notice, "related" links;
* boilerplate removed: first or last paragraph and a middle one dropped;
* truncated: only the first 35-70% of the paragraphs, with a "read more" line;
* re-titled: a new headline and a few words changed;
* and combinations (a truncated wire copy with its own notice).

Hard negatives: for every original, the most similar *other* article of
the set by content words (a different story on the same topic) is added
as a singleton. The output is JSON lines written outside the repository:

    {"id", "group", "role": original|copy|unrelated, "transform", "title", "text",
     "published", "rights", "site"}

    .venv/bin/python scripts/make_syndication_set.py --out /tmp/syndication.jsonl
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import re
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_SOURCE = ROOT.parent / "shared" / "data" / "extraction" / "naeb" / "articles.json"

WIRES = ["Harbor Wire", "Continental Press Service", "Northline News Agency", "Meridian Newswire"]
PUBLISHERS = ["Lakeside Ledger Media LLC", "Valley Courier Group", "Metro Daily Holdings", "Riverside Post Inc."]
RELATED = ["Related: Five things to know this week", "Sign up for our morning newsletter",
           "Follow us on social media for updates", "Most read: Weather warning issued for the weekend"]
RETITLE = ["What we know about", "Explainer:", "Update:", "Report:", "Analysis:"]
SWAPS = {"said": "says", "told": "said to", "Monday": "on Monday", "also": "additionally", "but": "however"}
_WORD = re.compile(r"[a-z]{4,}")
STOP = set("that with this from have were been their they will would about which there when what said more "
           "than also into after over some only other could them then these most such like just year years "
           "first last people time because where while being does made make many much very says".split())


def paragraphs(text: str) -> list[str]:
    return [p.strip() for p in re.split(r"\n\s*\n|\n", text) if p.strip()]


def content_words(text: str) -> set[str]:
    return {w for w in _WORD.findall(text.lower()) if w not in STOP}


def notice(year: int, holder: str) -> str:
    return (f"Copyright {year} {holder}. All rights reserved. This material may not be published, broadcast, "
            "rewritten, or redistributed.")


def add_boilerplate(paras: list[str], rng: random.Random, year: int) -> tuple[list[str], str]:
    wire = rng.choice(WIRES)
    holder = rng.choice(PUBLISHERS)
    first = f"{rng.choice(['PORTVALE', 'EASTGATE', 'LAKESIDE', 'NEW YORK'])} ({wire}) — {paras[0]}"
    tail = [notice(year, holder)] + rng.sample(RELATED, 2)
    head = [f"By {wire} staff"] if rng.random() < 0.5 else []
    return head + [first] + paras[1:] + tail, notice(year, holder)


def remove_boilerplate(paras: list[str], rng: random.Random) -> list[str]:
    out = list(paras)
    if len(out) > 4:
        out.pop(rng.choice([0, len(out) - 1]))
    if len(out) > 4:
        out.pop(rng.randrange(1, len(out) - 1))
    return out


def truncate(paras: list[str], rng: random.Random) -> list[str]:
    keep = max(2, round(len(paras) * rng.uniform(0.35, 0.7)))
    return paras[:keep] + ["Read the full story on our website."]


def retitle(title: str, paras: list[str], rng: random.Random) -> tuple[str, list[str]]:
    new_title = f"{rng.choice(RETITLE)} {title}" if rng.random() < 0.5 else " ".join(reversed(title.split(":")))
    edited = []
    for p in paras:
        if rng.random() < 0.3:
            for a, b in SWAPS.items():
                p = re.sub(rf"\b{a}\b", b, p, count=1)
        edited.append(p)
    return new_title.strip(), edited


TRANSFORMS = ["boilerplate_added", "boilerplate_removed", "truncated", "retitled", "truncated+boilerplate_added"]


def make_copy(kind: str, art: dict[str, Any], rng: random.Random) -> dict[str, Any]:
    paras = paragraphs(art["articleBody"])
    title = art["title"] or ""
    year = int((art.get("date") or "2023")[:4])
    rights = None
    for step in kind.split("+"):
        if step == "boilerplate_added":
            paras, rights = add_boilerplate(paras, rng, year)
        elif step == "boilerplate_removed":
            paras = remove_boilerplate(paras, rng)
        elif step == "truncated":
            paras = truncate(paras, rng)
        elif step == "retitled":
            title, paras = retitle(title, paras, rng)
    date = art.get("date")
    if date:
        date = (dt.date.fromisoformat(date) + dt.timedelta(days=rng.randint(0, 3))).isoformat()
    return {"title": title, "text": "\n\n".join(paras), "published": date, "rights": rights, "transform": kind}


def build(source: Path, n_groups: int, seed: int) -> list[dict[str, Any]]:
    arts = json.loads(source.read_text("utf-8"))
    pool = [a for a in arts.values() if len((a.get("articleBody") or "").split()) >= 150 and a.get("title")]
    pool.sort(key=lambda a: str(a["id"]))
    rng = random.Random(seed)
    bases = rng.sample(pool, min(n_groups, len(pool)))
    base_ids = {str(a["id"]) for a in bases}
    words = {str(a["id"]): content_words(a["articleBody"]) for a in pool}
    df = Counter(w for ws in words.values() for w in ws)
    rows: list[dict[str, Any]] = []
    used: set[str] = set(base_ids)
    for g, art in enumerate(bases):
        gid = f"g{g:03d}"
        rows.append({"id": f"{gid}-orig", "group": gid, "role": "original", "transform": None,
                     "title": art["title"], "text": art["articleBody"], "published": art.get("date"),
                     "rights": None, "site": art.get("site")})
        for k, kind in enumerate(rng.sample(TRANSFORMS, rng.randint(1, 3))):
            copy = make_copy(kind, art, rng)
            rows.append({"id": f"{gid}-copy{k}", "group": gid, "role": "copy", "site": rng.choice(WIRES), **copy})
        # The closest other article by weighted content words: same topic, different story.
        mine = words[str(art["id"])]
        best, best_score = None, 0.0
        for other in pool:
            oid = str(other["id"])
            if oid in used:
                continue
            shared = mine & words[oid]
            score = sum(1 / df[w] for w in shared) / (len(mine | words[oid]) or 1)
            if score > best_score:
                best, best_score = other, score
        if best is not None:
            used.add(str(best["id"]))
            rows.append({"id": f"{gid}-topic", "group": f"{gid}-topic", "role": "unrelated", "transform": None,
                         "title": best["title"], "text": best["articleBody"], "published": best.get("date"),
                         "rights": None, "site": best.get("site")})
    rng.shuffle(rows)
    return rows


def main(argv: list[str] | None = None) -> Path:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--source", type=Path, default=DEFAULT_SOURCE, help="NAEB articles.json")
    ap.add_argument("--out", type=Path, default=Path("/tmp/newsgraph-syndication.jsonl"))
    ap.add_argument("--groups", type=int, default=80)
    ap.add_argument("--seed", type=int, default=6)
    args = ap.parse_args(argv)
    rows = build(args.source, args.groups, args.seed)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with open(args.out, "w", encoding="utf-8") as fh:
        for r in rows:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    roles = Counter(r["role"] for r in rows)
    print(f"wrote {len(rows)} articles ({dict(roles)}) to {args.out}")
    return args.out


if __name__ == "__main__":
    main()
