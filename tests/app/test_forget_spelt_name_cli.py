"""``hushnote speakers forget NAME --from-notes`` finds the person where the recogniser spelt their name otherwise.

A real recording (piper's joe voice and flite's slt, ``tests/support/speech.py``) transcribed and diarized by the real
tiny.en pipeline into a real SQLCipher notebook: joe says "Shaun Brennan", tiny.en writes "Sean Brennan". A second
note has a speaker named "Shaun Brennan". The listing says how each note was found; the rewrite takes the name out
of the text and the stored audio.
"""
from __future__ import annotations

import pytest

from app.privacy.speaker_removal import REMOVED_MARKER
from app.storage import init_notebook, open_notebook
from audio_core.transcribe import AsrOptions, transcribe_array
from tests.support.notebooks import FAST_KDF, PASSPHRASE
from tests.support.voice_notes import turns_transcript

ENV = {"HUSHNOTE_PASSPHRASE": PASSPHRASE}
NAME = "Shaun Brennan"


@pytest.fixture
def notebook_path(tmp_path, engines):
    from app.pipeline import transcribe_file
    from tests.support.speech import speak_turns, write_wav

    audio = speak_turns([("joe", "Good morning. Shaun Brennan sent the slides, and Shaun will present them."),
                         ("slt", "Great, I will book the room for Monday.")])
    transcript = transcribe_file(write_wav(tmp_path / "slides.wav", audio), engines)
    assert "Sean Brennan" in transcript.text and "Shaun" not in transcript.text  # the recogniser's own spelling
    transcript.title = "Slides"
    named = turns_transcript([("alex", 0.0, 3.0, "Welcome back."), ("shaun", 3.5, 6.0, "Thanks, the budget is done.")],
                             "Budget", 6.0)
    named.speakers[1].name = NAME
    path = tmp_path / "nb" / "notebook.db"
    with init_notebook(path, PASSPHRASE, kdf=FAST_KDF) as notebook:
        spoken = notebook.save_transcript(transcript)
        notebook.store_audio(spoken, [audio])
        ids = (spoken, notebook.save_transcript(named))
    return path, ids


@pytest.mark.slow
def test_a_note_naming_them_as_the_recogniser_spelt_it_is_listed_and_rewritten(notebook_path, run_cli, engines):
    path, (spelt_id, named_id) = notebook_path
    args = ("speakers", "forget", NAME, "--from-notes", "--notebook", str(path))
    refused = run_cli(*args, env=ENV)
    assert refused.returncode == 2 and "--yes" in refused.stderr
    listed = {int(line.split()[1]): line for line in refused.stdout.splitlines() if line.startswith("note ")}
    assert sorted(listed) == [spelt_id, named_id]
    assert "does not speak, named in full as 'Sean Brennan'" in listed[spelt_id], listed[spelt_id]
    assert "2 mentions of the name to remove, spelt 'Sean Brennan', 'Sean'" in listed[spelt_id]
    assert "a speaker named so" in listed[named_id]

    done = run_cli(*args, "--yes", env=ENV)
    assert done.returncode == 0, done.stderr
    with open_notebook(path, PASSPHRASE) as notebook:
        spelt, audio = notebook.load_transcript(spelt_id), notebook.read_audio(spelt_id)
        named = notebook.load_transcript(named_id)
        audit = [e.what for e in notebook.list_audit_log()]
    assert "Sean" not in spelt.text and "Brennan" not in spelt.text and spelt.text.count(REMOVED_MARKER) == 2
    assert "budget" not in named.text and NAME not in [s.name for s in named.speakers]
    said = " ".join(s.text for s in transcribe_array(engines.recognizer, audio, AsrOptions(language="en"))).lower()
    assert not [w for w in ("sean", "shaun", "brennan") if w in said], said
    assert "slides" in said and "room" in said, said
    assert not [w for w in audit if "sean" in w.casefold() or "brennan" in w.casefold()]
