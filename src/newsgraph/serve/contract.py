"""The newsgraph/1 JSON Schema inside the API's OpenAPI document.

/api/analyze and /api/articles/{doc} answer with a contract object; their
OpenAPI responses point at the contract's own schema (model/schema.json with
the layers the model derives), so a client generator gets typed documents,
not `object`. The schema's `$defs` become components named `ng_<def>`.
"""

from __future__ import annotations

import copy
from typing import Any

DOCUMENT = "NewsgraphDocument"
RESPONSE: dict[int | str, dict[str, Any]] = {
    200: {"description": "One analysed document, or its coded error line (schema newsgraph/1).",
          "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{DOCUMENT}"}}}},
}


def _rewrite(node: Any) -> Any:
    """The schema with its `#/$defs/x` references moved to `#/components/schemas/ng_x`."""
    if isinstance(node, dict):
        out = {k: _rewrite(v) for k, v in node.items() if k not in ("$schema", "$id", "$defs")}
        ref = out.get("$ref")
        if isinstance(ref, str) and ref.startswith("#/$defs/"):
            out["$ref"] = "#/components/schemas/ng_" + ref.removeprefix("#/$defs/")
        return out
    if isinstance(node, list):
        return [_rewrite(v) for v in node]
    return node


def components() -> dict[str, Any]:
    """The contract's schemas as OpenAPI components: the document and each of its definitions."""
    from newsgraph.model.serialize import json_schema

    schema = copy.deepcopy(json_schema())
    out = {f"ng_{name}": _rewrite(d) for name, d in schema.get("$defs", {}).items()}
    out[DOCUMENT] = _rewrite(schema)
    return out


def add_to(openapi: dict[str, Any]) -> dict[str, Any]:
    """An OpenAPI document with the contract's components added."""
    openapi.setdefault("components", {}).setdefault("schemas", {}).update(components())
    return openapi
