"""Name facts for cross-document identity: keys, what is a name, person name parts."""

from __future__ import annotations

import pytest

from newsgraph.corpus.names import first_names_agree, is_name, name_key, person_parts


@pytest.mark.parametrize(("name", "key"), [
    ("The Apple Inc.", "apple"), ("U.S.", "country:USA"), ("United States", "country:USA"),
    ("EADS N.V.", "eads"), ("Wal - Mart", "wal mart"), ("Norland Rail", "norland rail"),
    ("A380s", "a380"), ("Vantor 640s", "vantor 640"), ("zPad 3GS", "zpad 3gs"), ("the Owls", "owls"),
])
def test_name_keys(name: str, key: str) -> None:
    assert name_key(name) == key


def test_what_is_a_name() -> None:
    assert not any(is_name(n) for n in ("I", "he", "the minister", "The Minister", "officials", "We"))
    assert all(is_name(n) for n in ("US", "iPhone", "3M", "Lena Ortiz", "Minister Ortiz"))
    assert person_parts("Secretary of State Antony Blinken") == ("antony", "blinken")
    assert person_parts("Blinken") == (None, "blinken")
    assert first_names_agree("tony", "antony") and first_names_agree("a", "antony")
    assert not first_names_agree("john", "jane")
