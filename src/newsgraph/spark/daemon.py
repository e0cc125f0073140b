"""Spark's Python daemon with newsgraph's pipeline already loaded.

Spark forks its Python workers from one daemon process per executor
(`spark.python.daemon.module`). Building the default pipeline here, before
any fork, lets every worker start with spaCy and the gazetteers in memory,
shared copy-on-write, instead of loading them again in each worker.
"""

from __future__ import annotations


def main() -> None:
    from pyspark import daemon

    try:
        from newsgraph.pipeline import get_pipeline
        from newsgraph.settings import load_settings

        get_pipeline(load_settings())
    except Exception:  # noqa: BLE001 - a worker that needs it builds it again and reports the error
        pass
    daemon.manager()


if __name__ == "__main__":
    main()
