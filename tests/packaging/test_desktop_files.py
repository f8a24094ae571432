"""The menu entry, AppStream metainfo and icons: valid by the freedesktop tools, and installable."""
from __future__ import annotations

import configparser
import shutil
import struct
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
APP_ID = "io.hushnote.Hushnote"
DESKTOP_FILE = ROOT / "packaging" / f"{APP_ID}.desktop"
METAINFO_FILE = ROOT / "packaging" / f"{APP_ID}.metainfo.xml"
ICONS = ROOT / "assets" / "icons"
INSTALLER = ROOT / "packaging" / "install-desktop.sh"
ICON_SIZES_PX = (16, 24, 32, 48, 64, 128, 256, 512)


def _png_size(path: Path) -> tuple[int, int]:
    header = path.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n", f"{path.name} is not a PNG"
    return struct.unpack(">II", header[16:24])


def _desktop_entry(path: Path) -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None, strict=True)
    parser.optionxform = str
    parser.read(path, encoding="utf-8")
    return parser["Desktop Entry"]


def _validator(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        pytest.skip(f"{name} is not installed (packaging/apt-packages.txt lists it)")
    return path


def test_the_desktop_entry_passes_desktop_file_validate_without_hints():
    result = subprocess.run([_validator("desktop-file-validate"), str(DESKTOP_FILE)], capture_output=True, text=True)
    assert result.returncode == 0 and not result.stdout.strip(), result.stdout + result.stderr


def test_the_metainfo_passes_appstreamcli_offline():
    result = subprocess.run([_validator("appstreamcli"), "validate", "--no-net", str(METAINFO_FILE)],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_metainfo_launches_the_desktop_entry_which_starts_the_app_with_its_icon():
    component = ET.parse(METAINFO_FILE).getroot()
    assert component.findtext("id") == APP_ID
    assert component.find("launchable").text == DESKTOP_FILE.name
    entry = _desktop_entry(DESKTOP_FILE)
    assert entry["Icon"] == APP_ID
    assert entry["Exec"].split()[:2] == ["hushnote", "gui"]


@pytest.mark.parametrize("size_px", ICON_SIZES_PX)
def test_every_hicolor_icon_size_exists_at_its_size(size_px):
    assert _png_size(ICONS / f"hushnote-{size_px}.png") == (size_px, size_px)


def test_the_scalable_icon_is_svg():
    root = ET.parse(ICONS / "hushnote.svg").getroot()
    assert root.tag.endswith("svg")


def test_install_desktop_puts_a_valid_entry_metainfo_and_icons_under_the_prefix_and_uninstall_removes_them(tmp_path):
    program = ROOT / ".venv" / "bin" / "hushnote"
    if not program.exists():
        pytest.skip("no .venv/bin/hushnote (run make install)")
    prefix = tmp_path / "a prefix"
    result = subprocess.run(["bash", str(INSTALLER), "--prefix", str(prefix), "--exec", str(program)],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    share = prefix / "share"
    installed_entry = share / "applications" / f"{APP_ID}.desktop"
    entry = _desktop_entry(installed_entry)
    assert entry["Exec"] == f'"{program}" gui'
    assert entry["TryExec"] == str(program)
    assert (share / "metainfo" / f"{APP_ID}.metainfo.xml").read_bytes() == METAINFO_FILE.read_bytes()
    assert (share / "icons" / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg").exists()
    for size_px in ICON_SIZES_PX:
        assert _png_size(share / "icons" / "hicolor" / f"{size_px}x{size_px}" / "apps" / f"{APP_ID}.png") == (size_px, size_px)
    if shutil.which("desktop-file-validate"):
        check = subprocess.run(["desktop-file-validate", str(installed_entry)], capture_output=True, text=True)
        assert check.returncode == 0 and not check.stdout.strip(), check.stdout

    removed = subprocess.run(["bash", str(INSTALLER), "--prefix", str(prefix), "--uninstall"], capture_output=True, text=True)
    assert removed.returncode == 0, removed.stderr
    leftovers = [p for p in share.rglob("*") if p.is_file() and APP_ID in p.name]
    assert leftovers == []


def test_install_desktop_refuses_a_missing_program_in_one_line(tmp_path):
    result = subprocess.run(["bash", str(INSTALLER), "--prefix", str(tmp_path), "--exec", str(tmp_path / "nothing")],
                            capture_output=True, text=True)
    assert result.returncode != 0
    assert result.stderr.strip().count("\n") == 0 and "not an executable" in result.stderr
    assert not (tmp_path / "share").exists()
