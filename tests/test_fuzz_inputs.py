"""Hypothesis fuzz of the curated loader and the document readers (issue 10).

The property, for every generated input, through the CLI on real files: either the
build succeeds and the store holds a valid graph (strict JSON, schema labels, types and
endpoints, every value of the kind schema.yaml gives it, every citation to a known
document), or it fails with one ``Error:`` line naming the file and the line, the store
left byte-identical; never a traceback. Document readers: a file gives a document of
usable text or one skip line, never an exception.

About 10,100 cases in all, each test bounded by ``max_examples`` (``FUZZ_N`` sets them
all, for a quick run) and a per-example deadline; the counts of what was tried are
printed at the end (``pytest -s``).
"""
from __future__ import annotations

import json
import os
import re
import shutil
import tempfile
from collections import Counter
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from diplograph.cli import cli
from diplograph.graph.nodelink import dumps, from_nodelink
from diplograph.graph.stores import SQLiteStore
from diplograph.graph.schema import SCHEMA
from diplograph.graph.values import property_value
from diplograph.loaders.documents import MAX_CHARS, read_documents

COUNTS: Counter[str] = Counter()
FUZZ = settings(deadline=timedelta(seconds=3), database=None, print_blob=True,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                       HealthCheck.filter_too_much])
# A line the CLI may end a failed build with: the fuzzed file and a line, or (for inputs
# that give no entity at all) the folder.
ERROR = re.compile(r"Error: in/z\.yaml:\d+: \S.*|Error: in: no entity found in these inputs.*")

# --- text and values a hostile curator writes ----------------------------------------

SPECIAL = ["\x00", "\x01", "\x0b", "\x1f", "\x7f", "\x85", "\x9f", "\ufeff", "\ufffe",
           "\uffff", "\u2028", "\u202e", "\ud800", "\udfff", "<script>", "</x>", "&amp;",
           "'", '"', "\\", "=1+1", "@x", "-", "+", "\t", "\r", "\n", "javascript:",
           "https://example.org/a", "顧立雄", "é", "\U0001f600", "e\u0301", "${x}", "{{x}}"]
hostile_text = st.lists(st.sampled_from(SPECIAL) | st.text(max_size=4), max_size=4).map("".join)
DATES = ["2025", "2025-10", "2025-10-03", "March 3, 2025", "ROC 114", "year 115", "2026",
         "2024-02-29", "3 March 2025", "113 (2024)", "2025-13-01", "2025-02-30", "next spring"]
scalars = st.one_of(
    st.none(), st.booleans(), st.integers(-10, 10), st.integers(-2 ** 70, 2 ** 70),
    st.floats(allow_nan=True, allow_infinity=True), st.sampled_from(DATES), hostile_text)
values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=3)
                      | st.dictionaries(scalars, inner, max_size=3), max_leaves=4)


def spoiled(clean: st.SearchStrategy, keys: list[str]) -> st.SearchStrategy:
    """Records from ``clean``, one in eight with one field replaced by any value at all
    (a list, a mapping, nan, null, a huge number, text where a number belongs)."""
    spoil = st.builds(lambda record, key, bad: {**record, key: bad}, clean,
                      st.sampled_from(keys), values)
    return st.one_of(*[clean] * 7, spoil)


names = st.sampled_from(["Taiwan", "Japan", "Wu", "MND", "Talks"]) | hostile_text
BASE_ENTITIES = [{"id": "country:taiwan", "label": "Country", "name": "Taiwan"},
                 {"id": "country:japan", "label": "Country", "name": "Japan"},
                 {"id": "person:wu", "label": "Person", "name": "Wu"},
                 {"id": "org:mnd", "label": "Organization", "kind": "ministry", "name": "MND"},
                 {"id": "event:e1", "label": "Event", "name": "The meeting"}]
BASE_DOCUMENTS = [{"id": "d1.txt", "title": "A report"}, {"id": "d2.txt"}]
TRIPLES = [("person:wu", "HOLDS_POSITION", "org:mnd"), ("country:taiwan", "MET_WITH",
           "country:japan"), ("person:wu", "PARTICIPATES_IN", "event:e1"),
           ("country:japan", "SUPPORTS", "person:wu"), ("org:mnd", "PART_OF", "country:taiwan"),
           ("country:taiwan", "ORGANIZES", "event:e1")]
new_entity = st.builds(
    lambda label, name, extra: {"label": label, "name": name,
                                "id": f"{SCHEMA.labels[label].id_prefix}:{extra}", **(
                                    {"kind": SCHEMA.labels[label].kinds[0]}
                                    if SCHEMA.labels[label].kinds and len(extra) % 2 else {})},
    st.sampled_from(list(SCHEMA.labels)), names,
    st.text("abcxyz-<>&\"'\u00e9\u9867", min_size=1, max_size=6))
entity = st.builds(lambda e, extra: {**e, **extra}, new_entity, st.fixed_dictionaries(
    {}, optional={"aliases": st.lists(names, max_size=3), "description": names,
                  "date": st.sampled_from(DATES), "country": names}))
tie = st.builds(lambda triple, extra: {"s": triple[0], "type": triple[1], "o": triple[2],
                                       **extra},
                st.sampled_from(TRIPLES) | st.sampled_from(TRIPLES) | st.tuples(
                    st.sampled_from([e["id"] for e in BASE_ENTITIES]),
                    st.sampled_from(list(SCHEMA.relations)),
                    st.sampled_from([e["id"] for e in BASE_ENTITIES])),
                st.fixed_dictionaries({}, optional={
                    "doc": st.sampled_from(["d1.txt", "d2.txt", "d3.txt"]),
                    "note": hostile_text, "confidence": st.floats(0, 1),
                    "date": st.sampled_from(DATES), "start": st.sampled_from(DATES),
                    "end": st.sampled_from(DATES), "status": st.sampled_from(
                        list(SCHEMA.statuses))}))
document = st.fixed_dictionaries(
    {"id": st.sampled_from(["d3.txt", "=cmd.txt", "d1.txt"])},
    optional={"title": hostile_text, "outlet": hostile_text, "date": st.sampled_from(DATES),
              "url": st.sampled_from(["https://example.org/a?b=<c>&d='e'", "http://x/\"><b>",
                                      "https://example.org/#javascript:x", "javascript:x",
                                      "http://x", "data:text/html,<script>"])})
curated = st.builds(
    lambda documents, entities, ties, top: {
        "document": "d1.txt", "documents": BASE_DOCUMENTS + documents,
        "entities": BASE_ENTITIES + entities, "ties": ties, **top},
    st.lists(spoiled(document, ["id", "title", "date", "url"]), max_size=2),
    st.lists(spoiled(entity, ["id", "label", "name", "kind", "aliases", "date"]), max_size=4),
    st.lists(spoiled(tie, ["s", "type", "o", "doc", "note", "confidence", "date", "end"]),
             max_size=5),
    st.one_of(st.just({}), st.just({}), st.just({}), st.dictionaries(
        st.sampled_from(["document", "documents", "entities", "ties", "gazetteer", "x"]),
        values, max_size=1)))

# Pieces of YAML syntax, for text no dumper would write.
TOKENS = ["entities:\n", "ties:\n", "documents:\n", "document: d1.txt\n", "gazetteer:\n",
          "  - ", "    ", "{", "}", "[", "]", ", ", ": ", "\n", "&a ", "*a", "&b ", "*b",
          "!!binary ", "!!set ", "!!timestamp ", "!!omap ", "!!python/object:os.system ",
          "!foo ", "!!str ", "!!int ", "!!float ", "? ", "<<: ", "~", "null", ".nan", ".inf",
          "-.inf", "1e999", "0x1F", "0o17", "yes", "'", '"', "\\ud800", "\\x00", "\t", "\x00",
          "\x85", "\ufeff", "|\n", ">-\n", "#", "---\n", "...\n", "%YAML 1.1\n", "%TAG ! x\n",
          "label: Country", "label: Person", "name: X", "name: ", "id: country:x",
          "id: person:y", "s: country:x", "o: person:y", "o: country:x", "type: MET_WITH",
          "type: HOLDS_POSITION", "doc: d1.txt", "confidence: ", "note: ", "date: ",
          "start: 2025", "end: 2024", "aliases: ", "kind: ", "size: ", "url: javascript:x",
          "title: ", "=", "-1", "99999999999999999999999999", "- {id: d1.txt}\n"]
yaml_soup = st.lists(st.sampled_from(TOKENS) | hostile_text, max_size=40).map("".join)

GOOD = """\
document: d1.txt
documents:
  - {id: d1.txt, title: A report, outlet: Desk, date: 2025-10}
  - {id: d2.txt, title: Another, url: "https://example.org/2"}
entities:
  - {id: country:taiwan, label: Country, name: Taiwan}
  - {id: country:japan, label: Country, name: Japan, aliases: [Nippon]}
  - {id: person:wu, label: Person, name: Wu, aliases: [J. Wu]}
  - {id: event:e1, label: Event, kind: meeting, name: The meeting, date: 2025-10-03}
ties:
  - {s: country:taiwan, type: COOPERATES_WITH, o: country:japan, domain: defense, note: n}
  - {s: person:wu, type: HOLDS_POSITION, o: country:taiwan, title: minister, start: 2024,
     end: 2025-05, doc: d2.txt, confidence: 0.9}
  - {s: person:wu, type: PARTICIPATES_IN, o: event:e1, size: 3, leader: true}
"""
mutations = st.lists(st.tuples(st.integers(0, len(GOOD.encode())), st.integers(0, 4),
                               st.binary(max_size=6) | st.sampled_from(
                                   [t.encode("utf-8", "surrogatepass") for t in TOKENS])),
                     min_size=1, max_size=6)


def _mutate(edits: list[tuple[int, int, bytes]]) -> bytes:
    data = bytearray(GOOD.encode())
    for at, cut, insert in edits:
        at = min(at, len(data))
        data[at:at + cut] = insert
    return bytes(data)


# --- the property --------------------------------------------------------------------

@pytest.fixture(scope="module")
def workdir(tmp_path_factory) -> Iterator[Path]:
    """A folder where the builds run; on /dev/shm when there is one, since fsync-ing a
    store thousands of times on a real disk is not what is being tested."""
    shm = Path("/dev/shm")
    if shm.is_dir() and os.access(shm, os.W_OK):
        path = Path(tempfile.mkdtemp(prefix="diplograph-fuzz-", dir=shm))
    else:
        path = tmp_path_factory.mktemp("fuzz")
    (path / "in").mkdir()
    old = Path.cwd()
    os.chdir(path)
    try:
        yield path
    finally:
        os.chdir(old)
        if path.is_relative_to(shm):
            shutil.rmtree(path, ignore_errors=True)
        print(f"\nfuzz cases tried, by category and outcome: {dict(sorted(COUNTS.items()))}")


def _no_constants(name: str) -> None:
    raise ValueError(f"{name} in the store: not JSON")


def assert_valid_graph(store: Path) -> None:
    """What a store must hold after any successful build."""
    data = json.loads(dumps(SQLiteStore(store).load()), parse_constant=_no_constants)
    G = from_nodelink(data)
    documents = G.graph["documents"]
    for node, attrs in G.nodes(data=True):
        spec = SCHEMA.labels[attrs["label"]]
        assert node.startswith(spec.id_prefix + ":")
        assert attrs["name"].strip() and all(isinstance(a, str) for a in attrs["aliases"])
        assert attrs["kind"] is None or attrs["kind"] in spec.kinds
        for key in set(attrs) & set(SCHEMA.node_properties):
            assert property_value(key, attrs[key], "") == attrs[key]
        _check_evidence(attrs, documents)
    for source, target, key, attrs in G.edges(keys=True, data=True):
        assert source != target
        assert SCHEMA.allows(key, G.nodes[source]["label"], G.nodes[target]["label"])
        for prop in set(attrs) & set(SCHEMA.edge_properties(key)):
            assert property_value(prop, attrs[prop], "") == attrs[prop]
        _check_evidence(attrs, documents)


def _check_evidence(attrs: dict, documents: dict) -> None:
    for cite in attrs.get("evidence", []):
        assert cite["doc"] in documents and 0.0 <= cite["confidence"] <= 1.0
        assert isinstance(cite.get("note", ""), str) and cite.get("note") != "None"


def build_once(workdir: Path, data: bytes, category: str) -> None:
    """Write ``data`` as in/z.yaml, build, and check the property."""
    (workdir / "in" / "z.yaml").write_bytes(data)
    graph = workdir / "store" / "graph.db"
    before = graph.read_bytes() if graph.exists() else None
    result = CliRunner().invoke(cli, ["build", "in", "--store", "store", "--no-cache"])
    assert result.exception is None or isinstance(result.exception, SystemExit), (
        f"traceback: {result.exception!r}")
    if result.exit_code == 0:
        COUNTS[f"{category}: valid graph"] += 1
        assert_valid_graph(workdir / "store")
    else:
        COUNTS[f"{category}: one error"] += 1
        last = result.output.strip().splitlines()[-1]
        assert result.exit_code == 1 and ERROR.fullmatch(last), last
        assert (graph.read_bytes() if graph.exists() else None) == before


def _dump(data: dict) -> bytes:
    """YAML text of ``data``: libyaml's emitter when it can encode the text, else
    PyYAML's, which writes lone surrogates as escapes."""
    options = {"allow_unicode": True, "sort_keys": False, "width": 1 << 16}
    try:
        text = yaml.dump(data, Dumper=getattr(yaml, "CSafeDumper", yaml.SafeDumper), **options)
    except (UnicodeEncodeError, yaml.YAMLError):
        text = yaml.safe_dump(data, **options)
    return text.encode("utf-8", "surrogatepass")


@settings(FUZZ, max_examples=int(os.environ.get("FUZZ_N", 1500)))
@given(data=curated)
def test_fuzz_curated_records(workdir, data):
    build_once(workdir, _dump(data), "curated records")


@settings(FUZZ, max_examples=int(os.environ.get("FUZZ_N", 2500)))
@given(text=yaml_soup)
def test_fuzz_yaml_syntax(workdir, text):
    build_once(workdir, text.encode("utf-8", "surrogatepass"), "YAML syntax")


@settings(FUZZ, max_examples=int(os.environ.get("FUZZ_N", 1500)))
@given(edits=mutations)
def test_fuzz_mutated_good_file(workdir, edits):
    build_once(workdir, _mutate(edits), "mutated file")


# --- document readers -------------------------------------------------------------------

def _pdf(text: str) -> bytes:
    """A one-page PDF showing ``text``, with a correct cross-reference table."""
    stream = f"BT /F1 12 Tf 72 712 Td ({text}) Tj ET".encode()
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>",
               b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font "
               b"<< /F1 5 0 R >> >> /Contents 4 0 R >>",
               b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream),
               b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer << /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1, xref)
    return bytes(out)


MINI_PDF = _pdf("Taiwan and Japan met in Tokyo on Monday.")
HTML = ["<html>", "</html>", "<body>", "<p>", "</p>", "<script>", "</script>", "<title>",
        "<meta charset='latin-1'>", "<meta property='og:url' content='javascript:x'>",
        "<article>", "<!--", "-->", "<![CDATA[", "&amp;", "&#0;", "&#xD800;", "<a href=x>",
        "Taiwan and Japan met in Tokyo on Monday. ", "\x00", "\ufffe"]
text_bytes = st.one_of(
    st.binary(max_size=300),
    st.tuples(hostile_text, st.sampled_from(["utf-8", "utf-16", "latin-1", "gb18030",
                                             "utf-8-sig"]))
    .map(lambda t: t[0].encode(t[1], "surrogatepass" if "utf" in t[1] else "replace")),
    st.lists(st.sampled_from(["---\n", "title: ", "date: ", "url: javascript:x\n",
                              "outlet: ", "\n", "Taiwan met Japan. "]) | hostile_text,
             max_size=12).map(lambda parts: "".join(parts).encode("utf-8", "surrogatepass")))
html_bytes = st.lists(st.sampled_from(HTML) | hostile_text, max_size=30).map(
    lambda parts: "".join(parts).encode("utf-8", "surrogatepass"))
pdf_bytes = st.lists(st.tuples(st.integers(0, len(MINI_PDF)), st.integers(0, 8),
                               st.binary(max_size=8)), max_size=4).map(
    lambda edits: _edit(MINI_PDF, edits))
# File names as the file system holds them: any bytes but "/" and NUL (those that are
# not UTF-8 reach Python as lone surrogates), or any text that UTF-8 can write.
file_names = (st.binary(min_size=1, max_size=12).filter(lambda b: b"/" not in b and
                                                        b"\x00" not in b).map(os.fsdecode)
              | st.text(alphabet=st.characters(exclude_characters="/\x00",
                                               exclude_categories=["Cs"]),
                        min_size=1, max_size=12)).filter(lambda n: not n.startswith("."))


def _edit(data: bytes, edits: list[tuple[int, int, bytes]]) -> bytes:
    out = bytearray(data)
    for at, cut, insert in edits:
        out[at:at + cut] = insert
    return bytes(out)


def read_one(folder: Path, name: str, data: bytes, category: str) -> None:
    for old in folder.iterdir():
        old.unlink()
    path = folder / name
    try:
        path.write_bytes(data)
    except OSError:                       # a name this file system refuses: not our input
        return
    notes: list[str] = []
    documents = list(read_documents([path], warn=notes.append))
    if documents:
        COUNTS[f"{category}: document read"] += 1
        (doc,) = documents
        assert doc.text.strip() and len(doc.text) <= MAX_CHARS
        doc.text.encode("utf-8")
        doc.record()                      # a valid DocumentRecord (checks id, url, date)
        assert notes == []
    else:
        COUNTS[f"{category}: skipped in one line"] += 1
        assert len(notes) == 1 and "\n" not in notes[0] and ": skipped, " in notes[0]


@settings(FUZZ, max_examples=int(os.environ.get("FUZZ_N", 3000)))
@given(name=file_names, suffix=st.sampled_from([".txt", ".md"]), data=text_bytes)
def test_fuzz_text_documents(workdir, name, suffix, data):
    read_one(_docs(workdir), name + suffix, data, "text document")


@settings(FUZZ, max_examples=int(os.environ.get("FUZZ_N", 600)))
@given(data=html_bytes)
def test_fuzz_html_documents(workdir, data):
    pytest.importorskip("trafilatura")
    read_one(_docs(workdir), "page.html", data, "HTML document")


@settings(FUZZ, max_examples=int(os.environ.get("FUZZ_N", 1000)))
@given(data=pdf_bytes)
def test_fuzz_pdf_documents(workdir, data):
    pytest.importorskip("pypdf")
    read_one(_docs(workdir), "paper.pdf", data, "PDF document")


def _docs(workdir: Path) -> Path:
    folder = workdir / "docs"
    folder.mkdir(exist_ok=True)
    return folder


# No per-example deadline here: one example loads the spaCy model and extracts up to 40
# files, seconds of wall time that a loaded machine stretches; four examples bound it.
@settings(FUZZ, max_examples=4, deadline=None)
@given(files=st.lists(st.tuples(st.sampled_from([".txt", ".md", ".html", ".pdf"]),
                                text_bytes | html_bytes | pdf_bytes), min_size=5, max_size=40))
def test_fuzz_documents_through_a_build(workdir, files):
    """Whole builds over a folder of fuzzed documents beside a good curated file: each
    unusable file is one warning line, and the build succeeds (the curated file gives
    entities) with a valid graph. Few examples: each loads the spaCy model."""
    pytest.importorskip("spacy")
    folder = workdir / "mixed"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir()
    (folder / "good.yaml").write_text(GOOD, encoding="utf-8")
    for i, (suffix, data) in enumerate(files):
        (folder / f"f{i}{suffix}").write_bytes(data)
    result = CliRunner().invoke(cli, ["build", "mixed", "--store", "mixed-store", "--no-cache"])
    assert result.exception is None or isinstance(result.exception, SystemExit), \
        repr(result.exception)
    assert result.exit_code == 0, result.output
    skipped = [line for line in result.stderr.splitlines() if ": skipped, " in line]
    assert all(line.startswith("Warning: mixed/f") for line in skipped)
    COUNTS["documents in whole builds"] += len(files)
    assert_valid_graph(workdir / "mixed-store")
