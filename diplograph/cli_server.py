"""Commands for a Neo4j server: push, pull and cypher. The password is read from
$NEO4J_PASSWORD only, never from the command line."""
from __future__ import annotations

import json
from typing import Any

import click

from diplograph import api
from diplograph.cli_options import emit, json_option, progress, server_options, store_option
from diplograph.graph.queries.display import table


@click.command()
@store_option
@server_options
@json_option
def push(store: str | None, uri: str | None, user: str | None, database: str | None,
         as_json: bool) -> None:
    """Copy the local graph (--store) to a Neo4j server, replacing the graph there.

    Batched and idempotent: if a push fails part-way, run it again. The password is
    read from $NEO4J_PASSWORD.

    Example: NEO4J_PASSWORD=... diplograph push --uri bolt://localhost:7687
    """
    emit(api.push(store=store, uri=uri, user=user, database=database, progress=progress),
         as_json)


@click.command()
@store_option
@server_options
@json_option
def pull(store: str | None, uri: str | None, user: str | None, database: str | None,
         as_json: bool) -> None:
    """Copy the graph of a Neo4j server into the local store (--store), replacing it.

    Example: diplograph pull --uri bolt://localhost:7687 --store pulled/
    """
    emit(api.pull(store=store, uri=uri, user=user, database=database, progress=progress),
         as_json)


def _param(ctx: click.Context, option: click.Parameter, values: tuple[str, ...]
           ) -> dict[str, Any]:
    params: dict[str, Any] = {}
    for item in values:
        key, sep, text = item.partition("=")
        if not sep or not key:
            raise click.BadParameter(f"{item!r} is not KEY=VALUE", ctx, option)
        try:
            params[key] = json.loads(text)
        except ValueError:
            params[key] = text
    return params


@click.command()
@click.argument("query")
@click.option("--param", "params", multiple=True, metavar="KEY=VALUE", callback=_param,
              help="A query parameter ($KEY); VALUE is JSON if it parses, else a string.")
@click.option("--write", is_flag=True, help="Allow a query that writes.")
@server_options
@json_option
def cypher(query: str, params: dict[str, Any], write: bool, uri: str | None, user: str | None,
           database: str | None, as_json: bool) -> None:
    """Run a Cypher QUERY on a Neo4j server and print its rows.

    Read-only unless --write is given: write clauses and procedures not known to only
    read are refused, and the query runs in a read transaction.

    Example: diplograph cypher "MATCH (n:Organization:Ministry) RETURN n.name" --uri bolt://localhost:7687
    """
    result = api.cypher(query, params, write=write, uri=uri, user=user, database=database)
    emit(result, as_json, rows_text(result))


def rows_text(result: Any) -> str:
    """The rows of an ad-hoc query as a table; lists and maps as compact JSON."""
    def cell(value: Any) -> str:
        if isinstance(value, list | dict):
            return json.dumps(value, ensure_ascii=False)
        return "" if value is None else str(value)
    text = table([[cell(v) for v in row] for row in result.rows], result.columns)
    counters = ", ".join(f"{k}: {v}" for k, v in result.counters.items())
    return text + (f"\n({counters})" if counters else "") + f"\n{len(result.rows)} row(s)"


COMMANDS = [push, pull, cypher]
