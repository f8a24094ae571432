"""Exceptions that cross module boundaries.

Everything a user can cause (bad input, wrong passphrase, missing model) is a
:class:`HushnoteError`; the CLI prints its message on one line and exits 2.
"""


class HushnoteError(Exception):
    """A problem the user can act on; its message is shown as is."""

    exit_code = 2


class InputError(HushnoteError):
    """An input file is missing, empty, not audio, or unreadable."""


class OptionError(HushnoteError):
    """An option has a value outside the ones it accepts."""


class ModelError(HushnoteError):
    """A model is unknown, missing, corrupt, or cannot do what was asked."""


class Cancelled(Exception):
    """Raised between work items when the caller asked to stop."""
