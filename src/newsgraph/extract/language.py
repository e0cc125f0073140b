"""Which language an article is written in, and whether newsgraph analyses it.

The analysis (spaCy's English model, English cue words, English dates) only
makes sense for English. Run on German it still "works": "Dienstag" and
"Millionen Euro" come out as PERSON with `language: "en"`. So the language is
detected from the clean text with py3langid (langid.py's model, BSD; shipped
inside the package, nothing downloaded) and text in a language outside
`Settings.languages` is a coded rejection (R009) before any analysis.

A guess is only acted on when it is confident: langid.py on a headline or a
few words is close to chance, and a false rejection of an English article
costs more than analysing a rare short foreign one. Below MIN_CHARS of text,
or under MIN_CONFIDENCE, the article keeps the language its page declared.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from newsgraph.errors import Code, NewsgraphError

MIN_CHARS = 200  # shorter text: no verdict (the seed's shortest real articles are far longer)
MIN_CONFIDENCE = 0.90  # normalised probability of the best language
SAMPLE_CHARS = 4000  # the opening of a long article says as much as all of it, at a tenth of the cost

# English names for the messages of the languages a news crawl meets most.
NAMES = {
    "en": "English", "de": "German", "fr": "French", "es": "Spanish", "it": "Italian", "pt": "Portuguese",
    "nl": "Dutch", "ru": "Russian", "uk": "Ukrainian", "pl": "Polish", "ar": "Arabic", "he": "Hebrew",
    "tr": "Turkish", "zh": "Chinese", "ja": "Japanese", "ko": "Korean", "sv": "Swedish", "da": "Danish",
    "no": "Norwegian", "fi": "Finnish", "el": "Greek", "cs": "Czech", "hu": "Hungarian", "ro": "Romanian",
    "fa": "Persian", "hi": "Hindi", "id": "Indonesian", "vi": "Vietnamese",
}


@dataclass(frozen=True)
class Detected:
    code: str  # ISO 639-1, as langid.py labels it
    confidence: float

    @property
    def name(self) -> str:
        return NAMES.get(self.code, self.code)


@lru_cache(maxsize=1)
def _identifier() -> Any:
    # One model per process (0.6 s to load); normalised probabilities make MIN_CONFIDENCE meaningful.
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_language(text: str) -> Detected | None:
    """The language of a text, or None when there is too little text or no confident guess."""
    sample = text[:SAMPLE_CHARS]
    if sum(c.isalpha() for c in sample) < MIN_CHARS:
        return None
    code, confidence = _identifier().classify(sample)
    if confidence < MIN_CONFIDENCE:
        return None
    return Detected(str(code), float(confidence))


def check_language(text: str, allowed: tuple[str, ...]) -> Detected | None:
    """The detected language; NewsgraphError R009 when it is confident and not one of `allowed`.

    An empty `allowed` turns the check off (the language is still reported).
    """
    found = detect_language(text)
    if found is not None and allowed and found.code not in allowed:
        names = ", ".join(NAMES.get(a, a) for a in allowed)
        raise NewsgraphError(
            Code.LANGUAGE,
            f"the text is {found.name} ({found.code}, confidence {found.confidence:.2f}); newsgraph analyses "
            f"{names} only (set languages = [] in the settings, or pass --any-language, to analyse it anyway)",
        )
    return found
