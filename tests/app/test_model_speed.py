"""Speed figures (measured here, or scaled and labelled as estimates) and the model recommended for a machine."""
from __future__ import annotations

import pytest

from app.model_speed import estimate_speed, recommend_model
from app.models_registry import KNOWN_MODELS


@pytest.mark.parametrize(
    "cuda,cores,language,expected",
    [
        (True, 2, None, "large-v3-turbo"),
        (True, 16, "de", "large-v3-turbo"),
        (False, 2, "en", "base"),
        (False, 4, "de", "base"),
        (False, 8, "en", "small.en"),
        (False, 8, "fr", "small"),
        (False, 16, None, "small"),  # language unknown: a multilingual model
    ],
)
def test_when_machine_is_given_then_the_recommendation_fits_it(cuda, cores, language, expected):
    assert recommend_model(cuda, cores, language).model == expected


def test_a_measured_model_shows_its_measurement_and_the_others_a_labelled_estimate():
    measured = {"tiny.en": 0.1}
    tiny = estimate_speed(KNOWN_MODELS["tiny.en"], measured)
    small = estimate_speed(KNOWN_MODELS["small"], measured)
    assert tiny.measured and tiny.describe() == "10.0x real time (measured)"
    assert not small.measured and small.rtf > tiny.rtf
    assert "estimate from tiny.en" in small.describe()
    assert estimate_speed(KNOWN_MODELS["small"], {}) is None


def test_an_estimate_scales_from_the_measured_model_closest_in_cost():
    estimate = estimate_speed(KNOWN_MODELS["medium"], {"tiny.en": 0.1, "base": 0.3})
    assert estimate.basis == "base" and estimate.rtf == pytest.approx(0.3 * 16 / 2)


def test_list_measure_times_an_installed_model_on_this_machine(run_cli):
    result = run_cli("models", "list", "--measure", "tiny.en")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert "(measured)" in next(line for line in lines if line.startswith("tiny.en "))
    assert "estimate from tiny.en" in next(line for line in lines if line.startswith("large-v3 "))
    assert result.netlog == []
