"""Export formats: :data:`EXPORTERS` maps a format name to (writer, binary?). The CLI's
``--format`` choices, the docs and the tests iterate over it."""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, NamedTuple

import networkx as nx

from viz.exports.gexf import write_gexf
from viz.exports.graphml import write_graphml
from viz.exports.json import write_json

__all__ = ["Exporter", "EXPORTERS", "export_graph"]


class Exporter(NamedTuple):
    write: Callable[[nx.MultiDiGraph, Any], None]
    binary: bool
    suffix: str


EXPORTERS: dict[str, Exporter] = {
    "json": Exporter(write_json, False, ".json"),
    "graphml": Exporter(write_graphml, True, ".graphml"),
    "gexf": Exporter(write_gexf, True, ".gexf"),
}


def export_graph(G: nx.MultiDiGraph, fmt: str, output: str | Path) -> Path:
    """Write ``G`` to ``output`` in format ``fmt``; the file appears whole or not at all."""
    exporter = EXPORTERS[fmt]
    path = Path(output)
    tmp = path.with_name(f".{path.name}.tmp")
    with open(tmp, "wb" if exporter.binary else "w",
              **({} if exporter.binary else {"encoding": "utf-8", "newline": "\n"})) as fh:
        exporter.write(G, fh)
    tmp.replace(path)
    return path
