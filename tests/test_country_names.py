"""The package's own country names and codes, which replace pycountry."""

from __future__ import annotations

from newsgraph.country_names import countries, extra_country_names, iso3_codes


def test_every_extra_name_belongs_to_a_known_country() -> None:
    iso2 = {c["iso2"] for c in countries()}
    extra = extra_country_names()
    assert extra and set(extra) <= iso2
    assert all(names and all(n.strip() == n and n for n in names) for names in extra.values())


def test_formal_names_in_natural_order() -> None:
    extra = extra_country_names()
    assert "Republic of Kenya" in extra["KE"] and "Kingdom of Spain" in extra["ES"]
    assert "Congo" in extra["CD"] and "Congo" in extra["CG"]  # shared: the places stage decides
    assert not any("," in n for names in extra.values() for n in names)  # no "Iran, Islamic Republic of"


def test_iso3_codes() -> None:
    codes = iso3_codes()
    assert {"USA", "DEU", "PSE", "KEN"} <= codes and "XYZ" not in codes and len(codes) > 240
