"""Real separators (shared through the session's Engines) and a speech + music file."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from audio_core.encode import AudioFileWriter
from audio_core import SAMPLE_RATE
from audio_core.decode import decode_audio
from tests.support.mixtures import LEAD_IN_S, make_music, mix_at_snr



@pytest.fixture(scope="session")
def spleeter_separator(engines):
    return engines.separator("spleeter")


@pytest.fixture(scope="session")
def dfn_separator(engines):
    return engines.separator("dfn")


@pytest.fixture(scope="session")
def reference_text(testdata) -> str:
    return " ".join((testdata / "real" / f"librivox_sas-0{n}.txt").read_text().strip() for n in (870, 890))


@pytest.fixture(scope="session")
def speech_music(testdata) -> tuple[np.ndarray, np.ndarray]:
    """(mixture, music) at 16 kHz: 2 s of music alone, then two LibriVox clips over it at 0 dB."""
    speech = np.concatenate([decode_audio(testdata / "real" / f"librivox_sas-0{n}.wav") for n in (870, 890)])
    voice = np.concatenate([np.zeros(int(LEAD_IN_S * SAMPLE_RATE), np.float32), speech])
    return mix_at_snr(voice, make_music(voice.size / SAMPLE_RATE, SAMPLE_RATE), 0.0)


@pytest.fixture(scope="session")
def speech_music_file(speech_music, tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("mixture") / "interview.wav"
    with AudioFileWriter(path, SAMPLE_RATE, "wav") as writer:
        writer.write(speech_music[0])
    return path
