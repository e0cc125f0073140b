"""Coded errors (E...) and rejections (R...).

A rejection says the input is not something we analyse (empty, binary, too
large, not an article); an error says something went wrong reading or
analysing it. Both end up as the contract's error line, never as a silent None.
"""

from __future__ import annotations

from enum import Enum


class Code(str, Enum):
    EMPTY = "R001"
    BINARY = "R002"
    TOO_LARGE = "R003"
    UNDECODABLE = "R004"
    NOT_ARTICLE = "R005"
    NOT_HTML = "R006"
    NO_TEXT = "R007"
    NOT_A_FILE = "R008"  # a FIFO, device or socket: reading it could block or never end
    LANGUAGE = "R009"  # the text is not in a language the models analyse (setting languages)
    BAD_JSONL = "E001"
    CORRUPT_ARCHIVE = "E002"
    READ_FAILED = "E003"
    TIMEOUT = "E004"
    INTERNAL = "E005"
    BAD_ARGUMENT = "E006"
    FETCH_FAILED = "E007"
    FORBIDDEN_ADDRESS = "E008"
    NOT_FOUND = "E009"
    REQUEST_TOO_LARGE = "E010"
    FETCH_DISABLED = "E011"
    STORE_FAILED = "E012"  # SQLite could not read or write the store (read-only, disk full, I/O error, locked)
    NOT_A_STORE = "E013"  # the file is not a newsgraph store (not SQLite, or another program's database)
    STORE_CORRUPT = "E014"  # the store's pages are damaged (quick_check failed, "malformed")
    BUSY = "E015"  # the server is running as many analyses as it may (setting serve_max_analyses)
    RATE_LIMITED = "E016"  # a client sent more analyses than serve_rate_limit_per_minute allows
    HOST_NOT_ALLOWED = "E017"  # the request's Host header is not in serve_allowed_hosts
    MISSING_DEPENDENCY = "E018"  # an optional package a command needs is not installed
    MODEL_MISSING = "E019"  # neither en_core_web_sm nor its re-upload is installed
    CROSS_SITE = "E020"  # a write (the analyse page's "Save to store") posted by another site's page


class NewsgraphError(Exception):
    """Raised inside a stage; process() turns it into a Rejected."""

    def __init__(self, code: Code, message: str):
        super().__init__(f"{code.value}: {message}")
        self.code = code
        self.message = message


# Optional dependencies by the import name a ModuleNotFoundError carries, and the
# extra that brings each one, so a missing one is named with the command that fixes it.
EXTRAS = {
    "pyarrow": "parquet",
    "pyspark": "spark",
    "fastapi": "serve",
    "uvicorn": "serve",
    "jinja2": "serve",
    "multipart": "serve",
    "playwright": "browser",
}


class MissingDependency(NewsgraphError):
    """An optional package (or the spaCy model) that a command needs is not installed."""

    def __init__(self, message: str, code: Code = Code.MISSING_DEPENDENCY):
        super().__init__(code, message)


def missing_dependency(exc: ImportError, needed_for: str | None = None) -> MissingDependency:
    """The one-line coded error for an import that failed, naming the extra that brings it."""
    module = (getattr(exc, "name", None) or "").split(".")[0]
    if not module:
        return MissingDependency(f"{needed_for or 'this command'} cannot import a package it needs: {exc}")
    extra = EXTRAS.get(module)
    fix = f"pip install 'newsgraph[{extra}]'" if extra else f"pip install {module}"
    what = f"{needed_for} needs" if needed_for else "this command needs"
    return MissingDependency(f"{what} {module}, which is not installed: {fix}")
