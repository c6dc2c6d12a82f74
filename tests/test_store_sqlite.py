"""The SQLite store: whole saves under a folder lock, the one-time conversion of a
graph.json folder, and tables that read without diplograph."""
import itertools
import json
import sqlite3
import subprocess
import sys
import textwrap
import time

from click.testing import CliRunner

from diplograph.cli import cli
from diplograph.graph.errors import DiplographError
from diplograph.graph.nodelink import dumps
from diplograph.graph.stores import EmbeddedStore, SQLiteStore, open_store
from tests.test_parity import generated_graph

SAVER = textwrap.dedent("""
    import sys
    from diplograph.graph.stores import SQLiteStore
    from diplograph.graph.stores.embedded import read_nodelink
    from pathlib import Path
    G = read_nodelink(Path(sys.argv[2]))
    print("ready", flush=True)
    for _ in range(int(sys.argv[3])):
        SQLiteStore(sys.argv[1]).save(G)
    print("saved", flush=True)
""")


def _saver(store, graph_file, times=1):
    child = subprocess.Popen([sys.executable, "-c", SAVER, str(store), str(graph_file),
                              str(times)], stdout=subprocess.PIPE, text=True)
    assert child.stdout.readline().strip() == "ready"
    return child


def _export(G, path):
    path.write_text(dumps(G), encoding="utf-8")
    return path


def test_a_plain_folder_is_an_sqlite_store(seed_graph, tmp_path):
    store = open_store(tmp_path / "s")
    assert isinstance(store, SQLiteStore)
    store.save(seed_graph)
    assert sorted(p.name for p in (tmp_path / "s").iterdir()) == ["graph.db", "graph.lock"]
    assert isinstance(open_store(f"json://{tmp_path / 'j'}"), EmbeddedStore)


def test_two_builds_at_once_leave_one_whole_graph(seed_graph, tmp_path):
    """Two processes save different graphs over and over into one folder while this one
    reads it: every read is one graph or the other, whole, and so is what is left."""
    a, b = seed_graph, generated_graph()
    texts = {dumps(a), dumps(b)}
    store = SQLiteStore(tmp_path / "s")
    store.save(a)
    children = [_saver(store.path, _export(a, tmp_path / "a.json"), 6),
                _saver(store.path, _export(b, tmp_path / "b.json"), 6)]
    reads = 0
    while any(c.poll() is None for c in children):
        assert dumps(SQLiteStore(store.path).load()) in texts
        reads += 1
    for child in children:
        assert child.stdout.read().strip() == "saved" and child.wait() == 0
        child.stdout.close()
    assert reads > 0
    assert dumps(SQLiteStore(store.path).load()) in texts
    assert sorted(p.name for p in store.path.iterdir()) == ["graph.db", "graph.lock"]


def test_a_save_waits_for_the_folder_lock(seed_graph, tmp_path):
    store = SQLiteStore(tmp_path / "s")
    store.save(seed_graph)
    before = store.file.read_bytes()
    with store.locked():
        child = _saver(store.path, _export(generated_graph(), tmp_path / "b.json"))
        time.sleep(1.5)
        assert child.poll() is None, "the save did not wait for the lock"
        assert store.file.read_bytes() == before
    assert child.wait(timeout=60) == 0
    child.stdout.close()
    assert dumps(SQLiteStore(store.path).load()) == dumps(generated_graph())


def test_a_reader_keeps_the_graph_it_opened(seed_graph, tmp_path):
    reader = SQLiteStore(tmp_path / "s")
    reader.save(seed_graph)
    assert reader.run("stats").nodes == seed_graph.number_of_nodes()
    SQLiteStore(tmp_path / "s").save(generated_graph())
    assert reader.run("stats").nodes == seed_graph.number_of_nodes()
    reader.close()
    assert reader.run("stats").nodes == generated_graph().number_of_nodes()


def test_a_graph_json_folder_is_converted_once_with_a_message(seed_graph, tmp_path):
    EmbeddedStore(tmp_path / "old").save(seed_graph)
    runner = CliRunner()
    first = runner.invoke(cli, ["stats", "--store", str(tmp_path / "old")],
                          catch_exceptions=False)
    assert first.exit_code == 0
    assert f"Converted {tmp_path / 'old' / 'graph.json'} to {tmp_path / 'old' / 'graph.db'}" \
        in first.stderr
    assert f"{seed_graph.number_of_nodes()} nodes" in first.stdout
    again = runner.invoke(cli, ["stats", "--store", str(tmp_path / "old")],
                          catch_exceptions=False)
    assert again.exit_code == 0 and again.stderr == "" and again.stdout == first.stdout
    assert dumps(SQLiteStore(tmp_path / "old").load()) == dumps(seed_graph)


def test_a_graph_json_folder_that_cannot_be_written_is_read_as_it_is(seed_graph, tmp_path):
    EmbeddedStore(tmp_path / "old").save(seed_graph)
    (tmp_path / "old" / "graph.lock").mkdir()   # the lock cannot be taken (even by root)
    result = CliRunner().invoke(cli, ["show", "Monterey Talks", "--store",
                                      str(tmp_path / "old")], catch_exceptions=False)
    assert result.exit_code == 0
    assert "could not be converted" in result.stderr
    assert result.stdout.startswith("Monterey Talks")
    assert not (tmp_path / "old" / "graph.db").exists()


def test_the_tables_read_without_diplograph(seed_graph, tmp_path):
    """Plain columns, as sqlite-utils or Datasette show them."""
    SQLiteStore(tmp_path / "s").save(seed_graph)
    db = sqlite3.connect(tmp_path / "s" / "graph.db")
    node, attrs = next((n, a) for n, a in seed_graph.nodes(data=True) if a.get("evidence"))
    assert db.execute("SELECT label, name, kind FROM nodes WHERE id = ?", (node,)).fetchone() \
        == (attrs["label"], attrs["name"], attrs["kind"])
    assert [r[0] for r in db.execute("SELECT alias FROM aliases WHERE node = ? ORDER BY seq",
                                     (node,))] == attrs["aliases"]
    assert [r[0] for r in db.execute("SELECT doc FROM citations WHERE node = ? ORDER BY seq",
                                     (node,))] == [c["doc"] for c in attrs["evidence"]]
    u, v, k, tie = next(e for e in seed_graph.edges(keys=True, data=True) if e[3].get("title"))
    row = db.execute("SELECT t.title, c.doc, c.snippet, c.method, c.confidence FROM ties t "
                     "JOIN citations c ON c.tie = t.id AND c.seq = 0 "
                     "WHERE t.source = ? AND t.type = ? AND t.target = ?", (u, k, v)).fetchone()
    first = tie["evidence"][0]
    assert row == (tie["title"], first["doc"], first.get("snippet"), first["method"],
                   first["confidence"])
    assert db.execute("SELECT count(*) FROM documents").fetchone()[0] == \
        len(seed_graph.graph["documents"])
    assert json.loads(db.execute("SELECT value FROM graph WHERE key = 'schema_version'")
                      .fetchone()[0]) == seed_graph.graph["schema_version"]


class Unloadable(SQLiteStore):
    """A real SQLite store that fails if anything reads the whole graph."""

    def load(self, *, progress=None):
        raise AssertionError("the whole graph was read")


def test_the_trust_filters_are_answered_in_sql(tmp_path):
    """Every query with an SQL override answers --min-confidence/--checked-only without
    reading the whole graph (before, a filter loaded it and ran the reference)."""
    from diplograph import api
    from diplograph.graph.queries import QUERIES
    from tests.test_parity import CASES

    G = generated_graph()
    store = Unloadable(tmp_path)
    store.save(G)
    overridden = sorted(q.name for q in QUERIES.values() if "sqlite" in q.overrides)
    assert {"show", "neighbors", "path", "stats", "between", "communities"} <= set(overridden)
    for name in overridden:
        for args, kwargs in itertools.islice(CASES[name](G), 5):
            try:
                getattr(api, name)(*args, **kwargs, store=store, min_confidence=0.6,
                                   checked_only=True)
            except DiplographError:   # a name that is not there: an answer too
                pass
    drawn = api.viz(store=store, focus=sorted(G)[0], depth=2, min_confidence=0.6)
    assert 0 < drawn.nodes < G.number_of_nodes()
    store.close()


def _as_layout_1(db_file):
    """The file as the first layout wrote it: without the trust columns."""
    db = sqlite3.connect(db_file)
    for table in ("nodes", "ties"):
        for column in ("best_confidence", "checked"):
            db.execute(f"ALTER TABLE {table} DROP COLUMN {column}")
    db.execute("UPDATE meta SET value = '1' WHERE key = 'layout'")
    db.commit()
    db.close()


def test_a_store_of_the_first_layout_is_rewritten_once_with_a_message(seed_graph, tmp_path):
    SQLiteStore(tmp_path / "s").save(seed_graph)
    _as_layout_1(tmp_path / "s" / "graph.db")
    runner = CliRunner()
    args = ["stats", "--checked-only", "--store", str(tmp_path / "s")]
    first = runner.invoke(cli, args, catch_exceptions=False)
    assert first.exit_code == 0
    assert first.stderr.startswith(f"Rewrote {tmp_path / 's' / 'graph.db'} in the layout of "
                                   "this version (1 -> 2)")
    again = runner.invoke(cli, args, catch_exceptions=False)
    assert again.stderr == "" and again.stdout == first.stdout
    assert dumps(SQLiteStore(tmp_path / "s").load()) == dumps(seed_graph)


def test_a_store_of_the_first_layout_that_cannot_be_rewritten_says_so(seed_graph, tmp_path):
    SQLiteStore(tmp_path / "s").save(seed_graph)
    _as_layout_1(tmp_path / "s" / "graph.db")
    (tmp_path / "s" / "graph.lock").unlink()
    (tmp_path / "s" / "graph.lock").mkdir()   # the lock cannot be taken (even by root)
    result = CliRunner().invoke(cli, ["stats", "--store", str(tmp_path / "s")])
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Error: {tmp_path / 's' / 'graph.db'} has the layout of "
                                    "an earlier version (1) and could not be rewritten")
    assert "rebuild with 'diplograph build'" in result.stderr


def test_the_quick_commands_load_only_what_they_need(seed_store):
    """Process start is most of what show, neighbors, path and stats cost on SQLite:
    stats needs no networkx, and none of them numpy, scipy or igraph."""
    code = ("import sys; from diplograph.cli import cli\n"
            "try:\n    cli(sys.argv[1:])\nexcept SystemExit:\n    pass\n"
            "print(sorted(m for m in ('networkx', 'numpy', 'scipy', 'igraph') "
            "if m in sys.modules), file=sys.stderr)")
    loaded = {}
    for command in (["stats"], ["show", "Taiwan"], ["neighbors", "Taiwan", "--depth", "2"],
                    ["path", "Taiwan", "United States"]):
        done = subprocess.run([sys.executable, "-c", code, *command, "--store",
                               str(seed_store)], capture_output=True, text=True, check=True)
        loaded[command[0]] = done.stderr.strip().splitlines()[-1]
    assert loaded == {"stats": "[]", "show": "['networkx']", "neighbors": "['networkx']",
                      "path": "['networkx']"}
