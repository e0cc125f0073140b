"""Bytes in, RawDocument out: files, directories, stdin, JSONL and WARC.

Every input yields exactly one item per document, a RawDocument or a
Rejected with a code: nothing read is ever dropped without a trace.
"""

from newsgraph.ingest.files import iter_inputs

__all__ = ["iter_inputs"]
