"""Node positions computed in Python: deterministic, and with no two node boxes overlapping.

Every page and picture is drawn from positions computed here, never from the browser's
physics, so the same graph gives the same file byte for byte and a page is usable at
once. Up to :data:`STRESS_UP_TO` nodes each connected part is laid out by stress
majorization (distances in the drawing follow hop distances in the graph; started from
classical scaling, so there is no randomness at all), node boxes (the label included)
are then pushed apart until none overlap (:func:`remove_overlaps`), and the parts are
packed side by side, largest first, into a 16:9 area. Larger graphs use igraph's
Fruchterman-Reingold (grid variant) from a fixed start. Measured with
``bench/page.py``-style graphs (Barabási-Albert, m=2; seconds for 1k / 5k / 20k nodes):
igraph FR ~0.15 / 0.4 / 2.0 (+0.8 s to import igraph); a numpy spectral start with force
steps took 0.8 / 2.4 / 8.3 and networkx ``spring_layout`` ~51 s at 5k.

The dense linear algebra of stress majorization runs on one BLAS thread
(:func:`_one_thread`): at 600 nodes two threads took 2 to 4 times as long as one on a
busy two-core machine (a waiting BLAS thread spins on a core the other one needs), and
one thread gives the same bytes on every machine.

Examples
--------
>>> pos = positions(["a", "b", "c"], [("a", "b"), ("b", "c")])
>>> sorted(pos), all(len(p) == 2 for p in pos.values())
(['a', 'b', 'c'], True)
>>> boxes = {n: (40.0, 20.0) for n in "abc"}
>>> pos = positions(["a", "b", "c"], [("a", "b"), ("b", "c")], sizes=boxes)
>>> overlapping(pos, boxes)
[]
"""
from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager

import numpy as np

__all__ = ["SCALE", "STRESS_UP_TO", "OVERLAPS_UP_TO", "positions", "remove_overlaps",
           "fit_within", "overlapping"]

# Canvas units per node for the large-graph layouts (no boxes): keeps labels readable at
# the zoom vis-network fits to.
SCALE = 12.0
# Stress majorization is O(n^2) per step in memory and time (0.07 s at 300 nodes,
# 0.2 s at 500, 0.6 s at 800, 6 s at 1,000); past this the force layouts take over.
STRESS_UP_TO = 600
# Past this many nodes boxes are not de-overlapped (the rounds add up to seconds); a
# graph that large is read zoomed in, where its labels are far apart anyway.
OVERLAPS_UP_TO = 2000
_SEED = 20251001
_ASPECT = 16 / 9          # slides and projectors
_DENSITY = 0.3


@contextmanager
def _one_thread() -> Iterator[None]:
    """numpy's BLAS on one thread (see the module's notes), whatever it was set to."""
    from threadpoolctl import threadpool_limits
    with threadpool_limits(limits=1, user_api="blas"):
        yield


def _edge_index(ids: Sequence[str], edges: Sequence[tuple[str, str]]) -> np.ndarray:
    index = {n: i for i, n in enumerate(ids)}
    pairs = {(min(index[u], index[v]), max(index[u], index[v])) for u, v in edges
             if u in index and v in index and u != v}
    return np.array(sorted(pairs), dtype=np.int64).reshape(-1, 2)


def _components(n: int, pairs: np.ndarray) -> list[np.ndarray]:
    """Connected parts, largest first (ties broken by their first node's index)."""
    from scipy import sparse
    from scipy.sparse.csgraph import connected_components

    A = sparse.coo_matrix((np.ones(len(pairs)), (pairs[:, 0], pairs[:, 1])), shape=(n, n))
    _, labels = connected_components(A, directed=False)
    parts: dict[int, list[int]] = {}
    for i, label in enumerate(labels):
        parts.setdefault(int(label), []).append(i)
    return [np.array(p) for p in sorted(parts.values(), key=lambda p: (-len(p), p[0]))]


def _sign_fixed(vectors: np.ndarray) -> np.ndarray:
    """Eigenvectors with a fixed sign (largest entry positive): eigh may return either."""
    flip = np.sign(vectors[np.abs(vectors).argmax(axis=0), range(vectors.shape[1])])
    return vectors * np.where(flip == 0, 1, flip)


def _stress(n: int, pairs: np.ndarray, *, steps: int = 300, tol: float = 1e-4) -> np.ndarray:
    """Stress majorization (SMACOF, weights 1/d^2) of one connected part, unit ties; its
    main axis horizontal."""
    if n == 1:
        return np.zeros((1, 2))
    if n == 2:
        return np.array([[-0.5, 0.0], [0.5, 0.0]])
    from scipy import sparse
    from scipy.sparse.csgraph import shortest_path

    A = sparse.coo_matrix((np.ones(len(pairs)), (pairs[:, 0], pairs[:, 1])), shape=(n, n))
    D = shortest_path(A.tocsr(), directed=False, unweighted=True)
    # Classical scaling as the start: the two main axes of the squared distances.
    J = np.eye(n) - 1.0 / n
    values, vectors = np.linalg.eigh(-0.5 * J @ (D ** 2) @ J)
    X = _sign_fixed(vectors[:, -2:][:, ::-1]) * np.sqrt(np.maximum(values[-2:][::-1], 1e-9))
    W = np.zeros_like(D)
    off = D > 0
    W[off] = D[off] ** -2.0
    Lw_pinv = np.linalg.pinv(np.diag(W.sum(axis=1)) - W, hermitian=True)
    WD = W * D
    last = np.inf
    for _ in range(steps):
        sq = (X ** 2).sum(axis=1)
        delta = np.sqrt(np.maximum(sq[:, None] + sq[None, :] - 2 * X @ X.T, 0.0))
        stress = float((W * (delta - D) ** 2).sum())
        if last - stress < tol * last:
            break
        last = stress
        ratio = np.divide(WD, delta, out=np.zeros_like(WD), where=delta > 1e-9)
        X = Lw_pinv @ (ratio.sum(axis=1)[:, None] * X - ratio @ X)
    X = X - X.mean(axis=0)
    _, axes = np.linalg.eigh(X.T @ X)         # turn the longest extent horizontal
    return X @ _sign_fixed(axes[:, ::-1])


def _push(xy: np.ndarray, half: np.ndarray, reach: np.ndarray, stretch: np.ndarray,
          cost: np.ndarray) -> np.ndarray | None:
    """One round: every overlapping pair of boxes (centres ``xy``, half sizes ``half``)
    moves apart along the axis where they overlap least (each axis's overlap weighted
    by ``cost``: a wide drawing makes moving sideways cheap), half each and a little
    more. None when no two boxes overlap. Candidate pairs come from a k-d tree, so a
    round costs O(n log n)."""
    from scipy.spatial import cKDTree

    pairs = cKDTree(xy * stretch).query_pairs(reach[0], p=np.inf, output_type="ndarray")
    if len(pairs) == 0:
        return None
    i, j = pairs[:, 0], pairs[:, 1]
    d = xy[i] - xy[j]
    need = half[i] + half[j] - np.abs(d)
    hit = (need[:, 0] > 1e-9) & (need[:, 1] > 1e-9)
    if not hit.any():
        return None
    i, j, d, need = i[hit], j[hit], d[hit], need[hit]
    rows = np.arange(len(i))
    axis = np.where(need[:, 0] * cost[0] <= need[:, 1] * cost[1], 0, 1)
    sign = np.sign(d[rows, axis])
    sign = np.where(sign == 0, np.where(i < j, -1.0, 1.0), sign)   # coincident: index order
    # A little past touching: pairs pushed exactly apart would approach it forever.
    push = (need[rows, axis] * 0.55 + reach[axis] * 1e-3) * sign
    move = np.zeros_like(xy)
    np.add.at(move, (i, axis), push)
    np.add.at(move, (j, axis), -push)
    count = np.bincount(np.concatenate([i, j]), minlength=len(xy)).clip(min=1)
    return xy + move / np.sqrt(count)[:, None]


def _reach(half: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """How far apart two centres can be and still have boxes touching, and the y
    stretch that makes that a square (for the k-d tree's max-norm query)."""
    reach = half.max(axis=0) * 2
    return reach, np.array([1.0, reach[0] / max(float(reach[1]), 1e-9)])


def remove_overlaps(xy: np.ndarray, wh: np.ndarray, *, gap: float = 0.0,
                    aspect: float = 1.0, rounds: int = 5000) -> np.ndarray:
    """Positions near ``xy`` (n x 2, box centres) where no two boxes ``wh`` (n x 2,
    widths and heights) plus ``gap`` overlap.

    Each round moves every overlapping pair apart along the axis where they overlap
    least (an overlap across counting ``aspect`` times less than one up and down: 16/9
    grows a drawing for a wide screen), which keeps the drawing's shape; every 20
    rounds the whole drawing is also spread by 3%, which always ends the loop (boxes
    keep their size). Deterministic: no randomness, and coincident centres part in
    index order.

    >>> xy = remove_overlaps(np.zeros((3, 2)), np.full((3, 2), 10.0))
    >>> bool(np.all(np.abs(xy[:, None] - xy[None, :]).max(axis=2)[np.triu_indices(3, 1)] >= 10))
    True
    """
    xy = np.array(xy, dtype=float)
    if len(xy) < 2:
        return xy
    half = (np.asarray(wh, dtype=float) + gap) / 2
    reach, stretch = _reach(half)
    cost = np.array([1.0 / aspect, 1.0])
    for step in range(rounds):
        moved = _push(xy, half, reach, stretch, cost)
        if moved is None:
            return xy
        xy = moved
        if step % 20 == 19:
            centre = xy.mean(axis=0)
            xy = centre + (xy - centre) * 1.03
    raise RuntimeError("overlap removal did not converge")  # pragma: no cover


def fit_within(xy: np.ndarray, wh: np.ndarray, area: tuple[float, float], *,
               gap: float = 0.0, most: float = 3.0) -> np.ndarray | None:
    """Positions of boxes ``wh`` inside ``[0, area]`` (x right, y down) that keep the
    drawing ``xy``'s shape as far as they can, with no two boxes (plus ``gap``)
    overlapping; None when they do not fit (the boxes are too big for the area).

    The drawing is scaled to fill the area (each axis on its own when it must shrink;
    both alike, by up to ``most``, when it may grow) and its overlaps removed, moves
    across weighed against moves up and down by the area's shape. When that spills
    over, it is tried again from a drawing a little more compressed, and with moves
    across made cheaper (labels are wide: pushed apart the short way, they pile up).

    >>> fit_within(np.array([[0.0, 0.0], [1.0, 0.0]]), np.full((2, 2), 10.0), (100, 20), most=90)
    array([[ 5., 10.],
           [95., 10.]])
    >>> fit_within(np.zeros((3, 2)), np.full((3, 2), 10.0), (20, 10)) is None
    True
    """
    xy = np.array(xy, dtype=float)
    wh = np.asarray(wh, dtype=float)
    size = np.array(area, dtype=float)
    if len(xy) == 0:
        return xy
    room = size - wh.max(axis=0)
    if (room < 0).any():
        return None
    lo, hi = xy.min(axis=0), xy.max(axis=0)
    scale = room / np.maximum(hi - lo, 1e-9)
    scale = np.where(scale.min() >= 1, min(scale.min(), most), np.minimum(scale, 1.0))
    for across in (1.0, 2.0, 4.0, 8.0):
        for squeeze in (1.0, 0.8, 0.6):
            fitted = remove_overlaps((xy - (lo + hi) / 2) * scale * squeeze, wh, gap=gap,
                                     aspect=float(size[0] / size[1]) * across)
            box_lo, box_hi = (fitted - wh / 2).min(axis=0), (fitted + wh / 2).max(axis=0)
            if ((box_hi - box_lo) <= size + 1e-6).all():
                return fitted - (box_lo + box_hi) / 2 + size / 2
    return None


def _pack(parts: list[np.ndarray], half: np.ndarray, *, margin: float) -> np.ndarray:
    """Offsets for each part's drawing (given as box-inclusive extents ``half``): rows of
    parts, largest first, in an area about 16:9."""
    sizes = [(float(w), float(h)) for w, h in half]
    area = sum((w + margin) * (h + margin) for w, h in sizes)
    row_width = max(max(w for w, _ in sizes), (area * _ASPECT) ** 0.5)
    offsets, x, y, row_height = [], 0.0, 0.0, 0.0
    for w, h in sizes:
        if x > 0 and x + w > row_width:
            x, y, row_height = 0.0, y + row_height + margin, 0.0
        offsets.append((x + w / 2, y + h / 2))
        x += w + margin
        row_height = max(row_height, h)
    return np.array(offsets)


def _roomy(xy: np.ndarray, wh: np.ndarray) -> np.ndarray:
    """The drawing spread until boxes cover no more than about a third of its area:
    overlap removal then only settles local clashes."""
    room = np.prod(np.ptp(xy, axis=0) + np.median(wh, axis=0))
    density = float((wh[:, 0] * wh[:, 1]).sum() / room)
    return xy * (density / _DENSITY) ** 0.5 if density > _DENSITY else xy


def _boxed(ids: Sequence[str], pairs: np.ndarray,
           sizes: Mapping[str, tuple[float, float]]) -> np.ndarray:
    """Stress per part, scaled to the boxes, de-overlapped, and the parts packed."""
    n = len(ids)
    wh = np.array([sizes[i] for i in ids], dtype=float).reshape(n, 2)
    # The length of a tie: enough for two typical boxes side by side.
    unit = float(np.median(wh[:, 0]) * 0.75 + np.median(wh[:, 1]) * 0.75)
    gap = float(np.median(wh[:, 1]) * 0.3)
    coords = np.zeros((n, 2))
    parts = _components(n, pairs)
    extents, drawn = [], []
    for part in parts:
        index = {int(old): new for new, old in enumerate(part)}
        sub = np.array([(index[a], index[b]) for a, b in pairs
                        if int(a) in index and int(b) in index]).reshape(-1, 2)
        xy = _stress(len(part), sub) * unit
        # Wide screens: a part drawn taller than 16:9 is stretched across (by up to 1.6).
        w, h = np.ptp(xy, axis=0) + 1e-9
        xy[:, 0] *= min(max(_ASPECT * h / w, 1.0), 1.6)
        xy = _roomy(xy, wh[part])
        # Labels are wide: pushed apart the short way they pile up in columns, so moves
        # across are made cheaper.
        xy = remove_overlaps(xy, wh[part], gap=gap, aspect=_ASPECT * 2)
        lo = (xy - wh[part] / 2).min(axis=0)
        hi = (xy + wh[part] / 2).max(axis=0)
        drawn.append(xy - (lo + hi) / 2)
        extents.append(hi - lo)
    offsets = _pack(parts, np.array(extents), margin=gap * 2)
    for part, xy, offset in zip(parts, drawn, offsets):
        coords[part] = xy + offset
    return coords


def _igraph_fr(n: int, pairs: np.ndarray) -> np.ndarray:
    from diplograph.graph.igraph_backend import fruchterman_reingold
    return np.asarray(fruchterman_reingold(n, pairs.tolist(), seed=_SEED), dtype=float)


def _force(n: int, pairs: np.ndarray) -> np.ndarray:
    coords = _igraph_fr(n, pairs)
    coords = coords - coords.mean(axis=0)
    spread = np.sqrt((coords ** 2).sum(axis=1).mean()) or 1.0
    return coords / spread * SCALE * np.sqrt(n)


def positions(ids: Sequence[str], edges: Sequence[tuple[str, str]], *,
              sizes: Mapping[str, tuple[float, float]] | None = None,
              method: str = "auto") -> dict[str, tuple[float, float]]:
    """Node id -> (x, y) in canvas units (y grows downwards, as on a screen).

    ``sizes`` (node id -> (width, height) of its drawn box, label included) makes the
    ties about two boxes long and, up to :data:`OVERLAPS_UP_TO` nodes, leaves no two
    boxes overlapping. ``method``: ``"stress"``, ``"igraph"`` (Fruchterman-Reingold)
    or ``"auto"`` (stress up to :data:`STRESS_UP_TO` nodes, then igraph). The same
    arguments always give the same positions.
    """
    if method not in ("auto", "stress", "igraph"):
        raise ValueError(f"unknown layout method {method!r}; valid: auto, stress, igraph")
    n = len(ids)
    if n == 0:
        return {}
    pairs = _edge_index(ids, edges)
    boxes = sizes or {i: (SCALE * 3, SCALE * 1.5) for i in ids}
    if method == "stress" or (method == "auto" and n <= STRESS_UP_TO):
        with _one_thread():
            coords = _boxed(ids, pairs, boxes)
    else:
        coords = _force(n, pairs)
        if sizes and n <= OVERLAPS_UP_TO:
            wh = np.array([sizes[i] for i in ids], dtype=float)
            coords = remove_overlaps(_roomy(coords, wh), wh, gap=float(np.median(wh[:, 1]) * 0.3),
                                     aspect=_ASPECT * 2)
    coords = coords - (coords.min(axis=0) + coords.max(axis=0)) / 2
    return {node: (round(float(x), 1), round(float(y), 1)) for node, (x, y) in zip(ids, coords)}


def overlapping(pos: Mapping[str, tuple[float, float]],
                sizes: Mapping[str, tuple[float, float]]) -> list[tuple[str, str]]:
    """The pairs of nodes whose boxes overlap (for tests and checks); quadratic."""
    ids = sorted(pos)
    found = []
    for a_index, a in enumerate(ids):
        (ax, ay), (aw, ah) = pos[a], sizes[a]
        for b in ids[a_index + 1:]:
            (bx, by), (bw, bh) = pos[b], sizes[b]
            if abs(ax - bx) < (aw + bw) / 2 - 0.2 and abs(ay - by) < (ah + bh) / 2 - 0.2:
                found.append((a, b))
    return found
