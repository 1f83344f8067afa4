"""Errors: one base class, a subclass per kind of bad input, each naming the file."""

from __future__ import annotations


class PlanExtractError(Exception):
    """Base class of every error this package raises on purpose."""

    code = "E000"


class InputFileError(PlanExtractError):
    """A report file that cannot be read or decoded (binary, empty path, unreadable)."""

    code = "E100"

    def __init__(self, path: object, message: str) -> None:
        self.path = str(path)
        super().__init__(f"{self.path}: {message}")


class DataFileError(PlanExtractError):
    """A packaged or user-supplied lexicon file that is malformed."""

    code = "E200"

    def __init__(self, path: object, message: str) -> None:
        self.path = str(path)
        super().__init__(f"{self.path}: {message}")


def read_json_data(path: object, what: str) -> object:
    """A data file's JSON, or :class:`DataFileError` naming the file and ``what`` it should be."""
    import json
    from pathlib import Path

    try:
        return json.loads(Path(str(path)).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise DataFileError(path, f"cannot read {what}: {exc}") from exc


class GoldFileError(PlanExtractError):
    """A gold file that is not valid JSON or breaks the spec; names file and JSON path."""

    code = "E300"

    def __init__(self, path: object, message: str, *, json_path: str | None = None) -> None:
        self.path = str(path)
        self.json_path = json_path
        where = f" at {json_path}" if json_path else ""
        super().__init__(f"{self.path}{where}: {message}")


class InputTooLargeError(InputFileError):
    """A file over the size limit (raise it with ``--max-bytes``)."""

    code = "E101"
