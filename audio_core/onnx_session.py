"""One way to open a bundled ONNX model on the CPU."""
from __future__ import annotations

from pathlib import Path

from audio_core.errors import ModelError


def cpu_session(path: str | Path, threads: int, what: str):
    """Returns an onnxruntime ``InferenceSession`` of the model at ``path`` on the CPU, with ``threads`` intra-op
    threads (at least one) and one inter-op thread, warnings silenced.

    ``what`` names the model in the error. Raises ModelError when the file is missing or not a model.
    """
    import onnxruntime as ort

    options = ort.SessionOptions()
    options.intra_op_num_threads = max(1, threads)
    options.inter_op_num_threads = 1  # spinning threads on a shared 2-core machine starve each other
    options.log_severity_level = 3
    try:
        return ort.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])
    except Exception as exc:  # onnxruntime raises its own untyped errors
        raise ModelError(f"cannot load {what} {Path(path).name}: {exc}") from None
