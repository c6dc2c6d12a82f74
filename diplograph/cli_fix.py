"""The analyst's corrections: ``fix`` (merge, rename, relabel, reject, alias, confirm),
each appending to the corrections file and rebuilding through :func:`diplograph.api.fix`.
(``review``, the queue of what to check, is a query: :mod:`diplograph.cli_queries`.)"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

import click

from diplograph import api
from diplograph.cli_options import cache_option, emit, json_option, progress, store_option
from diplograph.graph.schema import SCHEMA

def _fix_options(func: Any) -> Any:
    """--note/--by/--at (the audit trail), --file, and the build's options."""
    for option in reversed([
        click.option("--note", required=True, help="Why: kept with the correction and "
                                                   "shown beside what it changed."),
        click.option("--by", default=None, help="Who decided (default $DIPLOGRAPH_USER, "
                                                "else your login name)."),
        click.option("--at", default=None, metavar="DATE",
                     help="When (YYYY-MM-DD; default today)."),
        click.option("--file", "file", default=None, type=click.Path(dir_okay=False),
                     help="Corrections file to append to (default: the one the graph was "
                          "built with, else corrections.yaml in its first input folder)."),
        store_option, cache_option,
        click.option("--workers", type=click.IntRange(min=1), default=1, show_default=True,
                     help="Processes to extract documents with, when rebuilding."),
        json_option]):
        func = option(func)
    return func


def _run(op: str, what: tuple[str, ...], options: dict[str, Any], **args: str | None) -> None:
    """Call api.fix with an entity (one name) or a tie (SOURCE TYPE TARGET) and print."""
    if len(what) not in (1, 3):
        raise click.UsageError(f"{op} takes one entity (NAME) or one tie (SOURCE TYPE "
                               f"TARGET), not {len(what)} arguments.")
    if len(what) == 3 and what[1].upper() not in SCHEMA.relations:
        raise click.UsageError(f"Unknown relationship type {what[1]!r}; valid types: "
                               f"{', '.join(SCHEMA.relations)}")
    as_json, cache = options.pop("as_json"), options.pop("cache")
    if options.pop("no_cache"):
        cache = None
    emit(api.fix(op, what[0] if len(what) == 1 else None,
                 tie=(what[0], what[1].upper(), what[2]) if len(what) == 3 else None,
                 cache=cache, progress=progress,
                 warn=lambda line: click.echo(f"Warning: {line}", err=True),
                 **options, **args), as_json)


def _command(name: str, help_text: str, *params: Callable[[Any], Any]
             ) -> Callable[[Callable[..., None]], click.Command]:
    def decorate(func: Callable[..., None]) -> click.Command:
        func.__doc__ = help_text
        for param in reversed(params):
            func = param(func)
        return fix.command(name)(_fix_options(func))
    return decorate


@click.group()
def fix() -> None:
    """Correct the graph: merge, rename, relabel, reject, alias or confirm.

    Each command appends one correction to the corrections file, with --note, --by
    and --at so that the file says who decided what, when and why, and rebuilds the
    graph from the inputs it was built from. `build` applies the file every time
    after, so the correction survives re-extraction. Entities are named by id, name or
    alias (ignoring case and accents), a tie by its SOURCE TYPE TARGET. A correction
    that would change nothing is refused, and nothing is written.

    Example: diplograph fix reject Beijing OPPOSES "Monterey Talks" --note "a protest"
    """


@_command("merge", """Merge entity A into entity B (A's names become B's aliases).

    Example: diplograph fix merge "Yoko Kamikawa" "KAMIKAWA Yoko" --note "one person"
    """, click.argument("a"), click.argument("b"))
def merge(a: str, b: str, **options: Any) -> None:
    _run("merge", (a,), options, into=b)


@_command("rename", """Give entity NAME the display name NEW_NAME (the old one stays an alias).

    Example: diplograph fix rename Wen-lin "Hsu Wen-lin" --note "a fragment of the name"
    """, click.argument("name"), click.argument("new_name"))
def rename(name: str, new_name: str, **options: Any) -> None:
    _run("rename", (name,), options, to=new_name)


@_command("relabel", """Set the label, kind or country of entity NAME.

    Example: diplograph fix relabel "Sky Bow" --label WeaponSystem --note "a missile"
    """, click.argument("name"),
    click.option("--label", type=click.Choice(list(SCHEMA.labels)), default=None,
                 help="The new label."),
    click.option("--kind", default=None, help="The new kind (one of the label's kinds)."),
    click.option("--country", default=None, help="The country it belongs to."))
def relabel(name: str, label: str | None, kind: str | None, country: str | None,
            **options: Any) -> None:
    if not (label or kind or country):
        raise click.UsageError("Give --label, --kind or --country.")
    _run("relabel", (name,), options, label=label, kind=kind, country=country)


@_command("reject", """Reject an entity (NAME, with all its ties) or a tie (SOURCE TYPE TARGET).

    With --doc, only that document's citations of the tie are rejected.

    Example: diplograph fix reject Beijing OPPOSES "Monterey Talks" --note "no such tie"
    """, click.argument("what", nargs=-1, required=True, metavar="NAME | SOURCE TYPE TARGET"),
    click.option("--doc", default=None, metavar="DOCUMENT",
                 help="Reject the tie only as this document (id or file name) cites it."))
def reject(what: tuple[str, ...], doc: str | None, **options: Any) -> None:
    _run("reject", what, options, doc=doc)


@_command("alias", """Add ALIAS to the names of entity NAME.

    Example: diplograph fix alias "Hsu Wen-lin" Hsu --note "how the article calls him"
    """, click.argument("name"), click.argument("alias"))
def alias(name: str, alias: str, **options: Any) -> None:
    _run("alias", (name,), options, add=alias)


@_command("confirm", """Confirm an entity (NAME) or a tie (SOURCE TYPE TARGET): checked by a person.

    Example: diplograph fix confirm "Monterey Talks" --note "checked the source"
    """, click.argument("what", nargs=-1, required=True, metavar="NAME | SOURCE TYPE TARGET"))
def confirm(what: tuple[str, ...], **options: Any) -> None:
    _run("confirm", what, options)


COMMANDS = [fix]
