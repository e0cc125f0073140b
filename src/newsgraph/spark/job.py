"""`newsgraph spark`: process() inside mapPartitions, one Parquet folder per table.

The driver only lists inputs and gathers counters; executors get the small
Settings object, build their pipeline once per Python worker, and (by
default) write their own part of every table.
"""

from __future__ import annotations

import glob
import heapq
import json
import os
import sys
import threading
import uuid
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse

from newsgraph.ingest.files import list_files
from newsgraph.model.serialize import TABLES
from newsgraph.settings import Settings
from newsgraph.spark.part_files import columns
from newsgraph.spark.partition import process_partition
from newsgraph.store.typed_tables import json_row

INPUT_FAILURES = {"E001", "E002", "E003"}  # the input itself could not be read
TEXT_COLUMNS = ("text", "html", "body", "content", "articleBody")


def spark_schema(table: str) -> Any:
    from pyspark.sql import types as T

    kinds = {"str": T.StringType(), "json": T.StringType(), "int": T.LongType(), "float": T.DoubleType(),
             "bool": T.BooleanType(), "strlist": T.ArrayType(T.StringType()), "date": T.DateType()}
    return T.StructType([T.StructField(c, kinds[k], True) for c, k in columns(table)])


def session(master: str | None, app: str = "newsgraph") -> Any:
    from pyspark.sql import SparkSession

    # Workers must run this interpreter, the one with newsgraph and its model
    # installed; on a cluster, PYSPARK_PYTHON set by the user wins.
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    builder = (
        SparkSession.builder.appName(app)
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.sql.shuffle.partitions", "8")
        .config("spark.hadoop.mapreduce.input.fileinputformat.input.dir.recursive", "true")
        .config("spark.pyspark.python", sys.executable)
        # workers fork from a daemon that has already loaded the pipeline
        .config("spark.python.daemon.module", "newsgraph.spark.daemon")
    )
    if master:
        builder = builder.master(master)
    if (master or "").startswith("local"):
        os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
        # In local mode the JVM only lists files and schedules tasks (Python reads,
        # analyses and writes), so a JVM that starts fast beats one that optimises
        # hard: about a second less of start-up.
        builder = builder.config("spark.driver.extraJavaOptions", "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC")
    spark = builder.getOrCreate()
    spark.sparkContext.setLogLevel("ERROR")
    return spark


def _is_parquet(path: str) -> bool:
    p = Path(path.removeprefix("file://"))
    return path.endswith(".parquet") or (p.is_dir() and any(p.glob("*.parquet")))


def local_files(path: str) -> list[Path] | None:
    """The files of a local input, listed as local ingest lists them; None for other URIs."""
    if path.startswith("file:"):
        local = unquote(urlparse(path).path)  # file:///x and Hadoop's file:/x alike
    elif "://" in path:
        return None
    else:
        local = path
    # a pattern that matches nothing stays as it is, so its task reports E003 like `ingest` does
    found = [Path(m) for m in sorted(glob.glob(local))] or [Path(local)] if glob.has_magic(local) else [Path(local)]
    return [f for p in found for f in list_files(p)]  # a missing file too: its task reports E003


def balanced(files: list[Path], n: int) -> list[list[tuple[str, str]]]:
    """Deal files over n partitions by size, largest first, each to the lightest partition."""
    def size(p: Path) -> int:
        try:
            return p.stat().st_size
        except OSError:
            return 0

    loads = [(0, i) for i in range(n)]
    parts: list[list[tuple[str, str]]] = [[] for _ in range(n)]
    for nbytes, f in sorted(((size(f), f) for f in files), key=lambda sf: sf[0], reverse=True):
        load, i = heapq.heappop(loads)
        parts[i].append(("path", str(f)))
        heapq.heappush(loads, (load + nbytes + 1, i))
    return [p for p in parts if p]


def input_records(spark: Any, inputs: list[str], partitions: int) -> Any:
    """One RDD of records over about `partitions` partitions.

    Local files are listed here and dealt by size, and each task reads its
    own files from disk, so no file passes through the JVM. Hadoop URIs are
    read with binaryFiles (and Parquet with spark.read) and then dealt
    round-robin, since binaryFiles can put a whole folder in one partition.
    """
    sc = spark.sparkContext
    local: list[Path] = []
    rdds = []
    for path in inputs:
        if _is_parquet(path):
            df = spark.read.parquet(path)
            cols = set(df.columns)
            text = next((c for c in TEXT_COLUMNS if c in cols and c != "html"), None)
            pick = [c if c in cols else None for c in ("id", text, "html", "url", "published")]
            uri = path

            def to_rec(r: Any, pick: list[str | None] = pick, uri: str = uri) -> tuple[Any, ...]:
                vals = [r[c] if c else None for c in pick]
                return ("row", uri, *vals)

            rdds.append(df.rdd.map(to_rec))
        elif (files := local_files(path)) is not None:
            local += files
        else:
            files_rdd = sc.binaryFiles(path, minPartitions=partitions)
            rdds.append(files_rdd.map(lambda kv: ("file", kv[0], kv[0].rsplit("/", 1)[-1], bytes(kv[1]))))
    parts = []
    if rdds:
        parts.append(spread(sc.union(rdds) if len(rdds) > 1 else rdds[0], partitions))
    if local or not parts:
        buckets = balanced(local, partitions)
        parts.append(sc.parallelize(buckets, max(1, len(buckets))).flatMap(lambda bucket: bucket))
    return sc.union(parts) if len(parts) > 1 else parts[0]


def spread(records: Any, n: int) -> Any:
    """Deal records round-robin over n partitions.

    `repartition` can leave a few large records (WARC files) bunched on one
    core; numbering them within each input partition and hashing the number
    spreads them evenly without an extra pass over the input.
    """
    numbered = records.mapPartitionsWithIndex(lambda pi, it: ((pi * 1_000_003 + i, r) for i, r in enumerate(it)))
    return numbered.partitionBy(n, lambda k: k % n).values()


WRITERS = ("arrow", "spark")


def run_job(inputs: list[str], output: str, settings: Settings, master: str | None = None,
            partitions: int | None = None, raw: bool = False, published: str | None = None,
            writer: str = "arrow", wait_for_stop: bool = True) -> dict[str, Any]:
    """Analyse every input once and write one Parquet folder per table.

    writer "arrow": each task writes its own part files with pyarrow (local
    paths and the URIs pyarrow opens: s3://, gs://, hdfs:// with libhdfs);
    "spark": rows go back to the JVM and Spark writes them, for any other
    Hadoop file system. "arrow" falls back to "spark" when pyarrow cannot
    open OUTPUT.
    """
    if writer not in WRITERS:
        raise ValueError(f"writer must be one of {', '.join(WRITERS)}, not {writer!r}")
    if writer == "arrow":
        import pyarrow as pa

        from newsgraph.spark.part_files import open_output

        try:
            open_output(output)
        except (ValueError, OSError, pa.ArrowException) as exc:
            print(f"newsgraph spark: pyarrow cannot write {output} ({exc}); Spark writes the tables",
                  file=sys.stderr)
            writer = "spark"
    spark = session(master)
    try:
        sc = spark.sparkContext
        records = input_records(spark, inputs, partitions or 2 * sc.defaultParallelism)
        if writer == "arrow":
            counts, codes = _write_with_arrow(records, output, settings, raw, published)
        else:
            counts, codes = _write_with_spark(spark, records, output, settings, raw, published)
    finally:
        stop(spark, wait_for_stop)
    counters = {
        "processed": counts.get("articles", 0),
        "rejected": dict(sorted(codes.items())),
        "failed_inputs": sum(n for c, n in codes.items() if c in INPUT_FAILURES),
        "rows": {t: counts.get(t, 0) for t in (*TABLES, "rejections")},
    }
    if "://" not in output or output.startswith("file://"):
        Path(output.removeprefix("file://"), "_counters.json").write_text(json.dumps(counters, indent=2))
    return counters


def stop(spark: Any, wait: bool = True) -> None:
    """Stop the session; without `wait`, in the background.

    pyspark's stop() spends about a second waiting for its accumulator server
    to notice the shutdown. A command line that exits next need not wait: the
    JVM sees its parent go and stops the context in its own shutdown hook,
    and every table and counter is written before this is called.
    """
    if wait:
        spark.stop()
    else:
        threading.Thread(target=spark.stop, name="spark-stop", daemon=True).start()


def _write_with_arrow(records: Any, output: str, settings: Settings, raw: bool,
                      published: str | None) -> tuple[Counter[str], Counter[str]]:
    """Tasks analyse and write their own part files; only counters come back."""
    from newsgraph.spark.part_files import finish_output, prepare_output, write_parts

    prepare_output(output)
    run_id = uuid.uuid4().hex[:12]

    def task(index: int, it: Any) -> Any:
        return write_parts(index, process_partition(it, settings, raw, published), output, run_id)

    counts: Counter[str] = Counter()
    codes: Counter[str] = Counter()
    for part in records.mapPartitionsWithIndex(task).collect():
        counts.update(part["rows"])
        codes.update(part["codes"])
    finish_output(output, counts, run_id)
    return counts, codes


def _write_with_spark(spark: Any, records: Any, output: str, settings: Settings, raw: bool,
                      published: str | None) -> tuple[Counter[str], Counter[str]]:
    """Rows leave Python once, as JSON; the tables are cut from them in the JVM.

    That one DataFrame is persisted and each table is cut from it with
    from_json, so writing nine tables costs no further round trips through
    Python workers.
    """
    from pyspark import StorageLevel
    from pyspark.sql import functions as F

    # Typed as the arrow writer and `export` type them (ISO days, string lists), so both writers agree.
    pairs = records.mapPartitions(lambda it: process_partition(it, settings, raw, published)).map(
        lambda tr: (tr[0], json.dumps(tr[1] if tr[0] == "rejections" else json_row(tr[0], tr[1]), ensure_ascii=False))
    )
    df = spark.createDataFrame(pairs, "tbl string, row string").persist(StorageLevel.MEMORY_AND_DISK)
    code_col = F.when(F.col("tbl") == "rejections", F.get_json_object("row", "$.code")).alias("code")
    tally = df.groupBy("tbl", code_col).count().collect()  # analyses everything, once

    def write(table: str) -> None:
        part = df.filter(F.col("tbl") == table).select(F.from_json("row", spark_schema(table)).alias("r"))
        part.select("r.*").write.mode("overwrite").parquet(f"{output.rstrip('/')}/{table}")

    # The nine writes are small jobs over the cached rows; run them side by side.
    with ThreadPoolExecutor(max_workers=4) as pool:
        list(pool.map(write, (*TABLES, "rejections")))
    df.unpersist()
    counts: Counter[str] = Counter()
    codes: Counter[str] = Counter()
    for r in tally:
        counts[r["tbl"]] += r["count"]
        if r["code"] is not None:
            codes[r["code"]] += r["count"]
    return counts, codes
