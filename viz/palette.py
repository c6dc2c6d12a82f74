"""Colours and line styles the schema does not give: Leiden communities (what a node's
colour shows with ``--color-by community``), tie types, tie statuses and the diff map.

Community colours are generated, not listed: community ``i`` gets the hue ``i`` golden
angles round the wheel, so the first communities (the largest) sit far apart, and a
new community never recolours the others; lightness cycles through three steps so that
later hues that land near an earlier one still differ. The communities are
:func:`graph.queries.centrality.communities` on the whole graph (fixed seed), so the
page numbers and names them as ``diplograph communities`` does, whatever is filtered.

Tie types get colours the same way, numbered in the schema's order, so a type keeps its
colour from one page or picture to the next; a tie no person checked is drawn faded; a
status after the schema's first (``current``) gets a dash pattern; the diff map has one
hue per kind of change.

Examples
--------
>>> import networkx as nx
>>> G = nx.MultiDiGraph()
>>> for n in ["a1", "a2", "a3", "b1", "b2", "b3"]:
...     G.add_node(n, label="Organization", name=n.upper())
>>> for u, v in [("a1", "a2"), ("a1", "a3"), ("a2", "a3"), ("b1", "b2"), ("b1", "b3"),
...              ("b2", "b3"), ("a1", "b1")]:
...     _ = G.add_edge(u, v, key="PART_OF", type="PART_OF")
>>> groups = community_styles(G)
>>> groups["a2"] == groups["a3"] != groups["b2"]
True
>>> groups["a2"].name, groups["a2"].size
('A1', 3)
>>> len({community_color(i) for i in range(1, 61)})
60
>>> len(set(relation_colors().values())) == len(relation_colors())
True
>>> [bool(d) for d in status_dashes().values()]
[False, True, True, True]
"""
from __future__ import annotations

import colorsys
import functools
from dataclasses import dataclass
from typing import Any

import networkx as nx

from diplograph.graph.queries.centrality import COMMUNITY_SEED, communities
from diplograph.graph.schema import SCHEMA

__all__ = ["COLOR_BY", "CommunityStyle", "community_color", "community_styles", "NEUTRAL",
           "relation_colors", "status_dashes", "CHANGES", "change_color", "LINE",
           "UNCHECKED_OPACITY"]

# --color-by choices: name -> what the colour shows.
COLOR_BY: dict[str, str] = {
    "label": "each label's colour from graph/schema.yaml",
    "community": "one colour per Leiden community; shapes still show the label",
}
_GOLDEN = (3 - 5 ** 0.5) / 2      # the golden angle, as a fraction of a turn (137.5 degrees)
_FIRST_HUE = 0.58                 # community 1 is a blue
_LIGHTNESS = (0.52, 0.68, 0.40)
_SATURATION = 0.62


def _hex(r: float, g: float, b: float) -> str:
    return "#" + "".join(f"{round(c * 255):02x}" for c in (r, g, b))


# The label swatches' colour when colour shows communities: the shape alone is the key.
NEUTRAL = _hex(*colorsys.hls_to_rgb(0.0, 0.72, 0.0))
# Ties drawn without a colour of their own (and the outline of shapes).
LINE = _hex(*colorsys.hls_to_rgb(0.0, 0.45, 0.0))
# The diff map: a hue per kind of change; unchanged things are drawn in light grey.
CHANGES: dict[str, str] = {
    "added": _hex(*colorsys.hls_to_rgb(0.36, 0.38, 0.70)),
    "removed": _hex(*colorsys.hls_to_rgb(0.99, 0.45, 0.75)),
    "changed": _hex(*colorsys.hls_to_rgb(0.09, 0.50, 0.95)),
    "unchanged": _hex(*colorsys.hls_to_rgb(0.0, 0.78, 0.0)),
}
# The opacity of a tie no person checked (its provenance level is not `checked` in
# graph/schema.yaml): drawn faded in its type's colour, so that the colour still names
# the type and what a machine read stands back from what a person checked.
UNCHECKED_OPACITY = 0.4
# Dash patterns (dash, gap, ... in pixels) for the statuses after the schema's first.
_DASHES = ([2, 5], [10, 6], [12, 4, 2, 4])   # former dotted, planned dashed, denied


def community_color(index: int) -> str:
    """The colour of community ``index`` (1 = the largest), as ``#rrggbb``."""
    hue = (_FIRST_HUE + (index - 1) * _GOLDEN) % 1.0
    lightness = _LIGHTNESS[(index - 1) // 7 % len(_LIGHTNESS)]
    return _hex(*colorsys.hls_to_rgb(hue, lightness, _SATURATION))


def change_color(change: str) -> str:
    """The diff map's colour for ``added``, ``removed``, ``changed`` or ``unchanged``."""
    return CHANGES[change]


@functools.cache
def relation_colors() -> dict[str, str]:
    """Tie type -> its colour: golden-angle hues in the schema's order, darker than the
    community colours so that thin lines read on white. (Computed once: do not change
    the dict.)"""
    out = {}
    for i, name in enumerate(SCHEMA.relations):
        hue = (0.08 + i * _GOLDEN) % 1.0
        out[name] = _hex(*colorsys.hls_to_rgb(hue, (0.38, 0.50, 0.30)[i // 7 % 3], 0.65))
    return out


@functools.cache
def status_dashes() -> dict[str, list[int] | bool]:
    """Status -> vis-network ``dashes`` value: the first status (current) is a solid
    line, the others a dash pattern each. (Computed once: do not change the dict.)"""
    first, *others = SCHEMA.statuses
    return {first: False, **{s: _DASHES[i % len(_DASHES)] for i, s in enumerate(others)}}


@dataclass(frozen=True, slots=True)
class CommunityStyle:
    """One community as the page shows it: named after its most connected member."""

    index: int
    name: str
    size: int                    # members in the whole graph
    central: tuple[str, ...]     # the most connected members' names
    color: str

    def as_dict(self) -> dict[str, Any]:
        return {"index": self.index, "name": self.name, "size": self.size,
                "central": list(self.central), "color": self.color}


def community_styles(G: nx.MultiDiGraph, *, seed: int = COMMUNITY_SEED
                     ) -> dict[str, CommunityStyle]:
    """node id -> the style of its community (every node of ``G`` has one)."""
    found = communities(G, seed=seed)
    styles = {c.index: CommunityStyle(index=c.index, name=c.central[0].name,
                                      size=c.size, central=tuple(m.name for m in c.central),
                                      color=community_color(c.index))
              for c in found.communities}
    return {node: styles[index] for node, index in found.membership().items()}
