"""Which words are a person's name when they ask to be forgotten: app.privacy.name_mentions (plain text, no models)."""
from __future__ import annotations

import pytest

from app.privacy.name_mentions import name_mentions, remove_mentions
from app.privacy.speaker_removal import REMOVED_MARKER
from audio_core.model import Segment, Speaker, Transcript, Word

M = REMOVED_MARKER


@pytest.mark.parametrize("name, text, expected", [
    ("Chris Baker", "Ask Chris Baker.", f"Ask {M}."),
    ("Chris Baker", "ask chris  baker now", f"ask {M} now"),  # the full name in any case
    ("Chris Baker", "Baker's notes and Chris’s slides", f"{M} notes and {M} slides"),
    ("Chris Baker", "the baker and the chris-cross", "the baker and the chris-cross"),  # a word, not the name
    ("Chris Baker", "Christopher and Bakerloo", "Christopher and Bakerloo"),
    ("Chris Baker", "Mrs Baker-Jones", "Mrs Baker-Jones"),  # another surname
    ("J. Baker", "J. Baker and J said", f"{M} and J said"),  # an initial is never a name alone
    ("Chris", "Chris and chris", f"{M} and {M}"),  # a one-word name: that word, in a note that holds them
    ("Anne-Marie Dupont", "Anne-Marie said so; Dupont agreed", f"{M} said so; {M} agreed"),
])
def test_mentions_of_a_name_are_replaced_and_nothing_else(name, text, expected):
    transcript = Transcript(segments=[Segment(0.0, 1.0, text, [], "S1")], speakers=[Speaker("S1", "Alex")], duration_s=1.0)
    result, _, count = remove_mentions(name_mentions(name), transcript)
    assert result.segments[0].text == expected
    assert count == expected.count(M)


def test_a_name_said_over_two_words_becomes_one_word_with_both_times():
    words = [Word("Thanks", 0.0, 0.4, 0.9, "S1"), Word(" Chris", 0.5, 0.8, 0.9, "S1"), Word(" Baker!", 0.9, 1.3, 0.9, "S1")]
    transcript = Transcript(segments=[Segment(0.0, 1.3, "Thanks Chris Baker!", words, "S1")], duration_s=1.3)
    result, _, _ = remove_mentions(name_mentions("Chris Baker"), transcript)
    assert [(w.text, w.start_s, w.end_s) for w in result.segments[0].words] == [("Thanks", 0.0, 0.4), (f" {M}!", 0.5, 1.3)]


def test_only_the_full_name_counts_where_lone_parts_are_not_allowed():
    mentions = name_mentions("Chris Baker")
    assert mentions.spans("Chris met Baker and Chris Baker", lone_parts=False) == [(20, 31)]
