"""The schema names the extractor emits, in one place, checked against ``SCHEMA``.

Extraction rules must say which label and relationship type they produce; this is
the only module of ``loaders.extract`` that spells those names, and importing it
fails at once if ``graph/schema.yaml`` no longer has one of them.
"""
from __future__ import annotations

from graph.errors import SchemaError
from graph.schema import SCHEMA

PERSON, ORGANIZATION, COUNTRY = "Person", "Organization", "Country"
MECHANISM, EVENT, INITIATIVE = "Mechanism", "Event", "Initiative"
WEAPON, PLACE = "WeaponSystem", "Place"

HOLDS_POSITION, MEMBER_OF, PART_OF = "HOLDS_POSITION", "MEMBER_OF", "PART_OF"
PARTICIPATES_IN, ORGANIZES, INSTANCE_OF = "PARTICIPATES_IN", "ORGANIZES", "INSTANCE_OF"
LOCATED_IN, MET_WITH, VISITED = "LOCATED_IN", "MET_WITH", "VISITED"
COOPERATES_WITH, SEEKS_SUPPORT_FROM = "COOPERATES_WITH", "SEEKS_SUPPORT_FROM"
SUPPORTS, DEVELOPS, ACQUIRES, OPPOSES = "SUPPORTS", "DEVELOPS", "ACQUIRES", "OPPOSES"
FUNDS, PROPOSES, RESEMBLES = "FUNDS", "PROPOSES", "RESEMBLES"

ACTORS = frozenset({PERSON, ORGANIZATION, COUNTRY})

for _name in (PERSON, ORGANIZATION, COUNTRY, MECHANISM, EVENT, INITIATIVE, WEAPON, PLACE):
    if _name not in SCHEMA.labels:
        raise SchemaError(f"the extractor emits label {_name!r}, which schema.yaml lacks")
for _name in (HOLDS_POSITION, MEMBER_OF, PART_OF, PARTICIPATES_IN, ORGANIZES, INSTANCE_OF,
              LOCATED_IN, MET_WITH, VISITED, COOPERATES_WITH, SEEKS_SUPPORT_FROM, SUPPORTS,
              DEVELOPS, ACQUIRES, OPPOSES, FUNDS, PROPOSES, RESEMBLES):
    if _name not in SCHEMA.relations:
        raise SchemaError(f"the extractor emits type {_name!r}, which schema.yaml lacks")
