"""`make bench`: speed and memory as ratios against references run in the same process."""
