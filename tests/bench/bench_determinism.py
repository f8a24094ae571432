"""Same audio, same words: Whisper's temperature fallback with and without seeded re-decodes, side by side.

"unseeded" is faster-whisper as it was (sampled re-decodes draw on from
wherever the process's generators stopped); "seeded" is Hushnote's recognizer
(``audio_core.seeded_sampling``: each window's re-decodes sample on a fresh copy
of the model from one seed). Each corpus is transcribed ``--repeats`` times in
one process by each; the table shows how many distinct transcripts came out,
the WER range and the CPU seconds. Dev part: the shared test data (LibriVox
clips, the real phone call, the synthetic meeting); report part: the bundled
sample, only reported.

Run: .venv/bin/python tests/bench/bench_determinism.py [--repeats 3]
Target: 1 distinct transcript per corpus for "seeded"; its WER within the unseeded range; CPU within +10 %.
"""
from __future__ import annotations

import argparse
import logging
import time

from bench_asr import decoder_corpora
from common import write_results


class Unseeded:
    """The loaded CTranslate2 model as faster-whisper uses it, sampling on its own worker threads."""

    def __init__(self, model):
        self._model = model

    def __getattr__(self, name):
        return getattr(self._model, name)

    def end_window(self) -> None:
        pass


class FallbackCounter(logging.Handler):
    def __init__(self):
        super().__init__(logging.DEBUG)
        self.windows = 0

    def emit(self, record):
        self.windows += "not met with temperature 0.0" in record.getMessage()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()

    from app.engines import EngineSettings, Engines
    from app.wer import word_error_rate
    from audio_core.decode import decode_audio
    from audio_core.memory import HeapForWorkers
    from audio_core.transcribe import AsrOptions, transcribe_array

    recognizer = Engines(EngineSettings(device="cpu")).recognizer
    seeded = recognizer.model.model  # HeapForWorkers(SeededSampling(the CTranslate2 model))
    unseeded = HeapForWorkers(Unseeded(seeded._model._model))
    counter = FallbackCounter()
    fw_logger = logging.getLogger("faster_whisper")
    fw_logger.setLevel(logging.DEBUG)
    fw_logger.addHandler(counter)
    options = AsrOptions(language="en")
    rows = []
    print(f"{'corpus':11} {'split':6} {'method':9} {'windows re-decoded':>18} {'distinct':>8} {'WER min':>8} {'WER max':>8} {'cpu s':>7}")
    for name, (split, items) in decoder_corpora().items():
        audios = [decode_audio(path) for path, _ in items]
        references = [reference for _, reference in items]
        for method in ("unseeded", "seeded"):
            recognizer.model.model = seeded if method == "seeded" else unseeded
            texts, wers, counter.windows = [], [], 0
            start = time.process_time()
            for _ in range(args.repeats):
                hypotheses = [" ".join(s.text for s in transcribe_array(recognizer, audio, options)) for audio in audios]
                texts.append(tuple(hypotheses))
                wers.append(word_error_rate(references, hypotheses))
            row = {"corpus": name, "split": split, "method": method, "fallback_windows": counter.windows // args.repeats,
                   "distinct": len(set(texts)), "wer_min": min(wers), "wer_max": max(wers),
                   "cpu_s": (time.process_time() - start) / args.repeats}
            rows.append(row)
            print(f"{name:11} {split:6} {method:9} {row['fallback_windows']:18d} {row['distinct']:8d} {row['wer_min']:8.1%} "
                  f"{row['wer_max']:8.1%} {row['cpu_s']:7.1f}", flush=True)
    recognizer.model.model = seeded
    print("results:", write_results("determinism", {"repeats": args.repeats, "rows": rows}))


if __name__ == "__main__":
    main()
