"""The library raises in API terms; the CLI words the same errors with its own options
and commands (issue 15): a Python caller never reads of --write or -o, a shell user
never of write=True."""
from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from diplograph import api
from diplograph.cli import cli
from diplograph.graph import errors
from diplograph.graph.errors import DiplographError, ModelMissing, StoreError
from diplograph.loaders.extract.spacy_backend import model_version

ROOT = Path(__file__).resolve().parent.parent
LIBRARY = [p for folder in ("graph", "loaders", "viz", "diplograph")
           for p in (ROOT / folder).rglob("*.py") if not p.name.startswith("cli")]
OPTION = re.compile(r"(?<![\w-])(--[a-z][a-z-]*|-o\b)")


def texts(node: ast.AST) -> list[str]:
    """The literal text of a call's positional arguments (f-strings' literal parts too)."""
    found = []
    for arg in getattr(node, "args", []):
        for part in ast.walk(arg):
            if isinstance(part, ast.Constant) and isinstance(part.value, str):
                found.append(part.value)
    return found


def test_no_library_error_names_a_cli_option():
    offenders = []
    for path in LIBRARY:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) in errors.__all__:
                offenders += [f"{path.relative_to(ROOT)}:{node.lineno}: {text!r}"
                              for text in texts(node) if OPTION.search(text)]
    assert offenders == []


def test_a_name_the_cli_does_not_know_stays_in_python_terms():
    error = StoreError("pass {write} and {frobnicate}", write="write=True",
                       frobnicate="frobnicate=1")
    assert error.worded({"write": "--write"}) == "pass --write and frobnicate=1"
    assert DiplographError("a {brace} left alone").worded({"brace": "x"}) == "a {brace} left alone"


def invoke(*args: str) -> str:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    assert result.exit_code == 1
    return result.output


def test_a_bad_date_names_the_argument_or_the_option(seed_store):
    with pytest.raises(DiplographError) as raised:
        api.viz(since="2025-13-45", store=seed_store)
    assert str(raised.value).startswith("since '2025-13-45' is not a date;")
    assert invoke("viz", "--since", "2025-13-45", "--store", str(seed_store)).startswith(
        "Error: --since '2025-13-45' is not a date;")


def test_an_empty_store_names_the_build_function_or_the_command(tmp_path):
    with pytest.raises(StoreError) as raised:
        api.show("Taiwan", store=tmp_path)
    assert str(raised.value) == (f"No graph in {tmp_path}. Run 'diplograph.api.build()' "
                                 "first (or pass store=... / set DIPLOGRAPH_STORE).")
    assert invoke("show", "Taiwan", "--store", str(tmp_path)) == (
        f"Error: No graph in {tmp_path}. Run 'diplograph build' first (or pass --store / "
        "set DIPLOGRAPH_STORE).\n")


def test_no_server_names_uri_or_the_option(monkeypatch):
    monkeypatch.delenv("NEO4J_URI", raising=False)
    with pytest.raises(StoreError, match=r"^No server given: pass uri=\.\.\. \(a Bolt URI"):
        api.cypher("RETURN 1")
    assert invoke("cypher", "RETURN 1").startswith(
        "Error: No server given: pass --uri (a Bolt URI such as bolt://localhost:7687) "
        "or set NEO4J_URI")


def test_a_picture_without_a_file_names_the_output_argument(seed_store):
    with pytest.raises(DiplographError, match=r"give output a name ending in \.png"):
        api.viz(format="png", store=seed_store)


def test_the_missing_model_names_setup_model_in_both_terms():
    with pytest.raises(ModelMissing) as raised:
        model_version("en_core_web_not_installed")
    assert str(raised.value) == ("The spaCy model en_core_web_not_installed is not installed. "
                                 "Install it with: diplograph.api.setup_model()")
    assert raised.value.worded({"setup_model": "diplograph setup-model"}).endswith(
        "Install it with: diplograph setup-model")
    assert raised.value.extra == "nlp"
