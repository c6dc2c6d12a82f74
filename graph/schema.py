"""Load graph/schema.yaml once, check it, and expose it as frozen dataclasses.

Every module that needs a label, kind, relationship type, endpoint rule, colour or
shape reads :data:`SCHEMA`; none lists them again.

Examples
--------
>>> SCHEMA.relation("MET_WITH").symmetric
True
>>> SCHEMA.allows("HOLDS_POSITION", "Person", "Organization")
True
>>> SCHEMA.label("Organization").id_prefix
'org'
"""
from __future__ import annotations

from dataclasses import dataclass, field
from importlib import resources
from typing import Any

import yaml

from diplograph.graph.errors import SchemaError

__all__ = ["LabelSpec", "RelationSpec", "ProvenanceSpec", "Schema", "SCHEMA", "load_schema", "VALUE_KINDS"]

#: The kinds of property value ``value_types`` may name (graph/claims.py checks each).
VALUE_KINDS = ("text", "date", "count", "number", "flag", "url")


@dataclass(frozen=True, slots=True)
class LabelSpec:
    name: str
    id_prefix: str
    description: str
    color: str
    shape: str
    kinds: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class RelationSpec:
    name: str
    subject: tuple[str, ...]
    object: tuple[str, ...]
    pairs: frozenset[tuple[str, str]]
    symmetric: bool
    label: str
    inverse: str
    properties: tuple[str, ...]

    def allows(self, subject_label: str, object_label: str) -> bool:
        return (subject_label, object_label) in self.pairs


@dataclass(frozen=True, slots=True)
class ProvenanceSpec:
    """A level of checking a tie or node can have (``provenance`` in schema.yaml)."""

    name: str
    description: str
    checked: bool
    color: str


@dataclass(frozen=True, slots=True)
class Schema:
    version: int
    labels: dict[str, LabelSpec]
    relations: dict[str, RelationSpec]
    common_properties: tuple[str, ...]
    node_properties: tuple[str, ...]
    statuses: tuple[str, ...]
    methods: tuple[str, ...]
    value_types: dict[str, str]
    provenance: dict[str, ProvenanceSpec] = field(default_factory=dict)

    def label(self, name: str) -> LabelSpec:
        try:
            return self.labels[name]
        except KeyError:
            raise SchemaError(
                f"Unknown label {name!r}. Valid labels: {', '.join(self.labels)}") from None

    def relation(self, name: str) -> RelationSpec:
        try:
            return self.relations[name]
        except KeyError:
            raise SchemaError(
                f"Unknown relationship type {name!r}. "
                f"Valid types: {', '.join(self.relations)}") from None

    def allows(self, rel_type: str, subject_label: str, object_label: str) -> bool:
        spec = self.relations.get(rel_type)
        return spec is not None and spec.allows(subject_label, object_label)

    def value_type(self, prop: str) -> str:
        """What a value of property ``prop`` may be: one of :data:`VALUE_KINDS`."""
        return self.value_types.get(prop, "text")

    def edge_properties(self, rel_type: str) -> tuple[str, ...]:
        return self.relation(rel_type).properties + self.common_properties

    @property
    def symmetric_types(self) -> frozenset[str]:
        return frozenset(name for name, spec in self.relations.items() if spec.symmetric)


def _expand(names: list[str], groups: dict[str, list[str]], labels: dict[str, Any],
            where: str) -> tuple[str, ...]:
    out: list[str] = []
    for name in names:
        for label in groups.get(name, [name]):
            if label not in labels:
                raise SchemaError(f"schema.yaml {where}: unknown label {label!r}")
            if label not in out:
                out.append(label)
    return tuple(out)


def load_schema(data: dict[str, Any]) -> Schema:
    """Build and check a :class:`Schema` from the parsed YAML mapping."""
    groups = data.get("groups") or {}
    raw_labels = data["labels"]
    labels = {
        name: LabelSpec(name=name, id_prefix=spec["id_prefix"], description=spec["description"],
                        color=spec["color"], shape=spec["shape"],
                        kinds=tuple(spec.get("kinds") or ()))
        for name, spec in raw_labels.items()
    }
    prefixes = [spec.id_prefix for spec in labels.values()]
    if len(set(prefixes)) != len(prefixes):
        raise SchemaError("schema.yaml: two labels share an id_prefix")
    relations = {}
    for name, spec in data["relations"].items():
        subject = _expand(spec["subject"], groups, raw_labels, f"{name}.subject")
        obj = _expand(spec["object"], groups, raw_labels, f"{name}.object")
        if "pairs" in spec:
            pairs = frozenset((s, o) for s, o in spec["pairs"])
            if any(s not in subject or o not in obj for s, o in pairs):
                raise SchemaError(f"schema.yaml {name}.pairs: a pair outside subject/object")
        else:
            pairs = frozenset((s, o) for s in subject for o in obj)
        relations[name] = RelationSpec(
            name=name, subject=subject, object=obj, pairs=pairs,
            symmetric=bool(spec.get("symmetric")), label=spec["label"],
            inverse=spec["inverse"], properties=tuple(spec.get("properties") or ()))
    value_types = dict(data.get("value_types") or {})
    known = {*(data.get("node_properties") or ()), *(data.get("common_properties") or ()),
             *(p for spec in relations.values() for p in spec.properties)}
    for prop, kind in value_types.items():
        if kind not in VALUE_KINDS or prop not in known:
            raise SchemaError(f"schema.yaml value_types.{prop}: {kind!r} for a property "
                              f"{'never used' if prop not in known else 'of unknown kind'}")
    return Schema(version=int(data["version"]), labels=labels, relations=relations,
                  common_properties=tuple(data.get("common_properties") or ()),
                  node_properties=tuple(data.get("node_properties") or ()),
                  statuses=tuple(data["statuses"]), methods=tuple(data["methods"]),
                  value_types=value_types,
                  provenance={name: ProvenanceSpec(name=name, description=spec["description"],
                                                   checked=bool(spec["checked"]),
                                                   color=spec["color"])
                              for name, spec in (data.get("provenance") or {}).items()})


def _load_packaged() -> Schema:
    text = resources.files(__package__).joinpath("schema.yaml").read_text(encoding="utf-8")
    # the C loader when PyYAML has it: every command reads the schema at start-up
    return load_schema(yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)))


SCHEMA: Schema = _load_packaged()
