"""The API and the CLI use the same names: `about` and `limit` for quotes, as `newsgraph quotes`."""

from __future__ import annotations

from typing import Any


def test_quotes_take_about_like_the_cli_and_q_still_works(client: Any) -> None:
    by_about = client.get("/api/quotes", params={"about": "weekends", "limit": 5})
    by_q = client.get("/api/quotes", params={"q": "weekends", "limit": 5})
    assert by_about.status_code == 200 and by_q.status_code == 200
    assert by_about.json()["items"] and by_about.json() == by_q.json()
    params = client.get("/api/openapi.json").json()["paths"]["/api/quotes"]["get"]["parameters"]
    assert {p["name"]: p.get("deprecated", False) for p in params}["q"] is True
