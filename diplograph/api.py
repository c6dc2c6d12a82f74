"""diplograph's Python API. Every CLI command calls exactly one function here, with the
same name; each returns data and prints nothing.

The questions the graph answers (``show``, ``neighbors``, ``path``, ``between``, ...) are
the entries of the query registry (:data:`graph.queries.QUERIES`): each is a function
here with the arguments its reference query takes after the graph, names (an id, a name
or an alias) where the reference takes node ids, and a ``store``. Their results print as
the CLI prints them (``str``) and show as tables in a notebook.

``store`` arguments take a directory path, a server URI or an open
:class:`graph.stores.GraphStore`; ``None`` means ``$DIPLOGRAPH_STORE`` or
``./diplograph-data``.
"""
from __future__ import annotations

import inspect
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO, TypeVar

from diplograph.graph.errors import DiplographError, InvalidInput
from diplograph.graph.queries import QUERIES, Query
from diplograph.graph.queries.diff import Diff
from diplograph.graph.queries.summary import stats as graph_stats
from diplograph.graph.stores import GraphStore, open_store
from diplograph.model import pinned_model, setup_model
from diplograph.results import (BuildResult, DemoResult, ExportResult, ExtractResult,
                                FixResult, PullResult, PushResult, VizResult)

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["BuildResult", "FixResult", "ExtractResult", "ExportResult", "PushResult",
           "PullResult", "VizResult", "DemoResult", "Progress", "DEFAULT_SEEDS", "PAGE_FORMATS",
           "build", "fix", "extract", "load_graph", "export", "diff", "push", "pull", "cypher",
           "viz", "demo", "setup_model", "pinned_model"]

T = TypeVar("T")
# A progress callback wraps an iterable (with its length and a label) and yields its items.
Progress = Callable[[Sequence[T], str], Iterable[T]]

#: The seed data shipped with diplograph (package data; ``seeds/`` in a source checkout).
DEFAULT_SEEDS = Path(str(resources.files("diplograph.seeds")))
DEFAULT_PAGE = "diplograph.html"
DEFAULT_CACHE = ".diplograph-cache"
#: The graph attribute naming the inputs and corrections files a graph was built from.
BUILT_FROM = "built_from"
StoreArg = str | Path | GraphStore | None


@contextmanager
def _opened(store: StoreArg) -> Iterator[GraphStore]:
    """The store, closed afterwards if this call opened it (a caller's stays open)."""
    if isinstance(store, GraphStore):
        yield store
        return
    with open_store(store) as opened:
        yield opened


@contextmanager
def _trusting(store: GraphStore, min_confidence: float, checked_only: bool
              ) -> Iterator[GraphStore]:
    """``store``, seen through ``min_confidence``/``checked_only`` when either is set
    (:meth:`GraphStore.trusting`)."""
    if min_confidence > 0 or checked_only:
        with store.trusting(min_confidence, checked_only) as seen:
            yield seen
    else:
        yield store


# --- the questions: one function per entry of the query registry ------------------------

def _query_function(entry: Query) -> Callable[..., Any]:
    """``api.<name>``: the query run by the store (its override, or the reference over
    its graph), with the reference's arguments after the graph, ``store``, and the
    ``min_confidence``/``checked_only`` filters (the reference then runs over the ties
    that pass)."""
    def answer(*args: Any, store: StoreArg = None, min_confidence: float = 0.0,
               checked_only: bool = False, **options: Any) -> Any:
        with _opened(store) as opened, _trusting(opened, min_confidence, checked_only) as seen:
            return seen.run(entry, *args, **options)

    extra = [inspect.Parameter(name, inspect.Parameter.KEYWORD_ONLY, default=default,
                               annotation=hint)
             for name, default, hint in (("store", None, "StoreArg"),
                                         ("min_confidence", 0.0, "float"),
                                         ("checked_only", False, "bool"))]
    answer.__signature__ = entry.signature.replace(  # type: ignore[attr-defined]
        parameters=[*entry.signature.parameters.values(), *extra])
    answer.__name__ = answer.__qualname__ = entry.name
    answer.__module__ = __name__
    reference = f"{entry.reference.__module__}.{entry.reference.__name__}"
    names = (f" {', '.join(f'``{n}``' for n in entry.names)} may be an id, a name or an "
             "alias." if entry.names else "")
    answer.__doc__ = (f"{entry.doc}\n\nThe query :func:`{reference}` on the graph of "
                      f"``store``.{names}")
    return answer


for _entry in QUERIES.values():
    if _entry.on_store:
        globals()[_entry.name] = _query_function(_entry)
        __all__.append(_entry.name)


def build(paths: Iterable[str | Path] | None = None, *, store: StoreArg = None,
          progress: Progress | None = None, workers: int = 1,
          cache: str | Path | None = DEFAULT_CACHE,
          warn: Callable[[str], None] | None = None) -> BuildResult:
    """Load curated YAML and documents from ``paths`` (default :data:`DEFAULT_SEEDS`, the
    seed data shipped with diplograph), merge them and replace the store's graph. Nothing is written unless every input is valid and
    they give at least one entity.

    Documents are extracted in ``workers`` processes, reusing ``cache`` for unchanged
    ones; where extracted and curated claims disagree, curated wins and ``notes`` say so,
    beside one line per skipped file and a warning when the new graph has less than
    half the nodes of the one it replaces. Corrections files among the inputs are
    applied to the claims before they merge; the stale ones (matching nothing) are
    listed in ``stale`` and do not stop the build. ``warn`` is called with each of these
    lines as it arises (the CLI prints them on stderr)."""
    inputs = [str(p) for p in (paths or [DEFAULT_SEEDS])]
    notes: list[str] = []
    G, loaded, corrected = _built(inputs, _noting(notes, warn), workers=workers,
                                  cache=cache, progress=progress)
    with _opened(store) as target:
        _save(G, loaded, inputs, target, _noting(notes, warn), progress)
    return BuildResult(store=target.location, stats=graph_stats(G), inputs=inputs,
                       notes=notes, corrections=corrected.applied,
                       stale=[str(s) for s in corrected.stale])


def _noting(notes: list[str], warn: Callable[[str], None] | None) -> Callable[[str], None]:
    """Keep each notice in ``notes`` and hand it to ``warn`` as it arises."""
    def note(line: str) -> None:
        notes.append(line)
        if warn is not None:
            warn(line)
    return note


def _built(inputs: list[str], note: Callable[[str], None], **options: Any
           ) -> tuple[nx.MultiDiGraph, Any, Any]:
    """The graph of ``inputs`` with their corrections applied, what was loaded, and what
    the corrections did (``Applied``). The graph remembers its inputs and corrections
    files, so that ``fix`` can rebuild it."""
    from diplograph.graph.merge import build_graph
    from diplograph.loaders import load_inputs
    from diplograph.loaders.corrections_apply import apply_corrections

    loaded = load_inputs(inputs, warn=note, **options)
    for disagreement in loaded.disagreements:
        note(f"curated wins: {disagreement}")
    corrected = apply_corrections(loaded.claims, loaded.corrections)
    for line in (*corrected.notes, *map(str, corrected.stale)):
        note(line)
    G = build_graph(corrected.claims)
    G.graph[BUILT_FROM] = {"inputs": inputs, "corrections": loaded.correction_files}
    return G, loaded, corrected


def _save(G: nx.MultiDiGraph, loaded: Any, inputs: list[str], target: GraphStore,
          note: Callable[[str], None], progress: Progress | None) -> None:
    """Replace the store's graph with ``G``, unless the inputs gave no entity; warn when
    it holds less than half the nodes it replaces."""
    _refuse_empty(loaded, inputs, target)
    before = _nodes_held(target)
    if before is not None and 2 * G.number_of_nodes() < before:
        note(f"the new graph has {G.number_of_nodes()} nodes where {target.location} "
             f"held {before}: less than half. Check that every input was read.")
    target.save(G, progress=progress)


def _refuse_empty(loaded: Any, inputs: list[str], target: GraphStore) -> None:
    """A build whose inputs give no entity is a mistake (an empty folder, unreadable
    files), never a request to empty the store."""
    from diplograph.graph.claims import NodeClaim

    if not any(isinstance(c, NodeClaim) for c in loaded.claims):
        skipped = f"; {len(loaded.warnings)} file(s) skipped" if loaded.warnings else ""
        raise InvalidInput(f"no entity found in these inputs{skipped}: nothing was built "
                           f"and {target.location} was left as it was", ", ".join(inputs))


def _nodes_held(target: GraphStore) -> int | None:
    """How many nodes the store holds now (None when empty or unreadable)."""
    try:
        return target.run("stats").nodes if target.exists() else None
    except DiplographError:
        return None


def _corrections_file(built_from: dict[str, Any], inputs: list[str]) -> Path:
    """Where ``fix`` writes: the one corrections file the graph was built with, else
    ``corrections.yaml`` in the first input folder."""
    used = built_from.get("corrections") or []
    if len(used) > 1:
        raise DiplographError(f"The graph was built with several corrections files "
                              f"({', '.join(used)}); say which with {{file}}.",
                              file="file=...")
    if used:
        return Path(used[0])
    first = Path(inputs[0])
    return (first if first.is_dir() else first.parent) / "corrections.yaml"


def fix(op: str, entity: str | None = None, *, tie: tuple[str, str, str] | None = None,
        note: str, by: str | None = None, at: str | None = None,
        file: str | Path | None = None, store: StoreArg = None,
        progress: Progress | None = None, workers: int = 1,
        cache: str | Path | None = DEFAULT_CACHE,
        warn: Callable[[str], None] | None = None, **args: str | None) -> FixResult:
    """Append one correction to the corrections file and rebuild the store's graph with
    it, from the inputs it was built from.

    ``op`` is a key of :data:`loaders.corrections.OPS` (merge, rename, relabel, reject,
    alias, confirm); ``entity`` (id, name or alias) or ``tie`` (source, type, target)
    says what it applies to, and ``args`` its other keys (``into``, ``to``, ``label``,
    ``kind``, ``country``, ``doc``, ``add``). ``by`` defaults to ``$DIPLOGRAPH_USER`` or
    the login name, ``at`` to today. ``file`` defaults to the corrections file the graph
    was built with, else ``corrections.yaml`` in its first input folder. A correction
    that would change nothing (stale) is refused, and the file and store stay as they
    were. ``warn`` gets the rebuild's notices, as for :func:`build`.
    """
    import datetime
    import getpass
    import os

    from diplograph.loaders.corrections import appended, correction_entry

    entry = correction_entry(op, entity=entity, tie=tie, note=note,
                             by=by or os.environ.get("DIPLOGRAPH_USER") or getpass.getuser(),
                             at=at or datetime.date.today().isoformat(), **args)
    notes: list[str] = []
    with _opened(store) as target:
        if not target.exists():
            raise DiplographError(f"No graph at {target.location}: build it first "
                                  "(diplograph build PATHS).")
        built_from = target.load().graph.get(BUILT_FROM) or {}
        inputs = list(built_from.get("inputs") or [DEFAULT_SEEDS])
        path = Path(file) if file else _corrections_file(built_from, inputs)
        with appended(path, entry) as origin:
            found = {Path(i).resolve() for i in inputs}
            within = any(p in found for p in (path.resolve(), *path.resolve().parents))
            rebuilt = inputs if within else [*inputs, str(path)]
            G, loaded, corrected = _built(rebuilt, notes.append, workers=workers,
                                          cache=cache, progress=progress)
            mine = [s for s in corrected.stale if s.origin == origin]
            if mine:
                raise DiplographError(f"{mine[0].what}: {mine[0].why} (nothing was written)")
            for line in notes:
                if warn is not None:
                    warn(line)
            _save(G, loaded, rebuilt, target, _noting(notes, warn), progress)
    build = BuildResult(store=target.location, stats=graph_stats(G), inputs=rebuilt,
                        notes=notes, corrections=corrected.applied,
                        stale=[str(s) for s in corrected.stale])
    return FixResult(file=str(path), line=int(origin.rpartition(":")[2]), entry=entry,
                     build=build)


def extract(paths: Iterable[str | Path], *, output: str | Path | TextIO, workers: int = 1,
            cache: str | Path | None = DEFAULT_CACHE, progress: Progress | None = None
            ) -> ExtractResult:
    """Extract entities and ties from the documents under ``paths`` alone (curated YAML
    there is ignored; gazetteer YAML configures extraction) and write the graph's JSON
    export to ``output``: a file path, or an open text stream (the CLI passes stdout
    for ``-``)."""
    from diplograph.graph.files import output_path
    from diplograph.graph.merge import build_graph
    from diplograph.loaders import iter_files, load_inputs
    from diplograph.loaders.curated import read_yaml
    from diplograph.loaders.documents import DOCUMENT_SUFFIXES
    from diplograph.loaders.extract.patterns import is_gazetteer
    from diplograph.viz.exports import EXPORTERS, export_graph

    inputs = [str(p) for p in paths]
    if isinstance(output, (str, Path)):
        output_path(output)             # a missing folder fails now, not after extracting
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
    with _opened(store) as opened:
        return opened.load()


def export(format: str, output: str | Path, *, store: StoreArg = None) -> ExportResult:
    """Write the store's graph to ``output`` in ``format`` (a key of ``EXPORTERS``);
    ``warnings`` say what text had to change to fit the format."""
    from diplograph.viz.exports import EXPORTERS, export_graph

    if format not in EXPORTERS:
        raise DiplographError(f"Unknown format {format!r}; valid: {', '.join(EXPORTERS)}")
    G = load_graph(store=store)
    warnings: list[str] = []
    written = export_graph(G, format, output, warn=warnings.append)
    return ExportResult(format=format, path=str(written), nodes=G.number_of_nodes(),
                        edges=G.number_of_edges(), warnings=warnings)


def _graph_of(source: StoreArg) -> tuple[nx.MultiDiGraph, str]:
    """A store, or a JSON export file, as a graph and the name to show for it."""
    from diplograph.graph.stores.embedded import read_nodelink

    if source is not None and not isinstance(source, GraphStore) and Path(source).is_file():
        return read_nodelink(Path(source)), str(source)
    with _opened(source) as opened:
        return opened.load(), opened.location


def diff(old: StoreArg, new: StoreArg) -> Diff:
    """What changed from ``old`` to ``new`` (each a store or a JSON export file): nodes and
    ties added and removed, and those whose properties or citations changed."""
    (G_old, old_name), (G_new, new_name) = _graph_of(old), _graph_of(new)
    return QUERIES["diff"].reference(G_old, G_new, old_name=old_name, new_name=new_name)


# --- Bolt servers (Neo4j, or ArcadeDB in the tests) -----------------------------------

def _server(uri: str | None, user: str | None, database: str | None) -> GraphStore:
    """The server store at ``uri`` (default ``$NEO4J_URI``); the password comes from
    ``$NEO4J_PASSWORD`` only."""
    from diplograph.graph.stores.neo4j import Neo4jStore
    return Neo4jStore(uri, user=user, database=database)


def push(*, store: StoreArg = None, uri: str | None = None, user: str | None = None,
         database: str | None = None, progress: Progress | None = None) -> PushResult:
    """Copy the graph of ``store`` (default the local one) to a Neo4j server, replacing
    the graph there. Batched and idempotent: after a failure, push again. ``progress``
    wraps the write batches."""
    with _opened(store) as source:
        G = source.load()
        with _server(uri, user, database) as server:
            server.save(G, progress=progress)
            return PushResult(source=source.location, target=server.location,
                              stats=graph_stats(G))


def pull(*, store: StoreArg = None, uri: str | None = None, user: str | None = None,
         database: str | None = None, progress: Progress | None = None) -> PullResult:
    """Copy the graph of a Neo4j server into ``store`` (default the local one), replacing
    it; the pulled graph is identical to the one pushed, citations included. ``progress``
    wraps the reads."""
    with _server(uri, user, database) as server, _opened(store) as target:
        G = server.load(progress=progress)
        target.save(G)
        return PullResult(source=server.location, target=target.location,
                          stats=graph_stats(G))


def cypher(query: str, params: dict[str, Any] | None = None, *, write: bool = False,
           uri: str | None = None, user: str | None = None, database: str | None = None
           ) -> Any:
    """Run ad-hoc Cypher on a server: in a read transaction, refusing write clauses and
    procedures not known to only read, unless ``write``. Returns a ``CypherResult`` (columns, rows, counters)."""
    from diplograph.graph.stores.neo4j import Neo4jStore
    with Neo4jStore(uri, user=user, database=database) as server:
        return server.run_cypher(query, params, write=write)


# --- viz: the page and the static pictures -------------------------------------------

PAGE_FORMATS = ("html", "png", "svg", "pdf")
#: Above this many nodes, :func:`viz` draws a part of the graph (``focus`` or ``top``):
#: a page of every node would be too large to open.
VIZ_LIMIT = 5_000


def _viz_graph(store: StoreArg, focus: str | None, depth: int, top: int | None,
               whole: bool, story: bool, trust: tuple[float, bool]
               ) -> tuple[nx.MultiDiGraph, str | None]:
    """The graph a picture draws, with only what passes ``trust`` (min_confidence,
    checked_only), and, when read in part, its focus as an id (else the focus is
    resolved in the graph, as a filter): only the focus's neighbourhood or the ``top``
    nodes by degree, read alone from a store that can (SQLite), unless ``whole``
    (colours by community need the whole graph); else the whole graph, cut to ``top``
    by the caller. A graph over :data:`VIZ_LIMIT` nodes with neither (nor a ``story``,
    whose steps say what to draw) is refused."""
    with _opened(store) as whole_store, _trusting(whole_store, *trust) as opened:
        partial = getattr(opened, "part", None)
        if (focus or top) and not whole and partial is not None:
            center = opened.run("resolve", focus) if focus else None
            G = partial(focus=center, depth=depth, top=top)
            if G is not None:
                return G, center
        G = None
        if not (focus or top or story):
            if partial is None:   # a store that counts by loading: load it once
                G = opened.load()
            count = G.number_of_nodes() if G is not None else opened.run("stats").nodes
            if count > VIZ_LIMIT:
                raise DiplographError(
                    f"{opened.location} holds {count:,} nodes, more than one page draws "
                    f"well ({VIZ_LIMIT:,}): draw a part of it with {{focus}} (and "
                    "{depth}) or {top}.", focus="focus=...", depth="depth=2",
                    top="top=500")
        return (G if G is not None else opened.load()), None


def _top(G: nx.MultiDiGraph, top: int) -> nx.MultiDiGraph:
    """The ``top`` nodes of ``G`` by degree (then id), with the ties among them."""
    chosen = sorted(G, key=lambda n: (-G.degree(n), n))[:max(top, 0)]
    part = G.subgraph(chosen).copy()
    part.graph.update(G.graph)
    return part


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
        min_confidence: float = 0.0, checked_only: bool = False,
        min_degree: int = 0, size_by: str = "degree", color_by: str = "label",
        title: str | None = None, physics: bool = False, story: str | Path | None = None,
        diff: StoreArg = None, width: int = 1920, height: int = 1080, dpi: int = 150,
        font_size: float = 10.0, top: int | None = None, store: StoreArg = None
        ) -> VizResult:
    """Draw the graph: an offline interactive page (``html``), or a ``png``, ``svg`` or
    ``pdf`` picture for slides.

    ``format`` defaults to the suffix of ``output`` (else ``html``). With no ``output``
    the page is returned in ``VizResult.html`` (and shows inline in Jupyter). Filters:
    ``focus``/``depth`` (a neighbourhood), ``labels``, ``types``, ``since``/``until``
    (dated ties), ``as_of`` (ties that held that day), ``min_sources`` (distinct
    documents per tie), ``min_confidence`` and ``checked_only`` (see
    :func:`graph.provenance.trusted`; on a diff map, applied to both graphs),
    ``min_degree`` (nodes with at least that many ties; on the page it is the filter's
    starting value), ``top`` (only the nodes with the most ties, and the ties among
    them). A graph of more than :data:`VIZ_LIMIT` nodes needs ``focus`` or ``top``; the
    SQLite store then reads only that part. Node size by ``size_by`` (a key of
    ``viz.present.SIZE_BY``);
    colour by ``color_by``: ``label`` (the schema's colours) or ``community`` (the
    Leiden communities of :func:`communities`). ``story``: a story file (see
    ``loaders.stories``), drawn as a page with next/previous. ``diff``: an earlier store
    or JSON export; the map then colours what was added, removed or changed since.
    Pictures: ``width``/``height`` in pixels at ``dpi``, text of ``font_size`` points.
    The same store always gives the same bytes.
    """
    from diplograph.graph.dates import normalize_date
    from diplograph.graph.provenance import trusted
    from diplograph.viz.page import render_page, write_page
    from diplograph.viz.present import Filters, present

    fmt = (format or (Path(output).suffix.lstrip(".").lower() if output else "") or "html")
    if fmt not in PAGE_FORMATS:
        raise DiplographError(f"Unknown picture format {fmt!r}; valid: {', '.join(PAGE_FORMATS)}")
    if output is None and fmt != "html":
        raise DiplographError(f"A {fmt} picture needs an output file: give {{output}} a "
                              f"name ending in .{fmt}.", output="output")
    if story is not None and (focus or labels or types or since or until or as_of
                              or diff is not None):
        raise DiplographError("{story} draws the steps its file lists: leave out {focus}, "
                              "{labels}, {types}, the dates and {diff}.", story="story",
                              focus="focus", labels="labels", types="types", diff="diff")
    dates = {}
    for key, value in (("since", since), ("until", until), ("as_of", as_of)):
        if value:
            try:
                dates[key] = normalize_date(value)
            except ValueError:
                raise DiplographError(f"{{{key}}} {value!r} is not a date; write it as "
                                      "YYYY, YYYY-MM or YYYY-MM-DD.", **{key: key}) from None
    def trust(G: nx.MultiDiGraph) -> nx.MultiDiGraph:
        return trusted(G, min_confidence=min_confidence, checked_only=checked_only)

    G, center = _viz_graph(store, focus, depth, top,
                           whole=color_by == "community" or diff is not None,
                           story=story is not None, trust=(min_confidence, checked_only))
    if top is not None and G.number_of_nodes() > top:
        G = _top(G, top)
    changes = None
    if diff is not None:
        from diplograph.viz.diffmap import diff_union
        G, changes = diff_union(trust(_graph_of(diff)[0]), G)
    # A page keeps every node and starts its min-degree filter there; a picture drops them.
    filters = Filters(min_sources=min_sources, labels=tuple(labels or ()),
                      types=tuple(types or ()), focus=center or focus, depth=depth,
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



# --- the tour: the shipped seeds, built and drawn ----------------------------------------

def demo(output: str | Path = DEFAULT_PAGE, *, store: StoreArg = None,
         progress: Progress | None = None, workers: int = 1,
         cache: str | Path | None = DEFAULT_CACHE,
         warn: Callable[[str], None] | None = None) -> DemoResult:
    """Build the seed data shipped with diplograph (:data:`DEFAULT_SEEDS`: curated
    records, their documents and sample articles) into ``store`` and draw it as the
    offline page ``output``. Works from any folder; extracting the articles needs the
    spaCy model (:func:`setup_model`)."""
    built = build([DEFAULT_SEEDS], store=store, progress=progress, workers=workers,
                  cache=cache, warn=warn)
    return DemoResult(build=built, page=viz(output, store=store))
