"""The Cypher the server store sends. Labels and relationship types are interpolated only
after checking them against :data:`graph.schema.SCHEMA`; every value is a parameter.

Every node of the model carries the key label ``Entity`` (one uniqueness constraint on
``id`` serves every lookup), its primary label, and its kind as a CamelCase second label
when the kind is one the schema lists: ``:Entity:Organization:Ministry``. Source
documents are ``:Document`` nodes; a node or edge lists the ids of the documents citing
it in ``docs``, and each node is linked to those documents, ``(:Entity)-[:MENTIONED_IN]->
(:Document)``, so that Browser or Bloom shows an entity's sources one hop away and a
document's entities when it is expanded. The links are derived from ``docs`` (a pull
does not read them).

Why links rather than a node per citation (``(:Citation)-[:FROM]->(:Document)``, linked
to each end of its tie), measured on the curated seeds (65 entities, 141 ties, 5
documents): the links add 85 relationships and put each entity's documents one hop
away (1.3 per entity); citation nodes would add 248 nodes and ~660 relationships, and
expanding an entity would show ~6 citation nodes with its documents two hops further.
A tie's own sources stay one lookup away as its ``docs`` (``MATCH (d:Document) WHERE
d.id IN r.docs``, on the ``document_id`` index), and its sentences in ``evidence``. One ``:DiplographMeta`` node records the graph's own attributes and
whether the last save finished.

Examples
--------
>>> node_labels("Organization", "think_tank")
':Entity:Organization:ThinkTank'
>>> node_labels("Organization", "not-a-kind")
':Entity:Organization'
>>> rel_type("MET_WITH")
'MET_WITH'
"""
from __future__ import annotations

from diplograph.graph.errors import StoreError
from diplograph.graph.schema import SCHEMA

__all__ = ["ENTITY", "DOCUMENT", "META", "MENTIONED_IN", "kind_label", "node_labels", "rel_type",
           "MERGE_NODES", "CREATE_NODES", "UPDATE_NODES", "MERGE_EDGES",
           "CREATE_EDGES", "UPDATE_EDGES", "MERGE_DOCUMENTS"]

ENTITY = "Entity"
DOCUMENT = "Document"
META = "DiplographMeta"
MENTIONED_IN = "MENTIONED_IN"


def kind_label(kind: str) -> str:
    """``think_tank`` -> ``ThinkTank``."""
    return "".join(part[:1].upper() + part[1:] for part in kind.split("_"))


_OWN = {ENTITY, DOCUMENT, META}
_USED = set(SCHEMA.labels) | {kind_label(k) for spec in SCHEMA.labels.values() for k in spec.kinds}
if _OWN & _USED or MENTIONED_IN in SCHEMA.relations:
    raise StoreError(f"graph/schema.yaml uses a name the server store reserves: "
                     f"{', '.join(sorted((_OWN & _USED) | {MENTIONED_IN} & set(SCHEMA.relations)))}")


def node_labels(label: str, kind: str | None) -> str:
    """The label clause of a node; only names the schema lists are ever interpolated."""
    spec = SCHEMA.label(label)  # raises SchemaError on anything else
    labels = f":{ENTITY}:{spec.name}"
    if kind and kind in spec.kinds:
        labels += f":{kind_label(kind)}"
    return labels


def rel_type(name: str) -> str:
    """A relationship type, checked against the schema."""
    return SCHEMA.relation(name).name


# --- writing ---------------------------------------------------------------------------

def _props(var: str) -> str:
    """Set a node's or tie's properties from its row: ``row.props`` without the codec's
    ``_keys`` and ``_json`` lists, which most rows of a batch share and which are sent
    once, in ``$shapes``, the row holding their index as ``row.k`` (see
    :func:`graph.stores.neo4j.writer.shaped`)."""
    return f"{var} = row.props, {var} += $shapes[row.k]"


def MERGE_NODES(label: str, kind: str | None) -> str:  # noqa: N802 - a query text
    return (f"UNWIND $rows AS row MERGE (n{node_labels(label, kind)} {{id: row.id}}) "
            f"SET {_props('n')}")


def CREATE_NODES(label: str, kind: str | None) -> str:  # noqa: N802 - a query text
    """For ids known to be absent (the id constraint still refuses a duplicate); returns
    how many it wrote (``n``), and their ids and element ids, by which ties may then
    find them (see the dialect), as two lists in one row (cheaper to read than a row
    per node)."""
    return (f"UNWIND $rows AS row CREATE (n{node_labels(label, kind)}) SET {_props('n')} "
            "RETURN count(n) AS n, collect(row.id) AS ids, collect(elementId(n)) AS es")


UPDATE_NODES = f"UNWIND $rows AS row MATCH (n:{ENTITY} {{id: row.id}}) SET {_props('n')}"


def MERGE_EDGES(type_: str) -> str:  # noqa: N802 - a query text
    """A tie whether or not it exists (what a loader that reads nothing first must send)."""
    return (f"UNWIND $rows AS row MATCH (a:{ENTITY} {{id: row.s}}) "
            f"MATCH (b:{ENTITY} {{id: row.t}}) MERGE (a)-[r:{rel_type(type_)}]->(b) "
            f"SET {_props('r')}")


def CREATE_EDGES(type_: str, *, by_element_id: bool = False) -> str:  # noqa: N802
    """For ties the saver has read to be absent, their ends found by id (or, where the
    dialect says so, by element id); returns how many it wrote, as ``n``."""
    if by_element_id:
        ends = (f"MATCH (a:{ENTITY}) WHERE elementId(a) = row.s "
                f"MATCH (b:{ENTITY}) WHERE elementId(b) = row.t ")
    else:
        ends = f"MATCH (a:{ENTITY} {{id: row.s}}) MATCH (b:{ENTITY} {{id: row.t}}) "
    return (f"UNWIND $rows AS row {ends}CREATE (a)-[r:{rel_type(type_)}]->(b) "
            f"SET {_props('r')} RETURN count(r) AS n")


def UPDATE_EDGES(type_: str) -> str:  # noqa: N802 - a query text
    """For ties the saver has read to be present."""
    return (f"UNWIND $rows AS row MATCH (a:{ENTITY} {{id: row.s}})"
            f"-[r:{rel_type(type_)}]->(b:{ENTITY} {{id: row.t}}) SET {_props('r')}")


MERGE_DOCUMENTS = (f"UNWIND $rows AS row MERGE (d:{DOCUMENT} {{id: row.id}}) "
                   "SET d = row.props")
DELETE_NODES = f"UNWIND $ids AS i MATCH (n:{ENTITY} {{id: i}}) DETACH DELETE n"
DELETE_DOCUMENTS = f"UNWIND $ids AS i MATCH (d:{DOCUMENT} {{id: i}}) DETACH DELETE d"
# The links of entities to the documents that cite them (rows: s entity id, t document id).
EXISTING_MENTIONS = (f"MATCH (n:{ENTITY})-[:{MENTIONED_IN}]->(d:{DOCUMENT}) "
                     "RETURN n.id AS s, d.id AS t")
CREATE_MENTIONS = (f"UNWIND $rows AS row MATCH (n:{ENTITY} {{id: row.s}}) "
                   f"MATCH (d:{DOCUMENT} {{id: row.t}}) CREATE (n)-[m:{MENTIONED_IN}]->(d) "
                   "RETURN count(m) AS n")
DELETE_MENTIONS = (f"UNWIND $rows AS row MATCH (n:{ENTITY} {{id: row.s}})"
                   f"-[m:{MENTIONED_IN}]->(d:{DOCUMENT} {{id: row.t}}) DELETE m")
DELETE_EDGES = (f"UNWIND $rows AS row MATCH (a:{ENTITY} {{id: row.s}})-[r]->"
                f"(b:{ENTITY} {{id: row.t}}) WHERE type(r) = row.type DELETE r")
EXISTING_NODES = (f"MATCH (n:{ENTITY}) "
                  "RETURN n.id AS id, n.label AS label, n.kind AS kind, elementId(n) AS e")
EXISTING_EDGES = (f"MATCH (a:{ENTITY})-[r]->(b:{ENTITY}) "
                  "RETURN a.id AS s, type(r) AS type, b.id AS t")
EXISTING_DOCUMENTS = f"MATCH (d:{DOCUMENT}) RETURN d.id AS id"
BEGIN_SAVE = (f"MERGE (m:{META} {{id: 'graph'}}) "
              "SET m.complete = false, m.graph = $graph")
END_SAVE = (f"MATCH (m:{META} {{id: 'graph'}}) "
            "SET m.complete = true, m.nodes = $nodes, m.edges = $edges")
READ_META = f"MATCH (m:{META} {{id: 'graph'}}) RETURN m.complete AS complete, m.graph AS graph"

# --- reading ---------------------------------------------------------------------------

ALL_DOCUMENTS = f"MATCH (d:{DOCUMENT}) RETURN d.id AS id, properties(d) AS props ORDER BY id"


def NODES_OF(label: str) -> str:  # noqa: N802 - a query text
    """Every node of one label (a graph is read a label at a time, to report progress)."""
    return (f"MATCH (n:{ENTITY}:{SCHEMA.label(label).name}) "
            "RETURN n.id AS id, properties(n) AS props")


def EDGES_OF(type_: str) -> str:  # noqa: N802 - a query text
    """Every tie of one type."""
    return (f"MATCH (a:{ENTITY})-[r:{rel_type(type_)}]->(b:{ENTITY}) "
            "RETURN a.id AS s, b.id AS t, properties(r) AS props")
COUNT_LABELS = f"MATCH (n:{ENTITY}) RETURN n.label AS label, count(*) AS n"
COUNT_TYPES = f"MATCH (:{ENTITY})-[r]->(:{ENTITY}) RETURN type(r) AS type, count(*) AS n"
COUNT_DOCUMENTS = f"MATCH (d:{DOCUMENT}) RETURN count(d) AS n"
NODE_BY_ID = f"MATCH (n:{ENTITY} {{id: $id}}) RETURN n.id AS id"
# A node's lowest tier of match for a match key: 0 id, 1 name, 2 alias.
MATCH_KEY = (f"MATCH (n:{ENTITY}) WHERE n.key_id = $key OR n.key_name = $key "
             "OR $key IN n.key_aliases "
             "RETURN n.id AS id, CASE WHEN n.key_id = $key THEN 0 "
             "WHEN n.key_name = $key THEN 1 ELSE 2 END AS tier")
ALL_NAMES = f"MATCH (n:{ENTITY}) RETURN n.id AS id, n.name AS name, n.aliases AS aliases"
NODES_BY_IDS = (f"UNWIND $ids AS i MATCH (n:{ENTITY} {{id: i}}) "
                "RETURN n.id AS id, properties(n) AS props")
# Every tie touching one node, with the nodes at its other end.
INCIDENT = (f"MATCH (n:{ENTITY} {{id: $id}})-[r]-(m:{ENTITY}) "
            "RETURN startNode(r).id AS s, endNode(r).id AS t, properties(r) AS props")
# One breadth-first step: the new nodes one tie away from the frontier.
STEP = (f"UNWIND $frontier AS f MATCH (a:{ENTITY} {{id: f}})-[r]-(b:{ENTITY}) "
        "WHERE NOT b.id IN $seen AND ($types IS NULL OR type(r) IN $types) "
        "AND ($labels IS NULL OR b.label IN $labels) RETURN DISTINCT b.id AS id")
# Every tie among a set of nodes.
EDGES_AMONG = (f"UNWIND $ids AS i MATCH (a:{ENTITY} {{id: i}})-[r]->(b:{ENTITY}) "
               "WHERE b.id IN $ids RETURN a.id AS s, b.id AS t, properties(r) AS props")


def SHORTEST_PATHS(max_hops: int) -> str:  # noqa: N802 - a query text
    """Paths over the model's ties only (never through a document's links)."""
    hops = int(max_hops)  # a bound cannot be a parameter in Cypher
    types = "|".join(rel_type(t) for t in sorted(SCHEMA.relations))
    return (f"MATCH (s:{ENTITY} {{id: $source}}), (t:{ENTITY} {{id: $target}}) "
            f"MATCH p = allShortestPaths((s)-[:{types}*..{hops}]-(t)) "
            "RETURN DISTINCT [x IN nodes(p) | x.id] AS ids LIMIT $cap")
