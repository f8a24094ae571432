"""Importing a file into the notebook: one decode feeds recognition, speakers and storage; one crash-safe save."""
from __future__ import annotations

import av
import numpy as np
import pytest

from app.pipeline import PipelineOptions, import_file
from app.storage import KdfOptions, init_notebook
from audio_core.decode import decode_audio

FAST_KDF = KdfOptions(time_cost=1, memory_kib=8 * 1024, parallelism=1)


class DecodeCounter:
    """Wraps ``av.open`` and counts the containers of one file that decoded any audio."""

    def __init__(self, monkeypatch, path):
        self.path = str(path)
        self.decodes = 0
        real_open = av.open
        counter = self

        class CountedContainer:
            def __init__(self, container):
                self._container = container
                self._counted = False

            def decode(self, *args, **kwargs):
                if not self._counted:
                    self._counted = True
                    counter.decodes += 1
                return self._container.decode(*args, **kwargs)

            def __getattr__(self, name):
                return getattr(self._container, name)

            def __enter__(self):
                return self

            def __exit__(self, *exc):
                self._container.close()

        def counted_open(file, *args, **kwargs):
            container = real_open(file, *args, **kwargs)
            return CountedContainer(container) if str(file) == counter.path else container

        monkeypatch.setattr(av, "open", counted_open)


@pytest.fixture
def notebook(tmp_path):
    book = init_notebook(tmp_path / "notebook.db", "import test passphrase", kdf=FAST_KDF)
    yield book
    book.close()


def test_an_imported_call_is_decoded_once_and_stored_complete_with_its_speakers_and_audio(engines, testdata, notebook, monkeypatch):
    call = testdata / "real" / "pyannote_sample.wav"
    played = decode_audio(call)
    counter = DecodeCounter(monkeypatch, call)
    steps = []

    note_id, transcript = import_file(call, notebook, engines, PipelineOptions(),
                                      hook=lambda step, artifact=None, **kw: steps.append(step))

    assert counter.decodes == 1, f"the file was decoded {counter.decodes} times"
    summary = notebook.get_summary(note_id)
    assert summary.state == "complete"
    assert summary.speaker_names == ["Speaker 1", "Speaker 2"]
    stored = notebook.read_audio(note_id)
    assert stored.size == played.size and np.abs(stored - played).max() < 1e-3
    assert notebook.load_transcript(note_id).text == transcript.text and transcript.pii_spans
    assert steps.index("save") > steps.index("detect_pii") > steps.index("diarize") > steps.index("transcribe")


def test_when_the_notebook_is_full_then_the_import_fails_and_leaves_no_note(engines, testdata, notebook):
    conn = notebook.connection
    pages = conn.execute("PRAGMA page_count").fetchone()[0]
    conn.execute(f"PRAGMA max_page_count = {pages + 12}")  # room for a note's text, not for its audio: a full disk

    with pytest.raises(Exception, match="full"):
        import_file(testdata / "real" / "librivox_sas-0880.wav", notebook, engines, PipelineOptions(detect_pii=False))

    assert notebook.list_notes() == []
