"""Run under X11 (``xvfb-run``): presses Ctrl+E in a window's text field, with and without WindowKeysFirst, and
prints which of the two reached the window's Ctrl+E action ("without: False", "with: True")."""
from __future__ import annotations

import os


def main() -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QAction, QKeySequence
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication, QLineEdit, QMainWindow

    from ui.window_keys import WindowKeysFirst

    assert os.environ.get("QT_QPA_PLATFORM") == "xcb"
    app = QApplication([])
    for use_filter in (False, True):
        window = QMainWindow()
        field = QLineEdit("find me")
        window.setCentralWidget(field)
        exported = []
        action = QAction("Export…", window)
        action.setShortcut(QKeySequence("Ctrl+E"))
        action.triggered.connect(lambda _=False: exported.append(True))
        window.addAction(action)
        keys = WindowKeysFirst(window)
        if use_filter:
            app.installEventFilter(keys)
        window.show()
        window.activateWindow()
        field.setFocus()
        QTest.qWaitForWindowActive(window)
        QTest.keyClick(field, Qt.Key_E, Qt.ControlModifier)
        app.processEvents()
        print(f"{'with' if use_filter else 'without'}: {bool(exported)}", flush=True)
        app.removeEventFilter(keys)
        window.close()


if __name__ == "__main__":
    main()
