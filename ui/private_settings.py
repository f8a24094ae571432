"""App settings that can name a person, kept in the encrypted notebook instead of the plain settings file.

An output device's name often names its owner ("Anna's AirPods"), so it is
stored under ``ui.output_device`` in the notebook's settings table and is known
only while the notebook is unlocked. Older versions kept it in the plain
settings file: :func:`take_legacy_output_device` moves it in on the first unlock.
"""
from __future__ import annotations

OUTPUT_DEVICE_KEY = "ui.output_device"
EXPORT_FOLDER_KEY = "ui.export_folder"  # a folder's path names people too ("/home/anna/Clients/Dr Weber")
IMPORT_FOLDER_KEY = "ui.import_folder"  # where Import… last found files: the same, kept in the notebook too


def read_output_device(storage) -> str | None:
    """Returns the output device stored in ``storage`` (an open Notebook), "" for the system default,
    or None when none was ever stored. Raises NotebookError when the notebook cannot be read."""
    return storage.read_settings([OUTPUT_DEVICE_KEY]).get(OUTPUT_DEVICE_KEY)


def write_output_device(storage, name: str) -> None:
    """Stores ``name`` ("" for the system default) in ``storage``; returns None. Raises NotebookError."""
    storage.write_settings({OUTPUT_DEVICE_KEY: name})


def take_legacy_output_device(storage, plain_value: str) -> str:
    """Returns the output device to use after unlocking ``storage``: the notebook's, or else ``plain_value``
    (read from an older plain settings file), which is then stored in the notebook.

    Raises NotebookError when the notebook cannot be read or written.
    """
    stored = read_output_device(storage)
    if stored is not None:
        return stored
    if plain_value:
        write_output_device(storage, plain_value)
    return plain_value


def _existing_folder(storage, key: str) -> str:
    from pathlib import Path

    folder = storage.read_settings([key]).get(key, "")
    return folder if folder and Path(folder).expanduser().is_dir() else ""


def read_export_folder(storage) -> str:
    """Returns the folder the last export went to (stored in ``storage``, an open Notebook), or "" when none was
    stored or it is gone. Raises NotebookError when the notebook cannot be read."""
    return _existing_folder(storage, EXPORT_FOLDER_KEY)


def write_export_folder(storage, folder: str) -> None:
    """Stores ``folder`` as the next export's default in ``storage``; returns None. Raises NotebookError."""
    storage.write_settings({EXPORT_FOLDER_KEY: folder})


def read_import_folder(storage) -> str:
    """Returns the folder the last files chosen with Import… came from (stored in ``storage``, an open Notebook),
    or "" when none was stored or it is gone. Raises NotebookError when the notebook cannot be read."""
    return _existing_folder(storage, IMPORT_FOLDER_KEY)


def write_import_folder(storage, folder: str) -> None:
    """Stores ``folder`` as where the next Import… opens, in ``storage``; returns None. Raises NotebookError."""
    storage.write_settings({IMPORT_FOLDER_KEY: folder})
