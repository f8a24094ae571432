"""LocalAgreement-2 live transcription on real speech with the real tiny.en model (no device needed)."""
from __future__ import annotations

import numpy as np
import pytest

from audio_core.model import Word
from app.wer import word_error_rate
from audio_core.decode import decode_audio
from audio_core.streaming import StreamingOptions, StreamingTranscriber

CLIPS = ["real/librivox_sas-0870.wav", "real/librivox_sas-0920.wav"]  # 7.1 s + 6.1 s, one reader


def words(*texts: str) -> list[Word]:
    return [Word(t, i * 0.5, i * 0.5 + 0.4) for i, t in enumerate(texts)]


@pytest.mark.parametrize(
    "previous, current, agreed",
    [
        (["Hello", "there"], ["hello", "there,", "friend"], 2),  # case and punctuation do not matter
        (["Hello", "their"], ["Hello", "there"], 1),
        ([], ["Hello"], 0),  # one hypothesis alone never commits
        (["Hello", "there", "friend"], ["Hello"], 1),
        (["and", "Mr.", "John"], ["and", "Mr.", "John", "Dashwood"], 3),
        (["Mr.", "John"], ["And", "Mr.", "John", "Dashwood"], 3),  # a leading word added at the window edge is kept
        (["and", "Mr."], ["Mr.", "Smith"], 0),  # one word after a skip is not agreement
    ],
)
def test_when_two_hypotheses_share_a_prefix_then_only_that_prefix_is_committed(previous, current, agreed):
    result = StreamingTranscriber._agree(words(*previous), words(*current))
    assert [w.text for w in result] == [w.text for w in words(*current)[:agreed]]


def test_when_the_newer_hypothesis_drops_a_leading_word_then_the_older_one_keeps_it():
    result = StreamingTranscriber._agree(words("to", "do", "for", "them"), words("do", "for", "them"))
    assert [w.text for w in result] == ["to", "do", "for", "them"]


@pytest.fixture(scope="module")
def streamed(engines, testdata):
    """Streams two clips in 0.5 s pieces with a 6 s window; returns (transcriber, updates, max window s, reference)."""
    audio = np.concatenate([decode_audio(testdata / clip) for clip in CLIPS])
    reference = " ".join((testdata / clip.replace(".wav", ".txt")).read_text() for clip in CLIPS)
    transcriber = StreamingTranscriber(engines.recognizer, StreamingOptions(window_s=6.0))
    updates, longest_window_s = [], 0.0
    for start in range(0, audio.size, 8000):
        transcriber.insert_audio(audio[start : start + 8000])
        longest_window_s = max(longest_window_s, transcriber._window.size / 16_000)
        if transcriber.ready:
            updates.append(transcriber.process())
    updates.append(transcriber.finish())
    return transcriber, updates, longest_window_s, reference


def test_when_streaming_speech_then_words_are_committed_while_it_goes_on(streamed):
    transcriber, updates, _, reference = streamed
    committed_before_end = sum(len(u.newly_committed) for u in updates[:-1])
    assert committed_before_end >= len(transcriber.committed) // 2, "most words should be final before the end"
    assert word_error_rate(reference, " ".join(w.text for w in transcriber.committed)) < 0.2


def test_when_streaming_then_committed_words_are_in_time_order_without_repeats(streamed):
    transcriber, _, _, _ = streamed
    starts = [w.start_s for w in transcriber.committed]
    assert starts == sorted(starts)
    assert 0 <= starts[0] and transcriber.committed[-1].end_s <= 13.3
    texts = [w.text.lower().strip(".,") for w in transcriber.committed]
    assert not any(a == b == c for a, b, c in zip(texts, texts[1:], texts[2:])), "a word was committed three times"


def test_when_the_window_grows_past_its_limit_then_it_is_cut(streamed):
    _, _, longest_window_s, _ = streamed
    assert longest_window_s <= 2 * 6.0 + 1.0


def test_when_there_is_only_silence_then_nothing_is_transcribed(engines):
    transcriber = StreamingTranscriber(engines.recognizer, StreamingOptions(window_s=3.0))
    for _ in range(5):
        transcriber.insert_audio(np.zeros(16_000, np.float32))
        update = transcriber.process()
        assert update.newly_committed == [] and update.tentative == []
    assert transcriber.finish().newly_committed == []
    assert transcriber.audio_end_s == pytest.approx(5.0)
    assert transcriber._window.size == 0
