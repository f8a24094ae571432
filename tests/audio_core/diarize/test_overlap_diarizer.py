"""The overlap-aware diarizer (pyannote's segmentation model) on real and mixed clips: overlap found
where two voices talk at once, speakers on the shared meeting clips, flat streaming by blocks.
Loose bounds that still catch a broken diarizer; tests/bench/bench_diarization.py reports the figures."""
from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from audio_core.diarize.overlap import (
    FILLED_GAP_S,
    MAX_OVERLAPPED_SHARE,
    OverlapDiarizationOptions,
    diarize_blocks,
    diarize_overlapping,
)
from audio_core.diarize.powerset import OverlapDetection
from audio_core.diarize.segmentation import FRAMES_PER_WINDOW, WINDOW_N, segmentation_model_path
from audio_core.diarize.windows import WindowOptions, collect_windows
from tests.support.diarization import diarization_error_rate, overlap_recall, reference_from_rttm
from tests.support import overlap_meeting


@pytest.fixture(scope="session")
def segmentation_model(engines):
    return engines.segmentation_model


@pytest.fixture(scope="session")
def two_voice_overlap(testdata, synthetic_meeting):
    """Two voices (a real reader, a synthetic voice) answering each other, every change overlapped by 1.5 s."""
    voices = overlap_meeting.utterances(testdata)
    return overlap_meeting.mix_meeting(voices, overlap_meeting.TWO_VOICE_ORDER, overlap_share=1.0)


def _overlap_s(turns) -> float:
    grid = np.zeros(100_000, np.int8)
    for t in turns:
        grid[int(t.start_s * 100) : int(t.end_s * 100)] += 1
    return float((grid >= 2).sum()) / 100


def test_the_model_ships_inside_the_installed_package_and_reads_a_window(segmentation_model):
    assert segmentation_model_path().name == "segmentation-3.0.onnx"
    activity = segmentation_model.activity(np.zeros((1, WINDOW_N), np.float32))
    assert activity.shape == (1, FRAMES_PER_WINDOW, 3)
    assert activity.sum() == 0  # silence: nobody speaks


def test_when_two_voices_talk_at_once_then_both_are_labelled_there(segmentation_model, voice_encoder, two_voice_overlap):
    meeting = two_voice_overlap
    diarization = diarize_overlapping(segmentation_model, voice_encoder, meeting.audio)
    assert {t.speaker for t in diarization.turns} == {0, 1}
    assert meeting.overlap_s() >= 3.0
    assert _overlap_s(diarization.turns) >= 0.5 * meeting.overlap_s()
    reference = [(s, e, name) for s, e, name in meeting.turns]
    assert diarization_error_rate(reference, diarization.turns) < 0.15
    exclusive = diarization.word_turns
    assert all(a.end_s <= b.start_s + 1e-9 for a, b in zip(exclusive, exclusive[1:]))
    assert diarization.voices.shape == (2, 256)


def test_with_overlap_detection_most_of_the_overlap_has_both_speakers(segmentation_model, voice_encoder, two_voice_overlap):
    # The model's most likely class alone (the default) labels 69 % of the overlapped speech with both voices
    # (DER 11.0 %); the powerset's pair classes past a hysteresis (audio_core.diarize.powerset) give 90 % (DER 9.3 %).
    meeting = two_voice_overlap
    options = OverlapDiarizationOptions()
    options = replace(options, windows=replace(options.windows, overlap=OverlapDetection()))
    turns = diarize_overlapping(segmentation_model, voice_encoder, meeting.audio, options).turns
    assert overlap_recall(meeting.turns, turns) >= 0.8
    assert diarization_error_rate(meeting.turns, turns) < 0.11


@pytest.mark.parametrize("clip, bound", [
    ("meetings/dev00", 0.25),  # measured 16.5 % (built-in alone 19.4 %)
    ("real/pyannote_sample", 0.12),  # measured 6.5 % on VNNI machines, 10.9 % on a non-VNNI AMD EPYC
])
def test_when_two_people_meet_or_call_then_both_are_found_with_overlap(segmentation_model, voice_encoder, testdata, clip, bound):
    from audio_core.decode import decode_audio

    path = testdata / f"{clip}.wav"
    turns = diarize_overlapping(segmentation_model, voice_encoder, decode_audio(path)).turns
    assert len({t.speaker for t in turns}) == 2
    assert diarization_error_rate(reference_from_rttm(path.with_suffix(".rttm")), turns) < bound


def test_when_the_speaker_count_is_given_then_it_bounds_the_speakers_found(segmentation_model, voice_encoder, testdata):
    from audio_core.decode import decode_audio

    audio = decode_audio(testdata / "meetings" / "trn06.wav")
    options = OverlapDiarizationOptions().with_speaker_count(None, min_speakers=2, max_speakers=2)
    assert len({t.speaker for t in diarize_overlapping(segmentation_model, voice_encoder, audio, options).turns}) == 2


def test_when_audio_arrives_in_blocks_then_the_result_is_the_same_as_whole(segmentation_model, voice_encoder, two_voice_overlap):
    audio = two_voice_overlap.audio
    cut = [0, 7 * 16000 + 123, 19 * 16000, audio.size]
    blocks = [(a / 16000, audio[a:b]) for a, b in zip(cut, cut[1:])]
    whole = diarize_overlapping(segmentation_model, voice_encoder, audio)
    streamed = diarize_blocks(segmentation_model, voice_encoder, blocks)
    # Exactly the same: a recording and an import of the same audio must not disagree (with numpy 2.4 and
    # onnxruntime 1.32 the blocks gave three speakers and the whole two, from evidence cut at the block edge).
    assert len({t.speaker for t in whole.turns}) == 2
    assert streamed.turns == whole.turns and streamed.exclusive_turns == whole.exclusive_turns
    assert np.array_equal(streamed.voices, whole.voices)


def test_when_audio_arrives_in_blocks_then_the_windows_and_their_embeddings_are_the_same(segmentation_model, voice_encoder, meeting_audio):
    # Windows were batched by what each block completed; the int8 encoder quantises each batch on its own
    # range, so the same window's embedding moved with the blocks (pyannote's way of naming speakers).
    audio = meeting_audio[: 35 * 16000]  # 11 whole windows (a batch of 8 and the rest), then the padded last
    cuts = [0, 11 * 16000 + 5, 13 * 16000, 31 * 16000 + 999, audio.size]
    whole = collect_windows(segmentation_model, voice_encoder, [(0.0, audio)])
    fed = collect_windows(segmentation_model, voice_encoder, [(a / 16000, audio[a:b]) for a, b in zip(cuts, cuts[1:])])
    assert len(whole) == 12 and np.array_equal(whole.first_frames, fed.first_frames)
    assert np.array_equal(whole.activity, fed.activity) and np.array_equal(whole.pieces, fed.pieces)
    assert whole.embedded.sum() > 10 and np.array_equal(whole.vectors, fed.vectors)


def test_when_one_person_reads_a_clip_shorter_than_a_window_then_there_is_one_speaker(segmentation_model, voice_encoder, testdata):
    from audio_core.decode import decode_audio

    audio = decode_audio(testdata / "real" / "librivox_sas-0870.wav")
    assert audio.size < WINDOW_N
    turns = diarize_overlapping(segmentation_model, voice_encoder, audio).turns
    assert {t.speaker for t in turns} == {0}
    assert all(0 <= t.start_s < t.end_s <= audio.size / 16000 + 1e-6 for t in turns)


def test_silence_and_empty_audio_have_no_speakers(segmentation_model, voice_encoder):
    assert diarize_overlapping(segmentation_model, voice_encoder, np.zeros(0, np.float32)).turns == []
    assert diarize_overlapping(segmentation_model, voice_encoder, np.zeros(12 * 16000, np.float32)).turns == []


def test_when_four_voices_take_turns_then_they_are_told_apart(segmentation_model, voice_encoder, testdata):
    # The eigengap alone found one speaker here (DER 74 %): four voices linked into one graph. Measured 5 found, 19 %:
    # the windows where two voices sound at once form a fifth; clustered without them (max_overlapped_share, off by
    # default: it did not carry over to the report voices), 4 (10 %).
    meeting = overlap_meeting.mix_meeting(overlap_meeting.utterances(testdata), overlap_meeting.TUNE_FOUR_ORDER, seed=3)
    turns = diarize_overlapping(segmentation_model, voice_encoder, meeting.audio).turns
    assert 4 <= len({t.speaker for t in turns}) <= 5
    assert diarization_error_rate(meeting.turns, turns) < 0.25
    clean = replace(OverlapDiarizationOptions(), max_overlapped_share=MAX_OVERLAPPED_SHARE)
    turns = diarize_overlapping(segmentation_model, voice_encoder, meeting.audio, clean).turns
    assert len({t.speaker for t in turns}) == 4
    assert diarization_error_rate(meeting.turns, turns) < 0.15


def test_when_a_voice_pauses_briefly_or_starts_before_the_model_hears_it_then_its_speech_still_has_a_speaker(
        segmentation_model, voice_encoder, testdata):
    """The segmentation model starts a voice about 0.2 s late and drops short pauses inside a turn; only where it
    heard someone was a speaker labelled, so 3.3 % of this meeting's speech had none (DER 4.9 %). The built-in
    diarizer's speaker now fills what it hears there, and pauses up to 0.3 s are bridged: none (DER 2.3 %). Both
    are options, off by default (they did not carry over to the report split's phone call and 2-6-voice meetings)."""
    meeting = overlap_meeting.mix_meeting(overlap_meeting.utterances(testdata), overlap_meeting.TUNE_ORDER, seed=1)
    options = replace(OverlapDiarizationOptions(), max_overlapped_share=MAX_OVERLAPPED_SHARE, anchor_fills=True,
                      max_gap_s=FILLED_GAP_S)
    turns = diarize_overlapping(segmentation_model, voice_encoder, meeting.audio, options).turns
    grid_s = 0.01
    size = int(meeting.audio.size / 16000 / grid_s) + 2
    spoken, labelled = np.zeros(size, bool), np.zeros(size, bool)
    for start, end, _ in meeting.turns:
        spoken[int(start / grid_s) : int(end / grid_s)] = True
    for turn in turns:
        labelled[int(turn.start_s / grid_s) : int(turn.end_s / grid_s)] = True
    assert (spoken & ~labelled).sum() / spoken.sum() < 0.01
    assert diarization_error_rate(meeting.turns, turns) < 0.04
