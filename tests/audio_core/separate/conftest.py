"""Real separators and real speech mixtures, loaded once per session."""
from __future__ import annotations

import numpy as np
import pytest

from audio_core import SAMPLE_RATE
from audio_core.decode import decode_audio
from tests.support.mixtures import make_music, make_noise, mix_at_snr


@pytest.fixture(scope="session")
def dfn_separator(engines):
    return engines.separator("dfn")


@pytest.fixture(scope="session")
def spleeter_separator(engines):
    return engines.separator("spleeter")


@pytest.fixture(scope="session")
def speech(testdata) -> np.ndarray:
    """About 12 s of real read speech (two LibriVox clips), 16 kHz."""
    return np.concatenate(
        [decode_audio(testdata / "real" / f"librivox_sas-0{n}.wav") for n in (870, 890)]
    )


@pytest.fixture(scope="session")
def speech_with_music(speech) -> tuple[np.ndarray, np.ndarray]:
    """(mixture, music): the speech with synthetic band music at 0 dB, 2 s of music alone first."""
    lead_in = np.zeros(2 * SAMPLE_RATE, np.float32)
    voice = np.concatenate([lead_in, speech])
    mixture, music = mix_at_snr(voice, make_music(voice.size / SAMPLE_RATE, SAMPLE_RATE), 0.0)
    return mixture, music


@pytest.fixture(scope="session")
def speech_with_noise(speech) -> np.ndarray:
    """The speech with brown noise at 0 dB."""
    return mix_at_snr(speech, make_noise("brown", speech.size / SAMPLE_RATE, SAMPLE_RATE), 0.0)[0]
