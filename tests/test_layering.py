"""The one-way data flow holds: graph/ imports none of the others; loaders/ and viz/
import only graph/; and schema names are spelled only in graph/schema.yaml."""
import ast
import re
from pathlib import Path

import pytest

from diplograph.graph.schema import SCHEMA

ROOT = Path(__file__).resolve().parent.parent
ALLOWED = {"graph": {"graph"}, "loaders": {"graph", "loaders"}, "viz": {"graph", "viz"},
           "diplograph": {"graph", "loaders", "viz", "diplograph"}}


def layer(module: str) -> str:
    """The layer a dotted module name belongs to: graph/, loaders/ and viz/ install as
    subpackages of diplograph, whose other modules are the facade."""
    parts = module.split(".")
    if parts[0] == "diplograph" and len(parts) > 1 and parts[1] in ALLOWED:
        return parts[1]
    return parts[0]


def imported_packages(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {layer(alias.name) for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(layer(node.module))
    return names & set(ALLOWED)


@pytest.mark.parametrize("package", sorted(ALLOWED))
def test_imports_flow_one_way(package):
    offenders = {str(p.relative_to(ROOT)): sorted(imported_packages(p) - ALLOWED[package])
                 for p in (ROOT / package).rglob("*.py")}
    assert {k: v for k, v in offenders.items() if v} == {}


def test_labels_and_types_are_not_relisted_as_literals():
    """A string literal that *is* a label, kind-less type or colour belongs in schema.yaml.

    Named constants for a query about one relationship type are allowed (one
    assignment per module); lists of several are the smell this catches.
    """
    names = set(SCHEMA.labels) | set(SCHEMA.relations) | {
        s.color for s in SCHEMA.labels.values()}
    offenders = []
    for package in ALLOWED:
        for path in (ROOT / package).rglob("*.py"):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            exported = {id(a.value) for a in ast.walk(tree) if isinstance(a, ast.Assign)
                        and any(getattr(t, "id", "") == "__all__" for t in a.targets)}
            for node in ast.walk(tree):
                if id(node) in exported:  # names of Python constants, not schema literals
                    continue
                if isinstance(node, (ast.List, ast.Tuple, ast.Set, ast.Dict)):
                    elts = node.keys if isinstance(node, ast.Dict) else node.elts
                    hits = [e.value for e in elts if isinstance(e, ast.Constant)
                            and isinstance(e.value, str) and e.value in names]
                    if len(hits) >= 3:
                        offenders.append(f"{path.relative_to(ROOT)}:{node.lineno} {hits}")
    assert offenders == []


def test_no_hex_colours_outside_the_schema():
    colour = re.compile(r"#[0-9a-fA-F]{6}\b")
    hits = [str(p.relative_to(ROOT)) for package in ("graph", "viz", "diplograph")
            for p in (ROOT / package).rglob("*.py") if colour.search(p.read_text())]
    assert hits == []


def test_the_cli_starts_without_loading_heavy_dependencies():
    """spaCy, matplotlib and the neo4j driver load when a command needs them, not at start."""
    import subprocess
    import sys
    code = ("import sys, diplograph.cli; "
            "print(sorted(m for m in ('neo4j', 'spacy', 'matplotlib', 'trafilatura', 'pypdf') "
            "if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, cwd=ROOT).stdout.strip()
    assert out == "[]"
