"""The results of the API's own commands (build, extract, export, push, pull, viz, demo).
Like the query results (:mod:`graph.queries.results`) each has ``to_dict()`` for
``--json``, a ``str()`` that is the line the CLI prints, and a table in a notebook.

Examples
--------
>>> print(ExportResult(format="gexf", path="g.gexf", nodes=3, edges=2))
Wrote 3 nodes and 2 edges to g.gexf (gexf)
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from diplograph.graph.queries.display import plural
from diplograph.graph.queries.results import Result
from diplograph.graph.queries.summary import Stats

__all__ = ["BuildResult", "FixResult", "ExtractResult", "ExportResult", "TransferResult",
           "PushResult", "PullResult", "VizResult", "DemoResult"]

STDOUT = ("-", "<stdout>")


@dataclass(frozen=True, slots=True)
class BuildResult(Result):
    """A built graph: where, its counts, its inputs, one-line notes (skipped files,
    curated-wins disagreements, what corrections did), how many corrections applied,
    and the stale ones (``file:line: what: why``), which matched nothing."""

    store: str
    stats: Stats
    inputs: list[str]
    notes: list[str] = field(default_factory=list)
    corrections: int = 0
    stale: list[str] = field(default_factory=list)

    def __str__(self) -> str:  # the notes are the CLI's warnings, printed on stderr
        text = f"Built {self.store} from {', '.join(self.inputs)}\n{self.stats}"
        return text + (f"\n{plural(self.corrections, 'correction')} applied"
                       if self.corrections else "")


@dataclass(frozen=True, slots=True)
class FixResult(Result):
    """A correction written to ``file`` at ``line`` and the graph rebuilt with it."""

    file: str
    line: int
    entry: dict[str, Any]
    build: BuildResult

    def __str__(self) -> str:
        b = self.build
        return (f"Wrote {next(iter(self.entry))} to {self.file}:{self.line}\n"
                f"Rebuilt {b.store}: {b.stats.nodes} nodes, {b.stats.edges} edges, "
                f"{plural(b.corrections, 'correction')} applied")


@dataclass(frozen=True, slots=True)
class ExtractResult(Result):
    output: str
    documents: int
    nodes: int
    edges: int
    warnings: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        where = "stdout" if self.output in STDOUT else self.output
        return (f"Extracted {self.nodes} nodes and {self.edges} edges from "
                f"{self.documents} documents into {where}")


@dataclass(frozen=True, slots=True)
class ExportResult(Result):
    format: str
    path: str
    nodes: int
    edges: int
    warnings: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        return f"Wrote {self.nodes} nodes and {self.edges} edges to {self.path} ({self.format})"


@dataclass(frozen=True, slots=True)
class TransferResult(Result):
    """A graph copied from one store to another (``push``/``pull``)."""

    source: str
    target: str
    stats: Stats

    def _copied(self, verb: str) -> str:
        return (f"{verb} {self.stats.nodes} nodes and {self.stats.edges} edges "
                f"from {self.source} to {self.target}")

    def __str__(self) -> str:
        return self._copied("Copied")


@dataclass(frozen=True, slots=True)
class PushResult(TransferResult):
    def __str__(self) -> str:
        return self._copied("Pushed")


@dataclass(frozen=True, slots=True)
class PullResult(TransferResult):
    def __str__(self) -> str:
        return self._copied("Pulled")


@dataclass(frozen=True, slots=True)
class VizResult(Result):
    """What ``viz`` drew. ``html`` holds the page when no file was asked for; in Jupyter
    the result then shows the page inline. ``labels`` (pictures only): each drawn text's
    box in pixels from the top left, ``(text, x0, y0, x1, y1)``."""

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

    def __str__(self) -> str:
        where = f"to {self.path}" if self.path else "in the page"
        return f"Wrote {self.nodes} nodes and {self.edges} ties {where} ({self.format})"

    def _repr_html_(self) -> str:
        if self.html:
            from diplograph.viz.page import iframe
            return iframe(self.html)
        return Result._repr_html_(self)


@dataclass(frozen=True, slots=True)
class DemoResult(Result):
    """What ``demo`` did: the build of the shipped seeds, and the page drawn from it."""

    build: BuildResult
    page: VizResult

    def to_dict(self) -> dict[str, Any]:
        return {"build": self.build.to_dict(), "page": self.page.to_dict()}

    def __str__(self) -> str:
        return (f"{self.build}\n{self.page}\n"
                f"Open {self.page.path} in a browser (it works offline).")
