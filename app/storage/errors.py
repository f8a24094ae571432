"""The notebook's errors; each is a HushnoteError with a one-line message."""
from __future__ import annotations

from audio_core.errors import HushnoteError


class NotebookError(HushnoteError):
    """The notebook is missing, already exists, or cannot do what was asked."""


class WrongPassphraseError(NotebookError):
    """The passphrase does not unwrap the notebook's data key."""


class CorruptNotebookError(NotebookError):
    """The notebook or its key file is damaged, truncated or not a notebook."""


class NotebookWriteError(NotebookError):
    """A write to the notebook failed (a full disk, an I/O error, a read-only file); nothing of that write was kept."""


class NoteNotFoundError(NotebookError):
    """No note has the given id."""
