"""GraphML export (networkx's writer over the flattened graph)."""
from __future__ import annotations

from typing import IO

import networkx as nx

from diplograph.viz.exports.flat import flat_graph


def write_graphml(G: nx.MultiDiGraph, out: IO[bytes]) -> None:
    nx.write_graphml(flat_graph(G), out)
