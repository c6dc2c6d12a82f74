"""Exports of hostile text (issue 10, item 6): well-formed XML whatever the names hold,
with a warning saying how many characters XML could not take; no spreadsheet formula
in any CSV cell; and the export writers stream (a large graph is written without
building the document in memory first)."""
from __future__ import annotations

import csv
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner

from diplograph.cli import cli
from diplograph.graph.claims import Citation, DocumentRecord, EdgeClaim, NodeClaim
from diplograph.graph.merge import build_graph
from diplograph.graph.nodelink import to_nodelink
from diplograph.graph.stores import SQLiteStore
from diplograph.viz.exports import EXPORTERS, export_graph
from diplograph.viz.exports.neo4j_csv import FILES

CONTROL = "Ku\x01 Li\x0b-hsiung\ufffe\uffff\x1f"           # 7 characters XML 1.0 forbids
FORMULAS = ["=HYPERLINK(\"http://x\",\"y\")", "+1+2", "-3+4", "@SUM(A1)", "\tTab", "\rCR"]


def hostile() -> nx.MultiDiGraph:
    cite = Citation(doc=FORMULAS[0], note=f"note {CONTROL} {FORMULAS[1]}")
    claims = [DocumentRecord(id=FORMULAS[0], title=FORMULAS[3], outlet=CONTROL),
              NodeClaim(id="person:ku", label="Person", name=CONTROL, aliases=(FORMULAS[2],),
                        citation=cite)]
    claims += [NodeClaim(id=f"person:f{i}", label="Person", name=text, citation=cite)
               for i, text in enumerate(FORMULAS)]
    claims += [EdgeClaim("person:ku", "MET_WITH", f"person:f{i}", cite, {"place": text})
               for i, text in enumerate(FORMULAS)]
    claims.append(NodeClaim(id="event:e", label="Event", name="E"))
    claims.append(EdgeClaim("person:ku", "PARTICIPATES_IN", "event:e", cite,
                            {"size": 5, "role": "-delegate"}))
    return build_graph(claims)


@pytest.fixture
def store(tmp_path) -> Path:
    SQLiteStore(tmp_path / "store").save(hostile())
    return tmp_path / "store"


@pytest.mark.parametrize("fmt, read", [("gexf", nx.read_gexf), ("graphml", nx.read_graphml)])
def test_xml_exports_are_well_formed_and_say_what_they_replaced(store, tmp_path, fmt, read):
    out = tmp_path / f"out.{fmt}"
    result = CliRunner().invoke(cli, ["export", "--format", fmt, "-o", str(out), "--store",
                                      str(store)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    warnings = [line for line in result.stderr.splitlines() if line.startswith("Warning:")]
    assert len(warnings) == 1 and warnings[0].endswith(
        "character(s) that XML 1.0 cannot hold (control characters, U+FFFE, U+FFFF) were "
        "written as U+FFFD")
    ET.parse(out)                                    # expat: strict XML 1.0
    H = read(out)
    name = H.nodes["person:ku"]["label" if fmt == "gexf" else "name"]
    assert name == "Ku\ufffd Li\ufffd-hsiung\ufffd\ufffd\ufffd"
    assert H.number_of_nodes() == 8 and H.number_of_edges() == 7
    assert int(warnings[0].split()[1]) >= 7


def test_clean_text_gives_no_warning(seed_store, tmp_path):
    result = CliRunner().invoke(cli, ["export", "--format", "gexf", "-o",
                                      str(tmp_path / "g.gexf"), "--store", str(seed_store)],
                                catch_exceptions=False)
    assert result.exit_code == 0 and "Warning" not in result.output


def _cells(directory: Path) -> list[tuple[str, str, str]]:
    """(file, header, cell) of every cell of the neo4j-admin CSV files."""
    out = []
    for name in FILES:
        with open(directory / name, encoding="utf-8", newline="") as fh:
            rows = list(csv.reader(fh))
        out += [(name, head, cell) for row in rows[1:] for head, cell in zip(rows[0], row)]
    return out


def test_no_csv_cell_starts_a_formula(tmp_path):
    directory = export_graph(hostile(), "csv", tmp_path / "csv")
    cells = _cells(directory)
    starts = [(f, h, c) for f, h, c in cells if c[:1] in ("=", "+", "-", "@", "\t", "\r")]
    assert starts == []
    names = {c for f, h, c in cells if h == "name"}
    assert {"'" + text for text in FORMULAS} <= names
    assert ("relationships.csv", "size:int", "5") in cells     # numbers stay numbers
    assert ("relationships.csv", "role", "'-delegate") in cells
    assert ("documents.csv", "id:ID(Document)", "'" + FORMULAS[0]) in cells
    by_id = {c for f, h, c in cells if h in (":START_ID(Entity)", ":END_ID(Entity)",
                                             "id:ID(Entity)")}
    assert "person:ku" in by_id


def test_streamed_json_is_the_bytes_the_store_keeps(seed_store, tmp_path):
    """The JSON export is written node by node, and is still byte for byte the whole
    node-link document written at once."""
    out = export_graph(SQLiteStore(seed_store).load(), "json", tmp_path / "g.json")
    G = SQLiteStore(seed_store).load()
    assert out.read_text(encoding="utf-8") == json.dumps(to_nodelink(G), ensure_ascii=False,
                                                         indent=1) + "\n"


@pytest.mark.parametrize("fmt", sorted(EXPORTERS))
def test_every_export_of_an_empty_graph_is_valid(tmp_path, fmt):
    G = nx.MultiDiGraph(documents={}, schema_version=1)
    out = export_graph(G, fmt, tmp_path / f"empty-{fmt}")
    if fmt in ("gexf", "graphml"):
        ET.parse(out)
    elif fmt == "json":
        assert json.loads(out.read_text())["nodes"] == []
