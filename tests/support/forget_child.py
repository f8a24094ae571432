"""The child the crash test kills: takes "Chris" out of every note that names him, printing each note once committed.

Run as ``python -m tests.support.forget_child NOTEBOOK``; before each note it waits for a line on stdin, so the test
decides where it stands when it sends SIGKILL (before a rewrite, right after one, or somewhere inside it). Every
rewrite is worked out first (the diarizer listens to each note), so a kill lands in the writing.
"""
from __future__ import annotations

import sys

from app.engines import EngineSettings, Engines
from app.privacy.forget_voice import find_voice_in_notes, plan_forget
from app.storage import open_notebook
from tests.support.notebooks import PASSPHRASE


def main() -> None:
    with open_notebook(sys.argv[1], PASSPHRASE) as notebook:
        engines = Engines(EngineSettings(model="tiny.en", device="cpu"))
        rewrites = [plan_forget(notebook, f, "Chris", engines=engines) for f in find_voice_in_notes(notebook, None, "Chris")]
        print("ready", flush=True)
        for rewrite in rewrites:
            if not sys.stdin.readline():
                return
            rewrite.commit(notebook)
            print(rewrite.note_id, flush=True)


if __name__ == "__main__":
    main()
