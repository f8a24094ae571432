"""SECURITY.md backs each promise with a named test: every test it names must exist."""
from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_every_test_file_and_function_named_in_security_md_exists():
    text = (ROOT / "SECURITY.md").read_text(encoding="utf-8")
    missing = []
    current_file = None
    for match in re.finditer(r"`(tests/[\w/]+\.py)?(?:::(\w+))?`", text):
        path, function = match.groups()
        if path:
            current_file = ROOT / path
            if not current_file.exists():
                missing.append(path)
                continue
        if function and (current_file is None or f"def {function}(" not in current_file.read_text(encoding="utf-8")):
            missing.append(f"{current_file}::{function}")
    assert missing == []
    assert text.count("tests/") >= 20
