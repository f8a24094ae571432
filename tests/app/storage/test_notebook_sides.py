"""A two-sided recording's chunks keep the microphone and the computer apart, in step; readers of one signal get the mix."""
from __future__ import annotations

import numpy as np
import pytest


def test_when_two_sided_chunks_are_stored_then_both_sides_come_back_in_step(notebook):
    rng = np.random.default_rng(3)
    first = (0.2 * rng.standard_normal((8000, 2))).astype(np.float32)
    second = (0.2 * rng.standard_normal((1234, 2))).astype(np.float32)
    note_id = notebook.start_recording("Call")
    notebook.append_audio(note_id, first)
    notebook.append_audio(note_id, second)

    assert notebook.audio_channels(note_id) == 2
    sides = np.concatenate(list(notebook.iter_audio_sides(note_id)))
    assert sides.shape == (9234, 2)
    assert np.abs(sides - np.concatenate([first, second])).max() < 1e-4
    assert notebook.get_summary(note_id).audio_s == pytest.approx(9234 / 16_000, abs=0.001)  # frames, not samples
    mixed = notebook.read_audio(note_id)
    assert np.abs(mixed - np.clip(sides.sum(axis=1), -1, 1)).max() < 1e-4


def test_when_a_recording_is_mono_then_it_reads_as_before(notebook):
    note_id = notebook.start_recording("Mic")
    mono = np.linspace(-0.5, 0.5, 4000, dtype=np.float32)
    notebook.append_audio(note_id, mono)
    assert notebook.audio_channels(note_id) == 1
    assert np.abs(notebook.read_audio(note_id) - mono).max() < 1e-4
