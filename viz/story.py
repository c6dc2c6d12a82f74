"""A story page's view: the entities every step shows, and for each step which nodes and
ties it shows and lights up, with its caption parsed (:mod:`viz.markdown`).

Steps arrive as plain dicts whose entities are already node ids (the API resolves the
names of a story file, :mod:`loaders.stories`, and reports an unknown one with its file
and line). A step shows the ids it lists plus, with a ``focus``, that node's
neighbourhood (``depth``, ``types``, ``labels``); its ties are those among its nodes
that ``types`` and ``as_of`` let through.

Examples
--------
>>> import networkx as nx
>>> G = nx.MultiDiGraph()
>>> for n in ["a", "b", "c"]:
...     G.add_node(f"person:{n}", label="Person", name=n.upper(), aliases=[n.upper()])
>>> _ = G.add_edge("person:a", "person:b", key="MET_WITH", type="MET_WITH", date="2025-01")
>>> _ = G.add_edge("person:b", "person:c", key="MET_WITH", type="MET_WITH", date="2026-01")
>>> view = story_view(G, {"title": "S", "steps": [
...     {"title": "One", "caption": "**A** first", "nodes": ["person:a"], "focus": "person:b",
...      "depth": 1, "as_of": "2025-06", "highlight": ["person:a"]}]})
>>> step = view["story"]["steps"][0]
>>> step["nodes"], step["edges"], step["caption"][0][1][0]
(['person:a', 'person:b', 'person:c'], ['person:a|MET_WITH|person:b'], ['b', [['t', 'A']]])
"""
from __future__ import annotations

from typing import Any

import networkx as nx

from diplograph.viz.markdown import parse
from diplograph.viz.present import Filters, Presentation, edge_id, filter_graph, present
from diplograph.viz.timeline import holds_on

__all__ = ["story_view"]


def _step(G: nx.MultiDiGraph, step: dict[str, Any]) -> dict[str, Any]:
    shown = set(step.get("nodes") or ())
    types = tuple(step.get("types") or ())
    if step.get("focus"):
        around = filter_graph(G, Filters(focus=step["focus"], depth=int(step.get("depth", 1)),
                                         types=types, labels=tuple(step.get("labels") or ())))
        shown |= set(around)
    as_of = step.get("as_of")
    sub = G.subgraph(shown)
    ties = sorted((edge_id(u, k, v), k) for u, v, k, attrs in sub.edges(keys=True, data=True)
                  if (not types or k in types) and (not as_of or holds_on(attrs, as_of)))
    lit_types = set(step.get("highlight_types") or ())
    return {"title": str(step["title"]), "caption": parse(str(step.get("caption") or "")),
            "nodes": sorted(shown), "edges": [t for t, _ in ties],
            "highlight": sorted(set(step.get("highlight") or ()) & shown),
            "highlight_edges": [t for t, k in ties if k in lit_types],
            "as_of": as_of}


def story_view(G: nx.MultiDiGraph, story: dict[str, Any], **options: Any) -> Presentation:
    """The view of a story page: :func:`viz.present.present` of the entities the steps
    show (``options`` as for it), plus ``story`` (title, description, steps)."""
    steps = [_step(G, s) for s in story["steps"]]
    union = sorted({n for s in steps for n in s["nodes"]})
    H = G.subgraph(union).copy()
    H.graph.update(G.graph)
    view = present(H, **{"title": story["title"], **options})
    view["story"] = {"title": str(story["title"]),
                     "description": parse(str(story.get("description") or "")),
                     "steps": steps}
    return view
