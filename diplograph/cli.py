"""The ``diplograph`` command. Each command parses its options, calls one function of
:mod:`diplograph.api` with the same name, and prints the result (a table, or JSON with
``--json``). Library errors become one-line ``Error:`` messages."""
from __future__ import annotations

import sys
from collections.abc import Iterable, Sequence
from typing import Any, TypeVar

import click

from diplograph import api, render
from graph.errors import DiplographError
from graph.schema import SCHEMA
from graph.stores import DEFAULT_STORE
from viz.exports import EXPORTERS

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
@store_option
@json_option
def path(source: str, target: str, max_hops: int, store: str | None, as_json: bool) -> None:
    """Show the shortest paths from SOURCE to TARGET, each hop with its citations.

    Example: diplograph path "Chung Shu-ming" "US Department of Defense"
    """
    result = api.path(source, target, max_hops=max_hops, store=store)
    emit(result, as_json, render.paths(result))


@cli.command()
@click.option("--format", "fmt", required=True, type=click.Choice(list(EXPORTERS)),
              help="Output format.")
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False, writable=True),
              help="File to write.")
@store_option
@json_option
def export(fmt: str, output: str, store: str | None, as_json: bool) -> None:
    """Export the graph to a file (JSON as in SCHEMA.md, GraphML, GEXF, ...).

    Example: diplograph export --format json -o graph.json
    """
    result = api.export(fmt, output, store=store)
    emit(result, as_json,
         f"Wrote {result.nodes} nodes and {result.edges} edges to {result.path} ({fmt})")
