"""``hushnote gui --screenshots``: every screen saved as a PNG, headless, with no network use."""
from __future__ import annotations

import pytest
from PySide6.QtGui import QImage


@pytest.mark.slow
def test_screenshots_of_every_screen_without_network(run_cli, clip, tmp_path):
    out = tmp_path / "shots"
    result = run_cli("gui", "--screenshots", str(out), "--sample", str(clip), env={"QT_QPA_PLATFORM": "offscreen"})
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.netlog == []
    from ui.screenshots import SCREENS

    for screen in SCREENS:
        image = QImage(str(out / f"{screen}.png"))
        small = screen == "duplicate"  # a question box, not a page
        assert not image.isNull() and image.width() >= 400 and image.height() >= (100 if small else 300), screen
        step = 5 if screen in ("duplicate", "forget") else 25  # dialogs: mostly plain background and thin text
        assert len({image.pixelColor(x, y).name() for x in range(0, image.width(), step)
                    for y in range(0, image.height(), step)}) > 5, screen
    assert "Traceback" not in result.stderr


def test_missing_sample_is_a_one_line_error(run_cli, tmp_path):
    result = run_cli("gui", "--screenshots", str(tmp_path / "s"), "--sample", str(tmp_path / "nope.wav"),
                     env={"QT_QPA_PLATFORM": "offscreen"})
    assert result.returncode == 2
    assert result.stderr.strip().startswith("hushnote: error:") and "Traceback" not in result.stderr
