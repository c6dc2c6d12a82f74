"""Plain node/edge dicts (:mod:`viz.present`) -> one offline HTML file.

The page is diplograph's own template (``assets/page.html``) with its own controls
(``assets/*.js``: search, filters, focus, time slider, story player, side panel),
building every text from data as DOM text nodes. vis-network draws the graph; it is
inlined from pyvis's installed package files, licence header included. Positions are
computed here (:mod:`viz.layout`, node boxes estimated from their labels), so the page
opens at once with no two nodes overlapping, and the same view always gives the same
file.

Safety, belt and braces: the page is first rendered as a skeleton, with the title and
the data left out; a Content-Security-Policy allowing only its own inline scripts (by
hash) and no network fetch at all is computed from it, and :func:`external_references`
checks it for any ``src``/``href``/``url()``/``@import`` pointing off the page. Only then
are the title (HTML-escaped, in text positions only) and the data (JSON in ``<script
type="application/json">`` blocks, with ``<``, ``>``, ``&`` and ``'`` escaped) put in.
Data can therefore hold any text (``href=https://…`` in a note is just text) and never
becomes markup, and the check reads a few hundred kilobytes whatever the graph's size.

Extensions: a script named in :data:`SCRIPTS` runs after the page's own, in the order
listed (inlined like them, so the security policy admits it by its hash), and may use
``window.diplograph`` (the vis DataSets ``nodes``/``edges``, ``refresh()``, and
``hooks``: ``panel``, functions called with ``(kind, item, body)`` after the side panel
shows a node or a tie; ``refresh``, after what is visible changed; ``reset``, on "Show
all"). ``review.js`` is one: how each tie is known, and the review marks a reader makes
and downloads as a corrections file.
"""
from __future__ import annotations

import base64
import functools
import hashlib
import html
import json
import re
import unicodedata
from importlib import resources
from pathlib import Path
from typing import Any

import pyvis
from jinja2 import Environment, FileSystemLoader

from diplograph.graph.errors import DiplographError
from diplograph.graph.files import atomic_open
from diplograph.viz.layout import positions
from diplograph.viz.present import Presentation

__all__ = ["render_page", "write_page", "external_references", "display", "iframe",
           "vis_options", "node_box", "SCRIPTS", "VIS_VERSION"]

VIS_VERSION = "9.1.2"
ASSETS = Path(str(resources.files(__package__).joinpath("assets")))
PYVIS_TEMPLATES = Path(pyvis.__file__).parent / "templates"  # holds lib/vis-9.1.2/
# The page's scripts, run in this order (see the module docstring for extensions).
SCRIPTS: list[str] = ["core.js", "panel.js", "controls.js", "story.js", "review.js"]

# A reference that would make the browser fetch something: src/href/action/poster/
# srcset attributes, CSS url() and @import, with an absolute or protocol-relative URL.
_EXTERNAL = re.compile(
    r"""(?:\b(?:src|href|action|poster|srcset|data)\s*=\s*["']?\s*(?:[a-z][a-z0-9+.-]*:)?//)"""
    r"""|(?:url\(\s*["']?\s*(?:[a-z][a-z0-9+.-]*:)?//)|(?:@import\s+(?:url\()?\s*["']?"""
    r"""\s*(?:[a-z][a-z0-9+.-]*:)?//)""", re.IGNORECASE)
_SCRIPT = re.compile(r"<script>(.*?)</script>", re.DOTALL)
_JSON_SAFE = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "'": "\\u0027"})
# Placeholders of the skeleton: the title and the four data blocks.
_TITLE = "@@DG-TITLE@@"
_BLOCKS = ("nodes", "edges", "meta", "options")

# Label geometry, in canvas units per unit of font size, measured on vis-network 9.1 in
# Debian's Chromium (DejaVu Sans; Noto CJK for Chinese) and rounded up: a generous box
# only spreads the layout a little, a short one lets labels touch.
_CHAR = 0.64          # the width of a Latin character
_WIDE_CHAR = 1.04     # a CJK (East Asian wide) one
_LINE = 1.28          # a line of text (vis-network: the font size plus spacing)
_MARGIN = 5.0         # vis-network's margin inside box-like shapes
_BELOW = 4.0          # the gap between a shape and the label under it
_INSIDE = frozenset({"box", "ellipse", "circle", "database", "text"})


def external_references(page: str) -> list[str]:
    """Every place in ``page`` that would fetch a resource from elsewhere (empty when
    the page is self-contained). Plain URLs in text, such as the licence header's,
    fetch nothing and are not reported."""
    return [page[max(0, m.start() - 40):m.end() + 40] for m in _EXTERNAL.finditer(page)]


def vis_options() -> dict[str, Any]:
    """vis-network options: positions come from Python, so physics is off at load (the
    page's switch turns it on); labels smaller than 7 screen pixels are not drawn and
    none grows past 36, ties' labels show once they can be read (zoomed in)."""
    return {
        "autoResize": True,
        "interaction": {"hover": True, "tooltipDelay": 150, "navigationButtons": False,
                        "multiselect": False, "hideEdgesOnDrag": False,
                        "hideEdgesOnZoom": False, "keyboard": {"enabled": False}},
        "nodes": {"font": {"face": "system-ui, 'DejaVu Sans', 'Noto Sans CJK TC', sans-serif",
                           "multi": False},
                  "borderWidth": 1,
                  "scaling": {"label": {"enabled": False, "drawThreshold": 7,
                                        "maxVisible": 36}}},
        "edges": {"font": {"size": 11, "align": "middle", "strokeWidth": 3},
                  "smooth": False, "selectionWidth": 2,
                  "arrows": {"to": {"scaleFactor": 0.6}},
                  "scaling": {"label": {"enabled": False, "drawThreshold": 10,
                                        "maxVisible": 18}}},
        "layout": {"improvedLayout": False, "randomSeed": 0},
        "physics": {"enabled": False, "solver": "forceAtlas2Based",
                    "forceAtlas2Based": {"gravitationalConstant": -60, "springLength": 110},
                    "stabilization": {"enabled": False}},
    }


def _text_width(line: str) -> float:
    return sum(_WIDE_CHAR if unicodedata.east_asian_width(ch) in "WF" else _CHAR
               for ch in line)


def node_box(node: dict[str, Any]) -> tuple[float, float]:
    """The (width, height) vis-network will draw a node in, its label included, in
    canvas units, estimated from the label's characters (a little over, never under,
    what Chromium draws: the browser test checks the real boxes)."""
    font = float(node["font"]["size"])
    lines = str(node["label"]).split("\n")
    text_w = max(_text_width(line) for line in lines) * font
    text_h = len(lines) * _LINE * font
    shape, size = node["shape"], float(node["size"])
    if shape == "box":
        return text_w + 2 * _MARGIN, text_h + 2 * _MARGIN
    if shape == "ellipse":     # vis-network: width + height wide, twice the height high
        h = text_h + 2 * _MARGIN
        return text_w + 2 * _MARGIN + h, 2 * h
    if shape in _INSIDE:       # circle, database, text: a square around the text
        side = max(text_w, text_h) + 2 * _MARGIN
        return side, side
    return max(2 * size, text_w), 2 * size + _BELOW + text_h


def _layout(nodes: list[dict[str, Any]], edges: list[dict[str, Any]]) -> None:
    boxes = {n["id"]: node_box(n) for n in nodes}
    pos = positions([n["id"] for n in nodes], [(e["from"], e["to"]) for e in edges],
                    sizes=boxes)
    for n in nodes:
        n["x"], n["y"] = pos[n["id"]]


def _parallel(edges: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Ties between the same two nodes bent apart (the first straight, then alternately
    to either side, further each time) so that they and their labels do not lie on top
    of each other."""
    seen: dict[tuple[str, str], int] = {}
    out = []
    for e in edges:
        pair = (min(e["from"], e["to"]), max(e["from"], e["to"]))
        k = seen[pair] = seen.get(pair, -1) + 1
        if k:
            side = "curvedCW" if k % 2 else "curvedCCW"
            if e["from"] != pair[0]:           # the bend is relative to the tie's direction
                side = "curvedCCW" if side == "curvedCW" else "curvedCW"
            e = {**e, "smooth": {"enabled": True, "type": side,
                                 "roundness": round(0.25 * ((k + 1) // 2), 2)}}
        out.append(e)
    return out


def _csp(page: str) -> str:
    hashes = " ".join(
        "'sha256-" + base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode()
        + "'" for body in _SCRIPT.findall(page))
    return (f"default-src 'none'; script-src {hashes}; style-src 'unsafe-inline'; "
            "img-src data:; font-src data:; connect-src 'none'; base-uri 'none'; "
            "form-action 'none'")


@functools.lru_cache(maxsize=4)
def _skeleton(scripts: tuple[str, ...]) -> str:
    """The page without its title and data, checked and with its security policy."""
    env = Environment(loader=FileSystemLoader([str(ASSETS), str(PYVIS_TEMPLATES)]),
                      autoescape=True)
    page = env.get_template("page.html").render(
        title=_TITLE, scripts=scripts, vis_version=VIS_VERSION,
        blocks={b: f"@@DG-{b.upper()}@@" for b in _BLOCKS})
    found = external_references(page)
    if found:
        raise DiplographError(
            "The page would load something from the network, which an offline page must "
            f"not do: {found[0]!r}. Report this as a bug.")
    return page.replace("__DIPLOGRAPH_CSP__",
                        html.escape(_csp(page), quote=False).replace('"', "&quot;"), 1)


def _json(value: Any) -> str:
    """JSON that cannot end its <script> block nor open a comment or markup."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"),
                      allow_nan=False).translate(_JSON_SAFE)


def render_page(view: Presentation, *, physics: bool = False) -> str:
    """The HTML text of the page for a :func:`viz.present.present` view.

    Positions come from :func:`viz.layout.positions` (node boxes from
    :func:`node_box`); ``physics`` turns vis-network's physics on at load.
    """
    nodes = [dict(n) for n in view["nodes"]]
    edges = _parallel(view["edges"])
    _layout(nodes, edges)
    options = vis_options()
    options["physics"]["enabled"] = bool(physics)
    meta = {"title": view["title"], "legend": view["legend"], "documents": view["documents"],
            "time": view.get("time", {"steps": []}), "controls": view.get("controls", {}),
            "story": view.get("story"), "physics": bool(physics), "vis_version": VIS_VERSION}
    data = {"nodes": nodes, "edges": edges, "meta": meta, "options": options}
    parts = re.split(r"(@@DG-[A-Z]+@@)", _skeleton(tuple(SCRIPTS)))
    title = html.escape(view["title"], quote=True)
    filled = {f"@@DG-{b.upper()}@@": _json(data[b]) for b in _BLOCKS}
    filled[_TITLE] = title
    return "".join(filled.get(part, part) for part in parts)


def write_page(view: Presentation, output: str | Path, **options: Any) -> Path:
    """Write the page to ``output`` whole (temporary file, then rename)."""
    path = Path(output)
    page = render_page(view, **options)
    with atomic_open(path, newline=None) as fh:
        fh.write(page)
    return path


def iframe(page: str, *, height: int = 640) -> str:
    """The page inside an ``<iframe srcdoc>`` (for notebooks): the page keeps its own
    security policy, and its scripts run sandboxed, apart from the notebook's."""
    return (f'<iframe srcdoc="{html.escape(page, quote=True)}" style="width:100%;'
            f'height:{int(height)}px;border:0" sandbox="allow-scripts"></iframe>')


def display(view: Presentation, *, height: int = 640, **options: Any) -> Any:
    """Show the page inline in Jupyter now; returns the IPython display object."""
    try:
        from IPython.display import HTML, display as show  # the one IPython import
    except ImportError:
        from diplograph.graph.errors import DependencyMissing
        raise DependencyMissing("IPython", "jupyter") from None
    shown = HTML(iframe(render_page(view, **options), height=height))
    show(shown)
    return shown
