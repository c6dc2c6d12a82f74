"""diplograph's Python API. Every CLI command calls exactly one function here, with the
same name; each returns data and prints nothing.

``store`` arguments take a directory path, a server URI or an open
:class:`graph.stores.GraphStore`; ``None`` means ``$DIPLOGRAPH_STORE`` or
``./diplograph-data``.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO, TypeVar

import networkx as nx

from diplograph.graph.errors import DiplographError
from diplograph.graph.merge import build_graph
from diplograph.graph.queries import stats as graph_stats
from diplograph.graph.queries.results import Neighborhood, NodeDetail, PathResult, Stats
from diplograph.graph.queries.analysis_results import (Between, Communities, Contradictions, Diff, Posts,
                                            Ranking, Timeline, Who)
from diplograph.graph.queries.centrality import MEASURES
from diplograph.graph.queries.diff import diff as diff_graphs
from diplograph.graph.stores import GraphStore, open_store
from diplograph.graph.stores.embedded import read_nodelink
from diplograph.loaders import iter_files, load_inputs
from diplograph.loaders.curated import read_yaml
from diplograph.loaders.documents import DOCUMENT_SUFFIXES
from diplograph.loaders.extract.patterns import is_gazetteer
from diplograph.viz.exports import EXPORTERS, export_graph

__all__ = ["BuildResult", "ExtractResult", "extract", "ExportResult", "Progress", "build", "load_graph", "stats", "show",
           "neighbors", "path", "export", "DEFAULT_SEEDS",
           "TransferResult", "push", "pull", "cypher"]

T = TypeVar("T")
# A progress callback wraps an iterable (with its length and a label) and yields its items.
Progress = Callable[[Sequence[T], str], Iterable[T]]

DEFAULT_SEEDS = "seeds"
DEFAULT_CACHE = ".diplograph-cache"
StoreArg = str | Path | GraphStore | None


@dataclass(frozen=True, slots=True)
class BuildResult:
    store: str
    stats: Stats
    inputs: list[str]
    notes: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"store": self.store, "stats": self.stats.to_dict(), "inputs": self.inputs,
                "notes": self.notes}


@dataclass(frozen=True, slots=True)
class ExtractResult:
    output: str
    documents: int
    nodes: int
    edges: int
    warnings: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"output": self.output, "documents": self.documents, "nodes": self.nodes,
                "edges": self.edges, "warnings": self.warnings}


@dataclass(frozen=True, slots=True)
class ExportResult:
    format: str
    path: str
    nodes: int
    edges: int

    def to_dict(self) -> dict[str, Any]:
        return {"format": self.format, "path": self.path, "nodes": self.nodes,
                "edges": self.edges}


def _store(store: StoreArg) -> GraphStore:
    return store if isinstance(store, GraphStore) else open_store(store)


def build(paths: Iterable[str | Path] | None = None, *, store: StoreArg = None,
          progress: Progress | None = None, workers: int = 1,
          cache: str | Path | None = DEFAULT_CACHE) -> BuildResult:
    """Load curated YAML and documents from ``paths`` (default ``seeds/``), merge them
    and replace the store's graph. Nothing is written unless every input is valid.

    Documents are extracted in ``workers`` processes, reusing ``cache`` for unchanged
    ones; where extracted and curated claims disagree, curated wins and ``notes`` say so,
    beside one line per skipped file."""
    inputs = [str(p) for p in (paths or [DEFAULT_SEEDS])]
    loaded = load_inputs(inputs, workers=workers, cache=cache, progress=progress)
    G = build_graph(loaded.claims)
    target = _store(store)
    target.save(G, progress=progress)
    notes = [*loaded.warnings, *(f"curated wins: {d}" for d in loaded.disagreements)]
    return BuildResult(store=target.location, stats=graph_stats(G), inputs=inputs, notes=notes)


def extract(paths: Iterable[str | Path], *, output: str | Path | TextIO, workers: int = 1,
            cache: str | Path | None = DEFAULT_CACHE, progress: Progress | None = None
            ) -> ExtractResult:
    """Extract entities and ties from the documents under ``paths`` alone (curated YAML
    there is ignored; gazetteer YAML configures extraction) and write the graph's JSON
    export to ``output``: a file path, or an open text stream (the CLI passes stdout
    for ``-``)."""
    inputs = [str(p) for p in paths]
    documents = [f for f in iter_files(inputs) if f.suffix.lower() in DOCUMENT_SUFFIXES]
    if not documents:
        raise DiplographError(f"No documents ({', '.join(DOCUMENT_SUFFIXES)}) under "
                              f"{', '.join(inputs)}")
    gazetteers = [f for f in iter_files(inputs) if f.suffix.lower() in {".yaml", ".yml"}
                  and is_gazetteer(read_yaml(f))]
    loaded = load_inputs([*documents, *gazetteers], workers=workers, cache=cache,
                         progress=progress)
    G = build_graph(loaded.claims)
    if isinstance(output, (str, Path)):
        written = str(export_graph(G, "json", output))
    else:
        EXPORTERS["json"].write(G, output)
        written = getattr(output, "name", "-")
    return ExtractResult(output=written, documents=loaded.documents,
                         nodes=G.number_of_nodes(), edges=G.number_of_edges(),
                         warnings=loaded.warnings)


def load_graph(*, store: StoreArg = None) -> nx.MultiDiGraph:
    """The whole graph of a store, as a networkx ``MultiDiGraph``."""
    return _store(store).load()


def stats(*, store: StoreArg = None) -> Stats:
    """Counts of nodes by label, edges by type, and source documents."""
    return _store(store).stats()


def show(name: str, *, store: StoreArg = None) -> NodeDetail:
    """The node ``name`` designates (id, name or alias), with its aliases and every tie
    touching it, each with its citations."""
    return _store(store).describe(name)


def neighbors(name: str, *, depth: int = 1, types: Iterable[str] | None = None,
              labels: Iterable[str] | None = None, store: StoreArg = None) -> Neighborhood:
    """Nodes within ``depth`` ties of ``name``, optionally only along ``types`` and only
    reaching ``labels``."""
    return _store(store).neighbors(name, depth=depth, types=types, labels=labels)


def path(source: str, target: str, *, max_hops: int = 6, all_paths: bool = False,
         via: str | None = None, limit: int = 10, store: StoreArg = None
         ) -> list[PathResult]:
    """Shortest paths between two nodes, each hop with the ties and citations behind it.

    ``all_paths`` gives every simple path up to ``max_hops``, best attested first; ``via``
    keeps only paths through a node with that label (the shortest such, unless
    ``all_paths``).
    """
    if not all_paths and via is None:
        return _store(store).paths(source, target, max_hops=max_hops, limit=limit)
    found = _store(store).all_paths(source, target, max_hops=max_hops, via=via,
                                    limit=limit if all_paths else 10_000)
    if all_paths or not found:
        return found
    shortest = min(p.length for p in found)
    return [p for p in found if p.length == shortest][:limit]


def export(format: str, output: str | Path, *, store: StoreArg = None) -> ExportResult:
    """Write the store's graph to ``output`` in ``format`` (a key of ``EXPORTERS``)."""
    if format not in EXPORTERS:
        raise DiplographError(f"Unknown format {format!r}; valid: {', '.join(EXPORTERS)}")
    G = _store(store).load()
    written = export_graph(G, format, output)
    return ExportResult(format=format, path=str(written), nodes=G.number_of_nodes(),
                        edges=G.number_of_edges())


# The analyst's questions (issue 5).
__all__ += ["between", "who", "posts", "rank", "communities", "timeline", "contradictions",
            "diff"]


def between(a: str, b: str, *, store: StoreArg = None) -> Between:
    """Every mechanism and event in which both ``a`` and ``b`` take part, directly or
    through their officials and ministries, with each side's participants and citations."""
    return _store(store).between(a, b)


def who(name: str, *, store: StoreArg = None) -> Who:
    """Participants of a mechanism or event by side (roles, sizes, leaders), its funding,
    places and dates and, for a recurring mechanism, its rounds in order."""
    return _store(store).who(name)


def posts(name: str, *, as_of: str | None = None, store: StoreArg = None) -> Posts:
    """The posts a person held, or who held posts in a body; ``as_of`` keeps those held
    on that date (ISO, maybe partial)."""
    return _store(store).posts(name, as_of=as_of)


def rank(*, by: str = "degree", label: str | None = None, top: int = 10,
         store: StoreArg = None) -> Ranking:
    """The ``top`` nodes by ``degree``, ``betweenness``, ``pagerank`` or ``eigenvector``
    centrality, optionally only those with ``label``."""
    if by not in MEASURES:
        raise DiplographError(f"Unknown measure {by!r}; valid: {', '.join(MEASURES)}")
    return _store(store).rank(by=by, label=label, top=top)


def communities(*, min_size: int = 1, store: StoreArg = None) -> Communities:
    """Louvain communities (fixed seed, so the same graph gives the same clusters), largest
    first, each with its most connected members."""
    return _store(store).communities(min_size=min_size)


def timeline(*, since: str | None = None, until: str | None = None, about: str | None = None,
             store: StoreArg = None) -> Timeline:
    """Dated claims in order, each with its citations; optionally within [since, until] and
    only about one node."""
    return _store(store).timeline(since=since, until=until, about=about)


def contradictions(*, store: StoreArg = None) -> Contradictions:
    """Claims that cannot all be true, with the conflicting citations side by side."""
    return _store(store).contradictions()


def _graph_of(source: StoreArg) -> tuple[nx.MultiDiGraph, str]:
    """A store, or a JSON export file, as a graph and the name to show for it."""
    if source is not None and not isinstance(source, GraphStore) and Path(source).is_file():
        return read_nodelink(Path(source)), str(source)
    opened = _store(source)
    return opened.load(), opened.location


def diff(old: StoreArg, new: StoreArg) -> Diff:
    """What changed from ``old`` to ``new`` (each a store or a JSON export file): nodes and
    ties added and removed, and those whose properties or citations changed."""
    (G_old, old_name), (G_new, new_name) = _graph_of(old), _graph_of(new)
    return diff_graphs(G_old, G_new, old_name=old_name, new_name=new_name)


# --- Bolt servers (Neo4j, or ArcadeDB in the tests) -----------------------------------

@dataclass(frozen=True, slots=True)
class TransferResult:
    """A graph copied from one store to another (``push``/``pull``)."""

    source: str
    target: str
    stats: Stats

    def to_dict(self) -> dict[str, Any]:
        return {"source": self.source, "target": self.target, "stats": self.stats.to_dict()}


def _server(uri: str | None, user: str | None, database: str | None) -> GraphStore:
    """The server store at ``uri`` (default ``$NEO4J_URI``); the password comes from
    ``$NEO4J_PASSWORD`` only."""
    from diplograph.graph.stores.neo4j import Neo4jStore
    return Neo4jStore(uri, user=user, database=database)


def push(*, store: StoreArg = None, uri: str | None = None, user: str | None = None,
         database: str | None = None, progress: Progress | None = None) -> TransferResult:
    """Copy the graph of ``store`` (default the local one) to a Neo4j server, replacing
    the graph there. Batched and idempotent: after a failure, push again. ``progress``
    wraps the write batches."""
    source = _store(store)
    G = source.load()
    with _server(uri, user, database) as server:
        server.save(G, progress=progress)
        return TransferResult(source=source.location, target=server.location,
                              stats=graph_stats(G))


def pull(*, store: StoreArg = None, uri: str | None = None, user: str | None = None,
         database: str | None = None, progress: Progress | None = None) -> TransferResult:
    """Copy the graph of a Neo4j server into ``store`` (default the local one), replacing
    it; the pulled graph is identical to the one pushed, citations included. ``progress``
    wraps the reads."""
    with _server(uri, user, database) as server:
        G = server.load(progress=progress)
        target = _store(store)
        target.save(G)
        return TransferResult(source=server.location, target=target.location,
                              stats=graph_stats(G))


def cypher(query: str, params: dict[str, Any] | None = None, *, write: bool = False,
           uri: str | None = None, user: str | None = None, database: str | None = None
           ) -> Any:
    """Run ad-hoc Cypher on a server: in a read transaction, refusing write clauses,
    unless ``write``. Returns a ``CypherResult`` (columns, rows, counters)."""
    from diplograph.graph.stores.neo4j import Neo4jStore
    with Neo4jStore(uri, user=user, database=database) as server:
        return server.run_cypher(query, params, write=write)


# --- viz: the page and the static pictures -------------------------------------------

PAGE_FORMATS = ("html", "png", "svg", "pdf")


@dataclass(frozen=True, slots=True)
class VizResult:
    """What ``viz`` drew. ``html`` holds the page when no file was asked for; in Jupyter
    the result then shows the page inline. ``labels`` (pictures only): each drawn text's
    box in pixels, ``(text, x0, y0, x1, y1)`` from the top left, as the picture was laid
    out."""

    format: str
    path: str
    nodes: int
    edges: int
    physics: bool | None = None
    html: str | None = field(default=None, repr=False)
    labels: list[tuple[str, float, float, float, float]] = field(default_factory=list,
                                                                  repr=False)

    def to_dict(self) -> dict[str, Any]:
        return {"format": self.format, "path": self.path, "nodes": self.nodes,
                "edges": self.edges, "physics": self.physics}

    def _repr_html_(self) -> str | None:
        from diplograph.viz.page import iframe
        return iframe(self.html) if self.html else None


def _story(G: nx.MultiDiGraph, path: str | Path) -> dict[str, Any]:
    """A story file with its names resolved to node ids; an unknown or ambiguous name is
    an ``InvalidInput`` naming the file and the line of its step."""
    from diplograph.graph.errors import AmbiguousName, InvalidInput, NodeNotFound
    from diplograph.graph.queries.lookup import resolve
    from diplograph.loaders.stories import Name, load_story

    spec = load_story(path)

    def node(name: Name) -> str:
        try:
            return resolve(G, name.text)
        except NodeNotFound as exc:
            hint = f" Did you mean: {', '.join(exc.suggestions)}?" if exc.suggestions else ""
            raise InvalidInput(f"no entity matches {name.text!r}.{hint}", spec.file,
                               name.line) from None
        except AmbiguousName as exc:
            raise InvalidInput(f"{name.text!r} matches several entities: "
                               f"{', '.join(exc.candidates)}; use one of these ids",
                               spec.file, name.line) from None

    return {"title": spec.title, "description": spec.description, "steps": [
        {"title": s.title, "caption": s.caption, "nodes": [node(n) for n in s.nodes],
         "focus": node(s.focus) if s.focus else None, "depth": s.depth, "types": s.types,
         "labels": s.labels, "as_of": s.as_of, "highlight": [node(n) for n in s.highlight],
         "highlight_types": s.highlight_types} for s in spec.steps]}


def viz(output: str | Path | None = None, *, format: str | None = None,
        focus: str | None = None, depth: int = 1, labels: Iterable[str] | None = None,
        types: Iterable[str] | None = None, since: str | None = None,
        until: str | None = None, as_of: str | None = None, min_sources: int = 0,
        min_degree: int = 0, size_by: str = "degree", color_by: str = "label",
        title: str | None = None, physics: bool = False, story: str | Path | None = None,
        diff: StoreArg = None, width: int = 1920, height: int = 1080, dpi: int = 150,
        font_size: float = 10.0, store: StoreArg = None) -> VizResult:
    """Draw the graph: an offline interactive page (``html``), or a ``png``, ``svg`` or
    ``pdf`` picture for slides.

    ``format`` defaults to the suffix of ``output`` (else ``html``). With no ``output``
    the page is returned in ``VizResult.html`` (and shows inline in Jupyter). Filters:
    ``focus``/``depth`` (a neighbourhood), ``labels``, ``types``, ``since``/``until``
    (dated ties), ``as_of`` (ties that held that day), ``min_sources`` (distinct
    documents per tie), ``min_degree`` (nodes with at least that many ties; on the page
    it is the filter's starting value). Node size by ``size_by`` (a key of
    ``viz.present.SIZE_BY``); colour by ``color_by``: ``label`` (the schema's colours) or
    ``community`` (the Louvain communities of :func:`communities`). ``story``: a story
    file (see ``loaders.stories``), drawn as a page with next/previous. ``diff``: an
    earlier store or JSON export; the map then colours what was added, removed or
    changed since. Pictures: ``width``/``height`` in pixels at ``dpi``, text of
    ``font_size`` points. The same store always gives the same bytes.
    """
    from diplograph.graph.dates import normalize_date
    from diplograph.viz.page import render_page, write_page
    from diplograph.viz.present import Filters, present

    fmt = (format or (Path(output).suffix.lstrip(".").lower() if output else "") or "html")
    if fmt not in PAGE_FORMATS:
        raise DiplographError(f"Unknown picture format {fmt!r}; valid: {', '.join(PAGE_FORMATS)}")
    if output is None and fmt != "html":
        raise DiplographError(f"A {fmt} picture needs an output file (-o FILE.{fmt}).")
    if story is not None and (focus or labels or types or since or until or as_of
                              or diff is not None):
        raise DiplographError("--story draws the steps its file lists: leave out --focus, "
                              "--label, --type, the dates and --diff.")
    dates = {}
    for key, value in (("since", since), ("until", until), ("as_of", as_of)):
        if value:
            try:
                dates[key] = normalize_date(value)
            except ValueError:
                raise DiplographError(f"--{key.replace('_', '-')} {value!r} is not a date; "
                                      "write it as YYYY, YYYY-MM or YYYY-MM-DD.") from None
    G = _store(store).load()
    changes = None
    if diff is not None:
        from diplograph.viz.diffmap import diff_union
        G, changes = diff_union(_graph_of(diff)[0], G)
    # A page keeps every node and starts its min-degree filter there; a picture drops them.
    filters = Filters(min_sources=min_sources, labels=tuple(labels or ()),
                      types=tuple(types or ()), focus=focus, depth=depth,
                      min_degree=min_degree if fmt != "html" else 0, **dates)
    name = title or (f"diplograph: around {focus}" if focus else
                     "diplograph: what changed" if diff is not None else "diplograph")
    if story is not None:
        from diplograph.viz.story import story_view
        story_data = _story(G, story)
        view = story_view(G, story_data, size_by=size_by, color_by=color_by,
                          min_degree=min_degree, **({"title": title} if title else {}))
    else:
        view = present(G, filters=filters, size_by=size_by, color_by=color_by, title=name,
                       changes=changes, min_degree=min_degree)
    n, e = len(view["nodes"]), len(view["edges"])
    if fmt != "html":
        from diplograph.viz.static import draw
        drawn = draw(view, output, format=fmt,  # type: ignore[arg-type]
                     width=width, height=height, dpi=dpi, font_size=font_size)
        return VizResult(format=fmt, path=str(drawn.path), nodes=n, edges=e,
                         labels=drawn.labels)
    if output is None:
        return VizResult(format=fmt, path="", nodes=n, edges=e, physics=physics,
                         html=render_page(view, physics=physics))
    written = write_page(view, output, physics=physics)
    return VizResult(format=fmt, path=str(written), nodes=n, edges=e, physics=physics)


__all__ += ["VizResult", "viz", "PAGE_FORMATS"]
