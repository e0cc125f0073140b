"""Product names, possessives and repeated names (analyse/entities/products.py) on fictional texts."""

from __future__ import annotations

from newsgraph.analyse.entities.products import CAMEL, is_model, is_model_key, is_model_number
from tests.analyse.entities.test_stage import analyse, by_name  # noqa: F401  (the module fixture)


def _names(ctx) -> dict[str, str]:
    return {e.name: e.type for e in ctx.layer("entities")}


def _mentions(ctx, name: str) -> list[str]:
    return [m.text for m in by_name(ctx, name).mentions]


def test_model_words_and_numbers() -> None:
    assert is_model("4") and is_model("3GS") and is_model("A380") and is_model("nano") and is_model("1.1.1")
    assert not is_model("2024") and not is_model("Store") and not is_model("phone")
    assert is_model_number("787") and is_model_number("A380") and is_model_number("777-200LR")
    assert not is_model_number("4") and not is_model_number("1999") and not is_model_number("Zephyr")
    assert is_model_key("zpad 4", "zpad") and is_model_key("zpad nano", "zpad")
    assert not is_model_key("zpad store", "zpad") and not is_model_key("zpad", "zpad")
    assert CAMEL.match("iLume") and CAMEL.match("zOS") and CAMEL.match("eBay")
    assert not CAMEL.match("mRNA") and not CAMEL.match("pH") and not CAMEL.match("kWh")


def test_a_model_is_its_own_entity(analyse) -> None:  # noqa: F811
    ctx = analyse("Corvel launched the iLume 4 on Monday. The iLume 4 replaces the iLume, "
                  "which sold well, and the zPad nano costs less than the zPad.")
    names = _names(ctx)
    assert {"iLume 4", "iLume", "zPad nano", "zPad"} <= set(names)
    assert names["iLume 4"] == "PRODUCT"
    assert _mentions(ctx, "iLume 4") == ["iLume 4", "iLume 4"]


def test_a_maker_and_a_model_number_name_the_model(analyse) -> None:  # noqa: F811
    ctx = analyse("Vantor Aerospace said the first Vantor 640 jets would fly in May. Two 640s are built, "
                  "and Vantor expects to sell 30 more this year.")
    names = _names(ctx)
    assert names.get("Vantor 640") == "PRODUCT"
    assert "Vantor 640" not in by_name(ctx, "Vantor Aerospace").aliases
    # a count is no model
    assert not any(n.endswith(" 30") for n in names)


def test_a_score_or_a_year_is_no_model(analyse) -> None:  # noqa: F811
    ctx = analyse("Eastgate Rovers beat Millbrook 2 - 1 in 2024, and Orlen Motors 2025 plans were dropped.")
    assert not any(n.endswith((" 2", " 2024", " 2025")) for n in _names(ctx))


def _repaired(text: str, spans: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """products.repair on tagger spans given by hand: (text, label), each at its first free occurrence."""
    from spacy.tokens import Span

    from newsgraph.analyse.entities.lexicon import knowledge
    from newsgraph.analyse.entities.products import repair
    from newsgraph.analyse.nlp.stage import load_nlp

    doc = load_nlp()(text)
    ents, used = [], set()
    for words, label in spans:
        n = len(load_nlp().tokenizer(words))
        start = next(i for i in range(len(doc)) if doc[i:i + n].text == words and i not in used)
        used.update(range(start, start + n))
        ents.append(Span(doc, start, start + n, label=label))
    doc.ents = ents
    return [(e.text, e.label_) for e in repair(doc, list(doc.ents), knowledge())]


def test_an_owner_and_what_it_owns_are_two_names() -> None:
    text = "The Harlan Brothers' Redwood Capital sued the bank. Redwood Capital said Harlan's Stadium was sold."
    got = _repaired(text, [("Harlan Brothers' Redwood Capital", "ORG"), ("Redwood Capital", "ORG"),
                           ("Harlan's Stadium", "FAC")])
    # the owned name is used alone in the article; one word after a possessive stays with it
    assert got[:2] == [("Harlan Brothers", "ORG"), ("Redwood Capital", "ORG")]
    assert ("Harlan's Stadium", "FAC") in got


def test_a_possessive_name_the_article_never_splits_stays_whole() -> None:
    got = _repaired("Harlan Brothers' Redwood Capital sued the bank.", [("Harlan Brothers' Redwood Capital", "ORG")])
    assert got == [("Harlan Brothers' Redwood Capital", "ORG")]


def test_a_camel_case_brand_starts_the_name_after_it() -> None:
    got = _repaired("Corvel sells songs on iLume Music Store, and the iLume Pro is new.",
                    [("Corvel", "ORG"), ("Music Store", "PERSON")])
    assert ("iLume Music Store", "PRODUCT") in got and ("iLume Pro", "PRODUCT") in got


def test_an_untagged_surname_is_a_mention_of_the_person(analyse) -> None:  # noqa: F811
    ctx = analyse("Yesterday Dana Whitlow met Petra Osk in Leeds. Osk and Whitlow talked, then Whitlow left.")
    assert _mentions(ctx, "Petra Osk") == ["Petra Osk", "Osk"]


def test_a_pair_of_models_in_one_span_is_two_names() -> None:
    got = _repaired("Corvel sells the Zephyr and Zephyr Pro in Trinidad and Tobago.",
                    [("Corvel", "ORG"), ("the Zephyr and Zephyr Pro", "ORG"), ("Trinidad and Tobago", "GPE")])
    assert ("the Zephyr", "ORG") in got and ("Zephyr Pro", "ORG") in got
    assert ("Trinidad and Tobago", "GPE") in got


def test_a_place_after_a_brand_is_no_part_of_it() -> None:
    got = _repaired("The zPad sold out at zMart Norland on Friday.", [("Norland", "GPE")])
    assert ("Norland", "GPE") in got and ("zMart", "PRODUCT") in got
