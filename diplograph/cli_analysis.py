"""The analyst's commands: between, who, posts, rank, communities, timeline,
contradictions and diff. Each parses, calls one :mod:`diplograph.api` function and prints."""
from __future__ import annotations

import click

from diplograph import api, render_analysis
from diplograph.cli_options import (
    emit,
    json_option,
    label_choice,
    store_option,
    to_label,
)
from diplograph.graph.queries.centrality import MEASURES


@click.command()
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


@click.command()
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


@click.command()
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


@click.command()
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
    result = api.rank(by=by, label=to_label(label) if label else None, top=top, store=store)
    emit(result, as_json, render_analysis.ranking(result))


@click.command()
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


@click.command()
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


@click.command()
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


@click.command()
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


COMMANDS = [between, who, posts, rank, communities, timeline, contradictions, diff]
