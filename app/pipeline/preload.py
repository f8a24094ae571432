"""Loading the later stages' models in the background while recognition runs.

spaCy with Presidio and the speaker encoder take seconds to load; started
before the first block is recognised, they are ready when the pass needs
them instead of adding their load time after it.
"""
from __future__ import annotations

import logging
import threading

from app.engines import Engines
from audio_core.memory import release_freed_memory

logger = logging.getLogger(__name__)


def preload_later_stages(engines: Engines, options) -> threading.Thread:
    """Returns the started daemon thread loading what ``options`` (PipelineOptions) will need after recognition.

    Raises nothing: a model that fails to load here fails again, with its own
    error, in the stage that needs it.
    """
    wanted = []
    if options.speakers.enabled and not options.speakers.pyannote_pipeline:
        wanted.append("diarization_encoder")
        if options.speakers.diarizer == "overlap":
            wanted.append("segmentation_model")
    elif options.speakers.enabled and options.speakers.voice_profiles:
        wanted.append("voice_encoder")
    if options.detect_pii:
        wanted.append("pii_analyzer")
    thread = threading.Thread(target=_load, args=(engines, wanted), name="preload-models", daemon=True)
    thread.start()
    return thread


def _load(engines: Engines, names: list[str]) -> None:
    for name in names:
        try:
            getattr(engines, name)
        except Exception as exc:  # noqa: BLE001 - the stage reports it where the user sees it
            logger.debug("preloading %s failed: %s", name, exc)
    release_freed_memory()  # loading leaves freed buffers in this thread's heap arena
