"""Downloading a bigger model from a hub, against a local stand-in for the hub (no internet)."""
from __future__ import annotations

import filecmp

import pytest

from app.model_download import ModelDownloadError, download_model, plan_download, read_manifest, remove_model, staging_dir
from app.models_registry import is_downloaded, resolve_model
from audio_core.errors import Cancelled, ModelError
from audio_core.progress import CancelToken
from tests.support.local_hub import LocalHub

REPO = "Systran/faster-whisper-small"


@pytest.fixture
def hub(monkeypatch):
    """A local hub serving the bundled tiny.en files as the `small` repository; HF_ENDPOINT points at it."""
    with LocalHub() as local_hub:
        local_hub.add_repo(REPO, resolve_model("tiny.en").path)
        monkeypatch.setenv("HF_ENDPOINT", local_hub.endpoint)
        yield local_hub


def model_bin_size(hub) -> int:
    return len(hub.repos[REPO].files["model.bin"].data)


def test_full_download_installs_the_served_files_and_records_the_revision(hub):
    reports = []
    target = download_model(plan_download("small"), hook=lambda step, artifact=None, **kw: reports.append(kw))
    tiny = resolve_model("tiny.en").path
    for name in ("model.bin", "config.json", "tokenizer.json", "vocabulary.txt"):
        assert filecmp.cmp(target / name, tiny / name, shallow=False)
    assert not (target / "README.md").exists()  # only what faster-whisper loads
    manifest = read_manifest("small")
    assert manifest["revision"] == hub.repos[REPO].commit
    assert manifest["repository"] == REPO
    assert resolve_model("small").path == target
    assert reports[-1]["completed"] == reports[-1]["total"] == sum(f["size"] for f in manifest["files"].values())
    assert not staging_dir("small").exists()


def test_a_connection_dropped_halfway_resumes_where_it_stopped(hub):
    size = model_bin_size(hub)
    hub.faults.cut_after_bytes["model.bin"] = [size // 2]
    target = download_model(plan_download("small"))
    assert filecmp.cmp(target / "model.bin", resolve_model("tiny.en").path / "model.bin", shallow=False)
    resumed = [r for r in hub.requests if r.method == "GET" and r.path.endswith("model.bin") and r.range]
    assert len(resumed) == 1 and int(resumed[0].range.removeprefix("bytes=").rstrip("-")) > 0
    assert hub.bytes_sent("model.bin") < 1.5 * size  # not fetched again from the start


def test_a_cancelled_download_installs_nothing_and_the_next_run_resumes_it(hub):
    size = model_bin_size(hub)
    token = CancelToken()

    def cancel_halfway(step, artifact=None, *, completed=None, total=None):
        if artifact == "model.bin" and completed > size // 2:
            token.cancel()

    with pytest.raises(Cancelled):
        download_model(plan_download("small"), hook=cancel_halfway, cancel=token)
    assert not is_downloaded("small")
    with pytest.raises(ModelError, match="hushnote models download small"):
        resolve_model("small")
    kept = (staging_dir("small") / "model.bin.partial").stat().st_size
    assert kept > 0

    download_model(plan_download("small"))
    assert is_downloaded("small")
    resumed = [r for r in hub.requests if r.method == "GET" and r.path.endswith("model.bin") and r.range]
    assert [r.range for r in resumed] == [f"bytes={kept}-"]
    assert hub.bytes_sent("model.bin") < 1.5 * size


@pytest.mark.parametrize("bad_file", ["model.bin", "config.json"])  # an LFS file (SHA-256) and a small one (git blob id)
def test_a_file_not_matching_its_hash_is_refused_and_nothing_is_installed(hub, bad_file):
    hub.faults.corrupt.add(bad_file)
    with pytest.raises(ModelDownloadError, match=f"{bad_file} does not match"):
        download_model(plan_download("small"))
    assert not plan_download("small").target.exists()
    assert not staging_dir("small").exists()
    with pytest.raises(ModelError, match="not installed"):
        resolve_model("small")


def test_the_hub_stays_offline_outside_the_download(hub):
    from huggingface_hub import constants

    hub.faults.corrupt.add("model.bin")
    with pytest.raises(ModelDownloadError):
        download_model(plan_download("small"))
    assert constants.HF_HUB_OFFLINE is True
    hub.faults.corrupt.clear()
    download_model(plan_download("small"))
    assert constants.HF_HUB_OFFLINE is True


def test_an_unreachable_hub_gives_one_line_and_installs_nothing(monkeypatch):
    with LocalHub() as closed:
        endpoint = closed.endpoint
    monkeypatch.setenv("HF_ENDPOINT", endpoint)
    with pytest.raises(ModelDownloadError, match="could not reach 127.0.0.1") as failure:
        download_model(plan_download("small"))
    assert "\n" not in str(failure.value)
    assert not is_downloaded("small")


def test_remove_deletes_the_model_and_frees_its_space(hub):
    download_model(plan_download("small"))
    freed = remove_model("small")
    assert freed > model_bin_size(hub)
    assert not plan_download("small").target.exists()
    with pytest.raises(ModelError, match="nothing to remove"):
        remove_model("small")


@pytest.mark.parametrize("name", ["tiny.en", "base", "huge"])
def test_only_hub_models_can_be_downloaded(name):
    with pytest.raises(ModelError, match="not a model Hushnote downloads"):
        plan_download(name)


def test_a_second_download_of_the_same_model_waits_its_turn(hub):
    import fcntl

    from app import paths

    with (paths.models_dir() / ".download-small.lock").open("w") as held:  # as another running download holds it
        fcntl.flock(held, fcntl.LOCK_EX)
        with pytest.raises(ModelDownloadError, match="another download of small is running"):
            download_model(plan_download("small"))
    assert hub.requests == []
