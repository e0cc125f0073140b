"""Spark's Python daemon with newsgraph's pipeline already loaded.

Spark forks its Python workers from one daemon process per executor
(`spark.python.daemon.module`). Building the default pipeline here, before
any fork, lets every worker start with spaCy and the gazetteers in memory,
shared copy-on-write, instead of loading them again in each worker. One
short made-up sentence goes through the pipeline too, because some stages
load their data on their first document (the places gazetteer).
"""

from __future__ import annotations

import gc


def main() -> None:
    from pyspark import daemon

    try:
        from newsgraph.model import RawDocument, SourceRef
        from newsgraph.pipeline import get_pipeline
        from newsgraph.settings import load_settings

        warm = b"Officials in Lisbon said on Monday that the bridge would reopen."
        src = SourceRef(id="warm-up", uri="warm-up:", sha256="0" * 64, format="text")
        get_pipeline(load_settings()).process_batch([RawDocument(src, warm, "text")])
    except Exception:  # noqa: BLE001 - a worker that needs it builds it again and reports the error
        pass
    # The loaded models are never freed: keep them out of the collector's sight, so that
    # forked workers neither spend time scanning them nor copy the pages it would touch.
    gc.freeze()
    daemon.manager()


if __name__ == "__main__":
    main()
