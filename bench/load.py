"""Push a generated graph to Neo4j and to ArcadeDB: batched UNWIND transactions against
one statement per row, pulling it back, and a 6-hop shortest path on the loaded graph.

    python bench/load.py [--nodes 20000] [--edges 60000] [--sample 2000] [--batch N]
                         [--servers neo4j,arcadedb]

Starts Neo4j Community (the test launcher, tests/bolt.py; or uses the server in
``NEO4J_URI``, whose database is replaced) and the ArcadeDB test server, one after the
other, and prints a table of both. Every node and tie cites a document, so the save
also writes each node's ``MENTIONED_IN`` link. Each server gets the same rows (the
writer's own encoding: same properties, citations and ``docs`` lists), into an empty
database, after a first save of the same graph into the fresh server (shown apart, not
compared: the server's JIT compiles and its files grow on first use, which would
otherwise count against whichever way ran first).

One statement per row, each its own transaction, is timed on samples: ``--sample``
nodes written as the batched save writes a new node (``MERGE`` on Neo4j; ``CREATE`` on
ArcadeDB, whose multi-label ``MERGE`` scans: see the dialect), then, with every node in
place, ``--sample`` ties (every k-th, so every type is in it), each one ``MERGE``, and
``--sample`` links. Its time for the full graph is extrapolated from the three rates.
For comparison, the same tie sample is also written with the batched save's own
``CREATE``, one per transaction. The batched save is timed in full, from the
``networkx`` graph: encoding, schema statements, reading what is there, every batch.

Measured in one run (Neo4j 5.26.30 on Java 17, ArcadeDB 26.10.2; 20,000 nodes, 60,000
ties and 20,000 links = 100,000 rows, 1,000-row batches) on the development machine,
2 CPUs shared with other engineers' test suites: the load average was 9 to 12 all
through, so the absolute figures are several times what a quiet machine gives (an
ArcadeDB run on a quieter day saved 80,000 rows in 4.8 s); the two servers and the two
ways of loading were measured under the same load:

                                      Neo4j   ArcadeDB
    one row per transaction (rows/s)    118        391
    batched save (rows/s)             4,220      4,609   (23.7 s, 21.7 s)
    ratio batched / per row           35.7x      11.8x
    pull (rows/s)                     4,386      3,158
    6-hop path, Cypher (ms)              16        246
    6-hop path, store path (ms)          39        398

Per row, Neo4j commits each transaction to its log before answering (nodes 68/s, ties
120/s, links 404/s), which is what batching saves: the goal of 20x holds on Neo4j.
Saving the same graph again (every row updated in place) took 52 s on Neo4j and 40 s
on ArcadeDB, longer than into an empty database.
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
from diplograph.graph.stores.neo4j.writer import (edge_rows, mention_rows,  # noqa: E402
                                                   node_rows, shaped)
from tests.bolt import (BoltServer, Started, external_server, start_arcadedb,  # noqa: E402
                        start_neo4j)


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
        doc = f"doc{rng.randrange(len(docs)):04}"
        G.add_node(f"n:{i:06}", label=label, name=f"Entity {i}",
                   kind=rng.choice(kinds) if kinds else None,
                   aliases=[f"Entity {i}", f"E{i}"],
                   evidence=[{"doc": doc, "snippet": f"Entity {i} in {doc}", "method": "rule",
                              "confidence": 0.8}])
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
    (``MERGE``), ``tie_create`` (the batched save's ``CREATE``, ends found by id) and
    ``link`` (the batched save's ``CREATE`` of a node's link to a document).
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
    links = mention_rows(G)[::max(len(mention_rows(G)) // sample, 1)][:sample]
    started = time.perf_counter()
    for link in links:
        store._write(q.CREATE_MENTIONS, rows=[link])
    timings["link"] = (time.perf_counter() - started) / len(links)
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


def measure(store: Neo4jStore, G: nx.MultiDiGraph, sample: int) -> dict[str, float]:
    """The figures of one server (see the module docstring), printed as they come."""
    n_nodes, n_edges, n_links = G.number_of_nodes(), G.number_of_edges(), len(mention_rows(G))
    total = n_nodes + n_edges + n_links
    empty = nx.MultiDiGraph(documents={})
    started = time.perf_counter()
    store.save(G)  # the warm-up
    print(f"  first save into the fresh server (warm-up, not compared): "
          f"{time.perf_counter() - started:.2f} s")
    store.save(empty)
    row = per_row(store, G, sample)
    row_seconds = n_nodes * row["node"] + n_edges * row["tie"] + n_links * row["link"]
    figures = {"row_rate": total / row_seconds, "node_rate": 1 / row["node"],
               "tie_rate": 1 / row["tie"], "link_rate": 1 / row["link"]}
    print(f"  one statement per row, one transaction each: nodes {figures['node_rate']:,.0f} "
          f"rows/s, ties (MERGE) {figures['tie_rate']:,.0f} rows/s (CREATE: "
          f"{1 / row['tie_create']:,.0f}), links {figures['link_rate']:,.0f} rows/s, on "
          f"samples of {sample}; the full {total:,} rows would take ~{row_seconds:,.0f} s "
          f"= {figures['row_rate']:,.0f} rows/s")

    store.save(empty)
    with no_cyclic_gc():  # as the save encodes
        started = time.perf_counter()
        node_rows(G), edge_rows(G)
        encoding = time.perf_counter() - started
    started = time.perf_counter()
    store.save(G)
    figures["save_seconds"] = time.perf_counter() - started
    figures["batch_rate"] = total / figures["save_seconds"]
    figures["ratio"] = figures["batch_rate"] / figures["row_rate"]
    print(f"  batched ({store.batch_size} rows/transaction), full save: {total:,} rows in "
          f"{figures['save_seconds']:.2f} s = {figures['batch_rate']:,.0f} rows/s (of which "
          f"~{encoding:.1f} s encoding on the client); ratio {figures['ratio']:.1f}x")
    started = time.perf_counter()
    store.save(G)
    print(f"  saving the same graph again (replace, nothing to delete): "
          f"{time.perf_counter() - started:.2f} s")
    started = time.perf_counter()
    pulled = store.load()
    figures["pull_seconds"] = time.perf_counter() - started
    assert pulled.number_of_edges() == n_edges
    read = n_nodes + n_edges + len(G.graph["documents"])
    figures["pull_rate"] = read / figures["pull_seconds"]
    print(f"  pull (load): {read:,} rows in {figures['pull_seconds']:.2f} s = "
          f"{figures['pull_rate']:,.0f} rows/s")

    a, b = six_hops(G)
    for key, run in [("cypher_ms", lambda: store._read(q.SHORTEST_PATHS(6), source=a,
                                                        target=b, cap=10_000)),
                     ("paths_ms", lambda: store.run("path", a, b))]:
        timings = []
        for _ in range(3):
            started = time.perf_counter()
            run()
            timings.append(time.perf_counter() - started)
        figures[key] = min(timings) * 1000
    print(f"  6-hop path {a} -> {b}: Cypher allShortestPaths {figures['cypher_ms']:.0f} ms, "
          f"store path (resolve, paths, their ties) {figures['paths_ms']:.0f} ms (best of 3)")
    return figures


ROWS = [("one row per transaction (rows/s)", "row_rate", "{:,.0f}"),
        ("batched save (rows/s)", "batch_rate", "{:,.0f}"),
        ("batched save (s)", "save_seconds", "{:.2f}"),
        ("ratio batched / per row", "ratio", "{:.1f}x"),
        ("pull (rows/s)", "pull_rate", "{:,.0f}"),
        ("6-hop path, Cypher (ms)", "cypher_ms", "{:.0f}"),
        ("6-hop path, store path (ms)", "paths_ms", "{:.0f}")]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--nodes", type=int, default=20_000)
    parser.add_argument("--edges", type=int, default=60_000)
    parser.add_argument("--sample", type=int, default=2_000)
    parser.add_argument("--batch", type=int, default=None,
                        help="rows per transaction (default: the dialect's)")
    parser.add_argument("--servers", default="neo4j,arcadedb",
                        help="which servers, in order (default: neo4j,arcadedb)")
    args = parser.parse_args()

    G = generate(args.nodes, args.edges)
    print(f"graph: {G.number_of_nodes():,} nodes, {G.number_of_edges():,} edges, "
          f"{len(mention_rows(G)):,} links to {len(G.graph['documents'])} documents; "
          f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    results: dict[str, dict[str, float]] = {}
    for name in args.servers.split(","):
        with tempfile.TemporaryDirectory() as tmp:
            given = external_server() if name == "neo4j" else None
            started: Started | None = None
            if given is None:
                started = (start_neo4j(Path(tmp)) if name == "neo4j"
                           else start_arcadedb(Path(tmp), "bench"))
                print(f"{name}: started in {started.seconds:.1f} s")
            server: BoltServer = given or started.server  # type: ignore[union-attr]
            try:
                with server.store(batch_size=args.batch) as store:
                    print(f"{name}: {store.driver.get_server_info().agent} "
                          f"(dialect {store.dialect.name})")
                    results[name] = measure(store, G, args.sample)
            finally:
                if started is not None:
                    started.stop()
    print(f"\n{'':32}" + "".join(f"{name:>14}" for name in results))
    for label, key, form in ROWS:
        print(f"{label:32}" + "".join(f"{form.format(r[key]):>14}" for r in results.values()))
    print(f"load average after: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
