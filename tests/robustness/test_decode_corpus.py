"""Every odd but valid recording decodes to the speech in it; every broken file gets one line; a crash is contained."""
from __future__ import annotations

import numpy as np
import pytest
import soundfile
from hypothesis import HealthCheck, given, settings, strategies as st

from audio_core import SAMPLE_RATE, decode
from audio_core.decode import DecodeReport, decode_audio, iter_audio_chunks, probe_audio
from audio_core.decode_child import FAULT_VARIABLE
from audio_core.errors import InputError
from tests.support.robustness_corpus import flip_bytes, spread
from tests.support.audio_match import best_alignment

AAC_PRIMING = 2048 / 44_100  # AAC's encoder delay, kept by decoders as leading silence


def _matches_speech(audio: np.ndarray, speech: np.ndarray, lossy: bool) -> str:
    """Returns "" when ``audio`` is ``speech`` (up to gain and encoder delay), else what differs."""
    if audio.dtype != np.float32 or audio.ndim != 1:
        return f"not mono float32 ({audio.dtype}, {audio.shape})"
    if abs(audio.size - speech.size) > (AAC_PRIMING + 0.01) * SAMPLE_RATE:
        return f"{audio.size} samples, the speech has {speech.size}"
    lag, correlation = best_alignment(audio, speech)
    if correlation < (0.9 if lossy else 0.99) or abs(lag) > AAC_PRIMING * SAMPLE_RATE:
        return f"correlation {correlation:.3f} at lag {lag}"
    return ""


def test_every_odd_but_valid_recording_decodes_to_its_speech(valid_corpus):
    mismatches = {}
    for case in valid_corpus:
        report = DecodeReport()
        audio = np.concatenate(list(iter_audio_chunks(case.path, report=report)))
        mismatch = _matches_speech(audio, case.speech, case.lossy)
        if mismatch or report.clipped or report.nonfinite:
            mismatches[case.name] = mismatch or f"reported damage: {report}"
    assert not mismatches
    assert len(valid_corpus) >= 35


def test_every_channel_counts_the_same_in_the_mix(tmp_path, speech):
    """A 12-channel file with speech on channel 12 only: the mix is the speech at 1/12, channel 12 the speech itself."""
    audio = np.zeros((speech.size * 3, 12), np.float32)
    audio[:, 11] = spread(speech, 1, 48_000)[:, 0]
    path = tmp_path / "speech_on_channel_12.wav"
    soundfile.write(str(path), audio, 48_000, subtype="FLOAT")

    mixed, alone = decode_audio(path), decode_audio(path, channel=12)

    assert best_alignment(alone, speech)[1] > 0.99 and best_alignment(mixed, speech)[1] > 0.99
    assert np.sqrt(np.mean(mixed**2)) * 12 == pytest.approx(np.sqrt(np.mean(alone**2)), rel=0.01)
    assert np.sqrt(np.mean(decode_audio(path, channel=1) ** 2)) == 0.0


def test_a_channel_the_file_lacks_is_one_line(valid_corpus):
    path = next(c.path for c in valid_corpus if c.name == "channels_8.wav")

    with pytest.raises(InputError, match="has 8 channels; there is no channel 9"):
        decode_audio(path, channel=9)


def test_nan_and_infinite_samples_become_silence_and_are_reported(invalid_sample_corpus, caplog):
    case = next(c for c in invalid_sample_corpus if c.name == "nan_inf_8ch.wav")

    report = decode.inspect_audio(case.path)
    audio = decode_audio(case.path)

    assert np.isfinite(audio).all() and _matches_speech(audio, case.speech, lossy=True) == ""
    assert report.nonfinite > 0 and f"{report.nonfinite} invalid samples" in caplog.text


def test_clipping_is_reported(invalid_sample_corpus, caplog):
    case = next(c for c in invalid_sample_corpus if c.name == "clipped.wav")

    report = decode.inspect_audio(case.path)

    assert report.clipped_fraction > 0.1
    assert f"{case.name}: {report.clipped_fraction:.1%} of the samples are clipped" in caplog.text


def test_every_broken_file_gets_one_line_naming_it(broken_corpus):
    messages = {}
    for case in broken_corpus:
        with pytest.raises(InputError) as caught:
            decode_audio(case.path)
        messages[case.name] = str(caught.value)
    assert all(str(case.path) in messages[case.name] and "\n" not in messages[case.name] for case in broken_corpus), messages
    assert len(broken_corpus) >= 9


def test_a_fifo_named_like_audio_is_refused_not_waited_on(tmp_path):
    fifo = tmp_path / "pipe.wav"
    import os

    os.mkfifo(fifo)
    with pytest.raises(InputError, match="not a regular file"):
        decode_audio(fifo)


@pytest.mark.parametrize("fault, name", [("segv", "SIGSEGV"), ("abort", "SIGABRT")])
def test_a_native_crash_in_the_decoder_is_one_line_and_this_process_lives_on(valid_corpus, monkeypatch, fault, name):
    path = next(c.path for c in valid_corpus if c.name == "rate_96000.wav")
    monkeypatch.setenv(FAULT_VARIABLE, fault)

    with pytest.raises(InputError, match=f"^could not decode {path}: the decoder crashed \\({name}\\)$"):
        decode_audio(path)

    monkeypatch.delenv(FAULT_VARIABLE)
    assert decode_audio(path).size > 0


def test_a_hanging_decoder_is_stopped(valid_corpus, monkeypatch):
    path = next(c.path for c in valid_corpus if c.name == "rate_96000.wav")
    monkeypatch.setenv(FAULT_VARIABLE, "hang")
    monkeypatch.setattr(decode, "SILENCE_LIMIT_S", 3.0)

    with pytest.raises(InputError, match="the decoder stopped responding"):
        decode_audio(path)


def test_the_probe_reads_the_header_of_a_64_channel_file(valid_corpus):
    path = next(c.path for c in valid_corpus if c.name == "channels_64.wav")

    info = probe_audio(path)

    assert (info.channels, info.sample_rate) == (64, 48_000)


_DAMAGE_SOURCES = ["container_8ch.flac", "container_8ch_vorbis.ogg", "container.mp3", "container.m4a", "video.webm", "channels_12.wav"]


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    source=st.sampled_from(_DAMAGE_SOURCES),
    cut=st.one_of(st.none(), st.floats(0.0, 0.99)),
    flips=st.lists(st.integers(0, 2**20), max_size=8),
    header_flips=st.lists(st.integers(0, 63), max_size=3),
)
def test_damaged_files_decode_or_get_one_line_never_worse(valid_corpus, tmp_path, source, cut, flips, header_flips):
    data = next(c.path for c in valid_corpus if c.name == source).read_bytes()
    if cut is not None:
        data = data[: int(len(data) * cut)]
    path = tmp_path / f"damaged_{source}"
    path.write_bytes(flip_bytes(data, flips + header_flips) if data else data)

    try:
        audio = decode_audio(path)
    except InputError as exc:
        message = str(exc)
        assert "\n" not in message and str(path) in message and "crashed" not in message
    else:
        assert np.isfinite(audio).all()


def test_the_bundled_app_is_its_own_decoder_child(valid_corpus, tmp_path, monkeypatch):
    """In the PyInstaller bundle there is no ``python -m``: the entry point itself takes the child's flag."""
    import sys

    from tests.support.testdata import PROJECT_ROOT

    bundle = tmp_path / "hushnote"
    bundle.write_text(f'#!/bin/sh\nexec {sys.executable} {PROJECT_ROOT / "packaging" / "entry.py"} "$@"\n')
    bundle.chmod(0o755)
    case = next(c for c in valid_corpus if c.name == "channels_8.wav")
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(bundle))

    assert _matches_speech(decode_audio(case.path), case.speech, lossy=False) == ""
