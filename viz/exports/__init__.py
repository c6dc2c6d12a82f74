"""Export formats: :data:`EXPORTERS` maps a format name to (writer, binary?, suffix,
directory?); ``csv`` writes a directory of neo4j-admin import files. The CLI's
``--format`` choices, the docs and the tests iterate over it."""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, NamedTuple

import networkx as nx

from diplograph.graph.files import atomic_open
from diplograph.viz.exports.gexf import write_gexf
from diplograph.viz.exports.graphml import write_graphml
from diplograph.viz.exports.json import write_json
from diplograph.viz.exports.cypher import write_cypher
from diplograph.viz.exports.neo4j_csv import write_neo4j_csv

__all__ = ["Exporter", "EXPORTERS", "export_graph"]


class Exporter(NamedTuple):
    write: Callable[[nx.MultiDiGraph, Any], None]
    binary: bool
    suffix: str
    # True: ``write`` gets a directory path and writes several files into it.
    directory: bool = False


EXPORTERS: dict[str, Exporter] = {
    "json": Exporter(write_json, False, ".json"),
    "graphml": Exporter(write_graphml, True, ".graphml"),
    "gexf": Exporter(write_gexf, True, ".gexf"),
    "csv": Exporter(write_neo4j_csv, False, "", directory=True),
    "cypher": Exporter(write_cypher, False, ".cypher"),
}


def export_graph(G: nx.MultiDiGraph, fmt: str, output: str | Path) -> Path:
    """Write ``G`` to ``output`` in format ``fmt``; the file appears whole or not at all."""
    exporter = EXPORTERS[fmt]
    path = Path(output)
    if exporter.directory:  # each file in it is written whole (temporary file, rename)
        exporter.write(G, path)
        return path
    with atomic_open(path, binary=exporter.binary) as fh:
        exporter.write(G, fh)
    return path
