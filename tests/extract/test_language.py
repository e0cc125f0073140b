"""Text that is not English is a coded rejection (R009), not English analysis of German words."""

from __future__ import annotations

import json

import pytest

from newsgraph.errors import Code, NewsgraphError
from newsgraph.extract import extract
from newsgraph.extract.language import check_language, detect_language
from newsgraph.ingest.files import sha256
from newsgraph.model import RawDocument, SourceRef
from newsgraph.settings import load_settings
from tests.conftest import run_cli

# Fictional local news, written for these tests.
GERMAN = (
    "Der Stadtrat von Lindenhain hat am Dienstag beschlossen, die marode Brücke über die Wemse für rund "
    "vier Millionen Euro zu sanieren. Bürgermeisterin Katrin Sölter sagte, die Arbeiten sollten im Frühjahr "
    "beginnen und etwa ein Jahr dauern. Die Opposition kritisierte, dass die Kosten seit dem vergangenen "
    "Sommer um fast ein Drittel gestiegen seien. Pendler müssen während der Bauzeit mit Umleitungen rechnen."
)
FRENCH = (
    "Le conseil municipal de Valmorin a voté mardi soir la rénovation du vieux marché couvert, pour un "
    "montant d'environ trois millions d'euros. Selon le maire, Hélène Castagnet, les travaux commenceront "
    "au printemps et dureront près d'un an. Les commerçants s'inquiètent de la fermeture temporaire des "
    "halles et demandent une aide de la commune pendant toute la durée du chantier."
)
SPANISH = (
    "El ayuntamiento de Villaroca aprobó el martes la reforma del antiguo mercado de abastos, con un "
    "presupuesto de unos tres millones de euros. La alcaldesa, Marta Iribarren, explicó que las obras "
    "empezarán en primavera y durarán cerca de un año. Los comerciantes temen perder clientes durante el "
    "cierre y piden al consistorio ayudas mientras duren los trabajos en el edificio."
)
ENGLISH = (
    "The town council of Lindenhay voted on Tuesday to repair the crumbling bridge over the River Wemse "
    "for about four million euros. Mayor Katrin Solter said the work would start in the spring and take "
    "roughly a year. The opposition complained that the cost had risen by almost a third since last "
    "summer, and commuters should expect diversions while the bridge is closed."
)


def _raw(text: str) -> RawDocument:
    data = text.encode("utf-8")
    return RawDocument(source=SourceRef("t.txt", "file:///t.txt", sha256(data), "text"), data=data, kind="text")


@pytest.mark.parametrize(("text", "code", "name"), [(GERMAN, "de", "German"), (FRENCH, "fr", "French"),
                                                    (SPANISH, "es", "Spanish")])
def test_german_french_and_spanish_are_rejected_with_r008(text: str, code: str, name: str) -> None:
    with pytest.raises(NewsgraphError) as err:
        extract(_raw(text), load_settings())
    assert err.value.code is Code.LANGUAGE and err.value.code.value == "R009"
    assert f"{name} ({code}" in err.value.message and "English only" in err.value.message


def test_english_passes_and_says_so() -> None:
    article = extract(_raw(ENGLISH), load_settings())
    assert article.language == "en"


def test_an_empty_language_list_analyses_anything_and_reports_the_language() -> None:
    article = extract(_raw(GERMAN), load_settings(languages=()))
    assert article.language == "de"


def test_short_text_gets_no_verdict() -> None:
    assert detect_language("Berlin, Dienstag.") is None
    assert check_language("Millionen Euro", ("en",)) is None


def test_the_cli_prints_the_coded_rejection_line(tmp_path) -> None:  # type: ignore[no-untyped-def]
    for name, text in (("de.txt", GERMAN), ("en.txt", ENGLISH)):
        (tmp_path / name).write_text(text, "utf-8")
    proc = run_cli("analyze", str(tmp_path / "de.txt"), str(tmp_path / "en.txt"), "--format", "jsonl")
    assert proc.returncode == 1  # one document failed
    de, en = (json.loads(line) for line in proc.stdout.decode().splitlines())
    assert de["error"]["code"] == "R009" and "German" in de["error"]["message"]
    assert "error" not in en and en["article"]["language"] == "en"
