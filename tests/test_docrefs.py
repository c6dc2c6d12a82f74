"""Documents line up: a curated record may cite a file by its name or path, and
documents.yaml describes plain-text files too; an unknown reference is an error at its
file and line, and the store stays as it was."""
from __future__ import annotations

from pathlib import Path

import pytest

from diplograph import api
from tests.test_corrections import run

pytest.importorskip("spacy")
ARTICLE = ("Deputy Minister Marta Okonkwo visited Japan on Monday. "
           "Okonkwo met with Japanese officials in Tokyo.\n")
DOCUMENTS = """\
documents:
  - {id: article.txt, title: A visit to Tokyo, outlet: The Test Desk, date: 2026-01-12,
     url: "https://example.org/visit"}
"""
CURATED = """\
document: {ref}
entities:
  - {{id: country:japan, label: Country, name: Japan}}
  - {{id: person:marta-okonkwo, label: Person, name: Marta Okonkwo}}
ties:
  - {{s: person:marta-okonkwo, type: VISITED, o: country:japan, note: her visit}}
"""



@pytest.fixture
def inputs(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    (folder / "texts").mkdir(parents=True)
    (folder / "texts" / "article.txt").write_text(ARTICLE, encoding="utf-8")
    (folder / "documents.yaml").write_text(DOCUMENTS, encoding="utf-8")
    return folder


@pytest.mark.parametrize("ref", ["article.txt", "texts/article.txt"])
def test_a_file_name_resolves_to_the_document_read(inputs, tmp_path, ref):
    (inputs / "notes.yaml").write_text(CURATED.format(ref=ref), encoding="utf-8")
    api.build([inputs], store=tmp_path / "store", cache=tmp_path / "cache")
    G = api.load_graph(store=tmp_path / "store")
    (doc_id, doc), = G.graph["documents"].items()          # one document, not two
    assert doc_id.startswith("article.txt#") and len(doc_id) == len("article.txt#") + 12
    assert (doc["title"], doc["outlet"], doc["date"], doc["url"]) == (
        "A visit to Tokyo", "The Test Desk", "2026-01-12", "https://example.org/visit")
    cites = G.edges["person:marta-okonkwo", "country:japan", "VISITED"]["evidence"]
    assert {c["doc"] for c in cites} == {doc_id}
    assert {c["method"] for c in cites} == {"curated", "rule"}


def test_an_unknown_document_is_an_error_at_its_line(inputs, tmp_path):
    store = tmp_path / "store"
    api.build([inputs], store=store, cache=tmp_path / "cache")
    before = (store / "graph.db").read_bytes()
    notes = inputs / "notes.yaml"
    notes.write_text(CURATED.format(ref="artcle.txt"), encoding="utf-8")
    result = run("build", inputs, "--store", store, "--cache", tmp_path / "cache", code=1)
    assert result.output.startswith(f"Error: {notes}:")
    assert "cites the document 'artcle.txt', which no input gives" in result.output
    assert "Did you mean: article.txt" in result.output
    assert (store / "graph.db").read_bytes() == before


def test_a_name_two_files_share_asks_for_more_of_the_path(inputs, tmp_path):
    (inputs / "more").mkdir()
    (inputs / "more" / "article.txt").write_text("Japan and Canada met in Ottawa.\n",
                                                 encoding="utf-8")
    (inputs / "notes.yaml").write_text(CURATED.format(ref="article.txt"), encoding="utf-8")
    result = run("build", inputs, "--store", tmp_path / "store", "--cache", tmp_path / "c",
                 code=1)
    assert "names several files" in result.output and "write more of its path" in result.output
    (inputs / "documents.yaml").unlink()
    (inputs / "notes.yaml").write_text(CURATED.format(ref="more/article.txt"), encoding="utf-8")
    run("build", inputs, "--store", tmp_path / "store", "--cache", tmp_path / "c")
    G = api.load_graph(store=tmp_path / "store")
    cites = G.edges["person:marta-okonkwo", "country:japan", "VISITED"]["evidence"]
    curated = [c["doc"] for c in cites if c["method"] == "curated"]
    assert len(curated) == 1 and G.graph["documents"][curated[0]]["path"].endswith(
        "more/article.txt")
