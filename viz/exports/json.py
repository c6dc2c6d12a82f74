"""JSON export: SCHEMA.md's node-link format (the same text the embedded store keeps)."""
from __future__ import annotations

from typing import IO

import networkx as nx

from diplograph.graph.nodelink import dumps


def write_json(G: nx.MultiDiGraph, out: IO[str]) -> None:
    out.write(dumps(G))
