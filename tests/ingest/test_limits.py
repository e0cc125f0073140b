"""The bounds readers check before parsing: JSON depth, line length, special files, names."""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest

from newsgraph.ingest.limits import (
    Budget,
    LineTooLong,
    json_too_deep,
    read_line,
    shown_name,
    special_file,
    without_surrogates,
)
from newsgraph.ingest.sniff import binary_kind, unicode_without_bom


def test_json_depth_counts_brackets_outside_strings_only() -> None:
    assert json_too_deep("[" * 65 + "]" * 65)
    assert not json_too_deep("[" * 64 + "]" * 64)
    assert not json_too_deep('{"text": "' + "[" * 5000 + '"}')  # brackets in text are text
    assert not json_too_deep('{"text": "a \\" [[[[ b"}')


def test_lone_surrogates_become_replacement_characters() -> None:
    assert without_surrogates("a \ud800 b \U0001f600") == "a \ufffd b \U0001f600"


def test_undecodable_file_name_bytes_are_shown_as_replacement() -> None:
    assert shown_name(os.fsdecode(b"bad\xffname.txt")) == "bad\ufffdname.txt"
    shown_name(os.fsdecode(b"bad\xffname.txt")).encode("utf-8")


def test_long_line_is_skipped_and_the_next_one_reads() -> None:
    fh = io.BytesIO(b"short\n" + b"x" * 5000 + b"\nafter\n")
    assert read_line(fh, 100) == b"short\n"
    with pytest.raises(LineTooLong) as err:
        read_line(fh, 100)
    assert err.value.size == 5001
    assert read_line(fh, 100) == b"after\n"
    assert read_line(fh, 100) == b""


def test_budget() -> None:
    b = Budget(10)
    assert b.take(6) and b.take(4) and not b.take(1)


def test_special_files_are_named(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe")
    (tmp_path / "plain.txt").write_text("x")
    assert special_file(tmp_path / "pipe") == "a FIFO (named pipe)"
    assert special_file(Path("/dev/zero")) == "a device"
    assert special_file(tmp_path / "plain.txt") is None
    assert special_file(tmp_path) is None
    assert special_file(tmp_path / "missing") is None


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"])
def test_utf16_and_utf32_without_bom_are_text(codec: str) -> None:
    data = "Ferry fares rise by 8% \u2014 officials said on Monday.\n".encode(codec) * 20
    assert unicode_without_bom(data[:4096]) == codec
    assert binary_kind(data) is None


def test_binary_with_nuls_is_still_binary() -> None:
    data = bytes(range(256)) * 16
    assert unicode_without_bom(data[:4096]) is None
    assert binary_kind(data) is not None
