"""Push a generated graph to a Bolt server: batched UNWIND transactions against one
statement per row, pulling it back, and a 6-hop shortest path on the loaded graph.

    python bench/load.py [--nodes 20000] [--edges 60000] [--sample 2000] [--batch N]

Uses the server in ``NEO4J_URI`` (its database is replaced) or else starts the ArcadeDB
test server (tests/bolt.py) in a child process. Both ways write the same rows (the
writer's own encoding: same properties, citations and ``docs`` lists), into an empty
database, after a first save of the same graph into the fresh server (shown apart, not
compared: the server's JIT compiles and its files grow on first use, which would
otherwise count against whichever way ran first).

One statement per row, each its own transaction, is timed on samples: ``--sample``
nodes written as the batched save writes a new node (``MERGE`` on Neo4j; ``CREATE`` on
ArcadeDB, whose multi-label ``MERGE`` scans: see the dialect), then, with every node in
place, ``--sample`` ties (every k-th, so every type is in it), each one ``MERGE``. Its
time for the full graph is extrapolated from the two rates (nodes x node time + ties x
tie time). For comparison, the same tie sample is also written with the batched save's
own ``CREATE``, one per transaction. The batched save is timed in full, from the
``networkx`` graph: encoding, schema statements, reading what is there, every batch.

Measured with the ArcadeDB test server on the development machine (2 CPUs, shared with
other work; 20,000 nodes + 60,000 ties, 1,000-row batches), two runs:

    per row (rows/s)          batched save         ratio  pull (load)      6-hop path
    994 (nodes 936, ties 1,015)  4.82 s = 16,597/s  16.7x  4.21 s = 19,022/s  31 ms
    1,133 (1,045 / 1,166)        5.86 s = 13,652/s  12.1x  3.35 s = 23,893/s  33 ms

Before (commit 6b25631, per row timed first on a cold server, batched save 1,000-row
MERGE by id): 179-213 rows/s per row, 1,959-2,669 rows/s batched. Warm, one statement
per row runs at ~1,000 rows/s, so the old ratios (9-15x) measured the JIT more than the
batching.
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

from diplograph.graph.schema import SCHEMA  # noqa: E402
from diplograph.graph.stores.neo4j import Neo4jStore  # noqa: E402
from diplograph.graph.stores.neo4j import cypher as q  # noqa: E402
from diplograph.graph.stores.neo4j.codec import no_cyclic_gc  # noqa: E402
from diplograph.graph.stores.neo4j.writer import edge_rows, node_rows, shaped  # noqa: E402
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


def per_row(store: Neo4jStore, G: nx.MultiDiGraph, sample: int) -> dict[str, float]:
    """Seconds per row, one statement per transaction, on samples (see the module
    docstring): ``node`` (the batched save's own statement for a new node), ``tie``
    (``MERGE``) and ``tie_create`` (the batched save's ``CREATE``, ends found by id).
    Each row is sent as the batched save sends it (see ``writer.shaped``), made ready
    before the clock starts."""
    nodes, edges = node_rows(G), edge_rows(G)
    node_list = [(label, kind, row) for (label, kind), rows in sorted(nodes.items(),
                 key=lambda g: (g[0][0], g[0][1] or "")) for row in rows]
    chosen = {row["id"] for *_, row in sorted(node_list, key=lambda x: x[2]["id"])[:sample]}
    write_node = q.MERGE_NODES if store.dialect.indexed_merge else q.CREATE_NODES
    one_by_one = [(write_node(label, kind), *shaped([row])) for label, kind, row in node_list
                  if row["id"] in chosen]
    started = time.perf_counter()
    for query, rows, shapes in one_by_one:
        store._write(query, rows=rows, shapes=shapes)
    node_seconds = (time.perf_counter() - started) / len(one_by_one)
    for (label, kind), group in nodes.items():  # the rest of the nodes, untimed
        rest = [row for row in group if row["id"] not in chosen]
        for start in range(0, len(rest), 1000):
            rows, shapes = shaped(rest[start:start + 1000])
            store._write(write_node(label, kind), rows=rows, shapes=shapes)

    ties = [(type_, row) for type_, group in sorted(edges.items()) for row in group]
    step = max(len(ties) // (2 * sample), 1)
    merge_sample, create_sample = ties[0::2 * step][:sample], ties[step::2 * step][:sample]
    timings = {}
    for name, statement, chosen_ties in [("tie", q.MERGE_EDGES, merge_sample),
                                         ("tie_create", q.CREATE_EDGES, create_sample)]:
        one_by_one = [(statement(type_), *shaped([row])) for type_, row in chosen_ties]
        started = time.perf_counter()
        for query, rows, shapes in one_by_one:
            store._write(query, rows=rows, shapes=shapes)
        timings[name] = (time.perf_counter() - started) / len(one_by_one)
    return {"node": node_seconds, **timings}


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
    parser.add_argument("--batch", type=int, default=None,
                        help="rows per transaction (default: the dialect's)")
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

            started = time.perf_counter()
            store.save(G)  # the warm-up
            print(f"first save into the fresh server (warm-up, not compared): "
                  f"{time.perf_counter() - started:.2f} s")
            store.save(empty)
            row = per_row(store, G, args.sample)
            n_nodes, n_edges = G.number_of_nodes(), G.number_of_edges()
            row_seconds = n_nodes * row["node"] + n_edges * row["tie"]
            row_rate = total / row_seconds
            print(f"one statement per row, one transaction each: nodes "
                  f"{1 / row['node']:,.0f} rows/s, ties (MERGE) {1 / row['tie']:,.0f} rows/s "
                  f"(CREATE: {1 / row['tie_create']:,.0f} rows/s), on samples of "
                  f"{args.sample}; the full {total} rows would take ~{row_seconds:,.0f} s "
                  f"= {row_rate:,.0f} rows/s")

            store.save(empty)
            with no_cyclic_gc():  # as the save encodes
                started = time.perf_counter()
                node_rows(G), edge_rows(G)
                encoding = time.perf_counter() - started
            started = time.perf_counter()
            store.save(G)
            seconds = time.perf_counter() - started
            batch_rate = total / seconds
            print(f"batched ({store.batch_size} rows/transaction), full save: {total} rows "
                  f"in {seconds:.2f} s = {batch_rate:,.0f} rows/s (of which ~{encoding:.1f} s "
                  f"encoding on the client)")
            print(f"ratio batched / per row: {batch_rate / row_rate:.1f}x")

            started = time.perf_counter()
            store.save(G)
            print(f"saving the same graph again (replace, nothing to delete): "
                  f"{time.perf_counter() - started:.2f} s")
            started = time.perf_counter()
            pulled = store.load()
            seconds = time.perf_counter() - started
            assert pulled.number_of_edges() == n_edges
            print(f"pull (load): {total} rows in {seconds:.2f} s = {total / seconds:,.0f} rows/s")

            a, b = six_hops(G)
            query = q.SHORTEST_PATHS(6)
            for label, run in [
                ("Cypher allShortestPaths, 6 hops", lambda: store._read(
                    query, source=a, target=b, cap=10_000)),
                ("store.path (resolve + paths + hop ties)", lambda: store.run("path", a, b))]:
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
