"""Which Tesseract languages read a document: names to codes, checks against the data
installed, and the default when the user said nothing.

Documents carry ISO 639-1 codes or English names ('ur', 'Urdu'); Tesseract wants its own
codes ('urd'). A scan with no language at all is checked for its script before it is read
(:mod:`briefer.core.ocr.script`); this module only turns what is known into a choice.
"""

from __future__ import annotations

import sys
from typing import Optional, Sequence

from briefer.core.ocr.errors import LanguageMissing

DEFAULT_LANGUAGES = "eng"

# ISO 639-1 codes and English names (what document metadata holds) -> Tesseract codes.
_LANGUAGE_CODES = {
    "en": "eng", "english": "eng", "ur": "urd", "urdu": "urd", "ar": "ara", "arabic": "ara",
    "fa": "fas", "persian": "fas", "farsi": "fas", "hi": "hin", "hindi": "hin",
    "bn": "ben", "bengali": "ben", "pa": "pan", "punjabi": "pan", "ps": "pus",
    "pashto": "pus", "sd": "snd", "sindhi": "snd", "fr": "fra", "french": "fra",
    "de": "deu", "german": "deu", "es": "spa", "spanish": "spa", "it": "ita",
    "italian": "ita", "pt": "por", "portuguese": "por", "nl": "nld", "dutch": "nld",
    "ru": "rus", "russian": "rus", "zh": "chi_sim", "chinese": "chi_sim", "ja": "jpn",
    "japanese": "jpn", "ko": "kor", "korean": "kor", "tr": "tur", "turkish": "tur",
}
_NAMES = {"eng": "English", "urd": "Urdu", "ara": "Arabic", "fas": "Persian",
          "hin": "Hindi"}
#: Languages read together with English by default (documents of Pakistan mix both).
_WITH_ENGLISH = ("urd",)


#: What a front end passes when the user has not chosen languages: each document's
#: metadata decides, else the script of its pages, judged page by page (the command line's
#: policy without --lang).
AUTOMATIC = "auto"


def is_automatic(languages: Optional[str]) -> bool:
    """Whether ``languages`` leaves the choice to Briefer (None, '', 'auto', 'automatic')."""
    return not languages or languages.strip().lower() in (AUTOMATIC, "automatic")


def language_name(code: str) -> str:
    return _NAMES.get(code, code)


def language_hint(code: str) -> str:
    """Why a language cannot be read here, in one phrase."""
    name = language_name(code)
    if sys.platform.startswith("linux"):
        return (f"{name} OCR data is not installed (package "
                f"tesseract-ocr-{code.replace('_', '-')})")
    return f"{name} OCR data ({code}.traineddata) is not installed in Tesseract's tessdata folder"


def parse_languages(spec: str | Sequence[str] | None) -> list[str]:
    """'eng+urd', 'en,ur', 'English urdu' -> ['eng', 'urd'] (order kept, duplicates dropped)."""
    if spec is None:
        return []
    parts: list[str] = []
    items = [spec] if isinstance(spec, str) else list(spec)
    for item in items:
        for p in str(item).replace(",", "+").replace(" ", "+").replace("/", "+").split("+"):
            p = p.strip()
            if not p:
                continue
            code = _LANGUAGE_CODES.get(p.lower(), p)
            if code not in parts:
                parts.append(code)
    return parts


def resolve_languages(requested: Sequence[str], available: Sequence[str]) -> str:
    """Check an explicit request against the installed data; raise with a hint if missing."""
    if not requested:
        raise LanguageMissing("no OCR language given (for example eng, urd or eng+urd)")
    missing = [c for c in requested if c not in available]
    if missing:
        raise LanguageMissing("; ".join(language_hint(c) for c in missing)
                              + f" (installed: {', '.join(available) or 'none'})")
    return "+".join(requested)


def with_companions(codes: Sequence[str], available: Sequence[str]) -> list[str]:
    """``codes`` plus English where it is usually mixed in (Urdu documents), if installed."""
    out = list(codes)
    if any(c in _WITH_ENGLISH for c in out) and "eng" not in out and "eng" in available:
        out.append("eng")
    return out


def default_languages(doc_language: str, available: Sequence[str],
                      library_default: Optional[str] = None) -> str:
    """The languages to read a document with when the user did not say.

    The document's language metadata decides ('ur' -> Urdu with English, as Pakistani
    documents mix both), else the library's default (English unless changed); a language
    whose data is not installed is left out, and English is the last resort.
    """
    wanted = with_companions(parse_languages(doc_language), list(available) + ["eng"])
    if not wanted:
        wanted = parse_languages(library_default or DEFAULT_LANGUAGES)
    usable = [c for c in wanted if c in available]
    if not usable:
        usable = ["eng"] if "eng" in available else list(available[:1])
    return "+".join(usable)
