"""Long transcripts: personal data is found in pieces, exactly as in one pass, with memory that does not grow with length."""
from __future__ import annotations

import json
import tracemalloc
from pathlib import Path

import app.privacy.long_text as long_text
from app.privacy.detect import detect_pii
from audio_core.model import Segment, Transcript

SENTENCES = Path(__file__).resolve().parents[2] / "bench" / "data" / "pii_sentences.jsonl"


def _meeting(repeats: int = 1) -> Transcript:
    texts = [json.loads(line)["text"] for line in SENTENCES.read_text().splitlines() if line.strip()] * repeats
    return Transcript(segments=[Segment(start_s=float(i), end_s=i + 1.0, text=t, words=[]) for i, t in enumerate(texts)],
                      language="en")


def _spans(transcript, analyzer):
    return [(s.segment_index, s.start, s.end, s.entity_type, s.score) for s in detect_pii(transcript, analyzer)]


def test_a_long_transcript_gets_the_same_personal_data_in_pieces_as_in_one_pass(pii_analyzer, monkeypatch):
    meeting = _meeting()
    monkeypatch.setattr(long_text, "PIECE_TOKENS", 10**9)
    whole = _spans(meeting, pii_analyzer)
    monkeypatch.setattr(long_text, "PIECE_TOKENS", 150)  # a cut every few sentences: names, numbers and addresses meet cuts
    assert _spans(meeting, pii_analyzer) == whole
    assert len(whole) > 200


def test_tags_lemmas_and_entities_of_a_long_text_match_one_pass(pii_analyzer):
    nlp = pii_analyzer.engine_for("en").engine.nlp_engine.nlp["en"]
    text = " ".join(segment.text for segment in _meeting().segments)

    def annotations(doc):
        return [(t.idx, t.tag_, t.pos_, t.lemma_, str(t.morph), t.is_sent_start) for t in doc], \
               [(e.start_char, e.end_char, e.label_) for e in doc.ents]

    pieced = long_text.annotate_in_pieces(nlp, text, piece_tokens=100)
    assert pieced.text == text
    assert annotations(pieced) == annotations(nlp(text))


def test_detection_memory_stays_flat_as_the_transcript_grows(pii_analyzer):
    engine = pii_analyzer.engine_for("en").engine.nlp_engine
    peaks = []
    for repeats in (1, 2):  # about 2,300 and 4,600 tokens
        text = " ".join(segment.text for segment in _meeting(repeats).segments)
        tracemalloc.start()
        engine.process_text(text, "en")
        peaks.append(tracemalloc.get_traced_memory()[1] / 1e6)
        tracemalloc.stop()
    # In one pass spaCy kept ~15 KB per token in each CNN: twice the text peaked twice as high (35 -> 70 MB); in pieces ~20 MB.
    assert peaks[1] < 1.3 * peaks[0] + 5, peaks
