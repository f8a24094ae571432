"""Real tiny.en on real speech: accuracy, word timings, invariants."""
from __future__ import annotations

import json

import numpy as np
import pytest

from app.diarization import SpeakerOptions
from app.pipeline import PipelineOptions, transcribe_file
from app.wer import word_error_rate
from audio_core.blocks import cut_into_blocks
from audio_core.decode import decode_audio
from audio_core.transcribe import AsrOptions, transcribe_array
from tests.bench.common import stm_text

ASR_ONLY = PipelineOptions(speakers=SpeakerOptions(enabled=False), detect_pii=False)


@pytest.fixture(scope="module")
def librivox_results(testdata, engines):
    clips = sorted((testdata / "real").glob("librivox_*.wav"))
    return [(clip.with_suffix(".txt").read_text(), transcribe_file(clip, engines, ASR_ONLY)) for clip in clips]


def test_librivox_word_error_rate_is_at_most_6_percent(librivox_results):
    wer = word_error_rate([ref for ref, _ in librivox_results], [t.text for _, t in librivox_results])
    assert wer <= 0.06


def test_real_phone_call_word_error_rate_is_at_most_20_percent(testdata, engines):
    transcript = transcribe_file(testdata / "real" / "pyannote_sample.wav", engines, ASR_ONLY)
    assert word_error_rate(stm_text(testdata / "real" / "pyannote_sample.stm"), transcript.text) <= 0.20


def test_transcript_invariants(librivox_results):
    for _, transcript in librivox_results:
        assert transcript.model == "tiny.en" and transcript.language == "en"
        words = transcript.words
        assert words, "every clip has speech"
        assert all(0 <= w.start_s <= w.end_s <= transcript.duration_s + 0.05 for w in words)
        assert all(a.start_s <= b.start_s for a, b in zip(words, words[1:]))
        assert all(0.0 <= w.probability <= 1.0 for w in words)
        for segment in transcript.segments:
            assert segment.start_s <= segment.end_s
            assert segment.text == segment.text.strip()


def test_word_timestamps_fall_inside_the_reference_turns(synthetic_meeting, engines):
    turns = json.loads(synthetic_meeting.with_suffix(".json").read_text())["turns"]
    transcript = transcribe_file(synthetic_meeting, engines, ASR_ONLY)

    tolerance_s = 0.5
    outside = [
        w for w in transcript.words
        if not any(t["start"] - tolerance_s <= w.start_s and w.end_s <= t["end"] + tolerance_s for t in turns)
    ]
    assert len(outside) <= 0.03 * len(transcript.words), [(w.text, w.start_s, w.end_s) for w in outside[:10]]


def test_silence_gives_an_empty_transcript(engines):
    silence = np.zeros(16_000 * 5, np.float32)
    assert list(transcribe_array(engines.recognizer, silence)) == []


def test_block_cutting_keeps_every_sample_and_transcript_times_stay_absolute(testdata, engines):
    audio = decode_audio(testdata / "real" / "pyannote_sample.wav")
    blocks = list(cut_into_blocks([audio[i : i + 16_000] for i in range(0, audio.size, 16_000)], block_s=10.0))

    assert np.array_equal(np.concatenate([b for _, b in blocks]), audio)
    assert all(b.size <= 10 * 16_000 for _, b in blocks)
    assert [round(o * 16_000) for o, _ in blocks] == list(np.cumsum([0] + [b.size for _, b in blocks[:-1]]))
    whole = " ".join(s.text for s in transcribe_array(engines.recognizer, audio, AsrOptions(beam_size=1)))
    in_blocks = []
    for offset, block in blocks:
        for segment in transcribe_array(engines.recognizer, block, AsrOptions(beam_size=1), offset_s=offset):
            assert offset - 0.01 <= segment.start_s <= offset + block.size / 16_000 + 0.01
            in_blocks.append(segment.text)
    assert word_error_rate(whole, " ".join(in_blocks)) < 0.2
