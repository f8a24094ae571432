"""Notebooks for tests: real SQLCipher with a cheap key derivation (its cost is not what these tests measure)."""
from __future__ import annotations

from app.storage import KdfOptions

FAST_KDF = KdfOptions(time_cost=1, memory_kib=8 * 1024, parallelism=1)
PASSPHRASE = "correct horse battery staple"
