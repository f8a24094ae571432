"""The per-note alienation report: strongest of several attackers, bleeps cannot flatter it, uncertainty stated."""
from __future__ import annotations

import json

import numpy as np
import pytest

from app.privacy.audio_redaction import AudioRedactionOptions, bleep_intervals
from app.privacy.report import PrivacyReport, measure_alienation, note_segments
from audio_core.alienate.apply import LabelledTurn, alienate_recording
from audio_core.alienate.options import FALLBACK_METHOD, AlienationOptions
from audio_core.decode import decode_audio
from audio_core.model import Segment, Transcript

NOTE_S = 25.0
LAZY_SECRETS = [b"lazy-attacker-01", b"lazy-attacker-02"]


@pytest.fixture(scope="module")
def note(synthetic_meeting):
    """The first 25 s of the synthetic 3-voice meeting, its transcript and its alienated audio (before bleeps)."""
    reference = json.loads(synthetic_meeting.with_suffix(".json").read_text())
    audio = decode_audio(synthetic_meeting)[: int(NOTE_S * 16000)]
    turns = [t for t in reference["turns"] if t["start"] < NOTE_S]
    transcript = Transcript(segments=[Segment(t["start"], min(t["end"], NOTE_S), t["text"], [], t["speaker"]) for t in turns],
                            duration_s=NOTE_S)
    labelled = [LabelledTurn(s.start_s, s.end_s, s.speaker_id) for s in transcript.segments]
    alienated = alienate_recording(audio, labelled, AlienationOptions(FALLBACK_METHOD), b"the-note-secret!")
    return audio, transcript, alienated


@pytest.fixture(scope="module")
def measured(note, engines):
    audio, transcript, alienated = note
    return measure_alienation(engines, audio, alienated, transcript, AlienationOptions(FALLBACK_METHOD), measure_wer=False,
                              lazy_secrets=LAZY_SECRETS)


def test_report_runs_every_attacker_with_both_encoders_and_the_strongest_decides(measured):
    kinds = {(m.attacker, m.encoder) for m in measured.attackers}
    assert {("ignorant", "resemblyzer"), ("ignorant", "dvector"), ("lazy-informed", "resemblyzer"),
            ("lazy-informed", "dvector")} <= kinds
    assert measured.attacker_eer == min(m.eer for m in measured.attackers)
    assert measured.attacker_eer_worst <= measured.attacker_eer
    assert measured.attacker.split(" (")[0] in {m.attacker for m in measured.attackers}
    lazy = [m for m in measured.attackers if m.attacker == "lazy-informed"]
    assert all(m.draws == len(LAZY_SECRETS) and m.eer_worst <= m.eer and m.trials > 0 for m in lazy)


def test_report_text_names_the_attacker_and_its_uncertainty(measured):
    report = PrivacyReport("meeting", True, "default", {}, {}, "alienated", alienation=measured)
    text = report.render_text()
    assert "Re-identification attackers: the strongest" in text and measured.attacker in text
    assert "trials" in text and "secret draws" in text and "without bleeps" in text
    assert json.loads(report.to_json())["alienation"]["attackers"]


def test_bleeped_stretches_are_left_out_so_bleeps_cannot_flatter_the_voice_measure(note, engines):
    audio, transcript, alienated = note
    redacted = [(2.0, 5.0), (14.0, 18.0)]
    bleeped = bleep_intervals(alienated, redacted, AudioRedactionOptions(pad_s=0.0))
    options = AlienationOptions(FALLBACK_METHOD)
    clean = measure_alienation(engines, audio, alienated, transcript, options, measure_wer=False, excluded=redacted,
                               lazy_secrets=LAZY_SECRETS[:1], encoders=("resemblyzer",))
    with_bleeps = measure_alienation(engines, audio, bleeped, transcript, options, measure_wer=False, excluded=redacted,
                                     lazy_secrets=LAZY_SECRETS[:1], encoders=("resemblyzer",))
    assert clean.excluded_s == pytest.approx(7.0)
    assert clean.measured_s <= NOTE_S - 7.0
    assert [m.eer for m in with_bleeps.attackers] == pytest.approx([m.eer for m in clean.attackers], abs=1e-6)
    assert not [s for s in note_segments(transcript, redacted) if any(s.start_s < hi and s.end_s > lo for lo, hi in redacted)]


def test_a_note_with_one_speaker_gets_no_attacker_figure(note, engines):
    audio, transcript, alienated = note
    only_one = Transcript(segments=[s for s in transcript.segments if s.speaker_id == transcript.segments[0].speaker_id],
                          duration_s=NOTE_S)
    result = measure_alienation(engines, audio, alienated, only_one, AlienationOptions(FALLBACK_METHOD), measure_wer=False)
    assert result.attacker_eer is None and not result.attackers
    assert "not measured" in PrivacyReport("x", True, "default", {}, {}, "alienated", alienation=result).render_text()


@pytest.mark.parametrize("method, parameter", [("world", "formant_warp"),
                                               ("cepstral", "pitch_offset_from_target_voice_semitones")])
def test_an_export_with_another_method_is_measured_with_that_method(note, engines, method, parameter):
    audio, transcript, _ = note
    audio = audio[: 14 * 16000]  # the first three turns, two speakers: enough for an attack, half the cost
    transcript = Transcript(segments=[s for s in transcript.segments if s.end_s <= 14.0], duration_s=14.0)
    options = AlienationOptions(method, 0.8)
    labelled = [LabelledTurn(s.start_s, s.end_s, s.speaker_id) for s in transcript.segments]
    alienated = alienate_recording(audio, labelled, options, b"the-note-secret!")
    measured = measure_alienation(engines, audio, alienated, transcript, options, measure_wer=False,
                                  lazy_secrets=LAZY_SECRETS[:1], encoders=("resemblyzer",))
    assert measured.method == method and parameter in measured.parameter_ranges
    lazy = [m for m in measured.attackers if m.attacker == "lazy-informed"]
    assert lazy and 0.0 <= lazy[0].eer <= 1.0 and lazy[0].trials > 0
    assert all(s.cosine_original_vs_alienated is None or s.cosine_original_vs_alienated < 0.95 for s in measured.speakers)


def test_a_resynthesised_note_is_also_measured_by_the_semi_informed_attacker(note, engines):
    from audio_core.model import Word

    audio, transcript, _ = note
    audio = audio[: 14 * 16000]  # the first three turns, two speakers
    segments = []
    for s in (s for s in transcript.segments if s.end_s <= 14.0):  # words spread over each turn: what resynthesis speaks
        tokens = s.text.split()
        step = (s.end_s - s.start_s) / len(tokens)
        words = [Word(t, s.start_s + i * step, s.start_s + (i + 1) * step) for i, t in enumerate(tokens)]
        segments.append(Segment(s.start_s, s.end_s, s.text, words, s.speaker_id))
    transcript = Transcript(segments=segments, duration_s=14.0)
    options = AlienationOptions("resynth")
    labelled = [LabelledTurn(s.start_s, s.end_s, s.speaker_id, s.text, tuple(s.words)) for s in segments]
    alienated = alienate_recording(audio, labelled, options, b"the-note-secret!")
    measured = measure_alienation(engines, audio, alienated, transcript, options, measure_wer=False,
                                  lazy_secrets=LAZY_SECRETS[:1], encoders=("resemblyzer",))
    # the strongest attacker the benchmark knows (its projection trained on the tune speakers' resynthesised speech)
    semi = [m for m in measured.attackers if m.attacker == "semi-informed"]
    assert semi and semi[0].trials > 0 and 0.0 <= semi[0].eer <= 1.0
    assert "semi-informed" in PrivacyReport("x", True, "default", {}, {}, "alienated", alienation=measured).render_text()
