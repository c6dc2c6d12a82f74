"""Plain node/edge dicts (:mod:`viz.present`) -> one offline HTML file.

pyvis holds the network (nodes, edges, vis options) and renders the page, with
``cdn_resources="in_line"``, through diplograph's own template (``assets/page.html``):
pyvis's template pulls Bootstrap from a CDN and its Tom Select menu garbles
non-Latin names, so the controls (search, filters, focus, physics switch, side
panel) are written here, in ``assets/page.js``, building every text from data as
DOM text nodes. vis-network itself is inlined from pyvis's installed package files,
licence header included.

Safety, belt and braces: the data goes into a ``<script type="application/json">``
block through Jinja's ``tojson`` (``<``, ``>``, ``&``, ``'`` escaped), the template
autoescapes the title, a Content-Security-Policy allows only the page's own inline
scripts (by hash) and no network fetch at all, and :func:`external_references` checks
the written page for any ``src``/``href``/``url()``/``@import`` pointing off the page.
"""
from __future__ import annotations

import base64
import hashlib
import html
import re
from importlib import resources
from pathlib import Path
from typing import Any

import pyvis
from jinja2 import Environment, FileSystemLoader
from pyvis.network import Network

from diplograph.graph.errors import DiplographError
from diplograph.graph.files import atomic_open
from diplograph.viz.layout import needs_layout, positions
from diplograph.viz.present import Presentation

__all__ = ["render_page", "write_page", "external_references", "display", "iframe", "vis_options",
           "VIS_VERSION"]

VIS_VERSION = "9.1.2"
ASSETS = Path(str(resources.files(__package__).joinpath("assets")))
PYVIS_TEMPLATES = Path(pyvis.__file__).parent / "templates"  # holds lib/vis-9.1.2/

# A reference that would make the browser fetch something: src/href/action/poster/
# srcset attributes, CSS url() and @import, with an absolute or protocol-relative URL.
_EXTERNAL = re.compile(
    r"""(?:\b(?:src|href|action|poster|srcset|data)\s*=\s*["']?\s*(?:[a-z][a-z0-9+.-]*:)?//)"""
    r"""|(?:url\(\s*["']?\s*(?:[a-z][a-z0-9+.-]*:)?//)|(?:@import\s+(?:url\()?\s*["']?"""
    r"""\s*(?:[a-z][a-z0-9+.-]*:)?//)""", re.IGNORECASE)
_SCRIPT = re.compile(r"<script>(.*?)</script>", re.DOTALL)


def external_references(page: str) -> list[str]:
    """Every place in ``page`` that would fetch a resource from elsewhere (empty when
    the page is self-contained). Plain URLs in text, such as the licence header's,
    fetch nothing and are not reported."""
    return [page[max(0, m.start() - 40):m.end() + 40] for m in _EXTERNAL.finditer(page)]


def vis_options(n_nodes: int, *, physics: bool) -> dict[str, Any]:
    """vis-network options: forceAtlas2 physics for small graphs; for large ones no
    physics, straight edges and no edges while dragging (cheap frames)."""
    options: dict[str, Any] = {
        "interaction": {"hover": True, "tooltipDelay": 150, "navigationButtons": False,
                        "multiselect": False, "hideEdgesOnDrag": not physics,
                        "hideEdgesOnZoom": not physics},
        "nodes": {"font": {"size": 14, "face": "system-ui, sans-serif"},
                  "borderWidth": 1},
        "edges": {"font": {"size": 10, "align": "middle", "strokeWidth": 3},
                  "smooth": {"type": "continuous"} if physics else False,
                  "arrows": {"to": {"scaleFactor": 0.6}}, "selectionWidth": 2},
        "layout": {"improvedLayout": physics and n_nodes <= 150},
    }
    if physics:
        options["physics"] = {"enabled": True, "solver": "forceAtlas2Based",
                              "forceAtlas2Based": {"gravitationalConstant": -60,
                                                   "springLength": 110},
                              "stabilization": {"iterations": 300, "fit": True}}
    else:
        options["physics"] = {"enabled": False, "solver": "forceAtlas2Based",
                              "stabilization": {"enabled": False}}
    return options


def _csp(page: str) -> str:
    hashes = " ".join(
        "'sha256-" + base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode()
        + "'" for body in _SCRIPT.findall(page))
    return (f"default-src 'none'; script-src {hashes}; style-src 'unsafe-inline'; "
            "img-src data:; font-src data:; connect-src 'none'; base-uri 'none'; "
            "form-action 'none'")


def render_page(view: Presentation, *, physics: bool | None = None,
                layout: str = "auto") -> str:
    """The HTML text of the page for a :func:`viz.present.present` view.

    ``physics`` defaults to on up to :data:`viz.layout.PHYSICS_UP_TO` nodes; when it
    is off, positions are computed with :func:`viz.layout.positions` (``layout``).
    """
    nodes = [dict(n) for n in view["nodes"]]
    edges = [dict(e) for e in view["edges"]]
    if physics is None:
        physics = not needs_layout(len(nodes))
    if not physics:
        pos = positions([n["id"] for n in nodes], [(e["from"], e["to"]) for e in edges],
                        method=layout)
        for n in nodes:
            n["x"], n["y"] = pos[n["id"]]
    net = Network(cdn_resources="in_line", directed=True, heading=view["title"],
                  height="100%", width="100%")
    # pyvis's add_node/add_edge check for duplicates by scanning lists (quadratic: minutes
    # at 20,000 nodes); the dicts from present() are already unique, so hand them over.
    net.nodes, net.edges = nodes, edges
    net.node_ids = [n["id"] for n in nodes]
    net.node_map = {n["id"]: n for n in nodes}
    net.options = vis_options(len(nodes), physics=physics)
    env = Environment(loader=FileSystemLoader([str(ASSETS), str(PYVIS_TEMPLATES)]),
                      autoescape=True)
    # Names as written (顧立雄, not \u9867...); <, >, & and ' are still escaped by tojson.
    env.policies["json.dumps_kwargs"] = {"sort_keys": False, "ensure_ascii": False}
    env.globals["dg"] = {"title": view["title"], "legend": view["legend"],
                         "documents": view["documents"], "physics": physics,
                         "vis_version": VIS_VERSION}
    net.templateEnv, net.path = env, "page.html"
    page = net.generate_html(name="page.html")
    page = page.replace("__DIPLOGRAPH_CSP__",
                        html.escape(_csp(page), quote=False).replace('"', "&quot;"), 1)
    found = external_references(page)
    if found:
        raise DiplographError(
            "The page would load something from the network, which an offline page must "
            f"not do: {found[0]!r}. Report this as a bug.")
    return page


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
