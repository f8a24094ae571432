"""The language personal data is looked for in: automatic (the transcript's) or one the detector supports."""
from __future__ import annotations

from PySide6.QtWidgets import QComboBox

from app.privacy.languages import PROFILES, profile_for


def language_choice(current: str = "", transcript_language: str | None = None) -> QComboBox:
    """Returns a combo box of "Automatic" and the supported languages, ``current`` ("" is automatic) chosen.

    ``transcript_language`` names what automatic means for one note ("Automatic (German, the transcript's)").
    """
    box = QComboBox()
    if transcript_language:
        box.addItem(f"Automatic ({profile_for(transcript_language).name}, the transcript's)", "")
    else:
        box.addItem("Automatic (each transcript's language)", "")
    for code, profile in PROFILES.items():
        box.addItem(profile.name, code)
    box.setToolTip("Names, numbers and addresses are found with rules and models for this language.")
    index = box.findData(current or "")
    box.setCurrentIndex(index if index >= 0 else 0)
    return box
