"""Files users bring that are not usable audio, each with the words its one-line error must contain."""
from __future__ import annotations

import numpy as np

from audio_core import SAMPLE_RATE
from tests.support.media import write_audio, write_video


def _text_renamed(tmp_path):
    path = tmp_path / "notes.wav"
    path.write_text("Meeting notes: call Diane on Monday.\n" * 20)
    return path


def _empty(tmp_path):
    path = tmp_path / "empty.mp3"
    path.touch()
    return path


def _truncated(extension):
    def make(tmp_path):
        full = write_audio(tmp_path / f"full.{extension}", np.sin(np.arange(8 * SAMPLE_RATE) * 0.05).astype(np.float32) * 0.3)
        data = full.read_bytes()
        cut = tmp_path / f"cut.{extension}"
        cut.write_bytes(data[: len(data) // 2])
        return cut

    return make


BAD_INPUTS = {
    "missing file": (lambda tmp_path: tmp_path / "nope.wav", "no such file"),
    "directory": (lambda tmp_path: tmp_path, "is a directory"),
    "empty file": (_empty, "empty"),
    "text renamed .wav": (_text_renamed, "cannot be read as audio or video"),
    "truncated wav": (_truncated("wav"), "truncated"),
    "truncated mp3": (_truncated("mp3"), "truncated"),
    "truncated ogg": (_truncated("ogg"), "truncated"),
    "truncated flac": (_truncated("flac"), "damaged"),
    "video without audio": (lambda tmp_path: write_video(tmp_path / "silent.mp4", None, seconds=2), "no audio track"),
}
