"""An export killed while it writes its audio leaves no file under the export's name, and nothing else readable."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest

from audio_core.model import PiiSpan, Segment, Transcript, Word
from app.storage import init_notebook
from tests.support.notebooks import FAST_KDF, PASSPHRASE

PROJECT_ROOT = Path(__file__).resolve().parents[3]
MINUTES = 12  # long enough that encoding the bleeped file takes a while on a busy machine


def _files_open_in(pid: int, folder: Path) -> list[str]:
    """Returns what the process has open inside ``folder`` (an unnamed O_TMPFILE shows as ``folder/#inode (deleted)``)."""
    found = []
    for fd in Path(f"/proc/{pid}/fd").iterdir():
        try:
            target = os.readlink(fd)
        except OSError:
            continue
        if target.startswith(f"{folder}/"):
            found.append(target)
    return found


@pytest.mark.slow
def test_a_bleeped_export_killed_mid_write_leaves_no_partial_file(tmp_path):
    audio_s = MINUTES * 60
    rng = np.random.default_rng(7)
    audio = (0.1 * np.sin(np.arange(audio_s * 16000) * 0.07) + 0.01 * rng.standard_normal(audio_s * 16000)).astype(np.float32)
    words = [Word("Call", 0.3, 0.6), Word(" Marianne", 0.7, 1.3), Word(" today.", 1.4, 2.0)]
    transcript = Transcript(segments=[Segment(0.3, audio_s, "Call Marianne today.", words)],
                            pii_spans=[PiiSpan(0, 5, 13, "PERSON", "Marianne", 0.9)], duration_s=audio_s)
    db = tmp_path / "notebook.db"
    with init_notebook(db, PASSPHRASE, kdf=FAST_KDF) as notebook:
        note_id = notebook.save_transcript(transcript)
        notebook.store_audio(note_id, [audio])
    out = tmp_path / "out"
    out.mkdir()
    env = dict(os.environ, PYTHONPATH=str(PROJECT_ROOT), HUSHNOTE_PASSPHRASE=PASSPHRASE)
    child = subprocess.Popen(
        [sys.executable, "-m", "ui", "export", str(note_id), "--notebook", str(db), "--audio", "bleeped",
         "--format", "txt", "--out", str(out)],
        env=env, cwd=tmp_path, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )
    transcript_file = out / f"note-{note_id}.txt"
    writing: list[str] = []
    try:
        deadline = time.monotonic() + 600
        while child.poll() is None and time.monotonic() < deadline:
            writing = [t for t in _files_open_in(child.pid, out) if t != str(transcript_file)]
            if writing:
                child.send_signal(signal.SIGKILL)
                break
            time.sleep(0.002)
    finally:
        if child.poll() is None and not writing:
            child.kill()
        child.wait(timeout=60)
    assert writing, f"the export ended before its audio was caught being written: {child.stderr.read().decode()[-500:]}"
    assert child.returncode == -signal.SIGKILL
    bleeped = out / f"note-{note_id}.bleeped.flac"
    assert not bleeped.exists()
    assert sorted(p.name for p in out.iterdir()) in ([], [transcript_file.name])  # no hidden partial left readable
