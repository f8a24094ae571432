"""``hushnote speakers forget NAME --from-notes``: an enrolled voice found in the stored notes and taken out of them.

Real SQLCipher, real Resemblyzer voice matching on the stored audio, the real ``hushnote`` program.
"""
from __future__ import annotations

import dataclasses
import shutil

import numpy as np
import pytest

from app.privacy.speaker_removal import REMOVED_MARKER
from app.storage import open_notebook
from tests.support import voice_notes
from tests.support.notebooks import FAST_KDF, PASSPHRASE

ENV = {"HUSHNOTE_PASSPHRASE": PASSPHRASE}
# Words only Chris says, in each note that has him.
CHRIS_WORDS = ("tickets", "appointment")


@pytest.fixture(scope="module")
def built_voices(tmp_path_factory, engines, synthetic_meeting):
    """The voice notebook, built once for the module; tests change only their own copy (``voices``)."""
    return voice_notes.build(tmp_path_factory.mktemp("voices") / "nb" / "notebook.db", PASSPHRASE, FAST_KDF,
                             engines.voice_encoder)


@pytest.fixture
def voices(built_voices, tmp_path):
    """A fresh copy of the voice notebook (database and key file) for one test."""
    copy = tmp_path / "nb"
    shutil.copytree(built_voices.path.parent, copy)
    return dataclasses.replace(built_voices, path=copy / built_voices.path.name)


def _state(path):
    with open_notebook(path, PASSPHRASE) as notebook:
        return ({n.id: (notebook.load_transcript(n.id), notebook.read_audio(n.id)) for n in notebook.list_notes()},
                notebook.list_voice_profiles(), notebook.list_audit_log())


@pytest.mark.slow
def test_forget_from_notes_lists_the_two_notes_then_rewrites_only_them(voices, run_cli):
    before, _, _ = _state(voices.path)
    refused = run_cli("speakers", "forget", "Chris", "--from-notes", "--notebook", str(voices.path), env=ENV)
    assert refused.returncode == 2 and "--yes" in refused.stderr and len(refused.stderr.strip().splitlines()) == 1
    listed = [line for line in refused.stdout.splitlines() if line.startswith("note ")]
    assert sorted(int(line.split()[1]) for line in listed) == sorted(voices.with_chris)
    assert "Launch plan" in refused.stdout and "Clinic follow-up" in refused.stdout and "s of speech" in refused.stdout
    unchanged, profiles, _ = _state(voices.path)
    assert len(profiles) == 1 and all(unchanged[i][0] == before[i][0] for i in before)

    done = run_cli("speakers", "forget", "Chris", "--from-notes", "--yes", "--notebook", str(voices.path), env=ENV)
    assert done.returncode == 0, done.stderr
    assert done.netlog == []
    after, profiles, audit = _state(voices.path)
    assert profiles == []
    for note_id in voices.with_chris:
        transcript, audio = after[note_id]
        assert REMOVED_MARKER in transcript.text and len(transcript.speakers) == 2
        assert not [w for w in CHRIS_WORDS if w in transcript.text]
        for start_s, end_s in voices.chris_turns[note_id]:
            assert np.abs(audio[int(start_s * 16000):int(end_s * 16000)]).max() == 0.0
        # the others' speech is still there
        assert np.abs(audio).max() > 0.05 and audio.size == before[note_id][1].size
    assert after[voices.without_chris][0] == before[voices.without_chris][0]
    assert np.array_equal(after[voices.without_chris][1], before[voices.without_chris][1])
    entries = [e for e in audit if "removed at the participant's request" in e.what]
    assert sorted(e.note_id for e in entries) == sorted(voices.with_chris)
    assert not [w for e in entries for w in CHRIS_WORDS if w in e.what]
    with open_notebook(voices.path, PASSPHRASE) as notebook:
        for word in CHRIS_WORDS:
            assert notebook.search(word) == []
        assert {h.note_id for h in notebook.search("everyone")} >= {voices.with_chris[0]}


@pytest.mark.slow
def test_forget_from_notes_alienating_keeps_the_words_under_a_pseudonym(voices, run_cli):
    with open_notebook(voices.path, PASSPHRASE) as notebook:
        note_id = voices.with_chris[1]
        notebook.rename_speaker(note_id, "S3", "Chris")  # found by name here, by voice in the other note
        before = notebook.read_audio(note_id)
    done = run_cli("speakers", "forget", "Chris", "--from-notes", "--alienate", "--yes", "--notebook", str(voices.path), env=ENV)
    assert done.returncode == 0, done.stderr
    assert "named" in done.stdout and "voice match" in done.stdout
    after, _, _ = _state(voices.path)
    transcript, audio = after[note_id]
    assert "appointment" in transcript.text and "Chris" not in [s.name for s in transcript.speakers]
    start_s, end_s = voices.chris_turns[note_id][0]
    lo, hi = int(start_s * 16000), int(end_s * 16000)
    assert not np.allclose(audio[lo:hi], before[lo:hi], atol=0.01) and np.abs(audio[lo:hi]).max() > 0.05
    assert np.allclose(audio[:int(8 * 16000)], before[:int(8 * 16000)], atol=1e-3)  # Alex's opening is untouched


@pytest.mark.slow
def test_a_kill_during_the_rewrite_leaves_each_note_old_or_new_never_half(voices, tmp_path):
    import os
    import random
    import signal
    import subprocess
    import sys
    import time

    from tests.support.testdata import PROJECT_ROOT

    with open_notebook(voices.path, PASSPHRASE) as notebook:
        for note_id in voices.with_chris:
            notebook.rename_speaker(note_id, "S3", "Chris")
    original, _, _ = _state(voices.path)
    rng = random.Random(25)
    env = {**os.environ, "PYTHONPATH": str(PROJECT_ROOT)}
    outcomes = set()
    # Killed before any rewrite, right after the first one, then at random moments inside the rewrites: the first two
    # fix both outcomes whatever the machine's speed, the others land in the middle of writes.
    for attempt, kill_at in enumerate(["before", "after first"] + [rng.uniform(0.0, 0.4) for _ in range(4)]):
        copy = tmp_path / f"copy{attempt}"
        shutil.copytree(voices.path.parent, copy)
        db = copy / voices.path.name
        child = subprocess.Popen([sys.executable, "-m", "tests.support.forget_child", str(db), str(tmp_path / "heard.json")],
                                 stdin=subprocess.PIPE,
                                 stdout=subprocess.PIPE, text=True, env=env, cwd=PROJECT_ROOT)
        assert child.stdout.readline().strip() == "ready"
        first = ""
        if kill_at == "after first":
            child.stdin.write("go\n")
            child.stdin.flush()
            first = child.stdout.readline()  # the first note is committed; the child now waits before the second
        elif kill_at != "before":
            child.stdin.write("go\n" * len(voices.with_chris))
            child.stdin.flush()
            time.sleep(kill_at)
        child.send_signal(signal.SIGKILL)
        committed = {int(line) for line in (first + child.communicate()[0]).split()}
        if kill_at == "after first":
            assert len(committed) == 1
        with open_notebook(db, PASSPHRASE) as notebook:
            assert notebook.check_integrity() == "ok"
            audited = {e.note_id for e in notebook.list_audit_log() if "removed at the participant's request" in e.what}
        state, _, _ = _state(db)
        for note_id in voices.with_chris:
            transcript, audio = state[note_id]
            if "Chris" in [s.name for s in transcript.speakers]:  # the old note, whole
                assert note_id not in committed and note_id not in audited
                assert transcript == original[note_id][0] and np.array_equal(audio, original[note_id][1])
                outcomes.add("old")
            else:  # the new note, whole: text, audio and audit entry together
                assert REMOVED_MARKER in transcript.text and note_id in audited
                assert all(np.abs(audio[int(s * 16000):int(e * 16000)]).max() == 0.0 for s, e in voices.chris_turns[note_id])
                outcomes.add("new")
        assert state[voices.without_chris][0] == original[voices.without_chris][0]
    assert outcomes == {"old", "new"}
