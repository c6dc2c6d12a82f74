"""The questions: one command per query of the registry (:data:`graph.queries.QUERIES`),
each parsing its options, calling the :mod:`diplograph.api` function of the same name
and printing the result (its own text, or JSON with ``--json``)."""
from __future__ import annotations

from typing import Any

import click

from diplograph import api
from diplograph.cli_options import (emit, json_option, label_choice, store_option, to_label,
                                    trust_options, type_choice)
from diplograph.graph.queries.centrality import MEASURES
from diplograph.graph.queries.mechanisms import BETWEEN_LIMIT


@click.command()
@trust_options
@store_option
@json_option
def stats(trust: dict[str, Any], store: str | None, as_json: bool) -> None:
    """Count nodes by label and edges by type.

    Example: diplograph stats --json
    """
    emit(api.stats(store=store, **trust), as_json)


@click.command()
@click.argument("name")
@trust_options
@store_option
@json_option
def show(name: str, trust: dict[str, Any], store: str | None, as_json: bool) -> None:
    """Show one node: its aliases and every tie with its citations.

    NAME is an id, a name or an alias, matched ignoring case and accents.

    Example: diplograph show "francois wu"
    """
    emit(api.show(name, store=store, **trust), as_json)


@click.command()
@click.argument("name")
@click.option("--depth", default=1, show_default=True, type=click.IntRange(0, 10),
              help="How many ties away to go.")
@click.option("--type", "types", multiple=True, type=type_choice,
              help="Follow only ties of this type (repeatable).")
@click.option("--label", "labels", multiple=True, type=label_choice,
              help="Reach only nodes with this label (repeatable).")
@trust_options
@store_option
@json_option
def neighbors(name: str, depth: int, types: tuple[str, ...], labels: tuple[str, ...],
              trust: dict[str, Any], store: str | None, as_json: bool) -> None:
    """List the nodes within --depth ties of NAME, in either direction.

    Example: diplograph neighbors "Monterey Talks" --type PARTICIPATES_IN
    """
    emit(api.neighbors(name, depth=depth, types=[t.upper() for t in types] or None,
                       labels=[to_label(lab) for lab in labels] or None, store=store,
                       **trust), as_json)


@click.command()
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
@trust_options
@store_option
@json_option
def path(source: str, target: str, max_hops: int, all_paths: bool, via: str | None, limit: int,
         trust: dict[str, Any], store: str | None, as_json: bool) -> None:
    """Show the shortest paths from SOURCE to TARGET, each hop with its citations.

    With --all, every path up to --max-hops, ranked by the documents behind its weakest
    hop; --via keeps paths through a node of that label.

    Example: diplograph path Taiwan "United States" --all --max-hops 2 --via Mechanism
    """
    emit(api.path(source, target, max_hops=max_hops, all_paths=all_paths,
                  via=to_label(via) if via else None, limit=limit, store=store, **trust),
         as_json)


@click.command()
@click.argument("a")
@click.argument("b")
@click.option("--limit", default=BETWEEN_LIMIT, show_default=True, type=click.IntRange(1, None),
              help="List the first N shared mechanisms and events by name (the count of "
                   "all of them is always given).")
@trust_options
@store_option
@json_option
def between(a: str, b: str, limit: int, trust: dict[str, Any], store: str | None,
            as_json: bool) -> None:
    """List the mechanisms and events in which both A and B take part.

    Participation counts directly or through officials (their posts) and ministries
    (what they are part of); each side's participants are shown with their roles and
    citations. When more are shared than --limit, the first ones by name are listed and
    a line on stderr says how many there are (in JSON: "total" beside "venues").

    Example: diplograph between Taiwan "United States" --limit 10
    """
    found = api.between(a, b, limit=limit, store=store, **trust)
    emit(found, as_json)
    if found.is_cut:
        click.echo(f"Listed {len(found.venues):,} of the {found.total:,} mechanisms and "
                   f"events both take part in; see more with --limit.", err=True)


@click.command()
@click.argument("mechanism")
@trust_options
@store_option
@json_option
def who(mechanism: str, trust: dict[str, Any], store: str | None, as_json: bool) -> None:
    """Show who takes part in MECHANISM (a mechanism or event), by side.

    With roles, delegation sizes, leaders, funding, places and dates, and for a recurring
    mechanism its known rounds in order.

    Example: diplograph who "Defense Policy Special Conference"
    """
    emit(api.who(mechanism, store=store, **trust), as_json)


@click.command()
@click.argument("name")
@click.option("--as-of", default=None, metavar="DATE",
              help="Only posts held on this date (2025, 2025-10 or 2025-10-10).")
@trust_options
@store_option
@json_option
def posts(name: str, as_of: str | None, trust: dict[str, Any], store: str | None,
          as_json: bool) -> None:
    """List the posts NAME held (a person) or the posts held in NAME (a body).

    Example: diplograph posts "Ministry of Foreign Affairs (Taiwan)" --as-of 2025-11
    """
    emit(api.posts(name, as_of=as_of, store=store, **trust), as_json)


@click.command()
@click.option("--by", default="degree", show_default=True,
              type=click.Choice(list(MEASURES)), help="Centrality measure.")
@click.option("--label", default=None, type=label_choice, help="Rank only nodes with this label.")
@click.option("--top", default=10, show_default=True, type=click.IntRange(1, 10_000),
              help="How many to show.")
@trust_options
@store_option
@json_option
def rank(by: str, label: str | None, top: int, trust: dict[str, Any], store: str | None,
         as_json: bool) -> None:
    """Rank nodes by centrality: brokers (betweenness) and hubs (degree, pagerank).

    Example: diplograph rank --by betweenness --label Person --top 5
    """
    emit(api.rank(by=by, label=to_label(label) if label else None, top=top, store=store,
                  **trust), as_json)


@click.command()
@click.option("--min-size", default=1, show_default=True, type=click.IntRange(1, None),
              help="Leave out smaller communities.")
@trust_options
@store_option
@json_option
def communities(min_size: int, trust: dict[str, Any], store: str | None, as_json: bool) -> None:
    """Find clusters (Leiden, fixed seed) with their most connected members.

    Example: diplograph communities --min-size 3
    """
    emit(api.communities(min_size=min_size, store=store, **trust), as_json)


@click.command()
@click.option("--since", default=None, metavar="DATE", help="Only claims dated on or after.")
@click.option("--until", default=None, metavar="DATE", help="Only claims dated on or before.")
@click.option("--about", default=None, metavar="NAME",
              help="Only claims about this node (its ties and its neighbours' dates).")
@trust_options
@store_option
@json_option
def timeline(since: str | None, until: str | None, about: str | None, trust: dict[str, Any],
             store: str | None, as_json: bool) -> None:
    """List dated claims in order (meetings, visits, budgets, announcements).

    Example: diplograph timeline --since 2025-09 --about "François Wu"
    """
    emit(api.timeline(since=since, until=until, about=about, store=store, **trust), as_json)


@click.command()
@trust_options
@store_option
@json_option
def contradictions(trust: dict[str, Any], store: str | None, as_json: bool) -> None:
    """List claims that cannot all be true, with the conflicting citations side by side.

    Different titles or posts for one person, different amounts for one funding,
    different dates for one event or visit, one post given to two people.

    Example: diplograph contradictions
    """
    emit(api.contradictions(store=store, **trust), as_json)


@click.command()
@click.argument("old")
@click.argument("new")
@json_option
def diff(old: str, new: str, as_json: bool) -> None:
    """Show what changed from OLD to NEW (each a store or a JSON export).

    Nodes and ties added and removed, and ties whose properties or citations changed.

    Example: diplograph diff before.json diplograph-data
    """
    emit(api.diff(old, new), as_json)


@click.command()
@click.option("--limit", default=50, show_default=True, type=click.IntRange(1, None),
              help="How many items to show.")
@click.option("--min-score", default=0.0, show_default=True, type=click.FloatRange(0, 1),
              help="Leave out items scoring below this (0 to 1).")
@store_option
@json_option
def review(limit: int, min_score: float, store: str | None, as_json: bool) -> None:
    """List what a person should check first, most doubtful first.

    Unchecked ties and nodes with doubts (one source only, low confidence, read both
    ways, contradicted, a person's tie to a country, no ties, a name that is no name,
    a label or country that looks wrong, sources disagreeing) and suspected duplicates
    (title left in the name, another word order, accents, Wade-Giles/Pinyin, acronym,
    shared surname), each with its score, reasons and the `fix` command that settles it.

    Example: diplograph review --limit 20
    """
    emit(api.review(limit=limit, min_score=min_score, store=store), as_json)


COMMANDS = [stats, show, neighbors, path, between, who, posts, rank, communities, timeline,
            contradictions, review, diff]
