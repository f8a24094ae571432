"""Benchmark of the encrypted notebook: unlock time, bulk insert, FTS latency, SQLCipher vs plain sqlite3.

Both stores get the same schema, the same pragmas (WAL, synchronous=FULL,
foreign keys, secure_delete) and the same rows, written by the same code, one
transaction per note. Run: ``.venv/bin/python tests/bench/bench_store.py``
(10,000 notes x 2,000 words; ``--quick`` for 300 notes). Targets: FTS p95
<= 50 ms; encrypted/plain time <= 1.3x.
"""
from __future__ import annotations

import argparse
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

import numpy as np  # noqa: E402

from tests.bench.common import write_results  # noqa: E402
from audio_core.model import Segment, Speaker, Transcript, Word  # noqa: E402
from app.storage import KdfOptions, init_notebook, open_notebook  # noqa: E402
from app.storage.database import migrate, transaction  # noqa: E402
from app.storage.search import search_notes  # noqa: E402
from app.storage.transcript_rows import insert_transcript_rows  # noqa: E402

PASSPHRASE = "benchmark passphrase"
VOCABULARY_SIZE = 20_000
WORDS_PER_SEGMENT = 20


def make_vocabulary(rng: np.random.Generator) -> list[str]:
    """Returns pronounceable pseudo-words; drawn with a Zipf law they resemble speech statistics."""
    consonants, vowels = list("bcdfghklmnprstvz"), list("aeiou")
    words = set()
    while len(words) < VOCABULARY_SIZE:
        syllables = rng.integers(1, 4)
        words.add("".join(rng.choice(consonants) + rng.choice(vowels) for _ in range(syllables)))
    return sorted(words, key=lambda w: (len(w), w))


def make_transcript(number: int, vocabulary: list[str], words_per_note: int) -> Transcript:
    """Returns note ``number``'s synthetic transcript (deterministic for the number)."""
    rng = np.random.default_rng(number)
    ranks = np.minimum(rng.zipf(1.3, words_per_note), len(vocabulary)) - 1
    texts = [vocabulary[r] for r in ranks]
    segments = []
    for start in range(0, words_per_note, WORDS_PER_SEGMENT):
        chunk = texts[start:start + WORDS_PER_SEGMENT]
        speaker = f"S{start // 200 % 3 + 1}"
        words = [Word(t, (start + i) * 0.4, (start + i) * 0.4 + 0.35, 0.9, speaker) for i, t in enumerate(chunk)]
        segments.append(Segment(words[0].start_s, words[-1].end_s, " ".join(chunk), words, speaker))
    return Transcript(segments=segments, speakers=[Speaker(f"S{i}", f"Speaker {i}") for i in (1, 2, 3)],
                      duration_s=words_per_note * 0.4, model="bench", title=f"Meeting {number}")


def insert_note(conn, transcript: Transcript) -> None:
    """Inserts one note exactly as Notebook.save_transcript does, in its own transaction."""
    with transaction(conn):
        note_id = conn.execute(
            "INSERT INTO notes (title, created_at, duration_s, language, model, source_name, tags, state)"
            " VALUES (?, ?, ?, ?, ?, ?, '[]', 'complete')",
            (transcript.title, transcript.created_at, transcript.duration_s, transcript.language, transcript.model, ""),
        ).lastrowid
        insert_transcript_rows(conn, note_id, transcript)


class _PlainSchema:
    """Lets the notebook migrations run on stdlib sqlite3, which may predate FTS5 'secure-delete' (3.42)."""

    def __init__(self, conn):
        self._conn = conn

    def execute(self, sql, *args):
        if "'secure-delete'" in sql and sqlite3.sqlite_version_info < (3, 42):
            return None
        return self._conn.execute(sql, *args)

    def __getattr__(self, name):
        return getattr(self._conn, name)


def open_plain(path: Path):
    """Returns a stdlib sqlite3 connection with the notebook's schema and pragmas."""
    conn = sqlite3.connect(str(path), isolation_level=None)
    for pragma in ("temp_store = MEMORY", "journal_mode = WAL", "synchronous = FULL", "foreign_keys = ON",
                   "secure_delete = ON"):
        conn.execute(f"PRAGMA {pragma}")
    migrate(_PlainSchema(conn))
    return conn


def percentile(values: list[float], q: float) -> float:
    return float(np.percentile(np.array(values), q))


def measure_stores(stores: dict, notes: int, words: int, vocabulary, queries: list[str]) -> dict:
    """Inserts ``notes`` notes into every store, then runs ``queries``; returns timings per store.

    Stores take turns note by note and query by query (the order flips each
    time), so a busy machine slows them alike and the ratios stay fair.
    """
    names = list(stores)
    per_note_s = {name: [] for name in names}
    started = time.perf_counter()
    for number in range(notes):
        transcript = make_transcript(number, vocabulary, words)
        for name in names if number % 2 == 0 else names[::-1]:
            t0 = time.perf_counter()
            insert_note(stores[name], transcript)
            per_note_s[name].append(time.perf_counter() - t0)
        if number and number % 500 == 0:
            print(f"  {number} notes, {time.perf_counter() - started:.0f} s", flush=True)
    for conn in stores.values():
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        for query in queries[:20]:
            search_notes(conn, query, 20)  # warm the page cache like an app that has been open a moment
    latencies_ms = {name: [] for name in names}
    hits = {name: 0 for name in names}
    for index, query in enumerate(queries):
        for name in names if index % 2 == 0 else names[::-1]:
            t0 = time.perf_counter()
            hits[name] += len(search_notes(stores[name], query, 20))
            latencies_ms[name].append((time.perf_counter() - t0) * 1000)
    results = {}
    for name in names:
        insert_total_s = sum(per_note_s[name])
        results[name] = {
            "insert_total_s": round(insert_total_s, 2),
            "insert_per_note_ms_p50": round(percentile(per_note_s[name], 50) * 1000, 2),
            "insert_per_note_ms_p95": round(percentile(per_note_s[name], 95) * 1000, 2),
            "words_per_s": round(notes * words / insert_total_s),
            "query_ms_p50": round(percentile(latencies_ms[name], 50), 2),
            "query_ms_p95": round(percentile(latencies_ms[name], 95), 2),
            "query_total_s": round(sum(latencies_ms[name]) / 1000, 3),
            "mean_hits": round(hits[name] / len(queries), 1),
        }
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--notes", type=int, default=10_000)
    parser.add_argument("--words", type=int, default=2_000)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--quick", action="store_true", help="300 notes (a smoke run)")
    parser.add_argument("--dir", type=Path, default=None, help="where to put the two databases (default: a temp folder)")
    args = parser.parse_args()
    notes = 300 if args.quick else args.notes

    rng = np.random.default_rng(7)
    vocabulary = make_vocabulary(rng)
    # queries: one or two words of middling frequency (neither stop words nor unseen)
    middle = vocabulary[50:3000]
    queries = [" ".join(rng.choice(middle, size=rng.integers(1, 3), replace=False)) for _ in range(args.queries)]

    with tempfile.TemporaryDirectory(dir=args.dir) as folder:
        folder = Path(folder)
        unlock_s, unlock_cpu_s = [], []
        init_notebook(folder / "enc.db", PASSPHRASE).close()
        for _ in range(5):
            t0, c0 = time.perf_counter(), time.process_time()
            notebook = open_notebook(folder / "enc.db", PASSPHRASE)
            unlock_s.append(time.perf_counter() - t0)
            unlock_cpu_s.append(time.process_time() - c0)  # what it costs on an idle core
            notebook.close()
        kdf = KdfOptions()
        print(f"unlock (Argon2id {kdf.memory_kib // 1024} MiB, t={kdf.time_cost}) median {statistics.median(unlock_s):.3f} s"
              f" wall, {statistics.median(unlock_cpu_s):.3f} s CPU")

        plain = open_plain(folder / "plain.db")
        with open_notebook(folder / "enc.db", PASSPHRASE) as notebook, notebook.reading() as conn:
            results = measure_stores({"sqlcipher": conn, "sqlite3": plain}, notes, args.words,
                                     vocabulary, queries)
            cipher_version = conn.execute("PRAGMA cipher_version").fetchone()[0]
        plain.close()
        sizes = {name: sum(p.stat().st_size for p in folder.glob(f"{stem}.db*")) for name, stem in
                 (("sqlcipher", "enc"), ("sqlite3", "plain"))}

    enc, ref = results["sqlcipher"], results["sqlite3"]
    ratios = {
        "insert": round(enc["insert_total_s"] / ref["insert_total_s"], 2),
        "query_p50": round(enc["query_ms_p50"] / max(ref["query_ms_p50"], 1e-9), 2),
        "query_total": round(enc["query_total_s"] / max(ref["query_total_s"], 1e-9), 2),
    }
    print(f"\n{notes} notes x {args.words} words, {len(queries)} queries  (SQLCipher {cipher_version} on SQLite "
          f"{__import__('sqlcipher3').sqlite_version}; plain sqlite3 {sqlite3.sqlite_version})")
    print(f"{'':28}{'SQLCipher':>12}{'sqlite3':>12}{'ratio':>8}")
    rows = [("insert total (s)", "insert_total_s", "insert"), ("insert per note p50 (ms)", "insert_per_note_ms_p50", None),
            ("insert per note p95 (ms)", "insert_per_note_ms_p95", None), ("words inserted per s", "words_per_s", None),
            ("FTS query p50 (ms)", "query_ms_p50", "query_p50"), ("FTS query p95 (ms)", "query_ms_p95", None),
            ("all queries (s)", "query_total_s", "query_total"), ("mean hits per query", "mean_hits", None)]
    for label, key, ratio in rows:
        ratio_text = f"{ratios[ratio]:.2f}x" if ratio else ""
        print(f"{label:28}{enc[key]:>12}{ref[key]:>12}{ratio_text:>8}")
    print(f"{'size on disk (MB)':28}{sizes['sqlcipher'] / 1e6:>12.1f}{sizes['sqlite3'] / 1e6:>12.1f}")
    print(f"targets: FTS p95 <= 50 ms -> {enc['query_ms_p95']} ms; encrypted/plain <= 1.3x -> insert {ratios['insert']}x,"
          f" queries {ratios['query_total']}x")
    path = write_results("store", {
        "notes": notes, "words_per_note": args.words, "queries": len(queries),
        "unlock_s_median": round(statistics.median(unlock_s), 3),
        "unlock_cpu_s_median": round(statistics.median(unlock_cpu_s), 3), "kdf": vars(kdf),
        "sqlcipher": enc, "sqlite3": ref, "ratios": ratios, "size_bytes": sizes,
        "versions": {"sqlcipher": cipher_version, "sqlite3": sqlite3.sqlite_version},
    })
    print(f"results: {path}")


if __name__ == "__main__":
    main()
