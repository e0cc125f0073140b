"""newsgraph: who said what, who did what to whom, when, where, according to whom."""

__version__ = "0.1.0"
SCHEMA = "newsgraph/1"
