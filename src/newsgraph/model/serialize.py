"""The one codec of schema newsgraph/1: JSON objects and flat table rows.

The CLI, API, store, Parquet export and Spark job all go through here, so the
shapes in docs/output-contract.md are written down exactly once.
"""

from __future__ import annotations

import dataclasses
import json
import types
import typing
from collections.abc import Callable
from functools import cache
from importlib import resources
from typing import Any, Union

from newsgraph import SCHEMA
from newsgraph.model.document import (
    LAYERS,
    AnalyzedDocument,
    Article,
    Mention,
    Rejected,
    SourceRef,
    layer_item,
    layers_of,
)


def _encode(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _encode(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, (tuple, list)):
        return [_encode(v) for v in value]
    if isinstance(value, dict):
        return {k: _encode(v) for k, v in value.items()}
    return value


def to_json(doc: AnalyzedDocument | Rejected) -> dict[str, Any]:
    """The contract object for one document (or its coded error line)."""
    if isinstance(doc, Rejected):
        return {
            "schema": SCHEMA,
            "source": _encode(doc.source),
            "error": {"code": doc.code, "message": doc.message},
        }
    out: dict[str, Any] = {"schema": SCHEMA, "source": _encode(doc.source)}
    out["article"] = _encode(doc.article)
    for layer in layers_of(type(doc)):
        out[layer] = _encode(getattr(doc, layer))
    out["provenance"] = _encode(doc.provenance)
    return out


def dumps(doc: AnalyzedDocument | Rejected, indent: int | None = None) -> str:
    return json.dumps(to_json(doc), ensure_ascii=False, indent=indent)


def _decode(tp: Any, value: Any) -> Any:
    if value is None:
        return None
    origin = typing.get_origin(tp)
    if origin in (Union, types.UnionType):
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        return _decode(args[0], value) if len(args) == 1 else value
    if origin is tuple:
        (inner, *_rest) = typing.get_args(tp)
        return tuple(_decode(inner, v) for v in value)
    if isinstance(tp, type) and dataclasses.is_dataclass(tp):
        hints = _hints(tp)
        # A null where the field has a non-null default is a row stored before the field
        # existed (a column added later reads NULL): the default is what it meant.
        kwargs = {f.name: _decode(hints[f.name], value[f.name]) for f in dataclasses.fields(tp)
                  if f.name in value and not (value[f.name] is None and f.default not in (None, dataclasses.MISSING))}
        return tp(**kwargs)
    return value


@cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def from_json(obj: dict[str, Any], cls: type[AnalyzedDocument] = AnalyzedDocument) -> AnalyzedDocument | Rejected:
    """Inverse of to_json: a contract object back into the model."""
    source = _decode(SourceRef, obj["source"])
    if "error" in obj:
        return Rejected(source=source, code=obj["error"]["code"], message=obj["error"]["message"])
    hints = _hints(typing.cast(Any, cls))
    layers = {layer: _decode(hints[layer], obj.get(layer, [])) for layer in layers_of(cls)}
    return cls(
        source=source,
        article=_decode(Article, obj["article"]),
        provenance=dict(obj.get("provenance") or {}),
        **layers,
    )


def loads(text: str) -> AnalyzedDocument | Rejected:
    return from_json(json.loads(text))


# ---------------------------------------------------------------- table rows
# One row per annotation. Nested objects become "parent_child" columns and
# lists become JSON text, driven by the dataclass types so that every row of a
# table has the same columns whether or not an optional part is present.
# Store, Parquet export and Spark use these tables: a column exists in one place.

TABLES = ("articles", "entities", "mentions", *LAYERS[1:])
_SKIP = {("entities", "mentions")}  # stored in their own table


def _scalar_kind(tp: Any) -> str:
    if typing.get_origin(tp) in (Union, types.UnionType):
        tp = [a for a in typing.get_args(tp) if a is not type(None)][0]
    base = tp
    if base is bool:
        return "bool"
    if base is int:
        return "int"
    if base is float:
        return "float"
    if base is str:
        return "str"
    return "json"


def _columns(cls: type, prefix: str = "", table: str = "") -> list[tuple[str, str, tuple[str, ...]]]:
    """(column, kind, attribute path) for every leaf of a dataclass."""
    cols = []
    for f in dataclasses.fields(cls):
        if (table, f.name) in _SKIP:
            continue
        tp = _hints(cls)[f.name]
        is_union = typing.get_origin(tp) in (Union, types.UnionType)
        inner = [a for a in typing.get_args(tp) if a is not type(None)] if is_union else [tp]
        name = f"{prefix}{f.name}"
        if isinstance(inner[0], type) and dataclasses.is_dataclass(inner[0]):
            for col, kind, path in _columns(inner[0], name + "_"):
                cols.append((col, kind, (f.name, *path)))
        else:
            cols.append((name, _scalar_kind(tp), (f.name,)))
    return cols


@cache
def table_columns(table: str) -> tuple[tuple[str, str], ...]:
    """Column names and kinds (str, int, float, bool, json) of one table."""
    return tuple((c, k) for c, k, _ in _table_plan(table))


@cache
def _table_plan(table: str, cls: type[AnalyzedDocument] = AnalyzedDocument) -> tuple[tuple[str, str, tuple[str, ...]], ...]:
    head: list[tuple[str, str, tuple[str, ...]]] = [("doc", "str", ())]
    if table == "articles":
        src = [(f"source_{c}", k, ("source", *p)) for c, k, p in _columns(SourceRef)]
        art = [(c, k, ("article", *p)) for c, k, p in _columns(Article)]
        return tuple(head + src + art + [("provenance", "json", ("provenance",))])
    if table == "mentions":
        return tuple(head + [("entity_id", "str", ()), *[(c, k, p) for c, k, p in _columns(Mention)]])
    return tuple(head + [("seq", "int", ())] + _columns(layer_item(cls, table), table=table))


REJECTION_COLUMNS = (
    ("doc", "str"), ("source_id", "str"), ("source_uri", "str"), ("source_sha256", "str"),
    ("source_format", "str"), ("code", "str"), ("message", "str"),
)


def rejection_row(rej: Rejected) -> dict[str, Any]:
    """The `rejections` table row of a document that could not be analysed.

    `doc` keys it by source URI as well as hash: two different bad inputs can
    share the hash of empty bytes, and each must be counted.
    """
    key = f"{rej.source.sha256}:{rej.source.uri}"
    return {
        "doc": key, "source_id": rej.source.id, "source_uri": rej.source.uri, "source_sha256": rej.source.sha256,
        "source_format": rej.source.format, "code": rej.code, "message": rej.message,
    }


def from_rejection_row(row: dict[str, Any]) -> Rejected:
    src = SourceRef(id=row["source_id"], uri=row["source_uri"], sha256=row["source_sha256"], format=row["source_format"])
    return Rejected(source=src, code=row["code"], message=row["message"])


def _plain(value: Any) -> Any:
    # Called by the C encoder only for what JSON cannot take itself: our dataclasses.
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: getattr(value, f.name) for f in dataclasses.fields(value)}
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")


# One encoder for every cell: the C encoder takes tuples and dicts as they are, so
# only dataclasses go through Python; this is the same text as json.dumps(_encode(v)).
_encode_cell = json.JSONEncoder(ensure_ascii=False, default=_plain).encode
_encode_str = json.encoder.encode_basestring  # what that encoder escapes a string with (ensure_ascii off)


def _json_cell(value: Any) -> str:
    if type(value) is tuple:
        if not value:
            return "[]"
        # Most cells are names (aliases, titles, authors): the encoder's own string escape and
        # separator, without its per-call set-up; the same text as _encode_cell gives.
        try:
            return "[" + ", ".join(map(_encode_str, value)) + "]"
        except TypeError:  # not all strings (encode_basestring takes str only)
            pass
    return _encode_cell(value)


def _cell_exprs(table: str, skip: int, cls: type[AnalyzedDocument]) -> dict[str, str]:
    """Each cell's Python expression over `o` (the item), in the table's column order after the
    first `skip` columns: the attribute path, None as soon as a step is None, JSON cells encoded.
    The one definition both generated row builders (dict and tuple) are made from."""
    exprs = {}
    for n, (col, kind, path) in enumerate(_table_plan(table, typing.cast(Any, cls))[skip:]):
        assert all(p.isidentifier() for p in path), path
        expr = _path_expr(path, "o", f"c{n}_")
        exprs[col] = f"_json_cell({expr})" if kind == "json" else expr
    return exprs


@cache
def _row_maker(table: str, skip: int, cls: type[AnalyzedDocument] = AnalyzedDocument) -> Callable[..., dict[str, Any]]:
    """One function that builds a whole row dict from an item, made from the table's plan.

    Each cell follows its attribute path, None as soon as a step is None, and JSON cells are
    encoded; written out as one dict display, because a getter call per cell was most of
    `to_rows`, which runs for every stored document (-30% there). The source is made from
    dataclass field names only, never from input.
    """
    lines = [f"{col!r}: {expr}," for col, expr in _cell_exprs(table, skip, cls).items()]
    head = "'doc': key, 'seq': seq, " if skip == 2 else "'doc': key, "
    src = f"def make(o, key, seq=None):\n    return {{{head}{' '.join(lines)}}}\n"
    scope: dict[str, Any] = {"_json_cell": _json_cell}
    exec(compile(src, f"<row maker {table}>", "exec"), scope)  # noqa: S102 - source built from field names only
    return typing.cast(Callable[..., dict[str, Any]], scope["make"])


@cache
def tuple_maker(table: str, cls: type[AnalyzedDocument] = AnalyzedDocument, replace: tuple[tuple[str, str], ...] = (),
                extra: tuple[str, ...] = ()) -> Callable[..., tuple[Any, ...]]:
    """The cells of one `table` row as a tuple in `table_columns` order, then `extra`: what an INSERT takes.

    The store writes every annotation of every document: building the tuple directly, not a
    dict (`_row_maker`) that is then read back column by column, halves that work. The made
    function is `make(o, key, x=None, t=None, ids=None, f=None)`: `o` the document (articles),
    the mention (mentions) or the layer item; `x` the entity id (mentions) or `seq`. `replace`
    gives a column another expression and `extra` appends cells; both are the caller's code (never
    input) over `o`, `key`, `x`, `t`, `ids`, `f`, and `extra` may name a column's value as {column}.
    """
    heads = ("key",) if table == "articles" else ("key", "x")
    exprs = _cell_exprs(table, len(heads), cls)
    subst = dict(replace)
    cells = [*heads, *(subst.get(c, e) for c, e in exprs.items()), *(e.format(**exprs) for e in extra)]
    src = f"def make(o, key, x=None, t=None, ids=None, f=None):\n    return ({', '.join(cells)},)\n"
    scope: dict[str, Any] = {"_json_cell": _json_cell}
    exec(compile(src, f"<tuple maker {table}>", "exec"), scope)  # noqa: S102 - source from field names and the caller's code
    return typing.cast(Callable[..., tuple[Any, ...]], scope["make"])


def _path_expr(path: tuple[str, ...], obj: str, prefix: str) -> str:
    """`o.a.b` that is None as soon as a step is None (an absent cue, speaker, source ...)."""
    if len(path) == 1:
        return f"{obj}.{path[0]}"
    var = f"{prefix}{len(path)}"
    return f"(None if ({var} := {obj}.{path[0]}) is None else {_path_expr(path[1:], var, prefix)})"


def to_rows(doc: AnalyzedDocument) -> dict[str, list[dict[str, Any]]]:
    """Flat rows per table; `doc` (the input's sha256) keys every row."""
    key = doc.source.sha256
    tables: dict[str, list[dict[str, Any]]] = {"articles": [_row_maker("articles", 1)(doc, key)]}
    tables["mentions"] = [
        {"doc": key, "entity_id": ent.id, "start": m.start, "end": m.end, "text": m.text}
        for ent in doc.entities
        for m in ent.mentions
    ]
    cls: Any = type(doc)  # a class is hashable, whatever mypy makes of the frozen dataclass
    for layer in layers_of(cls):
        make = _row_maker(layer, 2, cls)
        tables[layer] = [make(item, key, seq) for seq, item in enumerate(getattr(doc, layer))]
    return tables


def from_rows(tables: dict[str, list[dict[str, Any]]]) -> AnalyzedDocument:
    """Inverse of to_rows for one document's rows (used to load Parquet back)."""
    (art_row,) = tables["articles"]
    obj: dict[str, Any] = {}
    for col, kind, path in _table_plan("articles")[1:]:
        _set(obj, path, _uncell(art_row.get(col), kind))
    mentions: dict[str, list[dict[str, Any]]] = {}
    for m in sorted(tables.get("mentions", []), key=lambda r: (r["entity_id"], r["start"])):
        mentions.setdefault(m["entity_id"], []).append({"start": m["start"], "end": m["end"], "text": m["text"]})
    for layer in LAYERS:
        items = []
        for r in sorted(tables.get(layer, []), key=lambda r: r["seq"]):
            item: dict[str, Any] = {}
            for col, kind, path in _table_plan(layer)[2:]:
                _set(item, path, _uncell(r.get(col), kind))
            if layer == "entities":
                item["mentions"] = mentions.get(item["id"], [])
            items.append(_prune(item))
        obj[layer] = items
    obj["article"] = _prune(obj["article"])
    return typing.cast(AnalyzedDocument, from_json(obj))


def _uncell(value: Any, kind: str) -> Any:
    if kind == "json" and isinstance(value, str):
        return json.loads(value)
    return value


def _set(obj: dict[str, Any], path: tuple[str, ...], value: Any) -> None:
    for part in path[:-1]:
        obj = obj.setdefault(part, {})
    obj[path[-1]] = value


_ALWAYS_PRESENT = {"speaker"}  # an attribution always has a speaker object, maybe all null


def _prune(obj: Any) -> Any:
    """A nested object whose columns are all null was absent: make it None again."""
    if isinstance(obj, dict):
        pruned = {k: _prune(v) for k, v in obj.items()}
        for k, v in obj.items():
            if k not in _ALWAYS_PRESENT and isinstance(v, dict) and all(x is None for x in _leaves(v)):
                pruned[k] = None
        return pruned
    return obj


def _leaves(obj: Any) -> list[Any]:
    if isinstance(obj, dict):
        return [x for v in obj.values() for x in _leaves(v)]
    return [obj]


@cache
def json_schema(cls: type[AnalyzedDocument] = AnalyzedDocument) -> dict[str, Any]:
    """The JSON Schema of one output object.

    The item shapes of the contract's layers are written by hand in
    schema.json (they carry the contract's descriptions and formats); which
    layers an analysed document has, and the shape of a layer schema.json
    does not know yet, come from the model.
    """
    text = resources.files("newsgraph.model").joinpath("schema.json").read_text("utf-8")
    schema: dict[str, Any] = json.loads(text)
    defs, analysed = schema["$defs"], schema["$defs"]["analysed"]
    head = [r for r in analysed["required"] if r not in ("provenance",)]
    for name in layers_of(cls):
        item = layer_item(cls, name)
        ref = item.__name__.lower()
        if ref not in defs:
            defs[ref] = _dataclass_schema(item, defs)
        analysed["properties"][name] = {"type": "array", "items": {"$ref": f"#/$defs/{ref}"}}
        if name not in head:
            head.append(name)
    analysed["required"] = [*head, "provenance"]
    return schema


def _dataclass_schema(cls: type, defs: dict[str, Any]) -> dict[str, Any]:
    """A JSON Schema for a layer item that schema.json does not describe: its fields, typed."""
    hints = _hints(cls)
    props = {f.name: _type_schema(hints[f.name], defs) for f in dataclasses.fields(cls)}
    return {"type": "object", "required": list(props), "properties": props}


_JSON_TYPES = {str: "string", int: "integer", float: "number", bool: "boolean"}


def _type_schema(tp: Any, defs: dict[str, Any]) -> dict[str, Any]:
    if typing.get_origin(tp) in (Union, types.UnionType):
        options = [_type_schema(a, defs) for a in typing.get_args(tp) if a is not type(None)]
        return {"anyOf": [*options, {"type": "null"}]}
    if typing.get_origin(tp) is tuple:
        return {"type": "array", "items": _type_schema(typing.get_args(tp)[0], defs)}
    if isinstance(tp, type) and dataclasses.is_dataclass(tp):
        ref = tp.__name__.lower()
        if ref not in defs:
            defs[ref] = _dataclass_schema(tp, defs)
        return {"$ref": f"#/$defs/{ref}"}
    return {"type": _JSON_TYPES[tp]} if tp in _JSON_TYPES else {}
