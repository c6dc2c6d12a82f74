"""PNG, SVG and PDF pictures of a :func:`viz.present.present` view, for slides and
handouts.

Nodes are shaped per label and coloured as the view says (label, community or change),
named underneath; ties are coloured by type, faded when no person checked them, dashed
by status, with an arrow unless the type is symmetric, and labelled where the label
fits; a legend explains shapes, tie colours, line styles and (when some ties are
machine-read) what the faded ones are. Every size is in pixels of the finished picture: the layout
(:mod:`viz.layout`) works on each node's box (marker plus measured label), so no two
names overlap, and a tie label is drawn only where it touches no name, marker or other
label. When the boxes cannot fit the picture, the text shrinks (down to 5 points), then
the smallest nodes lose their names.

The same view gives the same bytes: a fixed layout, no dates in the file, a fixed SVG
id salt. SVG text stays ``<text>`` (editable, searchable) and PDF text is text; names
are drawn literally (``$`` starts no formula). matplotlib is imported here only, lazily
(extra ``static``).
"""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import numpy as np

from diplograph.graph.errors import DependencyMissing
from diplograph.graph.files import atomic_open
from diplograph.viz.layout import fit_within, positions
from diplograph.viz.palette import LINE
from diplograph.viz.present import Presentation

__all__ = ["draw", "Picture", "MARKERS"]

# vis-network shape name -> matplotlib marker (the shapes themselves come from the schema).
MARKERS = {"dot": "o", "box": "s", "square": "s", "star": "*", "hexagon": "h",
           "diamond": "D", "triangle": "^", "ellipse": "o", "circle": "o",
           "triangleDown": "v", "database": "s", "text": "."}
LABELS_UP_TO = 400        # past this many nodes, only the largest get a name
LEGEND_COMMUNITIES = 12  # the largest communities get a legend entry; the rest are counted
CJK_FONTS = ("Noto Sans CJK TC", "Noto Sans CJK JP", "Noto Sans CJK SC", "WenQuanYi Zen Hei",
             "AR PL UMing TW", "Droid Sans Fallback")
MIN_FONT = 5.0


@dataclass(frozen=True, slots=True)
class Picture:
    """A written picture, and the box of every text drawn on it, in pixels from the top
    left: ``(text, x0, y0, x1, y1)``."""

    path: Path
    labels: list[tuple[str, float, float, float, float]]


@contextmanager
def _pyplot() -> Iterator[Any]:
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
    with matplotlib.rc_context({"font.family": chain or ["sans-serif"], "svg.fonttype": "none",
                                "svg.hashsalt": "diplograph", "pdf.fonttype": 42,
                                "text.parse_math": False, "axes.unicode_minus": False}):
        yield plt


def _pt(px: float, dpi: int) -> float:
    return px * 72.0 / dpi


def _legend_handles(view: Presentation, dpi: int) -> list[Any]:
    from matplotlib.lines import Line2D

    def heading(text: str) -> Any:
        return Line2D([], [], color="none", label=text)

    legend = view["legend"]
    handles = []
    if legend.get("changes"):
        handles.append(heading("Changes"))
        handles += [Line2D([], [], marker="o", color=c["color"], lw=2, markersize=8,
                           label=f"{c['name']} ({c['nodes']} nodes, {c['edges']} ties)")
                    for c in legend["changes"] if c["nodes"] or c["edges"]]
    groups = legend.get("communities", [])
    if groups:
        handles.append(heading("Communities"))
        handles += [Line2D([], [], marker="o", color="none", markerfacecolor=c["color"],
                           markeredgecolor=LINE, markersize=9, label=f"{c['name']} ({c['count']})")
                    for c in groups[:LEGEND_COMMUNITIES]]
        if len(groups) > LEGEND_COMMUNITIES:
            handles.append(heading(f"… {len(groups) - LEGEND_COMMUNITIES} smaller communities"))
    handles.append(heading("Entities"))
    handles += [Line2D([], [], marker=MARKERS.get(lab["shape"], "o"), color="none",
                       markerfacecolor=lab["color"], markeredgecolor=LINE, markersize=9,
                       label=f"{lab['name']} ({lab['count']})")
                for lab in legend["labels"] if lab["count"]]
    handles.append(heading("Ties"))
    handles += [Line2D([], [], color=t["color"], lw=2,
                       label=f"{'↔' if t['symmetric'] else '→'} {t['label']} ({t['count']})")
                for t in legend["types"] if t["count"]]
    statuses = [s for s in legend["statuses"] if s["count"]]
    if len(statuses) > 1 or any(s["dashes"] for s in statuses):
        handles.append(heading("Lines"))
        handles += [Line2D([], [], color=LINE, lw=1.6,
                           linestyle=(0, tuple(_pt(d, 100) for d in s["dashes"])) if s["dashes"]
                           else "-", label=f"{s['name']} ({s['count']})") for s in statuses]
    levels = [p for p in legend.get("provenance", []) if p["count"]]
    if any(p["opacity"] < 1 for p in levels):   # some ties no person checked: faded
        handles.append(heading("Evidence"))
        handles += [Line2D([], [], color=LINE, lw=2, alpha=p["opacity"],
                           label=f"{p['name']} ({p['count']})") for p in levels]
    return handles


def _legend(fig: Any, renderer: Any, view: Presentation, dpi: int, font: float,
            margin: float, top: float) -> Any:
    """The legend at the top right, its text a little smaller than the names, in as
    many columns (and as small a font, down to :data:`MIN_FONT`) as it needs to fit
    under the title."""
    height = fig.bbox.height
    handles = _legend_handles(view, dpi)
    for columns, size in ((1, font * 0.8), (2, font * 0.8), (2, font * 0.7),
                          (3, max(MIN_FONT, font * 0.65))):
        legend = fig.legend(handles=handles, loc="upper right", ncols=columns,
                            bbox_to_anchor=(1 - margin / fig.bbox.width, 1 - top / height),
                            frameon=False, fontsize=size, handlelength=2.2)
        if legend.get_window_extent(renderer).height <= height - top - margin:
            return legend
        legend.remove()
    return fig.legend(handles=handles, loc="upper right", ncols=columns, frameon=False,
                      bbox_to_anchor=(1 - margin / fig.bbox.width, 1 - top / height),
                      fontsize=size, handlelength=2.2)


def _measure(fig: Any, renderer: Any, text: str, size: float) -> tuple[float, float]:
    t = fig.text(0, 0, text, fontsize=size, ha="center", va="top", multialignment="center")
    box = t.get_window_extent(renderer)
    t.remove()
    return box.width, box.height


def _layout(view: Presentation, fig: Any, renderer: Any, area: tuple[float, float],
            font: float, dpi: int) -> tuple[dict[str, Any], float, set[str]]:
    """Each node's box centre in pixels (y down) inside ``area``, its marker diameter and
    label size; the font size used; and the nodes that keep their names.

    The layout is computed once, on boxes at ``font``; when those cannot all fit, the
    same drawing is fitted again with smaller text (down to 70%), then with names on
    fewer nodes (the smallest lose theirs first), then smaller text again."""
    nodes, edges = view["nodes"], view["edges"]
    ids = [n["id"] for n in nodes]
    if not ids:
        return {}, font, set()
    named = {n["id"] for n in sorted(nodes, key=lambda n: (-n["size"], n["id"]))[:LABELS_UP_TO]}
    size = {n["id"]: n["size"] for n in nodes}
    marks = {n["id"]: n["size"] * 0.6 * dpi / 72 for n in nodes}   # marker diameter, px
    # Text extents scale with the font size: measured once, at the largest.
    measured = {n["id"]: _measure(fig, renderer, n["label"], font) for n in nodes}

    def boxes(scale: float, names: set[str]) -> np.ndarray:
        pad = font * scale * dpi / 72 * 0.35
        return np.array([(max(marks[i], measured[i][0] * scale * (i in names)) + pad,
                          marks[i] + measured[i][1] * scale * (i in names) + 2 * pad)
                         for i in ids]).reshape(-1, 2)

    pos = positions(ids, [(e["from"], e["to"]) for e in edges],
                    sizes=dict(zip(ids, map(tuple, boxes(1.0, named)))))
    start = np.array([pos[i] for i in ids]).reshape(-1, 2)
    scale = 1.0
    while True:
        wh = boxes(scale, named)
        xy = fit_within(start, wh, area, gap=font * scale * dpi / 72 * 0.35)
        if xy is not None:
            break
        if scale > 0.75 or (scale * font > MIN_FONT and not named):
            scale *= 0.9
        elif named:
            named = set(sorted(named, key=lambda i: (-size[i], i))[:len(named) * 2 // 3])
        else:                     # markers alone do not fit: draw them as they fall
            xy = start
            break
    texts = {i: (measured[i][0] * scale, measured[i][1] * scale) if i in named else (0.0, 0.0)
             for i in ids}
    return {i: (xy[k], marks[i], texts[i]) for k, i in enumerate(ids)}, font * scale, named


def _overlaps(box: tuple[float, float, float, float], others: list[Any]) -> bool:
    x0, y0, x1, y1 = box
    return any(x0 < b[2] and b[0] < x1 and y0 < b[3] and b[1] < y1 for b in others)


def draw(view: Presentation, output: str | Path, *,
         format: Literal["png", "svg", "pdf"] = "png", width: int = 1920, height: int = 1080,
         dpi: int = 150, font_size: float = 10.0) -> Picture:
    """Write the picture to ``output``: ``width`` x ``height`` pixels at ``dpi`` (for
    SVG and PDF, the page size those make), text of ``font_size`` points."""
    with _pyplot() as plt:
        from matplotlib.patches import FancyArrowPatch

        fig = plt.figure(figsize=(width / dpi, height / dpi), dpi=dpi)
        try:
            renderer = fig.canvas.get_renderer()
            margin = font_size * dpi / 72 * 1.2
            title = fig.text(margin / width, 1 - margin / height, view["title"],
                             fontsize=font_size * 1.5, fontweight="bold", ha="left", va="top")
            top = title.get_window_extent(renderer).height + 1.6 * margin
            legend = _legend(fig, renderer, view, dpi, font_size, margin, top)
            legend_w = legend.get_window_extent(renderer).width + margin
            area = (width - legend_w - 2 * margin, height - top - margin)
            ax = fig.add_axes((margin / width, margin / height, area[0] / width, area[1] / height))
            ax.set_axis_off()
            ax.set_xlim(0, area[0])
            ax.set_ylim(area[1], 0)
            placed, font, named = _layout(view, fig, renderer, area, font_size, dpi)
            texts = []
            for e in _edge_segments(view, placed):
                (x0, y0), (x1, y1), e_data = e
                dashes = e_data["dashes"]
                ax.add_patch(FancyArrowPatch(
                    (x0, y0), (x1, y1), arrowstyle="-|>" if e_data["arrows"] else "-",
                    mutation_scale=font * 1.2, color=e_data["color"]["color"],
                    alpha=e_data["color"].get("opacity", 1.0),
                    lw=_pt(e_data["width"], 100) * 0.9, zorder=1,
                    linestyle=(0, tuple(_pt(d, 100) for d in dashes)) if dashes else "-",
                    shrinkA=_pt(placed[e_data["from"]][1] / 2 + 2, dpi),
                    shrinkB=_pt(placed[e_data["to"]][1] / 2 + 2, dpi)))
            groups: dict[tuple[str, str], list[dict[str, Any]]] = {}
            for n in view["nodes"]:
                groups.setdefault((n["shape"], n["color"]), []).append(n)
            taken = []
            for (shape, color), group in groups.items():
                tops = [(placed[n["id"]][0][0], placed[n["id"]][0][1] - _box_h(placed[n["id"]]) / 2
                         + placed[n["id"]][1] / 2) for n in group]
                ax.scatter([t[0] for t in tops], [t[1] for t in tops],
                           marker=MARKERS.get(shape, "o"),
                           s=[_pt(placed[n["id"]][1], dpi) ** 2 for n in group], c=color,
                           edgecolors=LINE, linewidths=0.6, zorder=2)
            for n in view["nodes"]:
                (x, y), mark, _ = placed[n["id"]]
                up = y - _box_h(placed[n["id"]]) / 2
                taken.append((margin + x - mark / 2, top + up, margin + x + mark / 2,
                              top + up + mark))
                if n["id"] in named:
                    texts.append(ax.text(x, up + mark + font * dpi / 72 * 0.25, n["label"],
                                         ha="center", va="top", multialignment="center",
                                         fontsize=font, zorder=3, bbox=_halo(font)))
            taken += [_box(t, renderer, height, pad=_halo_px(font, dpi)) for t in texts]
            texts += _tie_labels(ax, view, placed, taken, font, renderer, height, dpi)
            path = Path(output)
            metadata = {"png": {"Software": None}, "svg": {"Date": None},
                        "pdf": {"CreationDate": None, "ModDate": None, "Producer": None}}
            with atomic_open(path, binary=True) as fh:
                fig.savefig(fh, format=format, dpi=dpi, metadata=metadata[format])
            # Measured after a draw at the picture's own resolution: the legend lays its
            # entries out when drawn, and SVG and PDF are drawn at 72 dots per inch.
            if format != "png":
                fig.canvas.draw()
            labels = [(t.get_text(), *_box(t, renderer, height,
                                             pad=_halo_px(t.get_fontsize(), dpi) * (t in texts)))
                      for t in [title, *texts, *legend.get_texts()]]
        finally:
            plt.close(fig)
    return Picture(path=path, labels=labels)


def _box_h(entry: Any) -> float:
    _, mark, (_, th) = entry
    return mark + th


def _halo(size: float) -> dict[str, Any]:
    """A white background behind a name or tie label, so lines do not run through it
    (a patch, not a path effect: SVG text must stay text)."""
    return {"boxstyle": "square,pad=0.12", "fc": "white", "ec": "none", "alpha": 0.85}


def _halo_px(size: float, dpi: int) -> float:
    """How far :func:`_halo` reaches past the text, in pixels (and one for rounding)."""
    return 0.12 * size * dpi / 72 + 1


def _box(text: Any, renderer: Any, height: float, pad: float = 0.0
         ) -> tuple[float, float, float, float]:
    """A text's box in pixels from the top left, ``pad`` pixels wider on every side."""
    box = text.get_window_extent(renderer)
    return (float(box.x0) - pad, float(height - box.y1) - pad, float(box.x1) + pad,
            float(height - box.y0) + pad)


def _edge_segments(view: Presentation, placed: dict[str, Any]) -> Iterator[Any]:
    """Each tie's ends at its markers' centres, ties between the same two nodes drawn
    side by side (a few pixels apart) rather than on top of each other."""
    between: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for e in view["edges"]:
        a, b = sorted((e["from"], e["to"]))
        between.setdefault((a, b), []).append(e)
    for (a, b), group in between.items():
        (ax_, ay), (bx, by) = _centre(placed[a]), _centre(placed[b])
        length = max(float(np.hypot(bx - ax_, by - ay)), 1e-9)
        nx_, ny = -(by - ay) / length, (bx - ax_) / length
        for k, e in enumerate(group):
            shift = (k - (len(group) - 1) / 2) * 5.0
            p0, p1 = _centre(placed[e["from"]]), _centre(placed[e["to"]])
            yield ((p0[0] + nx_ * shift, p0[1] + ny * shift),
                   (p1[0] + nx_ * shift, p1[1] + ny * shift), e)


def _centre(entry: Any) -> tuple[float, float]:
    (x, y), mark, _ = entry
    return float(x), float(y - _box_h(entry) / 2 + mark / 2)


def _tie_labels(ax: Any, view: Presentation, placed: dict[str, Any], taken: list[Any],
                font: float, renderer: Any, height: float, dpi: int) -> list[Any]:
    """A label on each tie whose middle has room for it: inside the tie's visible
    length and clear of every marker, name and tie label already placed."""
    out = []
    order = sorted(view["edges"], key=lambda e: (-e["width"], e["id"]))
    for e in order:
        if not e["label"]:
            continue
        (x0, y0), (x1, y1) = _centre(placed[e["from"]]), _centre(placed[e["to"]])
        free = float(np.hypot(x1 - x0, y1 - y0)) - (placed[e["from"]][1] + placed[e["to"]][1]) / 2
        size = font * 0.75
        t = ax.text((x0 + x1) / 2, (y0 + y1) / 2, e["label"], ha="center", va="center",
                    fontsize=size, color=e["color"]["color"], zorder=4, bbox=_halo(size))
        box = _box(t, renderer, height, pad=_halo_px(size, dpi))
        inside = (0 <= box[0] and box[2] <= ax.bbox.x1 and box[1] >= 0 and box[3] <= height)
        if box[2] - box[0] < free * 0.9 and inside and not _overlaps(box, taken):
            taken.append(box)
            out.append(t)
        else:
            t.remove()
    return out
