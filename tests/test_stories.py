"""Story files: read as written, checked with a clear error at the step's line, resolved
against the graph at build time, and skipped when a folder holding them is built."""
from __future__ import annotations

import pytest
from click.testing import CliRunner

from diplograph import api
from diplograph.cli import cli
from diplograph.graph.errors import InvalidInput
from diplograph.loaders.stories import Name, load_story
from tests.conftest import CURATED_INPUTS, SEEDS

STORY = SEEDS / "stories" / "taiwan-us-dialogues.yaml"


def test_the_seed_story_reads_and_every_name_resolves(seed_store, seed_graph):
    story = load_story(STORY)
    assert story.title == "Taiwan–US defence dialogues" and len(story.steps) == 5
    assert story.steps[0].as_of == "2025-11" and story.steps[0].line == 9
    assert story.steps[1].focus == Name("project policy meetings", story.steps[1].line)
    assert story.steps[4].highlight_types == ("FUNDS",)
    view = api.viz(story=STORY, store=seed_store)
    assert view.nodes > 5 and "Three standing channels" in view.html


@pytest.mark.parametrize("text, line, message", [
    ("steps: []\n", 1, "a story file must be a mapping with 'story'"),
    ("story: S\n", 1, "'steps' must be a list of at least one step"),
    ("story: S\nchapters: []\nsteps: [{title: A, nodes: [X]}]\n", 1,
     "unknown top-level keys ['chapters']"),
    ("story: S\nsteps:\n  - title: A\n    nodes: [X]\n    zoom: 3\n", 3,
     "unknown step keys ['zoom']"),
    ("story: S\nsteps:\n  - title: A\n", 3, "step 1 ('A') shows nothing: give 'nodes' or 'focus'"),
    ("story: S\nsteps:\n  - nodes: [X]\n", 3, "'title' must be text"),
    ("story: S\nsteps:\n  - {title: A, focus: X, depth: 9}\n", 3,
     "'depth' must be a whole number from 0 to 4"),
    ("story: S\nsteps:\n  - {title: A, focus: [X, Y]}\n", 3, "'focus' names one entity"),
    ("story: S\nsteps:\n  - {title: A, focus: X, as_of: someday}\n", 3,
     "'as_of' 'someday' is not a date"),
    ("story: S\nsteps:\n  - {title: A, focus: X, types: [LIKES]}\n", 3,
     "unknown type 'LIKES' in 'types'"),
    ("story: S\nsteps:\n  - {title: A, focus: X, labels: [Robot]}\n", 3,
     "unknown label 'Robot' in 'labels'"),
    ("story: S\nsteps:\n  - {title: A, nodes: [{a: 1}]}\n", 3, "'nodes' must be text"),
    ("story: S\nsteps:\n  - title: A\n    nodes: [X\n", 5, "YAML does not parse"),
    ("story: S\nsteps:\n  - just a string\n", 1, "step 1 must be a mapping"),
])
def test_bad_story_files_name_the_file_and_line(write, text, line, message):
    path = write("bad.yaml", text)
    with pytest.raises(InvalidInput) as caught:
        load_story(path)
    assert (caught.value.file, caught.value.line) == (str(path), line)
    assert message in caught.value.message


def test_cli_words_a_bad_story_as_one_error_line(seed_store, write, tmp_path):
    path = write("bad.yaml", "story: S\nsteps:\n  - {title: A, focus: X, depth: 9}\n")
    result = CliRunner().invoke(cli, ["viz", "--story", str(path), "-o",
                                      str(tmp_path / "s.html"), "--store", str(seed_store)])
    assert result.exit_code == 1
    assert result.output == f"Error: {path}:3: 'depth' must be a whole number from 0 to 4\n"


def test_an_ambiguous_name_asks_for_an_id(write, tmp_path):
    """Two entities share an alias: the story must say which, by id."""
    data = write("two.yaml", """document: d1
documents: [{id: d1, title: Planted}]
entities:
  - {id: org:defence-a, label: Organization, name: Defence A, aliases: [MoD]}
  - {id: org:defence-b, label: Organization, name: Defence B, aliases: [MoD]}
ties:
  - {s: org:defence-a, type: COOPERATES_WITH, o: org:defence-b, note: planted}
""")
    api.build([data], store=tmp_path / "store")
    path = write("s.yaml", "story: S\nsteps:\n  - title: A\n    nodes: [MoD]\n")
    with pytest.raises(InvalidInput) as caught:
        api.viz(story=path, store=tmp_path / "store")
    assert (caught.value.file, caught.value.line) == (str(path), 3)
    assert "'MoD' matches several entities: org:defence-a, org:defence-b" in caught.value.message
    fixed = write("s.yaml", "story: S\nsteps:\n  - title: A\n    nodes: [org:defence-a]\n")
    assert api.viz(story=fixed, store=tmp_path / "store").nodes == 1


def test_building_a_folder_skips_its_story_files(tmp_path):
    folder = tmp_path / "inputs"
    folder.mkdir()
    for source in (CURATED_INPUTS[0] / "003-taiwan-us-defense-dialogues.yaml",
                   CURATED_INPUTS[1], STORY):
        (folder / source.name).write_text(source.read_text(encoding="utf-8"), encoding="utf-8")
    result = api.build([folder], store=tmp_path / "store")
    assert result.stats.nodes > 10
    assert api.viz(story=folder / STORY.name, store=tmp_path / "store").nodes > 5
