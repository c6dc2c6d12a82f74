"""The ``diplograph`` command. Each command parses its options, calls one function of
:mod:`diplograph.api` with the same name, and prints the result (its text, or JSON with
``--json``). Library errors become one-line ``Error:`` messages.

The commands live in modules by what they do: :mod:`~diplograph.cli_build` (inputs to a
graph), :mod:`~diplograph.cli_queries` (the questions), :mod:`~diplograph.cli_fix`
(corrections), :mod:`~diplograph.cli_export` (files and pictures),
:mod:`~diplograph.cli_server` (a Neo4j server) and :mod:`~diplograph.cli_start` (the
model and the demo, for a first run).
"""
from __future__ import annotations

import sys
from typing import Any

import click

from diplograph import cli_build, cli_export, cli_fix, cli_queries, cli_server, cli_start
from diplograph.graph.errors import DiplographError


def cli_names(ctx: click.Context) -> dict[str, str]:
    """How the CLI spells what library messages name (:meth:`DiplographError.worded`):
    each API function by its command, each argument by an option for it, the running
    command's own options first."""
    group = ctx.command
    assert isinstance(group, click.Group)
    running = group.get_command(ctx, ctx.invoked_subcommand or "")
    names = {}
    for command in [*group.commands.values(), *([running] if running else [])]:
        names[command.name.replace("-", "_")] = f"diplograph {command.name}"
        for option in (p for p in command.params if isinstance(p, click.Option)):
            # by its parameter and by its own words (--diff stands for the API's diff
            # though its parameter is called before)
            for name in {option.name, *(o[2:].replace("-", "_") for o in option.opts
                                        if o.startswith("--"))} - {None}:
                names[name] = option.opts[0]
    return names


class DiplographGroup(click.Group):
    """Turns library errors into ``click.ClickException`` and a closed pipe into a quiet exit."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except DiplographError as exc:
            raise click.ClickException(exc.worded(cli_names(ctx))) from None
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


for module in (cli_start, cli_build, cli_queries, cli_fix, cli_export, cli_server):
    for command in module.COMMANDS:
        cli.add_command(command)
