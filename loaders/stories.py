"""Story files (YAML) -> a :class:`Story`: the steps of a guided map, as written.

A story lists steps; each shows some entities (by name, alias or id), or a query
around one of them, with a title and a caption in Markdown. The top-level ``story`` key
(the story's title) marks the file as a story, so that building a folder that holds one
skips it::

    story: Taiwan-US defence dialogues
    description: For a first-year class.        # optional
    steps:
      - title: Three routine channels
        caption: Taiwan and the US meet in **three** standing dialogues.
        focus: United States        # a query: the neighbourhood of one entity
        depth: 1                    # optional, 0-4 (default 1)
        types: [PARTICIPATES_IN]    # optional: follow and show only these ties
        labels: [Mechanism]         # optional: reach only these labels
        as_of: 2025-11              # optional: ties that held that day
        nodes: [Taiwan]             # entities to show (with or instead of focus)
        highlight: [Monterey Talks] # entities to light up
        highlight_types: [FUNDS]    # ties to light up, by type

Names are kept as written, with the line of their step: they are checked against the
graph when the page is built (``diplograph.api.viz``), and an unknown one is an error
naming this file and that line. Types, labels and dates are checked here.

Examples
--------
>>> import tempfile, pathlib
>>> path = pathlib.Path(tempfile.mkdtemp()) / "s.yaml"
>>> _ = path.write_text("story: T\\nsteps:\\n  - title: One\\n    focus: Taiwan\\n"
...                     "    as_of: 2025-11\\n", encoding="utf-8")
>>> story = load_story(path)
>>> story.title, story.steps[0].focus, story.steps[0].as_of, story.steps[0].line
('T', Name(text='Taiwan', line=3), '2025-11', 3)
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from diplograph.graph.dates import normalize_date
from diplograph.graph.errors import InvalidInput
from diplograph.graph.schema import SCHEMA
from diplograph.graph.values import safe_name
from diplograph.loaders.safe_yaml import read_yaml

__all__ = ["Name", "StoryStep", "Story", "load_story", "is_story", "MAX_DEPTH"]

MAX_DEPTH = 4
_TOP_KEYS = {"story", "description", "steps"}
_STEP_KEYS = {"title", "caption", "nodes", "focus", "depth", "types", "labels", "as_of",
              "highlight", "highlight_types"}


@dataclass(frozen=True, slots=True)
class Name:
    """An entity as the story names it, and the line of the step that names it."""

    text: str
    line: int


@dataclass(frozen=True, slots=True)
class StoryStep:
    title: str
    caption: str
    nodes: tuple[Name, ...]
    focus: Name | None
    depth: int
    types: tuple[str, ...]
    labels: tuple[str, ...]
    as_of: str | None
    highlight: tuple[Name, ...]
    highlight_types: tuple[str, ...]
    line: int


@dataclass(frozen=True, slots=True)
class Story:
    title: str
    description: str
    steps: tuple[StoryStep, ...]
    file: str


def _name(path: Path) -> str:
    """The file's name for messages: one printable line whatever bytes it holds."""
    return safe_name(str(path))


def _text(value: Any, key: str, path: Path, line: int, *, required: bool = False) -> str:
    if value is None and not required:
        return ""
    if (not isinstance(value, (str, int, float)) or isinstance(value, bool)
            or not str(value).strip()):
        raise InvalidInput(f"{key!r} must be text", _name(path), line)
    return str(value)


def _names(value: Any, key: str, path: Path, line: int) -> tuple[Name, ...]:
    if value is None:
        return ()
    items = value if isinstance(value, list) else [value]
    return tuple(Name(_text(v, key, path, line, required=True), line) for v in items)


def _schema_names(value: Any, key: str, valid: dict[str, Any], path: Path, line: int
                  ) -> tuple[str, ...]:
    out = []
    for name in _names(value, key, path, line):
        if name.text not in valid:
            raise InvalidInput(f"unknown {key[:-1]} {name.text!r} in {key!r}; valid: "
                               f"{', '.join(valid)}", _name(path), line)
        out.append(name.text)
    return tuple(out)


def _step(item: Any, index: int, path: Path, parent_line: int) -> StoryStep:
    line = getattr(item, "line", parent_line)
    if not isinstance(item, dict):
        raise InvalidInput(f"step {index} must be a mapping (title, caption, nodes or focus, "
                           "...)", _name(path), line)
    unknown = sorted(set(map(str, item)) - _STEP_KEYS)
    if unknown:
        raise InvalidInput(f"unknown step keys {unknown}; valid: {', '.join(sorted(_STEP_KEYS))}",
                           _name(path), line)
    title = _text(item.get("title"), "title", path, line, required=True)
    focus = _names(item.get("focus"), "focus", path, line)
    if len(focus) > 1:
        raise InvalidInput("'focus' names one entity; list others under 'nodes'",
                           _name(path), line)
    nodes = _names(item.get("nodes"), "nodes", path, line)
    if not focus and not nodes:
        raise InvalidInput(f"step {index} ({title!r}) shows nothing: give 'nodes' or 'focus'",
                           _name(path), line)
    depth = item.get("depth", 1)
    if not isinstance(depth, int) or isinstance(depth, bool) or not 0 <= depth <= MAX_DEPTH:
        raise InvalidInput(f"'depth' must be a whole number from 0 to {MAX_DEPTH}",
                           _name(path), line)
    as_of = item.get("as_of")
    if as_of is not None:
        try:
            as_of = normalize_date(as_of)
        except (ValueError, TypeError):
            raise InvalidInput(f"'as_of' {as_of!r} is not a date (YYYY, YYYY-MM or "
                               "YYYY-MM-DD)", _name(path), line) from None
    return StoryStep(
        title=title, caption=_text(item.get("caption"), "caption", path, line),
        nodes=nodes, focus=focus[0] if focus else None, depth=depth,
        types=_schema_names(item.get("types"), "types", SCHEMA.relations, path, line),
        labels=_schema_names(item.get("labels"), "labels", SCHEMA.labels, path, line),
        as_of=as_of, highlight=_names(item.get("highlight"), "highlight", path, line),
        highlight_types=_schema_names(item.get("highlight_types"), "highlight_types",
                                      SCHEMA.relations, path, line),
        line=line)


def is_story(data: Any) -> bool:
    """Whether parsed YAML is a story file (it has a top-level ``story`` key)."""
    return isinstance(data, dict) and "story" in data


def load_story(path: str | Path) -> Story:
    """Read and check a story file; raises ``InvalidInput`` (file, line) on a bad one."""
    path = Path(path)
    if not path.is_file():
        raise InvalidInput("no such story file", _name(path))
    data = read_yaml(path)
    if not is_story(data):
        raise InvalidInput("a story file must be a mapping with 'story' (its title) and "
                           "'steps'", _name(path), 1)
    line = getattr(data, "line", 1)
    unknown = sorted(set(map(str, data)) - _TOP_KEYS)
    if unknown:
        raise InvalidInput(f"unknown top-level keys {unknown}; valid: "
                           f"{', '.join(sorted(_TOP_KEYS))}", _name(path), line)
    steps = data.get("steps")
    if not isinstance(steps, list) or not steps:
        raise InvalidInput("'steps' must be a list of at least one step", _name(path), line)
    return Story(title=_text(data.get("story"), "story", path, line, required=True),
                 description=_text(data.get("description"), "description", path, line),
                 steps=tuple(_step(item, i, path, line) for i, item in enumerate(steps, 1)),
                 file=_name(path))
