"""Queries: plain functions of a graph that return data and never mutate it.

Each module holds one kind of question: its result types, its reference function over a
networkx graph, its plain-text renderer and any per-store overrides, registered as
entries of :data:`QUERIES` (see :mod:`graph.queries.registry`). Importing the package
imports every module, so the registry is complete; import a reference from its module
(``from diplograph.graph.queries.summary import show``) or take it from its entry
(``QUERIES["show"].reference``).
"""
from diplograph.graph.queries.registry import (QUERIES, Query, discover, get, override,
                                               register, renderer_for)

__all__ = ["QUERIES", "Query", "get", "override", "register", "renderer_for"]

discover(__name__)
