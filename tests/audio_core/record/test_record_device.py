"""The recorder on a real PortAudio device: the virtual PulseAudio microphone (no mock of sounddevice)."""
from __future__ import annotations

import time

import numpy as np
import pytest

from audio_core.decode import decode_audio
from audio_core.record import DeviceError, Recorder, RecorderOptions, choose_input_device, list_input_devices, measure_level
from tests.support.audio_match import best_alignment

pytestmark = pytest.mark.audio_device

CLIP = "real/librivox_sas-0880.wav"  # 3.6 s, one reader


def record_while_playing(pulse, path, options=RecorderOptions(device="pulse"), tail_s=0.6, during=None):
    """Returns (recorded 16 kHz audio, recorder, levels seen) for ``path`` played into the virtual mic."""
    levels = []
    recorder = Recorder(options)
    chunks = []
    recorder.start()
    try:
        chunks.append(recorder.read(0.4))  # the sound server connects the capture stream a moment after start
        player = pulse.play(path)
        started = time.monotonic()
        while player.poll() is None or time.monotonic() - started < 0.1:
            chunks.append(recorder.read(0.2))
            levels.append(recorder.level)
            if during:
                during(recorder, time.monotonic() - started)
        deadline = time.monotonic() + tail_s
        while time.monotonic() < deadline:
            chunks.append(recorder.read(0.1))
        assert player.returncode == 0, player.stderr.read()
    finally:
        chunks.append(recorder.stop())
    return np.concatenate(chunks), recorder, levels


def test_when_listing_devices_then_the_virtual_microphone_is_an_input(pulse):
    names = [d.name for d in list_input_devices()]
    assert "pulse" in names
    assert choose_input_device("PULSE").name == "pulse"
    assert any(d.is_default for d in list_input_devices())


def test_when_recording_known_speech_then_the_audio_matches_what_was_played(pulse, testdata):
    played = decode_audio(testdata / CLIP)
    recorded, recorder, levels = record_while_playing(pulse, testdata / CLIP)

    assert recorder.device_rate != 16_000, "the device rate should differ so that resampling is exercised"
    assert recorder.overflows == 0
    lag, correlation = best_alignment(recorded, played)
    assert correlation > 0.9, f"recorded audio does not match the clip (r={correlation:.3f})"
    assert -1600 <= lag < 16_000, f"speech appears {lag / 16_000:.2f} s into the recording"
    assert recorded.size >= lag + played.size - 1600, "the end of the speech is missing"
    loudest = max(level.rms_dbfs for level in levels)
    assert -40 < loudest < 0, f"level meter shows {loudest} dBFS during speech"


def test_when_paused_then_audio_captured_meanwhile_is_left_out(pulse, testdata):
    def pause_between(recorder, elapsed_s):
        if 0.8 < elapsed_s < 2.0 and not recorder.paused:
            recorder.pause()
        elif elapsed_s >= 2.0 and recorder.paused:
            recorder.resume()

    recorded, _, _ = record_while_playing(pulse, testdata / CLIP, during=pause_between, tail_s=0.3)
    played = decode_audio(testdata / CLIP)
    assert recorded.size < played.size + 0.3 * 16_000, "paused audio was kept"
    assert recorded.size > 1.0 * 16_000


def test_when_asking_for_an_unknown_device_then_the_error_names_the_inputs(pulse):
    with pytest.raises(DeviceError, match="no input device matches 'no-such-mic'.*pulse"):
        Recorder(RecorderOptions(device="no-such-mic"))


def test_when_the_signal_is_silent_or_full_scale_then_levels_are_at_the_ends():
    assert measure_level(np.zeros(1600, np.float32)).rms_dbfs == -120.0
    full = measure_level(np.ones(1600, np.float32))
    assert full.rms_dbfs == 0.0 and full.peak_dbfs == 0.0
    half = measure_level(np.full(1600, 0.5, np.float32))
    assert half.peak_dbfs == pytest.approx(-6.0, abs=0.1)
