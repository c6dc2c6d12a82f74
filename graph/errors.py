"""The exceptions diplograph raises. The library raises; only the CLI words them for a terminal."""
from __future__ import annotations

__all__ = [
    "DiplographError", "SchemaError", "InvalidInput", "NodeNotFound", "AmbiguousName",
    "StoreError", "OutputError", "DependencyMissing",
]


class DiplographError(Exception):
    """Base class of every error diplograph raises on purpose."""


class SchemaError(DiplographError):
    """graph/schema.yaml itself is inconsistent."""


class InvalidInput(DiplographError):
    """An input file holds something the schema or the parser rejects.

    Carries the file and line so that the message tells the user where to look.
    """

    def __init__(self, message: str, file: str | None = None, line: int | None = None) -> None:
        self.message, self.file, self.line = message, file, line
        where = file if line is None else f"{file}:{line}"
        super().__init__(f"{where}: {message}" if file else message)


class NodeNotFound(DiplographError):
    """A name given by the user matches no node; carries the closest names."""

    def __init__(self, name: str, suggestions: list[str] | None = None) -> None:
        self.name, self.suggestions = name, list(suggestions or [])
        hint = f" Did you mean: {', '.join(self.suggestions)}?" if self.suggestions else ""
        super().__init__(f"No node matches {name!r}.{hint}")


class AmbiguousName(DiplographError):
    """A name matches several nodes equally well; carries their ids."""

    def __init__(self, name: str, candidates: list[str]) -> None:
        self.name, self.candidates = name, list(candidates)
        super().__init__(
            f"{name!r} matches several nodes: {', '.join(self.candidates)}. Use one of these ids.")


class StoreError(DiplographError):
    """The store cannot be opened, read or written."""


class OutputError(DiplographError):
    """A file cannot be written (no such folder, a full disk, no permission); carries
    the path and the reason. Whatever was at the path before is left as it was."""

    def __init__(self, path: str, reason: str) -> None:
        self.path, self.reason = path, reason
        super().__init__(f"cannot write {path}: {reason}")


class DependencyMissing(DiplographError):
    """An optional dependency is not installed; names the extra that provides it."""

    def __init__(self, module: str, extra: str) -> None:
        self.module, self.extra = module, extra
        super().__init__(
            f"{module} is not installed. Install it with: pip install 'diplograph[{extra}]'")
