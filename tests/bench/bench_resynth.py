"""Resynthesis ("resynth") against the default DSP method, side by side: attackers, words, speed, what is lost.

Run: .venv/bin/python tests/bench/bench_resynth.py [--draws 3] [--methods normalise_random,resynth]
Data: the shared test data's recordings. Every recording is first transcribed by
tiny.en with word times (what a note holds), its words given to the RTTM /
reference speaker they overlap most (``app.speakers.assign_speakers``, as an import does); "resynth" speaks that transcript
again, exactly as an export does (unredacted here: no personal data is
marked in the test data).

Split: dev = the synthetic meeting (the English voice pool was chosen on its
text); report = every real recording (six AMI-style meetings, the phone
call, LibriVox). Nothing was tuned on the report part.
Per method, per draw of note/attacker secrets, per encoder (Resemblyzer and
the d-vector ONNX model): EER of an ignorant attacker (enrols the original
voices) and a lazy-informed one (alienates its enrolment audio with the same
method and its own secret); bare tiny.en WER against the reference text on
the original and the alienated audio (synthetic and real apart); RTF (CPU
seconds, child processes included, per second of audio; and wall); and what
the voice keeps of the original's prosody: per turn, the correlation of the
pitch contour (semitones, frames voiced in both) and of the energy envelope
(dB, 20 ms frames) between original and alienated audio.
Writes tests/bench/results/resynth.json.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

import app  # noqa: E402,F401  (offline switches)
import numpy as np  # noqa: E402
import torch  # noqa: E402

torch.set_num_threads(1)
from app.engines import EngineSettings, Engines  # noqa: E402
from app.privacy.voice_attack import VoiceSegment, attack, embed_segments  # noqa: E402
from app.wer import word_error_rate  # noqa: E402
from audio_core.alienate.apply import LabelledTurn, alienate_recording  # noqa: E402
from audio_core.alienate.options import AlienationOptions  # noqa: E402
from audio_core.decode import decode_audio  # noqa: E402
from audio_core.dvector import DVectorEncoder  # noqa: E402
from audio_core.transcribe import AsrOptions, transcribe_array  # noqa: E402
from tests.bench.alienation_corpus import _pieces, _rttm_turns, _solo_stretches  # noqa: E402
from tests.bench.note_text import note_turns as _note_turns  # noqa: E402
from tests.support.testdata import testdata_root  # noqa: E402

DEV = ("synthetic",)
FRAME = 320  # 20 ms


def _secret(label: str) -> bytes:
    import hashlib

    return hashlib.sha256(label.encode()).digest()[:16]


def _heard(engines, audio, words: bool = False):
    return list(transcribe_array(engines.recognizer, audio, AsrOptions(language="en", word_timestamps=words)))


def load_recordings(data: Path) -> list[dict]:
    """Returns recordings: name, audio, turns, segments (attack pieces; trials stay within a group), transcript."""
    recordings = []
    meeting = json.loads((data / "synthetic" / "meeting.json").read_text())
    recordings.append(dict(name="synthetic", group="synthetic", audio=decode_audio(data / "synthetic" / "meeting.wav"),
                           turns=[LabelledTurn(t["start"], t["end"], t["speaker"]) for t in meeting["turns"]],
                           transcript=" ".join(t["text"] for t in meeting["turns"])))
    for rttm in sorted((data / "meetings").glob("*.rttm")):
        recordings.append(dict(name=rttm.stem, group=rttm.stem, audio=decode_audio(rttm.with_suffix(".wav")), turns=_rttm_turns(rttm)))
    recordings.append(dict(name="phone", group="real", audio=decode_audio(data / "real" / "pyannote_sample.wav"),
                           turns=_rttm_turns(data / "real" / "pyannote_sample.rttm"),
                           transcript=(data / "real" / "pyannote_sample.txt").read_text()))
    for wav in sorted((data / "real").glob("librivox_*.wav")):
        audio = decode_audio(wav)
        recordings.append(dict(name=wav.stem, group="real", audio=audio, turns=[LabelledTurn(0.0, audio.size / 16000, "reader")],
                               transcript=wav.with_suffix(".txt").read_text()))
    for rec in recordings:
        rec["segments"] = [p for t in rec["turns"] for lo, hi in _solo_stretches(rec["turns"], t)
                           for p in _pieces(rec["group"], t.speaker_id, lo, hi)]
        rec["segments"] = [VoiceSegment(p.recording, p.speaker, p.start_s, p.end_s) for p in rec["segments"]]
    return recordings


def centred_attack_eer(segments, enrol_embeddings, test_embeddings) -> float:
    """Returns the EER of ``attack``'s trials with each enrolled model's scores centred on their mean over the test
    segments it is compared with. Without this, a model that scores every synthetic voice high (a clean-channel
    original among telephone ones) turns uneven numbers of segments per speaker into an EER far from 50 % though the
    test audio says nothing about who spoke; a real leak survives the centring."""
    from collections import defaultdict

    from app.privacy.voice_attack import cosine, equal_error_rate

    sums = defaultdict(lambda: 0.0)
    for seg, e in zip(segments, enrol_embeddings):
        if e is not None:
            sums[(seg.recording, seg.speaker_id)] = sums[(seg.recording, seg.speaker_id)] + e
    trials = defaultdict(list)
    for seg, e in zip(segments, test_embeddings):
        if e is None:
            continue
        for (recording, speaker), total in sums.items():
            if recording == seg.recording:
                trials[(recording, speaker)].append((cosine(total, e), speaker == seg.speaker_id))
    scores, targets = [], []
    for model in trials.values():
        mean = float(np.mean([sc for sc, _ in model]))
        scores += [sc - mean for sc, _ in model]
        targets += [t for _, t in model]
    return equal_error_rate(scores, targets)


def _cpu_s() -> float:
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


def _semitone_contour(audio: np.ndarray) -> np.ndarray:
    import parselmouth

    pitch = parselmouth.Sound(audio.astype(np.float64), 16000).to_pitch(time_step=0.02, pitch_floor=60, pitch_ceiling=500)
    f0 = pitch.selected_array["frequency"]
    return np.where(f0 > 0, 12 * np.log2(np.maximum(f0, 1e-9) / 100.0), np.nan)


def _envelope_db(audio: np.ndarray) -> np.ndarray:
    n = audio.size // FRAME
    return 10 * np.log10(np.mean(audio[: n * FRAME].reshape(n, FRAME).astype(np.float64) ** 2, axis=1) + 1e-8)


def _corr(a: np.ndarray, b: np.ndarray) -> float | None:
    n = min(a.size, b.size)
    a, b = a[:n], b[:n]
    ok = ~(np.isnan(a) | np.isnan(b))
    if ok.sum() < 10 or np.std(a[ok]) == 0 or np.std(b[ok]) == 0:
        return None
    return float(np.corrcoef(a[ok], b[ok])[0, 1])


def prosody_kept(original: np.ndarray, alienated: np.ndarray, turns) -> tuple[float | None, float | None]:
    """Returns the mean per-turn (pitch contour, energy envelope) correlation of original and alienated audio."""
    pitch, energy = [], []
    for turn in turns:
        lo, hi = int(turn.start_s * 16000), int(turn.end_s * 16000)
        if hi - lo < 16000:
            continue
        p = _corr(_semitone_contour(original[lo:hi]), _semitone_contour(alienated[lo:hi]))
        e = _corr(_envelope_db(original[lo:hi]), _envelope_db(alienated[lo:hi]))
        pitch += [p] if p is not None else []
        energy += [e] if e is not None else []
    return (float(np.mean(pitch)) if pitch else None), (float(np.mean(energy)) if energy else None)


def measure(engines, encoders, recordings, method, draw, original_emb) -> dict:
    """Returns one draw's figures for ``method`` on dev and report parts."""
    options = AlienationOptions(method=method)
    cpu, wall = _cpu_s(), time.perf_counter()
    notes = [alienate_recording(r["audio"], r["note_turns"], options, _secret(f"{draw}note-{r['name']}")) for r in recordings]
    cpu, wall = _cpu_s() - cpu, time.perf_counter() - wall
    attackers = [alienate_recording(r["audio"], r["note_turns"], options, _secret(f"{draw}attacker-{r['name']}")) for r in recordings]
    out = {"rtf_cpu": cpu / sum(r["audio"].size / 16000 for r in recordings),
           "rtf_wall": wall / sum(r["audio"].size / 16000 for r in recordings)}
    for part, chosen in (("dev", [i for i, r in enumerate(recordings) if r["name"] in DEV]),
                         ("report", [i for i, r in enumerate(recordings) if r["name"] not in DEV])):
        figures = {}
        for encoder_name, encoder in encoders.items():
            segments = [s for i in chosen for s in recordings[i]["segments"]]
            original = [e for i in chosen for e in original_emb[encoder_name][i]]
            note = [e for i in chosen for e in embed_segments(encoder, notes[i], recordings[i]["segments"])]
            lazy = [e for i in chosen for e in embed_segments(encoder, attackers[i], recordings[i]["segments"])]
            figures[f"eer_ignorant_{encoder_name}"] = attack(segments, original, segments, note).eer
            figures[f"eer_lazy_{encoder_name}"] = attack(segments, lazy, segments, note).eer
            figures[f"trials_{encoder_name}"] = len(segments)
            # the same attacker enrolling each speaker's every other segment and tested on the rest: no trial then
            # shares its words (and their timing) with the enrolment, as in bench_alienation and unlike the per-note report
            order = {}
            halves = [order.setdefault((s.recording, s.speaker_id), []).append(k) or len(order[(s.recording, s.speaker_id)]) % 2
                      for k, s in enumerate(segments)]
            enrol = [e if h else None for e, h in zip(original, halves)]
            test = [e if not h else None for e, h in zip(note, halves)]
            try:
                figures[f"eer_ignorant_disjoint_{encoder_name}"] = attack(segments, enrol, segments, test).eer
            except ValueError:
                figures[f"eer_ignorant_disjoint_{encoder_name}"] = None
            figures[f"eer_ignorant_centred_{encoder_name}"] = centred_attack_eer(segments, original, note)
        texted = [i for i in chosen if "transcript" in recordings[i]]
        refs = [recordings[i]["transcript"] for i in texted]
        figures["wer_original"] = word_error_rate(refs, [recordings[i]["heard"] for i in texted])
        figures["wer_alienated"] = word_error_rate(refs, [" ".join(s.text for s in _heard(engines, notes[i])) for i in texted])
        figures["wer_increase_points"] = 100 * (figures["wer_alienated"] - figures["wer_original"])
        kept = [prosody_kept(recordings[i]["audio"], notes[i], recordings[i]["turns"]) for i in chosen]
        figures["pitch_contour_corr"] = _mean([k[0] for k in kept])
        figures["energy_envelope_corr"] = _mean([k[1] for k in kept])
        out[part] = figures
    return out


def _mean(values):
    values = [v for v in values if v is not None]
    return float(np.mean(values)) if values else None


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--methods", default="normalise_random,resynth")
    parser.add_argument("--draws", type=int, default=3)
    args = parser.parse_args()
    engines = Engines(EngineSettings(model="tiny.en", device="cpu"))
    encoders = {"resemblyzer": engines.voice_encoder, "dvector": DVectorEncoder()}
    recordings = load_recordings(testdata_root())
    for r in recordings:
        r["note_turns"] = _note_turns(engines, r["audio"], r["turns"])
        r["heard"] = " ".join(t.text for t in r["note_turns"])
    original_emb = {name: [embed_segments(enc, r["audio"], r["segments"]) for r in recordings] for name, enc in encoders.items()}
    rows = []
    for method in args.methods.split(","):
        draws = [measure(engines, encoders, recordings, method, f"draw{k}-" if k else "", original_emb) for k in range(args.draws)]
        rows.append(dict(method=method, draws=draws))
    keys = ["eer_ignorant_resemblyzer", "eer_lazy_resemblyzer", "eer_ignorant_dvector", "eer_lazy_dvector",
            "wer_original", "wer_alienated", "wer_increase_points", "pitch_contour_corr", "energy_envelope_corr"]
    total_s = sum(r["audio"].size for r in recordings) / 16000
    print(f"audio {total_s:.0f} s in {len(recordings)} recordings; dev: {', '.join(DEV)}; report: the real recordings; "
          f"{args.draws} draws (mean, worst in brackets); load average {os.getloadavg()[0]:.1f}")
    print(f"{'method':<18}{'part':<8}{'EER O-A rz':>14}{'EER A-A rz':>14}{'EER O-A dv':>14}{'EER A-A dv':>14}"
          f"{'WER orig':>9}{'WER alien':>10}{'+pts':>7}{'pitch r':>8}{'energy r':>9}{'RTF cpu':>8}{'wall':>6}")
    for row in rows:
        for part in ("dev", "report"):
            values = {k: [d[part][k] for d in row["draws"]] for k in keys}
            mean = {k: _mean(v) for k, v in values.items()}
            worst_eer = {k: min(v) for k, v in values.items() if k.startswith("eer")}
            cells = "".join(f"{100 * mean[k]:>7.1f} ({100 * worst_eer[k]:>4.1f})" for k in keys[:4])
            pitch = "-" if mean["pitch_contour_corr"] is None else f"{mean['pitch_contour_corr']:.2f}"
            energy = "-" if mean["energy_envelope_corr"] is None else f"{mean['energy_envelope_corr']:.2f}"
            print(f"{row['method']:<18}{part:<8}{cells}{100 * mean['wer_original']:>9.1f}{100 * mean['wer_alienated']:>10.1f}"
                  f"{max(values['wer_increase_points']):>+7.1f}{pitch:>8}{energy:>9}"
                  f"{_mean([d['rtf_cpu'] for d in row['draws']]):>8.3f}{_mean([d['rtf_wall'] for d in row['draws']]):>6.2f}")
    for row in rows:
        for part in ("dev", "report"):
            for kind in ("disjoint", "centred"):
                cells = []
                for name in ("resemblyzer", "dvector"):
                    v = [d[part].get(f"eer_ignorant_{kind}_{name}") for d in row["draws"]]
                    v = [x for x in v if x is not None]
                    cells.append(f"{name} {100 * np.mean(v):.1f} (worst {100 * min(v):.1f})" if v else f"{name} -")
                what = ("enrolment and test on different segments" if kind == "disjoint"
                        else "each enrolled model's scores centred")
                print(f"{row['method']:<18}{part:<8}ignorant, {what}: " + ", ".join(cells))
    print("EER: 50 % = chance (rz Resemblyzer, dv d-vector); +pts: the worst draw's WER increase; pitch r / energy r: "
          "per-turn correlation with the original (1 = kept)")
    out = ROOT / "tests" / "bench" / "results" / "resynth.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(dict(audio_s=total_s, dev=list(DEV), rows=rows), indent=2))
    print(out)


if __name__ == "__main__":
    main()
