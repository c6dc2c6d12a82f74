"""The relationship types and labels the analytic queries are *about*, named once.

Queries such as "who holds which post" or "which side is a delegate on" are
inherently about particular relationship types. Their names live here, as module
constants checked against :data:`graph.schema.SCHEMA` at import, so a rename in
``schema.yaml`` fails loudly here instead of silently emptying a query.

Examples
--------
>>> ACTOR_LABELS == SCHEMA.relation(PARTICIPATES_IN).subject
True
>>> SIDE_LABEL in ACTOR_LABELS
True
"""
from __future__ import annotations

from diplograph.graph.schema import SCHEMA

__all__ = ["HOLDS_POSITION", "PART_OF", "MEMBER_OF", "PARTICIPATES_IN", "ORGANIZES",
           "INSTANCE_OF", "LOCATED_IN", "FUNDS", "SUBORDINATE_TO", "AFFILIATION_TYPES",
           "VENUE_TYPES", "ACTOR_LABELS", "VENUE_LABELS", "SIDE_LABEL", "DATE_FIELDS"]

HOLDS_POSITION = SCHEMA.relation("HOLDS_POSITION").name
PART_OF = SCHEMA.relation("PART_OF").name
MEMBER_OF = SCHEMA.relation("MEMBER_OF").name
PARTICIPATES_IN = SCHEMA.relation("PARTICIPATES_IN").name
ORGANIZES = SCHEMA.relation("ORGANIZES").name
INSTANCE_OF = SCHEMA.relation("INSTANCE_OF").name
LOCATED_IN = SCHEMA.relation("LOCATED_IN").name
FUNDS = SCHEMA.relation("FUNDS").name
SUBORDINATE_TO = SCHEMA.relation("SUBORDINATE_TO").name

#: Ties that place an actor inside a larger one: an official in a ministry, a ministry
#: in a country, a member in a body. Followed upwards to find an actor's side.
AFFILIATION_TYPES: tuple[str, ...] = (HOLDS_POSITION, PART_OF, MEMBER_OF)
#: Ties by which an actor takes part in a mechanism or event.
VENUE_TYPES: tuple[str, ...] = (PARTICIPATES_IN, ORGANIZES, MEMBER_OF)

#: Who can take part in something: the subjects of PARTICIPATES_IN.
ACTOR_LABELS: tuple[str, ...] = SCHEMA.relation(PARTICIPATES_IN).subject
#: What can be taken part in: the objects of PARTICIPATES_IN.
VENUE_LABELS: tuple[str, ...] = SCHEMA.relation(PARTICIPATES_IN).object
#: The label of a side in a bilateral or multilateral channel.
SIDE_LABEL: str = SCHEMA.label("Country").name

#: Properties (of nodes and ties) that date a claim, in the order they are reported.
DATE_FIELDS: tuple[str, ...] = tuple(f for f in ("date", "start", "end")
                                     if f in SCHEMA.common_properties)
