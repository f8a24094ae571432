"""``hushnote separate`` end to end, in a child process with the network forbidden."""
from __future__ import annotations

from pathlib import Path

import numpy as np

from audio_core.decode import decode_audio


def test_when_asked_for_the_background_then_one_file_is_written_offline(run_cli, speech_music_file, tmp_path):
    out_dir = tmp_path / "stems"
    result = run_cli("separate", str(speech_music_file), "--keep", "background", "--format", "wav", "--out", str(out_dir))
    assert result.returncode == 0, result.stderr
    written = Path(result.stdout.strip())
    assert written == out_dir / "interview.background.wav"
    assert [p.name for p in out_dir.iterdir()] == ["interview.background.wav"]
    assert decode_audio(written).size == decode_audio(speech_music_file).size
    assert result.netlog == []


def test_when_the_file_is_missing_then_one_line_error_and_exit_2(run_cli, tmp_path):
    result = run_cli("separate", str(tmp_path / "missing.wav"), "--out", str(tmp_path))
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [f"hushnote: error: {tmp_path / 'missing.wav'}: no such file"]


def test_when_the_stem_choice_is_unknown_then_usage_error(run_cli, speech_music_file):
    result = run_cli("separate", str(speech_music_file), "--keep", "voices")
    assert result.returncode == 2
    assert "invalid choice" in result.stderr


def test_when_asked_to_alienate_the_voice_then_a_remix_of_the_same_length_is_written(run_cli, testdata, tmp_path):
    clip = testdata / "real" / "librivox_sas-0880.wav"
    result = run_cli("separate", str(clip), "--keep", "voice", "--alienate-voice", "--out", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    voice_path, remix_path = (Path(line) for line in result.stdout.split())
    assert remix_path.name == "librivox_sas-0880.alienated.flac"
    original, remix = decode_audio(clip), decode_audio(remix_path)
    assert remix.size == original.size
    assert np.sqrt(np.mean((remix - original) ** 2)) > 0.2 * np.sqrt(np.mean(original**2))
    assert result.netlog == []
    # a bare file has no transcript to speak again: the default falls back, and says so on one line
    assert "voices alienated with normalise_random 0.8: there is no transcript text" in result.stderr
