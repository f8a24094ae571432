"""Web addresses, written ("castaneda.biz/contact") or spoken ("www dot castaneda dot biz slash contact")."""
from __future__ import annotations

from presidio_analyzer import Pattern, PatternRecognizer

from app.privacy.recognizers.spoken_email_recognizer import DOT_WORDS, TOP_LEVEL_DOMAINS, country_domains

SLASH_WORDS = {"en": ("slash",), "de": ("slash", "schrägstrich"), "fr": ("slash", "barre oblique"), "es": ("barra", "slash")}
CONTEXT = {
    "en": ["website", "site", "page", "url", "link", "online", "web"],
    "de": ["webseite", "website", "seite", "internet", "link", "online"],
    "fr": ["site", "web", "lien", "page", "internet", "ligne"],
    "es": ["web", "página", "sitio", "enlace", "internet", "línea"],
}
# Words that end a sentence like a domain but are not one ("the point is", "punto dos").
_TLD = r"(?:" + "|".join(sorted(
    {t for t in (*TOP_LEVEL_DOMAINS, *country_domains()) if t not in ("in", "at", "me", "no", "it", "be")}, key=len, reverse=True)) + r")"


def url_patterns(language: str) -> list[Pattern]:
    """Returns the written and spoken URL patterns of ``language``."""
    dot = r"(?:\s+(?:" + "|".join(DOT_WORDS[language]) + r")\s+|\.)"
    slash = r"(?:\s+(?:" + "|".join(SLASH_WORDS[language]) + r")\s+|/)"
    label = r"[^\W_][\w-]*"
    www = r"(?:www|w\s+w\s+w)"  # Whisper writes a spoken "www" either way
    host = rf"(?:https?://|https?\s+colon\s+slash\s+slash\s+)?(?:{www}{dot})?{label}(?:{dot}{label})*?{dot}{_TLD}(?:{dot}{_TLD})?"
    path = rf"(?:{slash}[\w-]+)*/?"
    return [
        Pattern("url", rf"(?<![@\w]){host}\b{path}(?!\s*@)", 0.6),
        # After "www dot" the name may be said as words ("www dot kahu design dot co dot nz").
        Pattern("www url", rf"\b{www}{dot}{label}(?:\s+{label}){{0,2}}?(?:{dot}{label})+{path}", 0.8),
    ]


class SpokenUrlRecognizer(PatternRecognizer):
    """Finds web addresses ending in a known top-level domain, spoken or written."""

    def __init__(self, language: str = "en") -> None:
        super().__init__(supported_entity="URL", name="SpokenUrlRecognizer", patterns=url_patterns(language),
                         context=CONTEXT[language], supported_language=language)
