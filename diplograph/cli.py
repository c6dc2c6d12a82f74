"""The ``diplograph`` command. Each command parses its options, calls one function of
:mod:`diplograph.api` with the same name, and prints the result (a table, or JSON with
``--json``). Library errors become one-line ``Error:`` messages."""
from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Sequence
from typing import Any, TypeVar

import click

from diplograph import api, render, render_analysis
from graph.errors import DiplographError
from graph.schema import SCHEMA
from graph.stores import DEFAULT_STORE
from graph.queries.centrality import MEASURES
from viz.exports import EXPORTERS
from viz.present import SIZE_BY

T = TypeVar("T")


class DiplographGroup(click.Group):
    """Turns library errors into ``click.ClickException`` and a closed pipe into a quiet exit."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except DiplographError as exc:
            raise click.ClickException(str(exc)) from None
        except BrokenPipeError:
            sys.stderr.close()
            raise click.Abort() from None


def progress(items: Sequence[T], label: str) -> Iterable[T]:
    """A progress bar on stderr around ``items``."""
    with click.progressbar(items, label=label, file=sys.stderr,
                           show_pos=True) as bar:  # type: ignore[var-annotated]
        yield from bar


store_option = click.option(
    "--store", envvar="DIPLOGRAPH_STORE", default=None, metavar="PATH|URI",
    help=f"Where the graph lives: a directory (default {DEFAULT_STORE}, or $DIPLOGRAPH_STORE) "
         "or a bolt:// URI.")
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


type_choice = click.Choice(list(SCHEMA.relations), case_sensitive=False)
label_choice = click.Choice(list(SCHEMA.labels), case_sensitive=False)


def emit(result: Any, as_json: bool, text: str) -> None:
    click.echo(render.as_json(result) if as_json else text)


@click.group(cls=DiplographGroup)
@click.version_option(package_name="diplograph")
def cli() -> None:
    """diplograph: a cited relationship graph of diplomacy and defence.

    Build the graph from curated YAML and documents, ask it questions, and draw it
    as an offline page. Every tie shows the sources it came from.

    Example: diplograph build && diplograph show "Monterey Talks"
    """


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(exists=True))
@store_option
@workers_option
@cache_option
@json_option
def build(paths: tuple[str, ...], store: str | None, workers: int, cache: str | None,
          no_cache: bool, as_json: bool) -> None:
    """Build the graph from PATHS (default: seeds/) into the store.

    Curated YAML and document folders are merged; the store is replaced only when
    every input is valid, and building the same inputs twice gives the same graph.

    Example: diplograph build seeds/
    """
    result = api.build(list(paths) or None, store=store, progress=progress, workers=workers,
                       cache=None if no_cache else cache)
    text = f"Built {result.store} from {', '.join(result.inputs)}\n{render.stats(result.stats)}"
    text += "".join(f"\n{note}" for note in result.notes)
    emit(result, as_json, text)


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True))
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False),
              help="Where to write the graph's JSON export.")
@workers_option
@cache_option
@json_option
def extract(paths: tuple[str, ...], output: str, workers: int, cache: str | None,
            no_cache: bool, as_json: bool) -> None:
    """Extract entities and ties from the documents under PATHS (.txt .md .html .pdf)
    and write them, with their citations, as a JSON graph export. Curated seeds are not
    included; files that cannot be read are skipped with a one-line warning.

    Example: diplograph extract seeds/texts -o extracted.json
    """
    result = api.extract(list(paths), output=output, workers=workers,
                         cache=None if no_cache else cache, progress=progress)
    for warning in result.warnings:
        click.echo(f"Warning: {warning}", err=True)
    emit(result, as_json, f"Extracted {result.nodes} nodes and {result.edges} edges from "
                          f"{result.documents} documents into {result.output}")


@cli.command()
@store_option
@json_option
def stats(store: str | None, as_json: bool) -> None:
    """Count nodes by label and edges by type.

    Example: diplograph stats --json
    """
    result = api.stats(store=store)
    emit(result, as_json, render.stats(result))


@cli.command()
@click.argument("name")
@store_option
@json_option
def show(name: str, store: str | None, as_json: bool) -> None:
    """Show one node: its aliases and every tie with its citations.

    NAME is an id, a name or an alias, matched ignoring case and accents.

    Example: diplograph show "francois wu"
    """
    result = api.show(name, store=store)
    emit(result, as_json, render.detail(result))


@cli.command()
@click.argument("name")
@click.option("--depth", default=1, show_default=True, type=click.IntRange(0, 10),
              help="How many ties away to go.")
@click.option("--type", "types", multiple=True, type=type_choice,
              help="Follow only ties of this type (repeatable).")
@click.option("--label", "labels", multiple=True, type=label_choice,
              help="Reach only nodes with this label (repeatable).")
@store_option
@json_option
def neighbors(name: str, depth: int, types: tuple[str, ...], labels: tuple[str, ...],
              store: str | None, as_json: bool) -> None:
    """List the nodes within --depth ties of NAME, in either direction.

    Example: diplograph neighbors "Monterey Talks" --type PARTICIPATES_IN
    """
    result = api.neighbors(name, depth=depth, types=[t.upper() for t in types] or None,
                           labels=[_label(lab) for lab in labels] or None, store=store)
    emit(result, as_json, render.neighborhood(result))


def _label(value: str) -> str:
    return next(lab for lab in SCHEMA.labels if lab.lower() == value.lower())


@cli.command()
@click.argument("source")
@click.argument("target")
@click.option("--max-hops", default=6, show_default=True, type=click.IntRange(1, 20),
              help="Longest path to look for.")
@click.option("--all", "all_paths", is_flag=True,
              help="Every simple path up to --max-hops, best attested first.")
@click.option("--via", type=label_choice, default=None,
              help="Only paths through a node with this label.")
@click.option("--limit", default=10, show_default=True, type=click.IntRange(1, 1000),
              help="How many paths to show.")
@store_option
@json_option
def path(source: str, target: str, max_hops: int, all_paths: bool, via: str | None, limit: int,
         store: str | None, as_json: bool) -> None:
    """Show the shortest paths from SOURCE to TARGET, each hop with its citations.

    With --all, every path up to --max-hops, ranked by the documents behind its weakest
    hop; --via keeps paths through a node of that label.

    Example: diplograph path Taiwan "United States" --all --max-hops 2 --via Mechanism
    """
    result = api.path(source, target, max_hops=max_hops, all_paths=all_paths,
                      via=_label(via) if via else None, limit=limit, store=store)
    ranked = all_paths or via is not None
    emit(result, as_json, render_analysis.ranked_paths(result) if ranked else render.paths(result))


@cli.command()
@click.option("--format", "fmt", required=True, type=click.Choice(list(EXPORTERS)),
              help="Output format.")
@click.option("-o", "--output", required=True, type=click.Path(writable=True),
              help="File to write (for csv: a directory, given nodes.csv, documents.csv "
                   "and relationships.csv).")
@store_option
@json_option
def export(fmt: str, output: str, store: str | None, as_json: bool) -> None:
    """Export the graph to a file (JSON as in SCHEMA.md, GraphML, GEXF, ...).

    Example: diplograph export --format json -o graph.json
    """
    result = api.export(fmt, output, store=store)
    emit(result, as_json,
         f"Wrote {result.nodes} nodes and {result.edges} edges to {result.path} ({fmt})")


# The analyst's questions (issue 5).
@cli.command()
@click.argument("a")
@click.argument("b")
@store_option
@json_option
def between(a: str, b: str, store: str | None, as_json: bool) -> None:
    """List the mechanisms and events in which both A and B take part.

    Participation counts directly or through officials (their posts) and ministries
    (what they are part of); each side's participants are shown with their roles and
    citations.

    Example: diplograph between Taiwan "United States"
    """
    result = api.between(a, b, store=store)
    emit(result, as_json, render_analysis.between(result))


@cli.command()
@click.argument("mechanism")
@store_option
@json_option
def who(mechanism: str, store: str | None, as_json: bool) -> None:
    """Show who takes part in MECHANISM (a mechanism or event), by side.

    With roles, delegation sizes, leaders, funding, places and dates, and for a recurring
    mechanism its known rounds in order.

    Example: diplograph who "Defense Policy Special Conference"
    """
    result = api.who(mechanism, store=store)
    emit(result, as_json, render_analysis.who(result))


@cli.command()
@click.argument("name")
@click.option("--as-of", default=None, metavar="DATE",
              help="Only posts held on this date (2025, 2025-10 or 2025-10-10).")
@store_option
@json_option
def posts(name: str, as_of: str | None, store: str | None, as_json: bool) -> None:
    """List the posts NAME held (a person) or the posts held in NAME (a body).

    Example: diplograph posts "Ministry of Foreign Affairs (Taiwan)" --as-of 2025-11
    """
    result = api.posts(name, as_of=as_of, store=store)
    emit(result, as_json, render_analysis.posts(result))


@cli.command()
@click.option("--by", default="degree", show_default=True,
              type=click.Choice(list(MEASURES)), help="Centrality measure.")
@click.option("--label", default=None, type=label_choice, help="Rank only nodes with this label.")
@click.option("--top", default=10, show_default=True, type=click.IntRange(1, 10_000),
              help="How many to show.")
@store_option
@json_option
def rank(by: str, label: str | None, top: int, store: str | None, as_json: bool) -> None:
    """Rank nodes by centrality: brokers (betweenness) and hubs (degree, pagerank).

    Example: diplograph rank --by betweenness --label Person --top 5
    """
    result = api.rank(by=by, label=_label(label) if label else None, top=top, store=store)
    emit(result, as_json, render_analysis.ranking(result))


@cli.command()
@click.option("--min-size", default=1, show_default=True, type=click.IntRange(1, None),
              help="Leave out smaller communities.")
@store_option
@json_option
def communities(min_size: int, store: str | None, as_json: bool) -> None:
    """Find clusters (Louvain, fixed seed) with their most connected members.

    Example: diplograph communities --min-size 3
    """
    result = api.communities(min_size=min_size, store=store)
    emit(result, as_json, render_analysis.communities(result))


@cli.command()
@click.option("--since", default=None, metavar="DATE", help="Only claims dated on or after.")
@click.option("--until", default=None, metavar="DATE", help="Only claims dated on or before.")
@click.option("--about", default=None, metavar="NAME",
              help="Only claims about this node (its ties and its neighbours' dates).")
@store_option
@json_option
def timeline(since: str | None, until: str | None, about: str | None, store: str | None,
             as_json: bool) -> None:
    """List dated claims in order (meetings, visits, budgets, announcements).

    Example: diplograph timeline --since 2025-09 --about "François Wu"
    """
    result = api.timeline(since=since, until=until, about=about, store=store)
    emit(result, as_json, render_analysis.timeline(result))


@cli.command()
@store_option
@json_option
def contradictions(store: str | None, as_json: bool) -> None:
    """List claims that cannot all be true, with the conflicting citations side by side.

    Different titles or posts for one person, different amounts for one funding,
    different dates for one event or visit, one post given to two people.

    Example: diplograph contradictions
    """
    result = api.contradictions(store=store)
    emit(result, as_json, render_analysis.contradictions(result))


@cli.command()
@click.argument("old")
@click.argument("new")
@json_option
def diff(old: str, new: str, as_json: bool) -> None:
    """Show what changed from OLD to NEW (each a store or a JSON export).

    Nodes and ties added and removed, and ties whose properties or citations changed.

    Example: diplograph diff before.json diplograph-data
    """
    result = api.diff(old, new)
    emit(result, as_json, render_analysis.diff(result))


@cli.command()
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
    result = api.push(store=store, uri=uri, user=user, database=database)
    emit(result, as_json, f"Pushed {result.stats.nodes} nodes and {result.stats.edges} edges "
                          f"from {result.source} to {result.target}")


@cli.command()
@store_option
@server_options
@json_option
def pull(store: str | None, uri: str | None, user: str | None, database: str | None,
         as_json: bool) -> None:
    """Copy the graph of a Neo4j server into the local store (--store), replacing it.

    Example: diplograph pull --uri bolt://localhost:7687 --store pulled/
    """
    result = api.pull(store=store, uri=uri, user=user, database=database)
    emit(result, as_json, f"Pulled {result.stats.nodes} nodes and {result.stats.edges} edges "
                          f"from {result.source} to {result.target}")


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


@cli.command()
@click.argument("query")
@click.option("--param", "params", multiple=True, metavar="KEY=VALUE", callback=_param,
              help="A query parameter ($KEY); VALUE is JSON if it parses, else a string.")
@click.option("--write", is_flag=True, help="Allow a query that writes.")
@server_options
@json_option
def cypher(query: str, params: dict[str, Any], write: bool, uri: str | None, user: str | None,
           database: str | None, as_json: bool) -> None:
    """Run a Cypher QUERY on a Neo4j server and print its rows.

    Read-only (a read transaction; write clauses refused) unless --write is given.

    Example: diplograph cypher "MATCH (n:Organization:Ministry) RETURN n.name" --uri bolt://localhost:7687
    """
    result = api.cypher(query, params, write=write, uri=uri, user=user, database=database)
    emit(result, as_json, render.cypher(result))


@cli.command()
@click.option("-o", "--output", default=None, type=click.Path(dir_okay=False, writable=True),
              help="File to write (default graph.html, or graph.png/.svg with --format).")
@click.option("--format", "fmt", default=None, type=click.Choice(list(api.PAGE_FORMATS)),
              help="html (interactive, offline), png or svg (static). Default: from -o.")
@click.option("--focus", default=None, metavar="NAME",
              help="Draw only the neighbourhood of this node (id, name or alias).")
@click.option("--depth", default=1, show_default=True, type=click.IntRange(0, 10),
              help="With --focus: how many ties away to go.")
@click.option("--label", "labels", multiple=True, type=label_choice,
              help="Keep only nodes with this label (repeatable).")
@click.option("--type", "types", multiple=True, type=type_choice,
              help="Keep only ties of this type (repeatable).")
@click.option("--since", default=None, metavar="DATE", help="Dated ties on or after DATE.")
@click.option("--until", default=None, metavar="DATE", help="Dated ties on or before DATE.")
@click.option("--as-of", "as_of", default=None, metavar="DATE",
              help="Posts and ties that held on DATE.")
@click.option("--min-sources", default=0, type=click.IntRange(0, None),
              help="Keep ties cited by at least N distinct documents.")
@click.option("--size-by", default="degree", show_default=True,
              type=click.Choice(list(SIZE_BY)), help="What node size shows.")
@click.option("--title", default=None, help="Page title.")
@click.option("--physics/--no-physics", default=None,
              help="Force the page's physics on or off at load (default: on for small "
                   "graphs; large ones get precomputed positions).")
@store_option
@json_option
def viz(output: str | None, fmt: str | None, focus: str | None, depth: int,
        labels: tuple[str, ...], types: tuple[str, ...], since: str | None, until: str | None,
        as_of: str | None, min_sources: int, size_by: str, title: str | None,
        physics: bool | None, store: str | None, as_json: bool) -> None:
    """Draw the graph as one offline HTML page (search, filters, focus, sources panel),
    or as a PNG/SVG picture with a legend.

    Example: diplograph viz -o seeds.html --focus "Monterey Talks" --depth 2
    """
    result = api.viz(output or f"graph.{fmt or 'html'}", format=fmt, focus=focus, depth=depth,
                     labels=[_label(lab) for lab in labels] or None,
                     types=[t.upper() for t in types] or None, since=since, until=until,
                     as_of=as_of, min_sources=min_sources, size_by=size_by, title=title,
                     physics=physics, store=store)
    emit(result, as_json,
         f"Wrote {result.nodes} nodes and {result.edges} ties to {result.path} ({result.format})")
