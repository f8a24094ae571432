"""The corpus, written once per session into a temporary folder."""
from __future__ import annotations

import pytest

from tests.support.robustness_corpus import broken_cases, invalid_sample_cases, load_speech, valid_cases


@pytest.fixture(scope="session")
def speech(testdata):
    return load_speech(testdata)


@pytest.fixture(scope="session")
def valid_corpus(tmp_path_factory, speech):
    return valid_cases(tmp_path_factory.mktemp("valid"), speech)


@pytest.fixture(scope="session")
def invalid_sample_corpus(tmp_path_factory, speech):
    return invalid_sample_cases(tmp_path_factory.mktemp("samples"), speech)


@pytest.fixture(scope="session")
def broken_corpus(tmp_path_factory, speech):
    return broken_cases(tmp_path_factory.mktemp("broken"), speech)
