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

import importlib
import sys
from typing import Any

import click

from diplograph.graph.errors import DiplographError

#: Which module holds each command. A command's module is imported only when it runs
#: (or when help lists every command), so that ``diplograph show`` does not pay for
#: the imports of ``viz`` or ``push`` (numpy, the Neo4j driver).
MODULES = {
    "setup-model": "cli_start", "demo": "cli_start",
    "build": "cli_build", "extract": "cli_build",
    **dict.fromkeys(["stats", "show", "neighbors", "path", "between", "who", "posts", "rank",
                     "communities", "timeline", "contradictions", "review", "diff"],
                    "cli_queries"),
    "fix": "cli_fix",
    "export": "cli_export", "viz": "cli_export",
    "push": "cli_server", "pull": "cli_server", "cypher": "cli_server",
}


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
    """Turns library errors into ``click.ClickException`` and a closed pipe into a quiet
    exit; finds each command in its module of :data:`MODULES` when it is asked for."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(MODULES)

    def get_command(self, ctx: click.Context | None, cmd_name: str) -> click.Command | None:
        if cmd_name not in MODULES:
            return None
        module = importlib.import_module(f"diplograph.{MODULES[cmd_name]}")
        return next(c for c in module.COMMANDS if c.name == cmd_name)

    @property  # type: ignore[override]
    def commands(self) -> dict[str, click.Command]:
        """Every command, by name (importing every module)."""
        return {name: c for name in MODULES if (c := self.get_command(None, name))}

    @commands.setter
    def commands(self, value: dict[str, click.Command]) -> None:
        """click.Group starts with its own dict; the commands live in :data:`MODULES`."""

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

