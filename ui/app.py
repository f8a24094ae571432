"""QApplication set-up: name, icon, high-DPI, and a light or dark palette from the system."""
from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QIcon, QPalette
from PySide6.QtWidgets import QApplication

from ui.no_traces import keep_qt_from_recording_paths

ASSETS_DIR = Path(__file__).resolve().parents[1] / "assets"
ICON_DIR = ASSETS_DIR / "icons"
APP_NAME = "Hushnote"
ACCENT = QColor("#4f6df5")


def app_icon() -> QIcon:
    """Returns the app icon with every PNG size we ship (and the SVG when Qt can render it)."""
    icon = QIcon()
    for size in (16, 24, 32, 48, 64, 128, 256, 512):
        png = ICON_DIR / f"hushnote-{size}.png"
        if png.exists():
            icon.addFile(str(png))
    if icon.isNull() and (ICON_DIR / "hushnote.svg").exists():
        icon.addFile(str(ICON_DIR / "hushnote.svg"))
    return icon


def system_prefers_dark() -> bool:
    """Returns True when the desktop asks for a dark colour scheme."""
    hints = QGuiApplication.styleHints()
    return hints.colorScheme() == Qt.ColorScheme.Dark


def build_palette(dark: bool) -> QPalette:
    """Returns Hushnote's palette: calm greys with one blue accent, light or dark."""
    p = QPalette()
    if dark:
        base, window, text, mid = QColor("#1e1f24"), QColor("#26282e"), QColor("#e8e9ed"), QColor("#3a3d45")
        alt, button = QColor("#24262c"), QColor("#30333a")
    else:
        base, window, text, mid = QColor("#ffffff"), QColor("#f4f5f8"), QColor("#1d2030"), QColor("#d5d8e0")
        alt, button = QColor("#f8f9fb"), QColor("#eceef3")
    p.setColor(QPalette.Window, window)
    p.setColor(QPalette.WindowText, text)
    p.setColor(QPalette.Base, base)
    p.setColor(QPalette.AlternateBase, alt)
    p.setColor(QPalette.Text, text)
    p.setColor(QPalette.Button, button)
    p.setColor(QPalette.ButtonText, text)
    p.setColor(QPalette.ToolTipBase, base)
    p.setColor(QPalette.ToolTipText, text)
    p.setColor(QPalette.PlaceholderText, QColor("#8a8fa0"))
    p.setColor(QPalette.Mid, mid)
    p.setColor(QPalette.Highlight, ACCENT)
    # Fusion fills a disabled slider's groove with Highlight: in the accent it looked switched on.
    p.setColor(QPalette.Disabled, QPalette.Highlight, mid)
    p.setColor(QPalette.HighlightedText, QColor("#ffffff"))
    p.setColor(QPalette.Link, ACCENT.lighter(130) if dark else ACCENT)
    for role in (QPalette.Text, QPalette.WindowText, QPalette.ButtonText):
        p.setColor(QPalette.Disabled, role, QColor("#6b7080") if dark else QColor("#a0a4b0"))
    return p


STYLE_SHEET = """
QToolTip { padding: 4px; }
QPushButton, QToolButton { padding: 5px 14px; border-radius: 5px; border: 1px solid palette(mid); background: palette(button); }
QPushButton:hover, QToolButton:hover { border-color: #4f6df5; }
QPushButton:pressed, QToolButton:pressed { background: palette(mid); }
QPushButton:disabled, QToolButton:disabled { color: #9aa0b0; }
QPushButton#primary { background: #4f6df5; color: white; font-weight: 600; border: 1px solid #4f6df5; }
QPushButton#primary:hover { background: #3f5de5; }
QPushButton#primary:disabled { background: #9aa7e8; border-color: #9aa7e8; }
QListWidget#nav { border: none; font-size: 11pt; outline: 0; }
QListWidget#nav::item { padding: 9px 12px; border-radius: 6px; margin: 2px 6px; }
QListWidget#nav::item:selected { background: #4f6df5; color: white; }
QListWidget#nav::item:selected:focus { background: #3a56d8; }
QLabel#title { font-size: 15pt; font-weight: 600; }
QLabel#subtitle { color: #8a8fa0; }
QLabel#empty { color: #8a8fa0; font-size: 11pt; }
QLabel#error { color: #d64545; }
QProgressBar { border-radius: 4px; text-align: center; max-height: 12px; }
"""


def create_application(argv: list[str] | None = None) -> QApplication:
    """Returns the QApplication (creating it once) with Hushnote's name, icon, style and palette."""
    QGuiApplication.setHighDpiScaleFactorRoundingPolicy(Qt.HighDpiScaleFactorRoundingPolicy.PassThrough)
    application = QApplication.instance() or QApplication(argv if argv is not None else sys.argv[:1])
    application.setApplicationName(APP_NAME)
    application.setApplicationDisplayName(APP_NAME)
    application.setOrganizationName(APP_NAME)
    application.setDesktopFileName("hushnote")
    application.setWindowIcon(app_icon())
    application.setStyle("Fusion")
    apply_palette(application)
    keep_qt_from_recording_paths()
    return application


def apply_palette(application: QApplication, dark: bool | None = None) -> None:
    """Applies the light or dark palette (the system's choice unless ``dark`` is given)."""
    application.setPalette(build_palette(system_prefers_dark() if dark is None else dark))
    application.setStyleSheet(STYLE_SHEET)
