"""The real offline PII analyzer, built once per session (spaCy takes seconds to load)."""
from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def pii_analyzer():
    from app.privacy.analyzer import build_analyzer

    return build_analyzer()
