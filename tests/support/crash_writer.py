"""A writer for the crash test: stores numbered notes forever, printing each number once committed.

Run as ``python -m tests.support.crash_writer NOTEBOOK START``; the test kills it with SIGKILL.
"""
from __future__ import annotations

import sys

import numpy as np

from audio_core.model import Segment, Speaker, Transcript, Word
from app.storage import open_notebook
from tests.support.notebooks import PASSPHRASE

WORDS_PER_NOTE = 400


def expected_transcript(number: int) -> Transcript:
    """Returns the transcript the writer stores as note ``number`` (deterministic)."""
    words = [Word(f"w{number}x{i}", i * 0.5, i * 0.5 + 0.4, 0.5, "S1") for i in range(WORDS_PER_NOTE)]
    segments = [Segment(words[i].start_s, words[i + 19].end_s, " ".join(w.text for w in words[i:i + 20]), words[i:i + 20], "S1")
                for i in range(0, WORDS_PER_NOTE, 20)]
    return Transcript(segments=segments, speakers=[Speaker("S1", f"Speaker {number}")], title=f"crash note {number}",
                      duration_s=1.0, model="test", created_at="2026-01-01T00:00:00+00:00")


def expected_audio(number: int) -> np.ndarray:
    """Returns the 1 s of audio stored with note ``number``."""
    return (np.random.default_rng(number).standard_normal(16000) * 0.1).astype(np.float32)


def main() -> None:
    path, number = sys.argv[1], int(sys.argv[2])
    from audio_core.encode import encode_flac_bytes

    encode_flac_bytes(expected_audio(0), 16000)  # load the codec before the kills start
    with open_notebook(path, PASSPHRASE) as notebook:
        print("ready", flush=True)
        while True:
            note_id = notebook.save_transcript(expected_transcript(number), state="recording")
            notebook.append_audio(note_id, expected_audio(number))
            notebook.finish_recording(note_id)
            print(number, flush=True)
            number += 1


if __name__ == "__main__":
    main()
