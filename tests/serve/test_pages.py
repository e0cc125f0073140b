"""The newsroom pages' pieces without a browser: dates in words, explorer helpers, HTML errors, downloads."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

import pytest

from newsgraph.serve import explore, humanize
from tests.serve.conftest import LOCAL


@pytest.mark.parametrize(("value", "words"), [
    ("2024-W13", "week of 25 Mar 2024"),
    ("XXXX-WXX-5", "a Friday (week unknown)"),
    ("2024-03-19", "19 Mar 2024"),
    ("2024-03-19T14:30", "19 Mar 2024, 14:30"),
    ("2024-03-19TEV", "19 Mar 2024, evening"),
    ("2024-03", "March 2024"),
    ("2026-SU", "summer 2026"),
    ("2024-Q1", "quarter 1 2024"),
    ("XXXX-03-19", "19 March"),
    ("PRESENT_REF", "now"),
    ("2026-W10-WE", "weekend of 7 Mar 2026"),
    ("2024", "2024"),
    (None, "unresolved"),
])
def test_timex_values_in_words(value: str | None, words: str) -> None:
    assert humanize.timex(value) == words


def test_kinds_and_provenance_in_words() -> None:
    assert [humanize.kind(k) for k in ("direct", "mixed", "indirect")] == ["Direct", "Mixed", "Paraphrase"]
    assert humanize.provenance("html-meta") == "from the page's metadata"
    assert humanize.day("2023-12-22T10:00:00") == "22 Dec 2023"


def test_pages_offer_the_ends_and_the_neighbours() -> None:
    assert explore.pages(804, 1) == [1, 2, 3, None, 17]
    assert explore.pages(804, 9) == [1, None, 7, 8, 9, 10, 11, None, 17]
    assert explore.pages(0, 1) == [1]



def test_the_topic_is_highlighted_and_the_rest_escaped() -> None:
    html = str(explore.highlight('Rafah <b> "rafah" Rafahs', "rafah"))
    assert html.count('<mark class="hit">') == 3 and "&lt;b&gt;" in html


def test_an_empty_view_suggests_dropping_each_filter() -> None:
    f = explore.QuoteFilters(speaker="Quill", q="zeppelin", since="2030-01-01")
    words = [w for w, _ in explore.suggestions(f)]
    assert words[0] == "drop the topic “zeppelin”" and "widen the dates" in words
    assert explore.QuoteFilters(since="31-12-2030").check() == {
        "since": "Write the date as YYYY-MM-DD (got “31-12-2030”)."}


def test_unknown_pages_are_html_and_unknown_api_paths_json(client: Any) -> None:
    page = client.get("/no/such/page")
    assert page.status_code == 404 and page.headers["content-type"].startswith("text/html")
    assert "Page not found" in page.text
    api = client.get("/api/no/such")
    assert api.status_code == 404 and api.json()["error"]["code"] == "E009"
    unresolved = client.get("/entity/I")
    assert unresolved.status_code == 404 and "stay unresolved" in unresolved.text


def test_the_download_holds_the_rows_the_view_counts(client: Any) -> None:
    page = client.get("/quotes")
    data = client.get("/quotes.json").json()
    rows = list(csv.DictReader(io.StringIO(client.get("/quotes.csv").text)))
    assert data["total"] == len(data["items"]) == len(rows) >= 2
    assert f"of {data['total']}</strong>" in page.text
    api = client.get("/api/quotes?total=true&limit=1&offset=1").json()
    assert api["total"] == data["total"] and api["items"][0]["quote"] == data["items"][1]["quote"]
    assert client.get("/api/quotes?sort=nonsense").status_code == 422


def test_the_api_reference_needs_nothing_from_elsewhere(client: Any) -> None:
    resp = client.get("/api/docs")
    assert resp.status_code == 200 and "GET /api/quotes" in resp.text
    assert "http" not in resp.text.split("<main", 1)[1].split("</main>")[0].replace("/api/openapi.json", "")
    assert "'unsafe-inline'" not in resp.headers["content-security-policy"]


def test_a_read_only_store_offers_no_save_and_refuses_one_with_a_coded_field_error(
        client: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    import newsgraph.store.opening as opening
    from newsgraph.store import open_store, queries

    text = "The Ostwick harbour board said on Monday that the crane repairs would finish in May."
    writable = client.post("/analyze", data={"text": text})
    assert writable.status_code == 200 and "Save to store" in writable.text
    monkeypatch.setattr(opening, "writable", lambda path: False)
    shown = client.post("/analyze", data={"text": text})
    assert shown.status_code == 200 and 'id="result"' in shown.text
    assert "Save to store" not in shown.text and "its store is read-only" in shown.text
    refused = client.post("/analyze", data={"text": text, "save": "1"})
    assert refused.status_code == 422
    assert "(E012)" in refused.text and 'id="form-error"' in refused.text
    with open_store(client.app.state.ng.db_path, readonly=True) as store:
        assert not [r for r in queries.search(store, "Ostwick crane") if r["kind"] == "article"], "nothing stored"


def test_the_tallest_weekly_bar_leaves_room_for_its_count() -> None:
    from newsgraph.serve.views import quote_weeks, timeline_months

    weeks = quote_weeks([{"published": "2031-03-03"}] * 4 + [{"published": "2031-03-10"}])
    tallest = max(weeks["bars"], key=lambda b: b["h"])
    assert tallest["n"] == 4 and tallest["y"] - 3 >= 10, "the count above the bar is drawn inside the chart"
    assert [b["since"] for b in weeks["bars"]] == ["2031-03-03", "2031-03-10"]
    assert weeks["bars"][0]["until"] == "2031-03-09"
    months = timeline_months([{"date": "2031-02-27", "kind": "article"}, {"date": "2031-02-28", "kind": "quote"},
                              {"date": "2031-03-01T10:00", "kind": "event:CONSULT"}, {"date": None, "kind": "quote"},
                              {"date": "XXXX-03", "kind": "quote"}])
    assert [(m["label"], m["article"], m["quote"], m["event"], m["until"]) for m in months] == [
        ("February 2031", 1, 1, 0, "2031-02-28"), ("March 2031", 0, 0, 1, "2031-03-31")]


def test_the_timeline_chart_draws_exactly_what_its_month_table_counts() -> None:
    # An event dated by its month alone ("2031-04", a TIMEX value) was counted in the table but not drawn.
    from newsgraph.serve.views import timeline_months, timeline_svg

    items = [{"date": "2031-03-02", "kind": "article", "text": "a", "doc": "d1"},
             {"date": "2031-04", "kind": "event:CONSULT", "text": "b", "doc": "d1"},
             {"date": "2031-04-XX", "kind": "quote", "text": "c", "doc": "d2"},
             {"date": "2031-W15", "kind": "event:AID", "text": "d", "doc": "d2"},  # a week: which month?
             {"date": "2031", "kind": "quote", "text": "e", "doc": "d2"},
             {"date": "2031-13", "kind": "quote", "text": "f", "doc": "d2"},  # no such month
             {"date": None, "kind": "quote", "text": "g", "doc": "d2"}]
    chart, months = timeline_svg(items), timeline_months(items)
    drawn = sorted((p["date"], p["kind"]) for p in chart["points"])
    assert drawn == [("2031-03-02", "article"), ("2031-04", "event:CONSULT"), ("2031-04-XX", "quote")]
    assert [(m["month"], m["article"], m["quote"], m["event"]) for m in months] == [
        ("2031-03", 1, 0, 0), ("2031-04", 0, 1, 1)]
    assert sum(m["article"] + m["quote"] + m["event"] for m in months) == len(chart["points"])
    assert chart["vague"] == 3, "the week, the year and the impossible month are said to be left out"
    month_x = next(p["x"] for p in chart["points"] if p["date"] == "2031-04")
    day_x = next(p["x"] for p in chart["points"] if p["date"] == "2031-03-02")
    assert month_x > day_x


def test_every_page_of_a_view_is_the_rows_the_store_pages_to(client: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    # The first request of a view keeps its order; later pages are read from it (queries.quotes_among).
    import re

    from newsgraph.serve import explore as ex
    from newsgraph.store import open_store, queries

    monkeypatch.setattr(ex, "PER_PAGE", 2)  # the small store has a few quotes: a few pages
    with open_store(client.app.state.ng.db_path, readonly=True) as store:
        for sort in ("-date", "speaker"):
            total = queries.quote_summary(store)["total"]
            assert total >= 3, "more than one page"
            for page in range(1, (total + 1) // 2 + 1):
                html = client.get(f"/quotes?sort={sort}&page={page}").text
                shown = re.findall(r'<td class="src"><a href="/articles/([0-9a-f]+)#([^"]+)"', html)
                want = queries.quotes(store, limit=2, offset=2 * (page - 1), sort=sort)
                assert shown == [(r["doc"], r["attribution_id"]) for r in want], (sort, page)


def test_merged_and_regrouped_ids_redirect(tmp_path: Path) -> None:
    """An id that linking merged away, or a story id that regrouping replaced, still leads somewhere."""
    from fastapi.testclient import TestClient

    from newsgraph.corpus.dupes import update_store_groups
    from newsgraph.serve import ServeConfig, create_app
    from newsgraph.store import open_store
    from tests.corpus.test_dupes import P1, P2, P3, _plain_doc
    from tests.corpus.test_identity import JOINED, SPLIT, _cid

    db = tmp_path / "r.db"
    alone = _plain_doc("alone", P1 + "\n\n" + P2, "2025-03-02")
    with open_store(db) as store:
        store.put_many([SPLIT])
        first = {_cid(store, SPLIT, "Harbor Authority"), _cid(store, SPLIT, "Harbor Authority Board")}
        store.put_many([JOINED, alone])
        update_store_groups(store)
        [survivor] = {_cid(store, SPLIT, "Harbor Authority"), _cid(store, JOINED, "Harbor Authority Board")}
        [gone] = first - {survivor}
        # An earlier-dated copy makes `alone` a copy: its story id changes.
        earlier = _plain_doc("earlier", P1 + "\n\n" + P2 + "\n\n" + P3, "2025-03-01")
        store.put_many([earlier])
        update_store_groups(store)
    old_story, new_story = "g" + alone.source.sha256[:12], "g" + earlier.source.sha256[:12]
    app = create_app(ServeConfig(db=str(db)))
    with TestClient(app, base_url=LOCAL) as client:
        r = client.get(f"/entity/{gone}?copies=true", follow_redirects=False)
        assert r.status_code == 301 and r.headers["location"] == f"/entity/{survivor}?copies=true"
        assert client.get(f"/entity/{survivor}").status_code == 200
        api = client.get(f"/api/entities/{gone}")
        assert api.status_code == 200 and api.json()["corpus_ids"] == [survivor]
        r = client.get(f"/stories/{old_story}", follow_redirects=False)
        assert r.status_code == 301 and r.headers["location"] == f"/stories/{new_story}"
        assert client.get(f"/stories/{new_story}").status_code == 200
        assert client.get("/stories/g000000000000", follow_redirects=False).status_code == 404


def test_saving_a_result_stores_the_analysis_shown_without_running_the_pipeline_again(
        small_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import shutil

    from fastapi.testclient import TestClient

    import newsgraph.serve.api as api
    from newsgraph.serve import ServeConfig, create_app
    from newsgraph.store import open_store, queries

    db = tmp_path / "save.db"  # a copy: the other tests' store stays as it is
    shutil.copy(small_db, db)

    runs: list[object] = []
    analyse = api.analyze_document

    async def counted(*args: Any) -> dict[str, Any]:
        runs.append(args[1])
        return await analyse(*args)

    monkeypatch.setattr(api, "analyze_document", counted)
    text = "The Ostwick lock keeper said on Tuesday that the canal gates would be painted in April."
    with TestClient(create_app(ServeConfig(db=str(db))), base_url=LOCAL) as client:
        shown = client.post("/analyze", data={"text": text})
        assert shown.status_code == 200 and "Save to store" in shown.text and len(runs) == 1
        saved = client.post("/analyze", data={"text": text, "save": "1"}, follow_redirects=False)
    assert saved.status_code == 303 and saved.headers["location"].startswith("/articles/")
    assert len(runs) == 1, "the save stored the analysis the result showed"
    with open_store(db, readonly=True) as store:
        assert queries.article(store, saved.headers["location"].rsplit("/", 1)[1]) is not None


def test_another_sites_page_cannot_save_to_the_store(small_db: Path, tmp_path: Path) -> None:
    # A form post needs no CORS preflight: without the check any page the user visits could make
    # their browser store invented quotes under a real outlet's name in a local server's store.
    import shutil

    from fastapi.testclient import TestClient

    from newsgraph.serve import ServeConfig, create_app
    from newsgraph.store import open_store, queries

    db = tmp_path / "cross.db"
    shutil.copy(small_db, db)
    text = "The Ostwick ferry office said on Friday that the night crossing would stop in June."
    form = {"text": text, "save": "1"}
    with TestClient(create_app(ServeConfig(db=str(db))), base_url=LOCAL) as client:
        for headers in ({"Sec-Fetch-Site": "cross-site"}, {"Origin": "https://elsewhere.example"},
                        {"Origin": "null"}, {"Origin": "http://127.0.0.1:9999"}):
            refused = client.post("/analyze", data=form, headers=headers, follow_redirects=False)
            assert refused.status_code == 403 and "(E020)" in refused.text, headers
        with open_store(db, readonly=True) as store:
            assert not [r for r in queries.search(store, "Ostwick ferry") if r["kind"] == "article"]
        own = client.post("/analyze", data=form, follow_redirects=False,
                          headers={"Origin": LOCAL, "Sec-Fetch-Site": "same-origin"})
    assert own.status_code == 303, "the server's own page still saves"


def test_links_from_a_view_with_copies_keep_the_flag(tmp_path: Path) -> None:
    # The speaker page's week and month links (and the explorer's speaker links) lost ?copies=true.
    import html
    import re
    from urllib.parse import parse_qs, urlsplit

    from fastapi.testclient import TestClient

    from newsgraph.serve import ServeConfig, create_app
    from newsgraph.store import open_store
    from tests.serve.conftest import council_report

    db = tmp_path / "council.db"
    with open_store(db) as store:
        store.put_many(council_report(i) for i in range(6))
    with TestClient(create_app(ServeConfig(db=str(db))), base_url=LOCAL) as client:
        person = re.search(r'href="(/entity/[^"?]+)"', client.get("/quotes").text).group(1)  # type: ignore[union-attr]
        for copies in (True, False):
            page = client.get(person + ("?copies=true" if copies else "")).text
            links = [html.unescape(h) for h in re.findall(r'href="(/quotes\?[^"]*)"', page)]
            dated = [link for link in links if "since=" in link]
            assert len(dated) >= 2 and len(links) > len(dated), "week and month links, and the speaker's whole view"
            for link in links:
                query = parse_qs(urlsplit(link).query)
                assert query.get("copies") == (["true"] if copies else None), link
                assert query.get("speaker"), link
        explorer = client.get("/quotes?copies=true").text
        speakers = re.findall(r'href="(/entity/[^"]*)"', explorer)
        assert speakers and all(s.endswith("?copies=true") for s in speakers), speakers
        assert not re.findall(r'href="/entity/[^"]*copies[^"]*"', client.get("/quotes").text)
