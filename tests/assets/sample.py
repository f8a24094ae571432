"""The bundled sample meeting (assets/sample) as tests see it: paths, reference, transcript."""
from __future__ import annotations

import json
from pathlib import Path

from tests.support.testdata import PROJECT_ROOT

SAMPLE_DIR = PROJECT_ROOT / "assets" / "sample"
SAMPLE_WAV = SAMPLE_DIR / "meeting.wav"
SAMPLE_JSON = SAMPLE_DIR / "meeting.json"
REQUIRED_ENTITY_TYPES = {"PERSON", "PHONE_NUMBER", "EMAIL_ADDRESS", "ADDRESS", "DATE_TIME", "CREDIT_CARD"}
KNOWN_ENTITY_TYPES = REQUIRED_ENTITY_TYPES | {"LOCATION"}

_transcripts: dict[int, object] = {}


def load_reference(path: Path = SAMPLE_JSON) -> dict:
    """Returns the sample's reference document (title, speakers, turns with PII spans)."""
    return json.loads(path.read_text(encoding="utf-8"))


def reference_text(reference: dict) -> str:
    """Returns every turn's text joined in order, for WER."""
    return " ".join(turn["text"] for turn in reference["turns"])


def transcribe_sample(engines):
    """Returns the real transcript of the sample with ``engines``, computed once per engines object."""
    from app.pipeline import transcribe_file

    key = id(engines)
    if key not in _transcripts:
        _transcripts[key] = transcribe_file(SAMPLE_WAV, engines)
    return _transcripts[key]
