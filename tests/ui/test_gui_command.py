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
    for screen in ("unlock", "library", "note", "privacy", "export", "settings", "vocabulary", "record"):
        image = QImage(str(out / f"{screen}.png"))
        assert not image.isNull() and image.width() >= 400 and image.height() >= 300
        assert len({image.pixelColor(x, y).name() for x in range(0, image.width(), 25) for y in range(0, image.height(), 25)}) > 5
    assert "Traceback" not in result.stderr


def test_missing_sample_is_a_one_line_error(run_cli, tmp_path):
    result = run_cli("gui", "--screenshots", str(tmp_path / "s"), "--sample", str(tmp_path / "nope.wav"),
                     env={"QT_QPA_PLATFORM": "offscreen"})
    assert result.returncode == 2
    assert result.stderr.strip().startswith("hushnote: error:") and "Traceback" not in result.stderr
