"""Keeps Qt from writing, on its own, what the user opened or where (nothing readable on disk).

Qt's file dialog stores its folder history (``history``, ``lastVisited``,
sidebar ``shortcuts``) in plain text in ``~/.config/QtProject.conf`` whenever
one closes, and a desktop's native dialog adds files to its recent-files list
(``recently-used.xbel``). A folder's name can name a person or a case.
"""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QSettings, Qt

# Below a character device no folder can be made: QSettings' writes there fail, silently, and nothing is kept.
NOWHERE = "/dev/null/hushnote-keeps-no-qt-settings"


def keep_qt_from_recording_paths() -> None:
    """Routes Qt's own user settings nowhere and uses Qt's file dialogs, not the desktop's; returns None.

    Hushnote keeps its settings in its own file (``ui.settings``), so no Qt setting of ours is lost.
    """
    QCoreApplication.setAttribute(Qt.AA_DontUseNativeDialogs, True)
    for settings_format in (QSettings.NativeFormat, QSettings.IniFormat):
        QSettings.setPath(settings_format, QSettings.UserScope, NOWHERE)
