"""Run every bench/bench_*.py module (or those named on the command line).

Each module has `main() -> str`, which measures, prints and returns a
Markdown section. Benchmarks are not tests: nothing here asserts a time.
"""

from __future__ import annotations

import importlib
import pkgutil
import sys
import time
from pathlib import Path


def main(argv: list[str]) -> None:
    here = Path(__file__).parent
    names = argv or sorted(m.name for m in pkgutil.iter_modules([str(here)]) if m.name.startswith("bench_"))
    for name in names:
        mod = importlib.import_module(f"bench.{name.removeprefix('bench.')}")
        t0 = time.perf_counter()
        print(f"## {name}", flush=True)
        mod.main()
        print(f"({name} took {time.perf_counter() - t0:.1f}s)\n", flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
