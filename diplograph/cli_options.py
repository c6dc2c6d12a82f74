"""Options and helpers shared by the command modules: the store and JSON options, the
server options, progress bars on stderr, and printing a result as text or JSON."""
from __future__ import annotations

import functools
import json
import sys
from collections.abc import Iterable, Sequence
from typing import Any, TypeVar

import click

from diplograph import api
from diplograph.graph.schema import SCHEMA
from diplograph.graph.stores import DEFAULT_STORE

T = TypeVar("T")


def progress(items: Sequence[T], label: str) -> Iterable[T]:
    """A progress bar on stderr around ``items``."""
    with click.progressbar(items, label=label, file=sys.stderr,
                           show_pos=True) as bar:  # type: ignore[var-annotated]
        yield from bar


store_option = click.option(
    "--store", envvar="DIPLOGRAPH_STORE", default=None, metavar="PATH|URI",
    help=f"Where the graph lives: a directory holding graph.db (default {DEFAULT_STORE}, or "
         "$DIPLOGRAPH_STORE), json://DIR for an old graph.json folder as it is, or a bolt:// "
         "URI.")
json_option = click.option("--json", "as_json", is_flag=True,
                           help="Print the result as JSON for scripts.")


def server_options(func: Any) -> Any:
    """--uri/--user/--database of a Bolt server; the password only from $NEO4J_PASSWORD."""
    func = click.option("--database", envvar="NEO4J_DATABASE", default=None,
                        help="Database on the server (default $NEO4J_DATABASE, else the "
                             "server's default).")(func)
    func = click.option("--user", envvar="NEO4J_USERNAME", default=None,
                        help="User name (default $NEO4J_USERNAME, else neo4j). The password "
                             "is read from $NEO4J_PASSWORD, never from the command line.")(func)
    return click.option("--uri", envvar="NEO4J_URI", default=None, metavar="URI",
                        help="Bolt server, e.g. bolt://localhost:7687 (default "
                             "$NEO4J_URI).")(func)
workers_option = click.option("--workers", type=click.IntRange(min=1), default=1,
                              show_default=True, help="Processes to extract documents with.")


def cache_option(func: Any) -> Any:
    """--cache DIR and --no-cache: reuse claims extracted from unchanged documents."""
    func = click.option("--no-cache", is_flag=True, help="Extract every document again.")(func)
    return click.option("--cache", default=api.DEFAULT_CACHE, show_default=True,
                        type=click.Path(file_okay=False),
                        help="Directory of cached extractions, keyed by content hash.")(func)


def trust_options(func: Any) -> Any:
    """--min-confidence and --checked-only, handed to the command as one ``trust`` dict
    for the api call (``api.show(name, store=store, **trust)``)."""
    @functools.wraps(func)
    def packed(*args: Any, min_confidence: float, checked_only: bool, **kwargs: Any) -> Any:
        trust = {"min_confidence": min_confidence, "checked_only": checked_only}
        return func(*args, trust=trust, **kwargs)

    packed = click.option("--checked-only", is_flag=True,
                          help="Keep only ties a person checked (curated or "
                               "confirmed).")(packed)
    return click.option("--min-confidence", default=0.0, show_default=True,
                        type=click.FloatRange(0, 1), metavar="0..1",
                        help="Keep only ties whose best citation is at least this sure "
                             "(confirmed ties count as 1).")(packed)


type_choice = click.Choice(list(SCHEMA.relations), case_sensitive=False)
label_choice = click.Choice(list(SCHEMA.labels), case_sensitive=False)


def json_text(value: Any) -> str:
    """A result as indented JSON (its ``to_dict()``; a list, each item's)."""
    data = value.to_dict() if hasattr(value, "to_dict") else value
    if isinstance(data, list):
        data = [v.to_dict() if hasattr(v, "to_dict") else v for v in data]
    return json.dumps(data, ensure_ascii=False, indent=2)


def emit(result: Any, as_json: bool, text: str | None = None) -> None:
    """Print a result: as JSON, else as ``text`` (by default the result's own text, which
    its query's renderer writes)."""
    click.echo(json_text(result) if as_json else str(result) if text is None else text)


def to_label(value: str) -> str:
    return next(lab for lab in SCHEMA.labels if lab.lower() == value.lower())
