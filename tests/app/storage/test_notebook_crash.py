"""Killing a writer with SIGKILL at random moments never damages the notebook or a committed note."""
from __future__ import annotations

import pytest

import os
import random
import signal
import subprocess
import sys
import time

import numpy as np

from app.storage import init_notebook, open_notebook
from tests.support.notebooks import FAST_KDF, PASSPHRASE
from tests.support.crash_writer import expected_audio, expected_transcript
from tests.support.testdata import PROJECT_ROOT

KILLS = 20


@pytest.mark.slow
def test_sigkill_at_random_moments_leaves_an_intact_notebook(tmp_path):
    path = tmp_path / "crash.db"
    init_notebook(path, PASSPHRASE, kdf=FAST_KDF).close()
    rng = random.Random(1234)
    committed: set[int] = set()
    next_number = 0
    env = {**os.environ, "PYTHONPATH": str(PROJECT_ROOT)}
    for _ in range(KILLS):
        writer = subprocess.Popen([sys.executable, "-m", "tests.support.crash_writer", str(path), str(next_number)],
                                  stdout=subprocess.PIPE, text=True, env=env, cwd=PROJECT_ROOT)
        assert writer.stdout.readline().strip() == "ready"
        for _ in range(rng.randint(0, 2)):  # let a few notes commit, then kill somewhere inside the next ones
            committed.add(int(writer.stdout.readline()))
        time.sleep(rng.uniform(0.0, 0.08))
        writer.send_signal(signal.SIGKILL)
        output, _ = writer.communicate()
        assert writer.returncode == -signal.SIGKILL
        committed.update(int(line) for line in output.split())
        next_number += 1000  # fresh numbers per run: a half-written note can never be mistaken for a committed one

    with open_notebook(path, PASSPHRASE) as notebook:
        assert notebook.check_integrity() == "ok"
        by_title = {s.title: s for s in notebook.list_notes()}
        for number in committed:
            summary = by_title[f"crash note {number}"]
            assert summary.state == "complete"
            assert notebook.load_transcript(summary.id) == expected_transcript(number)
            assert np.abs(notebook.read_audio(summary.id) - expected_audio(number)).max() < 1e-4
        # notes caught mid-write are either absent, or an interrupted recording listed for recovery
        for summary in by_title.values():
            number = int(summary.title.split()[-1])
            if number not in committed and summary.state == "complete":
                assert notebook.load_transcript(summary.id) == expected_transcript(number)
    assert len(committed) >= KILLS // 2
