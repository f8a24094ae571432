"""Which alienation an export uses when none is chosen, and why, in words the CLI, the dialog and the report show.

Resynthesis is the default where it was measured (English notes with transcript text: better than the signal
method on every privacy figure, at half its cost in words); anything else falls back to "normalise_random" 0.8.
An explicitly chosen method always wins.
"""
from __future__ import annotations

from dataclasses import dataclass

from audio_core.alienate.options import (DEFAULT_METHOD, DEFAULT_STRENGTH, FALLBACK_METHOD, RESYNTH_MEASURED_LANGUAGES,
                                         AlienationOptions)


@dataclass(frozen=True)
class AlienationChoice:
    """The alienation one export uses, and why: ``reason`` is plain words for the CLI, the dialog and the report.

    fallback: True when the default method could not be used for this note and ``FALLBACK_METHOD`` stands in.
    """

    options: AlienationOptions
    reason: str
    fallback: bool = False

    @property
    def notice(self) -> str:
        """Returns one line saying which method changes the voices and why."""
        strength = "" if self.options.method == "resynth" else f" {self.options.strength}"
        return f"voices alienated with {self.options.method}{strength}: {self.reason}"


def default_alienation(language: str, has_text: bool) -> AlienationChoice:
    """Returns the default alienation for a note in ``language`` ("en", "de"; "" counts as English) that has
    transcript text to speak again (``has_text``) or not, with the reason in plain words."""
    code = (language or "en").lower().split("-")[0].split("_")[0]
    if not has_text:
        return AlienationChoice(AlienationOptions(FALLBACK_METHOD, DEFAULT_STRENGTH),
                                "there is no transcript text to speak again, so the recorded voices are changed "
                                f"instead of {DEFAULT_METHOD}", fallback=True)
    if code not in RESYNTH_MEASURED_LANGUAGES:
        return AlienationChoice(AlienationOptions(FALLBACK_METHOD, DEFAULT_STRENGTH),
                                f"{DEFAULT_METHOD} is measured for English only and this note is in {_language_name(code)}, "
                                "so the recorded voices are changed instead", fallback=True)
    return AlienationChoice(AlienationOptions(DEFAULT_METHOD, DEFAULT_STRENGTH),
                            "the default for English notes with a transcript (the redacted words spoken again by "
                            "secret TTS voices)")


def choose_alienation(requested: AlienationOptions | None, language: str, has_text: bool) -> AlienationChoice:
    """Returns ``requested`` as chosen by the user, or the note's default when None (see ``default_alienation``)."""
    if requested is None:
        return default_alienation(language, has_text)
    return AlienationChoice(requested, "chosen for this export")


def _language_name(code: str) -> str:
    """Returns a language's English name for the common ones, else its code in quotes."""
    names = {"de": "German", "fr": "French", "es": "Spanish", "it": "Italian", "nl": "Dutch", "pt": "Portuguese",
             "pl": "Polish", "ja": "Japanese", "zh": "Chinese", "ru": "Russian", "sv": "Swedish", "da": "Danish"}
    return names.get(code, repr(code))
