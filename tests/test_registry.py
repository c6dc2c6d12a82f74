"""The query registry: one entry per query, the same name at every layer, a store's
override found by its kind, names resolved once, the graph loaded at most once."""
from __future__ import annotations

import inspect

import pytest
from click.testing import CliRunner

from diplograph import api
from diplograph.cli import cli
from diplograph.graph.errors import NodeNotFound
from diplograph.graph.queries import QUERIES, Query, get, override, register
from diplograph.graph.queries.registry import renderer_for
from diplograph.graph.stores import SQLiteStore


class CountingStore(SQLiteStore):
    """The SQLite store under a kind of its own (so without its overrides), counting its loads."""

    kind = "counting"

    def __init__(self, path):
        super().__init__(path)
        self.loads = 0

    def load(self, **kwargs):
        self.loads += 1
        return super().load(**kwargs)


@pytest.fixture
def store(seed_store):
    return CountingStore(seed_store)


@pytest.fixture
def degree_query():
    """A query added the way a new module adds one, removed afterwards."""
    def degree(G, node, *, direction="both"):
        """How many ties touch ``node``."""
        ins = G.in_degree(node) if direction in ("in", "both") else 0
        return ins + (G.out_degree(node) if direction in ("out", "both") else 0)
    entry = register(Query("degree_of", degree, result=int, render=str, names=("node",)))
    yield entry
    del QUERIES["degree_of"]


def test_every_query_has_a_command_an_api_function_and_a_renderer_of_one_name():
    for entry in QUERIES.values():
        assert renderer_for(entry.result) is entry.render
        if entry.name == "resolve":  # used by every store; not a command of its own
            continue
        assert entry.name in cli.commands, entry.name
        assert getattr(api, entry.name).__name__ == entry.name


def test_api_functions_take_the_reference_arguments_and_a_store():
    params = inspect.signature(api.neighbors).parameters
    assert list(params) == ["node", "depth", "types", "labels", "store", "min_confidence",
                            "checked_only"]
    assert api.neighbors.__doc__.startswith("The nodes within ``depth`` ties of ``node``")
    assert "``node`` may be an id, a name or an alias" in api.neighbors.__doc__


def test_a_miss_lists_the_valid_names():
    with pytest.raises(KeyError, match="available: between, communities, contradictions"):
        get("describe")


def test_a_query_registered_in_one_place_runs_on_a_store_by_name(store, degree_query):
    assert store.run("degree_of", "Monterey Talks") == store.run("degree_of", "monterey talks")
    assert store.run("degree_of", "Monterey Talks", direction="out") == 0
    assert store.run("degree_of", "Monterey Talks") > 0


def test_names_are_resolved_and_the_graph_loaded_once(store):
    store.run("show", "francois wu")
    assert store.loads == 1
    store.run("path", "Taiwan", "United States", all_paths=True)
    assert store.loads == 2
    with pytest.raises(NodeNotFound, match="Did you mean: Monterey Talks"):
        store.run("who", "Montery Talk")


def test_an_override_of_the_stores_kind_answers_with_ids_resolved(store, degree_query):
    calls = []

    @override("degree_of", "counting")
    def degree_in_the_store(s, node, *, direction="both"):
        calls.append((s, node, direction))
        return -1

    assert store.run("degree_of", "francois wu", direction="in") == -1
    assert calls == [(store, "person:francois-wu", "in")]
    # a store of another kind runs the reference
    assert SQLiteStore(store.path).run("degree_of", "francois wu") > 0


def test_wrong_arguments_are_refused_before_any_work(store):
    with pytest.raises(TypeError, match="unexpected keyword argument 'hops'"):
        store.run("neighbors", "Taiwan", hops=2)
    assert store.loads == 0


def test_a_new_query_module_needs_no_other_file():
    """The package imports every module of graph/queries; the API and store methods come
    from the registry: no list of queries is kept anywhere else."""
    from pathlib import Path
    root = Path(__file__).resolve().parent.parent
    for name in ("graph/queries/__init__.py", "graph/stores/base.py", "diplograph/api.py"):
        text = (root / name).read_text(encoding="utf-8")
        assert "contradictions" not in text and "timeline" not in text, name


def test_the_cli_prints_the_registered_renderer(seed_store):
    out = CliRunner().invoke(cli, ["show", "Taiwan", "--store", str(seed_store)]).output
    assert out == str(api.show("Taiwan", store=seed_store)) + "\n"
