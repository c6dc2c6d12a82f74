"""The graph as plain data for drawing: node and edge dicts, a legend, sizes, filters.

Everything a page or a picture shows is decided here, from the model graph and
:data:`graph.schema.SCHEMA`, so it can be tested without a browser. Text from the
data stays plain text: the page builds its tooltips and panel from these dicts with
``textContent`` (never as HTML), and embeds them as JSON with ``<``, ``>`` and ``&``
escaped. Citations name their document by id; the document's title, outlet, date and
link are given once, in ``documents``. No pyvis here.

Examples
--------
>>> import networkx as nx
>>> G = nx.MultiDiGraph(documents={"d1": {"id": "d1", "title": "T", "date": "2025-10"}})
>>> G.add_node("person:a", label="Person", name="<b>A</b>", kind=None, aliases=["<b>A</b>"])
>>> G.add_node("org:b", label="Organization", name="B", kind="ministry", aliases=["B"])
>>> _ = G.add_edge("person:a", "org:b", key="HOLDS_POSITION", type="HOLDS_POSITION",
...                start="2025-10",
...                evidence=[{"doc": "d1", "note": "says so", "method": "curated"}])
>>> view = present(G)
>>> [n["dg"]["name"] for n in view["nodes"]]
['B', '<b>A</b>']
>>> view["edges"][0]["arrows"], view["edges"][0]["label"], view["edges"][0]["dg"]["held"]
('to', 'holds position at', [0, 0])
>>> view["time"]["steps"]
['2025-10']
>>> present(G, filters=Filters(min_sources=2))["edges"]
[]
"""
from __future__ import annotations

import math
import textwrap
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any, TypedDict

import networkx as nx

from diplograph.graph.errors import DiplographError
from diplograph.graph.provenance import confidence as confidence_of
from diplograph.graph.queries.centrality import MEASURES, simple_view
from diplograph.graph.queries.lookup import resolve
from diplograph.graph.queries.neighborhood import neighborhood
from diplograph.graph.schema import SCHEMA
from diplograph.viz.palette import (CHANGES, COLOR_BY, LINE, NEUTRAL, UNCHECKED_OPACITY,
                                    CommunityStyle, community_styles, relation_colors,
                                    status_dashes)
from diplograph.viz.timeline import held_span, holds_on, in_range, time_steps

__all__ = ["Filters", "Presentation", "SIZE_BY", "COLOR_BY", "present", "filter_graph",
           "sources_of", "wrap", "EDGE_LABELS_UP_TO", "FONT_SIZE", "edge_id"]

# Above this many edges the type is left out of the drawn edge label (it stays in the
# tooltip and the panel): thousands of canvas labels make every frame slow.
EDGE_LABELS_UP_TO = 1500
MIN_SIZE, MAX_SIZE = 10.0, 40.0
# Label size in canvas units: the smallest node's; the largest node's is 1.5 times it,
# so that the hubs stay readable when the whole map is in view.
FONT_SIZE = 16.0
WRAP_AT = 22          # characters per label line


@dataclass(frozen=True, slots=True)
class Filters:
    """What to keep. Every field is optional; the defaults keep the whole graph.

    ``min_sources``: edges cited by at least this many distinct documents.
    ``as_of``: ties that held on that ISO date (see :func:`viz.timeline.holds_on`).
    ``since``/``until``: dated ties (``date``, or ``start``..``end``) overlapping the range.
    ``labels``/``types``: only these node labels / relationship types.
    ``focus``/``depth``: the neighbourhood of one node (name, alias or id).
    ``min_degree``: nodes with at least this many ties (after the other filters; 1
    hides the unconnected ones).
    """

    min_sources: int = 0
    as_of: str | None = None
    since: str | None = None
    until: str | None = None
    labels: tuple[str, ...] = ()
    types: tuple[str, ...] = ()
    focus: str | None = None
    depth: int = 1
    min_degree: int = 0

    @property
    def drops_isolated(self) -> bool:
        """Edge filters leave nodes whose every tie was filtered out: those are dropped."""
        return bool(self.min_sources > 1 or self.as_of or self.since or self.until or self.types)


class Presentation(TypedDict, total=False):
    title: str
    nodes: list[dict[str, Any]]
    edges: list[dict[str, Any]]
    legend: dict[str, list[dict[str, Any]]]
    documents: dict[str, dict[str, str]]
    time: dict[str, Any]          # steps: the time slider's dates
    controls: dict[str, Any]      # the page's filters as the page opens
    story: dict[str, Any]         # viz.story: the steps of a story page


def sources_of(attrs: dict[str, Any]) -> set[str]:
    """The distinct documents citing a node or edge."""
    return {c["doc"] for c in attrs.get("evidence", []) if c.get("doc")}


def edge_id(u: str, k: str, v: str) -> str:
    """The id of the tie (u, k, v) in a view."""
    return f"{u}|{k}|{v}"


def filter_graph(G: nx.MultiDiGraph, filters: Filters) -> nx.MultiDiGraph:
    """A filtered copy of ``G`` (``G`` itself is never changed)."""
    for label in filters.labels:
        SCHEMA.label(label)
    for rel in filters.types:
        SCHEMA.relation(rel)
    keep_edges = []
    for u, v, k, attrs in G.edges(keys=True, data=True):
        if filters.types and k not in filters.types:
            continue
        if filters.min_sources > 1 and len(sources_of(attrs)) < filters.min_sources:
            continue
        if filters.as_of and not holds_on(attrs, filters.as_of):
            continue
        if (filters.since or filters.until) and not in_range(attrs, filters.since,
                                                              filters.until):
            continue
        keep_edges.append((u, v, k))
    nodes = [n for n, a in G.nodes(data=True)
             if not filters.labels or a.get("label") in filters.labels]
    kept = set(nodes)
    H = nx.MultiDiGraph()
    H.graph.update(G.graph)
    H.add_nodes_from((n, G.nodes[n]) for n in nodes)
    H.add_edges_from((u, v, k, G.edges[u, v, k]) for u, v, k in keep_edges
                     if u in kept and v in kept)
    center = None
    if filters.focus:
        center = resolve(G, filters.focus)
        if center not in H:
            raise DiplographError(
                f"{filters.focus!r} ({center}) is hidden by the other filters; "
                "loosen {labels}/{types} or the dates.", labels="labels", types="types")
        H = neighborhood(H, center, depth=filters.depth)
        H.graph.update(G.graph)
    least = max(filters.min_degree, 1 if filters.drops_isolated else 0)
    if least:
        H.remove_nodes_from([n for n in list(H) if H.degree(n) < least and n != center])
    return H


def _scores_degree(G: nx.MultiDiGraph) -> dict[str, float]:
    return {n: float(d) for n, d in G.degree()}


def _scores_citations(G: nx.MultiDiGraph) -> dict[str, float]:
    scores = {n: 0.0 for n in G}
    for u, v, attrs in G.edges(data=True):
        k = float(len(sources_of(attrs)))
        scores[u] += k
        scores[v] += k
    return scores


def _scores_betweenness(G: nx.MultiDiGraph) -> dict[str, float]:
    simple = simple_view(G)
    if len(simple) <= 2000:
        return MEASURES["betweenness"](simple)
    return nx.betweenness_centrality(simple, k=300, seed=0)  # sampled: exact is O(n*e)


def _measure(name: str) -> Callable[[nx.MultiDiGraph], dict[str, float]]:
    return lambda G: MEASURES[name](simple_view(G)) if len(G) else {}


# Node size measures: ``degree`` counts ties (several ties to one neighbour count
# several times), ``citations`` the documents behind them; the rest are the analysis
# module's centralities on the simple undirected view.
SIZE_BY: dict[str, Callable[[nx.MultiDiGraph], dict[str, float]]] = {
    "degree": _scores_degree,
    "citations": _scores_citations,
    **{name: _measure(name) for name in MEASURES if name != "degree"},
    "betweenness": _scores_betweenness,
}


def _sizes(G: nx.MultiDiGraph, size_by: str) -> dict[str, float]:
    if size_by not in SIZE_BY:
        raise DiplographError(f"Unknown size measure {size_by!r}; valid: {', '.join(SIZE_BY)}")
    scores = SIZE_BY[size_by](G)
    top = max(scores.values(), default=0.0)
    if top <= 0:
        return {n: MIN_SIZE for n in G}
    return {n: round(MIN_SIZE + (MAX_SIZE - MIN_SIZE) * math.sqrt(scores.get(n, 0.0) / top), 2)
            for n in G}


# vis-network draws the label inside these shapes, on the label's colour.
_LABEL_INSIDE = frozenset({"box", "ellipse", "circle", "database", "text"})


def _ink(background: str) -> str:
    """Black or white text, whichever reads better on ``background`` (#rrggbb)."""
    r, g, b = (int(background[i:i + 2], 16) / 255 for i in (1, 3, 5))
    return "black" if 0.2126 * r + 0.7152 * g + 0.0722 * b > 0.5 else "white"


def wrap(name: str, width: int = WRAP_AT) -> str:
    """A label broken into lines of about ``width`` characters at spaces (a long word
    stays whole), so that boxes are less wide and pack better.

    >>> wrap("Taiwan-US Defense Department Joint Cooperation Assessment Case")
    'Taiwan-US Defense\\nDepartment Joint\\nCooperation Assessment\\nCase'
    """
    name = " ".join(name.split())
    if len(name) <= width:
        return name
    return "\n".join(textwrap.wrap(name, width, break_long_words=False,
                                   break_on_hyphens=False))


def _text(value: Any) -> str:
    if isinstance(value, (list, tuple)):
        return ", ".join(map(str, value))
    return str(value)


def _properties(attrs: dict[str, Any], skip: frozenset[str]) -> list[list[str]]:
    return [[k, _text(v)] for k, v in attrs.items() if k not in skip and v is not None]


# Bookkeeping of a node or tie, shown in its own place rather than among its properties.
_META = frozenset({"evidence", "conflicts", "provenance", "corrections"})
_NODE_SKIP = _META | {"label", "name", "kind", "aliases"}
_EDGE_SKIP = _META | {"type"}


def _citations(evidence: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """The citations as the panel shows them; the document's details are in the view's
    ``documents``, once per document rather than once per citation."""
    out = []
    for c in evidence:
        cite: dict[str, Any] = {"doc": str(c.get("doc", "")), "method": str(c.get("method", "")),
                                "confidence": c.get("confidence", 1.0)}
        for key in ("snippet", "note"):
            if c.get(key):
                cite[key] = str(c[key])
        out.append(cite)
    return out


def _conflicts(attrs: dict[str, Any]) -> dict[str, list[str]]:
    return {k: [str(x) for x in v] for k, v in attrs.get("conflicts", {}).items()}


def _legend(G: nx.MultiDiGraph, groups: dict[str, CommunityStyle],
            changes: Mapping[str, Mapping[str, str]] | None
            ) -> dict[str, list[dict[str, Any]]]:
    label_counts = Counter(label for _, label in G.nodes(data="label"))
    type_counts = Counter(k for _, _, k in G.edges(keys=True))
    status_counts = Counter(a.get("status") or SCHEMA.statuses[0]
                            for _, _, a in G.edges(data=True))
    colors = relation_colors()
    labels = [{"name": s.name, "color": NEUTRAL if groups or changes else s.color,
               "shape": s.shape, "description": s.description,
               "count": label_counts.get(s.name, 0)} for s in SCHEMA.labels.values()]
    types = [{"name": s.name, "label": s.label, "symmetric": s.symmetric,
              "color": colors[s.name], "count": type_counts.get(s.name, 0)}
             for s in SCHEMA.relations.values()]
    statuses = [{"name": s, "dashes": d, "count": status_counts.get(s, 0)}
                for s, d in status_dashes().items()]
    levels = Counter(a.get("provenance") for _, _, a in G.edges(data=True))
    provenance = [{"name": s.name, "description": s.description, "color": s.color,
                   "checked": s.checked, "opacity": 1 if s.checked else UNCHECKED_OPACITY,
                   "count": levels.get(s.name, 0)} for s in SCHEMA.provenance.values()]
    drawn = Counter(groups[node] for node in G) if groups else Counter()
    legend = {"labels": labels, "types": types, "statuses": statuses,
              "provenance": provenance,
              "communities": [{**c.as_dict(), "count": k}
                              for c, k in sorted(drawn.items(), key=lambda ck: ck[0].index)]}
    if changes is not None:
        node_changes = Counter(changes["nodes"].get(n, "unchanged") for n in G)
        edge_changes = Counter(changes["edges"].get(edge_id(u, k, v), "unchanged")
                               for u, v, k in G.edges(keys=True))
        legend["changes"] = [{"name": c, "color": color, "nodes": node_changes.get(c, 0),
                              "edges": edge_changes.get(c, 0)} for c, color in CHANGES.items()]
    return legend


def _node(node_id: str, attrs: dict[str, Any], size: float, color: str,
          group: CommunityStyle | None, change: str | None) -> dict[str, Any]:
    spec = SCHEMA.label(attrs["label"])
    name = str(attrs.get("name", node_id))
    grow = (size - MIN_SIZE) / (MAX_SIZE - MIN_SIZE)
    font: dict[str, Any] = {"size": round(FONT_SIZE * (1 + 0.5 * grow), 1)}
    if spec.shape in _LABEL_INSIDE:
        font["color"] = _ink(color)
    return {
        "id": node_id, "label": wrap(name), "shape": spec.shape, "color": color,
        "size": size, "font": font,
        "dg": {"name": name, "label": spec.name, "kind": str(attrs.get("kind") or ""),
               "aliases": [str(a) for a in attrs.get("aliases", [])],
               "properties": _properties(attrs, _NODE_SKIP), "conflicts": _conflicts(attrs),
               "citations": _citations(attrs.get("evidence", [])), **_checking(attrs),
               **({"community": group.as_dict()} if group else {}),
               **({"change": change} if change else {})}}


def _methods(evidence: Iterable[dict[str, Any]]) -> list[str]:
    """How a tie was read, for provenance styling: the citation methods, in the
    schema's order (curated first)."""
    found = {str(c.get("method", "")) for c in evidence}
    return [m for m in SCHEMA.methods if m in found]


def _checking(attrs: dict[str, Any]) -> dict[str, Any]:
    """What the side panel says of how a node or tie is known: its provenance level
    (``graph/schema.yaml``), the methods and best confidence of its citations, and the
    corrections that touched it (with their notes)."""
    return {"provenance": str(attrs.get("provenance", "")),
            "methods": _methods(attrs.get("evidence", [])),
            "confidence": confidence_of(attrs),
            "corrections": [{k: str(v) for k, v in m.items()}
                            for m in attrs.get("corrections", [])]}


def _line_color(k: str, attrs: dict[str, Any], change: str | None) -> dict[str, Any]:
    """The colour its type's (or its change's on a diff map); a tie no person checked
    (machine-read, or corrected without being confirmed) is drawn faded, so what a
    machine read stands apart from what a person checked whatever its type."""
    color: dict[str, Any] = {"color": CHANGES[change] if change
                             else relation_colors().get(k, LINE)}
    level = SCHEMA.provenance.get(str(attrs.get("provenance")))
    if level is not None and not level.checked:
        color["opacity"] = UNCHECKED_OPACITY
    return color


def _edge(u: str, v: str, k: str, attrs: dict[str, Any], names: dict[str, str], *,
          label: bool, change: str | None, held: list[int] | None) -> dict[str, Any]:
    """One tie as drawn. Its look follows its fields: the colour its type's (or its
    change's on a diff map), faded when no person checked it (its ``provenance``), the
    dashes its status's, the width its number of sources; a new way of styling ties
    adds its field to ``dg`` and its look here."""
    spec = SCHEMA.relation(k)
    status = str(attrs.get("status") or SCHEMA.statuses[0])
    evidence = attrs.get("evidence", [])
    return {
        "id": edge_id(u, k, v), "from": u, "to": v, "label": spec.label if label else "",
        "arrows": "" if spec.symmetric else "to",
        "width": round(1 + min(len(sources_of(attrs)), 5) * 0.6, 2),
        "color": _line_color(k, attrs, change),
        "dashes": status_dashes().get(status, False),
        "dg": {"type": k, "relation": spec.label, "symmetric": spec.symmetric,
               "source": names[u], "target": names[v], "status": status,
               "properties": _properties(attrs, _EDGE_SKIP), "conflicts": _conflicts(attrs),
               "citations": _citations(evidence), **_checking(attrs),
               "held": held, **({"change": change} if change else {})}}


def present(G: nx.MultiDiGraph, *, filters: Filters | None = None, size_by: str = "degree",
            color_by: str = "label", title: str = "diplograph",
            changes: Mapping[str, Mapping[str, str]] | None = None,
            min_degree: int = 0) -> Presentation:
    """The (filtered) graph as plain dicts, ready for :mod:`viz.page` or :mod:`viz.static`.

    Nodes carry vis-network fields (``id``, ``label`` wrapped to lines, ``shape``,
    ``color``, ``size``, ``font``) plus ``dg``: the details the side panel and the
    tooltip show. Edges carry ``from``, ``to``, ``label``, ``arrows`` (none on symmetric
    types), ``color`` (the type's, faded when no person checked the tie), ``dashes``
    (the status's), and ``dg``, where ``held`` is the span of ``time.steps`` on which the
    tie holds (:mod:`viz.timeline`). Nodes' and ties' ``dg`` say how each is known:
    ``provenance`` (a level of ``graph/schema.yaml``), ``methods`` (the citation
    methods), ``confidence`` (the best citation's) and ``corrections``. ``color_by`` is a key of
    :data:`COLOR_BY`. ``changes`` (``{"nodes": {id: change}, "edges": {edge id:
    change}}``, see :mod:`viz.diffmap`) colours what changed instead. ``min_degree`` is
    the page's unconnected/min-degree filter as the page opens (pictures drop those
    nodes with ``Filters.min_degree`` instead).
    """
    if color_by not in COLOR_BY:
        raise DiplographError(f"Unknown colouring {color_by!r}; valid: {', '.join(COLOR_BY)}")
    H = filter_graph(G, filters) if filters and filters != Filters() else G
    documents = {str(k): dict(v) for k, v in G.graph.get("documents", {}).items()}
    sizes = _sizes(H, size_by)
    groups = community_styles(G) if color_by == "community" else {}
    node_changes = changes["nodes"] if changes is not None else {}
    edge_changes = changes["edges"] if changes is not None else {}
    nodes = []
    for node_id in sorted(H):
        attrs = H.nodes[node_id]
        change = node_changes.get(node_id, "unchanged") if changes is not None else None
        color = (CHANGES[change] if change else groups[node_id].color if groups
                 else SCHEMA.label(attrs["label"]).color)
        nodes.append(_node(node_id, attrs, sizes[node_id], color, groups.get(node_id),
                           change))
    names = {n: str(H.nodes[n].get("name", n)) for n in H}
    many = H.number_of_edges() > EDGE_LABELS_UP_TO
    ordered = sorted(H.edges(keys=True, data=True), key=lambda e: (e[0], e[2], e[1]))
    steps = time_steps(attrs for _, _, _, attrs in ordered)
    spans: dict[tuple[Any, ...], list[int] | None] = {}
    edges = []
    for u, v, k, attrs in ordered:
        eid = edge_id(u, k, v)
        change = edge_changes.get(eid, "unchanged") if changes is not None else None
        edges.append(_edge(u, v, k, attrs, names, label=not many, change=change,
                           held=held_span(attrs, steps, _cache=spans)))
    return {"title": title, "nodes": nodes, "edges": edges,
            "legend": _legend(H, groups, changes), "documents": documents,
            "time": {"steps": steps}, "controls": {"min_degree": max(0, min_degree)}}
