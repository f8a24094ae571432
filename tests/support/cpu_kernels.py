"""Which int8 kernels onnxruntime and CTranslate2 pick on this CPU: with VNNI (an int8 dot product) or without."""
from __future__ import annotations

from pathlib import Path

VNNI_FLAGS = {"avx512_vnni", "avx_vnni", "amx_int8"}


def has_vnni() -> bool:
    """Returns True when /proc/cpuinfo lists an int8 dot-product instruction set (VNNI or AMX); False otherwise."""
    try:
        flags = Path("/proc/cpuinfo").read_text(errors="replace").split()
    except OSError:
        return False
    return bool(VNNI_FLAGS & set(flags))
