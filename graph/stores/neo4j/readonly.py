"""The read-only rule of ``diplograph cypher``: what a query without ``--write`` may do.

The rule is kept by four layers, each stopping what the one before it cannot see:

1. **Before sending** (:func:`check_read_only`, here): the query is split into tokens the
   way Cypher reads it (comments, string literals and backticked names are single
   tokens, so a keyword inside them counts for nothing, and a ``//`` comment ends at a
   carriage return as Cypher's does), and it is refused if a clause that writes or
   administers appears (``CREATE``, ``INSERT``, ``MERGE``, ``SET``, ``DELETE``,
   ``REMOVE``, ``FOREACH``, ``LOAD CSV``, ``CALL {...} IN TRANSACTIONS``, schema and
   admin commands), wherever it is, a ``CALL {}`` subquery included. This is the only
   layer that acts on every server the same way, before anything runs.
2. **The procedure allow-list** (here too): ``CALL name`` is refused unless ``name`` is
   a procedure known to only read (:data:`READ_PROCEDURES`), and functions that run
   Cypher text (``apoc.cypher.*``) are refused. A procedure can write from a string
   (``apoc.do.when``), or without any clause at all (``apoc.refactor.mergeNodes``,
   ``apoc.create.node``): no keyword check can see that.
3. **The session's access mode** (the store): the query runs in a READ transaction.
   Neo4j refuses any write in it, by clause or by procedure, with
   ``Neo.ClientError.Statement.AccessMode`` (measured on 5.26: CREATE, MERGE, SET,
   DELETE, INSERT, a write in ``CALL {}``, ``apoc.do.when``, ``apoc.create.node``,
   ``apoc.cypher.run``). ArcadeDB does not: it commits writes made in a read
   transaction.
4. **Rollback on evidence** (the store): if the result's counters say the graph changed
   (``contains_updates``, ``contains_system_updates``), the transaction is rolled back
   and the query refused. This catches a write on a server that ignores the access mode
   and reports it; a write no layer above saw, on a server that neither refuses nor
   counts it, is the one case left, which is why layers 1 and 2 refuse by default.

Examples
--------
>>> check_read_only("MATCH (n) WHERE n.name = 'CREATE' RETURN n // SET n.x = 1")
>>> check_read_only("MATCH (n) // note\\rDETACH DELETE n")
Traceback (most recent call last):
...
diplograph.graph.errors.StoreError: This query writes to the database (DETACH at line 2, column 1); pass write=True to allow it
>>> check_read_only("CALL apoc.do.when(true, 'RETURN 1', '', {})")
Traceback (most recent call last):
...
diplograph.graph.errors.StoreError: This query calls apoc.do.when (line 1, column 6), which is not a read-only procedure diplograph knows; pass write=True to allow it
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from diplograph.graph.errors import StoreError

__all__ = ["check_read_only", "tokens", "Token", "WRITE_CLAUSES", "READ_PROCEDURES"]

# Keywords that begin a clause or command that writes (or administers) the database.
WRITE_CLAUSES = frozenset({
    "CREATE", "INSERT", "MERGE", "SET", "DELETE", "DETACH", "REMOVE", "FOREACH", "LOAD",
    "DROP", "ALTER", "RENAME", "GRANT", "DENY", "REVOKE", "START", "STOP", "TERMINATE",
    "ENABLE", "DEALLOCATE", "REALLOCATE", "DRYRUN"})

# Procedures that only read: the schema and metadata ones, and APOC's path finders.
# A name ending in ".*" allows that whole family (each of its members reads only).
READ_PROCEDURES = frozenset({
    "db.labels", "db.relationshipTypes", "db.propertyKeys", "db.info", "db.ping",
    "db.schema.visualization", "db.schema.nodeTypeProperties",
    "db.schema.relTypeProperties", "dbms.components", "apoc.help", "apoc.meta.*",
    "apoc.path.*", "apoc.algo.*", "apoc.neighbors.*"})

# Functions that run Cypher given as text, which the checks above cannot read.
_CYPHER_FUNCTIONS = ("apoc.cypher.",)

_TOKEN = re.compile(r"""
    (?P<space>\s+)
  | (?P<comment>//[^\r\n\x0b\x0c\x85\u2028\u2029]*|/\*.*?(?:\*/|\Z))
  | (?P<string>'(?:[^'\\]|\\.)*(?:'|\Z)|"(?:[^"\\]|\\.)*(?:"|\Z))
  | (?P<name>`(?:[^`]|``)*(?:`|\Z))
  | (?P<word>[^\W\d]\w*)
  | (?P<other>\S)
""", re.VERBOSE | re.DOTALL)


@dataclass(frozen=True, slots=True)
class Token:
    kind: str  # word, name (backticked), string, other (a symbol or number)
    text: str
    line: int
    column: int


def tokens(query: str) -> Iterator[Token]:
    """The tokens of ``query`` that Cypher reads as code: not spaces, not comments.

    An unterminated string, name or block comment runs to the end (as the server would
    refuse it anyway).

    >>> [t.text for t in tokens("MATCH (n) /* CREATE */ RETURN n.`x` // DELETE")]
    ['MATCH', '(', 'n', ')', 'RETURN', 'n', '.', '`x`']
    """
    line, line_start = 1, 0
    for match in _TOKEN.finditer(query):
        kind, text = match.lastgroup or "other", match.group()
        if kind not in ("space", "comment"):
            yield Token(kind, text, line, match.start() - line_start + 1)
        breaks = list(re.finditer(r"\r\n?|\n", text))
        if breaks:
            line += len(breaks)
            line_start = match.start() + breaks[-1].end()


def _unquote(token: Token) -> str:
    return token.text[1:-1].replace("``", "`") if token.kind == "name" else token.text


def _dotted_name(stream: list[Token], start: int) -> str:
    """The (possibly namespaced) name that begins at ``stream[start]``."""
    parts, i = [], start
    while i < len(stream) and stream[i].kind in ("word", "name"):
        parts.append(_unquote(stream[i]))
        if i + 2 < len(stream) and stream[i + 1].text == ".":
            i += 2
        else:
            break
    return ".".join(parts)


def _allowed(procedure: str) -> bool:
    return procedure in READ_PROCEDURES or any(
        family.endswith(".*") and procedure.startswith(family[:-1])
        for family in READ_PROCEDURES)


def check_read_only(query: str) -> None:
    """Refuse ``query`` (``StoreError``) if it may write: a write clause anywhere, a
    procedure not known to only read, or a function that runs Cypher text."""
    stream = list(tokens(query))
    for i, token in enumerate(stream):
        if token.kind != "word":
            continue
        before = stream[i - 1].text if i else ""
        after = stream[i + 1].text if i + 1 < len(stream) else ""
        if before in (".", ":", "$") or after == ":":
            continue  # a property key, label, parameter or map key, not a clause
        word = token.text.upper()
        if word in WRITE_CLAUSES or (word == "IN" and after.upper() == "TRANSACTIONS"):
            raise StoreError(f"This query writes to the database ({token.text} at line "
                             f"{token.line}, column {token.column}); pass {{write}} to allow "
                             "it", write="write=True")
        if word == "CALL" and after not in ("{", "("):
            target = stream[i + 1] if i + 1 < len(stream) else token
            name = _dotted_name(stream, i + 1)
            if not _allowed(name):
                raise StoreError(
                    f"This query calls {name or 'a procedure'} (line {target.line}, column "
                    f"{target.column}), which is not a read-only procedure diplograph "
                    "knows; pass {write} to allow it", write="write=True")
        elif _dotted_name(stream, i).casefold().startswith(_CYPHER_FUNCTIONS):
            raise StoreError(f"This query runs Cypher text through "
                             f"{_dotted_name(stream, i)} (line {token.line}, column "
                             f"{token.column}), which diplograph cannot check; pass {{write}} "
                             "to allow it", write="write=True")
