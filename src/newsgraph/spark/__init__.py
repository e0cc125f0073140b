"""The Spark job: the same process() per partition, Parquet tables out.

`partition.py` holds everything that runs on executors and is testable with
plain Python iterables; `job.py` is the only module that imports pyspark.
"""
