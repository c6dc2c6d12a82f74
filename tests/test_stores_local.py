import json
import os
import signal
import subprocess
import sys
import textwrap
import time

import pytest

from diplograph.graph.errors import StoreError
from diplograph.graph.nodelink import dumps
from diplograph.graph.stores import EmbeddedStore, SQLiteStore, open_store
from tests.test_parity import generated_graph

# The file stores: SQLite (the default) and the graph.json store of earlier versions.
LOCAL = [SQLiteStore, EmbeddedStore]


@pytest.fixture(params=LOCAL, ids=lambda c: c.kind)
def Store(request):
    return request.param


@pytest.mark.parametrize("which", ["seed", "generated"])
def test_round_trip_gives_back_the_identical_graph(Store, which, seed_graph, tmp_path):
    G = seed_graph if which == "seed" else generated_graph()
    store = Store(tmp_path / "s")
    store.save(G)
    assert dumps(store.load()) == dumps(G)
    assert store.load().number_of_edges() == G.number_of_edges()


def test_missing_store_says_how_to_create_it(Store, tmp_path):
    with pytest.raises(StoreError, match=r"Run 'diplograph\.api\.build\(\)' first"):
        Store(tmp_path / "nothing").load()


def test_default_location_comes_from_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("DIPLOGRAPH_STORE", str(tmp_path / "env-store"))
    assert open_store().location == str(tmp_path / "env-store")


def test_a_kill_mid_save_leaves_the_previous_graph_loadable(Store, seed_graph, tmp_path):
    """A child process saves a huge graph and is killed while writing; the old graph stays."""
    store = Store(tmp_path / "s")
    store.save(seed_graph)
    before = store.file.read_bytes()
    script = textwrap.dedent(f"""
        import networkx as nx, sys
        from diplograph.graph.stores import {Store.__name__}
        G = nx.MultiDiGraph(documents={{}})
        for i in range(1_000_000):
            G.add_node(f"person:p{{i}}", label="Person", name="x" * 40, aliases=[], kind=None)
        print("saving", flush=True)
        {Store.__name__}({str(store.path)!r}).save(G)
        print("saved", flush=True)
    """)
    child = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True,
                             cwd=os.getcwd())
    assert child.stdout.readline().strip() == "saving"
    deadline = time.monotonic() + 60
    while not any(p.name.startswith(".graph-") for p in store.path.iterdir()):
        assert child.poll() is None, "the save finished before it could be interrupted"
        assert time.monotonic() < deadline
        time.sleep(0.001)
    child.send_signal(signal.SIGKILL)
    assert child.wait() == -signal.SIGKILL
    child.stdout.close()
    assert store.file.read_bytes() == before
    assert dumps(store.load()) == dumps(seed_graph)


def test_a_store_file_that_is_not_text_is_a_store_error(Store, tmp_path):
    store = Store(tmp_path / "s")
    store.path.mkdir()
    store.file.write_bytes(b"\xff\xfe\x00 not utf-8")
    with pytest.raises(StoreError, match=rf"{store.file.name} is not a diplograph graph"):
        store.load()
