"""A note another live process is writing is never taken for an interrupted one.

``hushnote record --recover`` run while ``hushnote transcribe --save`` was still
importing "recovered" that note from its first half of audio; the app's banner
offered the same for a recording made by ``hushnote record``.
"""
from __future__ import annotations

import subprocess
import sys

from app.pipeline import in_flight
from app.storage import init_notebook, open_notebook
from app.storage.importing import begin_note
from tests.support.notebooks import FAST_KDF, PASSPHRASE

_WRITER = """
import sys, time
from app.pipeline import in_flight
from app.storage import open_notebook
notebook = open_notebook(sys.argv[1], sys.argv[2])
in_flight.hold(notebook, int(sys.argv[3]))
print("writing", flush=True)
time.sleep(120)
"""


def test_a_note_another_process_is_writing_is_not_interrupted_until_that_process_dies(tmp_path):
    path = tmp_path / "notebook.db"
    with init_notebook(path, PASSPHRASE, kdf=FAST_KDF) as notebook:
        importing = begin_note(notebook, "call", "call.wav")
        crashed = begin_note(notebook, "earlier call", "earlier.wav")
    writer = subprocess.Popen([sys.executable, "-c", _WRITER, str(path), PASSPHRASE, str(importing)],
                              stdout=subprocess.PIPE, text=True)
    try:
        assert writer.stdout.readline().strip() == "writing"
        with open_notebook(path, PASSPHRASE) as notebook:
            assert [s.id for s in in_flight.interrupted_notes(notebook)] == [crashed]
            assert in_flight.is_held(notebook, importing) and not in_flight.is_held(notebook, crashed)
            writer.kill()  # SIGKILL: no clean-up runs, the kernel drops the lock
            writer.wait(timeout=30)
            assert sorted(s.id for s in in_flight.interrupted_notes(notebook)) == sorted([importing, crashed])
    finally:
        writer.kill()
        writer.stdout.close()


def test_this_process_still_sees_its_own_notes_as_being_written(tmp_path):
    with init_notebook(tmp_path / "notebook.db", PASSPHRASE, kdf=FAST_KDF) as notebook:
        note_id = begin_note(notebook, "call", "call.wav")
        with in_flight.holding(notebook, note_id):
            assert in_flight.interrupted_notes(notebook) == []
        assert [s.id for s in in_flight.interrupted_notes(notebook)] == [note_id]
