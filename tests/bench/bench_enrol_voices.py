"""Does ``speakers enrol`` refuse a clip with several voices, and accept one voice? (app.voice_profiles.SECOND_VOICE_SHARE)

Each clip's truth comes from its reference turns: "several" when two speakers each hold at least 15 % of the speech.
The refusal rule (voices the built-in diarizer hears with at least SHARE of the speech) is reported at 10, 15 and 25 %,
on a dev part (what the 15 % was chosen on) and a report part (only reported), side by side.

Run: python -m tests.bench.bench_enrol_voices
"""
from __future__ import annotations

import json

import numpy as np

from app.engines import Engines
from app.voice_profiles import voices_heard
from audio_core.decode import decode_audio
from tests.bench.common import write_results
from tests.support.testdata import testdata_root

SHARES = (0.10, 0.15, 0.25)
SR = 16000


def _rttm_shares(path) -> list[float]:
    totals: dict[str, float] = {}
    for line in path.read_text().splitlines():
        parts = line.split()
        if parts and parts[0] == "SPEAKER":
            totals[parts[7]] = totals.get(parts[7], 0.0) + float(parts[4])
    whole = sum(totals.values())
    return sorted((v / whole for v in totals.values()), reverse=True)


def _clips():
    root = testdata_root()
    meeting = json.loads((root / "synthetic" / "meeting.json").read_text())["turns"]
    synthetic = decode_audio(root / "synthetic" / "meeting.wav")

    def voice(who, first=0, count=99):
        pieces = [synthetic[int(t["start"] * SR):int(t["end"] * SR)] for t in meeting if t["speaker"] == who][first:first + count]
        return np.concatenate(pieces)

    def mix(a, b):  # two synthetic voices taking turns
        return np.concatenate([voice(a, 0, 2), voice(b, 0, 2), voice(a, 2, 2)])

    yield "dev", "phone call", decode_audio(root / "real" / "pyannote_sample.wav"), _rttm_shares(root / "real" / "pyannote_sample.rttm")
    for name in ("dev00", "trn03"):
        yield "dev", name, decode_audio(root / "meetings" / f"{name}.wav"), _rttm_shares(root / "meetings" / f"{name}.rttm")
    for name in ("0870", "0880"):
        yield "dev", f"librivox {name}", decode_audio(root / "real" / f"librivox_sas-{name}.wav"), [1.0]
    yield "dev", "synthetic alex", voice("alex"), [1.0]
    yield "dev", "synthetic beth", voice("beth"), [1.0]
    yield "dev", "synthetic alex+beth", mix("alex", "beth"), None
    for name in ("dev01", "trn01", "trn04", "trn06"):
        yield "report", name, decode_audio(root / "meetings" / f"{name}.wav"), _rttm_shares(root / "meetings" / f"{name}.rttm")
    for name in ("0890", "0920", "0930"):
        yield "report", f"librivox {name}", decode_audio(root / "real" / f"librivox_sas-{name}.wav"), [1.0]
    yield "report", "synthetic chris", voice("chris"), [1.0]
    yield "report", "synthetic beth+chris", mix("beth", "chris"), None


def main() -> None:
    encoder = Engines().voice_encoder
    rows = []
    print(f"{'part':7} {'clip':22} {'truth':8} {'heard shares':22} " + " ".join(f"refuse@{s:.0%}" for s in SHARES))
    for part, name, audio, truth in _clips():
        several = truth is None or sum(share >= 0.15 for share in truth) > 1
        heard = [round(share, 2) for share, _ in voices_heard(encoder, audio)]
        refused = {f"{s:.2f}": sum(h >= s for h in heard) > 1 for s in SHARES}
        rows.append({"part": part, "clip": name, "several": several, "heard": heard, "refused": refused})
        print(f"{part:7} {name:22} {'several' if several else 'one':8} {str(heard):22} "
              + " ".join(f"{'yes' if refused[f'{s:.2f}'] else 'no':>10}" for s in SHARES))
    summary = {}
    for part in ("dev", "report"):
        for s in SHARES:
            key = f"{s:.2f}"
            part_rows = [r for r in rows if r["part"] == part]
            summary[f"{part}@{key}"] = {
                "several_refused": f"{sum(r['refused'][key] for r in part_rows if r['several'])}/{sum(r['several'] for r in part_rows)}",
                "one_accepted": f"{sum(not r['refused'][key] for r in part_rows if not r['several'])}/{sum(not r['several'] for r in part_rows)}",
            }
            print(f"{part:7} share {s:.0%}: several voices refused {summary[f'{part}@{key}']['several_refused']}, "
                  f"one voice accepted {summary[f'{part}@{key}']['one_accepted']}")
    write_results("enrol_voices", {"rows": rows, "summary": summary})


if __name__ == "__main__":
    main()
