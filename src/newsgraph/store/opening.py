"""Open a store safely: look before writing, read without writing, check before ingesting.

* `check_is_store` refuses (E013) any file that is not a newsgraph store
  before a single byte is written: the migrations and `journal_mode=WAL`
  would otherwise turn another program's SQLite file into a half-store.
* `connect_readonly` opens for reading only, and still works when the file
  or its folder is read-only (a CD, a read-only mount, another user's store).
* `quick_check` is run before an ingest adds to an existing store, so that
  new documents are not written around damaged pages.
"""

from __future__ import annotations

import os
from pathlib import Path

from newsgraph.errors import Code
from newsgraph.store.errors import StoreConnection, StoreError, connect
from newsgraph.store.schema import MIGRATIONS

SQLITE_HEADER = b"SQLite format 3\x00"


def check_is_store(path: Path) -> None:
    """Return when `path` is missing, empty, an empty SQLite file or a newsgraph store; else StoreError."""
    if not has_sqlite_header(path):
        return
    conn = connect_readonly(path)
    try:
        check_tables(conn, path)
    finally:
        conn.close()


def has_sqlite_header(path: Path) -> bool:
    """True for an SQLite file, False for a missing or empty one; StoreError E013 for anything else."""
    try:
        if not path.exists():
            return False
        if not path.is_file():
            raise StoreError(Code.NOT_A_STORE, f"not a newsgraph store: {path} is not a regular file", path)
        with path.open("rb") as fh:
            head = fh.read(len(SQLITE_HEADER))
    except OSError as exc:
        raise StoreError(Code.STORE_FAILED, f"cannot read the store: {path} ({exc.strerror or exc})", path) from None
    if head and head != SQLITE_HEADER:
        raise StoreError(Code.NOT_A_STORE, f"not a newsgraph store: {path} is not an SQLite database; "
                                           "newsgraph leaves it unchanged", path)
    return bool(head)  # an empty file, e.g. from mktemp, is ours to fill


def check_tables(conn: StoreConnection, path: Path) -> None:
    """StoreError E013 when the database holds tables but is not a newsgraph store."""
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if not tables:
        return  # an empty SQLite database: a new store
    ours = {version: name for version, name, _ in MIGRATIONS}
    if "schema_version" in tables:
        rows = conn.execute("SELECT version, name FROM schema_version").fetchall()
        # A newer newsgraph may know more steps; every step this one knows must carry its name.
        if rows and all(ours.get(v) in (None, n) for v, n in rows) and any(v in ours for v, _ in rows):
            return
        if not rows and tables == {"schema_version"}:
            return  # another newsgraph process is creating this store right now (migrate waits for its lock)
    shown = ", ".join(sorted(tables)[:5]) + (" ..." if len(tables) > 5 else "")
    raise StoreError(Code.NOT_A_STORE, f"not a newsgraph store: {path} is an SQLite database of another "
                                       f"program (tables {shown}); newsgraph leaves it unchanged", path)


def connect_readonly(path: Path) -> StoreConnection:
    """A connection that can only read, also on read-only media.

    A WAL database normally needs its -shm file, which a read-only folder
    cannot hold; there no process can write the store either, so opening it
    as immutable (no locks, no -shm) is safe, and it is done only then.
    """
    uri = path.resolve().as_uri()
    conn = connect(uri + "?mode=ro", path, uri=True, isolation_level=None, check_same_thread=False)
    try:
        conn.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()
        return conn
    except StoreError as exc:
        conn.close()
        if exc.code is not Code.STORE_FAILED or _writable_folder(path):
            raise
    return connect(uri + "?immutable=1", path, uri=True, isolation_level=None, check_same_thread=False)


def _writable_folder(path: Path) -> bool:
    return os.access(path.resolve().parent, os.W_OK)


def writable(path: Path) -> bool:
    """Whether this process may write the store file and create its journal next to it."""
    return os.access(path, os.W_OK) and _writable_folder(path)


def quick_check(conn: StoreConnection, path: Path) -> None:
    """PRAGMA quick_check, as StoreError E014 naming the first problem when the store is damaged."""
    rows = [r[0] for r in conn.execute("PRAGMA quick_check(5)").fetchall()]  # SQLite errors come coded
    if rows != ["ok"]:
        raise StoreError(Code.STORE_CORRUPT, f"the store is damaged: {path} ({'; '.join(map(str, rows))}); "
                                             "restore a backup, or try `sqlite3 FILE .recover`", path)
