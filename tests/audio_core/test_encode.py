"""The one audio encoder: what it writes decodes back, and a failed write leaves nothing and replaces nothing."""
from __future__ import annotations

import numpy as np
import pytest

from audio_core import SAMPLE_RATE
from audio_core.decode import decode_audio
from audio_core.encode import AudioFileWriter, encode_flac_bytes, write_audio_file
from audio_core.errors import HushnoteError


def _tone(seconds: float) -> np.ndarray:
    return (0.5 * np.sin(np.arange(int(seconds * SAMPLE_RATE)) * 0.05)).astype(np.float32)


@pytest.mark.parametrize("extension", ["flac", "wav"])
def test_a_written_file_decodes_to_the_same_samples_and_is_alone_in_its_folder(tmp_path, extension):
    audio = _tone(25.0)

    path = write_audio_file(tmp_path / f"meeting.{extension}", audio, SAMPLE_RATE)

    assert np.abs(decode_audio(path) - audio).max() <= 1.5 / 32768
    assert [p.name for p in tmp_path.iterdir()] == [f"meeting.{extension}"]
    assert path.stat().st_mode & 0o077 == 0  # an export is its owner's only


def test_a_write_that_fails_midway_keeps_the_earlier_export_and_leaves_nothing_else(tmp_path):
    earlier = write_audio_file(tmp_path / "meeting.flac", _tone(2.0), SAMPLE_RATE)
    before = earlier.read_bytes()

    with pytest.raises(RuntimeError), AudioFileWriter(earlier, SAMPLE_RATE, "flac") as writer:
        writer.write(_tone(5.0))
        raise RuntimeError("the export stopped here")

    assert earlier.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["meeting.flac"]


def test_an_unwritable_destination_or_unknown_format_is_one_clear_error(tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    with pytest.raises(HushnoteError, match="cannot write here"):
        write_audio_file(blocker / "meeting.flac", _tone(1.0), SAMPLE_RATE)
    with pytest.raises(HushnoteError, match="choose flac or wav"):
        write_audio_file(tmp_path / "meeting.mp3", _tone(1.0), SAMPLE_RATE)


def test_flac_bytes_for_the_notebook_are_a_complete_stream():
    data = encode_flac_bytes(_tone(1.0), SAMPLE_RATE)
    assert data[:4] == b"fLaC" and len(data) < _tone(1.0).size * 2
