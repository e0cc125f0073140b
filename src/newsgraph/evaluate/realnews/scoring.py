"""Score one page: a gold record of gold_dev.jsonl against the newsgraph/1 JSON object
the pipeline printed for that page (docs/output-contract.md).

Each layer gives two metrics, the second stricter than the first (content then
speaker, type then actors, detected then resolved, value then source), each as
counts that add up over pages (micro P/R/F1), plus the items --show prints:
`missed` (gold items nothing matched), `extra` (predictions that matched no
gold item) and `wrong` (matched by the first metric, failed by the second).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from newsgraph.evaluate.realnews.rules import (
    MAX_KM,
    bag,
    bag_dice,
    confident,
    dice,
    figure_value,
    greedy,
    haversine_km,
    is_duration,
    names_agree,
    place_form,
    predicted_name,
    unmatched,
    values_agree,
)

LAYERS: dict[str, tuple[str, str]] = {
    "attributions": ("content", "speaker"),
    "events": ("type", "actors"),
    "places": ("detected", "resolved"),
    "figures": ("value", "source"),
}
HEADLINE = {"attributions": "speaker", "events": "type", "places": "resolved", "figures": "value"}

CONTENT_DICE = 0.5
SENTENCE_DICE = 0.6
FIGURE_TEXT_DICE = 0.34
NOT_ASSERTED = ("hypothetical", "future")

Item = dict[str, Any]


@dataclass
class Count:
    """pred/gold: items on each side; right_pred / right_gold: the numerators of P and R
    (equal for one-to-one matching; places count right groups and found gold places)."""

    pred: int = 0
    gold: int = 0
    right_pred: int = 0
    right_gold: int = 0

    @classmethod
    def matched(cls, pred: int, gold: int, right: int) -> Count:
        return cls(pred, gold, right, right)

    def add(self, other: Count) -> None:
        self.pred += other.pred
        self.gold += other.gold
        self.right_pred += other.right_pred
        self.right_gold += other.right_gold

    def figures(self) -> dict[str, Any]:
        p = self.right_pred / self.pred if self.pred else 0.0
        r = self.right_gold / self.gold if self.gold else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4),
                "pred": self.pred, "gold": self.gold, "right_pred": self.right_pred, "right_gold": self.right_gold}


@dataclass
class LayerScore:
    counts: dict[str, Count]
    missed: list[Item] = field(default_factory=list)
    extra: list[Item] = field(default_factory=list)
    wrong: list[Item] = field(default_factory=list)

    def shown(self) -> dict[str, list[Item]]:
        return {"missed": self.missed, "extra": self.extra, "wrong": self.wrong}


EMPTY_OUTPUT: dict[str, Any] = {"article": {"text": ""}, "entities": [], "attributions": [], "claims": [],
                                "places": [], "events": []}


def entity_names(doc: Mapping[str, Any]) -> dict[str, str]:
    return {e["id"]: e["name"] for e in doc.get("entities") or [] if e.get("id") and e.get("name")}


def score_page(gold: Mapping[str, Any], doc: Mapping[str, Any] | None) -> dict[str, LayerScore]:
    """All four layers of one page; `doc` None (a rejected page) predicts nothing."""
    out = doc if doc is not None and "error" not in doc else EMPTY_OUTPUT
    return {
        "attributions": score_attributions(gold.get("attributions") or [], out),
        "events": score_events(gold.get("events") or [], out),
        "places": score_places(gold.get("places") or [], gold.get("metonyms") or [], out),
        "figures": score_figures(gold.get("figures") or [], out),
    }


# ---- attributions ---------------------------------------------------------------------------


def score_attributions(gold: list[Item], doc: Mapping[str, Any]) -> LayerScore:
    names = entity_names(doc)
    preds = [a for a in doc.get("attributions") or [] if confident(a)]
    g_bags = [bag(g.get("content")) for g in gold]
    p_bags = [bag((p.get("content") or {}).get("text")) for p in preds]
    pairs = greedy(len(gold), len(preds), lambda gi, pi: (bag_dice(g_bags[gi], p_bags[pi]),), CONTENT_DICE)
    speakers = [predicted_name(p.get("speaker"), names, written="text") for p in preds]
    result = LayerScore(counts={})
    right_speaker = 0
    for gi, pi in pairs:
        if names_agree(gold[gi].get("speaker"), speakers[pi]):
            right_speaker += 1
        else:
            result.wrong.append({"content": gold[gi].get("content"), "gold": gold[gi].get("speaker"),
                                 "pred": speakers[pi], "pred_text": (preds[pi].get("speaker") or {}).get("text")})
    result.counts = {"content": Count.matched(len(preds), len(gold), len(pairs)),
                     "speaker": Count.matched(len(preds), len(gold), right_speaker)}
    result.missed = [{"kind": gold[i].get("kind"), "content": gold[i].get("content"), "speaker": gold[i].get("speaker")}
                     for i in unmatched(len(gold), (g for g, _ in pairs))]
    result.extra = [{"kind": preds[i].get("kind"), "content": (preds[i].get("content") or {}).get("text"),
                     "speaker": speakers[i]} for i in unmatched(len(preds), (p for _, p in pairs))]
    return result


# ---- events ---------------------------------------------------------------------------------


def asserted(event: Mapping[str, Any]) -> bool:
    """The output's own "not asserted": negated, hypothetical or future events are left out."""
    return not event.get("negated") and event.get("tense") not in NOT_ASSERTED


def sentence_text(event: Mapping[str, Any], article_text: str) -> str:
    sent = event.get("sentence") or {}
    if sent.get("text") is not None:
        return str(sent["text"])
    start, end = sent.get("start"), sent.get("end")
    return article_text[start:end] if start is not None and end is not None else ""


def _event_view(e: Mapping[str, Any], names: Mapping[str, str], article_text: str) -> Item:
    return {"type": e.get("type"), "trigger": (e.get("trigger") or {}).get("text"),
            "source": predicted_name(e.get("source"), names), "target": predicted_name(e.get("target"), names),
            "sentence": sentence_text(e, article_text).strip()}


def score_events(gold: list[Item], doc: Mapping[str, Any]) -> LayerScore:
    names = entity_names(doc)
    text = (doc.get("article") or {}).get("text") or ""
    preds = [_event_view(e, names, text) for e in doc.get("events") or [] if confident(e) and asserted(e)]
    g_bags = [bag(g.get("sentence")) for g in gold]
    p_bags = [bag(p["sentence"]) for p in preds]

    def key(gi: int, pi: int) -> tuple[float, float] | None:
        if gold[gi].get("type") != preds[pi]["type"]:
            return None
        # several events of one type in one sentence tie on the sentence: the trigger decides
        return bag_dice(g_bags[gi], p_bags[pi]), dice(gold[gi].get("trigger"), preds[pi]["trigger"])

    pairs = greedy(len(gold), len(preds), key, SENTENCE_DICE)
    result = LayerScore(counts={})
    right_actors = 0
    for gi, pi in pairs:
        g, p = gold[gi], preds[pi]
        if names_agree(g.get("source"), p["source"]) and names_agree(g.get("target"), p["target"]):
            right_actors += 1
        else:
            result.wrong.append({"type": g.get("type"), "trigger": g.get("trigger"), "pred_trigger": p["trigger"],
                                 "gold": [g.get("source"), g.get("target")], "pred": [p["source"], p["target"]]})
    result.counts = {"type": Count.matched(len(preds), len(gold), len(pairs)),
                     "actors": Count.matched(len(preds), len(gold), right_actors)}
    keys = ("type", "trigger", "source", "target", "sentence")
    result.missed = [{k: gold[i].get(k) for k in keys} for i in unmatched(len(gold), (g for g, _ in pairs))]
    result.extra = [preds[i] for i in unmatched(len(preds), (p for _, p in pairs))]
    return result


# ---- places ---------------------------------------------------------------------------------


def place_groups(places: list[Item], article_text: str) -> list[Item]:
    """Predicted place mentions grouped by GeoNames id, else by name, in order of first mention.

    A group carries its surface forms (the article's words at each mention) and
    the first country and coordinates its mentions give.
    """
    groups: dict[tuple[str, Any], Item] = {}
    for p in places:
        key = ("id", p["geonameid"]) if p.get("geonameid") else ("name", (p.get("name") or "").lower())
        g = groups.setdefault(key, {"name": p.get("name"), "geonameid": p.get("geonameid"), "forms": [],
                                    "country": None, "lat": None, "lon": None})
        start, end = p.get("start"), p.get("end")
        form = article_text[start:end] if start is not None and end is not None and end <= len(article_text) else ""
        form = form or p.get("name") or ""
        if form not in g["forms"]:
            g["forms"].append(form)
        g["country"] = g["country"] or p.get("country")
        if g["lat"] is None and p.get("lat") is not None and p.get("lon") is not None:
            g["lat"], g["lon"] = p["lat"], p["lon"]
    return list(groups.values())


def place_distance(group: Mapping[str, Any], gold: Mapping[str, Any]) -> float | None:
    if None in (group.get("lat"), group.get("lon"), gold.get("lat"), gold.get("lon")):
        return None
    return haversine_km(float(gold["lat"]), float(gold["lon"]), float(group["lat"]), float(group["lon"]))


def place_resolves(group: Mapping[str, Any], gold: Mapping[str, Any]) -> bool:
    """The gold country when it gives one, and within 161 km when both sides have coordinates."""
    country = (gold.get("country") or "").upper()
    if country and (group.get("country") or "").upper() != country:
        return False
    km = place_distance(group, gold)
    return km is None or km <= MAX_KM


def _gold_forms(place: Mapping[str, Any]) -> set[str]:
    forms = {place_form(m) for m in place.get("mentions") or []} | {place_form(place.get("name"))}
    return forms - {""}


def score_places(gold: list[Item], metonyms: list[str], doc: Mapping[str, Any]) -> LayerScore:
    text = (doc.get("article") or {}).get("text") or ""
    metonym_forms = {place_form(m) for m in metonyms} - {""}
    gold_forms = [_gold_forms(g) for g in gold]
    result = LayerScore(counts={})
    groups = detected = resolved = 0
    found: set[int] = set()
    placed: set[int] = set()
    for group in place_groups([p for p in doc.get("places") or [] if confident(p)], text):
        forms = {place_form(f) for f in group["forms"]} - {""}
        hits = [i for i, gf in enumerate(gold_forms) if forms & gf]
        if not hits and forms and forms <= metonym_forms:
            # A government named by its capital or country: the gold lists the form
            # as a metonym, so predicting it is no error. Only when no gold place has
            # the form too: annotators list a country used both ways in both lists
            # ("a place if at least one mention is locational"), and that place must
            # stay findable.
            continue
        groups += 1
        good = [i for i in hits if place_resolves(group, gold[i])]
        detected += bool(hits)
        resolved += bool(good)
        found.update(hits)
        placed.update(good)
        _note_group(result, group, [gold[i] for i in hits], bool(good))
    result.counts = {"detected": Count(groups, len(gold), detected, len(found)),
                     "resolved": Count(groups, len(gold), resolved, len(placed))}
    result.missed = [{"name": gold[i].get("name"), "mentions": gold[i].get("mentions"), "country": gold[i].get("country"),
                      "found": i in found} for i in range(len(gold)) if i not in placed]
    return result


def _group_view(group: Mapping[str, Any]) -> Item:
    return {k: group.get(k) for k in ("forms", "name", "country", "lat", "lon", "geonameid")}


def _note_group(result: LayerScore, group: Mapping[str, Any], hits: list[Item], good: bool) -> None:
    """A group that no gold place has goes to `extra`; one found but put in the wrong place, to `wrong`."""
    if not hits:
        result.extra.append(_group_view(group))
    elif not good:
        g = hits[0]
        km = place_distance(group, g)
        result.wrong.append({**_group_view(group), "gold": {"name": g.get("name"), "country": g.get("country")},
                             "km": round(km) if km is not None else None})


# ---- figures --------------------------------------------------------------------------------


def score_figures(gold_all: list[Item], doc: Mapping[str, Any]) -> LayerScore:
    names = entity_names(doc)
    gold = [f for f in gold_all if not is_duration(f.get("text"), f.get("unit"))]
    preds = [c for c in doc.get("claims") or [] if confident(c) and not is_duration(c.get("text"), c.get("unit"))]
    g_bags = [bag(g.get("text")) for g in gold]
    p_bags = [bag(p.get("text")) for p in preds]

    def key(gi: int, pi: int) -> tuple[float] | None:
        if not values_agree(gold[gi].get("value"), figure_value(preds[pi])):
            return None
        return (bag_dice(g_bags[gi], p_bags[pi]),)

    pairs = greedy(len(gold), len(preds), key, FIGURE_TEXT_DICE)
    sources = [predicted_name(p.get("source"), names) for p in preds]
    result = LayerScore(counts={})
    right_source = 0
    for gi, pi in pairs:
        if names_agree(gold[gi].get("source"), sources[pi]):
            right_source += 1
        else:
            result.wrong.append({"text": gold[gi].get("text"), "gold": gold[gi].get("source"), "pred": sources[pi]})
    result.counts = {"value": Count.matched(len(preds), len(gold), len(pairs)),
                     "source": Count.matched(len(preds), len(gold), right_source)}
    keys = ("text", "value", "unit", "source")
    result.missed = [{k: gold[i].get(k) for k in keys} for i in unmatched(len(gold), (g for g, _ in pairs))]
    result.extra = [{"text": preds[i].get("text"), "value": figure_value(preds[i]), "unit": preds[i].get("unit"),
                     "source": sources[i]} for i in unmatched(len(preds), (p for _, p in pairs))]
    return result


# ---- totals ---------------------------------------------------------------------------------


def totals(pages: list[dict[str, LayerScore]]) -> dict[str, dict[str, Count]]:
    """Micro counts: every page's counts added, per layer and metric."""
    out = {layer: {m: Count() for m in metrics} for layer, metrics in LAYERS.items()}
    for page in pages:
        for layer, score in page.items():
            for metric, count in score.counts.items():
                out[layer][metric].add(count)
    return out
