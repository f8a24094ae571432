"""Dependencies run one way (ui -> app -> audio_core), checked by import-linter's contracts in pyproject.toml."""
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_import_contracts_hold():
    lint = Path(sys.executable).parent / "lint-imports"
    result = subprocess.run([str(lint), "--no-cache"], cwd=ROOT, capture_output=True, text=True, timeout=300,
                            env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


def test_the_shared_leaf_imports_without_heavy_libraries():
    code = ("import sys; import audio_core.model, audio_core.errors, audio_core.progress, audio_core.offline, os;"
            "heavy = {'torch', 'PySide6', 'spacy', 'numpy', 'app', 'ui'} & set(sys.modules);"
            "assert not heavy, heavy; assert os.environ['HF_HUB_OFFLINE'] == '1'")
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True, timeout=60)


def test_only_storage_speaks_sql_or_reaches_into_the_notebook():
    # Everything else goes through Notebook's public methods or Notebook.transaction() with the record modules.
    reaching_in = ("._conn", "._reading(", "._writing(", "notebook.connection", ".execute(", ".executemany(", "sqlcipher3")
    offenders = [
        f"{path.relative_to(ROOT)}: {needle}"
        for package in ("app", "ui", "audio_core")
        for path in (ROOT / package).rglob("*.py")
        if (ROOT / "app" / "storage") not in path.parents
        for needle in reaching_in
        if needle in path.read_text(encoding="utf-8")
    ]
    assert offenders == []
