"""The desktop app's watch folder choice, kept in the encrypted notebook.

A folder path names the user's files, so it is personal data: it lives in the
notebook's (SQLCipher) settings table, not in the plain settings file.
"""
from __future__ import annotations

from dataclasses import dataclass

_FOLDER_KEY = "watch.folder"
_ENABLED_KEY = "watch.enabled"


@dataclass(frozen=True)
class WatchSetting:
    """folder: the watched folder ("" for none); enabled: whether the app imports from it while unlocked."""

    folder: str = ""
    enabled: bool = False


def get_watch_setting(notebook) -> WatchSetting:
    """Returns the notebook's watch folder setting (default: none, off). Raises NotebookError when unreadable."""
    values = notebook.read_settings([_FOLDER_KEY, _ENABLED_KEY])
    return WatchSetting(values.get(_FOLDER_KEY, ""), values.get(_ENABLED_KEY) == "1")


def set_watch_setting(notebook, setting: WatchSetting) -> None:
    """Stores the watch folder setting in the notebook; returns None. Raises NotebookError when it cannot be written."""
    notebook.write_settings({_FOLDER_KEY: setting.folder, _ENABLED_KEY: "1" if setting.enabled else "0"})
