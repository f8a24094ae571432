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

from app.storage import NotebookError, init_notebook, open_notebook
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


_INIT_UNDER_A_SIZE_LIMIT = """
import resource, signal, sys
from app.cli.main import main
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # the kernel then fails the write (EFBIG), as a full disk fails it
resource.setrlimit(resource.RLIMIT_FSIZE, (2048, resource.RLIM_INFINITY))
sys.exit(main(["notebook", "init", "--notebook", sys.argv[1]]))
"""


def test_a_notebook_the_disk_cannot_hold_is_one_line_and_leaves_nothing(tmp_path):
    """`notebook init` (and `demo`) on a full disk or a read-only folder printed a sqlcipher/OSError traceback."""
    folder = tmp_path / "notes"
    folder.mkdir()
    env = dict(os.environ, HUSHNOTE_PASSPHRASE=PASSPHRASE, PYTHONPATH=str(PROJECT_ROOT))
    done = subprocess.run([sys.executable, "-c", _INIT_UNDER_A_SIZE_LIMIT, str(folder / "notebook.db")],
                          capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 2, done.stderr
    assert done.stderr.startswith("hushnote: error: cannot create the notebook") and done.stderr.count("\n") == 1
    assert list(folder.iterdir()) == []

    not_a_folder = tmp_path / "minutes.txt"
    not_a_folder.write_text("a file where a folder was expected")
    with pytest.raises(NotebookError, match="cannot create the notebook"):
        init_notebook(not_a_folder / "notebook.db", PASSPHRASE, kdf=FAST_KDF)


_BACKUP_UNDER_A_SIZE_LIMIT = """
import resource, signal, sys
from app.cli.main import main
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
resource.setrlimit(resource.RLIMIT_FSIZE, (32 * 1024, resource.RLIM_INFINITY))
sys.exit(main(["notebook", "backup", sys.argv[2], "--notebook", sys.argv[1]]))
"""


def test_a_backup_the_disk_cannot_hold_is_one_line_and_leaves_nothing(tmp_path):
    """`notebook backup` to a full disk or a read-only folder printed a sqlcipher/OSError traceback."""
    from app.storage.importing import begin_note

    db = tmp_path / "notebook.db"
    with init_notebook(db, PASSPHRASE, kdf=FAST_KDF) as notebook:
        for i in range(40):
            begin_note(notebook, f"weekly call {i} " + "x" * 2000, "call.wav")
    out_dir = tmp_path / "backups"
    out_dir.mkdir()
    env = dict(os.environ, HUSHNOTE_PASSPHRASE=PASSPHRASE, PYTHONPATH=str(PROJECT_ROOT))
    done = subprocess.run([sys.executable, "-c", _BACKUP_UNDER_A_SIZE_LIMIT, str(db), str(out_dir / "notes.hnbak")],
                          capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 2, done.stderr
    assert done.stderr.startswith("hushnote: error: cannot write the backup") and done.stderr.count("\n") == 1
    assert list(out_dir.iterdir()) == []


_IMPORT_UNDER_A_SIZE_LIMIT = """
import resource, signal, sys
from app.cli.main import main
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
resource.setrlimit(resource.RLIMIT_FSIZE, (32 * 1024, resource.RLIM_INFINITY))
sys.exit(main(["transcribe", "--save", "--no-diarize", sys.argv[2], "--notebook", sys.argv[1]]))
"""


@pytest.mark.slow  # a whole `transcribe --save` in a child process: 16 s on a loaded machine
def test_an_import_the_notebooks_disk_cannot_hold_is_one_line_and_keeps_every_earlier_note(tmp_path, testdata):
    """`transcribe --save` onto a full disk printed sqlcipher's "database or disk is full" traceback (a walk found it)."""
    from tests.support.notebooks import make_transcript

    db = tmp_path / "notebook.db"
    with init_notebook(db, PASSPHRASE, kdf=FAST_KDF) as notebook:
        notebook.save_transcript(make_transcript("Earlier note"))
    env = dict(os.environ, HUSHNOTE_PASSPHRASE=PASSPHRASE, PYTHONPATH=str(PROJECT_ROOT))
    clip = testdata / "real" / "librivox_sas-0880.wav"
    done = subprocess.run([sys.executable, "-c", _IMPORT_UNDER_A_SIZE_LIMIT, str(db), str(clip)],
                          capture_output=True, text=True, env=env, timeout=300)
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr
    assert done.stderr.splitlines()[-1].startswith("hushnote: error: cannot write to the notebook in "), done.stderr
    with open_notebook(db, PASSPHRASE) as notebook:
        assert notebook.check_integrity() == "ok"
        assert "Earlier note" in [s.title for s in notebook.list_notes()]
