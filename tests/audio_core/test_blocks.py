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


def test_the_blocks_do_not_depend_on_how_the_stream_was_chunked_and_come_back_unchanged_when_fed_back():
    # The diarizer re-cuts whatever blocks it is fed into these (audio_core.diarize.evidence), so a recording
    # fed as it comes and an import of the same audio are diarized alike; fed the pipeline's own blocks it
    # must get them back as they are, not copies.
    rng = np.random.default_rng(0)
    stream = (rng.standard_normal(50 * SAMPLE_RATE) * np.repeat(rng.random(500), SAMPLE_RATE // 10)).astype(np.float32)
    whole = list(cut_into_blocks([stream], block_s=7.0))
    assert len(whole) >= 7 and all(b.size <= 7 * SAMPLE_RATE for _, b in whole)
    for size in (SAMPLE_RATE, 12_345, 1):
        chunks = [stream[i : i + size] for i in range(0, min(stream.size, 40_000 if size == 1 else stream.size), size)]
        if size == 1:
            chunks.append(stream[40_000:])
        got = list(cut_into_blocks(chunks, block_s=7.0))
        assert [o for o, _ in got] == [o for o, _ in whole]
        assert all(np.array_equal(a, b) for (_, a), (_, b) in zip(got, whole))
    again = list(cut_into_blocks([b for _, b in whole], block_s=7.0))
    assert all(a is b for (_, a), (_, b) in zip(again, whole))
