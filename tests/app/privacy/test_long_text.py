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


def test_tags_lemmas_arcs_and_entities_of_a_long_text_match_one_pass(pii_analyzer):
    nlp = pii_analyzer.engine_for("en").engine.nlp_engine.nlp["en"]
    text = " ".join(segment.text for segment in _meeting().segments)

    def annotations(doc):
        # The arcs too: the rules after detection read them ("Chase bank" is a thing, app/privacy/thing_names.py).
        return [(t.idx, t.tag_, t.pos_, t.lemma_, str(t.morph), t.is_sent_start, t.dep_, t.head.i) for t in doc], \
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



def test_the_rules_after_detection_read_the_same_parse_late_in_a_long_meeting(pii_analyzer):
    from app.privacy.thing_names import modifies_a_thing

    filler = "We went through the budget for the next quarter and agreed on the figures. "
    line = "Our Lincoln dashboard is down again, and we tried the Jasmine tea."
    for text in (line, filler * 120 + line):  # the second is annotated in pieces
        found, words = pii_analyzer.analyze_parsed(text, None, "en")
        late = [f for f in found if f.start >= len(text) - len(line)]
        # Pieces once dropped spaCy's arcs: in a long meeting "Lincoln dashboard" lost its reading as a thing.
        assert [text[f.start:f.end] for f in late if modifies_a_thing(text, f, words)] == ["Lincoln", "Jasmine"], len(text)
