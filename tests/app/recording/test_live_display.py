"""What a user sees of a live recording: the terminal view, personal data flagged, a clear error without a microphone."""
from __future__ import annotations

import io

import pytest

from app.cli.live_view import LiveView, format_clock, level_meter
from app.live_pii import LivePiiHighlighter
from audio_core.model import Segment, Transcript, Word
from app.recording import LiveTranscript, RecordingOptions
from audio_core.errors import HushnoteError


def live(committed: list[str], tentative: list[str] = (), pii: dict[int, str] | None = None) -> LiveTranscript:
    words = [Word(t, i * 0.4, i * 0.4 + 0.3) for i, t in enumerate([*committed, *tentative])]
    return LiveTranscript(words[: len(committed)], words[len(committed) :], pii or {}, 0, len(words) * 0.4)


class Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_when_output_is_not_a_terminal_then_each_pass_prints_only_newly_committed_words():
    out = io.StringIO()
    view = LiveView(stream=out, status=io.StringIO())
    view("live", live(["Hello"], ["there"]))
    view("live", live(["Hello", "there", "Diane"], ["how"]))
    view("live", live(["Hello", "there", "Diane"], ["how", "are"]))
    assert out.getvalue().splitlines() == ["Hello", "there Diane"]


def test_when_output_is_a_terminal_then_tentative_words_are_dim_and_personal_data_reversed():
    out = Tty()
    view = LiveView(stream=out, status=io.StringIO())
    view("record", None, completed=65.0)
    view("live", live(["Call", "Diane"], ["tomorrow"], pii={1: "PERSON"}))
    last_draw = out.getvalue().split("\r\033[K")[-1]
    assert last_draw.startswith("[1:05 ")
    assert "Call \033[7mDiane\033[0m" in last_draw and "\033[2mtomorrow\033[0m" in last_draw


def test_clock_and_meter_formats():
    assert format_clock(5) == "0:05" and format_clock(3725) == "1:02:05"
    assert level_meter(-120) == "........" and level_meter(0) == "||||||||" and level_meter(-30) == "||||...."


def test_when_a_chunk_would_exceed_a_second_then_the_options_are_refused():
    with pytest.raises(HushnoteError, match="chunk_s"):
        RecordingOptions(chunk_s=1.5)


@pytest.fixture(scope="module")
def highlighter():
    pytest.importorskip("app.privacy.detect")
    return LivePiiHighlighter.from_engines(object())


def test_when_live_words_contain_a_name_and_a_phone_number_then_those_words_are_flagged(highlighter):
    texts = "Hi this is Diane Smith my number is 555 214 8839 okay".split()
    words = [Word(t, i * 0.4, i * 0.4 + 0.3) for i, t in enumerate(texts)]
    flagged = highlighter.highlight(words)
    assert flagged.get(texts.index("Diane")) == "PERSON"
    assert flagged.get(texts.index("8839")) == "PHONE_NUMBER"
    assert texts.index("okay") not in flagged and texts.index("Hi") not in flagged
    transcript = Transcript(segments=[Segment(0, 5, " ".join(texts), words)])
    assert {span.entity_type for span in highlighter.detect(transcript)} >= {"PERSON", "PHONE_NUMBER"}


def test_when_no_sound_server_or_microphone_exists_then_record_says_so(run_cli):
    result = run_cli("record", "--list-devices", env={"PULSE_SERVER": "unix:/nonexistent/native"})
    assert result.returncode == 2
    assert result.stderr.strip() == (
        "hushnote: error: no audio input device found (is a microphone connected and a sound server running?)"
    )


def test_when_the_tentative_tail_is_longer_than_the_line_then_its_newest_words_are_shown(monkeypatch):
    monkeypatch.setenv("COLUMNS", "40")
    out = Tty()
    view = LiveView(stream=out, status=io.StringIO())
    view("live", live([], "one two three four five six seven eight nine ten eleven twelve".split()))
    last_draw = out.getvalue().split("\r\033[K")[-1]
    assert last_draw.endswith("eleven twelve\033[0m") and "… " in last_draw and "one two" not in last_draw
