"""Plain-text rendering of the corrections results (fix, and the review queue)."""
from __future__ import annotations

from diplograph.api import FixResult

__all__ = ["fix"]


def fix(result: FixResult) -> str:
    """What was written where, and the rebuilt graph's counts."""
    b = result.build
    lines = [f"Wrote {next(iter(result.entry))} to {result.file}:{result.line}",
             f"Rebuilt {b.store}: {b.stats.nodes} nodes, {b.stats.edges} edges, "
             f"{b.corrections} corrections applied"]
    return "\n".join(lines + b.notes)
