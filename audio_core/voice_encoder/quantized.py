"""The voice encoder's LSTM in onnxruntime with its upper two layers in int8.

Built from Resemblyzer's bundled weights by packaging/quantize_voice_encoder.py
(``models/lstm-int8.onnx``, shipped inside the package): the first layer stays
float32 (its input, a mel power spectrogram, spans too many decades for 8 bits),
the other two are quantized per output channel. On one core it runs the LSTM
about 2.3x faster than the float numpy port (int8 matrix products), with
embeddings at cosine 0.9995 on average (0.998 at worst) to the float ones on
real speech (tests/audio_core/voice_encoder/test_quantized_encoder.py). Activations are
quantized on each run's own range, so a window's embedding varies with the batch it runs
in, by about 1e-4 in cosine; the same input in the same batches gives the same output.
"""
from __future__ import annotations

from pathlib import Path

import numpy as np


QUANTIZED_LSTM = Path(__file__).resolve().parent / "models" / "lstm-int8.onnx"
# Windows per run. Activations are quantized on each run's range, so this is part of the model: the
# tune DER held at 64 (meetings 28.1 %, synthetic 6.5 %, pool 19.9 %) and rose at 8 (dev01 23.1 -> 23.6 %).
RUN_BATCH = 64


class QuantizedLstm:
    """Runs the encoder's 3-layer LSTM; :meth:`hidden_states_at` as in :mod:`audio_core.voice_encoder.lstm`."""

    def __init__(self, path: str | Path = QUANTIZED_LSTM, threads: int = 1):
        """Loads the ONNX graph at ``path`` with ``threads`` intra-op threads.

        Raises ModelError when the file is missing or not a model.
        """
        import onnxruntime as ort

        from audio_core.onnx_session import cpu_session

        self._session = cpu_session(path, threads, "the int8 voice encoder")
        # onnxruntime's arena keeps its largest buffers: 512 windows of 1.5 s left 120 MB held. Shrunk after
        # each call's last run it keeps 38 MB for 5 % more encoder CPU (shrunk after every run: 26 MB, 28 % more).
        self._last_run = ort.RunOptions()
        self._last_run.add_run_config_entry("memory.enable_memory_arena_shrinkage", "cpu:0")

    def hidden_states_at(self, inputs: np.ndarray, steps_wanted: list[int]) -> np.ndarray:
        """Returns the last layer's hidden states (len(steps_wanted), batch, 256) after each of ``steps_wanted``
        steps (1 to steps) of ``inputs`` (batch, steps, 40), from zero states.

        Raises ValueError for a step outside 1..steps.
        """
        batch, steps, _ = inputs.shape
        if any(not 1 <= k <= steps for k in steps_wanted):
            raise ValueError(f"steps {steps_wanted} outside 1..{steps}")
        picked = [k - 1 for k in steps_wanted]
        time_major = np.ascontiguousarray(np.asarray(inputs, np.float32)[:, : max(steps_wanted)].transpose(1, 0, 2))
        starts = range(0, batch, RUN_BATCH)
        parts = [self._session.run(None, {"mels": time_major[:, lo : lo + RUN_BATCH]},
                                   self._last_run if lo == starts[-1] else None)[0][picked] for lo in starts]
        return np.concatenate(parts, axis=1) if parts else np.zeros((len(steps_wanted), 0, 256), np.float32)
