"""The JSON API: contract output, one error shape, limits, safety."""

from __future__ import annotations

import jsonschema

from newsgraph.model.serialize import json_schema
from tests.serve.conftest import LOCAL


def _is_error(resp, status: int, code: str) -> None:  # type: ignore[no-untyped-def]
    assert resp.status_code == status, resp.text
    body = resp.json()
    assert set(body) == {"error"}
    assert body["error"]["status"] == status
    assert body["error"]["code"] == code
    assert body["error"]["message"]


def test_analyze_text_returns_contract_json(client) -> None:  # type: ignore[no-untyped-def]
    text = ("Harbor officials said on Monday that the ferry would resume service. "
            "\"We expect the first boat at noon,\" said port director Ines Malo.")
    resp = client.post("/api/analyze", json={"text": text, "raw": True, "published": "2025-05-05"})
    assert resp.status_code == 200, resp.text
    obj = resp.json()
    jsonschema.validate(obj, json_schema())
    assert obj["article"]["text"] == text
    assert obj["article"]["published"] == "2025-05-05"


def test_body_too_large(client) -> None:  # type: ignore[no-untyped-def]
    resp = client.post("/api/analyze", json={"text": "word " * 20_000})
    _is_error(resp, 413, "E010")


def test_bad_json(client) -> None:  # type: ignore[no-untyped-def]
    resp = client.post("/api/analyze", content=b"{not json", headers={"content-type": "application/json"})
    _is_error(resp, 422, "E006")


def test_wrong_shape_and_empty_text(client) -> None:  # type: ignore[no-untyped-def]
    _is_error(client.post("/api/analyze", json={"text": "a", "html": "<p>b</p>"}), 422, "E006")
    _is_error(client.post("/api/analyze", json={"published": "yesterday", "text": "x"}), 422, "E006")
    resp = client.post("/api/analyze", json={"text": "   "})
    assert resp.status_code == 422 and resp.json()["error"]["code"] in ("R001", "R007"), resp.text


def test_unknown_ids_are_404_in_the_error_shape(client) -> None:  # type: ignore[no-untyped-def]
    _is_error(client.get("/api/articles/" + "0" * 64), 404, "E009")
    _is_error(client.get("/api/entities/Nobody%20Atall"), 404, "E009")
    _is_error(client.get("/api/no-such-endpoint"), 404, "E009")


def test_injection_like_search_strings_are_just_text(client) -> None:  # type: ignore[no-untyped-def]
    before = client.get("/api/articles").json()["items"]
    assert before
    for q in ['"; DROP TABLE articles; --', "' OR 1=1 --", "NEAR(a b)", "title:*", "\")) OR ((\"", "<script>alert(1)</script>",
              "AND OR NOT", "*", "a\" NOT \"b", "%_%"]:
        resp = client.get("/api/search", params={"q": q})
        assert resp.status_code == 200, (q, resp.text)
        assert isinstance(resp.json()["items"], list)
        resp = client.get("/api/quotes", params={"q": q, "speaker": q})
        assert resp.status_code == 200, (q, resp.text)
    assert client.get("/api/articles").json()["items"] == before
    page = client.get("/quotes", params={"speaker": "<script>alert(1)</script>"})
    assert "<script>alert(1)</script>" not in page.text
    assert "&lt;script&gt;" in page.text


def test_private_address_url_is_refused(client) -> None:  # type: ignore[no-untyped-def]
    for url in ("http://127.0.0.1:9/article", "http://169.254.169.254/latest/meta-data/", "http://10.0.0.5/x",
                "http://[::1]/x"):
        _is_error(client.post("/api/analyze", json={"url": url}), 403, "E008")


def test_fetching_is_off_unless_enabled(small_db) -> None:  # type: ignore[no-untyped-def]
    from fastapi.testclient import TestClient

    from newsgraph.serve import ServeConfig, create_app

    with TestClient(create_app(ServeConfig(db=str(small_db))), base_url=LOCAL) as c:
        _is_error(c.post("/api/analyze", json={"url": "https://example.org/a"}), 403, "E011")


def test_page_size_limit_and_listing(client) -> None:  # type: ignore[no-untyped-def]
    _is_error(client.get("/api/articles", params={"limit": 10_000}), 422, "E006")
    _is_error(client.get("/api/quotes", params={"since": "March"}), 422, "E006")
    items = client.get("/api/articles", params={"limit": 5}).json()["items"]
    doc = items[0]["doc"]
    obj = client.get(f"/api/articles/{doc}").json()
    jsonschema.validate(obj, json_schema())
    assert obj["source"]["sha256"] == doc


def test_openapi_is_served(client) -> None:  # type: ignore[no-untyped-def]
    spec = client.get("/api/openapi.json").json()
    for path in ("/api/analyze", "/api/articles", "/api/articles/{doc}", "/api/quotes", "/api/entities",
                 "/api/entities/{name}", "/api/events", "/api/search"):
        assert path in spec["paths"], path


def test_pages_render(client) -> None:  # type: ignore[no-untyped-def]
    for path in ("/", "/quotes", "/analyze", "/dupes", "/quotes?speaker=Ruiz"):
        resp = client.get(path)
        assert resp.status_code == 200, path
        assert resp.headers["content-type"].startswith("text/html")
        assert '<html lang="en">' in resp.text
    assert client.get("/articles/" + "f" * 64).status_code == 404
    assert client.get("/static/app.css").status_code == 200


def test_openapi_types_contract_responses_with_the_newsgraph_schema(client) -> None:  # type: ignore[no-untyped-def]
    """A client generator sees the contract's shape, not `object`, for analyse and article answers."""
    spec = client.get("/api/openapi.json").json()
    schemas = spec["components"]["schemas"]
    assert "NewsgraphDocument" in schemas and "ng_attribution" in schemas and "ng_event" in schemas
    ok = spec["paths"]["/api/analyze"]["post"]["responses"]["200"]["content"]["application/json"]["schema"]
    assert ok == {"$ref": "#/components/schemas/NewsgraphDocument"}
    text = str(schemas)
    assert "#/$defs/" not in text  # every reference resolves inside the OpenAPI document
