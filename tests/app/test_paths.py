"""Where Hushnote's folders are: XDG directories, or everything under HUSHNOTE_HOME."""
from __future__ import annotations

from app.paths import cache_dir, config_dir, data_dir


def test_everything_lives_under_hushnote_home_when_it_is_set(tmp_path, monkeypatch):
    monkeypatch.setenv("HUSHNOTE_HOME", str(tmp_path / "portable"))
    assert data_dir() == tmp_path / "portable"
    assert config_dir() == tmp_path / "portable" / "config"
    assert cache_dir() == tmp_path / "portable" / "cache"


def test_xdg_directories_are_used_otherwise(tmp_path, monkeypatch):
    monkeypatch.delenv("HUSHNOTE_HOME", raising=False)
    for variable, name in (("XDG_DATA_HOME", "data"), ("XDG_CONFIG_HOME", "config"), ("XDG_CACHE_HOME", "cache")):
        monkeypatch.setenv(variable, str(tmp_path / name))
    assert data_dir() == tmp_path / "data" / "hushnote" and (tmp_path / "data" / "hushnote").is_dir()
    assert config_dir() == tmp_path / "config" / "hushnote"
    assert cache_dir() == tmp_path / "cache" / "hushnote" and not cache_dir().exists()  # made only when used
