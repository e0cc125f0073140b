"""Run the real CLI the way a normal user would, even when the tests run as root.

Root reads unreadable folders and writes read-only files, so a test of
"permission denied" would pass for the wrong reason. Dropping the two
capabilities that let root ignore file modes (from the bounding set, before
exec) makes the child process obey them like any other user.
"""

from __future__ import annotations

import ctypes
import os
import subprocess
import sys
from typing import Any

from tests.conftest import ROOT

_PR_CAPBSET_DROP = 24
_CAP_DAC_OVERRIDE, _CAP_DAC_READ_SEARCH = 1, 2


def _obey_file_modes() -> None:
    if os.geteuid() != 0:
        return
    libc = ctypes.CDLL(None, use_errno=True)
    for cap in (_CAP_DAC_OVERRIDE, _CAP_DAC_READ_SEARCH):
        if libc.prctl(_PR_CAPBSET_DROP, cap, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP) failed")


def run_cli_as_user(*args: str, timeout: float = 600, **kw: Any) -> subprocess.CompletedProcess[bytes]:
    """Like tests.conftest.run_cli, in a process that file permissions apply to."""
    return subprocess.run(
        [sys.executable, "-m", "newsgraph", *args], capture_output=True, timeout=timeout,
        env={**os.environ, **kw.pop("env", {})}, cwd=ROOT, preexec_fn=_obey_file_modes, **kw,
    )
