"""What stands in every text format where a participant removed at their request spoke or was named."""
from __future__ import annotations

REMOVED_MARKER = "[removed at the participant's request]"
