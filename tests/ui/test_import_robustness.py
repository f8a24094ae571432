"""The app's import queue over broken files, a vanishing file and a decoder crash: each fails on one line, the queue goes on;
a clipped recording is imported with a warning."""
from __future__ import annotations

import shutil

import numpy as np

from audio_core.decode_child import FAULT_VARIABLE
from tests.support.robustness_corpus import broken_cases, invalid_sample_cases, load_speech
from ui.viewmodels.import_queue import DONE, FAILED, PENDING


def test_the_queue_goes_on_past_broken_files_and_a_decoder_crash_and_keeps_the_notes_it_has(
    unlocked_window, qtbot, clip, testdata, tmp_path, monkeypatch
):
    window, queue = unlocked_window, unlocked_window.queue
    with qtbot.waitSignal(window.note_saved, timeout=300_000) as saved:
        queue.add([clip])
    kept_id = saved.args[0]
    kept = window.notebook.load(kept_id)
    kept_json, kept_audio = kept.transcript.to_json(), kept.audio.copy()

    broken = broken_cases(tmp_path / "broken", load_speech(testdata))
    last = next(c.path for c in invalid_sample_cases(tmp_path, load_speech(testdata)) if c.name == "clipped.wav")
    crashing, vanishing, replaced = (tmp_path / n for n in ("crashing.wav", "vanishing.wav", "replaced.wav"))
    for path in (crashing, vanishing, replaced):
        shutil.copy(clip, path)
    with open(crashing, "ab") as tail:  # its own content: the same bytes as the clip are "already in the notebook"
        tail.write(b"\0" * 64)
    monkeypatch.setenv(FAULT_VARIABLE, "segv:crashing.wav")
    queue.add([crashing, vanishing, replaced, *[c.path for c in broken], last])
    vanishing.unlink()  # gone before its turn came
    replaced.unlink()
    replaced.mkdir()
    # every pending state, "checking" (a chosen file being hashed) included: waiting only past "waiting" and
    # "running" could end while the files were still being checked, before the last one had run
    qtbot.waitUntil(lambda: all(e.state not in PENDING for e in queue.entries), timeout=600_000)
    qtbot.waitUntil(lambda: len(window.notebook.list_notes()) == 2, timeout=60_000)

    entries = {e.path: e for e in queue.entries[1:]}
    assert entries[crashing].state == FAILED
    assert entries[crashing].message == f"could not decode {crashing}: the decoder crashed (SIGSEGV)"
    assert entries[vanishing].message == f"{vanishing}: no such file"
    assert entries[replaced].message == f"{replaced}: is a directory, not an audio or video file"
    failed = [entries[p] for p in (crashing, vanishing, replaced, *[c.path for c in broken])]
    assert all(e.state == FAILED and "\n" not in e.message and str(e.path) in e.message for e in failed)
    assert entries[last].state == DONE
    assert entries[last].message.startswith("Done; clipped.wav: ") and "of the samples are clipped" in entries[last].message
    again = window.notebook.load(kept_id)
    assert again.transcript.to_json() == kept_json and np.array_equal(again.audio, kept_audio)
