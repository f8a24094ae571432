"""Reading a PyTorch checkpoint's tensors as numpy arrays, without importing torch.

Resemblyzer ships its weights as ``pretrained.pt`` in torch's legacy format:
a few pickles (magic number, protocol, system info, the object, the storage
keys) followed by each storage's raw bytes. Newer checkpoints are a zip whose
``data.pkl`` names storages kept as files beside it. Both are read here with
an unpickler that allows only tensors, storages and ordered dicts, so a
checkpoint can never run code.
"""
from __future__ import annotations

import collections
import io
import pickle
import struct
import zipfile
from pathlib import Path

import numpy as np

from audio_core.errors import ModelError

LEGACY_MAGIC = 0x1950A86A20F9469CFC6C
LEGACY_PROTOCOL = 1001

STORAGE_DTYPES = {
    "FloatStorage": np.float32,
    "DoubleStorage": np.float64,
    "HalfStorage": np.float16,
    "LongStorage": np.int64,
    "IntStorage": np.int32,
    "ShortStorage": np.int16,
    "CharStorage": np.int8,
    "ByteStorage": np.uint8,
    "BoolStorage": np.bool_,
}


class _Storage:
    """A storage whose bytes are read after the pickle that names it."""

    def __init__(self, dtype: np.dtype, numel: int):
        self.dtype = np.dtype(dtype)
        self.numel = numel
        self.array: np.ndarray | None = None


class _Tensor:
    """A tensor waiting for its storage's bytes."""

    def __init__(self, storage: _Storage, offset: int, size: tuple, stride: tuple):
        self.storage, self.offset, self.size, self.stride = storage, offset, tuple(size), tuple(stride)

    def to_numpy(self) -> np.ndarray:
        flat = self.storage.array
        item = flat.itemsize
        view = np.lib.stride_tricks.as_strided(
            flat[self.offset :], shape=self.size, strides=tuple(s * item for s in self.stride)
        )
        return np.array(view)  # owns its memory, C-contiguous


def _rebuild_tensor(storage, storage_offset, size, stride, *_ignored):
    return _Tensor(storage, storage_offset, size, stride)


class _StorageType:
    def __init__(self, name: str):
        self.dtype = STORAGE_DTYPES[name]


class _WeightsUnpickler(pickle.Unpickler):
    """Unpickles only what a state dict holds; storages come from ``persistent_load``."""

    def __init__(self, file, storages: dict[str, _Storage]):
        super().__init__(file)
        self.storages = storages

    def find_class(self, module: str, name: str):
        if module == "collections" and name == "OrderedDict":
            return collections.OrderedDict
        if module == "torch._utils" and name in ("_rebuild_tensor", "_rebuild_tensor_v2"):
            return _rebuild_tensor
        if module == "torch" and name in STORAGE_DTYPES:
            return _StorageType(name)
        raise pickle.UnpicklingError(f"a weights file may not hold {module}.{name}")

    def persistent_load(self, saved_id):
        if not (isinstance(saved_id, tuple) and saved_id and saved_id[0] == "storage"):
            raise pickle.UnpicklingError(f"unexpected persistent id {saved_id!r:.40}")
        storage_type, key, _location, numel = saved_id[1:5]
        dtype = storage_type.dtype if isinstance(storage_type, _StorageType) else None
        if dtype is None:
            raise pickle.UnpicklingError("a storage of an unknown type")
        if key not in self.storages:
            self.storages[key] = _Storage(dtype, numel)
        return self.storages[key]


def _arrays_of(obj):
    if isinstance(obj, _Tensor):
        return obj.to_numpy()
    if isinstance(obj, dict):
        return type(obj)((k, _arrays_of(v)) for k, v in obj.items())
    if isinstance(obj, (list, tuple)):
        return type(obj)(_arrays_of(v) for v in obj)
    return obj


def _read_legacy(data: bytes) -> object:
    stream = io.BytesIO(data)
    plain = _WeightsUnpickler(stream, {})
    if plain.load() != LEGACY_MAGIC:
        raise ModelError("not a PyTorch checkpoint (wrong magic number)")
    if plain.load() != LEGACY_PROTOCOL:
        raise ModelError("unsupported PyTorch checkpoint protocol")
    plain.load()  # system info: endianness and type sizes, little-endian assumed below
    storages: dict[str, _Storage] = {}
    result = _WeightsUnpickler(stream, storages).load()
    keys = _WeightsUnpickler(stream, {}).load()
    for key in keys:
        storage = storages[key]
        (numel,) = struct.unpack("<q", stream.read(8))
        size = numel * storage.dtype.itemsize
        raw = stream.read(size)
        if len(raw) != size:
            raise ModelError("PyTorch checkpoint is truncated")
        storage.array = np.frombuffer(raw, dtype=storage.dtype.newbyteorder("<"))
    return result


def _read_zip(path: Path) -> object:
    with zipfile.ZipFile(path) as archive:
        names = archive.namelist()
        pickle_name = next((n for n in names if n.endswith("/data.pkl") or n == "data.pkl"), None)
        if pickle_name is None:
            raise ModelError(f"{path.name} has no data.pkl")
        prefix = pickle_name[: -len("data.pkl")]
        storages: dict[str, _Storage] = {}
        result = _WeightsUnpickler(io.BytesIO(archive.read(pickle_name)), storages).load()
        for key, storage in storages.items():
            raw = archive.read(f"{prefix}data/{key}")
            storage.array = np.frombuffer(raw, dtype=storage.dtype.newbyteorder("<"))[: storage.numel]
    return result


def load_checkpoint(path: str | Path) -> object:
    """Returns the object saved in the PyTorch checkpoint at ``path`` with every tensor as a numpy array.

    Raises ModelError when the file is missing, is not a checkpoint, or holds
    anything but tensors, numbers, strings and (ordered) dicts/lists.
    """
    path = Path(path)
    try:
        if zipfile.is_zipfile(path):
            return _arrays_of(_read_zip(path))
        return _arrays_of(_read_legacy(path.read_bytes()))
    except OSError as exc:
        raise ModelError(f"cannot read weights {path.name}: {exc.strerror or exc}") from None
    except (pickle.UnpicklingError, EOFError, KeyError, ValueError, struct.error) as exc:
        raise ModelError(f"{path.name} is not a readable PyTorch checkpoint ({exc})") from None
