"""Turn expected failures into one-line messages (exit code 2); anything else is a bug."""

from __future__ import annotations


def user_error(exc: BaseException) -> str | None:
    from qa_pipeline.baseline import BaselineError
    from qa_pipeline.config import ConfigError
    from qa_pipeline.declarative.loader import RuleFileError
    from qa_pipeline.gitdiff import GitError
    from qa_pipeline.readers.decode import ReaderError
    from qa_pipeline.registry import RegistryError
    from qa_pipeline.ruleapi import RuleError
    from qa_pipeline.run import UsageError

    known: tuple[type[BaseException], ...] = (
        BaselineError,
        ConfigError,
        GitError,
        ReaderError,
        RegistryError,
        RuleError,
        RuleFileError,
        UsageError,
    )
    if isinstance(exc, known):
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
