"""What the watcher already handled, kept inside the encrypted notebook so it survives restarts.

Files are remembered by a SHA-256 of their content, never by name: a file name
is personal data, and the notebook is the one place Hushnote keeps anything
(SQLCipher, so the digests are encrypted at rest too). The entries live in the
notebook's key/value ``settings`` table under one prefix, which needs no schema
change.
"""
from __future__ import annotations

_PREFIX = "watch.handled."
IMPORTED = "imported"
UNREADABLE = "unreadable"


class ImportLedger:
    """The content digests the watcher has imported (or found unreadable) in one notebook."""

    def __init__(self, notebook):
        self._notebook = notebook

    def outcome(self, digest: str) -> str | None:
        """Returns how the file with this content digest was handled ("imported" or "unreadable"), or None if never.

        Raises NotebookError when the notebook cannot be read.
        """
        value = self._notebook.read_settings([_PREFIX + digest]).get(_PREFIX + digest)
        return value.split(" ", 1)[0] if value else None

    def remember(self, digest: str, outcome: str, detail: str = "") -> None:
        """Records that the file with this digest was handled (``detail``: e.g. the note id); returns None.

        Raises NotebookError when the notebook cannot be written.
        """
        value = f"{outcome} {detail}".strip()
        self._notebook.write_settings({_PREFIX + digest: value})

    def count(self) -> int:
        """Returns how many file contents the watcher has handled in this notebook."""
        return self._notebook.count_settings(_PREFIX)
