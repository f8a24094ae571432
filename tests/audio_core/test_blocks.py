"""Cutting a decoded stream into blocks holds one block's worth at a time (that the blocks cover the stream
is tested with recognition in tests/audio_core/test_transcribe_real.py)."""
from __future__ import annotations

import tracemalloc

import numpy as np

from audio_core import SAMPLE_RATE
from audio_core.blocks import BLOCK_S, cut_into_blocks
from audio_core.decode import decode_audio

CHUNK_N = 30 * SAMPLE_RATE  # what the decoder yields (iter_audio_chunks' chunk_s)


def _ten_minutes(testdata) -> np.ndarray:
    meeting = decode_audio(testdata / "synthetic" / "meeting.wav")
    return np.tile(meeting, int(np.ceil(600 * SAMPLE_RATE / meeting.size)))[: 600 * SAMPLE_RATE]


def _decoder_chunks(stream: np.ndarray):
    for lo in range(0, stream.size, CHUNK_N):
        yield stream[lo : lo + CHUNK_N].copy()  # each chunk new memory, as from the decoder's pipe


def test_while_a_block_is_worked_on_the_cutter_holds_less_than_half_a_block_more(testdata):
    # Ten minutes in 30 s chunks, as the decoder yields them: three blocks.
    # A long recording's pass keeps memory flat only if the cutter does not hold the audio twice: the joined
    # chunks and a copy of the block (before: a whole block more, for every block of the pass).
    stream = _ten_minutes(testdata)
    chunks = _decoder_chunks(stream)

    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        held_beyond_block = []
        for _, block in cut_into_blocks(chunks):
            held_beyond_block.append(tracemalloc.get_traced_memory()[0] - before - block.nbytes)
            del block
    finally:
        tracemalloc.stop()

    block_bytes = int(BLOCK_S * SAMPLE_RATE) * 4
    assert len(held_beyond_block) == 3
    assert max(held_beyond_block) < block_bytes / 2, [round(h / 1e6, 1) for h in held_beyond_block]
