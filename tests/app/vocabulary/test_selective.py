"""The vocabulary is used only where it is said: which segments are re-decoded, and which hinted words are kept.

The first tests take the recogniser's words as data (what tiny.en wrote for the bench's dev meetings); the last
ones run the real tiny.en on real speech and on a spoken meeting.
"""
from __future__ import annotations

from dataclasses import replace

import pytest

from app.vocabulary import parse_vocabulary
from app.vocabulary.selective import SelectiveOptions, _Listening
from app.vocabulary.sounds import key_distance, sound_key
from audio_core.model import Segment, Word

TEAM = parse_vocabulary("name: Xochitl Przybylski, Tadhg Ferreira, Kwabena Asante\nterm: Quorbit, Kubeflow")


def _words(spec: str) -> list[Word]:
    """Returns words from "text@start-end …"."""
    words = []
    for item in spec.split():
        text, times = item.rsplit("@", 1)
        start, end = times.split("-")
        words.append(Word(text, float(start), float(end), 0.5))
    return words


def _segment(spec: str) -> Segment:
    words = _words(spec)
    return Segment(words[0].start_s, words[-1].end_s, " ".join(w.text for w in words), words)


@pytest.mark.parametrize("entry, heard", [
    ("Przybylski", "purse, a Billsky joy"),
    ("Kubeflow", "the cuba flow pipelines"),
    ("Quorbit", "the Corbett dashboard"),
])
def test_a_mishearing_keeps_the_names_consonants(entry, heard):
    assert key_distance(sound_key(entry), sound_key(heard)) <= 0.34


@pytest.mark.parametrize("text, closest", [
    ("Such@0.1-0.6 a@0.6-0.7 tall@0.7-0.9 purse,@0.9-1.2 a@1.4-1.5 Billsky@1.5-1.9 joy,@1.9-2.2", "Xochitl Przybylski"),
    ("Ifa@9.5-9.7 thinks@9.7-9.9 the@9.9-10.2 cuba@10.2-10.4 flow@10.4-10.7 pipelines@10.7-11.2", "Kubeflow"),
    ("It@0-0.2 is@0.2-0.4 a@0.4-0.5 truth@0.5-0.8 universally@0.8-1.4 acknowledged@1.4-2.0", None),
    ("in@0-0.2 possession@0.2-0.8 of@0.8-0.9 a@0.9-1.0 good@1.0-1.2 fortune@1.2-1.7", None),
])
def test_only_segments_that_sound_like_an_entry_are_decoded_again(text, closest):
    """The hint names the suspected entries, closest first; a segment that sounds like none is left as decoded."""
    suspects = [e.text for e in _Listening(TEAM, SelectiveOptions()).suspects(_segment(text))]
    assert (suspects[0] if suspects else None) == closest


def test_a_confirmed_name_replaces_what_the_plain_decode_wrote():
    plain = _segment("Such@0.1-0.6 a@0.6-0.7 tall@0.7-0.9 purse,@0.9-1.2 a@1.4-1.5 Billsky@1.5-1.9 joy,@1.9-2.2 "
                     "and@2.3-2.4 the@2.4-2.6 team@2.6-2.9")
    hinted = _words("Xochitl@0.0-0.9 Przybylski@0.9-1.9 joined@1.9-2.3 the@2.3-2.6 team@2.6-2.9 Quorbit.@3.0-3.4")
    chosen = _Listening(TEAM, SelectiveOptions())._chosen(plain, hinted)
    assert chosen.text == "Xochitl Przybylski joined the team"  # the name invented after the last heard word is dropped


def test_a_name_the_hint_made_up_where_nothing_like_it_was_said_keeps_the_plain_words():
    plain = _segment("Thank@11.1-11.2 you,@11.2-11.4 we@12.0-12.1 will@12.1-12.3 fix@12.3-12.6 both@12.6-12.9")
    hinted = _words("Thank@11.0-11.2 you,@11.2-11.4 Kwabena.@11.5-12.0 We@12.0-12.1 will@12.1-12.3 fix@12.3-12.6 "
                    "both@12.6-12.9")
    assert _Listening(TEAM, SelectiveOptions())._chosen(plain, hinted) is plain


def test_a_hinted_decode_that_stops_early_is_not_taken():
    plain = _segment("Welcome,@4.5-4.7 Zach@4.9-5.1 at@5.1-5.2 all.@5.2-5.5 Ted@5.8-5.8 Fair@5.8-6.0 will@6.0-6.2 "
                     "show@6.2-6.5 you@6.5-6.7 the@6.7-6.9 Corbett@6.9-7.2 dashboard.@7.2-7.8")
    hinted = _words("Welcome@4.5-4.7 Xochitl.@4.7-5.5 Ted@5.8-5.8 Fair@5.8-6.0 will@6.0-6.2 show@6.2-6.5")
    assert _Listening(TEAM, SelectiveOptions())._chosen(plain, hinted) is plain


def test_real_speech_that_says_no_listed_word_is_transcribed_as_without_a_list(engines, testdata):
    """With the hint before every window this clip lost a word (WER 0 % -> 4.5 %, tests/bench/bench_vocabulary.py)."""
    from app.diarization import SpeakerOptions
    from app.pipeline import PipelineOptions, transcribe_file
    from tests.bench.bench_vocabulary import DEV

    clip = testdata / "real" / "librivox_sas-0870.wav"
    plain = PipelineOptions(speakers=SpeakerOptions(enabled=False), detect_pii=False)
    vocabulary = parse_vocabulary("\n".join([f"name: {', '.join(m[0])}" for m in DEV] + [f"term: {', '.join(m[1])}" for m in DEV]))
    listed = transcribe_file(clip, engines, replace(plain, vocabulary=vocabulary))
    assert listed.text == transcribe_file(clip, engines, plain).text
