"""Reading a YAML file that may be hostile: plain data only, bounded, every error placed.

:func:`read_yaml` gives mappings that remember their line (``.line``) and raises
:class:`~diplograph.graph.errors.InvalidInput` with the file and line for anything it
will not read:

- tags beyond plain data (``!!binary``, ``!!set``, ``!!omap``, ``!foo``): records
  hold text, numbers, true/false, lists and mappings, nothing else;
- nesting deeper than :data:`MAX_DEPTH` levels, aliases included;
- aliases that expand to more than :data:`MAX_ALIAS_GROWTH` values beyond the file's
  own (the "billion laughs" bomb), or that refer to the collection holding them;
- a key given twice in one mapping, and characters YAML forbids (a NUL byte).

Dates stay text (``!!timestamp`` too): the graph keeps dates as ISO text.

Examples
--------
>>> import pathlib, tempfile
>>> path = pathlib.Path(tempfile.mkdtemp()) / "bomb.yaml"
>>> _ = path.write_text("a: &a [x, x, x, x, x, x, x, x, x, x]\\n" + "".join(
...     f"{k}: &{k} [*{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}]\\n"
...     for p, k in zip("abcdef", "bcdefg")))
>>> read_yaml(path)
Traceback (most recent call last):
...
diplograph.graph.errors.InvalidInput: .../bomb.yaml:5: YAML does not parse: aliases expand to more than 100,000 values beyond the file's own (an alias bomb?): write the values out, or use fewer aliases
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from yaml.composer import ComposerError
from yaml.constructor import ConstructorError

from diplograph.graph.errors import InvalidInput
from diplograph.graph.values import safe_name

__all__ = ["read_yaml", "Mapping", "MAX_DEPTH", "MAX_ALIAS_GROWTH"]

#: Curated records need five levels; gazetteers six. Deeper is a mistake or an attack
#: (PyYAML composes recursively, and Python's stack ends near 1,000 levels).
MAX_DEPTH = 50
#: How many values aliases may add to a file beyond those written in it.
MAX_ALIAS_GROWTH = 100_000

_PLAIN = {f"tag:yaml.org,2002:{t}" for t in ("null", "bool", "float", "str", "seq", "map")}
_WORDS = {"int": "a whole number", "float": "a number", "bool": "true or false"}


class Mapping(dict):
    """A YAML mapping that remembers the line it started on."""

    line: int = 0


class _Loader(yaml.SafeLoader):
    """A SafeLoader for plain data with limits (see the module docstring)."""

    yaml_constructors = {tag: f for tag, f in yaml.SafeLoader.yaml_constructors.items()
                         if tag in _PLAIN}
    # ISO dates stay strings: the graph stores dates as ISO text, never as date objects.
    yaml_implicit_resolvers = {
        k: [(tag, rx) for tag, rx in v if tag != "tag:yaml.org,2002:timestamp"]
        for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()}

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self._depth, self._nodes, self._aliased = 0, 0, False

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):
            self._aliased = True
            return super().compose_node(parent, index)
        self._nodes += 1
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                raise ComposerError(None, None, f"nesting deeper than {MAX_DEPTH} levels",
                                    self.peek_event().start_mark)
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1

    def get_single_node(self) -> Any:
        node = super().get_single_node()
        if node is not None and self._aliased:
            _check_expansion(node, self._nodes)
        return node

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> Mapping:
        seen: dict[Any, int] = {}
        for key_node, _ in node.value:
            if isinstance(key_node, yaml.ScalarNode):
                if key_node.value in seen and key_node.tag == seen[key_node.value]:
                    raise ConstructorError(None, None, f"the key {key_node.value!r} is given "
                                           "twice in one mapping", key_node.start_mark)
                seen[key_node.value] = key_node.tag
        mapping = Mapping(super().construct_mapping(node, deep=True))
        mapping.line = node.start_mark.line + 1
        return mapping

    def construct_checked(self, node: yaml.ScalarNode) -> Any:
        """An explicit ``!!int``, ``!!float`` or ``!!bool`` whose text is not one (PyYAML
        itself fails with IndexError or KeyError there), or an integer past Python's
        4,300-digit limit: an error at the node's line."""
        kind = node.tag.rpartition(":")[2]
        try:
            return getattr(super(), f"construct_yaml_{kind}")(node)
        except (ValueError, IndexError, KeyError):
            problem = ("a number too long to read (over 4,300 digits)"
                       if len(node.value) > 4300 else f"{node.value!r} is not {_WORDS[kind]}")
            raise ConstructorError(None, None, problem, node.start_mark) from None

    def construct_refused(self, node: yaml.Node) -> Any:
        tag = node.tag.replace("tag:yaml.org,2002:", "!!")
        raise ConstructorError(None, None, f"the tag {tag} is not allowed: write plain "
                               "text, numbers, true/false, lists and mappings",
                               node.start_mark)


_Loader.add_constructor("tag:yaml.org,2002:map", _Loader.construct_mapping)
for _kind in ("int", "float", "bool"):
    _Loader.add_constructor(f"tag:yaml.org,2002:{_kind}", _Loader.construct_checked)
# An explicit !!timestamp and the '=' value key read as the text written.
_Loader.add_constructor("tag:yaml.org,2002:timestamp", _Loader.construct_yaml_str)
_Loader.add_constructor("tag:yaml.org,2002:value", _Loader.construct_yaml_str)
_Loader.add_constructor(None, _Loader.construct_refused)


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    if isinstance(node, yaml.MappingNode):
        return [n for pair in node.value for n in pair]
    return []


def _check_expansion(root: yaml.Node, written: int) -> None:
    """Size and depth of the document with aliases expanded, without expanding them
    (each node's totals are computed once, bottom-up, by an explicit stack)."""
    limit = written + MAX_ALIAS_GROWTH
    totals: dict[int, tuple[int, int]] = {}
    open_ids: set[int] = set()
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, finished = stack.pop()
        key = id(node)
        if finished:
            open_ids.discard(key)
            sub = [totals[id(c)] for c in _children(node)]
            size = 1 + sum(s for s, _ in sub)
            depth = 1 + max((d for _, d in sub), default=0)
            if size > limit:
                raise ComposerError(None, None, f"aliases expand to more than "
                                    f"{MAX_ALIAS_GROWTH:,} values beyond the file's own (an "
                                    "alias bomb?): write the values out, or use fewer aliases",
                                    node.start_mark)
            if depth > MAX_DEPTH:
                raise ComposerError(None, None, f"aliases nest deeper than {MAX_DEPTH} levels",
                                    node.start_mark)
            totals[key] = (size, depth)
            continue
        if key in totals:
            continue
        if key in open_ids:
            raise ComposerError(None, None, "an alias refers to the collection that holds it",
                                node.start_mark)
        open_ids.add(key)
        stack.append((node, True))
        stack.extend((c, False) for c in _children(node) if id(c) not in totals)


def _name(path: Path) -> str:
    return safe_name(str(path))


def read_yaml(path: Path) -> Any:
    """Parse a YAML file; mappings remember their line; errors name the file and line."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InvalidInput(f"cannot read it ({exc.strerror or exc})", _name(path)) from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InvalidInput(f"not UTF-8 text ({exc.reason} at byte {exc.start}): save the "
                           "file as UTF-8", _name(path), data.count(b"\n", 0, exc.start) + 1
                           ) from None
    try:
        return yaml.load(text, Loader=_Loader)  # noqa: S506 - a SafeLoader subclass
    except yaml.reader.ReaderError as exc:      # a character YAML forbids: no mark, a position
        line = text.count("\n", 0, exc.position) + 1
        code = exc.character if isinstance(exc.character, int) else ord(exc.character)
        raise InvalidInput(f"YAML does not parse: character U+{code:04X} is "
                           "not allowed in YAML (write it as an escape in double quotes, "
                           "or remove it)", _name(path), line) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or str(exc)
        context, start = getattr(exc, "context", None), getattr(exc, "context_mark", None)
        if context and start:
            problem = f"{problem} ({context} started on line {start.line + 1})"
        raise InvalidInput(f"YAML does not parse: {problem}", _name(path),
                           mark.line + 1 if mark else None) from None
