"""Plain-text rendering of the corrections results: the review queue and ``fix``."""
from __future__ import annotations

import shlex
from typing import Any

from diplograph.api import FixResult
from diplograph.graph.queries.review import Review, ReviewItem
from diplograph.render import citation

__all__ = ["fix", "review", "fix_command"]


def fix(result: FixResult) -> str:
    """What was written where, and the rebuilt graph's counts."""
    b = result.build
    lines = [f"Wrote {next(iter(result.entry))} to {result.file}:{result.line}",
             f"Rebuilt {b.store}: {b.stats.nodes} nodes, {b.stats.edges} edges, "
             f"{b.corrections} corrections applied"]
    return "\n".join(lines + b.notes)


def fix_command(action: dict[str, Any]) -> str:
    """The ``diplograph fix`` command line that makes the correction ``action`` proposes."""
    op = action["op"]
    words = ["diplograph", "fix", op, *(action["tie"] if "tie" in action else [action["entity"]])]
    words += {"merge": [action.get("into", "")], "rename": [action.get("to", "")],
              "alias": [action.get("add", "")]}.get(op, [])
    if op == "relabel":
        words += ["--label", action.get("label", "LABEL")]
    return " ".join(shlex.quote(str(w)) for w in words) + " --note '...'"


def _item(i: int, item: ReviewItem) -> list[str]:
    names = [n.name for n in item.nodes]
    what = {"tie": lambda: f"{names[0]} -{item.type}-> {names[1]}",
            "duplicate": lambda: f"{names[0]}  /  {names[1]}"}.get(
        item.kind, lambda: f"{names[0]} [{item.nodes[0].label}]")()
    lines = [f"{i:>3}. {item.score:.2f} {item.kind}: {what}"]
    lines += [f"       - {reason}" for reason in item.reasons]
    lines += [f"       {citation(c)}" for c in item.evidence[:2]]
    lines.append(f"       fix: {fix_command(item.action)}")
    return lines


def review(queue: Review) -> str:
    """The queue, most doubtful first: each item's score, reasons, first citations and
    the command that would settle it."""
    if queue.is_empty:
        return "Nothing to review: every tie and node is checked, or none looks doubtful."
    head = (f"{len(queue.items)} of {queue.total} items to review, most doubtful first:"
            if len(queue.items) < queue.total else
            f"{queue.total} items to review, most doubtful first:")
    return "\n".join([head, *(line for i, item in enumerate(queue.items, 1)
                              for line in _item(i, item))])
