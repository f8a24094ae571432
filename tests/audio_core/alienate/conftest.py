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
