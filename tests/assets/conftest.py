"""Fixtures for the bundled sample meeting; other test folders may import them from here."""
from __future__ import annotations

import pytest

from tests.assets.sample import load_reference, transcribe_sample


@pytest.fixture(scope="session")
def sample_reference() -> dict:
    """The sample's reference JSON: speakers, turns (speaker, start_s, end_s, text, pii)."""
    return load_reference()


@pytest.fixture(scope="session")
def sample_transcript(engines):
    """The real tiny.en Transcript of assets/sample/meeting.wav, transcribed once per session."""
    return transcribe_sample(engines)
