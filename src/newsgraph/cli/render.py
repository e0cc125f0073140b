"""Readable rendering of analysed articles for people (rich tables)."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.table import Table

from newsgraph.model.format import format_number


def print_tables(objs: list[dict[str, Any]], console: Console | None = None) -> None:
    console = console or Console()
    for obj in objs:
        src = obj["source"]
        if "error" in obj:
            console.print(f"[bold red]{src['id']}[/]: {obj['error']['code']} {obj['error']['message']}")
            continue
        art = obj["article"]
        console.rule(f"[bold]{art.get('title') or src['id']}")
        meta = [f"published {art['published']} ({art['published_from']})" if art["published"] else "no date"]
        if art["authors"]:
            meta.append("by " + ", ".join(art["authors"]))
        if art["publisher"]:
            meta.append(art["publisher"])
        if art["rights"]:
            meta.append(f"© {art['rights'].get('holder') or '?'}")
        console.print(" · ".join(meta))
        console.print(f"{len(art['text'].split())} words, {art['text'].count(chr(10) * 2) + 1} paragraphs, "
                      f"{len(art['removed'])} lines removed")
        if obj["attributions"]:
            t = Table("speaker", "kind", "cue", "content", title="Who said what", show_lines=False)
            for a in obj["attributions"]:
                t.add_row(a["speaker"].get("name") or "?", a["kind"], (a["cue"] or {}).get("text") or "",
                          _short(a["content"]["text"]))
            console.print(t)
        if obj["claims"]:
            t = Table("figure", "value", "unit", "source", title="Figures")
            for c in obj["claims"]:
                value = format_number(c["value"]) or "?"
                t.add_row(_short(c["text"], 50), f"{c.get('qualifier') or ''} {value}".strip(), c["unit"] or "",
                          (c["source"] or {}).get("name") or "")
            console.print(t)
        if obj["events"]:
            t = Table("type", "source", "trigger", "target", "date", title="Events")
            for e in obj["events"]:
                t.add_row(e["type"], (e["source"] or {}).get("name") or "", e["trigger"]["text"],
                          (e["target"] or {}).get("name") or "", e["date"] or "")
            console.print(t)
        if obj["entities"]:
            names = ", ".join(f"{e['name']} ({e['type']})" for e in obj["entities"][:30])
            console.print(f"[bold]Entities:[/] {names}")


def _short(text: str, n: int = 90) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"
