"""Downloads a known Whisper model from its hub repository, only when the user asks.

This is the one code path in Hushnote that connects to a network. Everywhere
else the hub stays offline (``HF_HUB_OFFLINE=1``, :mod:`audio_core.offline`);
:func:`download_model` lifts that switch for its own calls only.

Files arrive in a staging folder under the data directory (``models/.downloads``),
where a file cut off halfway is kept and resumed by the next attempt. Each file
is checked against the hash the hub serves for it (SHA-256 for LFS files, the
git blob id for small ones); the model is moved into place, with a manifest
recording the repository and revision, only when every file matched.
"""
from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from app import paths
from app.models_registry import KNOWN_MODELS, MANIFEST_NAME, KnownModel, downloaded_model_dir
from audio_core.errors import Cancelled, ModelError
from audio_core.progress import NEVER_CANCELLED, CancelToken, ProgressHook, no_progress

logger = logging.getLogger(__name__)

DEFAULT_ENDPOINT = "https://huggingface.co"
# What faster-whisper itself fetches from a CTranslate2 Whisper repository.
WANTED_FILES = ("config.json", "preprocessor_config.json", "model.bin", "tokenizer.json")
WANTED_PREFIXES = ("vocabulary.",)
PARTIAL_SUFFIX = ".partial"


class ModelDownloadError(ModelError):
    """A download that could not finish or did not verify; nothing was installed."""


@dataclass(frozen=True)
class DownloadPlan:
    """What a download will contact and where it will install, known before any connection."""

    model: KnownModel
    endpoint: str
    revision: str
    target: Path

    @property
    def host(self) -> str:
        """Returns the host name the download connects to first."""
        return urlsplit(self.endpoint).hostname or self.endpoint

    @property
    def repository(self) -> str:
        """Returns the hub repository id, for example ``Systran/faster-whisper-small``."""
        return self.model.hub_repo or ""

    def describe(self) -> str:
        """Returns what the download will contact and fetch, in words, for the user to consent to."""
        return (f"This downloads Whisper {self.model.name} ({self.model.languages}, about {self.model.size_bytes / 1e6:,.0f} MB)\n"
                f"  from host:   {self.host} (large files come from its download servers)\n"
                f"  repository:  {self.repository}, revision {self.revision}\n"
                f"  into:        {self.target}\n"
                f"Nothing else is sent: no account, no token, no audio, no text.")


@dataclass(frozen=True)
class RemoteFile:
    """One file of the repository at a fixed revision, with the hash the hub states for it."""

    name: str
    size: int
    sha256: str | None  # LFS files
    git_blob_id: str | None  # every file: git's sha1 of "blob <size>\0<content>"


def plan_download(name: str, revision: str = "main") -> DownloadPlan:
    """Returns the plan for downloading model ``name`` (no network use).

    The endpoint is ``HF_ENDPOINT`` if set (a mirror, or the test suite's local hub).
    Raises ModelError when ``name`` is not a model Hushnote can download.
    """
    model = KNOWN_MODELS.get(name)
    if model is None or not model.hub_repo:
        downloadable = ", ".join(n for n, m in KNOWN_MODELS.items() if m.hub_repo)
        raise ModelError(f"{name!r} is not a model Hushnote downloads: choose one of {downloadable}")
    endpoint = (os.environ.get("HF_ENDPOINT") or DEFAULT_ENDPOINT).rstrip("/")
    return DownloadPlan(model, endpoint, revision, downloaded_model_dir(name))


def staging_dir(name: str) -> Path:
    """Returns the folder where an unfinished download of ``name`` is kept for resuming."""
    return paths.models_dir() / ".downloads" / name


def partial_bytes(name: str) -> int:
    """Returns how many bytes of an unfinished download of ``name`` are kept for a resume (0 if none)."""
    staging = staging_dir(name)
    return sum(p.stat().st_size for p in staging.iterdir() if p.is_file()) if staging.is_dir() else 0


def download_model(plan: DownloadPlan, hook: ProgressHook = no_progress, cancel: CancelToken = NEVER_CANCELLED) -> Path:
    """Downloads, verifies and installs the planned model; returns its installed folder.

    Progress goes to ``hook("download", file_name, completed=bytes, total=bytes)``.
    Raises Cancelled when ``cancel`` is set (the partial files stay for a resume),
    ModelDownloadError when the hub cannot be reached, a file does not match its
    hash (the staging folder is then deleted) or the disk is too small.
    """
    with _only_download_of(plan.model.name), _hub_online():
        revision, files = _list_remote_files(plan)
        staging = _staging_for(plan.model.name, revision)
        _check_free_space(staging, files)
        total = sum(f.size for f in files)
        done = sum(_local_size(staging, f) for f in files)
        for remote in files:
            cancel.check()
            done = _fetch(plan, revision, remote, staging, hook, cancel, done, total)
            _verify_or_refuse(staging, remote)
        _write_manifest(plan, revision, files, staging)
        if plan.target.exists():
            shutil.rmtree(plan.target)
        os.replace(staging, plan.target)
    logger.info("installed %s (revision %s) in %s", plan.model.name, revision, plan.target)
    return plan.target


def remove_model(name: str) -> int:
    """Deletes a downloaded model and any unfinished download of it; returns the bytes freed.

    Raises ModelError when ``name`` is not a downloadable model or nothing of it is on disk,
    ModelDownloadError while a download of it runs.
    """
    plan = plan_download(name)
    with _only_download_of(name):  # never pull files from under a running download
        folders = [f for f in (plan.target, staging_dir(name)) if f.exists()]
        if not folders:
            raise ModelError(f"the model {name!r} is not installed, so there is nothing to remove")
        freed = sum(p.stat().st_size for folder in folders for p in folder.rglob("*") if p.is_file())
        for folder in folders:
            shutil.rmtree(folder)
    return freed


def read_manifest(name: str) -> dict | None:
    """Returns the manifest of an installed downloaded model (repository, revision, files), or None."""
    path = downloaded_model_dir(name) / MANIFEST_NAME
    return json.loads(path.read_text()) if path.is_file() else None


@contextmanager
def _only_download_of(name: str) -> Iterator[None]:
    """Holds a lock so two downloads of one model never write the same partial files."""
    import fcntl

    lock_path = paths.models_dir() / f".download-{name}.lock"
    with lock_path.open("w") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise ModelDownloadError(f"another download of {name} is running; wait for it or cancel it") from None
        yield


@contextmanager
def _hub_online() -> Iterator[None]:
    """Lifts huggingface_hub's offline switch for this call path only; the environment keeps HF_HUB_OFFLINE=1."""
    from huggingface_hub import constants

    was_offline = constants.HF_HUB_OFFLINE
    constants.HF_HUB_OFFLINE = False
    try:
        yield
    finally:
        constants.HF_HUB_OFFLINE = was_offline


def _wanted(file_name: str) -> bool:
    return file_name in WANTED_FILES or file_name.startswith(WANTED_PREFIXES)


def _list_remote_files(plan: DownloadPlan) -> tuple[str, list[RemoteFile]]:
    from huggingface_hub import HfApi

    try:
        info = HfApi(endpoint=plan.endpoint, token=False).model_info(plan.repository, revision=plan.revision, files_metadata=True)
    except Exception as exc:  # library and network errors alike: the user gets one line
        raise ModelDownloadError(f"could not reach {plan.host} for {plan.repository}: {_reason(exc)}") from None
    if not info.sha or not info.siblings:
        raise ModelDownloadError(f"{plan.host} did not list the files of {plan.repository} at {plan.revision!r}")
    files = [
        RemoteFile(s.rfilename, int(s.lfs.size if s.lfs else s.size or 0), s.lfs.sha256 if s.lfs else None, s.blob_id)
        for s in info.siblings
        if _wanted(s.rfilename)
    ]
    if not {"model.bin", "config.json"} <= {f.name for f in files}:
        raise ModelDownloadError(f"{plan.repository} at {info.sha[:12]} is not a CTranslate2 Whisper model (no model.bin/config.json)")
    return info.sha, files


def _staging_for(name: str, revision: str) -> Path:
    """Returns the staging folder for ``revision``, dropping partial files of any other revision."""
    staging = staging_dir(name)
    marker = staging / ".revision"
    if staging.exists() and (not marker.is_file() or marker.read_text() != revision):
        shutil.rmtree(staging)
    staging.mkdir(parents=True, exist_ok=True, mode=0o700)
    marker.write_text(revision)
    return staging


def _check_free_space(staging: Path, files: list[RemoteFile]) -> None:
    needed = sum(max(f.size - _local_size(staging, f), 0) for f in files)
    free = shutil.disk_usage(staging).free
    if needed > free:
        raise ModelDownloadError(f"not enough disk space: the download needs {needed / 1e6:,.0f} MB, {free / 1e6:,.0f} MB are free")


def _local_size(staging: Path, remote: RemoteFile) -> int:
    for candidate in (staging / remote.name, staging / (remote.name + PARTIAL_SUFFIX)):
        if candidate.is_file():
            return candidate.stat().st_size
    return 0


def _fetch(plan: DownloadPlan, revision: str, remote: RemoteFile, staging: Path, hook: ProgressHook,
           cancel: CancelToken, done: int, total: int) -> int:
    """Downloads one file into ``staging`` (resuming a partial one); returns the bytes done in all."""
    from huggingface_hub import get_hf_file_metadata, hf_hub_url
    from huggingface_hub.file_download import http_get
    from huggingface_hub.utils import build_hf_headers

    final = staging / remote.name
    if final.is_file():
        return done
    partial = staging / (remote.name + PARTIAL_SUFFIX)
    have = partial.stat().st_size if partial.is_file() else 0
    if have > remote.size:
        partial.unlink()
        done, have = done - have, 0
    headers = build_hf_headers(token=False)
    progress = {"done": done}

    def count(n_bytes: int) -> None:
        progress["done"] += n_bytes
        hook("download", remote.name, completed=progress["done"], total=total)
        cancel.check()

    try:
        url = hf_hub_url(plan.repository, remote.name, revision=revision, endpoint=plan.endpoint)
        metadata = get_hf_file_metadata(url, token=False, endpoint=plan.endpoint)
        _check_metadata(plan, revision, remote, metadata)
        with partial.open("ab") as out:
            http_get(metadata.location, out, resume_size=have, headers=headers, expected_size=remote.size,
                     displayed_filename=remote.name, tqdm_class=_byte_counter(count))
    except (ModelDownloadError, Cancelled):
        raise
    except Exception as exc:  # network and library errors alike: the partial file stays for a resume
        raise ModelDownloadError(f"the download of {remote.name} from {plan.host} stopped ({_reason(exc)}); "
                                 f"run the same command again to resume it") from None
    hook("download", remote.name, completed=progress["done"], total=total)
    os.replace(partial, final)
    return progress["done"]


def _check_metadata(plan: DownloadPlan, revision: str, remote: RemoteFile, metadata) -> None:
    """Refuses a file whose HEAD answer disagrees with the repository listing (another revision, size or hash)."""
    stated = {h for h in (remote.sha256, remote.git_blob_id) if h}
    if metadata.commit_hash and metadata.commit_hash != revision:
        raise ModelDownloadError(f"{plan.host} served {remote.name} from revision {metadata.commit_hash[:12]}, not {revision[:12]}")
    if metadata.size is not None and metadata.size != remote.size:
        raise ModelDownloadError(f"{plan.host} states two sizes for {remote.name} ({metadata.size} and {remote.size} bytes)")
    if metadata.etag and stated and metadata.etag not in stated:
        raise ModelDownloadError(f"{plan.host} states two hashes for {remote.name}; refusing it")


def _byte_counter(count: Callable[[int], None]) -> type:
    """Returns a tqdm stand-in for huggingface_hub that forwards downloaded byte counts to ``count``."""

    class ByteCounter:
        def __init__(self, *args, **kwargs) -> None:
            pass

        def __enter__(self) -> ByteCounter:
            return self

        def __exit__(self, *exc_info) -> None:
            return None

        def update(self, n_bytes: int | float | None = 1) -> None:
            count(int(n_bytes or 0))

    return ByteCounter


def _file_hashes(path: Path) -> tuple[str, str]:
    """Returns (sha256, git blob id) of the file at ``path``."""
    sha256 = hashlib.sha256()
    git = hashlib.sha1(f"blob {path.stat().st_size}\0".encode())
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            sha256.update(block)
            git.update(block)
    return sha256.hexdigest(), git.hexdigest()


def _verify_or_refuse(staging: Path, remote: RemoteFile) -> None:
    """Returns when the file matches the hub's hash; otherwise deletes the whole staging folder and raises."""
    path = staging / remote.name
    sha256, git_blob_id = _file_hashes(path)
    if remote.sha256:
        matches = sha256 == remote.sha256
    elif remote.git_blob_id:
        matches = git_blob_id == remote.git_blob_id
    else:
        matches = False  # a file the hub states no hash for cannot be checked, so it is not trusted
    if not matches:
        shutil.rmtree(staging, ignore_errors=True)
        raise ModelDownloadError(f"{remote.name} does not match the hash the hub states for it; refused, nothing was installed")


def _write_manifest(plan: DownloadPlan, revision: str, files: list[RemoteFile], staging: Path) -> None:
    manifest = {
        "model": plan.model.name,
        "repository": plan.repository,
        "endpoint": plan.endpoint,
        "revision": revision,
        "downloaded_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "files": {f.name: {"size": f.size, "sha256": f.sha256, "git_blob_id": f.git_blob_id} for f in files},
    }
    (staging / ".revision").unlink(missing_ok=True)
    (staging / MANIFEST_NAME).write_text(json.dumps(manifest, indent=2))


def _reason(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[0] if text else type(exc).__name__
