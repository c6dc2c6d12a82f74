"""Commands that make a graph from inputs: build (into the store) and extract (into a
JSON export). Each parses, calls one :mod:`diplograph.api` function and prints."""
from __future__ import annotations

import sys

import click

from diplograph import api
from diplograph.cli_options import (cache_option, emit, json_option, json_text, progress,
                                    store_option, workers_option)


@click.command()
@click.argument("paths", nargs=-1, type=click.Path(exists=True))
@store_option
@workers_option
@cache_option
@json_option
def build(paths: tuple[str, ...], store: str | None, workers: int, cache: str | None,
          no_cache: bool, as_json: bool) -> None:
    """Build the graph from PATHS (default: the seed data shipped with diplograph, as
    `diplograph demo` does) into the store.

    Curated YAML and document folders are merged; the store is replaced only when
    every input is valid and they give at least one entity, and building the same
    inputs twice gives the same graph. Skipped files, stale corrections and other
    notices go to stderr.

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
    emit(api.build(list(paths) or None, store=store, progress=progress, workers=workers,
                   cache=None if no_cache else cache,
                   warn=lambda line: click.echo(f"Warning: {line}", err=True)), as_json)


@click.command()
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
    click.echo(json_text(result) if as_json else str(result), err=to_stdout)


COMMANDS = [build, extract]
