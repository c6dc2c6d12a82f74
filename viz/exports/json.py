"""JSON export: SCHEMA.md's node-link format (the text a graph.json store keeps),
written one node and edge at a time."""
from __future__ import annotations

from typing import IO

import networkx as nx

from diplograph.graph.nodelink import write_nodelink

__all__ = ["write_json"]


def write_json(G: nx.MultiDiGraph, out: IO[str]) -> None:
    write_nodelink(G, out)
