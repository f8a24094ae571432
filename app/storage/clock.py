"""The one clock the notebook stamps its rows with."""
from __future__ import annotations

from datetime import datetime, timezone


def utc_now() -> str:
    """Returns the current UTC time as ISO 8601 with seconds."""
    return datetime.now(timezone.utc).isoformat(timespec="seconds")
