"""PNG and SVG pictures of a :func:`viz.present.present` view, for slides and handouts:
nodes shaped per label and coloured as the view says (label or community), names,
arrows except on symmetric ties, and a legend. matplotlib is imported here only, lazily
(extra ``static``)."""
from __future__ import annotations

from pathlib import Path
from typing import Any, Literal

from diplograph.graph.errors import DependencyMissing
from diplograph.graph.files import atomic_open
from diplograph.viz.layout import positions
from diplograph.viz.present import Presentation

__all__ = ["draw", "MARKERS"]

# vis-network shape name -> matplotlib marker (the shapes themselves come from the schema).
MARKERS = {"dot": "o", "box": "s", "square": "s", "star": "*", "hexagon": "h",
           "diamond": "D", "triangle": "^", "ellipse": "o", "circle": "o",
           "triangleDown": "v", "database": "s", "text": "."}
LABELS_UP_TO = 400        # past this many nodes, only the largest get a name
LEGEND_COMMUNITIES = 12  # the largest communities get a legend entry; the rest are counted
CJK_FONTS = ("Noto Sans CJK TC", "Noto Sans CJK JP", "Noto Sans CJK SC", "WenQuanYi Zen Hei",
             "AR PL UMing TW", "Droid Sans Fallback")


def _pyplot() -> Any:
    try:
        import matplotlib  # the one matplotlib import
    except ImportError:
        raise DependencyMissing("matplotlib", "static") from None
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib import font_manager

    # Fall back to a CJK font, when one is installed, so that 顧立雄 is not drawn as boxes.
    have = {f.name for f in font_manager.fontManager.ttflist}
    chain = [f for f in ("DejaVu Sans", *CJK_FONTS) if f in have]
    plt.rcParams["font.family"] = chain or ["sans-serif"]
    return plt


def _heading(text: str) -> Any:
    from matplotlib.lines import Line2D
    return Line2D([], [], color="none", label=text)


def draw(view: Presentation, output: str | Path, *, format: Literal["png", "svg"] = "png",
         width: float = 16.0, height: float = 10.0, dpi: int = 150) -> Path:
    """Write the picture to ``output``; returns its path."""
    plt = _pyplot()
    from matplotlib.lines import Line2D

    nodes, edges = view["nodes"], view["edges"]
    pos = positions([n["id"] for n in nodes], [(e["from"], e["to"]) for e in edges])
    fig, ax = plt.subplots(figsize=(width, height))
    ax.set_axis_off()
    ax.set_title(view["title"])
    for e in edges:
        (x0, y0), (x1, y1) = pos[e["from"]], pos[e["to"]]
        if e["arrows"]:
            ax.annotate("", xy=(x1, y1), xytext=(x0, y0), zorder=1,
                        arrowprops={"arrowstyle": "-|>", "color": "0.6", "lw": 0.7,
                                    "shrinkA": 6, "shrinkB": 6,
                                    "linestyle": "--" if e["dashes"] else "-"})
        else:
            ax.plot([x0, x1], [y0, y1], color="0.6", lw=0.7, zorder=1,
                    linestyle="--" if e["dashes"] else "-")
    by_shape: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for n in nodes:
        by_shape.setdefault((n["shape"], n["color"]), []).append(n)
    for (shape, color), group in by_shape.items():
        ax.scatter([pos[n["id"]][0] for n in group], [pos[n["id"]][1] for n in group],
                   s=[n["size"] ** 2 * 0.6 for n in group], c=color,
                   marker=MARKERS.get(shape, "o"), edgecolors="0.25", linewidths=0.5,
                   zorder=2)
    named = sorted(nodes, key=lambda n: -n["size"])[:LABELS_UP_TO]
    for n in named:
        x, y = pos[n["id"]]
        ax.annotate(n["label"], (x, y), xytext=(0, -9), textcoords="offset points",
                    ha="center", va="top", fontsize=7, zorder=3)
    groups = view["legend"].get("communities", [])
    handles = [Line2D([], [], marker="o", color="none", markerfacecolor=c["color"],
                      markeredgecolor="0.25", markersize=9, label=f"{c['name']} ({c['count']})")
               for c in groups[:LEGEND_COMMUNITIES]]
    if len(groups) > LEGEND_COMMUNITIES:
        handles.append(_heading(f"… {len(groups) - LEGEND_COMMUNITIES} smaller communities"))
    if groups:   # two sections: colour is the community, shape the label
        handles = [_heading("Communities"), *handles, _heading("Entities")]
    handles += [Line2D([], [], marker=MARKERS.get(lab["shape"], "o"), color="none",
                      markerfacecolor=lab["color"], markeredgecolor="0.25", markersize=9,
                      label=f"{lab['name']} ({lab['count']})")
               for lab in view["legend"]["labels"] if lab["count"]]
    if handles:
        ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.0, 1.0),
                  frameon=False, fontsize=9)
    fig.tight_layout()
    path = Path(output)
    try:
        with atomic_open(path, binary=True) as fh:
            fig.savefig(fh, format=format, dpi=dpi, metadata=None if format == "png" else
                        {"Date": None})
    finally:
        plt.close(fig)
    return path
