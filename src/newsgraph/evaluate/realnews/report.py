"""The real-news figures as text for people: one table, then with --show each page's misses."""

from __future__ import annotations

from typing import Any

from newsgraph.evaluate.realnews.scoring import LAYERS

_CLIP = 110  # characters of a quoted text in --show; enough to find it in the page


def _clip(text: Any) -> str:
    s = " ".join(str(text if text is not None else "").split())
    return s if len(s) <= _CLIP else s[: _CLIP - 1] + "…"


def _name(value: Any) -> str:
    return "∅" if value in (None, "") else str(value)


def report(fig: dict[str, Any]) -> str:
    seconds = f", {fig['seconds']}s" if "seconds" in fig else ""
    lines = [f"Real-news pages: {fig['pages']} pages ({fig.get('data', '')}{seconds}); micro P/R/F1, * = headline",
             "", f"  {'layer':<13}{'metric':<10}{'P':>7}{'R':>7}{'F1':>7}{'pred':>7}{'gold':>7}"]
    for layer, metrics in LAYERS.items():
        for i, metric in enumerate(metrics):
            f = fig["layers"][layer][metric]
            star = "*" if fig["headline"][layer] == metric else " "
            lines.append(f"  {layer if i == 0 else '':<13}{metric + star:<10}{f['precision']:>7.3f}{f['recall']:>7.3f}"
                         f"{f['f1']:>7.3f}{f['pred']:>7}{f['gold']:>7}")
    if fig["rejected"]:
        lines += ["", f"  rejected by the pipeline ({len(fig['rejected'])}, scored as predicting nothing):"]
        lines += [f"    {r['id']}: {r['code']} {r['message']}" for r in fig["rejected"]]
    for page in fig.get("per_page") or []:
        lines += ["", f"== {page['id']}  {page.get('url') or ''}"]
        for layer, shown in page["layers"].items():
            lines += _layer_lines(layer, shown)
    return "\n".join(lines)


def _layer_lines(layer: str, shown: dict[str, list[dict[str, Any]]]) -> list[str]:
    fmt = _FORMATS[layer]
    out = []
    for part in ("missed", "extra", "wrong"):
        for item in shown[part]:
            out.append(f"  {layer[:5]} {part:<6} {fmt[part](item)}")
    return out


def _attribution(item: dict[str, Any]) -> str:
    return f"[{item.get('kind')}] {_name(item.get('speaker'))}: {_clip(item.get('content'))}"


def _attribution_wrong(item: dict[str, Any]) -> str:
    return (f"speaker gold {_name(item['gold'])} / ours {_name(item['pred'])} (as written {_name(item['pred_text'])}): "
            f"{_clip(item['content'])}")


def _event(item: dict[str, Any]) -> str:
    return (f"{item.get('type')} '{item.get('trigger')}' {_name(item.get('source'))} -> {_name(item.get('target'))} "
            f"| {_clip(item.get('sentence'))}")


def _event_wrong(item: dict[str, Any]) -> str:
    g, p = item["gold"], item["pred"]
    return (f"{item['type']} '{item['trigger']}' (ours '{item['pred_trigger']}') actors gold "
            f"{_name(g[0])} -> {_name(g[1])} / ours {_name(p[0])} -> {_name(p[1])}")


def _place_missed(item: dict[str, Any]) -> str:
    how = "found, wrong place" if item.get("found") else "not found"
    return f"{item.get('name')} ({item.get('country') or '-'}) {item.get('mentions')} [{how}]"


def _place_extra(item: dict[str, Any]) -> str:
    return f"{item.get('forms')} -> {item.get('name')} ({item.get('country') or '-'}, gid {item.get('geonameid')})"


def _place_wrong(item: dict[str, Any]) -> str:
    g = item["gold"]
    return (f"{item.get('forms')} -> {item.get('name')} ({item.get('country') or '-'}) but gold {g['name']} "
            f"({g['country'] or '-'}), {item['km'] if item['km'] is not None else '?'} km")


def _figure(item: dict[str, Any]) -> str:
    return f"{item.get('value')} {item.get('unit') or ''} '{_clip(item.get('text'))}' source {_name(item.get('source'))}"


def _figure_wrong(item: dict[str, Any]) -> str:
    return f"'{_clip(item['text'])}' source gold {_name(item['gold'])} / ours {_name(item['pred'])}"


_FORMATS = {
    "attributions": {"missed": _attribution, "extra": _attribution, "wrong": _attribution_wrong},
    "events": {"missed": _event, "extra": _event, "wrong": _event_wrong},
    "places": {"missed": _place_missed, "extra": _place_extra, "wrong": _place_wrong},
    "figures": {"missed": _figure, "extra": _figure, "wrong": _figure_wrong},
}
