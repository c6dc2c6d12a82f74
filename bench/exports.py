"""Benchmark: peak memory and time of each export format on a large generated graph.

The graph: ``--nodes`` people and organisations (default 100,000), about two ties per
node (Barabási-Albert, m=2, fixed seed), every node and tie with two aliases and one
citation carrying a 120-character snippet, as extraction makes them. Each format runs
in its own child process: it builds the graph, resets the kernel's peak-RSS mark
(``/proc/self/clear_refs``), exports to a temporary file, and reports the peak RSS
above the RSS it had before the export (what the export itself added), the wall time
and the file size.

Run: ``python bench/exports.py [--nodes 100000] [--formats json graphml gexf csv]``.
Figures measured are in the hardening report (issue 10/12); the machine is shared, so
times vary, peaks much less.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CHILD = """
import json, os, sys, time
import networkx as nx
sys.path.insert(0, {here!r})
from exports import make_graph, rss_kb
from diplograph.viz.exports import export_graph
G = make_graph({nodes})
before = rss_kb("VmRSS")
open("/proc/self/clear_refs", "w").write("5")
start = time.perf_counter()
path = export_graph(G, {fmt!r}, {out!r})
seconds = time.perf_counter() - start
peak = rss_kb("VmHWM")
size = sum(p.stat().st_size for p in path.iterdir()) if path.is_dir() else path.stat().st_size
print(json.dumps({{"before_mb": before / 1024, "added_mb": (peak - before) / 1024,
                  "seconds": seconds, "file_mb": size / 2**20}}))
"""


def rss_kb(field: str) -> int:
    """A memory figure of this process from /proc/self/status, in kB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    raise KeyError(field)


def make_graph(n: int):
    """The benchmark graph (see the module docstring); deterministic."""
    import networkx as nx
    shape = nx.barabasi_albert_graph(n, 2, seed=7)
    G = nx.MultiDiGraph(schema_version=1, documents={
        f"doc{i}.txt": {"id": f"doc{i}.txt", "title": f"Report number {i}", "date": "2025-10"}
        for i in range(max(1, n // 50))})
    snippet = "An official of the ministry said the two sides would meet again next month " \
              "to review the joint assessment."
    def cite(i: int) -> list[dict]:
        return [{"doc": f"doc{i % max(1, n // 50)}.txt", "start": 10, "end": 130,
                 "snippet": snippet, "method": "rule", "confidence": 0.8}]
    ids = {}
    for i in shape.nodes:
        label, prefix = ("Person", "person") if i % 3 else ("Organization", "org")
        ids[i] = f"{prefix}:n{i}"
        G.add_node(ids[i], label=label, name=f"Name {i}", kind=None,
                   aliases=[f"Name {i}", f"N. {i}"], evidence=cite(i))
    for u, v in shape.edges:
        G.add_edge(ids[u], ids[v], key="MET_WITH", type="MET_WITH", date="2025-10-01",
                   evidence=cite(u + v))
    return G


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--nodes", type=int, default=100_000)
    parser.add_argument("--formats", nargs="+", default=["json", "graphml", "gexf", "csv"])
    args = parser.parse_args()
    here = str(Path(__file__).resolve().parent)
    print(f"{'format':8} {'graph MB':>9} {'export added MB':>16} {'seconds':>8} {'file MB':>8}")
    for fmt in args.formats:
        with tempfile.TemporaryDirectory() as tmp:
            out = str(Path(tmp) / f"out.{fmt}")
            code = CHILD.format(here=here, nodes=args.nodes, fmt=fmt, out=out)
            started = time.perf_counter()
            done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
            if done.returncode:
                print(f"{fmt:8} failed after {time.perf_counter() - started:.0f} s:\n"
                      f"{done.stderr[-2000:]}")
                continue
            r = json.loads(done.stdout.strip().splitlines()[-1])
            print(f"{fmt:8} {r['before_mb']:9.0f} {r['added_mb']:16.0f} {r['seconds']:8.1f} "
                  f"{r['file_mb']:8.1f}")


if __name__ == "__main__":
    main()
