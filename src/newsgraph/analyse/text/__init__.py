"""Shared text facts: the one definition of each, used by every layer.

quotation marks and quotations (quotes.py), the speech-verb/cue lexicon
(cues.py), number words and month names (numbers.py), acronyms
(acronyms.py) and the loaders of the packaged data files (data.py).
"""
