"""The ``hushnote`` command line.

Each ``cmd_*.py`` module here defines ``register(subparsers)`` and is found
automatically, so adding a command never edits a shared file.
"""
