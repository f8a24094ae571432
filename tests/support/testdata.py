"""Locating the shared test data, fetching it from PyPI source distributions when absent.

``$HUSHNOTE_TESTDATA`` is used when set (a git worktree has no ``../shared``), else
``../shared/testdata`` (beside the project root) when present. Without
it, the same files are extracted from the sdists its README names into
``tests/.cache/testdata`` (the synthetic meeting has no sdist; tests that need
it skip with a reason).
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[2]
# A git worktree sits deeper than the main checkout; HUSHNOTE_TESTDATA names the shared folder there.
SHARED = Path(os.environ.get("HUSHNOTE_TESTDATA") or PROJECT_ROOT.parent / "shared" / "testdata")
CACHE = PROJECT_ROOT / "tests" / ".cache" / "testdata"
NETGUARD = PROJECT_ROOT / "tests" / "support" / "netguard"  # on a child's PYTHONPATH: its sitecustomize forbids the network

# sdist -> {member suffix inside the archive: destination relative to testdata}
SOURCES = {
    "pyannote.audio==4.0.7": {
        "src/pyannote/audio/sample/sample.wav": "real/pyannote_sample.wav",
        "src/pyannote/audio/sample/sample.stm": "real/pyannote_sample.stm",
        "src/pyannote/audio/sample/sample.rttm": "real/pyannote_sample.rttm",
        **{f"tests/data/{n}.wav": f"meetings/{n}.wav" for n in ("dev00", "dev01", "trn01", "trn03", "trn04", "trn06")},
        **{f"tests/data/debug.{n}.rttm": f"meetings/{n}.rttm" for n in ("dev00", "dev01", "trn01", "trn03", "trn04", "trn06")},
    },
    "pocketsphinx==5.1.1": {
        f"test/data/librivox/sense_and_sensibility_01_austen_64kb-{n}.{ext}": f"real/librivox_sas-{n}.{ext}"
        for n in ("0870", "0880", "0890", "0920", "0930")
        for ext in ("wav", "txt")
    },
}


def testdata_root() -> Path:
    """Returns the test data folder, fetching it into the cache if neither $HUSHNOTE_TESTDATA nor ../shared is there."""
    if os.environ.get("HUSHNOTE_TESTDATA"):
        return Path(os.environ["HUSHNOTE_TESTDATA"])
    if SHARED.is_dir():
        return SHARED
    marker = CACHE / ".complete"
    if not marker.exists():
        _fetch_all()
        marker.touch()
    return CACHE


def _fetch_all() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        for requirement, members in SOURCES.items():
            subprocess.run(
                [sys.executable, "-m", "pip", "download", "--no-deps", "--no-binary", ":all:", "-d", tmp, requirement],
                check=True,
                stdout=subprocess.DEVNULL,
            )
            archive = next(p for p in Path(tmp).iterdir() if p.name.lower().startswith(requirement.split("==")[0].replace(".", "_").lower()) or p.name.lower().startswith(requirement.split("==")[0].lower()))
            with tarfile.open(archive) as tar:
                for member in tar.getmembers():
                    for suffix, destination in members.items():
                        if member.name.endswith(suffix):
                            target = CACHE / destination
                            target.parent.mkdir(parents=True, exist_ok=True)
                            with tar.extractfile(member) as src, target.open("wb") as dst:
                                shutil.copyfileobj(src, dst)
            archive.unlink()
