"""The gazetteer's compact tables give back exactly what went in, also after a pickle round trip."""

from __future__ import annotations

import pickle

from newsgraph.analyse.places.tables import KeyIndex, Rows

PLACES = [
    (9001, "Port Wrenfield", 12.5, -3.25, "ZZ", "07", 48000, "city", False),
    (9001, "Port Wrenfield", 12.5, -3.25, "ZZ", "07", 48000, "city", True),
    (None, "Marrow County", None, None, "US", "OH", 0, "county", False),
    (9002, "Élanbury", -0.001, 170.0, None, None, 0, "region", False),
    (9003, "Ōkami-chō", 35.0, 139.0, "", None, 1_400_000_000, "city", False),
]


def _rows() -> Rows:
    rows = Rows()
    for place in PLACES:
        rows.add(place)
    rows.freeze()
    return rows


def test_rows_give_back_every_field_and_type() -> None:
    rows = pickle.loads(pickle.dumps(_rows()))
    for i, place in enumerate(PLACES):
        got = rows.get(i)
        assert got == place
        assert [type(x) for x in got] == [type(x) for x in place]
    assert rows.name(3) == "Élanbury"


def test_rows_read_before_freeze() -> None:
    rows = Rows()
    i = rows.add(PLACES[3])
    assert rows.get(i) == PLACES[3]


def test_key_index_finds_exact_keys_only_in_given_order() -> None:
    index = pickle.loads(pickle.dumps(KeyIndex([("wrenfield", [1, 0]), ("elanbury", [3]), ("okami cho", [4]),
                                                ("ōkami", [2])])))
    assert list(index.find("wrenfield") or ()) == [1, 0]
    assert list(index.find("ōkami") or ()) == [2]
    assert list(index.find("okami cho") or ()) == [4]
    for missing in ("", "wren", "wrenfieldx", "zzz", "aaa", "okami"):
        assert index.find(missing) is None
    assert KeyIndex([]).find("anything") is None
