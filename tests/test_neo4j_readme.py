"""The README's Neo4j section, run as written against the real server: each console
line through bash (the server's address put in for localhost:7687), then the Python
lines."""
from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from diplograph import api
from tests.conftest import CURATED_INPUTS, ROOT

SECTION = (ROOT / "README.md").read_text(encoding="utf-8").split("### In Neo4j")[1] \
    .split("\n## ")[0]
README_URI = "bolt://localhost:7687"


def block(language: str) -> str:
    found = re.search(rf"```{language}\n(.*?)```", SECTION, re.DOTALL)
    assert found, f"no {language} block in the README's Neo4j section"
    return found.group(1)


@pytest.fixture
def local(tmp_path, neo4j_server, monkeypatch) -> Path:
    """A folder holding a local graph (the curated seeds), where the commands run."""
    api.build(CURATED_INPUTS, store=tmp_path / "diplograph-data")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_the_console_lines_run(local, neo4j_server):
    lines = [line[2:] for line in block("console").splitlines() if line.startswith("$ ")]
    assert re.fullmatch(rf"export NEO4J_URI={README_URI} NEO4J_USERNAME=neo4j "
                        r"NEO4J_PASSWORD=\.\.\.", lines[0])
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEO4J_")}
    env |= {**neo4j_server.env(), "PATH": f"{Path(sys.executable).parent}:{env['PATH']}"}
    outputs = {}
    for line in lines[1:]:
        command = line.replace(README_URI, neo4j_server.uri)
        result = subprocess.run(["bash", "-c", command], cwd=local, env=env, text=True,
                                capture_output=True, timeout=300)
        assert result.returncode == 0, (line, result.stderr)
        outputs[line.split()[1]] = outputs.get(line.split()[1], "") + result.stdout
    assert "Monterey Talks" in outputs["show"]
    cypher = outputs["cypher"]
    assert "Ministry of National Defense" in cypher and "MET_WITH" in cypher
    assert cypher.count("row(s)") == 3 and " 0 row(s)" not in cypher
    assert (local / "from-neo4j" / "graph.db").read_bytes() == \
        (local / "diplograph-data" / "graph.db").read_bytes()


def test_the_python_lines_run(local, neo4j_server, monkeypatch):
    for key, value in neo4j_server.env().items():
        monkeypatch.setenv(key, value)
    lines = block("python").replace(README_URI, neo4j_server.uri).splitlines()
    for line in lines:
        value = eval(line, {"api": api})  # noqa: S307 - the README's own lines
        if ".rows" in line:
            assert ["Taiwan"] in value
    assert (local / "from-neo4j" / "graph.db").read_bytes() == \
        (local / "diplograph-data" / "graph.db").read_bytes()
