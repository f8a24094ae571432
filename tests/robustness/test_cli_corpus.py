"""``hushnote transcribe`` (a child process) over the corpus: words, or one line and exit 2; never a signal or a traceback."""
from __future__ import annotations

import numpy as np
import soundfile

from audio_core.decode_child import FAULT_VARIABLE
from tests.support.robustness_corpus import OTHER_CLIP, SPEECH_CLIP, load_speech, spread

CLI_TIMEOUT_S = 600  # a hang fails the test instead of the suite


def _transcribe(run_cli, *args, env=None):
    result = run_cli("transcribe", *args, "--no-diarize", "--format", "txt", env=env, timeout=CLI_TIMEOUT_S)
    assert result.returncode in (0, 2), result.stderr  # a negative code is a signal
    assert "Traceback" not in result.stderr
    return result


def _error_lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith("hushnote")]


def test_an_8_channel_48k_wav_of_speech_is_transcribed(run_cli, testdata, tmp_path):
    path = tmp_path / "array.wav"
    soundfile.write(str(path), spread(load_speech(testdata, seconds=None), 8, 48_000), 48_000, subtype="PCM_16")

    result = _transcribe(run_cli, str(path))

    assert result.returncode == 0, result.stderr
    text = (tmp_path / "array.txt").read_text().lower()
    assert all(word in text for word in ("leisure", "consider", "prudently", "power")), text


def test_channel_picks_one_person_of_a_microphone_per_person_recording(run_cli, testdata, tmp_path):
    first, second = load_speech(testdata, SPEECH_CLIP, None), load_speech(testdata, OTHER_CLIP, None)
    audio = np.zeros((max(first.size, second.size) * 3, 4), np.float32)
    audio[: first.size * 3, 0] = spread(first, 1, 48_000)[:, 0]
    audio[: second.size * 3, 2] = spread(second, 1, 48_000)[:, 0]
    path = tmp_path / "panel.wav"
    soundfile.write(str(path), audio, 48_000, subtype="PCM_24")
    expected = set((testdata / OTHER_CLIP).with_suffix(".txt").read_text().lower().split())

    result = _transcribe(run_cli, str(path), "--channel", "3")

    assert result.returncode == 0, result.stderr
    words = set((tmp_path / "panel.txt").read_text().lower().replace(".", " ").replace(",", " ").split())
    assert len(words & expected) >= len(expected) // 2 and not {"leisure", "prudently"} & words
    assert _error_lines(_transcribe(run_cli, str(path), "--channel", "5").stderr) == [
        f"hushnote: error: {path}: has 4 channels; there is no channel 5"
    ]


def test_every_broken_file_is_one_line_and_the_others_are_still_transcribed(run_cli, broken_corpus, valid_corpus, tmp_path):
    good = next(c.path for c in valid_corpus if c.name == "channels_64.wav")
    names = [str(c.path) for c in broken_corpus]

    result = _transcribe(run_cli, *names, str(good))

    assert result.returncode == 2
    lines = _error_lines(result.stderr)
    assert len(lines) == len(names), result.stderr
    assert all(line.startswith(f"hushnote: error: {name}") for line, name in zip(lines, names)), lines
    assert (tmp_path / "channels_64.txt").exists()


def test_a_decoder_crash_is_one_line_and_exit_2(run_cli, valid_corpus):
    path = next(c.path for c in valid_corpus if c.name == "container_8ch.flac")

    result = _transcribe(run_cli, str(path), env={FAULT_VARIABLE: "segv"})

    assert result.returncode == 2
    assert _error_lines(result.stderr) == [f"hushnote: error: could not decode {path}: the decoder crashed (SIGSEGV)"]


def test_every_command_that_takes_audio_takes_a_channel(valid_corpus, tmp_path, capfd, monkeypatch):
    from app.cli.main import main
    from app.storage import KdfOptions, default_notebook_path, init_notebook

    monkeypatch.setenv("HUSHNOTE_PASSPHRASE", "quiet lantern 42 orbit")
    init_notebook(default_notebook_path(), "quiet lantern 42 orbit", kdf=KdfOptions(time_cost=1, memory_kib=8192, parallelism=1)).close()
    path = str(next(c.path for c in valid_corpus if c.name == "channels_8.wav"))
    for argv in (
        ["redact", path],
        ["export", path, "--out", str(tmp_path)],
        ["speakers", "enrol", "Ann", path],
        ["transcribe", path, "--out", str(tmp_path)],
        ["separate", path, "--out", str(tmp_path)],
    ):
        assert main([*argv, "--channel", "9"]) == 2
        assert capfd.readouterr().err.strip() == f"hushnote: error: {path}: has 8 channels; there is no channel 9", argv
