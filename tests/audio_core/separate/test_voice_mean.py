"""Averaging several voice passes over one stream: exact length, a fair mean where a pass runs short."""
from __future__ import annotations

import numpy as np

from audio_core.separate.voice_mean import at_rate, mean_voice


def _chunks(signal: np.ndarray, size: int):
    return (signal[i : i + size] for i in range(0, signal.size, size))


def test_the_mean_of_two_passes_covers_the_input_sample_for_sample():
    signal = np.arange(1000, dtype=np.float32)

    def same(chunks):
        yield from chunks

    def doubled(chunks):
        for chunk in chunks:
            yield 2 * chunk

    out = np.concatenate(list(mean_voice(_chunks(signal, 97), [same, doubled])))
    assert np.allclose(out, 1.5 * signal)


def test_where_one_pass_ends_short_then_the_others_stand_for_it():
    signal = np.ones(1000, np.float32)

    def whole(chunks):
        yield from chunks

    def short_by_ten(chunks):
        yield np.concatenate(list(chunks))[:-10] * 3

    out = np.concatenate(list(mean_voice(_chunks(signal, 300), [whole, short_by_ten])))
    assert out.size == 1000
    assert np.allclose(out[:990], 2.0) and np.allclose(out[990:], 1.0)


def test_a_pass_at_another_rate_comes_back_at_the_streams_rate():
    t = np.arange(16_000) / 16_000
    tone = np.sin(2 * np.pi * 440 * t).astype(np.float32)

    def identity(chunks, cancel):
        yield from chunks

    back = np.concatenate(list(at_rate(identity, 16_000, 35_280)(_chunks(tone, 4000))))
    assert abs(back.size - tone.size) <= 2
    n = min(back.size, tone.size)
    assert np.corrcoef(back[100 : n - 100], tone[100 : n - 100])[0, 1] > 0.999
