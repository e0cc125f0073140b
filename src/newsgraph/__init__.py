"""newsgraph: who said what, who did what to whom, when, where, according to whom.

The Python API (see README "Python"): `analyze`, `analyze_file`, `analyze_files`,
`analyze_many`, `open_store`. They are imported on first use, so `import
newsgraph` stays cheap for the CLI.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
SCHEMA = "newsgraph/1"

__all__ = ["SCHEMA", "__version__", "RejectedInput", "analyze", "analyze_file", "analyze_files", "analyze_many",
           "open_store", "raw_document"]
_API = frozenset(__all__[2:])

if TYPE_CHECKING:
    from newsgraph.api import (
        RejectedInput,
        analyze,
        analyze_file,
        analyze_files,
        analyze_many,
        open_store,
        raw_document,
    )


def __getattr__(name: str) -> Any:
    if name in _API:
        from newsgraph import api

        return getattr(api, name)
    raise AttributeError(f"module 'newsgraph' has no attribute {name!r}")
