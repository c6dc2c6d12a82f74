"""The ``diplograph`` command. Each command parses its options, calls one function of
:mod:`diplograph.api` with the same name, and prints the result (its text, or JSON with
``--json``). Library errors become one-line ``Error:`` messages.

The commands live in modules by what they do: :mod:`~diplograph.cli_build` (inputs to a
graph), :mod:`~diplograph.cli_queries` (the questions), :mod:`~diplograph.cli_fix`
(corrections), :mod:`~diplograph.cli_export` (files and pictures) and
:mod:`~diplograph.cli_server` (a Neo4j server).
"""
from __future__ import annotations

import sys
from typing import Any

import click

from diplograph import cli_build, cli_export, cli_fix, cli_queries, cli_server
from diplograph.graph.errors import DiplographError


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


for module in (cli_build, cli_queries, cli_fix, cli_export, cli_server):
    for command in module.COMMANDS:
        cli.add_command(command)
