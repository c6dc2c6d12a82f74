"""The ``diplograph`` command. Each command parses its options, calls one function of
:mod:`diplograph.api` with the same name, and prints the result (a table, or JSON with
``--json``). Library errors become one-line ``Error:`` messages."""
from __future__ import annotations

import sys
from typing import Any

import click

from diplograph import api, cli_analysis, cli_corrections, cli_server, render, render_analysis
from diplograph.cli_options import (
    cache_option,
    emit,
    json_option,
    label_choice,
    progress,
    store_option,
    to_label,
    trust_options,
    type_choice,
    workers_option,
)
from diplograph.graph.errors import DiplographError
from diplograph.viz.exports import EXPORTERS
from diplograph.viz.present import COLOR_BY, SIZE_BY


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

    Documents (.txt .md .html .pdf) get the id NAME#HASH. A text file may start with
    front matter between two '---' lines (title:, outlet:, date:, url:). A documents:
    list (documents.yaml, or any curated file) gives a document's title, outlet, date
    and url, naming it by id, file name (article.txt) or path end (texts/article.txt),
    for plain-text files too; curated records cite documents the same way, and a
    reference to no document of the build is an error at its line.

    Corrections files (corrections*.yaml; see `diplograph fix`) are applied after
    extraction and curation; one that matches nothing is reported as stale.

    Example: diplograph build seeds/
    """
    result = api.build(list(paths) or None, store=store, progress=progress, workers=workers,
                       cache=None if no_cache else cache)
    for stale in result.stale:
        click.echo(f"Warning: {stale}", err=True)
    text = f"Built {result.store} from {', '.join(result.inputs)}\n{render.stats(result.stats)}"
    if result.corrections:
        text += f"\n{result.corrections} corrections applied"
    text += "".join(f"\n{note}" for note in result.notes)
    emit(result, as_json, text)


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True))
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False),
              help="Where to write the graph's JSON export; - for stdout (the summary "
                   "then goes to stderr).")
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
    to_stdout = output == "-"
    result = api.extract(list(paths), output=sys.stdout if to_stdout
                         else output, workers=workers, cache=None if no_cache else cache,
                         progress=progress)
    for warning in result.warnings:
        click.echo(f"Warning: {warning}", err=True)
    summary = (render.as_json(result) if as_json else
               f"Extracted {result.nodes} nodes and {result.edges} edges from "
               f"{result.documents} documents into {'stdout' if to_stdout else result.output}")
    click.echo(summary, err=to_stdout)


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
                           labels=[to_label(lab) for lab in labels] or None, store=store)
    emit(result, as_json, render.neighborhood(result))



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
                      via=to_label(via) if via else None, limit=limit, store=store)
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
@trust_options
@click.option("--size-by", default="degree", show_default=True,
              type=click.Choice(list(SIZE_BY)), help="What node size shows.")
@click.option("--color-by", default="label", show_default=True,
              type=click.Choice(list(COLOR_BY)),
              help="What node colour shows: the label, or the Louvain community (as in "
                   "`diplograph communities`; shapes still show the label).")
@click.option("--title", default=None, help="Page title.")
@click.option("--physics/--no-physics", default=None,
              help="Force the page's physics on or off at load (default: on for small "
                   "graphs; large ones get precomputed positions).")
@store_option
@json_option
def viz(output: str | None, fmt: str | None, focus: str | None, depth: int,
        labels: tuple[str, ...], types: tuple[str, ...], since: str | None, until: str | None,
        as_of: str | None, min_sources: int, min_confidence: float, checked_only: bool,
        size_by: str, color_by: str, title: str | None, physics: bool | None,
        store: str | None, as_json: bool) -> None:
    """Draw the graph as one offline HTML page (search, filters, focus, sources panel),
    or as a PNG/SVG picture with a legend.

    Example: diplograph viz -o seeds.html --focus "Monterey Talks" --depth 2
    """
    result = api.viz(output or f"graph.{fmt or 'html'}", format=fmt, focus=focus, depth=depth,
                     labels=[to_label(lab) for lab in labels] or None,
                     types=[t.upper() for t in types] or None, since=since, until=until,
                     as_of=as_of, min_sources=min_sources, min_confidence=min_confidence,
                     checked_only=checked_only, size_by=size_by,
                     color_by=color_by, title=title, physics=physics, store=store)
    emit(result, as_json,
         f"Wrote {result.nodes} nodes and {result.edges} ties to {result.path} ({result.format})")


for command in (*cli_analysis.COMMANDS, *cli_server.COMMANDS, *cli_corrections.COMMANDS):
    cli.add_command(command)
