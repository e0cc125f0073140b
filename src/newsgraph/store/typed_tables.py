"""Typed columns for the tables users load into DuckDB, pandas or Spark.

The store keeps `serialize.table_columns` as they are (lists as JSON text, a
TIMEX3 value as written). The Parquet and CSV exports and the Spark job's
Parquet give the same rows typed for analysis tools:

* every TIMEX-valued column (timexes.value, events.date) comes with `date`
  (the ISO day when the value names one day, else null), `date_start` and
  `date_end` (the first and last day it covers), so `cast(date as date)`
  works; events keep the value as written in `date_value`;
* `articles.published` is a date;
* string lists (authors, aliases, titles) are `list<string>` in Parquet and
  JSON text in CSV;
* the Arrow schema carries `newsgraph.schema = newsgraph/1`.

`untyped_row` turns a typed row back into the store's row, so
`read_parquet` and `newsgraph load` read old and new files alike.
pyarrow is imported only by the Arrow functions: CSV needs none of it.
"""

from __future__ import annotations

import datetime as dt
import json
import typing
from functools import cache
from typing import Any

from newsgraph import SCHEMA
from newsgraph.model import Article, Attribution, Claim, Entity, Event, Mention, Place, Timex
from newsgraph.model.serialize import table_columns
from newsgraph.model.timex_range import timex_days

SCHEMA_KEY = "newsgraph.schema"
_CLASSES = {"articles": Article, "entities": Entity, "mentions": Mention, "attributions": Attribution,
            "claims": Claim, "timexes": Timex, "places": Place, "events": Event}
# table -> (its TIMEX-valued column in the store row, the exported name of the value as written)
TIMEX_COLUMNS = {"timexes": ("value", "value"), "events": ("date", "date_value")}
DAY_COLUMNS = (("date", "date"), ("date_start", "date"), ("date_end", "date"))


@cache
def string_lists(table: str) -> frozenset[str]:
    """Columns holding a tuple of strings (exported as list<string>, not JSON text)."""
    hints = typing.get_type_hints(_CLASSES[table])
    return frozenset(name for name, tp in hints.items()
                     if typing.get_origin(tp) is tuple and typing.get_args(tp) == (str, Ellipsis))


@cache
def export_columns(table: str) -> tuple[tuple[str, str], ...]:
    """(column, kind) of an exported table; kinds add "strlist" and "date" to the store's."""
    lists = string_lists(table) if table in _CLASSES else frozenset()
    timex = TIMEX_COLUMNS.get(table)
    cols: list[tuple[str, str]] = []
    for col, kind in table_columns(table):
        if timex and col == timex[0]:
            cols += [(timex[1], "str"), *DAY_COLUMNS]
        elif table == "articles" and col == "published":
            cols.append((col, "date"))
        elif col in lists:
            cols.append((col, "strlist"))
        else:
            cols.append((col, kind))
    return tuple(cols)


def _day(value: Any) -> dt.date | None:
    if isinstance(value, dt.date) or value is None:
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        return None


def typed_row(table: str, row: dict[str, Any]) -> dict[str, Any]:
    """A store row with the export's typed columns (dates as datetime.date, lists as lists)."""
    out = dict(row)
    timex = TIMEX_COLUMNS.get(table)
    if timex:
        value = row.get(timex[0])
        days = timex_days(value)
        out[timex[1]] = value
        out["date"] = days[0] if days and days[0] == days[1] else None
        out["date_start"], out["date_end"] = days or (None, None)
    if table == "articles":
        out["published"] = _day(row.get("published"))
    for col in string_lists(table) if table in _CLASSES else ():
        if isinstance(out.get(col), str):
            out[col] = json.loads(out[col])
    return out


def json_row(table: str, row: dict[str, Any]) -> dict[str, Any]:
    """A typed row that JSON can carry (days as YYYY-MM-DD): what Spark's from_json reads."""
    out = typed_row(table, row)
    for col, kind in export_columns(table):
        if kind == "date" and out.get(col) is not None:
            out[col] = out[col].isoformat()
    return out


def csv_row(table: str, row: dict[str, Any]) -> dict[str, Any]:
    """A typed row for CSV: days as YYYY-MM-DD, lists as JSON text."""
    out = json_row(table, row)
    for col, kind in export_columns(table):
        if kind == "strlist" and out.get(col) is not None:
            out[col] = json.dumps(out[col], ensure_ascii=False)
    return out


def untyped_row(table: str, row: dict[str, Any]) -> dict[str, Any]:
    """Back to the store's row; a row already untyped (older files) comes back unchanged."""
    out = dict(row)
    timex = TIMEX_COLUMNS.get(table)
    if timex and "date_start" in out:
        value = out.pop(timex[1])
        for col, _ in DAY_COLUMNS:
            out.pop(col, None)
        out[timex[0]] = value
    if table == "articles" and isinstance(out.get("published"), dt.date):
        out["published"] = out["published"].isoformat()
    for col in string_lists(table) if table in _CLASSES else ():
        if isinstance(out.get(col), list):
            out[col] = json.dumps(out[col], ensure_ascii=False)
    return out


def arrow_type(kind: str) -> Any:
    import pyarrow as pa

    return {"str": pa.string(), "int": pa.int64(), "float": pa.float64(), "bool": pa.bool_(),
            "json": pa.string(), "strlist": pa.list_(pa.string()), "date": pa.date32()}[kind]


@cache
def arrow_schema(table: str) -> Any:
    """The Arrow schema of an exported table, with the output schema's name in its metadata."""
    import pyarrow as pa

    fields = [pa.field(c, arrow_type(k)) for c, k in export_columns(table)]
    return pa.schema(fields, metadata={SCHEMA_KEY: SCHEMA, "newsgraph.table": table})


def rows_to_arrow(table: str, rows: list[dict[str, Any]]) -> Any:
    """Store rows as one typed Arrow table."""
    import pyarrow as pa

    schema = arrow_schema(table)
    typed = [typed_row(table, r) for r in rows]
    return pa.Table.from_pydict({c: [r.get(c) for r in typed] for c in schema.names}, schema=schema)
