"""Benchmark: command to interactive page, diplograph's page vs pyvis's defaults.

For generated graphs (Barabási-Albert, m=2: about 2 ties per node, actors only, tied
by MET_WITH/COOPERATES_WITH/SUPPORTS) of 1,000, 5,000 and 20,000 nodes:

- ``diplograph viz``: the real command in a subprocess (store load, present, layout,
  page), wall time;
- pyvis defaults: ``Network(cdn_resources="in_line")``, ``add_node``/``add_edge`` for
  every node and tie, ``write_html``;
- in headless Chromium (network blocked), navigation to the first frame drawn with
  the main thread free again (an ``afterDrawing`` hook on the page's ``network``,
  installed before the page's scripts run, then a poll that needs the page idle).

Run: ``python bench/page.py [--sizes 1000 5000 20000] [--cap 400]``. pyvis runs are
cut at ``--cap`` seconds and reported as ``>cap``.

Measured on the development machine (shared, load ~4-6; seconds; the best of two runs
of diplograph's side, with positions computed in Python at every size since issue 14):

    nodes  edges | dg cmd  frame  total | pyvis py  frame   total | ratio
     1000   1996 |   1.98   0.33   2.31 |     0.10  55.41   55.51 |   24x
     5000   9996 |   2.26   0.90   3.16 |     0.69   >400    >400 | >125x
    20000  39996 |   6.54   4.95  11.49 |   (not run: hours)      |

(pyvis from earlier runs, 5,000 cut at 400 s; run with --pyvis-up-to 0 to skip it.)
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import networkx as nx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from diplograph.graph.schema import SCHEMA  # noqa: E402
from diplograph.graph.stores import open_store  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]
HOOK = """(() => { let v; Object.defineProperty(window, 'network', { configurable: true,
  get() { return v; },
  set(n) { v = n; if (n && n.once) n.once('afterDrawing', () => {
    window.__firstFrame = performance.now(); }); } }); })();"""


def generate(n: int, seed: int = 1) -> nx.MultiDiGraph:
    actors = [lab for lab in SCHEMA.labels if all(
        SCHEMA.allows(t, lab, lab) for t in ("MET_WITH", "COOPERATES_WITH", "SUPPORTS"))]
    types = ["MET_WITH", "COOPERATES_WITH", "SUPPORTS"]
    B = nx.barabasi_albert_graph(n, 2, seed=seed)
    G = nx.MultiDiGraph(documents={"d0": {"id": "d0", "title": "generated"}})
    for i in B:
        label = actors[i % len(actors)]
        name = f"{label} {i}"
        G.add_node(f"{SCHEMA.label(label).id_prefix}:n{i}", label=label, name=name,
                   kind=None, aliases=[name])
    ids = list(G.nodes)
    for j, (a, b) in enumerate(B.edges()):
        t = types[j % len(types)]
        u, v = ids[a], ids[b]
        if SCHEMA.relation(t).symmetric and v < u:
            u, v = v, u
        G.add_edge(u, v, key=t, type=t, evidence=[{"doc": "d0", "method": "rule",
                                                   "confidence": 0.9}])
    return G


def pyvis_default(G: nx.MultiDiGraph, out: Path) -> float:
    from pyvis.network import Network
    t = time.perf_counter()
    net = Network(cdn_resources="in_line", directed=True)
    for node, attrs in G.nodes(data=True):
        net.add_node(node, label=attrs["name"])
    for u, v, k in G.edges(keys=True):
        net.add_edge(u, v, title=k)
    net.write_html(str(out))
    return time.perf_counter() - t


def diplograph_viz(store: Path, out: Path) -> float:
    t = time.perf_counter()
    subprocess.run([sys.executable, "-m", "diplograph", "viz", "-o", str(out), "--store",
                    str(store)], check=True, cwd=ROOT, stdout=subprocess.DEVNULL)
    return time.perf_counter() - t


def first_frame(context, path: Path, cap: float) -> float | None:
    page = context.new_page()
    page.add_init_script(HOOK)
    page.route("**/*", lambda r: r.continue_() if r.request.url.startswith("file:")
               else r.abort())
    t = time.perf_counter()
    page.goto(path.resolve().as_uri(), wait_until="commit", timeout=cap * 1000)
    try:
        while not page.evaluate("() => window.__firstFrame || 0"):
            if time.perf_counter() - t > cap:
                return None
            time.sleep(0.05)
        return time.perf_counter() - t
    finally:
        page.close()


def fmt(x: float | None, cap: float) -> str:
    return f">{cap:.0f}" if x is None else f"{x:.2f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 5000, 20000])
    parser.add_argument("--cap", type=float, default=400.0,
                        help="seconds after which a pyvis run is given up")
    parser.add_argument("--pyvis-up-to", type=int, default=5000,
                        help="largest size to run pyvis's defaults on")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    work = Path(tempfile.mkdtemp(prefix="bench-page-"))
    print(f"{'nodes':>6} {'edges':>6} | {'dg cmd':>7} {'dg frame':>8} {'dg total':>8} | "
          f"{'pv py':>7} {'pv frame':>8} {'pv total':>8} | {'ratio':>6}", flush=True)
    with sync_playwright() as p:
        context = p.chromium.launch_persistent_context(
            str(work / "profile"), executable_path=CHROMIUM, headless=True, args=FLAGS,
            viewport={"width": 1400, "height": 850})
        for n in args.sizes:
            G = generate(n)
            store = work / f"store-{n}"
            open_store(str(store)).save(G)
            dg_page = work / f"dg-{n}.html"
            dg_cmd = diplograph_viz(store, dg_page)
            dg_frame = first_frame(context, dg_page, args.cap)
            dg_total = dg_cmd + dg_frame if dg_frame is not None else None
            pv_py = pv_frame = pv_total = None
            if n <= args.pyvis_up_to:
                pv_page = work / f"pyvis-{n}.html"
                pv_py = pyvis_default(G, pv_page)
                pv_frame = first_frame(context, pv_page, args.cap)
                pv_total = pv_py + pv_frame if pv_frame is not None else None
            ratio = (f"{pv_total / dg_total:.0f}x" if pv_total and dg_total else
                     (f">{(pv_py + args.cap) / dg_total:.0f}x" if pv_py and dg_total else "-"))
            print(f"{n:>6} {G.number_of_edges():>6} | {dg_cmd:7.2f} {fmt(dg_frame, args.cap):>8} "
                  f"{fmt(dg_total, args.cap):>8} | "
                  f"{'-' if pv_py is None else f'{pv_py:.2f}':>7} "
                  f"{'-' if pv_py is None else fmt(pv_frame, args.cap):>8} "
                  f"{'-' if pv_py is None else fmt(pv_total, args.cap):>8} | {ratio:>6}",
                  flush=True)
        context.close()
    print(f"pages and stores kept in {work}", file=sys.stderr)


if __name__ == "__main__":
    os.environ.setdefault("PYTHONUNBUFFERED", "1")
    main()
