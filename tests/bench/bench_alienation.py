"""Voice alienation against a Resemblyzer attacker, ASR utility and speed, for every method.

Run: .venv/bin/python tests/bench/bench_alienation.py [--strength 0.8 ...] [--methods mcadams,normalise] [--draws 2]
Data: LibriVox clips + the real phone call (real/), the six real meetings
(meetings/, RTTM turns) and the synthetic 3-voice meeting (synthetic/).

Attack scenarios (EER over every (enrolled speaker, test segment) trial
within a recording, pooled over recordings; 50 % is chance):
- original: enrol original voices, test original voices (the baseline);
- ignorant (O-A): enrol original voices, test the alienated export;
- lazy-informed (A-A): the attacker knows the method and strength and
  alienates its enrolment audio itself, with its own random parameters (it
  has no note secret), then tests the alienated export;
- same-secret (A-A'): enrolment alienated with the note's own parameters,
  i.e. speakers within one exported note stay distinguishable (by design).
Targets: ignorant EER >= 40 %, lazy-informed EER >= 30 %, WER increase
<= 5 points (tiny.en, LibriVox), RTF <= 0.05 on 2 cores. LibriVox has only
71 words (one word = 1.4 points), so the WER is also given over LibriVox,
the phone call and the synthetic meeting together (317 words, "WER+ all").
Every figure rests on one random draw of per-speaker parameters (a few
speakers, so EER and WER swing by several points between notes); --draws N
also alienates with N-1 further note/attacker secrets and prints the mean
under each row (the first row stays the fixed benchmark draw).
Writes tests/bench/results/alienation.json.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

import app  # noqa: E402,F401  (offline switches)
import torch  # noqa: E402

torch.set_num_threads(1)  # the attacker model is small; more threads only contend on 2 shared cores
from app.engines import EngineSettings, Engines  # noqa: E402
from app.privacy.voice_attack import VoiceSegment, attack, cosine, embed_segments  # noqa: E402
from app.wer import word_error_rate  # noqa: E402
from audio_core.alienate.apply import LabelledTurn, alienate_recording  # noqa: E402
from audio_core.alienate.options import AlienationOptions  # noqa: E402
from audio_core.decode import decode_audio  # noqa: E402
from audio_core.transcribe import AsrOptions, transcribe_array  # noqa: E402
from tests.support.testdata import testdata_root  # noqa: E402

MIN_TURN_S = 1.2
MAX_PIECE_S = 4.0


def _pieces(recording: str, speaker: str, start_s: float, end_s: float) -> list[VoiceSegment]:
    """Cuts a turn into pieces of at most MAX_PIECE_S (more trials, like a note's segments)."""
    out, t = [], start_s
    while end_s - t >= MIN_TURN_S:
        piece_end = min(end_s, t + MAX_PIECE_S)
        if end_s - piece_end < MIN_TURN_S:
            piece_end = end_s
        out.append(VoiceSegment(recording, speaker, t, piece_end))
        t = piece_end
    return out


def _rttm_turns(path: Path) -> list[LabelledTurn]:
    turns = []
    for line in path.read_text().splitlines():
        parts = line.split()
        if len(parts) >= 8 and parts[0] == "SPEAKER":
            start, duration = float(parts[3]), float(parts[4])
            turns.append(LabelledTurn(start, start + duration, parts[7]))
    return turns


def _solo_stretches(turns: list[LabelledTurn], turn: LabelledTurn) -> list[tuple[float, float]]:
    """Returns the parts of ``turn`` where no other speaker talks (overlap would blur the label)."""
    stretches = [(turn.start_s, turn.end_s)]
    for other in turns:
        if other.speaker_id == turn.speaker_id:
            continue
        cut = []
        for lo, hi in stretches:
            if other.end_s <= lo or other.start_s >= hi:
                cut.append((lo, hi))
                continue
            if other.start_s > lo:
                cut.append((lo, other.start_s))
            if other.end_s < hi:
                cut.append((other.end_s, hi))
        stretches = cut
    return stretches


def load_recordings(data: Path) -> list[dict]:
    """Returns recordings: name, group (trials stay within a group), audio, turns, segments."""
    recordings = []
    meeting = json.loads((data / "synthetic" / "meeting.json").read_text())
    turns = [LabelledTurn(t["start"], t["end"], t["speaker"]) for t in meeting["turns"]]
    recordings.append(dict(name="synthetic", group="synthetic", audio=decode_audio(data / "synthetic" / "meeting.wav"), turns=turns,
                           transcript=" ".join(t["text"] for t in meeting["turns"])))
    for rttm in sorted((data / "meetings").glob("*.rttm")):
        turns = _rttm_turns(rttm)
        recordings.append(dict(name=rttm.stem, group=rttm.stem, audio=decode_audio(rttm.with_suffix(".wav")), turns=turns))
    turns = _rttm_turns(data / "real" / "pyannote_sample.rttm")
    recordings.append(dict(name="phone", group="real", audio=decode_audio(data / "real" / "pyannote_sample.wav"), turns=turns,
                           transcript=(data / "real" / "pyannote_sample.txt").read_text()))
    for wav in sorted((data / "real").glob("librivox_*.wav")):
        audio = decode_audio(wav)
        recordings.append(dict(name=wav.stem, group="real", audio=audio, turns=[LabelledTurn(0.0, audio.size / 16000, "reader")],
                               reference=wav.with_suffix(".txt").read_text(), transcript=wav.with_suffix(".txt").read_text()))
    for rec in recordings:
        rec["segments"] = [p for t in rec["turns"] for lo, hi in _solo_stretches(rec["turns"], t)
                           for p in _pieces(rec["group"], t.speaker_id, lo, hi)]
    return recordings


def _secret(label: str) -> bytes:
    return hashlib.sha256(label.encode()).digest()[:16]


def transcribe_text(engines: Engines, audio) -> str:
    return " ".join(s.text for s in transcribe_array(engines.recognizer, audio, AsrOptions(language="en")))


MEAN_KEYS = ("eer_ignorant", "eer_lazy_informed", "eer_same_secret", "cosine_original_vs_alienated",
             "wer_increase_points", "wer_all_increase_points", "rtf_cpu")


def _draw_prefixes(n: int) -> list[str]:
    """Returns secret-label prefixes: the first draw is the benchmark's fixed one, further draws are extra notes."""
    return [""] + [f"draw{k}-" for k in range(1, n)]


def _mean(values):
    values = [v for v in values if v is not None]
    return sum(values) / len(values) if values else None


def _measure(engines, recordings, options, prefix, original_emb, heard_original, wer_original, wer_all_original) -> dict:
    """Returns one draw's figures: notes' secrets are labelled ``prefix + "note-" + name`` (attacker: "attacker-")."""
    encoder = engines.voice_encoder
    all_segments = [s for r in recordings for s in r["segments"]]
    librivox = [r for r in recordings if "reference" in r]
    transcribed = [r for r in recordings if "transcript" in r]
    started = time.process_time(), time.perf_counter()
    note_audio = [alienate_recording(r["audio"], r["turns"], options, _secret(prefix + "note-" + r["name"])) for r in recordings]
    cpu_s, wall_s = time.process_time() - started[0], time.perf_counter() - started[1]
    attacker_audio = [alienate_recording(r["audio"], r["turns"], options, _secret(prefix + "attacker-" + r["name"])) for r in recordings]
    note_emb = [e for r, a in zip(recordings, note_audio) for e in embed_segments(encoder, a, r["segments"])]
    attacker_emb = [e for r, a in zip(recordings, attacker_audio) for e in embed_segments(encoder, a, r["segments"])]
    ignorant = attack(all_segments, original_emb, all_segments, note_emb)
    lazy = attack(all_segments, attacker_emb, all_segments, note_emb)
    same_secret = attack(all_segments, note_emb, all_segments, note_emb)
    sims = [cosine(o, n) for o, n in zip(original_emb, note_emb) if o is not None and n is not None]
    wer = wer_all = None
    if heard_original is not None:
        by_name = {r["name"]: a for r, a in zip(recordings, note_audio)}
        heard = {r["name"]: transcribe_text(engines, by_name[r["name"]]) for r in transcribed}
        wer = word_error_rate([r["reference"] for r in librivox], [heard[r["name"]] for r in librivox])
        wer_all = word_error_rate([r["transcript"] for r in transcribed], [heard[r["name"]] for r in transcribed])
    total_s = sum(r["audio"].size for r in recordings) / 16000
    return dict(
        eer_ignorant=ignorant.eer, eer_lazy_informed=lazy.eer, eer_same_secret=same_secret.eer,
        cosine_original_vs_alienated=sum(sims) / len(sims),
        wer_original=wer_original, wer_alienated=wer,
        wer_increase_points=None if wer is None else 100 * (wer - wer_original),
        wer_all_original=wer_all_original, wer_all_alienated=wer_all,
        wer_all_increase_points=None if wer_all is None else 100 * (wer_all - wer_all_original),
        rtf_cpu=cpu_s / total_s, rtf_wall=wall_s / total_s,
        trials_target=ignorant.n_target, trials_nontarget=ignorant.n_nontarget,
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--methods", default="mcadams,pitch_formant,combined,normalise,normalise_random")
    parser.add_argument("--strength", type=float, nargs="+", default=[AlienationOptions().strength])
    parser.add_argument("--no-wer", action="store_true")
    parser.add_argument("--draws", type=int, default=1,
                        help="also alienate with N-1 further note/attacker secrets and report the mean (figures swing by draw)")
    args = parser.parse_args()
    engines = Engines(EngineSettings(model="tiny.en", device="cpu"))
    encoder = engines.voice_encoder
    recordings = load_recordings(testdata_root())
    total_s = sum(r["audio"].size for r in recordings) / 16000
    all_segments = [s for r in recordings for s in r["segments"]]
    original_emb = [e for r in recordings for e in embed_segments(encoder, r["audio"], r["segments"])]
    baseline = attack(all_segments, original_emb, all_segments, original_emb)
    librivox = [r for r in recordings if "reference" in r]
    refs = [r["reference"] for r in librivox]
    transcribed = [r for r in recordings if "transcript" in r]
    heard_original = {} if args.no_wer else {r["name"]: transcribe_text(engines, r["audio"]) for r in transcribed}
    wer_original = None if args.no_wer else word_error_rate(refs, [heard_original[r["name"]] for r in librivox])
    all_refs = [r["transcript"] for r in transcribed]
    wer_all_original = None if args.no_wer else word_error_rate(all_refs, [heard_original[r["name"]] for r in transcribed])
    rows = []
    for method in args.methods.split(","):
        for strength in args.strength:
            options = AlienationOptions(method=method, strength=strength)
            draws = [_measure(engines, recordings, options, prefix, original_emb, heard_original if not args.no_wer else None,
                              wer_original, wer_all_original) for prefix in _draw_prefixes(args.draws)]
            row = dict(method=method, strength=strength, **draws[0])
            if len(draws) > 1:
                row["mean_over_draws"] = {key: _mean([d[key] for d in draws]) for key in MEAN_KEYS}
                row["draws"] = len(draws)
            rows.append(row)
    load = os.getloadavg()[0]
    print(f"audio: {total_s:.0f} s in {len(recordings)} recordings, {len(all_segments)} segments; "
          f"cores: {len(os.sched_getaffinity(0))}; load average {load:.1f}; baseline EER (original vs original): {100 * baseline.eer:.1f} %")
    print(f"{'method':<14}{'str':>5}{'EER O-A':>9}{'EER A-A':>9}{'EER A-A*':>9}{'cos':>7}{'WER orig':>10}{'WER alien':>10}{'+pts':>7}{'WER+ all':>9}{'RTF cpu':>9}{'RTF wall':>9}")
    for r in rows:
        w = lambda v: "-" if v is None else f"{100 * v:.1f}"  # noqa: E731
        inc = "-" if r["wer_increase_points"] is None else f"{r['wer_increase_points']:+.1f}"
        inc_all = "-" if r["wer_all_increase_points"] is None else f"{r['wer_all_increase_points']:+.1f}"
        print(f"{r['method']:<14}{r['strength']:>5.2f}{100 * r['eer_ignorant']:>8.1f}%{100 * r['eer_lazy_informed']:>8.1f}%"
              f"{100 * r['eer_same_secret']:>8.1f}%{r['cosine_original_vs_alienated']:>7.3f}{w(r['wer_original']):>10}{w(r['wer_alienated']):>10}"
              f"{inc:>7}{inc_all:>9}{r['rtf_cpu']:>9.3f}{r['rtf_wall']:>9.3f}")
        if "mean_over_draws" in r:
            m = r["mean_over_draws"]
            wm = "-" if m["wer_increase_points"] is None else f"{m['wer_increase_points']:+.1f}"
            wa = "-" if m["wer_all_increase_points"] is None else f"{m['wer_all_increase_points']:+.1f}"
            print(f"{'  mean of ' + str(r['draws']):<19}{100 * m['eer_ignorant']:>8.1f}%{100 * m['eer_lazy_informed']:>8.1f}%"
                  f"{100 * m['eer_same_secret']:>8.1f}%{m['cosine_original_vs_alienated']:>7.3f}{'':>20}{wm:>7}{wa:>9}{m['rtf_cpu']:>9.3f}")
    print("targets: EER O-A >= 40 %, EER A-A (lazy-informed) >= 30 %, WER +<= 5 points, RTF <= 0.05; A-A* = same note secret (informational)")
    out = ROOT / "tests" / "bench" / "results" / "alienation.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(dict(audio_s=total_s, baseline_eer=baseline.eer, load_average=load, rows=rows), indent=2))
    print(out)


if __name__ == "__main__":
    main()
