"""The errors a user can cause: one base class, one line each, exit code 2.

Each layer defines its own errors (``ConfigError``, ``ReaderError``, ``RuleFileError``, ``GitError``…)
as subclasses of :class:`QaPipelineError`; the command line prints them as one line and exits 2.
Anything else that escapes is a bug, reported as such.
"""

from __future__ import annotations


class QaPipelineError(Exception):
    """An error in the user's input, configuration, rules or environment (not a bug)."""


class UsageError(QaPipelineError):
    """Bad paths or arguments."""


def user_error(exc: BaseException) -> str | None:
    """The one-line message for an error the user can fix, or None for a bug."""
    if isinstance(exc, QaPipelineError):
        return str(exc)
    if isinstance(exc, FileNotFoundError):
        return f"{exc.args[0] if exc.args else exc}: no such file or folder"
    if isinstance(exc, PermissionError):
        return f"{exc.filename}: permission denied"
    if isinstance(exc, IsADirectoryError | NotADirectoryError):
        return f"{exc.filename}: {exc.strerror}"
    if isinstance(exc, OSError) and exc.filename:
        return f"{exc.filename}: {exc.strerror}"
    return None
