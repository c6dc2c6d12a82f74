"""Export formats: :data:`EXPORTERS` maps a format name to (writer, binary?, suffix,
directory?); ``csv`` writes a directory of neo4j-admin import files. The CLI's
``--format`` choices, the docs and the tests iterate over it.

Every writer streams: it writes node by node and tie by tie instead of building the
whole document first. A writer may return warnings (text it had to change to fit its
format); :func:`export_graph` hands them to ``warn``."""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, NamedTuple

import networkx as nx

from diplograph.graph.files import atomic_open, output_dir
from diplograph.viz.exports.gexf import write_gexf
from diplograph.viz.exports.graphml import write_graphml
from diplograph.viz.exports.json import write_json
from diplograph.viz.exports.cypher import write_cypher
from diplograph.viz.exports.neo4j_csv import write_neo4j_csv

__all__ = ["Exporter", "EXPORTERS", "export_graph"]


class Exporter(NamedTuple):
    write: Callable[[nx.MultiDiGraph, Any], list[str] | None]
    binary: bool
    suffix: str
    # True: ``write`` gets a directory path and writes several files into it.
    directory: bool = False


EXPORTERS: dict[str, Exporter] = {
    "json": Exporter(write_json, False, ".json"),
    "graphml": Exporter(write_graphml, False, ".graphml"),
    "gexf": Exporter(write_gexf, False, ".gexf"),
    "csv": Exporter(write_neo4j_csv, False, "", directory=True),
    "cypher": Exporter(write_cypher, False, ".cypher"),
}


def export_graph(G: nx.MultiDiGraph, fmt: str, output: str | Path, *,
                 warn: Callable[[str], None] | None = None) -> Path:
    """Write ``G`` to ``output`` in format ``fmt``; the file appears whole or not at all
    (``OutputError`` when it cannot be written). The writer's warnings go to ``warn``."""
    exporter = EXPORTERS[fmt]
    path = Path(output)
    if exporter.directory:  # each file in it is written whole (temporary file, rename)
        warnings = exporter.write(G, output_dir(path))
    else:
        with atomic_open(path, binary=exporter.binary) as fh:
            warnings = exporter.write(G, fh)
    for warning in warnings or ():
        if warn is not None:
            warn(warning)
    return path
