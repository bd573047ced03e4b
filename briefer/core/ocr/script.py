"""Which languages to read a scan with when nobody said: look at its script first.

An Urdu act scanned without metadata used to be read as English (the default) and came
out as nonsense. Before such a document is read, one of its pages is checked:

1. Tesseract's orientation and script detection (``--psm 0``, needs ``osd.traineddata``)
   names the script with a confidence. When it is sure (:data:`OSD_MIN_CONFIDENCE`) and
   exactly one installed language writes that script, that language is chosen. (On
   Nastaliq, OSD is not sure of anything: measured 0.56 for "Japanese" on an Urdu page,
   against 5 for Latin on an English page and 173 for Arabic on Naskh.)
2. Otherwise the page is read once with each candidate language at a low resolution, and
   the language whose words Tesseract is most confident of wins, counting only words in
   the language's own script (English read as Urdu gives Arabic letters at 57 %, Urdu read
   as English Latin letters at 27 %; the right language scored 96 % and 57 %).

The language usually mixed in (English with Urdu) is added only when the page shows it:
its own trial reading has at least :data:`COMPANION_MIN_WORDS` words of two letters or
more in its script read with :data:`SURE_CONFIDENCE` % or more. Reading a pure Urdu page
with ``urd+eng`` costs words (bench/urdu_ocr_bench.py: 45 % of the words exactly right
against 54 % with ``urd`` alone, Nastaliq at 300 dpi).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Optional, Sequence

from briefer.core.ocr.languages import with_companions

#: OSD script confidence from which its answer is taken without a trial reading.
OSD_MIN_CONFIDENCE = 2.0
#: At most this many languages are tried on a page (the most common first).
MAX_TRIAL_LANGUAGES = 6
#: A word read with this confidence or more is taken as really being in that language.
SURE_CONFIDENCE = 85.0
#: Sure words a companion language (English beside Urdu) needs on the page to be added.
COMPANION_MIN_WORDS = 3

# Tesseract language code -> the script it writes (names as OSD reports them).
_SCRIPTS = {
    "eng": "Latin", "fra": "Latin", "deu": "Latin", "spa": "Latin", "ita": "Latin",
    "por": "Latin", "nld": "Latin", "tur": "Latin",
    "urd": "Arabic", "ara": "Arabic", "fas": "Arabic", "pus": "Arabic", "snd": "Arabic",
    "hin": "Devanagari", "ben": "Bengali", "pan": "Gurmukhi", "rus": "Cyrillic",
    "chi_sim": "Han", "chi_tra": "Han", "jpn": "Japanese", "kor": "Hangul",
}
# Unicode character-name prefixes that identify a script's letters.
_NAME_PREFIX = {"Latin": "LATIN", "Arabic": "ARABIC", "Devanagari": "DEVANAGARI",
                "Bengali": "BENGALI", "Gurmukhi": "GURMUKHI", "Cyrillic": "CYRILLIC",
                "Han": "CJK", "Japanese": ("HIRAGANA", "KATAKANA", "CJK"), "Hangul": "HANGUL"}
_PREFERRED = ("eng", "urd", "ara", "fas", "hin")
_OSD_LINE = re.compile(r"^(Script|Script confidence):\s*(.+?)\s*$", re.M)


def language_script(code: str) -> Optional[str]:
    return _SCRIPTS.get(code)


@dataclass(frozen=True)
class OsdResult:
    script: str
    confidence: float


def parse_osd(text: str) -> Optional[OsdResult]:
    """The script and its confidence from Tesseract's ``--psm 0`` output."""
    found = dict((m.group(1), m.group(2)) for m in _OSD_LINE.finditer(text))
    try:
        return OsdResult(found["Script"], float(found["Script confidence"]))
    except (KeyError, ValueError):
        return None


def _in_script(ch: str, script: str) -> bool:
    prefix = _NAME_PREFIX.get(script)
    if prefix is None:
        return True
    name = unicodedata.name(ch, "")
    return name.startswith(prefix if isinstance(prefix, tuple) else (prefix,))


@dataclass(frozen=True)
class Trial:
    """One language's trial reading of a page."""

    language: str
    confidence: float  # mean confidence of its words in its own script, by letters
    words: int
    sure: int = 0  # words of 2+ letters in its own script read with SURE_CONFIDENCE or more

    def __str__(self) -> str:
        return f"{self.language} {self.confidence:.0f} % ({self.words} words)"


def score_trial(language: str, words: Sequence[tuple[str, float]]) -> Trial:
    """Score a trial reading: words ``(text, confidence)``; only letters in the language's
    own script count, each word weighted by its letters, so a wrong script scores low."""
    script = language_script(language)
    total = weight = 0.0
    n = sure = 0
    for text, conf in words:
        if conf < 0:
            continue
        letters = [c for c in text if c.isalpha()]
        own = sum(1 for c in letters if script is None or _in_script(c, script))
        if own:
            total += conf * own
            weight += len(letters)
            n += 1
            if own >= 2 and own == len(letters) and conf >= SURE_CONFIDENCE:
                sure += 1
    return Trial(language, round(total / weight, 2) if weight else 0.0, n, sure)


def candidates(available: Sequence[str], osd: Optional[OsdResult]) -> list[str]:
    """Languages worth a trial: those writing the script OSD is sure of (when it is), else
    every installed language, the common ones first, at most :data:`MAX_TRIAL_LANGUAGES`."""
    langs = sorted(available, key=lambda c: (_PREFERRED.index(c) if c in _PREFERRED
                                             else len(_PREFERRED), c))
    if osd is not None and osd.confidence >= OSD_MIN_CONFIDENCE:
        same = [c for c in langs if language_script(c) == osd.script]
        if same:
            return same[:MAX_TRIAL_LANGUAGES]
    return langs[:MAX_TRIAL_LANGUAGES]


def best_language(trials: Sequence[Trial]) -> str:
    return max(trials, key=lambda t: (t.confidence, t.words)).language


def companions_to_try(language: str, available: Sequence[str]) -> list[str]:
    """The languages usually mixed in with ``language`` (installed ones)."""
    return [c for c in with_companions([language], available) if c != language]


def choose(best: str, trials: Sequence[Trial], available: Sequence[str]) -> str:
    """The languages to read with: ``best``, with the companions the page shows (their
    trial has enough sure words; a companion without a trial is left out)."""
    by_lang = {t.language: t for t in trials}
    extra = [c for c in companions_to_try(best, available)
             if c in by_lang and by_lang[c].sure >= COMPANION_MIN_WORDS]
    return "+".join([best] + extra)
