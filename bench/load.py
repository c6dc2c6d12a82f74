"""Push a generated graph to a Bolt server: batched UNWIND...MERGE against one MERGE per
row, and a 6-hop shortest path on the loaded graph.

    python bench/load.py [--nodes 20000] [--edges 60000] [--sample 2000] [--batch 1000]

Uses the server in ``NEO4J_URI`` (its database is replaced) or else starts the ArcadeDB
test server (tests/bolt.py) in a child process. One MERGE per row is timed on a sample
(the first ``--sample`` nodes and the ties among them, one transaction per row, into an
empty database) and its rate extrapolated to the full graph; the batched save is timed
in full, into an empty database, schema statements and all.
"""
from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
from pathlib import Path

import networkx as nx

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from graph.schema import SCHEMA  # noqa: E402
from graph.stores.neo4j import Neo4jStore  # noqa: E402
from graph.stores.neo4j import cypher as q  # noqa: E402
from graph.stores.neo4j.writer import edge_rows, node_rows, node_writes  # noqa: E402
from tests.bolt import BoltServer, start_server, stop_server  # noqa: E402


def generate(n_nodes: int, n_edges: int, seed: int = 1) -> nx.MultiDiGraph:
    """A sparse random graph with the model's shapes: labels, kinds, aliases, citations."""
    rng = random.Random(seed)
    labels, types = sorted(SCHEMA.labels), sorted(SCHEMA.relations)
    docs = {f"doc{i:04}": {"id": f"doc{i:04}", "title": f"Article {i}", "outlet": "Bench",
                           "date": f"2026-{1 + i % 12:02}"} for i in range(500)}
    G = nx.MultiDiGraph(schema_version=SCHEMA.version, documents=docs)
    for i in range(n_nodes):
        label = rng.choice(labels)
        kinds = SCHEMA.labels[label].kinds
        G.add_node(f"n:{i:06}", label=label, name=f"Entity {i}",
                   kind=rng.choice(kinds) if kinds else None,
                   aliases=[f"Entity {i}", f"E{i}"])
    nodes = sorted(G.nodes)
    edges = 0
    while edges < n_edges:  # (number_of_edges() counts them all each time)
        a, b, t = rng.choice(nodes), rng.choice(nodes), rng.choice(types)
        if SCHEMA.relations[t].symmetric and b < a:
            a, b = b, a
        if a == b or G.has_edge(a, b, key=t):
            continue
        edges += 1
        doc = rng.choice(sorted(docs))
        G.add_edge(a, b, key=t, type=t, status="current", evidence=[
            {"doc": doc, "start": rng.randrange(5000), "end": rng.randrange(5000, 9000),
             "snippet": f"{a} and {b} in {doc}", "method": "rule", "confidence": 0.8}])
    return G


def per_row(store: Neo4jStore, G: nx.MultiDiGraph, sample: int) -> tuple[int, float]:
    """One MERGE per row, each its own transaction: (rows written, seconds)."""
    keep = sorted(G.nodes)[:sample]
    sub = G.subgraph(keep)
    rows = 0
    started = time.perf_counter()
    for (label, kind), group in node_rows(sub).items():
        for query, chunk in node_writes(store, label, kind, group, present=set()):
            for row in chunk:
                store._write(query, rows=[row])
                rows += 1
    for type_, group in edge_rows(sub).items():
        query = q.MERGE_EDGES(type_)
        for row in group:
            store._write(query, rows=[row])
            rows += 1
    return rows, time.perf_counter() - started


def six_hops(G: nx.MultiDiGraph) -> tuple[str, str]:
    """Two nodes exactly 6 ties apart (ties in either direction)."""
    U = nx.Graph(G.to_undirected(as_view=True))
    for source in sorted(U):
        far = [n for n, d in nx.single_source_shortest_path_length(U, source, cutoff=6).items()
               if d == 6]
        if far:
            return source, sorted(far)[0]
    raise SystemExit("no pair 6 hops apart in the generated graph")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--nodes", type=int, default=20_000)
    parser.add_argument("--edges", type=int, default=60_000)
    parser.add_argument("--sample", type=int, default=2_000)
    parser.add_argument("--batch", type=int, default=1_000)
    args = parser.parse_args()

    G = generate(args.nodes, args.edges)
    total = G.number_of_nodes() + G.number_of_edges()
    print(f"graph: {G.number_of_nodes()} nodes, {G.number_of_edges()} edges "
          f"({total} rows), {len(G.graph['documents'])} documents")
    proc = None
    with tempfile.TemporaryDirectory() as tmp:
        if os.environ.get("NEO4J_URI"):
            server = BoltServer(os.environ["NEO4J_URI"], os.environ.get("NEO4J_USERNAME", "neo4j"),
                                os.environ.get("NEO4J_PASSWORD", ""),
                                os.environ.get("NEO4J_DATABASE"), external=True)
        else:
            started = time.perf_counter()
            proc, server = start_server(Path(tmp), "bench")
            print(f"ArcadeDB test server started in {time.perf_counter() - started:.1f} s")
        try:
            store = server.store(batch_size=args.batch)
            agent = store.driver.get_server_info().agent
            print(f"server: {agent} (dialect {store.dialect.name})")
            empty = nx.MultiDiGraph(documents={})

            store.save(empty)  # schema in place, database empty
            rows, seconds = per_row(store, G, args.sample)
            row_rate = rows / seconds
            print(f"one MERGE per row: {rows} rows in {seconds:.2f} s = {row_rate:,.0f} rows/s "
                  f"(sample; the full {total} rows would take ~{total / row_rate:,.0f} s)")

            store.save(empty)
            started = time.perf_counter()
            store.save(G)
            seconds = time.perf_counter() - started
            batch_rate = total / seconds
            print(f"batched UNWIND...MERGE ({args.batch} rows/transaction), full save: "
                  f"{total} rows in {seconds:.2f} s = {batch_rate:,.0f} rows/s")
            print(f"ratio batched / per row: {batch_rate / row_rate:.1f}x")

            started = time.perf_counter()
            store.save(G)
            print(f"saving the same graph again (replace, nothing to delete): "
                  f"{time.perf_counter() - started:.2f} s")

            a, b = six_hops(G)
            query = q.SHORTEST_PATHS(6)
            for label, run in [
                ("Cypher allShortestPaths, 6 hops", lambda: store._read(
                    query, source=a, target=b, cap=10_000)),
                ("store.paths (resolve + paths + hop ties)", lambda: store.paths(a, b))]:
                timings = []
                for _ in range(3):
                    started = time.perf_counter()
                    result = run()
                    timings.append(time.perf_counter() - started)
                print(f"{label} {a} -> {b}: {len(result)} path(s), "
                      f"best of 3 {min(timings) * 1000:.0f} ms "
                      f"(first {timings[0] * 1000:.0f} ms)")
            store.close()
        finally:
            if proc is not None:
                stop_server(proc)


if __name__ == "__main__":
    main()
