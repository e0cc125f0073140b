"""Cross-document work: batch ingest into the store, near-duplicates and syndication."""
