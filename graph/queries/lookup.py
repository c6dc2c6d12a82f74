"""Find a node from what a user types: its id, its name or one of its aliases, ignoring
case, accents and punctuation.

Examples
--------
>>> import networkx as nx
>>> G = nx.MultiDiGraph()
>>> G.add_node("person:francois-wu", label="Person", name="François Wu",
...            aliases=["François Wu", "Francois Wu", "Wu"])
>>> resolve(G, "francois wu")
'person:francois-wu'
>>> resolve(G, "Fran Wu")
Traceback (most recent call last):
...
diplograph.graph.errors.NodeNotFound: No node matches 'Fran Wu'. Did you mean: François Wu?
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from diplograph.graph.errors import AmbiguousName, NodeNotFound
from diplograph.graph.names import closest, match_key, normalize
from diplograph.graph.queries.registry import Query, register

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["resolve", "suggest", "name_index", "best_hit"]


def name_index(G: nx.MultiDiGraph) -> dict[str, list[tuple[int, str]]]:
    """match key -> [(tier, node id)]: tier 0 for an id, 1 for a name, 2 for an alias."""
    index: dict[str, list[tuple[int, str]]] = {}
    for node, attrs in G.nodes(data=True):
        forms = [(0, node), (1, attrs.get("name", "")),
                 *((2, alias) for alias in attrs.get("aliases", []))]
        for tier, form in forms:
            key = match_key(form)
            if key and (tier, node) not in index.get(key, []):
                index.setdefault(key, []).append((tier, node))
    return index


def suggest(G: nx.MultiDiGraph, name: str, *, n: int = 5) -> list[str]:
    """Display names of the nodes closest to ``name``."""
    forms: dict[str, str] = {}
    for _node, attrs in G.nodes(data=True):
        for form in (attrs.get("name", ""), *attrs.get("aliases", [])):
            forms.setdefault(normalize(form), attrs.get("name", ""))
    names: list[str] = []
    for form in closest(name, forms, n=n * 3):
        if forms[form] not in names:
            names.append(forms[form])
    return names[:n]


def resolve(G: nx.MultiDiGraph, name: str) -> str:
    """The id of the node ``name`` designates.

    An exact id wins, then a display name, then an alias. Raises ``NodeNotFound``
    (with the closest names) when nothing matches, ``AmbiguousName`` when several
    nodes match equally well.
    """
    if name in G:
        return name
    hits = name_index(G).get(match_key(name), [])
    if not hits:
        raise NodeNotFound(name, suggest(G, name))
    return best_hit(name, hits)


def best_hit(name: str, hits: list[tuple[int, str]]) -> str:
    """The node of the best tier among ``hits`` ((tier, node id) pairs matching
    ``name``); ``AmbiguousName`` when several nodes share that tier.

    >>> best_hit("wu", [(2, "person:wu-a"), (1, "person:wu-b")])
    'person:wu-b'
    """
    best = min(tier for tier, _ in hits)
    nodes = sorted({node for tier, node in hits if tier == best})
    if len(nodes) > 1:
        raise AmbiguousName(name, nodes)
    return nodes[0]


# Every store resolves the names a query takes through this entry (or its override).
register(Query("resolve", resolve, result=str, render=str))
