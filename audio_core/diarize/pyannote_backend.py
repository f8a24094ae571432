"""Diarization with a local pyannote.audio pipeline (optional extra ``hushnote[pyannote]``).

The user points at a pipeline folder obtained once elsewhere (for example
``pyannote/speaker-diarization-community-1``: its ``config.yaml`` and the model
folders it names). Hushnote never lets pyannote reach the hub: anything but
an existing folder with a ``config.yaml`` is refused before pyannote sees it,
and its telemetry is switched off first.
"""
from __future__ import annotations

import os
from pathlib import Path

import numpy as np

from audio_core.errors import ModelError
from audio_core import SAMPLE_RATE
from audio_core.diarize import SpeakerTurn

PIPELINE_CONFIG = "config.yaml"
MISSING_EXTRA = (
    "the pyannote backend needs the optional extra: pip install 'hushnote[pyannote]' "
    "(pyannote.audio; it requires torchaudio and torchcodec)"
)


def check_pipeline_dir(pipeline_dir: str | Path) -> Path:
    """Returns the path of the pipeline's config.yaml inside ``pipeline_dir``.

    Raises ModelError when the folder or its config.yaml is missing, naming
    what the user must provide.
    """
    folder = Path(pipeline_dir).expanduser()
    if not folder.is_dir():
        raise ModelError(
            f"{folder}: no such pyannote pipeline folder (download one once elsewhere, e.g. "
            "pyannote/speaker-diarization-community-1, and point --pyannote-pipeline at it)"
        )
    config = folder / PIPELINE_CONFIG
    if not config.is_file():
        raise ModelError(f"{folder}: not a pyannote pipeline folder (it has no {PIPELINE_CONFIG})")
    return config


def import_pyannote():
    """Returns the ``pyannote.audio`` module with its telemetry off.

    Raises ModelError when the optional extra is not installed.
    """
    os.environ["PYANNOTE_METRICS_ENABLED"] = "0"
    os.environ["HF_HUB_OFFLINE"] = "1"
    try:
        import pyannote.audio as pyannote_audio
    except ImportError as exc:
        raise ModelError(f"{MISSING_EXTRA} ({exc})") from None
    try:
        from pyannote.audio.telemetry import set_telemetry_metrics

        set_telemetry_metrics(False)
    except ImportError:  # older releases have no telemetry
        pass
    return pyannote_audio


def load_pipeline(pipeline_dir: str | Path):
    """Returns the pyannote Pipeline stored in ``pipeline_dir``, on CPU.

    Raises ModelError for a missing extra, folder or config, or a pipeline
    that cannot be loaded from local files.
    """
    config = check_pipeline_dir(pipeline_dir)
    pyannote_audio = import_pyannote()
    try:
        pipeline = pyannote_audio.Pipeline.from_pretrained(str(config.parent))
    except Exception as exc:  # pyannote raises many kinds for a broken folder
        raise ModelError(f"{config.parent}: cannot load the pyannote pipeline ({type(exc).__name__}: {exc})") from None
    if pipeline is None:
        raise ModelError(f"{config.parent}: cannot load the pyannote pipeline")
    return pipeline


def annotation_to_turns(annotation) -> list[SpeakerTurn]:
    """Returns exclusive speaker turns (0, 1, … by first appearance) from a pyannote.core Annotation.

    Where speakers overlap, the later turn takes over from the earlier one,
    so every instant has at most one speaker (words align to one name).
    """
    tracks = sorted(((seg.start, seg.end, str(label)) for seg, _, label in annotation.itertracks(yield_label=True)))
    order: dict[str, int] = {}
    turns: list[SpeakerTurn] = []
    for start, end, label in tracks:
        if end <= start:
            continue
        speaker = order.setdefault(label, len(order))
        if turns and turns[-1].end_s > start:
            last = turns.pop()
            if start > last.start_s:
                turns.append(SpeakerTurn(last.start_s, start, last.speaker))
            if last.end_s > end:
                turns.append(SpeakerTurn(round(start, 3), round(end, 3), speaker))
                turns.append(SpeakerTurn(round(end, 3), last.end_s, last.speaker))
                continue
        turns.append(SpeakerTurn(round(start, 3), round(end, 3), speaker))
    return _renumber(turns)


def _renumber(turns: list[SpeakerTurn]) -> list[SpeakerTurn]:
    order: dict[int, int] = {}
    for turn in turns:
        order.setdefault(turn.speaker, len(order))
    return [SpeakerTurn(t.start_s, t.end_s, order[t.speaker]) for t in turns]


def run_pipeline(pipeline, audio: np.ndarray, num_speakers=None, min_speakers=None, max_speakers=None) -> list[SpeakerTurn]:
    """Returns the exclusive speaker turns ``pipeline`` finds in 16 kHz mono ``audio``."""
    import torch

    waveform = torch.from_numpy(np.asarray(audio, np.float32)).unsqueeze(0)
    kwargs = {k: v for k, v in dict(num_speakers=num_speakers, min_speakers=min_speakers, max_speakers=max_speakers).items() if v}
    output = pipeline({"waveform": waveform, "sample_rate": SAMPLE_RATE}, **kwargs)
    # pyannote 4 returns a DiarizeOutput with an exclusive annotation; 3.x an Annotation.
    annotation = getattr(output, "exclusive_speaker_diarization", None) or getattr(output, "speaker_diarization", output)
    return annotation_to_turns(annotation)


def voices_of_turns(encoder, audio: np.ndarray, turns: list[SpeakerTurn]) -> np.ndarray:
    """Returns each speaker's unit mean Resemblyzer embedding over their turns, shape (n_speakers, 256).

    A speaker too brief to embed gets a zero row, which matches no profile.
    """
    from audio_core.diarize.embeddings import embed_windows

    count = max((t.speaker for t in turns), default=-1) + 1
    voices = np.zeros((count, 256), np.float32)
    for speaker in range(count):
        windows = embed_windows(encoder, audio, [(t.start_s, t.end_s) for t in turns if t.speaker == speaker])
        if len(windows):
            mean = windows.vectors.mean(axis=0)
            voices[speaker] = mean / max(float(np.linalg.norm(mean)), 1e-9)
    return voices


def diarize_with_pyannote(path: str | Path, pipeline_dir: str | Path, options, encoder=None):
    """Returns a ``Diarization`` of the file at ``path`` by the local pipeline in ``pipeline_dir``.

    ``options`` is an ``app.diarization.SpeakerOptions`` (speaker counts);
    with a Resemblyzer ``encoder``, each speaker's voice is embedded too, so
    voice profiles match as with the built-in diarizer. The whole file is
    decoded into memory (pyannote needs it whole). Raises ModelError
    (missing extra, folder or weights), InputError for unreadable audio.
    """
    from audio_core.decode import decode_audio
    from audio_core.diarize.builtin import Diarization

    pipeline = load_pipeline(pipeline_dir)
    audio = decode_audio(path)
    turns = run_pipeline(
        pipeline,
        audio,
        options.num_speakers,
        options.min_speakers if options.min_speakers > 1 else None,
        options.max_speakers,
    )
    voices = voices_of_turns(encoder, audio, turns) if encoder is not None else np.zeros((0, 256), np.float32)
    return Diarization(turns, voices)
