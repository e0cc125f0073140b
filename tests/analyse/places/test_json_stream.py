"""The streaming JSON member reader behind the gazetteer build: same members as json.load, any chunk size."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsgraph.analyse.places.json_stream import iter_members

TOWNS = {
    "101": {"name": "Port Wrenfield", "latitude": 12.5, "longitude": -3.25, "alternatenames": ["Wrenfield", "Pórt"]},
    "102": {"name": "Élanbury", "latitude": -0.001, "longitude": 170.0, "alternatenames": []},
    "count": 1234567,
    "note": "a string with a } and a \" inside",
}


@pytest.mark.parametrize("chunk", [1, 2, 3, 7, 64, 1 << 20])
@pytest.mark.parametrize("indent", [None, 2])
def test_members_in_file_order_whatever_the_chunk(tmp_path: Path, chunk: int, indent: int | None) -> None:
    path = tmp_path / "towns.json"
    path.write_text(" " + json.dumps(TOWNS, indent=indent, ensure_ascii=False) + "\n", encoding="utf-8")
    assert list(iter_members(path, chunk_chars=chunk)) == list(TOWNS.items())


def test_hook_sees_each_member_value(tmp_path: Path) -> None:
    path = tmp_path / "towns.json"
    path.write_text(json.dumps({k: v for k, v in TOWNS.items() if k.isdigit()}), encoding="utf-8")
    names = [v for _k, v in iter_members(path, object_pairs_hook=lambda pairs: dict(pairs)["name"], chunk_chars=5)]
    assert names == ["Port Wrenfield", "Élanbury"]


def test_empty_object(tmp_path: Path) -> None:
    path = tmp_path / "empty.json"
    path.write_text("{ }", encoding="utf-8")
    assert list(iter_members(path)) == []


@pytest.mark.parametrize("text", ['{"a": 1, "b": 2', '{"a": 1 "b": 2}', "[1, 2]", "", '{"a" 1}', '{"a": 12'])
def test_broken_files_raise(tmp_path: Path, text: str) -> None:
    path = tmp_path / "broken.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ValueError):
        list(iter_members(path, chunk_chars=3))
