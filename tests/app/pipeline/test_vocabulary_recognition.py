"""A listed unusual name and product word reach Whisper through the pipeline's options: wrong without the list, right with it.

The clip is spoken by flite's slt voice (the same audio every run) and transcribed by the real tiny.en.
"""
from __future__ import annotations

import pytest

from app.diarization import SpeakerOptions
from app.pipeline import PipelineOptions, transcribe_file
from app.vocabulary import parse_vocabulary, vocabulary_hint
from app.vocabulary.hints import MAX_HINT_CHARS
from tests.support.speech import speak, write_wav

SENTENCE = "Mairead Tshabalala moved the Trellisoft servers to Datadog monitoring."
TEAM = "name: Mairead Tshabalala\nterm: Trellisoft"


@pytest.fixture(scope="module")
def spoken_clip(tmp_path_factory):
    return write_wav(tmp_path_factory.mktemp("vocabulary") / "standup.wav", speak(SENTENCE, "slt"))


def _heard(clip, engines, vocabulary: str) -> str:
    options = PipelineOptions(speakers=SpeakerOptions(enabled=False), detect_pii=False,
                              vocabulary=parse_vocabulary(vocabulary))
    return transcribe_file(clip, engines, options).text


def test_a_listed_name_and_term_are_spelled_right_only_with_the_list(spoken_clip, engines):
    without = _heard(spoken_clip, engines, "")
    assert "Tshabalala" not in without and "Trellisoft" not in without, without
    heard = _heard(spoken_clip, engines, TEAM)
    assert "Mairead Tshabalala" in heard and "Trellisoft" in heard, heard
    assert "servers" in heard.lower() and "monitoring" in heard.lower()  # the rest of the sentence is still there


def test_a_saved_note_uses_the_notebooks_list_and_a_one_off_list_together(spoken_clip, tmp_path, capsys, monkeypatch):
    from app.cli.main import main
    from app.storage import init_notebook, open_notebook
    from app.vocabulary import NAME, add_to_vocabulary
    from tests.support.notebooks import FAST_KDF, PASSPHRASE

    path = tmp_path / "notebook.db"
    with init_notebook(path, PASSPHRASE, kdf=FAST_KDF) as notebook:
        add_to_vocabulary(notebook, "Mairead Tshabalala", NAME)
    monkeypatch.setenv("HUSHNOTE_PASSPHRASE", PASSPHRASE)
    code = main(["transcribe", str(spoken_clip), "--save", "--no-diarize", "--format", "txt", "--out", str(tmp_path),
                 "--notebook", str(path), "--vocabulary", "Trellisoft"])
    assert code == 0, capsys.readouterr().err
    with open_notebook(path, passphrase=PASSPHRASE) as notebook:
        [summary] = notebook.list_notes()
        transcript = notebook.load_transcript(summary.id)
    assert "Mairead Tshabalala" in transcript.text and "Trellisoft" in transcript.text, transcript.text
    assert {(span.text, span.entity_type) for span in transcript.pii_spans} == {("Mairead Tshabalala", "PERSON")}
    exported = (tmp_path / "standup.txt").read_text()
    assert "Tshabalala" not in exported and "Trellisoft" in exported, exported  # the name redacted, the term kept


def test_the_cli_refuses_a_bad_list_before_transcribing(spoken_clip, tmp_path, capsys):
    from app.cli.main import main

    assert main(["transcribe", str(spoken_clip), "--vocabulary", "Nimbulon,42"]) == 2
    assert "no letter" in capsys.readouterr().err
    assert main(["transcribe", str(spoken_clip), "--vocabulary", str(tmp_path / "missing.txt")]) == 2
    assert "no such vocabulary file" in capsys.readouterr().err


def test_a_name_far_down_a_long_list_still_reaches_whisper(spoken_clip, engines):
    """The whole list used to be one hint cut at 450 characters (about 20 entries); each segment's hint now names
    first the entries that sound like it, so the last two of 36 entries count as much as the first."""
    from tests.bench.bench_vocabulary import DEV, REPORT

    others = [m for m in DEV + REPORT if "Mairead Tshabalala" not in m[0]]
    crowd = "\n".join([f"name: {', '.join(m[0])}" for m in others] + [f"term: {', '.join(m[1])}" for m in others])
    vocabulary = parse_vocabulary(crowd + "\n" + TEAM)
    assert [e.text for e in vocabulary][-2:] == ["Mairead Tshabalala", "Trellisoft"]
    assert len(vocabulary_hint(vocabulary)) <= MAX_HINT_CHARS and "Tshabalala" not in vocabulary_hint(vocabulary)
    heard = _heard(spoken_clip, engines, crowd + "\n" + TEAM)
    assert "Tshabalala" in heard and "Trellisoft" in heard, heard
