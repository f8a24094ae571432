"""Detection quality on the held-out slice of the spoken-form set (looser bounds than bench_pii's targets)."""
from __future__ import annotations

from app.privacy.detect import find_pii_in_text
from tests.bench.pii_scoring import load_dataset, score


def test_when_scoring_the_held_out_slice_then_recall_and_precision_hold(pii_analyzer):
    result = score(load_dataset("test"), lambda text: [(f.start, f.end, f.entity_type) for f in find_pii_in_text(text, pii_analyzer)])
    assert result.overall.gold >= 40
    assert result.overall.recall >= 0.85, result.misses
    assert result.overall.precision >= 0.80, result.false_alarms
    assert result.leak_recall >= 0.95, result.misses


def test_when_a_sentence_has_no_personal_data_then_nothing_is_flagged(pii_analyzer):
    clean = [r for r in load_dataset() if not r["spans"]]
    flagged = [r["text"] for r in clean if find_pii_in_text(r["text"], pii_analyzer)]
    assert len(flagged) <= len(clean) // 10, flagged
