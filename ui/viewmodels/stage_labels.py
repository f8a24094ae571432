"""What the pipeline's progress steps (``app.pipeline``) mean to a person, shown while a file or recording is processed."""
from __future__ import annotations

STAGE_LABELS = {
    "decode": "Reading audio…",
    "transcribe": "Recognising speech…",
    "diarize": "Finding speakers…",
    "detect_pii": "Finding personal data…",
    "save": "Saving…",
}
