import pytest
import yaml

from diplograph.graph.errors import SchemaError
from diplograph.graph.schema import SCHEMA, load_schema

SHARED_LABELS = ["Person", "Organization", "Country", "Mechanism", "Event", "Initiative",
                 "WeaponSystem", "Place"]
SHARED_TYPES = ["HOLDS_POSITION", "MEMBER_OF", "PART_OF", "PARTICIPATES_IN", "ORGANIZES",
                "INSTANCE_OF", "SUBORDINATE_TO", "LOCATED_IN", "MET_WITH", "VISITED",
                "COOPERATES_WITH", "SEEKS_SUPPORT_FROM", "SUPPORTS", "DEVELOPS", "ACQUIRES",
                "OPPOSES", "FUNDS", "PROPOSES", "RESEMBLES"]


def test_contract_names_are_all_present():
    assert set(SHARED_LABELS) <= set(SCHEMA.labels)
    assert set(SHARED_TYPES) <= set(SCHEMA.relations)
    assert SCHEMA.symmetric_types == {"MET_WITH", "COOPERATES_WITH", "RESEMBLES"}


@pytest.mark.parametrize("rel, s, o, ok", [
    ("HOLDS_POSITION", "Person", "Organization", True),
    ("HOLDS_POSITION", "Organization", "Person", False),
    ("PART_OF", "Organization", "Country", True),
    ("PART_OF", "Organization", "Initiative", False),
    ("PART_OF", "Event", "Mechanism", True),
    ("MET_WITH", "Country", "Person", True),
    ("SUPPORTS", "Country", "WeaponSystem", True),
    ("INSTANCE_OF", "Mechanism", "Event", False),
])
def test_endpoint_rules(rel, s, o, ok):
    assert SCHEMA.allows(rel, s, o) is ok


def test_every_label_has_a_distinct_style_and_prefix():
    colors = [spec.color for spec in SCHEMA.labels.values()]
    prefixes = [spec.id_prefix for spec in SCHEMA.labels.values()]
    assert len(set(colors)) == len(colors)
    assert len(set(prefixes)) == len(prefixes)


def test_a_relation_naming_an_unknown_label_is_rejected():
    bad = {"version": 1, "statuses": ["current"], "methods": ["curated"],
           "labels": {"Person": {"id_prefix": "p", "description": "", "color": "#000",
                                 "shape": "dot"}},
           "relations": {"KNOWS": {"subject": ["Person"], "object": ["Robot"],
                                   "label": "knows", "inverse": "known by"}}}
    with pytest.raises(SchemaError, match="unknown label 'Robot'"):
        load_schema(bad)


def test_unknown_names_list_the_valid_ones():
    with pytest.raises(SchemaError, match="Valid types: HOLDS_POSITION"):
        SCHEMA.relation("LIKES")


def test_schema_yaml_parses_to_the_loaded_schema():
    from importlib import resources
    data = yaml.safe_load(resources.files("diplograph.graph").joinpath("schema.yaml").read_text())
    assert load_schema(data) == SCHEMA
