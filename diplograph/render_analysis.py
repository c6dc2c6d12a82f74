"""Plain-text rendering of the analytic results (between, who, posts, rank, communities,
timeline, contradictions, diff, ranked paths). Pure functions from result values to
strings, built on the helpers of :mod:`diplograph.render`; every empty answer says so."""
from __future__ import annotations

from typing import Any

from diplograph.render import citation, edge, paths, table
from diplograph.graph.queries.analysis_results import (Between, Change, Communities, Contradiction,
                                            Contradictions, Diff, EdgeRef, NodeRef,
                                            Participation, Posts, Ranking, Side, Timeline, Who)
from diplograph.graph.queries.paths import path_strength
from diplograph.graph.queries.results import NodeSummary, PathResult

__all__ = ["between", "who", "posts", "ranking", "communities", "timeline", "contradictions",
           "diff", "ranked_paths"]

_CITE = "      "


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}" + ("" if count == 1 else "s")


def _kind(n: NodeSummary) -> str:
    return f"{n.label} ({n.kind})" if n.kind else n.label


def _props(props: dict[str, Any], skip: tuple[str, ...] = ()) -> str:
    return ", ".join(f"{k}: {v}" for k, v in props.items() if k not in skip)


def _participation(p: Participation, *, show_via: bool = True) -> list[str]:
    detail = _props(p.properties)
    via = (" via " + " > ".join(n.name for n in p.via[:-1])
           if show_via and len(p.via) > 1 else "")
    head = f"    - {p.actor.name} [{p.actor.label}] {p.type}" + (f" ({detail})" if detail else "")
    return [head + via] + [_CITE + citation(c) for c in p.evidence]


def _side(side: Side, title: str | None = None) -> list[str]:
    name = title or (side.side.name if side.side else "no known side")
    return [f"  {name}:"] + [line for p in side.participants for line in _participation(p)]


def between(result: Between) -> str:
    a, b = result.a.name, result.b.name
    if result.is_empty:
        return f"{a} and {b} take part in no common mechanism or event."
    out = [f"{a} and {b} both take part in {len(result.venues)} mechanisms and events:"]
    for venue in result.venues:
        v = venue.venue
        extra = _props(v.properties, skip=("description",))
        out.append(f"\n{v.name}  [{_kind(v)}]" + (f"  {extra}" if extra else ""))
        for side in venue.sides:
            out += _side(side)
    return "\n".join(out)


def _refs(refs: list[NodeRef]) -> str:
    return ", ".join(r.name for r in refs)


def who(result: Who) -> str:
    v = result.venue
    out = [f"{v.name}  [{_kind(v)}]  id: {v.id}"]
    out += [f"{k}: {val}" for k, val in v.properties.items()]
    for title, refs in (("round of", result.series), ("located in", result.places),
                        ("under", result.parents)):
        if refs:
            out.append(f"{title}: {_refs(refs)}")
    if result.evidence:
        out.append(f"cited by: {', '.join(sorted({c['doc'] for c in result.evidence}))}")
    if result.is_empty:
        out.append(f"\nNo participants, rounds or funding are recorded for {v.name}.")
        return "\n".join(out)
    if result.sides:
        out.append("\nParticipants by side:")
        for side in result.sides:
            out += _side(side)
    if result.funding:
        out.append("\nFunding:")
        out += [edge(e) for e in result.funding]
    if result.rounds:
        out.append(f"\nRounds ({len(result.rounds)}):")
        rows = [(r.properties.get("ordinal", ""), r.properties.get("date", ""), r.name)
                for r in result.rounds]
        out.append(table(rows, ["#", "date", "event"]))
    return "\n".join(out)


def posts(result: Posts) -> str:
    when = f" on {result.as_of}" if result.as_of else ""
    if result.is_empty:
        return f"No posts recorded for {result.subject.name}{when}."
    rows = []
    for p in result.posts:
        title = " | ".join(p.titles) if len(p.titles) > 1 else (p.title or "")
        rows.append((p.person.name, ("! " if len(p.titles) > 1 else "") + title, p.body.name,
                     p.start or "", p.end or "", p.status,
                     ", ".join(sorted({c["doc"] for c in p.evidence}))))
    head = f"Posts of {result.subject.name}{when} ({len(result.posts)}):"
    foot = ("\n! sources disagree on the title; see 'diplograph contradictions'"
            if any(len(p.titles) > 1 for p in result.posts) else "")
    return head + "\n" + table(rows, ["person", "title", "body", "start", "end", "status",
                                      "sources"]) + foot


def ranking(result: Ranking) -> str:
    among = f" among {result.label} nodes" if result.label else ""
    if result.is_empty:
        return f"No nodes to rank{among}."
    rows = [(i, e.node.name, e.node.label, f"{e.score:.4f}", e.degree, e.node.id)
            for i, e in enumerate(result.entries, 1)]
    return (f"Top {len(rows)} by {result.by}{among}:\n"
            + table(rows, ["#", "name", "label", "score", "degree", "id"]))


def communities(result: Communities) -> str:
    if result.is_empty:
        return "No communities: the graph is empty (or every cluster is below --min-size)."
    out = [f"{len(result.communities)} communities ({result.method}, seed {result.seed}, "
           f"modularity {result.modularity:.3f}):"]
    for c in result.communities:
        out.append(f"\n{c.index}. {len(c.members)} members; most connected: {_refs(c.central)}")
        out.append("   " + _refs(c.members))
    return "\n".join(out)


def timeline(result: Timeline) -> str:
    scope = [f"about {result.about.name}" if result.about else "",
             f"since {result.since}" if result.since else "",
             f"until {result.until}" if result.until else ""]
    scope_text = " ".join(s for s in scope if s)
    if result.is_empty:
        return "No dated claims" + (f" {scope_text}" if scope_text else "") + "."
    out = [f"{len(result.entries)} dated claims" + (f" {scope_text}" if scope_text else "") + ":"]
    for e in result.entries:
        what = (f"{e.source.name} -{e.type}-> {e.target.name}" if e.target
                else f"{e.source.name} [{e.type}]")
        field = "" if e.field == "date" else f" ({e.field})"
        out.append(f"{e.date}{field}  {what}")
        out += [f"    ! sources disagree on {k}: {' | '.join(map(str, v))}"
                for k, v in e.conflicts.items()]
        out += [f"    {citation(c)}" for c in e.evidence]
    return "\n".join(out)


_HEADLINES = {
    "values": lambda c: f"sources disagree on {c.key}",
    "dates": lambda c: "dated differently",
    "posts": lambda c: f"placed in several {c.key} posts at once",
    "holders": lambda c: f"the post '{c.key}' is given to several people at once",
}


def _contradiction(c: Contradiction) -> list[str]:
    tie = f" -{c.type}-> {c.target.name}" if c.target else ""
    where = (f"within {c.documents[0]}" if c.within_source and len(c.documents) == 1
             else f"across {', '.join(c.documents)}" if c.documents else "sources not recorded")
    out = [f"{c.subject.name}{tie}: {_HEADLINES[c.kind](c)} ({where})"]
    for value in c.values:
        out.append(f"  = {value.value}")
        out += [f"      {citation(cite)}" for cite in value.evidence]
    return out


def contradictions(result: Contradictions) -> str:
    if result.is_empty:
        return "No contradictions found."
    out = [f"{len(result.items)} contradictions:"]
    for c in result.items:
        out += [""] + _contradiction(c)
    return "\n".join(out)


def _edge_ref(e: EdgeRef) -> str:
    return f"{e.source.name} -{e.type}-> {e.target.name}"


def _changes(changes: list[Change]) -> list[str]:
    return [f"      {c.key}: {c.old!r} -> {c.new!r}" for c in changes]


def _changed(change: Any) -> list[str]:
    """The lines under a changed node or tie: its property changes, then its citations."""
    return [*_changes(change.changes),
            *(f"      + {citation(c)}" for c in change.citations_added),
            *(f"      - {citation(c)}" for c in change.citations_removed)]


def diff(result: Diff) -> str:
    if result.is_empty:
        return f"No differences between {result.old} and {result.new}."
    counts = (f"nodes +{len(result.nodes_added)} -{len(result.nodes_removed)} "
              f"~{len(result.nodes_changed)}, ties +{len(result.edges_added)} "
              f"-{len(result.edges_removed)} ~{len(result.edges_changed)}")
    out = [f"From {result.old} to {result.new}: {counts}"]
    out += [f"+ node {n.name} [{n.label}] {n.id}" for n in result.nodes_added]
    out += [f"- node {n.name} [{n.label}] {n.id}" for n in result.nodes_removed]
    for change in result.nodes_changed:
        out += [f"~ node {change.node.name} {change.node.id}", *_changed(change)]
    out += [f"+ tie {_edge_ref(e)}" for e in result.edges_added]
    out += [f"- tie {_edge_ref(e)}" for e in result.edges_removed]
    for change in result.edges_changed:
        out += [f"~ tie {_edge_ref(change.edge)}", *_changed(change)]
    return "\n".join(out)


def ranked_paths(found: list[PathResult]) -> str:
    """Paths with the evidence they are ranked by (documents behind the weakest hop)."""
    def strength(p: PathResult) -> str:
        weakest, total = path_strength(p)
        return (f"{_plural(p.length, 'hop')}; weakest hop cited by "
                f"{_plural(weakest, 'document')}, {total} in all")
    return paths(found, strength)
