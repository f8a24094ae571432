"""Fixtures for the desktop app: the Qt application set up like Hushnote's, a short real clip transcribed once."""
from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.notebooks import create_desktop_notebook

CLIP = "real/librivox_sas-0880.wav"  # 3.6 s, one reader


@pytest.fixture(scope="session", autouse=True)
def hushnote_qapp(qapp):
    """The QApplication with Hushnote's name, palette and style sheet."""
    from ui.app import create_application

    return create_application()


@pytest.fixture(scope="session")
def clip(testdata) -> Path:
    return testdata / CLIP


@pytest.fixture(scope="session")
def clip_note_parts(clip, engines):
    """(Transcript, audio) of the clip, from the real pipeline (tiny.en) in one pass, computed once."""
    import numpy as np

    from app.pipeline import transcribe_file

    blocks = []
    transcript = transcribe_file(clip, engines, keep_audio=blocks.append)
    audio = np.concatenate(blocks)
    assert transcript.words, "the clip must give word timestamps"
    return transcript, audio


@pytest.fixture
def clip_note(clip_note_parts):
    """A fresh, unsaved Note of the clip (each test may edit its own copy)."""
    import copy

    from ui.notebook import Note

    transcript, audio = clip_note_parts
    return Note(None, copy.deepcopy(transcript), audio.copy())


@pytest.fixture
def notebook(tmp_path):
    """A real encrypted notebook in a fresh folder (cheap key derivation), closed afterwards."""
    book = create_desktop_notebook(tmp_path / "notebook.db")
    yield book
    try:
        book.close()
    except Exception:
        pass


@pytest.fixture
def window(qtbot, engines, tmp_path):
    """The main window on a notebook path in tmp (locked until a test unlocks it), settings not saved."""
    from ui.main_window import MainWindow
    from ui.settings import UiSettings

    win = MainWindow(UiSettings(auto_lock_min=0), engines, notebook_path=tmp_path / "notebook.db", persist_settings=False)
    qtbot.addWidget(win)
    win.show()
    yield win
    win.confirm_stop = lambda *question: True  # a test's leftover import must not leave a question open at teardown
    win.pool.cancel_all()
    win.close()


@pytest.fixture
def unlocked_window(window, tmp_path):
    """The main window with a new notebook open (cheap key derivation)."""
    window.set_notebook(create_desktop_notebook(tmp_path / "notebook.db"))
    return window
