"""Store insert rates of two source trees, alternately, in the same window: this host's speed drifts by a
third within the hour, so an absolute docs/s figure means little without a reference run beside it.

    python scripts/compare_insert_rate.py --rounds 4 \\
        /work/main/.venv/bin/python:/work/main  /tmp/v938/bin/python:/work/wt-938

Each side is PYTHON:ROOT, a source tree (a worktree at a commit) and an interpreter that has its
dependencies. Each side analyses the first 24 NAEB pages with its own pipeline once (cached in /tmp, keyed by
the tree's commit), then every round runs, in a fresh process per side, `bench/bench_store.py`'s
`bench_insert` of that tree: 2,000 documents, 8 per transaction, linking on where the tree links. Prints each
round's docs per CPU-second (and wall), and each side's ratio to the first side.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

_SAMPLE = """
import pickle, sys
sys.path[:0] = [sys.argv[1] + "/src", sys.argv[1] + "/bench"]
import bench_store as b
from newsgraph.pipeline import get_pipeline
docs = [d for d in get_pipeline(b._settings()).process_batch(b._pages(24)) if hasattr(d, "article")]
pickle.dump(docs, open(sys.argv[2], "wb"))
"""

_RUN = """
import json, pickle, sys
sys.path[:0] = [sys.argv[1] + "/src", sys.argv[1] + "/bench"]
import bench_store as b
sample = pickle.load(open(sys.argv[2], "rb"))
b.bench_insert(sample, n=100)  # warm: imports, the first store's schema
r = b.bench_insert(sample, n=2000)
print(json.dumps({"cpu": r.get("cpu_rate"), "wall": r["rate"]}))
"""


def _sample(python: str, root: str) -> str:
    commit = subprocess.run(["git", "-C", root, "rev-parse", "--short", "HEAD"], capture_output=True, text=True,
                            check=True).stdout.strip()
    dirty = "-dirty" if subprocess.run(["git", "-C", root, "diff", "--quiet", "HEAD"]).returncode else ""
    path = Path(f"/tmp/newsgraph-insert-sample-{commit}{dirty}.pkl")
    if not path.exists():
        subprocess.run([python, "-c", _SAMPLE, root, str(path)], cwd=root, check=True)
    return str(path)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("sides", nargs="+", help="PYTHON:ROOT, the first being the reference")
    ap.add_argument("--rounds", type=int, default=4)
    args = ap.parse_args(argv)
    sides = [tuple(s.split(":", 1)) for s in args.sides]
    samples = [_sample(py, root) for py, root in sides]
    rates: list[list[dict[str, float]]] = [[] for _ in sides]
    for n in range(args.rounds):
        line = []
        for i, (py, root) in enumerate(sides):
            out = subprocess.run([py, "-c", _RUN, root, samples[i]], cwd=root, capture_output=True, text=True,
                                 check=True).stdout.strip().splitlines()[-1]
            rates[i].append(json.loads(out))
            line.append(f"{Path(root).name} {rates[i][-1]['cpu']:.0f} ({rates[i][-1]['wall']:.0f} wall)")
        print(f"round {n + 1}: " + " | ".join(line), flush=True)
    for i, (_, root) in enumerate(sides[1:], 1):
        ratios = sorted(r["cpu"] / ref["cpu"] for r, ref in zip(rates[i], rates[0], strict=True))
        print(f"{Path(root).name} / {Path(sides[0][1]).name}, per round (CPU): "
              + ", ".join(f"{x:.2f}" for x in ratios))
    return 0


if __name__ == "__main__":
    sys.exit(main())
