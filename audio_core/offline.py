"""Offline-by-construction switches.

Each library below reaches for the network by default (model hubs, telemetry,
public-suffix lists). The switches must be set before those libraries are
imported, so ``audio_core/__init__.py`` (imported first by ``app`` and ``ui``) calls
:func:`enforce` before anything else.
"""
import os

OFFLINE_ENVIRONMENT = {
    # Hugging Face hub (faster-whisper, pyannote): never resolve a model online.
    "HF_HUB_OFFLINE": "1",
    "TRANSFORMERS_OFFLINE": "1",
    "HF_HUB_DISABLE_TELEMETRY": "1",
    "HF_DATASETS_OFFLINE": "1",
    # pyannote.audio sends usage telemetry unless told not to.
    "PYANNOTE_METRICS_ENABLED": "0",
    # tldextract (used by Presidio's email recognizer) fetches the public
    # suffix list unless given no URLs; it then uses its bundled snapshot.
    "TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS": "",
    # onnxruntime (Silero VAD, DeepFilterNet) otherwise writes a device id and
    # queued usage events to ~/.cache/Microsoft and a session file TMPDIR/.ses.
    "ORT_DISABLE_TELEMETRY": "1",
    "DO_NOT_TRACK": "1",
    "SPACY_WARNING_IGNORE": "W095",
}


def enforce() -> None:
    """Set every offline / no-telemetry environment switch in this process.

    Values already chosen by the user are overridden on purpose: Hushnote's
    promise is that nothing leaves the machine, whatever the environment says.
    """
    os.environ.update(OFFLINE_ENVIRONMENT)
