"""The graph as plain data for drawing: node and edge dicts, a legend, sizes, filters.

Everything a page or a picture shows is decided here, from the model graph and
:data:`graph.schema.SCHEMA`, so it can be tested without a browser. Text from the
data stays plain text: tooltips are multi-line strings that the page shows with
``innerText``/``textContent`` (never as HTML), and the page embeds the dicts as
JSON with ``<``, ``>`` and ``&`` escaped. No pyvis here.

Examples
--------
>>> import networkx as nx
>>> G = nx.MultiDiGraph(documents={"d1": {"id": "d1", "title": "T", "date": "2025-10"}})
>>> G.add_node("person:a", label="Person", name="<b>A</b>", kind=None, aliases=["<b>A</b>"])
>>> G.add_node("org:b", label="Organization", name="B", kind="ministry", aliases=["B"])
>>> _ = G.add_edge("person:a", "org:b", key="HOLDS_POSITION", type="HOLDS_POSITION",
...                evidence=[{"doc": "d1", "note": "says so", "method": "curated"}])
>>> view = present(G)
>>> [n["label"] for n in view["nodes"]]
['B', '<b>A</b>']
>>> view["nodes"][1]["title"].splitlines()[0]
'<b>A</b>'
>>> view["edges"][0]["arrows"], view["edges"][0]["label"]
('to', 'holds position at')
>>> present(G, filters=Filters(min_sources=2))["edges"]
[]
"""
from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, TypedDict

import networkx as nx

from diplograph.graph.dates import date_key
from diplograph.graph.errors import DiplographError
from diplograph.graph.provenance import confidence as confidence_of
from diplograph.graph.queries.centrality import MEASURES, simple_view
from diplograph.graph.queries.lookup import resolve
from diplograph.graph.queries.neighborhood import neighborhood
from diplograph.graph.queries.posts import held_on
from diplograph.graph.schema import SCHEMA
from diplograph.viz.palette import COLOR_BY, NEUTRAL, CommunityStyle, community_styles

__all__ = ["Filters", "Presentation", "SIZE_BY", "COLOR_BY", "present", "filter_graph",
           "sources_of", "node_tooltip", "edge_tooltip", "EDGE_LABELS_UP_TO"]

# Above this many edges the type is left out of the drawn edge label (it stays in the
# tooltip and the panel): thousands of canvas labels make every frame slow.
EDGE_LABELS_UP_TO = 1500
TOOLTIP_CITATIONS = 4
MIN_SIZE, MAX_SIZE = 10.0, 40.0


@dataclass(frozen=True, slots=True)
class Filters:
    """What to keep. Every field is optional; the defaults keep the whole graph.

    ``min_sources``: edges cited by at least this many distinct documents.
    ``as_of``: ties that held on that ISO date (see :func:`holds_on`).
    ``since``/``until``: dated ties (``date``, or ``start``..``end``) overlapping the range.
    ``labels``/``types``: only these node labels / relationship types.
    ``focus``/``depth``: the neighbourhood of one node (name, alias or id).
    """

    min_sources: int = 0
    as_of: str | None = None
    since: str | None = None
    until: str | None = None
    labels: tuple[str, ...] = ()
    types: tuple[str, ...] = ()
    focus: str | None = None
    depth: int = 1

    @property
    def drops_isolated(self) -> bool:
        """Edge filters leave nodes whose every tie was filtered out: those are dropped."""
        return bool(self.min_sources > 1 or self.as_of or self.since or self.until or self.types)


class Presentation(TypedDict):
    title: str
    nodes: list[dict[str, Any]]
    edges: list[dict[str, Any]]
    legend: dict[str, list[dict[str, Any]]]
    documents: dict[str, dict[str, str]]


def sources_of(attrs: dict[str, Any]) -> set[str]:
    """The distinct documents citing a node or edge."""
    return {c["doc"] for c in attrs.get("evidence", []) if c.get("doc")}


def _interval(attrs: dict[str, Any]) -> tuple[str | None, str | None]:
    """(first day, last day) of a dated tie, or (None, None)."""
    start, end, date = attrs.get("start"), attrs.get("end"), attrs.get("date")
    if start or end:
        return (date_key(str(start)) if start else None,
                date_key(str(end), end=True) if end else None)
    if date:
        return date_key(str(date)), date_key(str(date), end=True)
    return None, None


def holds_on(attrs: dict[str, Any], day: str) -> bool:
    """Whether a tie held on ``day`` (ISO).

    The rule of :func:`graph.queries.posts.held_on` (planned and denied ties never
    hold; a ``start``/``end`` interval must contain the day; a ``former`` tie with
    neither is dropped; undated current ties are kept), plus one case for ties that
    are not posts: a tie with only a ``date`` (a meeting, a visit) holds from that
    date on.
    """
    date = attrs.get("date")
    if date and not (attrs.get("start") or attrs.get("end")) and held_on(attrs, day):
        return date_key(str(date)) <= date_key(day, end=True)
    return held_on(attrs, day)


def _in_range(attrs: dict[str, Any], since: str | None, until: str | None) -> bool:
    first, last = _interval(attrs)
    if first is None and last is None:
        return False
    if since and last is not None and last < date_key(since):
        return False
    return not (until and first is not None and first > date_key(until, end=True))


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
        if (filters.since or filters.until) and not _in_range(attrs, filters.since,
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
                "loosen --label/--type or the dates.")
        H = neighborhood(H, center, depth=filters.depth)
        H.graph.update(G.graph)
    if filters.drops_isolated:
        H.remove_nodes_from([n for n in list(H) if H.degree(n) == 0 and n != center])
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


def _doc_line(c: dict[str, Any], documents: dict[str, dict[str, str]]) -> str:
    doc = documents.get(c.get("doc", ""), {})
    where = " · ".join(x for x in (doc.get("outlet"), doc.get("date")) if x)
    head = doc.get("title") or c.get("doc", "")
    text = c.get("snippet") or c.get("note") or ""
    return f"• {head}" + (f" ({where})" if where else "") + (f": {text}" if text else "")


def _cite_lines(evidence: list[dict[str, Any]], documents: dict[str, dict[str, str]]
                ) -> list[str]:
    lines = [_doc_line(c, documents) for c in evidence[:TOOLTIP_CITATIONS]]
    if len(evidence) > TOOLTIP_CITATIONS:
        lines.append(f"… and {len(evidence) - TOOLTIP_CITATIONS} more (click for all)")
    return lines


def node_tooltip(attrs: dict[str, Any], documents: dict[str, dict[str, str]]) -> str:
    """Plain text: name, label and kind, aliases, citations (one per line)."""
    name = str(attrs.get("name", ""))
    kind = f" · {attrs['kind']}" if attrs.get("kind") else ""
    lines = [name, f"{attrs.get('label', '')}{kind}"]
    others = [str(a) for a in attrs.get("aliases", []) if a != name]
    if others:
        lines.append("Also: " + ", ".join(others))
    evidence = attrs.get("evidence", [])
    if evidence:
        lines.append(f"Sources ({len(sources_of(attrs))}):")
        lines += _cite_lines(evidence, documents)
    return "\n".join(lines)


# Bookkeeping of a node or tie, shown in its own place rather than among its properties.
_META = {"type", "evidence", "conflicts", "provenance", "corrections"}


def _checking(attrs: dict[str, Any]) -> dict[str, Any]:
    """What the side panel says of how a node or tie is known: its provenance level, the
    methods and best confidence of its citations, and the corrections that touched it."""
    methods = sorted({str(c.get("method", "")) for c in attrs.get("evidence", [])} - {""})
    return {"provenance": str(attrs.get("provenance", "")), "methods": methods,
            "confidence": confidence_of(attrs),
            "corrections": [{k: str(v) for k, v in m.items()}
                            for m in attrs.get("corrections", [])]}


def _edge_props(attrs: dict[str, Any]) -> list[list[str]]:
    skip = _META
    return [[k, _text(v)] for k, v in attrs.items() if k not in skip and v is not None]


def _text(value: Any) -> str:
    if isinstance(value, (list, tuple)):
        return ", ".join(map(str, value))
    return str(value)


def edge_tooltip(source: str, target: str, attrs: dict[str, Any],
                 documents: dict[str, dict[str, str]]) -> str:
    """Plain text: ``source  relation  target``, the properties, then citations."""
    spec = SCHEMA.relation(attrs["type"])
    lines = [f"{source}  {spec.label}  {target}"]
    if attrs.get("provenance") in SCHEMA.provenance:
        lines.append(SCHEMA.provenance[attrs["provenance"]].description)
    lines += [f"{k}: {v}" for k, v in _edge_props(attrs)]
    for key, values in attrs.get("conflicts", {}).items():
        lines.append(f"sources disagree on {key}: {' | '.join(map(str, values))}")
    evidence = attrs.get("evidence", [])
    if evidence:
        lines.append(f"Sources ({len(sources_of(attrs))}):")
        lines += _cite_lines(evidence, documents)
    return "\n".join(lines)


def _citations(evidence: Iterable[dict[str, Any]], documents: dict[str, dict[str, str]]
               ) -> list[dict[str, Any]]:
    out = []
    for c in evidence:
        doc = documents.get(c.get("doc", ""), {})
        out.append({"doc": str(c.get("doc", "")), "title": str(doc.get("title", "")),
                    "outlet": str(doc.get("outlet", "")), "date": str(doc.get("date", "")),
                    "url": str(doc.get("url", "")), "snippet": str(c.get("snippet", "")),
                    "note": str(c.get("note", "")), "method": str(c.get("method", "")),
                    "confidence": c.get("confidence", 1.0)})
    return out


def _legend(G: nx.MultiDiGraph, groups: dict[str, CommunityStyle]
            ) -> dict[str, list[dict[str, Any]]]:
    label_counts: dict[str, int] = {}
    for _, label in G.nodes(data="label"):
        label_counts[label] = label_counts.get(label, 0) + 1
    type_counts: dict[str, int] = {}
    for _, _, k in G.edges(keys=True):
        type_counts[k] = type_counts.get(k, 0) + 1
    labels = [{"name": s.name, "color": NEUTRAL if groups else s.color, "shape": s.shape,
               "description": s.description, "count": label_counts.get(s.name, 0)}
              for s in SCHEMA.labels.values()]
    types = [{"name": s.name, "label": s.label, "symmetric": s.symmetric,
              "count": type_counts.get(s.name, 0)} for s in SCHEMA.relations.values()]
    levels = Counter(a.get("provenance") for _, _, a in G.edges(data=True))
    provenance = [{"name": s.name, "description": s.description, "color": s.color,
                   "checked": s.checked, "count": levels.get(s.name, 0)}
                  for s in SCHEMA.provenance.values()]
    drawn = Counter(groups[node] for node in G) if groups else Counter()
    return {"labels": labels, "types": types, "provenance": provenance,
            "communities": [{**c.as_dict(), "count": k}
                            for c, k in sorted(drawn.items(), key=lambda ck: ck[0].index)]}


def present(G: nx.MultiDiGraph, *, filters: Filters | None = None, size_by: str = "degree",
            color_by: str = "label", title: str = "diplograph") -> Presentation:
    """The (filtered) graph as plain dicts, ready for :mod:`viz.page` or :mod:`viz.static`.

    Nodes carry vis-network fields (``id``, ``label``, ``title``, ``shape``, ``color``,
    ``size``) plus ``dg``: the details the side panel shows. Edges carry ``from``,
    ``to``, ``label``, ``title``, ``arrows`` (none on symmetric types) and ``dg``.
    ``color_by`` is a key of :data:`COLOR_BY`: with ``community``, each node has its
    Louvain community's colour (see :mod:`viz.palette`) and keeps its label's shape,
    ``dg.community`` says which, and the legend lists the drawn communities.
    """
    if color_by not in COLOR_BY:
        raise DiplographError(f"Unknown colouring {color_by!r}; valid: {', '.join(COLOR_BY)}")
    H = filter_graph(G, filters) if filters and filters != Filters() else G
    documents = {str(k): dict(v) for k, v in G.graph.get("documents", {}).items()}
    sizes = _sizes(H, size_by)
    groups = community_styles(G) if color_by == "community" else {}
    nodes = []
    for node_id in sorted(H):
        attrs = H.nodes[node_id]
        spec = SCHEMA.label(attrs["label"])
        props = [[k, _text(v)] for k, v in attrs.items()
                 if k not in {"label", "name", "kind", "aliases"} | _META and v is not None]
        color = groups[node_id].color if groups else spec.color
        nodes.append({
            "id": node_id, "label": str(attrs.get("name", node_id)),
            "title": node_tooltip(attrs, documents), "shape": spec.shape,
            "color": color, "size": sizes[node_id],
            **({"font": {"color": _ink(color)}} if spec.shape in _LABEL_INSIDE else {}),
            "dg": {"name": str(attrs.get("name", node_id)), "label": spec.name,
                   "kind": str(attrs.get("kind") or ""),
                   "aliases": [str(a) for a in attrs.get("aliases", [])],
                   "properties": props,
                   "conflicts": {k: [str(x) for x in v]
                                 for k, v in attrs.get("conflicts", {}).items()},
                   "citations": _citations(attrs.get("evidence", []), documents),
                   **_checking(attrs),
                   **({"community": groups[node_id].as_dict()} if groups else {})}})
    names = {n: str(H.nodes[n].get("name", n)) for n in H}
    many = H.number_of_edges() > EDGE_LABELS_UP_TO
    edges = []
    for u, v, k, attrs in sorted(H.edges(keys=True, data=True),
                                 key=lambda e: (e[0], e[2], e[1])):
        spec = SCHEMA.relation(k)
        n_sources = len(sources_of(attrs))
        edges.append({
            "id": f"{u}|{k}|{v}", "from": u, "to": v,
            "label": "" if many else spec.label,
            "title": edge_tooltip(names[u], names[v], attrs, documents),
            "arrows": "" if spec.symmetric else "to",
            "width": round(1 + min(n_sources, 5) * 0.6, 2),
            "dashes": attrs.get("status") in ("planned", "denied", "former"),
            # Machine-read ties are drawn in their provenance level's colour (pale),
            # checked ones dark; the legend says which is which.
            **({"color": {"color": SCHEMA.provenance[attrs["provenance"]].color,
                          "inherit": False}}
               if attrs.get("provenance") in SCHEMA.provenance else {}),
            "dg": {"type": k, "relation": spec.label, "symmetric": spec.symmetric,
                   "source": names[u], "target": names[v], "properties": _edge_props(attrs),
                   "conflicts": {ck: [str(x) for x in cv]
                                 for ck, cv in attrs.get("conflicts", {}).items()},
                   "citations": _citations(attrs.get("evidence", []), documents),
                   **_checking(attrs)}})
    return {"title": title, "nodes": nodes, "edges": edges, "legend": _legend(H, groups),
            "documents": documents}
