"""`newsgraph eval realnews`: the whole pipeline on hand-annotated real news pages.

The gold (../shared/data/realnews/gold_dev.jsonl) says what careful readers
find in each page: quotes and their speakers, PLOVER events, places, figures.
Its README fixes how an output is scored; this package follows it:

- rules.py: tokens, dice, "names agree", durations, distances, one-to-one
  matching (pure functions, no spaCy);
- scoring.py: one page's gold record against its newsgraph/1 JSON object;
- running.py: reading the pages and running the pipeline on them;
- report.py: the table, and with --show each page's unmatched items.
"""

from newsgraph.evaluate.realnews.report import report
from newsgraph.evaluate.realnews.running import load, run, summarise
from newsgraph.evaluate.realnews.scoring import score_page

__all__ = ["load", "report", "run", "score_page", "summarise"]
