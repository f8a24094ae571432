"""How close each benchmark speaker's own voice is to each resynthesis base voice, and the threshold that excludes them.

Run: .venv/bin/python tests/bench/bench_resynth_coincidence.py [--quick] [--meeting [--draws 10]]

Tune part (the threshold is chosen here only): each encoder's equal-error
threshold on the TUNE speakers' original pieces (enrolled speaker vs test
piece, same person or not): at or above it an attacker holding the original
voice calls two voices one person. Report part (never tuned on): for every
speaker, tune and report apart, the similarity of their whole print (as
resynthesis measures it) to every English base voice and the candidates
(flite awb and kal), and which base voices ``voice_coincidence`` excludes for
them. A speaker who IS a base voice (piper joe, flite slt/rms/kal16 in the
corpus) must lose it; real people should lose none. Writes
tests/bench/results/resynth_coincidence.json.

--meeting (report only): the synthetic 3-voice meeting, whose speakers ARE
pool voices (piper joe, flite slt and rms), resynthesised from tiny.en's note
text with the same secrets by the previous draw (blind to the voices) and
today's; per draw, which base voice each speaker got and the per-note
ignorant attacker's EER (each turn against the original voices, as the
privacy report scores it), both encoders. Writes resynth_meeting.json.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

import app  # noqa: E402,F401  (offline switches)
import numpy as np  # noqa: E402

from audio_core import SAMPLE_RATE  # noqa: E402
from audio_core.alienate.apply import LabelledTurn  # noqa: E402
from audio_core.alienate.resynth_voices import ENGLISH_VOICES  # noqa: E402
from audio_core.alienate.tts import Synthesizer, TtsVoice  # noqa: E402
from audio_core.alienate.voice_coincidence import CLOSE_SIMILARITY, default_printer, is_close, similarity  # noqa: E402
from tests.bench.alienation_corpus import REPORT, TUNE, load_corpus  # noqa: E402
from tests.support.testdata import testdata_root  # noqa: E402

CANDIDATES = (TtsVoice("flite", "awb"), TtsVoice("flite", "kal"))
RESULTS = ROOT / "tests" / "bench" / "results" / "resynth_coincidence.json"


def eer_threshold(scores: np.ndarray, same: np.ndarray) -> tuple[float, float]:
    """Returns (EER, the threshold where false accepts and false rejects meet)."""
    best = (1.0, 0.0)
    for threshold in np.unique(scores):
        false_accept = float(np.mean(scores[~same] >= threshold))
        false_reject = float(np.mean(scores[same] < threshold))
        gap = abs(false_accept - false_reject)
        if gap < best[0]:
            best = (gap, float(threshold), (false_accept + false_reject) / 2)
    return best[2], best[1]


def base_matrix(base: dict) -> dict:
    """Prints and returns every base voice's similarity (Resemblyzer / d-vector) to every other: a candidate close
    to a pool voice adds no new voice to the secret space."""
    labels = list(base)
    print("\nbase voices against each other, Resemblyzer / d-vector; * = close")
    out = {}
    for a in labels:
        cells = []
        for b in labels:
            sim = similarity(base[a], base[b])
            out[f"{a} | {b}"] = sim
            cells.append(f"{sim['resemblyzer']:.2f}/{sim['dvector']:.2f}{'*' if a != b and is_close(base[a], base[b]) else ' '}".rjust(14))
        print(f"  {a[:26]:26s}" + "".join(cells))
    return out


def meeting(draws: int) -> None:
    """Prints the synthetic meeting's per-note ignorant attacker, previous draw vs today's, on the same secrets."""
    import audio_core.alienate.resynth_voices as voices_module
    from app.engines import EngineSettings, Engines
    from app.privacy.attackers import ENCODERS, make_encoder
    from app.privacy.voice_attack import VoiceSegment, attack, embed_segments
    from audio_core.alienate.resynth import drawn_voices, resynthesise_recording
    from audio_core.decode import decode_audio
    from tests.bench.note_text import note_turns

    data = testdata_root() / "synthetic"
    names = {"alex": "piper-joe", "beth": "flite-slt", "chris": "flite-rms"}
    own_label = {"piper-joe": "piper en_US-joe-medium", "flite-slt": "flite slt", "flite-rms": "flite rms"}
    audio = decode_audio(data / "meeting.wav")
    turns = [LabelledTurn(t["start"], t["end"], names[t["speaker"]], t["text"])
             for t in json.loads((data / "meeting.json").read_text())["turns"]]
    engines = Engines(EngineSettings(model="tiny.en", device="cpu"))
    note = note_turns(engines, audio, turns)
    segments = [VoiceSegment("meeting", t.speaker_id, t.start_s, t.end_s) for t in turns if t.end_s - t.start_s >= 1.0]
    encoders = {name: make_encoder(name, engines) for name in ENCODERS}
    original = {name: embed_segments(enc, audio, segments) for name, enc in encoders.items()}
    results = {}
    for variant, avoid in (("previous", False), ("current", True)):
        voices_module.AVOID_OWN_VOICE = avoid
        rows = []
        for draw in range(draws):
            secret = f"meeting-draw{draw}".encode()
            out = resynthesise_recording(audio, note, secret)
            given = {s: v.base.label for s, v in drawn_voices(audio, note, secret).items()}
            own = sum(given[s] == own_label[s] for s in given)
            eers = {name: attack(segments, original[name], segments, embed_segments(enc, out, segments)).eer
                    for name, enc in encoders.items()}
            rows.append(dict(voices=given, own_voice=own, eer=eers))
            print(f"  {variant:9s} draw {draw + 1}: own voice {own}/3, EER " +
                  " / ".join(f"{100 * v:.1f}" for v in eers.values()) + " %", flush=True)
        results[variant] = rows
    voices_module.AVOID_OWN_VOICE = True
    print("\nsynthetic meeting, per-note ignorant attacker, EER mean (worst) over", draws, "draws:")
    for variant, rows in results.items():
        cells = [f"{name} {100 * np.mean([r['eer'][name] for r in rows]):.1f} ({100 * min(r['eer'][name] for r in rows):.1f}) %"
                 for name in encoders]
        print(f"  {variant:9s} " + ", ".join(cells) + f"; speakers in their own voice {sum(r['own_voice'] for r in rows)}"
              f"/{3 * len(rows)}")
    path = RESULTS.with_name("resynth_meeting.json")
    path.write_text(json.dumps(results, indent=1))
    print(f"wrote {path}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--meeting", action="store_true")
    parser.add_argument("--draws", type=int, default=10)
    args = parser.parse_args()
    if args.meeting:
        return meeting(args.draws)
    started = time.perf_counter()
    corpus = load_corpus(testdata_root(), quick=args.quick)
    audio = {r.name: r.audio for r in corpus.recordings}
    printer = default_printer()
    cut = {id(p): audio[p.recording][int(p.start_s * SAMPLE_RATE) : int(p.end_s * SAMPLE_RATE)] for p in corpus.pieces}
    piece_prints = {id(p): printer.voice_print(cut[id(p)]) for p in corpus.pieces}
    speakers = corpus.speakers()
    whole = {s: printer.voice_print(np.concatenate([cut[id(p)] for p in corpus.pieces if p.speaker == s])) for s in speakers}

    thresholds, eers = {}, {}
    for name in printer.encoders:  # tune speakers only
        enrolled = {}
        for s in speakers:
            if s in TUNE:
                vectors = [piece_prints[id(p)].embeddings[name] for p in corpus.pieces if p.speaker == s and p.role == "enrol"]
                mean = np.mean(vectors, axis=0)
                enrolled[s] = mean / np.linalg.norm(mean)
        scores, same = [], []
        for p in corpus.pieces:
            if p.speaker in enrolled and p.role == "test":
                for s, vector in enrolled.items():
                    scores.append(float(np.dot(vector, piece_prints[id(p)].embeddings[name])))
                    same.append(s == p.speaker)
        eers[name], thresholds[name] = eer_threshold(np.array(scores), np.array(same))
    print("tune: EER / threshold per encoder (the shipped CLOSE_SIMILARITY in brackets)")
    for name in thresholds:
        print(f"  {name:12s} {100 * eers[name]:5.1f} %  {thresholds[name]:.3f}  ({CLOSE_SIMILARITY[name]:.2f})")

    synthesizer = Synthesizer()
    base = printer.base_prints(ENGLISH_VOICES + CANDIDATES, synthesizer)
    labels = [v.label for v in ENGLISH_VOICES + CANDIDATES]
    matrix = base_matrix(base)
    rows = []
    for part, names in (("tune", TUNE), ("report", REPORT)):
        print(f"\n{part}: similarity Resemblyzer / d-vector to each base voice; * = excluded (close)")
        print("  speaker".ljust(28) + "".join(label.split()[-1][:16].rjust(14) for label in labels))
        for s in speakers:
            if s not in names or whole[s] is None:
                continue
            cells, row = [], {"speaker": s, "part": part, "similarity": {}, "excluded": []}
            for label in labels:
                sim = similarity(whole[s], base[label])
                close = is_close(whole[s], base[label])
                row["similarity"][label] = sim
                if close:
                    row["excluded"].append(label)
                cells.append(f"{sim['resemblyzer']:.2f}/{sim['dvector']:.2f}{'*' if close else ' '}".rjust(14))
            rows.append(row)
            print(f"  {s[:26]:26s}" + "".join(cells))
    for part in ("tune", "report"):
        part_rows = [r for r in rows if r["part"] == part]
        excluded = sum(1 for r in part_rows for label in r["excluded"] if label in {v.label for v in ENGLISH_VOICES})
        print(f"{part}: {excluded} pool voices excluded over {len(part_rows)} speakers")
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps({"tune_eer": eers, "tune_threshold": thresholds, "shipped": CLOSE_SIMILARITY,
                                   "rows": rows, "base_matrix": matrix, "seconds": time.perf_counter() - started}, indent=1))
    print(f"\nwrote {RESULTS} ({time.perf_counter() - started:.0f} s)")


if __name__ == "__main__":
    main()
