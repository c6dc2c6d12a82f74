"""``diplograph extract``: the JSON export to a file, or to stdout with ``-o -`` (the
summary and warnings then go to stderr, so stdout is the export alone)."""
import json

import pytest
from click.testing import CliRunner

from diplograph.cli import cli

pytest.importorskip("spacy")

TEXT = ("Deputy Minister Marta Okonkwo visited Japan on Monday. "
        "Okonkwo met with Japanese officials in Tokyo.\n")


def invoke(*args):
    result = CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result


@pytest.fixture
def folder(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "visit.txt").write_text(TEXT, encoding="utf-8")
    (docs / "empty.txt").write_text("", encoding="utf-8")
    return docs


def test_extract_dash_writes_the_export_to_stdout(folder, tmp_path):
    result = invoke("extract", folder, "-o", "-", "--no-cache")
    data = json.loads(result.stdout)
    ids = {n["id"] for n in data["nodes"]}
    assert {"person:marta-okonkwo", "country:japan"} <= ids
    assert "Extracted" in result.stderr and "into stdout" in result.stderr
    assert "Warning:" in result.stderr and "empty.txt" in result.stderr
    assert not (tmp_path / "-").exists()


def test_extract_to_a_file_matches_stdout(folder, tmp_path):
    out = tmp_path / "dev.json"
    result = invoke("extract", folder, "-o", out, "--no-cache")
    assert result.stdout.startswith("Extracted") and str(out) in result.stdout
    assert json.loads(out.read_text(encoding="utf-8")) == json.loads(
        invoke("extract", folder, "-o", "-", "--no-cache").stdout)
