"""IPv4 addresses, written or spoken ("one nine two dot one six eight dot one dot ten")."""
from __future__ import annotations

import re

from presidio_analyzer import EntityRecognizer, RecognizerResult

from app.privacy.recognizers.spoken_numbers import find_number_runs

_LONE_OH = re.compile(r"(?<=dot )oh(?= dot)", re.IGNORECASE)
_DOT_BETWEEN = re.compile(r"^\s*(?:dot|point|\.)\s*$", re.IGNORECASE)


class SpokenIpRecognizer(EntityRecognizer):
    """Finds four number runs joined by "dot" (each 0–255) as an IP_ADDRESS."""

    def __init__(self) -> None:
        super().__init__(supported_entities=["IP_ADDRESS"], name="SpokenIpRecognizer", supported_language="en")

    def load(self) -> None:  # nothing to load: rules only
        pass

    def analyze(self, text, entities, nlp_artifacts=None):
        """Returns an IP_ADDRESS RecognizerResult per dotted quad in ``text``."""
        if "IP_ADDRESS" not in entities:
            return []
        # A lone "oh" between dots is a zero octet; "00" keeps every offset in place.
        runs = find_number_runs(_LONE_OH.sub("00", text))
        # A written "192.168.1.10" arrives as one run with "." separators.
        results = [
            RecognizerResult("IP_ADDRESS", run.start, run.end, 0.8)
            for run in runs
            if re.fullmatch(r"\d{1,3}(\.\d{1,3}){3}", text[run.start:run.end])
        ]
        for i in range(len(runs) - 3):
            quad = runs[i:i + 4]
            joined = all(_DOT_BETWEEN.match(text[a.end:b.start]) for a, b in zip(quad, quad[1:]))
            if joined and all(len(r.digits) <= 3 and int(r.digits) <= 255 for r in quad):
                results.append(RecognizerResult("IP_ADDRESS", quad[0].start, quad[-1].end, 0.85))
        return results
