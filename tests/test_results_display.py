"""Results display (issue 14, item 6): ``str()`` of every API result is what the CLI
prints, and in a notebook ``_repr_html_`` is a table with every text escaped."""
from __future__ import annotations

import re
from html.parser import HTMLParser

import networkx as nx
import pytest
from click.testing import CliRunner

from diplograph import api
from diplograph.cli import cli
from diplograph.graph.stores import SQLiteStore
from tests.conftest import CURATED_INPUTS

HOSTILE = '<img src=x onerror="alert(1)">'

# (command line, the same question in Python) on the seed store
QUESTIONS = [
    (["stats"], lambda s: api.stats(store=s)),
    (["show", "francois wu"], lambda s: api.show("francois wu", store=s)),
    (["neighbors", "Taiwan", "--depth", "2"], lambda s: api.neighbors("Taiwan", depth=2, store=s)),
    (["path", "Chung Shu-ming", "Taiwan"], lambda s: api.path("Chung Shu-ming", "Taiwan", store=s)),
    (["path", "Taiwan", "United States", "--all", "--max-hops", "2"],
     lambda s: api.path("Taiwan", "United States", all_paths=True, max_hops=2, store=s)),
    (["between", "Taiwan", "United States"],
     lambda s: api.between("Taiwan", "United States", store=s)),
    (["who", "Monterey Talks"], lambda s: api.who("Monterey Talks", store=s)),
    (["posts", "francois wu"], lambda s: api.posts("francois wu", store=s)),
    (["rank", "--by", "betweenness"], lambda s: api.rank(by="betweenness", store=s)),
    (["communities"], lambda s: api.communities(store=s)),
    (["timeline", "--since", "2025"], lambda s: api.timeline(since="2025", store=s)),
    (["contradictions"], lambda s: api.contradictions(store=s)),
]


def cli_output(*args: str) -> str:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


@pytest.mark.parametrize("command, ask", QUESTIONS, ids=lambda q: q[0] if isinstance(q, list) else "")
def test_str_of_a_result_is_what_the_cli_prints(seed_store, command, ask):
    assert cli_output(*command, "--store", str(seed_store)) == f"{ask(seed_store)}\n"


class Cells(HTMLParser):
    """The text of each table cell, and every tag met."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)

    def handle_data(self, data):
        self.text.append(data)


@pytest.mark.parametrize("command, ask", QUESTIONS, ids=lambda q: q[0] if isinstance(q, list) else "")
def test_a_result_shows_as_an_html_table(seed_store, command, ask):
    page = ask(seed_store)._repr_html_()
    cells = Cells()
    cells.feed(page)
    assert cells.tags[0] == "table" and set(cells.tags) <= {"table", "tr", "th", "td", "p"}
    assert "".join(cells.text)  # the values are in it


@pytest.fixture
def hostile_store(tmp_path):
    G = nx.MultiDiGraph(documents={"d": {"id": "d", "title": HOSTILE}})
    G.add_node("country:a", label="Country", name=HOSTILE, kind=None, aliases=[HOSTILE, "A"])
    G.add_node("mechanism:m", label="Mechanism", name="Talks & <b>more</b>", kind=None,
               aliases=["M"])
    G.add_edge("country:a", "mechanism:m", key="PARTICIPATES_IN", type="PARTICIPATES_IN",
               role=HOSTILE, evidence=[{"doc": "d", "note": HOSTILE, "method": "curated",
                                        "confidence": 1.0}])
    store = SQLiteStore(tmp_path / "s")
    store.save(G)
    return store


@pytest.mark.parametrize("ask", [lambda s: api.show("A", store=s),
                                 lambda s: api.who("M", store=s),
                                 lambda s: api.path("A", "M", store=s),
                                 lambda s: api.neighbors("A", store=s)])
def test_html_of_hostile_names_stays_text(hostile_store, ask):
    result = ask(hostile_store)
    page = result._repr_html_()
    assert "<img" not in page and "<b>" not in page
    assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;" in page
    cells = Cells()
    cells.feed(page)
    assert HOSTILE in "".join(cells.text)          # shown as the text it is
    assert HOSTILE in str(result)                   # and printed as it is


def test_the_api_commands_own_results_print_as_the_cli_does(seed_store, tmp_path):
    out = tmp_path / "g.json"
    export = api.export("json", out, store=seed_store)
    assert cli_output("export", "--format", "json", "-o", str(out), "--store",
                      str(seed_store)) == f"{export}\n"
    assert str(export) == f"Wrote {export.nodes} nodes and {export.edges} edges to {out} (json)"

    inputs = [str(p) for p in CURATED_INPUTS]
    built = api.build(inputs, store=tmp_path / "a", cache=None)
    printed = CliRunner().invoke(cli, ["build", *inputs, "--store", str(tmp_path / "b"),
                                       "--no-cache"], catch_exceptions=False).stdout
    assert printed == f"{built}\n".replace(str(tmp_path / "a"), str(tmp_path / "b"))
    assert str(built).splitlines()[1] == str(built.stats).splitlines()[0]

    page = api.viz(store=seed_store)
    assert str(page) == f"Wrote {page.nodes} nodes and {page.edges} ties in the page (html)"
    assert page._repr_html_().startswith("<iframe")
    written = api.viz(tmp_path / "p.html", store=seed_store)
    assert cli_output("viz", "-o", str(tmp_path / "p.html"), "--store",
                      str(seed_store)) == f"{written}\n"
    assert re.match(r"<table", written._repr_html_())
