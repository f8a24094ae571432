"""Two devices' streams kept in step: the same start, and one device's clock drift corrected."""
from __future__ import annotations

import numpy as np
import pytest

from audio_core.dual_record import AlignOptions, StepAligner

RATE = 16_000


def marked_stream(seconds: float, clicks_s: list[float]) -> np.ndarray:
    """Returns silence with a one-sample click at each of ``clicks_s`` (the moments both devices heard)."""
    audio = np.zeros(int(seconds * RATE), np.float32)
    for at in clicks_s:
        audio[int(round(at * RATE))] = 1.0
    return audio


def run_devices(mic_start_s: float, system_start_s: float, system_ppm: float, seconds: float, clicks_s: list[float]):
    """Feeds the aligner two devices that heard the same clicks; the computer's clock runs ``system_ppm`` fast.

    Returns the aligned (n, 2) frames.
    """
    aligner = StepAligner(AlignOptions())
    mic = marked_stream(seconds + 1, [c - mic_start_s for c in clicks_s])
    # A fast clock delivers more samples per real second: the same moments land later in its stream.
    system_rate = RATE * (1 + system_ppm * 1e-6)
    system = np.zeros(int((seconds + 1) * system_rate), np.float32)
    for at in clicks_s:
        system[int(round((at - system_start_s) * system_rate))] = 1.0
    out, mic_sent, system_sent = [], 0, 0
    step_s = 0.1
    for i in range(1, int(seconds / step_s)):
        now = i * step_s + 0.5
        mic_due = int((now - mic_start_s) * RATE)
        system_due = int((now - system_start_s) * system_rate)
        mic_block, system_block = mic[mic_sent:mic_due], system[system_sent:system_due]
        mic_sent, system_sent = mic_due, system_due
        out.append(aligner.push(mic_block, system_block, (mic_due / RATE, now), (system_due / RATE, now)))
    out.append(aligner.flush())
    return np.concatenate(out), aligner


def click_offsets_ms(frames: np.ndarray) -> list[float]:
    mic_clicks = np.flatnonzero(frames[:, 0] > 0.5)
    system_clicks = np.flatnonzero(frames[:, 1] > 0.5)
    return [1000 * (s - m) / RATE for m, s in zip(mic_clicks, system_clicks)]


def test_when_the_devices_start_at_different_moments_then_the_channels_still_begin_together():
    frames, _ = run_devices(mic_start_s=0.0, system_start_s=0.23, system_ppm=0, seconds=10, clicks_s=[2.0, 5.0, 8.0])
    offsets = click_offsets_ms(frames)
    assert len(offsets) == 3 and all(abs(o) <= 2 for o in offsets), offsets


@pytest.mark.parametrize("ppm", [300, -300])
def test_when_the_computer_clock_drifts_then_the_channels_stay_within_twenty_ms(ppm):
    clicks = [float(t) for t in range(5, 300, 15)]
    frames, aligner = run_devices(mic_start_s=0.05, system_start_s=0.0, system_ppm=ppm, seconds=300, clicks_s=clicks)
    offsets = click_offsets_ms(frames)
    assert len(offsets) == len(clicks)
    # Uncorrected, 300 ppm is 90 ms apart after 5 minutes.
    assert max(abs(o) for o in offsets) <= 20, offsets
    assert aligner.corrected_samples > 0.5 * 300 * 16_000 * 300e-6


def test_when_one_device_stalls_then_the_other_is_not_held_back():
    aligner = StepAligner()
    frames = aligner.push(np.zeros(1600, np.float32), np.zeros(1600, np.float32), (0.1, 1.0), (0.1, 1.0))
    got = len(frames)
    for i in range(20):  # the computer delivers nothing for 2 s
        got += len(aligner.push(np.zeros(1600, np.float32), np.zeros(0, np.float32), (0.2 + i * 0.1, 1.1 + i * 0.1),
                                (0.1, 1.0)))
    assert got >= 1.4 * RATE


def test_when_the_microphone_blocks_come_late_in_a_burst_then_no_silence_is_inserted_between_its_words():
    # A busy CPU held the microphone's callback back for 0.8 s; its audio was buffered, not lost, and came at once.
    clicks_s = [1.0, 1.45, 2.0, 3.0]
    mic, system = marked_stream(5, clicks_s), marked_stream(5, clicks_s)
    aligner, out, block = StepAligner(), [], 1600
    late = range(10, 18)  # the reads at 1.0-1.7 s get nothing from the microphone
    held = []
    for i in range(40):
        now = (i + 1) * 0.1
        piece = mic[i * block : (i + 1) * block]
        if i in late:
            held.append(piece)
            piece = np.zeros(0, np.float32)
        elif held:
            piece, held = np.concatenate([*held, piece]), []
        mic_sent = (i + 1) * block - sum(len(h) for h in held)
        mic_clock = (mic_sent / RATE, now if i not in late else late[0] * 0.1)
        out.append(aligner.push(piece, system[i * block : (i + 1) * block], mic_clock, ((i + 1) * block / RATE, now)))
    out.append(aligner.flush())
    frames = np.concatenate(out)
    assert len(frames) == len(mic[: 40 * block]), "silence was inserted"
    offsets = click_offsets_ms(frames)
    assert len(offsets) == len(clicks_s) and all(abs(o) <= 2 for o in offsets), offsets
