"""``between`` is bounded: the reference counts from both sides down instead of walking
every venue's participants up, lists the first ``limit`` venues by name with the total,
and the SQLite store reads only what those venues need. Checked against the definition
by enumeration (every venue, every participant's whole chain of affiliations) on graphs
built to have many chains: shared aliases of sides, ``country`` properties, denied ties,
chains of equal length."""
from __future__ import annotations

import itertools
import json
import random

import networkx as nx
import pytest
from click.testing import CliRunner

from diplograph.cli import cli
from diplograph.graph.queries.mechanisms import (Between, SharedVenue, between,
                                                 node_ref, node_summary)
from diplograph.graph.queries.sides import (Side, affiliations, name_key, participation,
                                            participations, sides_by_name)
from diplograph.graph.queries.vocabulary import VENUE_LABELS
from diplograph.graph.stores import SQLiteStore
from tests.test_parity import generated_graph


def by_enumeration(G: nx.MultiDiGraph, a: str, b: str) -> Between:
    """What ``between`` means, spelled out: every venue in name order, every participant
    with its whole chain of affiliations."""
    sides = sides_by_name(G)
    venues = []
    for venue in sorted(G.nodes, key=lambda n: name_key(G, n)):
        if G.nodes[venue].get("label") not in VENUE_LABELS:
            continue
        by_side: dict[str, list] = {a: [], b: []}
        for actor, rel_type, attrs in participations(G, venue):
            reach = affiliations(G, actor, sides)
            for end in (a, b):
                if end in reach:
                    by_side[end].append(participation(G, actor, rel_type, attrs, reach[end]))
        if by_side[a] and by_side[b]:
            venues.append(SharedVenue(venue=node_summary(G, venue),
                                      sides=[Side(node_ref(G, end), by_side[end])
                                             for end in (a, b)]))
    return Between(a=node_ref(G, a), b=node_ref(G, b), venues=venues, total=len(venues))


def affiliation_graph(seed: int, *, venues: int = 14) -> nx.MultiDiGraph:
    """Sides, bodies in layers under them, officials, and venues they take part in."""
    rng = random.Random(seed)
    G = nx.MultiDiGraph(documents={})

    def node(id_: str, label: str, name: str, **attrs: object) -> str:
        G.add_node(id_, label=label, name=name, aliases=attrs.pop("aliases", [name]),
                   **attrs)
        return id_

    def tie(s: str, t: str, key: str, **attrs: object) -> None:
        G.add_edge(s, t, key=key, type=key, **attrs)

    sides = [node(f"country:c{i}", "Country", f"Land {i}",
                  aliases=[f"Land {i}", f"L{i % 3}"]) for i in range(6)]   # L0..L2 shared
    bodies = []
    for i in range(24):
        extra = {"country": rng.choice(["Land 1", "L2", "land 4", "Nowhere"])} \
            if i % 5 == 0 else {}
        body = node(f"org:o{i:02}", "Organization", f"Body {i}", **extra)
        above = rng.choice(sides + bodies[-6:]) if bodies else rng.choice(sides)
        tie(body, above, "PART_OF", **({"status": "denied"} if i % 7 == 3 else {}))
        if i % 4 == 1:
            tie(body, rng.choice(sides), "PART_OF")   # a second chain, maybe as short
        bodies.append(body)
    people = []
    for i in range(30):
        person = node(f"person:p{i:02}", "Person", f"Person {i:02}")
        for _ in range(rng.randint(0, 2)):
            tie(person, rng.choice(bodies), rng.choice(["HOLDS_POSITION", "MEMBER_OF"]))
        people.append(person)
    for i in range(venues):
        venue = node(f"mechanism:m{i:02}", "Mechanism" if i % 2 else "Event",
                     f"{'Talks' if i % 3 else 'forum'} {i:02}")
        for actor in rng.sample(sides + bodies + people, rng.randint(1, 6)):
            kind = rng.choice(["PARTICIPATES_IN", "ORGANIZES", "MEMBER_OF"])
            tie(actor, venue, kind, **({"status": "denied"} if rng.random() < 0.1 else {}))
    return G


GRAPHS = {f"affiliations-{seed}": (lambda seed=seed: affiliation_graph(seed))
          for seed in (1, 2, 3)}
GRAPHS["parity"] = generated_graph


def pairs(G: nx.MultiDiGraph) -> list[tuple[str, str]]:
    ends = sorted(n for n, label in G.nodes(data="label") if label == "Country")
    ends += sorted(n for n, label in G.nodes(data="label") if label == "Organization")[:4]
    return list(itertools.combinations(ends, 2))


@pytest.mark.parametrize("graph", sorted(GRAPHS))
def test_the_reference_is_the_definition_by_enumeration(graph):
    G = GRAPHS[graph]()
    shared = 0
    for a, b in pairs(G):
        found = between(G, a, b, limit=None)
        assert found == by_enumeration(G, a, b), (a, b)
        shared += found.total
    assert shared > 0, "no pair shares a venue: the cases test nothing"


def test_the_reference_on_the_seed_graph(seed_graph):
    for a, b in pairs(seed_graph):
        assert between(seed_graph, a, b, limit=None) == by_enumeration(seed_graph, a, b)


@pytest.mark.parametrize("graph", sorted(GRAPHS))
def test_the_sqlite_store_answers_between_as_the_reference(graph, tmp_path):
    G = GRAPHS[graph]()
    store = SQLiteStore(tmp_path)
    store.save(G)
    cut = 0
    for (a, b), limit in itertools.product(pairs(G), (None, 1, 3)):
        expected = between(G, a, b, limit=limit)
        assert store.run("between", a, b, limit=limit) == expected, (a, b, limit)
        cut += expected.is_cut
    store.close()
    assert cut > 0 or graph == "parity", "no answer was cut: the limits test nothing"


class Reading(SQLiteStore):
    """A real SQLite store that also notes how many nodes each read of a part takes."""

    def __init__(self, path) -> None:
        super().__init__(path)
        self.parts: list[int] = []

    def graph(self, nodes, *, documents=False):
        if nodes is not None:
            nodes = set(nodes)
            self.parts.append(len(nodes))
        return super().graph(nodes, documents=documents)


def test_the_store_reads_only_the_venues_it_lists(tmp_path):
    """Two sides sharing 300 venues through 300 bodies: a limit of 5 reads a few dozen
    nodes, and the answer still counts all 300."""
    G = nx.MultiDiGraph(documents={})
    for side in ("a", "b"):
        G.add_node(f"country:{side}", label="Country", name=side.upper(), aliases=[])
    for i in range(300):
        venue = f"event:e{i:03}"
        G.add_node(venue, label="Event", name=f"Meeting {i:03}", aliases=[])
        for side in ("a", "b"):
            body = f"org:{side}{i:03}"
            G.add_node(body, label="Organization", name=f"Body {side}{i:03}", aliases=[])
            G.add_edge(body, f"country:{side}", key="PART_OF", type="PART_OF")
            G.add_edge(body, venue, key="PARTICIPATES_IN", type="PARTICIPATES_IN")
    store = Reading(tmp_path)
    store.save(G)
    found = store.run("between", "country:a", "country:b", limit=5)
    assert found.total == 300 and [v.venue.name for v in found.venues] == [
        f"Meeting {i:03}" for i in range(5)]
    assert found == between(G, "country:a", "country:b", limit=5)
    assert store.parts and max(store.parts) <= 5 * 3 + 2, store.parts
    store.close()


def test_the_cli_says_when_it_cut_the_list(seed_store):
    runner = CliRunner()
    args = ["between", "Taiwan", "United States", "--store", str(seed_store)]
    whole = runner.invoke(cli, args, catch_exceptions=False)
    assert whole.exit_code == 0 and whole.stderr == ""
    total = int(whole.stdout.split(" take part in ")[1].split()[0])
    assert total > 2
    cut = runner.invoke(cli, [*args, "--limit", "2"], catch_exceptions=False)
    assert cut.stdout.splitlines()[0] == (f"Taiwan and United States both take part in "
                                          f"{total} mechanisms and events; the first 2 by name:")
    assert cut.stderr == (f"Listed 2 of the {total} mechanisms and events both take part "
                          "in; see more with --limit.\n")
    data = json.loads(runner.invoke(cli, [*args, "--limit", "2", "--json"]).stdout)
    assert (data["total"], data["limit"], len(data["venues"])) == (total, 2, 2)
