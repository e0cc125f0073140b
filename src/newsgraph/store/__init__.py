"""The corpus store: SQLite with one table per layer, FTS5, and migrations.

    from newsgraph.store import open_store
    from newsgraph.store import queries

    with open_store("newsgraph.db") as store:      # or None: $NEWSGRAPH_DB, else ./newsgraph.db
        store.put(analyzed_document)                # upsert by source.sha256; Rejected goes to `rejections`
        rows = queries.quotes(store, speaker="Blinken", about="Rafah", since="2024-03-01")

Table columns come from newsgraph.model.serialize (`TABLES`, `table_columns`);
newsgraph.store.export writes the same tables as Parquet, CSV, JSONL and JSON-LD.
"""

from newsgraph.store.db import DEFAULT_DB, Store, default_db_path, open_store
from newsgraph.store.schema import LATEST as SCHEMA_VERSION

__all__ = ["DEFAULT_DB", "SCHEMA_VERSION", "Store", "default_db_path", "open_store"]
