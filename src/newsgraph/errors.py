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


class NewsgraphError(Exception):
    """Raised inside a stage; process() turns it into a Rejected."""

    def __init__(self, code: Code, message: str):
        super().__init__(f"{code.value}: {message}")
        self.code = code
        self.message = message
