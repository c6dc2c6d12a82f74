"""The schema names the extractor emits, in one place, checked against ``SCHEMA``.

Extraction rules must say which label and relationship type they produce; this is
the only module of ``loaders.extract`` that names them. Each constant is looked up in
``SCHEMA`` (``SCHEMA.label(...)`` / ``SCHEMA.relation(...)`` raise ``SchemaError``
naming the valid ones), so importing this module fails at once if
``graph/schema.yaml`` no longer has a name the rules emit. Groups of names are derived
from the schema's endpoint rules or built from these constants, never re-listed.
"""
from __future__ import annotations

from diplograph.graph.schema import SCHEMA

__all__ = ["PERSON", "ORGANIZATION", "COUNTRY", "MECHANISM", "EVENT", "INITIATIVE", "WEAPON",
           "PLACE", "HOLDS_POSITION", "MEMBER_OF", "PART_OF", "PARTICIPATES_IN", "ORGANIZES",
           "INSTANCE_OF", "LOCATED_IN", "MET_WITH", "VISITED", "COOPERATES_WITH",
           "SEEKS_SUPPORT_FROM", "SUPPORTS", "DEVELOPS", "ACQUIRES", "OPPOSES", "FUNDS",
           "PROPOSES", "RESEMBLES", "ACTORS", "DATED"]

PERSON = SCHEMA.label("Person").name
ORGANIZATION = SCHEMA.label("Organization").name
COUNTRY = SCHEMA.label("Country").name
MECHANISM = SCHEMA.label("Mechanism").name
EVENT = SCHEMA.label("Event").name
INITIATIVE = SCHEMA.label("Initiative").name
WEAPON = SCHEMA.label("WeaponSystem").name
PLACE = SCHEMA.label("Place").name

HOLDS_POSITION = SCHEMA.relation("HOLDS_POSITION").name
MEMBER_OF = SCHEMA.relation("MEMBER_OF").name
PART_OF = SCHEMA.relation("PART_OF").name
PARTICIPATES_IN = SCHEMA.relation("PARTICIPATES_IN").name
ORGANIZES = SCHEMA.relation("ORGANIZES").name
INSTANCE_OF = SCHEMA.relation("INSTANCE_OF").name
LOCATED_IN = SCHEMA.relation("LOCATED_IN").name
MET_WITH = SCHEMA.relation("MET_WITH").name
VISITED = SCHEMA.relation("VISITED").name
COOPERATES_WITH = SCHEMA.relation("COOPERATES_WITH").name
SEEKS_SUPPORT_FROM = SCHEMA.relation("SEEKS_SUPPORT_FROM").name
SUPPORTS = SCHEMA.relation("SUPPORTS").name
DEVELOPS = SCHEMA.relation("DEVELOPS").name
ACQUIRES = SCHEMA.relation("ACQUIRES").name
OPPOSES = SCHEMA.relation("OPPOSES").name
FUNDS = SCHEMA.relation("FUNDS").name
PROPOSES = SCHEMA.relation("PROPOSES").name
RESEMBLES = SCHEMA.relation("RESEMBLES").name

#: The labels that act: whatever may take part in an event or mechanism.
ACTORS = frozenset(SCHEMA.relation(PARTICIPATES_IN).subject)
#: Types that record one happening, so a date written beside them dates the claim
#: (a post, a membership or a resemblance is not dated by a date in its sentence).
DATED = frozenset({MET_WITH, VISITED, PROPOSES, FUNDS, ACQUIRES, PARTICIPATES_IN, ORGANIZES,
                   SEEKS_SUPPORT_FROM, OPPOSES, SUPPORTS})
