"""The exceptions diplograph raises. The library raises; only the CLI words them for a terminal."""
from __future__ import annotations

from collections.abc import Mapping

__all__ = [
    "DiplographError", "SchemaError", "InvalidInput", "NodeNotFound", "AmbiguousName",
    "StoreError", "OutputError", "DependencyMissing", "ModelMissing",
]


class DiplographError(Exception):
    """Base class of every error diplograph raises on purpose.

    A message that tells the caller what to pass or run names it in braces, and
    ``names`` says how a Python caller writes each: ``StoreError("pass {write} to allow
    it", write="write=True")`` reads "pass write=True to allow it". The CLI words the
    same message with its own option and command names (:meth:`worded`), so the library
    never speaks of options a Python caller never typed.

    Examples
    --------
    >>> error = DiplographError("pass {write} to allow it", write="write=True")
    >>> str(error), error.worded({"write": "--write"})
    ('pass write=True to allow it', 'pass --write to allow it')
    """

    def __init__(self, message: str = "", **names: str) -> None:
        self.template, self.names = message, names
        super().__init__(message.format(**names) if names else message)

    def worded(self, names: Mapping[str, str]) -> str:
        """The message with each thing it names spelled as ``names`` gives (the CLI's
        options and commands); what ``names`` lacks stays as a Python caller writes it."""
        if not self.names:
            return str(self)
        return self.template.format(**{k: names.get(k, v) for k, v in self.names.items()})


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


class ModelMissing(DependencyMissing):
    """The pinned spaCy model is not installed. No extra can bring it (PyPI refuses
    dependencies pinned by hash): :func:`diplograph.api.setup_model`, the command
    ``diplograph setup-model``, installs it."""

    def __init__(self, model: str) -> None:
        self.module, self.extra = model, "nlp"
        DiplographError.__init__(self, f"The spaCy model {model} is not installed. Install "
                                 "it with: {setup_model}",
                                 setup_model="diplograph.api.setup_model()")
