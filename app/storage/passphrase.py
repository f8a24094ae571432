"""Getting the passphrase: the HUSHNOTE_PASSPHRASE variable (scripts) or a prompt.

Never a command-line argument: those show up in ``ps`` and shell history.
"""
from __future__ import annotations

import getpass
import os
import sys

from app.storage.errors import NotebookError

PASSPHRASE_VARIABLE = "HUSHNOTE_PASSPHRASE"
NEW_PASSPHRASE_VARIABLE = "HUSHNOTE_NEW_PASSPHRASE"


def read_passphrase(prompt: str = "Notebook passphrase: ", *, confirm: bool = False,
                    variable: str = PASSPHRASE_VARIABLE) -> str:
    """Returns the passphrase from ``variable`` if set, else from a terminal prompt (typed twice if ``confirm``).

    Raises NotebookError when it is empty, the two entries differ, or there is no terminal to ask on.
    """
    value = os.environ.get(variable)
    if value is None:
        if not sys.stdin.isatty():
            raise NotebookError(f"no passphrase: set {variable} or run in a terminal")
        value = getpass.getpass(prompt)
        if confirm and getpass.getpass("Repeat it: ") != value:
            raise NotebookError("the two passphrases differ")
    if not value:
        raise NotebookError("the passphrase must not be empty")
    return value
