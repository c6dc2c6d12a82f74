"""diplograph's Python API. Every CLI command calls exactly one function here, with the
same name; each returns data and prints nothing.

``store`` arguments take a directory path, a server URI or an open
:class:`graph.stores.GraphStore`; ``None`` means ``$DIPLOGRAPH_STORE`` or
``./diplograph-data``.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, TextIO, TypeVar

import networkx as nx

from diplograph.graph.errors import DiplographError
from diplograph.graph.merge import build_graph
from diplograph.graph.provenance import trusted
from diplograph.graph.queries import stats as graph_stats
from diplograph.graph.queries.results import Neighborhood, NodeDetail, PathResult, Stats
from diplograph.graph.queries.analysis_results import (Between, Communities, Contradictions, Diff, Posts,
                                            Ranking, Timeline, Who)
from diplograph.graph.queries.centrality import MEASURES
from diplograph.graph.queries.diff import diff as diff_graphs
from diplograph.graph.queries.review import Review
from diplograph.graph.queries.review import review as review_graph
from diplograph.graph.stores import GraphStore, open_store
from diplograph.graph.stores.embedded import read_nodelink
from diplograph.loaders import iter_files, load_inputs
from diplograph.graph.files import atomic_open
from diplograph.loaders.corrections import append_correction, correction_entry
from diplograph.loaders.corrections_apply import Stale, apply_corrections
from diplograph.loaders.curated import read_yaml, shown_path
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
#: The graph attribute naming the inputs and corrections files a graph was built from.
BUILT_FROM = "built_from"
StoreArg = str | Path | GraphStore | None


@dataclass(frozen=True, slots=True)
class BuildResult:
    """A built graph: where, its counts, its inputs, one-line notes (skipped files,
    curated-wins disagreements, what corrections did), how many corrections applied,
    and the stale ones (``file:line: what: why``), which matched nothing."""

    store: str
    stats: Stats
    inputs: list[str]
    notes: list[str] = field(default_factory=list)
    corrections: int = 0
    stale: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"store": self.store, "stats": self.stats.to_dict(), "inputs": self.inputs,
                "notes": self.notes, "corrections": self.corrections, "stale": self.stale}


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
    beside one line per skipped file. Corrections files among the inputs are applied to
    the claims before they merge; the stale ones (matching nothing) are listed in
    ``stale`` and do not stop the build."""
    inputs = [str(p) for p in (paths or [DEFAULT_SEEDS])]
    G, result, _ = _built(inputs, workers=workers, cache=cache, progress=progress)
    target = _store(store)
    target.save(G, progress=progress)
    return replace(result, store=target.location)


def _built(inputs: list[str], **options: Any
           ) -> tuple[nx.MultiDiGraph, BuildResult, list[Stale]]:
    """The graph of ``inputs`` with their corrections applied, and what to say about it
    (``store`` left blank). The graph remembers its inputs and corrections files, so
    that ``fix`` can rebuild it."""
    loaded = load_inputs(inputs, **options)
    corrected = apply_corrections(loaded.claims, loaded.corrections)
    G = build_graph(corrected.claims)
    G.graph[BUILT_FROM] = {"inputs": inputs, "corrections": loaded.correction_files}
    notes = [*loaded.warnings, *(f"curated wins: {d}" for d in loaded.disagreements),
             *corrected.notes]
    return G, BuildResult(store="", stats=graph_stats(G), inputs=inputs, notes=notes,
                          corrections=corrected.applied,
                          stale=[str(s) for s in corrected.stale]), corrected.stale


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


# --- The analyst's corrections (issue 11) ----------------------------------------------

@dataclass(frozen=True, slots=True)
class FixResult:
    """A correction written to ``file`` at ``line`` and the graph rebuilt with it."""

    file: str
    line: int
    entry: dict[str, Any]
    build: BuildResult

    def to_dict(self) -> dict[str, Any]:
        return {"file": self.file, "line": self.line, "entry": self.entry,
                "build": self.build.to_dict()}


def _corrections_file(built_from: dict[str, Any], inputs: list[str]) -> Path:
    """Where ``fix`` writes: the one corrections file the graph was built with, else
    ``corrections.yaml`` in the first input folder."""
    used = built_from.get("corrections") or []
    if len(used) > 1:
        raise DiplographError(f"The graph was built with several corrections files "
                              f"({', '.join(used)}); say which with --file.")
    if used:
        return Path(used[0])
    first = Path(inputs[0])
    return (first if first.is_dir() else first.parent) / "corrections.yaml"


def fix(op: str, entity: str | None = None, *, tie: tuple[str, str, str] | None = None,
        note: str, by: str | None = None, at: str | None = None,
        file: str | Path | None = None, store: StoreArg = None,
        progress: Progress | None = None, workers: int = 1,
        cache: str | Path | None = DEFAULT_CACHE, **args: str | None) -> FixResult:
    """Append one correction to the corrections file and rebuild the store's graph with
    it, from the inputs it was built from.

    ``op`` is a key of :data:`loaders.corrections.OPS` (merge, rename, relabel, reject,
    alias, confirm); ``entity`` (id, name or alias) or ``tie`` (source, type, target)
    says what it applies to, and ``args`` its other keys (``into``, ``to``, ``label``,
    ``kind``, ``country``, ``doc``, ``add``). ``by`` defaults to ``$DIPLOGRAPH_USER`` or
    the login name, ``at`` to today. ``file`` defaults to the corrections file the graph
    was built with, else ``corrections.yaml`` in its first input folder. A correction
    that would change nothing (stale) is refused, and the file and store stay as they
    were.
    """
    import datetime
    import getpass
    import os

    target = _store(store)
    if not target.exists():
        raise DiplographError(f"No graph at {target.location}: build it first "
                              "(diplograph build PATHS).")
    built_from = target.load().graph.get(BUILT_FROM) or {}
    inputs = list(built_from.get("inputs") or [DEFAULT_SEEDS])
    path = Path(file) if file else _corrections_file(built_from, inputs)
    entry = correction_entry(op, entity=entity, tie=tie, note=note,
                             by=by or os.environ.get("DIPLOGRAPH_USER") or getpass.getuser(),
                             at=at or datetime.date.today().isoformat(), **args)
    before = path.read_text(encoding="utf-8") if path.exists() else None
    line = append_correction(path, entry)
    try:
        under = any(p == path.resolve() or p in path.resolve().parents
                    for p in (Path(i).resolve() for i in inputs))
        G, result, stale = _built(inputs if under else [*inputs, str(path)],
                                  workers=workers, cache=cache, progress=progress)
        mine = [s for s in stale if s.origin == f"{shown_path(path)}:{line}"]
        if mine:
            raise DiplographError(f"{mine[0].what}: {mine[0].why} (nothing was written)")
        target.save(G, progress=progress)
    except BaseException:
        if before is None:
            path.unlink(missing_ok=True)
        else:
            with atomic_open(path) as fh:
                fh.write(before)
        raise
    return FixResult(file=str(path), line=line, entry=entry,
                     build=replace(result, store=target.location))


def review(*, limit: int | None = None, min_score: float = 0.0,
           store: StoreArg = None) -> Review:
    """The review queue: unchecked ties and nodes with doubts, and suspected duplicates,
    most doubtful first, each with its reasons and the correction that would settle it."""
    return review_graph(_store(store).load(), limit=limit, min_score=min_score)


__all__ += ["FixResult", "fix", "review"]


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

PAGE_FORMATS = ("html", "png", "svg")


@dataclass(frozen=True, slots=True)
class VizResult:
    """What ``viz`` drew. ``html`` holds the page when no file was asked for; in Jupyter
    the result then shows the page inline."""

    format: str
    path: str
    nodes: int
    edges: int
    physics: bool | None = None
    html: str | None = field(default=None, repr=False)

    def to_dict(self) -> dict[str, Any]:
        return {"format": self.format, "path": self.path, "nodes": self.nodes,
                "edges": self.edges, "physics": self.physics}

    def _repr_html_(self) -> str | None:
        from diplograph.viz.page import iframe
        return iframe(self.html) if self.html else None


def viz(output: str | Path | None = None, *, format: str | None = None,
        focus: str | None = None, depth: int = 1, labels: Iterable[str] | None = None,
        types: Iterable[str] | None = None, since: str | None = None,
        until: str | None = None, as_of: str | None = None, min_sources: int = 0,
        min_confidence: float = 0.0, checked_only: bool = False,
        size_by: str = "degree", color_by: str = "label", title: str | None = None,
        physics: bool | None = None, store: StoreArg = None) -> VizResult:
    """Draw the graph: an offline interactive page (``html``), or a static ``png``/``svg``.

    ``format`` defaults to the suffix of ``output`` (else ``html``). With no ``output``
    the page is returned in ``VizResult.html`` (and shows inline in Jupyter). Filters:
    ``focus``/``depth`` (a neighbourhood), ``labels``, ``types``, ``since``/``until``
    (dated ties), ``as_of`` (ties that held that day), ``min_sources`` (distinct
    documents per tie), ``min_confidence`` and ``checked_only`` (see
    :func:`graph.provenance.trusted`). Node size by ``size_by`` (a key of ``viz.present.SIZE_BY``);
    colour by ``color_by``: ``label`` (the schema's colours) or ``community`` (the
    Louvain communities of :func:`communities`, each label keeping its shape).
    """
    from diplograph.graph.dates import normalize_date
    from diplograph.viz.page import render_page, write_page
    from diplograph.viz.present import Filters, present

    fmt = (format or (Path(output).suffix.lstrip(".").lower() if output else "") or "html")
    if fmt not in PAGE_FORMATS:
        raise DiplographError(f"Unknown picture format {fmt!r}; valid: {', '.join(PAGE_FORMATS)}")
    if output is None and fmt != "html":
        raise DiplographError(f"A {fmt} picture needs an output file (-o FILE.{fmt}).")
    dates = {}
    for key, value in (("since", since), ("until", until), ("as_of", as_of)):
        if value:
            try:
                dates[key] = normalize_date(value)
            except ValueError:
                raise DiplographError(f"--{key.replace('_', '-')} {value!r} is not a date; "
                                      "write it as YYYY, YYYY-MM or YYYY-MM-DD.") from None
    G = trusted(_store(store).load(), min_confidence=min_confidence,
                checked_only=checked_only)
    filters = Filters(min_sources=min_sources, labels=tuple(labels or ()),
                      types=tuple(types or ()), focus=focus, depth=depth, **dates)
    view = present(G, filters=filters, size_by=size_by, color_by=color_by,
                   title=title or (f"diplograph: around {focus}" if focus else "diplograph"))
    n, e = len(view["nodes"]), len(view["edges"])
    if fmt != "html":
        from diplograph.viz.static import draw
        written = draw(view, output, format=fmt)  # type: ignore[arg-type]
        return VizResult(format=fmt, path=str(written), nodes=n, edges=e)
    from diplograph.viz.layout import needs_layout
    physics_on = (not needs_layout(n)) if physics is None else physics
    if output is None:
        return VizResult(format=fmt, path="", nodes=n, edges=e, physics=physics_on,
                         html=render_page(view, physics=physics_on))
    written = write_page(view, output, physics=physics_on)
    return VizResult(format=fmt, path=str(written), nodes=n, edges=e, physics=physics_on)


__all__ += ["VizResult", "viz", "PAGE_FORMATS"]
