"""REST API and server-rendered HTML pages over the store's query functions.

`create_app(ServeConfig(...))` builds the FastAPI app; `newsgraph serve` runs it.
Every asset ships in the package (no CDN): the UI works offline.
"""

from newsgraph.serve.app import ServeConfig, create_app

__all__ = ["ServeConfig", "create_app"]
