"""Positions computed in Python, so that a large page is usable at once (physics off).

vis-network's in-browser physics is fine for a few hundred nodes and hopeless for
thousands (pyvis's defaults: ~40 s to a first frame at 1,000 nodes). Above
:data:`PHYSICS_UP_TO` nodes the page gets positions from here and starts with
physics off (the switch on the page turns it back on).

Methods, measured on this machine with ``bench/page.py``-style graphs
(Barabási-Albert, m=2; seconds for 1k / 5k / 20k nodes):

- igraph Fruchterman-Reingold, grid variant: ~0.15 / 0.4 / 2.0 (+0.8 s to import
  igraph, which pulls in matplotlib when present)
- igraph LGL: 0.1 / 0.7 / 3.7; igraph DrL: 3.1 / 5.9 / 25.6
- networkx ``spring_layout``: ~51 s at 5k (the issue's figure)

so igraph's FR is the default. igraph is imported here only, lazily (extra
``layout``); without it a sparse spectral start refined by a few vectorised
force steps (numpy/scipy, :func:`_spectral_force`: 0.8 / 2.4 / 8.3 s) is used.

Examples
--------
>>> pos = positions(["a", "b", "c"], [("a", "b"), ("b", "c")])
>>> sorted(pos), all(len(p) == 2 for p in pos.values())
(['a', 'b', 'c'], True)
"""
from __future__ import annotations

from collections.abc import Sequence

import numpy as np

__all__ = ["PHYSICS_UP_TO", "SCALE", "positions", "needs_layout"]

# Measured in headless Chromium (generated graphs, ~2 ties per node; seconds from
# navigation to the first frame, diplograph's page): with physics (300 stabilisation
# steps) 100 nodes 1.0, 200 1.4, 300 1.7, 500 2.6, 800 4.4; with positions from here
# and physics off 0.4-0.7 at every one of those sizes, plus ~0.2-0.5 s of layout.
# Up to ~300 nodes physics still shows a settled page in under 2 s and lays small
# graphs out better, so that is where precomputed positions take over.
PHYSICS_UP_TO = 300
# Canvas units per node: keeps labels readable at the zoom vis-network fits to.
SCALE = 12.0


def needs_layout(n_nodes: int) -> bool:
    """Whether a page of ``n_nodes`` should get precomputed positions, physics off."""
    return n_nodes > PHYSICS_UP_TO


def _edge_index(ids: Sequence[str], edges: Sequence[tuple[str, str]]) -> np.ndarray:
    index = {n: i for i, n in enumerate(ids)}
    pairs = [(index[u], index[v]) for u, v in edges if u in index and v in index and u != v]
    return np.array(pairs, dtype=np.int64).reshape(-1, 2)


def _igraph_fr(n: int, pairs: np.ndarray) -> np.ndarray:
    import igraph  # the one igraph import (extra "layout")

    g = igraph.Graph(n=n, edges=pairs.tolist(), directed=False)
    g.simplify()
    # The grid variant at every size: exact repulsion is O(n^2) per step (1.1 s at 1,000
    # nodes against 0.15 s with the grid).
    layout = g.layout_fruchterman_reingold(niter=500, grid="grid")
    return np.asarray(layout.coords, dtype=float)


def _spectral_force(n: int, pairs: np.ndarray, *, steps: int = 40) -> np.ndarray:
    """Fallback without igraph: spectral start, then vectorised spring steps along the
    edges plus repulsion from a coarse grid of cell centroids (O(n + e) per step)."""
    from scipy import sparse
    from scipy.sparse.linalg import eigsh

    rng = np.random.default_rng(0)
    if n < 3 or len(pairs) == 0:
        return rng.normal(size=(n, 2))
    A = sparse.coo_matrix((np.ones(len(pairs)), (pairs[:, 0], pairs[:, 1])), shape=(n, n))
    A = ((A + A.T) > 0).astype(float).tocsr()
    deg = np.asarray(A.sum(axis=1)).ravel() + 1e-9
    L = sparse.diags(1 / np.sqrt(deg)) @ A @ sparse.diags(1 / np.sqrt(deg))
    try:
        _, vecs = eigsh(L, k=3, which="LA", tol=1e-3, maxiter=2000)
        pos = vecs[:, :2] * np.sqrt(n)
    except Exception:  # no convergence: start from noise
        pos = rng.normal(size=(n, 2)) * np.sqrt(n)
    pos += rng.normal(scale=0.1, size=pos.shape)
    src, dst = pairs[:, 0], pairs[:, 1]
    cells = 12  # coarse on purpose: repulsion cost is n * cells**2 per step
    for step in range(steps):
        t = 1.0 - step / steps
        delta = pos[dst] - pos[src]
        dist = np.linalg.norm(delta, axis=1, keepdims=True) + 1e-9
        pull = delta * (dist / 1.0) * 0.05
        force = np.zeros_like(pos)
        np.add.at(force, src, pull)
        np.add.at(force, dst, -pull)
        lo, hi = pos.min(axis=0), pos.max(axis=0) + 1e-9
        cell = np.floor((pos - lo) / (hi - lo) * cells).clip(0, cells - 1).astype(int)
        flat = cell[:, 0] * cells + cell[:, 1]
        counts = np.bincount(flat, minlength=cells * cells).astype(float)
        cx = np.bincount(flat, weights=pos[:, 0], minlength=cells * cells)
        cy = np.bincount(flat, weights=pos[:, 1], minlength=cells * cells)
        occupied = counts > 0
        cent = np.stack([cx[occupied], cy[occupied]], axis=1) / counts[occupied, None]
        mass = counts[occupied]
        for start in range(0, n, 4096):  # chunked: memory stays O(chunk * cells)
            d = pos[start:start + 4096, None, :] - cent[None, :, :]
            r2 = (d ** 2).sum(axis=2) + 1.0
            force[start:start + 4096] += (d * (mass / r2)[:, :, None]).sum(axis=1)
        length = np.linalg.norm(force, axis=1, keepdims=True) + 1e-9
        pos += force / length * np.minimum(length, 2.0 * t + 0.05)
    return pos


def positions(ids: Sequence[str], edges: Sequence[tuple[str, str]], *,
              method: str = "auto") -> dict[str, tuple[float, float]]:
    """Node id -> (x, y) in canvas units, centred on 0.

    ``method``: ``"igraph"`` (Fruchterman-Reingold), ``"spectral"`` (numpy/scipy
    fallback) or ``"auto"`` (igraph when installed).
    """
    n = len(ids)
    if n == 0:
        return {}
    pairs = _edge_index(ids, edges)
    if method not in ("auto", "igraph", "spectral"):
        raise ValueError(f"unknown layout method {method!r}; valid: auto, igraph, spectral")
    coords = None
    if method in ("auto", "igraph"):
        try:
            coords = _igraph_fr(n, pairs)
        except ImportError:
            if method == "igraph":
                from diplograph.graph.errors import DependencyMissing
                raise DependencyMissing("igraph", "layout") from None
    if coords is None:
        coords = _spectral_force(n, pairs)
    coords = coords - coords.mean(axis=0)
    spread = np.sqrt((coords ** 2).sum(axis=1).mean()) or 1.0
    coords = coords / spread * SCALE * np.sqrt(n)
    return {node: (round(float(x), 1), round(float(y), 1))
            for node, (x, y) in zip(ids, coords)}
