"""Importing a file into the notebook: one decode (and one Silero VAD pass) feeds recognition, speakers and storage; one crash-safe save."""
from __future__ import annotations

import numpy as np
import pytest

import audio_core.decode as decode_module
from app.pipeline import PipelineOptions, import_file
from app.storage import init_notebook
from audio_core.decode import decode_audio
from tests.support.notebooks import FAST_KDF


class DecodeCounter:
    """Counts the decoder runs over one file that decode its audio (a header probe decodes nothing).

    Every decode runs in a child process started by ``audio_core.decode._messages``
    with the job's mode: "chunks" and "inspect" decode the whole file, "probe" reads its header.
    """

    def __init__(self, monkeypatch, path):
        self.path = str(path)
        self.decodes = 0
        real_messages = decode_module._messages
        counter = self

        def counted_messages(source, job):
            if str(source) == counter.path and job.get("mode") in ("chunks", "inspect"):
                counter.decodes += 1
            return real_messages(source, job)

        monkeypatch.setattr(decode_module, "_messages", counted_messages)


@pytest.fixture
def notebook(tmp_path):
    book = init_notebook(tmp_path / "notebook.db", "import test passphrase", kdf=FAST_KDF)
    yield book
    book.close()


def test_an_imported_call_is_decoded_once_and_stored_complete_with_its_speakers_and_audio(engines, testdata, notebook, monkeypatch):
    from faster_whisper.vad import SileroVADModel

    call = testdata / "real" / "pyannote_sample.wav"
    played = decode_audio(call)
    counter = DecodeCounter(monkeypatch, call)
    silero_heard_s = []
    real_silero = SileroVADModel.__call__
    monkeypatch.setattr(SileroVADModel, "__call__",
                        lambda model, audio, *a, **k: silero_heard_s.append(audio.size / 16000) or real_silero(model, audio, *a, **k))
    steps = []

    note_id, transcript = import_file(call, notebook, engines, PipelineOptions(),
                                      hook=lambda step, artifact=None, **kw: steps.append(step))

    assert counter.decodes == 1, f"the file was decoded {counter.decodes} times"
    # Recognition's VAD filter and the speakers' regions share one Silero pass (before: 60 s of this 30 s call).
    duration_s = played.size / 16000
    assert duration_s <= sum(silero_heard_s) < duration_s + 0.1, f"Silero heard {sum(silero_heard_s):.1f} s"
    summary = notebook.get_summary(note_id)
    assert summary.state == "complete"
    assert summary.speaker_names == ["Speaker 1", "Speaker 2"]
    stored = notebook.read_audio(note_id)
    assert stored.size == played.size and np.abs(stored - played).max() < 1e-3
    assert notebook.load_transcript(note_id).text == transcript.text and transcript.pii_spans
    assert steps.index("save") > steps.index("detect_pii") > steps.index("diarize") > steps.index("transcribe")


def test_when_the_notebook_is_full_then_the_import_fails_and_leaves_no_note(engines, testdata, notebook):
    with notebook.reading() as conn:
        pages = conn.execute("PRAGMA page_count").fetchone()[0]
        conn.execute(f"PRAGMA max_page_count = {pages + 12}")  # room for a note's text, not for its audio: a full disk

    with pytest.raises(Exception, match="full"):
        import_file(testdata / "real" / "librivox_sas-0880.wav", notebook, engines, PipelineOptions(detect_pii=False))

    assert notebook.list_notes() == []



def test_a_file_imported_before_is_refused_under_any_name_until_asked_and_its_digest_is_never_readable_on_disk(
        engines, testdata, notebook, tmp_path):
    from app.import_sources import AlreadyImportedError, file_digest

    clip = testdata / "real" / "librivox_sas-0880.wav"
    renamed = tmp_path / "copy of the reading.wav"
    renamed.write_bytes(clip.read_bytes())
    options = PipelineOptions(detect_pii=False)
    first_id, _ = import_file(clip, notebook, engines, options)
    steps = []

    with pytest.raises(AlreadyImportedError, match=f"already in the notebook as note {first_id}") as refused:
        import_file(renamed, notebook, engines, options, hook=lambda step, artifact=None, **kw: steps.append(step))

    assert refused.value.earlier.id == first_id
    assert "transcribe" not in steps, "the duplicate was found only after recognising it"
    assert [n.id for n in notebook.list_notes()] == [first_id]
    second_id, _ = import_file(renamed, notebook, engines, options, allow_duplicate=True)
    assert sorted(n.id for n in notebook.list_notes()) == [first_id, second_id]
    digest = file_digest(clip).encode()
    notebook.close()
    for stored in tmp_path.glob("notebook*"):
        assert digest not in stored.read_bytes() and digest.upper() not in stored.read_bytes()


def test_a_deleted_note_forgets_its_file_so_the_file_imports_again(engines, testdata, notebook):
    clip = testdata / "real" / "librivox_sas-0880.wav"
    options = PipelineOptions(detect_pii=False)
    note_id, _ = import_file(clip, notebook, engines, options)
    notebook.delete_note(note_id)

    again_id, _ = import_file(clip, notebook, engines, options)

    assert [n.id for n in notebook.list_notes()] == [again_id]
