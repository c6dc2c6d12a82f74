"""Commands that write the graph out: export (exchange formats) and viz (the offline page
and static pictures). Each parses, calls one :mod:`diplograph.api` function and prints."""
from __future__ import annotations

from typing import Any

import click

from diplograph import api
from diplograph.cli_options import (emit, json_option, label_choice, store_option, to_label,
                                    trust_options, type_choice)
from diplograph.viz.exports import EXPORTERS
from diplograph.viz.present import COLOR_BY, SIZE_BY


@click.command()
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
    for warning in result.warnings:
        click.echo(f"Warning: {warning}", err=True)
    emit(result, as_json)


@click.command()
@click.option("-o", "--output", default=None, type=click.Path(dir_okay=False, writable=True),
              help="File to write (default graph.html, or graph.png/.svg/.pdf with --format).")
@click.option("--format", "fmt", default=None, type=click.Choice(list(api.PAGE_FORMATS)),
              help="html (interactive, offline), or a png, svg or pdf picture. Default: "
                   "from -o.")
@click.option("--focus", default=None, metavar="NAME",
              help="Draw only the neighbourhood of this node (id, name or alias).")
@click.option("--depth", default=1, show_default=True, type=click.IntRange(0, 10),
              help="With --focus: how many ties away to go.")
@click.option("--top", default=None, type=click.IntRange(1, None), metavar="N",
              help="Draw only the N nodes with the most ties (and the ties among them). "
                   "A graph of more than 5,000 nodes needs --focus or --top.")
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
@click.option("--min-degree", default=0, type=click.IntRange(0, None),
              help="Nodes with at least N ties (the page starts its filter there).")
@click.option("--hide-isolated", is_flag=True,
              help="Leave out nodes with no tie (the same as --min-degree 1).")
@click.option("--size-by", default="degree", show_default=True,
              type=click.Choice(list(SIZE_BY)), help="What node size shows.")
@click.option("--color-by", default="label", show_default=True,
              type=click.Choice(list(COLOR_BY)),
              help="What node colour shows: the label, or the Leiden community (as in "
                   "`diplograph communities`; shapes still show the label).")
@click.option("--title", default=None, help="Page or picture title.")
@click.option("--story", default=None, type=click.Path(exists=True, dir_okay=False),
              help="A story file (YAML): a page that steps through it, with next/previous.")
@click.option("--diff", "before", default=None, metavar="BEFORE",
              help="An earlier JSON export or store: colour what was added, removed or "
                   "changed since.")
@click.option("--width", default=1920, show_default=True, type=click.IntRange(200, 20000),
              help="Picture width in pixels.")
@click.option("--height", default=1080, show_default=True, type=click.IntRange(200, 20000),
              help="Picture height in pixels.")
@click.option("--dpi", default=150, show_default=True, type=click.IntRange(30, 1200),
              help="Picture resolution: pixels per inch (sets the size of text and lines).")
@click.option("--font-size", default=10.0, show_default=True, type=click.FloatRange(4, 72),
              help="Picture text size in points.")
@click.option("--physics/--no-physics", default=False,
              help="Start the page with vis-network's physics on (positions are computed "
                   "beforehand either way).")
@trust_options
@store_option
@json_option
def viz(output: str | None, fmt: str | None, focus: str | None, depth: int, top: int | None,
        labels: tuple[str, ...], types: tuple[str, ...], since: str | None, until: str | None,
        as_of: str | None, min_sources: int, min_degree: int, hide_isolated: bool,
        size_by: str, color_by: str, title: str | None, story: str | None,
        before: str | None, width: int, height: int, dpi: int, font_size: float,
        physics: bool, trust: dict[str, Any], store: str | None, as_json: bool) -> None:
    """Draw the graph as one offline HTML page (search, filters, focus, time slider,
    sources panel, review marks, presentation mode), or as a PNG/SVG/PDF picture for
    slides.

    Example: diplograph viz -o seeds.html --focus "Monterey Talks" --depth 2
    """
    emit(api.viz(output or f"graph.{fmt or 'html'}", format=fmt, focus=focus, depth=depth,
                 labels=[to_label(lab) for lab in labels] or None,
                 types=[t.upper() for t in types] or None, since=since, until=until,
                 as_of=as_of, min_sources=min_sources,
                 min_degree=max(min_degree, 1 if hide_isolated else 0), size_by=size_by,
                 color_by=color_by, title=title, physics=physics, story=story, diff=before,
                 width=width, height=height, dpi=dpi, font_size=font_size, top=top, store=store,
                 **trust),
         as_json)


COMMANDS = [export, viz]
