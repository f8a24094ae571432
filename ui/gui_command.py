"""``hushnote gui``: starts the desktop app; ``--screenshots DIR`` saves a PNG of each screen and exits."""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from audio_core.errors import HushnoteError, InputError

PROJECT_ROOT = Path(__file__).resolve().parents[1]
SAMPLE = PROJECT_ROOT / "assets" / "sample" / "meeting.wav"


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "gui",
        help="start the desktop app",
        description="Start Hushnote's desktop app. Everything stays on this machine.",
    )
    parser.add_argument("--screenshots", type=Path, metavar="DIR", help="open each screen on the bundled sample, save PNGs into DIR, exit")
    parser.add_argument("--sample", type=Path, default=SAMPLE, help="audio for --screenshots (default: the bundled sample meeting)")
    parser.add_argument("--dark", action="store_true", default=None, help="force the dark palette (default: follow the system)")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    if args.screenshots and not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    try:
        from ui.app import apply_palette, create_application
    except ImportError as exc:
        raise HushnoteError(f"the desktop app needs PySide6 ({exc})") from None
    application = create_application(sys.argv[:1])
    if args.dark:
        apply_palette(application, dark=True)
    from ui.settings import load_settings

    settings = load_settings()
    if args.screenshots:
        from ui.screenshots import take_screenshots

        if not args.sample.exists():
            raise InputError(f"no sample audio at {args.sample} (give one with --sample)")
        for path in take_screenshots(args.screenshots, args.sample, settings=settings):
            print(path)
        return 0
    from ui.main_window import MainWindow
    from ui.quit_signals import run_until_quit

    window = MainWindow(settings)
    window.show()
    window.ask_unlock()
    return run_until_quit(application, window)  # SIGTERM (logout, shutdown) quits as Ctrl+Q does
