"""Every SQLite failure of a store as a coded error that names the store's file.

A store can fail anywhere: opening it (not a database, read-only, missing
folder), in the middle of a query (a damaged page is only found when it is
read) or while writing (disk full). Rather than wrap every call site, the
Store's connection and cursors are subclasses that turn sqlite3.Error into
StoreError (E012 failed, E013 not a store, E014 corrupt) as it happens, with
the path. StoreError is still an sqlite3.OperationalError, so code that
catches SQLite errors keeps working.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from newsgraph.errors import Code, NewsgraphError


class StoreError(NewsgraphError, sqlite3.OperationalError):
    """A store failure: `code` says which kind, `path` which store."""

    def __init__(self, code: Code, message: str, path: Path | str):
        super().__init__(code, message)
        self.path = str(path)


# SQLite's primary result codes, by the name Python 3.11 gives them (sqlite_errorname),
# with the words of the error line; the extended codes (SQLITE_IOERR_WRITE ...) start the same.
_KINDS: tuple[tuple[str, Code, str], ...] = (
    ("SQLITE_NOTADB", Code.NOT_A_STORE, "the file is not a database"),
    ("SQLITE_CORRUPT", Code.STORE_CORRUPT, "the store is damaged (restore a backup, or try `sqlite3 FILE .recover`)"),
    ("SQLITE_READONLY", Code.STORE_FAILED, "the store cannot be written: the file or its folder is read-only"),
    ("SQLITE_FULL", Code.STORE_FAILED, "the disk is full"),
    ("SQLITE_CANTOPEN", Code.STORE_FAILED, "the store cannot be opened (missing folder or no permission)"),
    ("SQLITE_PERM", Code.STORE_FAILED, "no permission to use the store"),
    ("SQLITE_BUSY", Code.STORE_FAILED, "the store is locked by another process"),
    ("SQLITE_LOCKED", Code.STORE_FAILED, "the store is locked"),
    ("SQLITE_IOERR", Code.STORE_FAILED, "the disk failed to read or write the store"),
)


def store_error(exc: sqlite3.Error, path: Path | str) -> StoreError:
    """The coded form of an SQLite error met on the store at `path`."""
    if isinstance(exc, StoreError):
        return exc
    name = getattr(exc, "sqlite_errorname", "") or ""
    text = str(exc)
    code, what = Code.STORE_FAILED, "SQLite failed"
    for prefix, kind, words in _KINDS:
        if name.startswith(prefix):
            code, what = kind, words
            break
    else:
        if "malformed" in text:  # raised without an error name by some code paths
            code, what = Code.STORE_CORRUPT, _KINDS[1][2]
    return StoreError(code, f"{what}: {path} (SQLite: {text})", path)


class StoreCursor(sqlite3.Cursor):
    """A cursor whose failures, also those met while iterating, are StoreErrors."""

    def _fail(self, exc: sqlite3.Error) -> StoreError:
        conn = self.connection
        return store_error(exc, getattr(conn, "store_path", "?"))

    def execute(self, sql: str, parameters: Any = (), /) -> StoreCursor:
        try:
            return super().execute(sql, parameters)
        except sqlite3.Error as exc:
            raise self._fail(exc) from exc

    def executemany(self, sql: str, seq_of_parameters: Iterable[Any], /) -> StoreCursor:
        try:
            return super().executemany(sql, seq_of_parameters)
        except sqlite3.Error as exc:
            raise self._fail(exc) from exc

    def fetchone(self) -> Any:
        try:
            return super().fetchone()
        except sqlite3.Error as exc:
            raise self._fail(exc) from exc

    def fetchall(self) -> list[Any]:
        try:
            return super().fetchall()
        except sqlite3.Error as exc:
            raise self._fail(exc) from exc

    def __next__(self) -> Any:
        try:
            return super().__next__()
        except sqlite3.Error as exc:
            raise self._fail(exc) from exc


class StoreConnection(sqlite3.Connection):
    """The Store's connection (sqlite3.connect(..., factory=StoreConnection)); set `store_path` after connecting."""

    store_path: str = "?"

    def cursor(self, factory: Any = StoreCursor) -> Any:
        return super().cursor(factory)

    # Connection.execute makes a plain sqlite3.Cursor in C; these go through ours instead.
    def execute(self, sql: str, parameters: Any = (), /) -> Any:
        return self.cursor().execute(sql, parameters)

    def executemany(self, sql: str, parameters: Iterable[Any], /) -> Any:
        return self.cursor().executemany(sql, parameters)


def connect(target: str, path: Path, **kwargs: Any) -> StoreConnection:
    """sqlite3.connect with the coded errors; `target` is the path or a file: URI of it."""
    try:
        conn = sqlite3.connect(target, factory=StoreConnection, **kwargs)
    except sqlite3.Error as exc:
        raise store_error(exc, path) from exc
    assert isinstance(conn, StoreConnection)
    conn.store_path = str(path)
    return conn
