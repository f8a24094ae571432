"""The transcript model survives a JSON round trip, and bad JSON is refused clearly."""
import pytest

from audio_core.errors import InputError
from audio_core.model import PiiSpan, Segment, Speaker, Transcript, Word
from tests.support.transcripts import make_transcript


def test_json_round_trip_keeps_everything():
    transcript = make_transcript()
    assert Transcript.from_json(transcript.to_json()) == transcript


def test_unknown_keys_from_newer_versions_are_ignored():
    data = make_transcript().to_dict()
    data["future_field"] = 1
    data["segments"][0]["future"] = True
    assert Transcript.from_dict(data).segments[0].text == "Hello Zoë, 555-214-8839."


@pytest.mark.parametrize("text", ["[]", '{"title": "x"}', "not json", '{"segments": [1]}', '{"segments": [{"text": "hi"}]}',
                                  '{"segments": [], "speakers": [{"id": "S1", "nickname": 3}]}'])
def test_when_not_a_transcript_then_an_input_error_with_one_line(text):
    with pytest.raises(InputError) as caught:
        Transcript.from_json(text)
    assert "\n" not in str(caught.value) and str(caught.value).startswith("not a Hushnote transcript")


def test_speaker_names_and_text():
    transcript = make_transcript()
    assert transcript.speaker_name("S1") == "Diane"
    assert transcript.speaker_name("S9") == "S9"
    assert transcript.text == "Hello Zoë, 555-214-8839. Thanks."
    assert [w.text for w in transcript.words] == ["Hello", "Zoë,", "Thanks."]
