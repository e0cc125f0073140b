"""The fixed choices of CLI options, so a typo is a clear usage error, not "none found".

The values are those of the `newsgraph/1` JSON Schema (model/schema.json);
tests/cli/test_cli_habits.py checks that the two agree.
"""

from __future__ import annotations

from enum import Enum


class EntityType(str, Enum):
    PERSON = "PERSON"
    ORG = "ORG"
    GPE = "GPE"
    LOC = "LOC"
    NORP = "NORP"
    FAC = "FAC"
    EVENT = "EVENT"
    LAW = "LAW"
    PRODUCT = "PRODUCT"
    WORK_OF_ART = "WORK_OF_ART"


class QuoteKind(str, Enum):
    direct = "direct"
    mixed = "mixed"
    indirect = "indirect"


class EventType(str, Enum):
    """PLOVER event types."""

    AGREE = "AGREE"
    CONSULT = "CONSULT"
    SUPPORT = "SUPPORT"
    CONCEDE = "CONCEDE"
    COOPERATE = "COOPERATE"
    AID = "AID"
    RETREAT = "RETREAT"
    REQUEST = "REQUEST"
    ACCUSE = "ACCUSE"
    REJECT = "REJECT"
    THREATEN = "THREATEN"
    PROTEST = "PROTEST"
    SANCTION = "SANCTION"
    MOBILIZE = "MOBILIZE"
    COERCE = "COERCE"
    ASSAULT = "ASSAULT"


class ExportFormat(str, Enum):
    jsonl = "jsonl"
    csv = "csv"
    parquet = "parquet"
    jsonld = "jsonld"


class SparkWriter(str, Enum):
    arrow = "arrow"
    spark = "spark"


class ExtractionSet(str, Enum):
    aeb = "aeb"
    naeb = "naeb"
    aeb_text = "aeb-text"
    wcxb = "wcxb"
    filters = "filters"  # each news filter left out in turn, on AEB, NAEB and WCXB


def value(choice: Enum | None) -> str | None:
    """The plain string a query function takes."""
    return None if choice is None else str(choice.value)
