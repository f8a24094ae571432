"""Entry point of the bundled app: `hushnote` with no arguments opens the desktop app."""
import sys

from app.cli.main import main

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:] or ["gui"]))
