"""The child the crash test kills: takes "Chris" out of every note that names him, printing each note once committed.

Run as ``python -m tests.support.forget_child NOTEBOOK HEARD_JSON``; before each note it waits for a line on stdin,
so the test decides where it stands when it sends SIGKILL (before a rewrite, right after one, or somewhere inside
it). Every rewrite is worked out first, so a kill lands in the writing. Where the diarizer hears Chris in each note
is found by the real diarizer in the first child and kept in HEARD_JSON for the next ones (the notes are copies of
the same notebook): the test repeats the kill, not the listening.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

from app.privacy.forget_voice import find_voice_in_notes, plan_forget
from app.storage import open_notebook
from tests.support.notebooks import PASSPHRASE


def _heard(notebook, findings, cache: Path) -> dict[int, list]:
    if cache.exists():
        return {int(k): [tuple(p) for p in v] for k, v in json.loads(cache.read_text()).items()}
    from app.engines import EngineSettings, Engines
    from app.privacy.diarized_speech import diarized_stretches

    engines = Engines(EngineSettings(model="tiny.en", device="cpu"))
    heard = {f.note_id: diarized_stretches(engines, notebook.read_audio(f.note_id), notebook.load_transcript(f.note_id),
                                           f.speaker_ids) for f in findings}
    cache.write_text(json.dumps(heard))
    return heard


def main() -> None:
    with open_notebook(sys.argv[1], PASSPHRASE) as notebook:
        findings = find_voice_in_notes(notebook, None, "Chris")
        heard = _heard(notebook, findings, Path(sys.argv[2]))
        rewrites = [plan_forget(notebook, f, "Chris", heard=heard[f.note_id]) for f in findings]
        print("ready", flush=True)
        for rewrite in rewrites:
            if not sys.stdin.readline():
                return
            rewrite.commit(notebook)
            print(rewrite.note_id, flush=True)


if __name__ == "__main__":
    main()
