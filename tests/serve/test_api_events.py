"""/api/events shows asserted events at or above a confidence threshold (issue 15, item 4)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.serve.conftest import LOCAL

# Fictional: one sure event (an arrest with both actors), a planned one, and unsure ones
# (an allegation with no named speaker, what it alleges, a bare "ignoring").
ARTICLE = """Harbor guards detain two smugglers

Coast guard officers in Varnholt arrested two smugglers on Monday, the port authority said.

The fishermen's union accused the port authority of ignoring the smuggling for months.

The mayor plans to meet the union next week.

A lawyer for the smugglers alleged that the officers beat one of the men.
"""


@pytest.fixture(scope="module")
def events_client(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    from fastapi.testclient import TestClient

    from newsgraph.ingest import iter_inputs
    from newsgraph.pipeline import get_pipeline
    from newsgraph.serve import ServeConfig, create_app
    from newsgraph.settings import load_settings
    from newsgraph.store import open_store

    folder: Path = tmp_path_factory.mktemp("harbor")
    (folder / "harbor.txt").write_text(ARTICLE, "utf-8")
    db = folder / "harbor.db"
    settings = load_settings()
    with open_store(db) as store:
        store.put_many(get_pipeline(settings).run(iter_inputs([str(folder / "harbor.txt")], settings)))
    app = create_app(ServeConfig(db=str(db), max_body_bytes=50_000))
    with TestClient(app, base_url=LOCAL) as c:
        yield c


def _items(client, **params):  # type: ignore[no-untyped-def]
    resp = client.get("/api/events", params=params)
    assert resp.status_code == 200, resp.text
    return resp.json()["items"]


def test_default_is_the_setting_and_shows_only_asserted_confident_events(events_client) -> None:  # type: ignore[no-untyped-def]
    body = events_client.get("/api/events").json()
    assert body["min_confidence"] == 0.5
    items = body["items"]
    assert items, "the arrest should show"
    assert all(e["confidence"] >= 0.5 and e["modality"] == "asserted" and not e["negated"] for e in items)
    assert "arrested" in {e["trigger"] for e in items}
    assert "meet" not in {e["trigger"] for e in items}  # planned, not happened


def test_min_confidence_moves_the_threshold(events_client) -> None:  # type: ignore[no-untyped-def]
    every = _items(events_client, all="true")
    low = _items(events_client, min_confidence=0)
    high = _items(events_client, min_confidence=0.95)
    default = _items(events_client)
    confs = sorted(e["confidence"] for e in every)
    assert confs[0] < 0.5 <= confs[-1], confs  # the fixture must hold both kinds, or the test proves nothing
    assert len(high) < len(default) <= len(low) < len(every)
    assert all(e["confidence"] >= 0.95 for e in high)
    assert all(e["modality"] == "asserted" for e in low)  # a threshold still hides the planned meeting
    assert any(e["modality"] != "asserted" for e in every)


def test_min_confidence_out_of_range_is_a_coded_error(events_client) -> None:  # type: ignore[no-untyped-def]
    for bad in ("1.5", "-0.1", "high"):
        resp = events_client.get("/api/events", params={"min_confidence": bad})
        assert resp.status_code == 422, (bad, resp.text)
        assert resp.json()["error"]["code"] == "E006"
