"""Fixtures shared by the alienation tests."""
from __future__ import annotations

import numpy as np
import pytest

from audio_core.decode import decode_audio


@pytest.fixture(scope="module")
def reading(testdata):
    """Two LibriVox clips of one real reader joined (about 11 s) and what he reads."""
    names = ("librivox_sas-0870", "librivox_sas-0880")
    audio = np.concatenate([decode_audio(testdata / "real" / f"{n}.wav") for n in names])
    text = " ".join((testdata / "real" / f"{n}.txt").read_text() for n in names)
    return audio, text


@pytest.fixture(params=["silence", "very short", "one sample", "clipped", "near silence"])
def odd_clip(request, reading):
    """Input a method must survive: silence, 50 ms, one sample, clipped speech, near silence (one each)."""
    audio, _ = reading
    return {
        "silence": lambda: np.zeros(2 * 16000, np.float32),
        "very short": lambda: audio[:800],
        "one sample": lambda: audio[:1],
        "clipped": lambda: np.clip(audio[: 3 * 16000] * 20, -1.0, 1.0),
        "near silence": lambda: (np.random.default_rng(0).normal(size=16000) * 1e-6).astype(np.float32),
    }[request.param]()
